package views_test

import (
	"bytes"
	"html/template"
	"testing"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/views"
)

// A select prints the options rendered once per list exactly as the loop
// it replaced printed them, option by option, for every list and any
// selected value (none, each one, one not in the list, a typed string).
func TestSelectOptionsAreTheLoopsOptions(t *testing.T) {
	loop := template.Must(template.New("loop").Funcs(views.Funcs()).Parse(
		`<select>{{$v := .Value}}{{range options .Options}}<option value="{{.Value}}" {{if eq .Value $v}}selected{{end}}>{{.Label}}</option>{{end}}</select>`))
	tags := template.Must(template.New("tags").Funcs(views.Funcs()).Parse(`<select>{{optionTags .Options .Value}}</select>`))
	render := func(tmpl *template.Template, data any) string {
		t.Helper()
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, data); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	type kind string
	for _, lists := range []map[string][]profile.Option{profile.OptionLists, production.OptionLists} {
		for name, opts := range lists {
			values := []any{"", "not-listed", kind(opts[0].Value), `"><script>`}
			for _, o := range opts {
				values = append(values, o.Value)
			}
			for _, v := range values {
				data := map[string]any{"Options": name, "Value": v}
				if got, want := render(tags, data), render(loop, data); got != want {
					t.Fatalf("%s, %q selected:\n got %s\nwant %s", name, v, got, want)
				}
			}
			// A dict without a Value selects nothing, as before.
			data := map[string]any{"Options": name}
			if got, want := render(tags, data), render(loop, data); got != want {
				t.Fatalf("%s without a value:\n got %s\nwant %s", name, got, want)
			}
		}
	}
}
