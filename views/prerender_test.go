package views

import (
	"bytes"
	"html/template"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
)

// awkward are values and messages that exercise the escaping: markup,
// quotes, a plus, a NUL, invalid UTF-8, the skeletons' own markers.
var awkward = []string{"", "Maya", `"><script>alert(1)</script>`, "Tom & Jerry's +1", "a\x00b", "\xff\xfe bad", "é—“”", markValue + markID + markError + markOptions, "  spaced  "}

func renderPartial(t *testing.T, r *Renderer, partial string, data any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := r.Render(&buf, partial, data); err != nil {
		t.Fatalf("%s: %v", partial, err)
	}
	return buf.String()
}

// A field printed through its partial's skeleton is byte for byte what
// the partial itself renders, for every kind of field, every state and
// awkward values; and a dict with the same keys renders the same as the
// Field, so forms without a field table keep using the partials.
func TestSkeletonsRenderWhatTheirPartialsRender(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	specs := []struct {
		partial string
		f       Field
	}{
		{"partials/field", Field{Name: "display_name", Label: "Name shown to producers", Autocomplete: "name"}},
		{"partials/field", Field{Name: "email", Label: "Contact e-mail", Type: "email", Hint: "Leave it empty.", Required: true}},
		{"partials/field", Field{Name: "credit_year", ID: "credit_year_2", Label: "Year", Type: "number"}},
		{"partials/field", Field{Name: "x", Label: `Odd "label" <b>`, Hint: "a + b & c"}},
		{"partials/textarea", Field{Name: "bio", Label: "Bio", Hint: "At least 50 characters.", Rows: 6}},
		{"partials/textarea", Field{Name: "equipment", Label: "Equipment"}},
		{"partials/select", Field{Name: "country", Label: "Country", Options: "countries"}},
		{"partials/select", Field{Name: "credit_kind", ID: "credit_kind_0", Label: "Kind", Options: "credit_kinds", Blank: "Any"}},
		{"partials/select", Field{Name: "gender", Label: "Gender", Options: "genders", Hint: "not shown by a select"}},
	}
	for _, spec := range specs {
		values := append([]string{}, awkward...)
		if spec.f.Options != "" {
			for _, o := range options(spec.f.Options)[:2] {
				values = append(values, o.Value)
			}
		}
		for _, v := range values {
			for _, msg := range []string{"", "Enter a year between 1900 and 2028.", `Bad <"&'+>` + "\x00"} {
				f := spec.f
				f.Value, f.Error = v, msg
				got, err := r.skeletons.field(spec.partial, f)
				if err != nil {
					t.Fatalf("%s %q: %v", spec.partial, f.Name, err)
				}
				want := renderPartial(t, r, spec.partial, f)
				if string(got) != want {
					t.Fatalf("%s %q, value %q, message %q:\n got %s\nwant %s", spec.partial, f.Name, v, msg, got, want)
				}
				asDict := map[string]any{"Name": f.Name, "Label": f.Label, "Type": f.Type, "Value": f.Value, "Error": f.Error,
					"Hint": f.Hint, "Autocomplete": f.Autocomplete, "Required": f.Required, "Options": f.Options, "Blank": f.Blank, "Rows": f.Rows}
				if f.ID != "" {
					asDict["ID"] = f.ID
				}
				if f.Rows == 0 {
					delete(asDict, "Rows")
				}
				if d := renderPartial(t, r, spec.partial, asDict); d != want {
					t.Fatalf("%s %q as a dict:\n got %s\nwant %s", spec.partial, f.Name, d, want)
				}
			}
		}
	}
	if _, err := r.skeletons.field("partials/checkboxes", Field{Name: "unions", Options: "unions"}); err == nil {
		t.Error("checkboxes have no skeleton, yet field rendered them")
	}
}

