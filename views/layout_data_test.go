package views_test

import (
	"bytes"
	"maps"
	"sort"
	"strings"
	"testing"

	"github.com/slatecasting/slate/views"
)

// The layout reads the embedded Page alone (views.LayoutDataer): for every
// page fixture, it prints byte for byte what it prints when it reads the
// whole page's data, as it did before. The second render executes the
// layout directly on the page, whose Content the first one embedded.
func TestLayoutOnThePageAloneIsByteIdentical(t *testing.T) {
	engine, fx := allFixtures(t)
	var names []string
	for name, data := range fx {
		if !strings.HasPrefix(name, "partials/") && !strings.HasPrefix(name, "layouts/") && isPage(data) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	if len(names) < 20 {
		t.Fatalf("only %d page fixtures", len(names))
	}
	for _, name := range names {
		var fast, whole bytes.Buffer
		if err := engine.Render(&fast, name, fx[name], "layouts/main"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := engine.Render(&whole, "layouts/main", fx[name]); err != nil {
			t.Fatalf("%s on the whole page: %v", name, err)
		}
		if fast.String() != whole.String() {
			t.Errorf("%s: the layout on the Page alone differs from the layout on the whole page:\n%s\n----\n%s", name, fast.String(), whole.String())
		}
	}
}

// allFixtures is the renderer and every template's fixture.
func allFixtures(t *testing.T) (*views.Renderer, map[string]any) {
	t.Helper()
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	fx := fixtures()
	maps.Copy(fx, accountFixtures())
	return engine, fx
}
