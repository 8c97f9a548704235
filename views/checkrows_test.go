package views_test

import (
	"bytes"
	"html/template"
	"math"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/views"
)

// oldCheckRows is the review's check table as the photo card printed it
// value by value, before {{checkRows}}.
const oldCheckRows = `<tbody>
      {{range .}}
        <tr class="mod-check-{{.Status}}"><td>{{.Name}}</td><td><strong>{{.Status}}</strong> · {{.Message}}</td><td>{{.Value}}{{with .Detail}} <span class="muted">{{.}}</span>{{end}}</td></tr>
      {{end}}
      </tbody>`

// The check rows' skeleton prints what the range printed, for values that
// need escaping and floats of every form.
func TestCheckRowsRenderAsTheirRange(t *testing.T) {
	checks := []photocheck.CheckResult{
		{Name: "blur", Status: "fail", Message: `Blurred <b>"a lot"</b> & 'more' + less`, Value: 3.2},
		{Name: "resolution", Status: "warn", Message: "Small.", Value: 800, Detail: "short side <800 & up>"},
		{Name: "x\x00y", Status: "pass", Message: "", Value: 1e21, Detail: ""},
		{Name: "tiny", Status: "pass", Message: "ok", Value: 0.000001234, Detail: "+"},
		{Name: "nan", Status: "pass", Message: "ok", Value: math.NaN()},
		{Name: "neg", Status: "pass", Message: "ok", Value: math.Inf(-1), Detail: "é"},
	}
	var want bytes.Buffer
	if err := template.Must(template.New("old").Parse(oldCheckRows)).Execute(&want, checks); err != nil {
		t.Fatal(err)
	}
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	page := &handlers.ReviewPhotoPage{Ph: handlers.ReviewPhoto{ID: 3, Status: domain.PhotoFailed, Checks: checks}}
	if err := engine.Render(&got, "moderation/photo", page); err != nil {
		t.Fatal(err)
	}
	html := got.String()
	from, to := strings.Index(html, "<tbody>"), strings.Index(html, "</tbody>")
	if from < 0 || to < 0 {
		t.Fatalf("no check table:\n%s", html)
	}
	if rows := html[from : to+len("</tbody>")]; rows != want.String() {
		t.Errorf("check rows:\n%s\nwant\n%s", rows, want.String())
	}
}