// Skeletons are shared by every field with the same description, and
// hold nothing of any one render: two talents' values and messages for
// the same field, one after the other, each come out alone.
func TestSkeletonsKeepNoValues(t *testing.T) {
	r, err := NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	maya := Field{Name: "phone", Label: "Phone (private)", Type: "tel", Value: "+351 912 345 678", Error: "Maya's phone message"}
	ines := maya
	ines.Value, ines.Error = "+44 20 7946 0000", "Ines's phone message"
	for _, f := range []Field{maya, ines, maya} {
		got, err := r.skeletons.field("partials/field", f)
		if err != nil {
			t.Fatal(err)
		}
		other := ines
		if f.Value == ines.Value {
			other = maya
		}
		otherName, _, _ := strings.Cut(other.Error, "'") // Maya or Ines
		if string(got) != renderPartial(t, r, "partials/field", f) || strings.Contains(string(got), other.Value[5:]) || strings.Contains(string(got), otherName) {
			t.Fatalf("%q's field is not its own:\n%s", f.Value, got)
		}
	}
	r.skeletons.mu.RLock()
	defer r.skeletons.mu.RUnlock()
	for k, sk := range r.skeletons.m {
		all := strings.Join(sk.parts, "")
		if strings.Contains(all, "912") || strings.Contains(all, "7946") || strings.Contains(all, "message") {
			t.Errorf("the skeleton of %+v keeps a value or a message:\n%s", k, all)
		}
	}
}

// escapeHTML is html/template's escaping of a printed string, in text
// and in a quoted attribute, for any bytes.
func TestEscapeHTMLIsHTMLTemplates(t *testing.T) {
	tmpl := template.Must(template.New("").Parse(`{{.}}|<input value="{{.}}">|<textarea>{{.}}</textarea>`))
	rng := rand.New(rand.NewPCG(1, 2))
	inputs := append([]string{}, awkward...)
	alphabet := []byte("<>&'\"+\x00\x01\n\t a\xc3\xa9\xff\xe2\x80")
	for range 2000 {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, s := range inputs {
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, s); err != nil {
			t.Fatal(err)
		}
		e := escapeHTML(s)
		if want := e + `|<input value="` + e + `">|<textarea>` + e + `</textarea>`; buf.String() != want {
			t.Fatalf("%q: html/template gives %q, escapeHTML %q", s, buf.String(), e)
		}
	}
}

// The boxes of a set of checkboxes, rendered once per field and list,
// are what the partial's loop rendered box by box, for every list and
// any ticks.
func TestCheckboxesAreTheLoopsBoxes(t *testing.T) {
	loop := template.Must(template.New("loop").Funcs(Funcs()).Parse(
		`{{$f := .Form}}{{$n := .Name}}{{range options .Options}}
    <label class="check"><input type="checkbox" name="{{$n}}" value="{{.Value}}" {{if fvhas $f $n .Value}}checked{{end}}> {{.Label}}</label>
    {{end}}`))
	tags := template.Must(template.New("tags").Funcs(Funcs()).Parse(
		`{{$n := .Name}}{{range checkTags .Options .Form $n}}
    {{.}}
    {{end}}`))
	render := func(tmpl *template.Template, data any) string {
		t.Helper()
		var buf bytes.Buffer
		if err := tmpl.Execute(&buf, data); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	for _, lists := range []map[string][]profile.Option{profile.OptionLists, production.OptionLists} {
		for list, opts := range lists {
			for _, form := range []url.Values{nil, {}, {list: {opts[0].Value}}, {list: {opts[len(opts)-1].Value, "unlisted", opts[0].Value}}, {"other": {opts[0].Value}}} {
				for _, name := range []string{list, `we"ird`} {
					data := map[string]any{"Name": name, "Options": list, "Form": form}
					if got, want := render(tags, data), render(loop, data); got != want {
						t.Fatalf("%s as %s, form %v:\n got %s\nwant %s", list, name, form, got, want)
					}
				}
			}
		}
	}
}
