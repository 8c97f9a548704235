package media_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/casting/media"
	"github.com/slatecasting/slate/internal/fixtures"
)

// The worker, command-line, handler and browser tests and the demo data
// use the shared fixtures and count on these verdicts: keep them.
func TestFixturesContract(t *testing.T) {
	t.Parallel()
	run := func(t *testing.T, data []byte, kind media.Kind) media.Report {
		t.Helper()
		res, err := media.Process(bytes.NewReader(data), kind, media.ProcessOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Report
	}
	t.Run("headshot passes", func(t *testing.T) {
		t.Parallel()
		r := run(t, fixtures.JPEG(fixtures.Headshot(1000, 1250), 90), media.KindHeadshot)
		if r.Verdict != media.Pass || len(r.Checks) < 6 || check(r, "face").Status != media.Pass {
			t.Fatalf("%s", dump(r))
		}
	})
	// The sizes and seeds the browser tests (1200×1600, 1–5), the demo
	// (both orientations, 100–105) and the worker tests (800×1000) use.
	for _, p := range [][3]int{{1200, 1600, 1}, {1200, 1600, 5}, {1200, 1600, 100}, {1600, 1200, 101}, {800, 1000, 6}} {
		t.Run("book photo passes", func(t *testing.T) {
			t.Parallel()
			if r := run(t, fixtures.JPEG(fixtures.Photo(p[0], p[1], uint64(p[2])), 90), media.KindBook); r.Verdict != media.Pass {
				t.Fatalf("Photo(%d, %d, %d): %s", p[0], p[1], p[2], dump(r))
			}
		})
	}
	t.Run("blurred photo fails", func(t *testing.T) {
		t.Parallel()
		r := run(t, fixtures.JPEG(imaging.Blur(fixtures.Photo(1200, 1600, 3), 8), 90), media.KindBook)
		if r.Verdict != media.Fail || !strings.Contains(messages(r), "upload a sharp, professional photo") {
			t.Fatalf("%s", dump(r))
		}
	})
	t.Run("faceless headshot fails", func(t *testing.T) {
		t.Parallel()
		r := run(t, fixtures.JPEG(fixtures.Photo(1200, 1600, 5), 90), media.KindHeadshot)
		if r.Verdict != media.Fail || !strings.Contains(messages(r), "could not find a face") {
			t.Fatalf("%s", dump(r))
		}
	})
}
