package views_test

import (
	"bytes"
	"testing"
)

// BenchmarkHeavyPages renders the fixtures of the pages the load bench
// finds heaviest, in their layout, reporting allocations: a quick,
// quiet-machine measure of template changes before the load bench
// (go test -run '^$' -bench HeavyPages -benchmem ./views/).
func BenchmarkHeavyPages(b *testing.B) {
	t := &testing.T{}
	engine, fx := allFixtures(t)
	for _, name := range []string{"moderation/review", "moderation/photo", "applicants/people", "applicants/card",
		"profile/media", "profile/edit", "closing/selection", "outbox/index"} {
		data := fx[name]
		if data == nil {
			b.Fatalf("no fixture for %s", name)
		}
		b.Run(name, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				buf.Reset()
				if err := engine.Render(&buf, name, data, "layouts/main"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
