package views_test

import (
	"bytes"
	"html/template"
	"maps"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/slatecasting/slate/views"
)

// The layout reads the embedded Page alone (views.LayoutDataer): for every
// page fixture, it prints byte for byte what it prints when it reads the
// whole page's data, as it did before. The second render executes the
// layout directly on the page, with the page's own HTML embedded by hand.
// The renderer takes its (uncopied) HTML back from the page after the
// layout: the test checks that too.
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
		var fast, content, whole bytes.Buffer
		if err := engine.Render(&fast, name, fx[name], "layouts/main"); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if kept := reflect.Indirect(reflect.ValueOf(fx[name])).FieldByName("Content").String(); kept != "" {
			t.Fatalf("%s: the page kept %d bytes of the renderer's buffer", name, len(kept))
		}
		if err := engine.Render(&content, name, fx[name]); err != nil {
			t.Fatal(err)
		}
		fx[name].(views.Embedder).Embed(template.HTML(content.String()))
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
