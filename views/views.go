// Package views holds Slate's HTML templates, embedded in the binary:
// layouts/, partials/ and one folder per area. A template's name is its
// path without ".html" (for example "auth/login_form"); every fragment an
// htmx request can ask for is its own file.
package views

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unsafe"

	"github.com/gofiber/template/html/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
)

//go:embed layouts partials */*.html
var FS embed.FS

// Engine parses every template with Slate's helper functions.
func Engine() *html.Engine {
	e := html.NewFileSystem(http.FS(FS), ".html")
	e.AddFuncMap(Funcs())
	return e
}

// Embedder is page data that carries the page's own HTML into its layout:
// the layout prints it with {{.Content}}.
type Embedder interface {
	Embed(content template.HTML)
}

// LayoutDataer is page data that hands its layout only the part the layout
// reads (the handlers' embedded Page). The layout then finds .Title,
// .CSRF, .User… as direct fields: looked up on the whole page, a field of
// an embedded struct costs reflect a FieldByNameFunc walk, with its maps,
// at every action of the layout and the navigation.
type LayoutDataer interface {
	LayoutData() any
}

// Renderer renders the templates the engine parsed, as Fiber's views. The
// engine's own Render takes one process-wide lock for the whole of every
// page with a layout (it swaps its embed function under it), so pages
// rendered one at a time however many cores serve them. Renderer renders
// the page first, hands its HTML to the layout as data (Embedder) and
// executes the layout: html/template is safe to execute from many
// goroutines, so pages render in parallel.
type Renderer struct {
	t *template.Template
	// skeletons render the prepared fields (the field func, prerender.go).
	skeletons *skeletons
	// memo keeps the renders of Keyed fragments (memo.go).
	memo *memo
}

// NewRenderer parses every template once.
func NewRenderer() (*Renderer, error) {
	e := Engine()
	sk := &skeletons{m: map[skeletonKey]*skeleton{}}
	// {{field "partials/field" .}}: a Field through its partial's skeleton.
	e.AddFunc("field", sk.field)
	// {{checkRows .Checks}}: a photo's check table rows (checkrows.go).
	rows := &checkRowSkeletons{}
	e.AddFunc("checkRows", rows.render)
	// {{nav .Nav}}: the top bar through its skeleton (nav.go).
	bar := &navSkeletons{m: map[navKey]*skeleton{}}
	e.AddFunc("nav", bar.render)
	if err := e.Load(); err != nil {
		return nil, fmt.Errorf("views: %w", err)
	}
	sk.t = e.Templates
	rows.t = e.Templates
	bar.t = e.Templates
	return &Renderer{t: e.Templates, skeletons: sk, memo: &memo{m: map[memoKey][]byte{}}}, nil
}

// Load is part of fiber.Views: the templates are parsed already.
func (r *Renderer) Load() error { return nil }

// Render writes template name with data; with a layout, data must be an
// Embedder, and the page is rendered inside it.
func (r *Renderer) Render(w io.Writer, name string, data any, layout ...string) error {
	if len(layout) == 0 || layout[0] == "" {
		if k, ok := data.(Keyed); ok {
			if key, ok := k.RenderKey(); ok {
				return r.memo.render(w, r, name, key, data)
			}
		}
		return r.t.ExecuteTemplate(w, name, data)
	}
	page, ok := data.(Embedder)
	if !ok {
		return fmt.Errorf("views: %s in layout %s: %T cannot carry its content", name, layout[0], data)
	}
	buf := bufPool.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		bufPool.Put(buf)
	}()
	if err := r.t.ExecuteTemplate(buf, name, data); err != nil {
		return err
	}
	// The page's HTML goes to the layout without a copy: a string over the
	// pooled buffer's bytes, valid until the deferred Reset, and taken
	// back from the page before then, so nothing keeps it.
	var content string
	if buf.Len() > 0 {
		content = unsafe.String(&buf.Bytes()[0], buf.Len())
	}
	page.Embed(template.HTML(content))
	defer page.Embed("")
	if l, ok := data.(LayoutDataer); ok {
		data = l.LayoutData()
	}
	return r.t.ExecuteTemplate(w, layout[0], data)
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Version identifies this build's templates: a hash of every embedded
// file, the same in every process of one build. A fragment's validator
// includes it, so a deploy that changes a template never leaves a browser
// revalidating its copy of the old HTML.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	_ = fs.WalkDir(FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := FS.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", path, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil)[:8])
})

// Funcs are the helpers templates may call.
func Funcs() template.FuncMap {
	return template.FuncMap{
		"dict":     dict,
		"initials": initials,
		"ago":      ago,
		"date":     func(t time.Time) string { return t.Format("2 Jan 2006") },
		"eq_role":  func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
		"fv":       func(f url.Values, k string) string { return f.Get(k) },
		"fvhas":    func(f url.Values, k, v string) bool { return slices.Contains(f[k], v) },
		"options":  options,
		// optionTags prints a select's options (see options.go).
		"optionTags": optionTags,
		"checkTags":  checkTags,
		"label":      func(list, v string) string { return profile.Label(options(list), v) },
		"labels": func(list string, vs []string) string {
			return strings.Join(profile.Labels(options(list), vs), ", ")
		},
		"errAt":     func(e domain.FieldErrors, field string, i int) string { return e[fmt.Sprintf("%s_%d", field, i)] },
		"hasPrefix": strings.HasPrefix,
		"get":       get,
		"mb":        func(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) },
		"has": func(list []string, v string) bool {
			for _, s := range list {
				if s == v {
					return true
				}
			}
			return false
		},
	}
}

// get reads a form's messages, which may be nil (no errors yet).
func get(e domain.FieldErrors, key string) string { return e[key] }

// options is an option list by name: the producer's forms' lists, then
// the profile's (which panics on an unknown name: a template typo, caught
// by the render test).
func options(name string) []profile.Option {
	if opts, ok := production.OptionLists[name]; ok {
		return opts
	}
	return profile.Options(name)
}

// dict builds a map for passing several values to a partial.
func dict(kv ...any) (map[string]any, error) {
	if len(kv)%2 != 0 {
		return nil, fmt.Errorf("dict: odd number of arguments")
	}
	m := make(map[string]any, len(kv)/2)
	for i := 0; i < len(kv); i += 2 {
		k, ok := kv[i].(string)
		if !ok {
			return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
		}
		m[k] = kv[i+1]
	}
	return m, nil
}

// initials are the avatar letters for a name.
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				b.WriteRune(unicode.ToUpper(r))
				break
			}
		}
		if b.Len() >= 2 {
			break
		}
	}
	if b.Len() == 0 {
		return "?"
	}
	return b.String()
}

// ago says how long ago t was, in words.
func ago(t time.Time) string {
	d := time.Since(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%d min ago", int(d.Minutes()))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d h ago", int(d.Hours()))
	case d < 7*24*time.Hour:
		return fmt.Sprintf("%d days ago", int(d.Hours()/24))
	}
	return t.Format("2 Jan 2006")
}
