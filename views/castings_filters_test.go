package views_test

import (
	"bytes"
	"net/url"
	"testing"

	"github.com/slatecasting/slate/handlers"
)

// The browse form's fields, now prepared views.Fields printed through
// their skeletons, render what the dicts they replaced rendered through
// the same partials (TestSkeletonsRenderWhatTheirPartialsRender proves a
// skeleton prints its partial's output).
func TestBrowseFiltersRenderAsTheirDicts(t *testing.T) {
	engine, _ := allFixtures(t)
	page := &handlers.BrowsePage{Filter: url.Values{"role_type": {"actor"}, "country": {"PT"}, "city": {`Lis"<b>`},
		"department": {"editing"}, "project_type": {"feature"}, "deadline_after": {"2027-01-02"}}}
	fv := page.Filter.Get
	for _, tc := range []struct {
		partial, name string
		dict          map[string]any
	}{
		{"partials/select", "department", map[string]any{"Name": "department", "Label": "Department", "Options": "departments", "Value": fv("department"), "Blank": "Any department"}},
		{"partials/select", "role_type", map[string]any{"Name": "role_type", "Label": "Role type", "Options": "listing_roles", "Value": fv("role_type"), "Blank": "Any role type"}},
		{"partials/select", "country", map[string]any{"Name": "country", "Label": "Country", "Options": "countries", "Value": fv("country"), "Blank": "Any country"}},
		{"partials/field", "city", map[string]any{"Name": "city", "Label": "City", "Type": "search", "Value": fv("city"), "Hint": "The start of the name is enough."}},
		{"partials/select", "project_type", map[string]any{"Name": "project_type", "Label": "Project type", "Options": "project_types", "Value": fv("project_type"), "Blank": "Any project"}},
		{"partials/field", "deadline_after", map[string]any{"Name": "deadline_after", "Label": "Still open on", "Type": "date", "Value": fv("deadline_after")}},
	} {
		var want, got bytes.Buffer
		if err := engine.Render(&want, tc.partial, tc.dict); err != nil {
			t.Fatal(err)
		}
		if err := engine.Render(&got, tc.partial, page.FilterField(tc.name)); err != nil {
			t.Fatal(err)
		}
		if want.String() != got.String() {
			t.Errorf("%s: the field renders\n%s\nthe dict rendered\n%s", tc.name, got.String(), want.String())
		}
	}
}
