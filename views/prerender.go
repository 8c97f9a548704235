package views

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"
	"sync"
)

// A field partial costs a dozen template calls (every printed value goes
// through an escaper, called by reflection), and the profile editor has
// some sixty fields whose labels, names, hints and types never change:
// only the value, the message and (for a repeated row) the id do. So
// {{field "partials/field" .}} renders a Field through a skeleton of its
// partial: the partial's own output for the field's fixed parts, rendered
// once with markers where the value, the id, the message and a select's
// options go, then filled in on every render by plain concatenation, the
// value and the message escaped exactly as html/template escapes them
// there. The markup stays in the partial's template; a skeleton is checked
// against a direct render of the partial when it is made.
//
// Skeletons are kept per process, keyed by the field's fixed parts only
// (partial, name, label, type, hint, autocomplete, options list, rows,
// required, and whether there is a message): never a value or a message,
// so one person's input can never appear in another's page.

// The markers: private-use characters, which no escaper changes and no
// field description contains.
const (
	markValue   = "\uE001"
	markID      = "\uE002"
	markError   = "\uE003"
	markOptions = "\uE004"
)

// maxSkeletons bounds the cache; field descriptions come from code, so a
// process needs a few hundred at most.
const maxSkeletons = 4096

// skeletonKey is a field's fixed parts and the partial that renders it.
type skeletonKey struct {
	partial                                         string
	name, label, typ, hint, autocomplete, opts, blk string
	rows                                            int
	required, hasError                              bool
}

// skeleton is a partial's output cut at its markers: parts[0] hole[0]
// parts[1] hole[1] … parts[n].
type skeleton struct {
	parts []string
	holes []string // the marker at each hole
}

// skeletons caches the skeletons of one template set.
type skeletons struct {
	t  *template.Template
	mu sync.RWMutex
	m  map[skeletonKey]*skeleton
}

// field renders f through the named partial's skeleton (made on first
// use). Only partials/field, partials/textarea and partials/select are
// rendered this way; checkboxes keep their template.
func (s *skeletons) field(partial string, f Field) (template.HTML, error) {
	switch partial {
	case "partials/field", "partials/textarea", "partials/select":
	default:
		return "", fmt.Errorf("views: %s is not rendered from a skeleton", partial)
	}
	key := skeletonKey{partial: partial, name: f.Name, label: f.Label, typ: f.Type, hint: f.Hint,
		autocomplete: f.Autocomplete, opts: f.Options, blk: f.Blank, rows: f.Rows, required: f.Required, hasError: f.Error != ""}
	s.mu.RLock()
	sk := s.m[key]
	s.mu.RUnlock()
	if sk == nil {
		var err error
		if sk, err = s.make(key, f); err != nil {
			return "", err
		}
	}
	return sk.fill(f)
}

// make renders the skeleton of key, checks it against a direct render of
// f and keeps it.
func (s *skeletons) make(key skeletonKey, f Field) (*skeleton, error) {
	marked := f
	marked.Value, marked.ID, marked.Form = markValue, markID, nil
	if key.hasError {
		marked.Error = markError
	}
	out, err := s.render(key.partial, marked)
	if err != nil {
		return nil, err
	}
	sk := cut(out)
	// The skeleton must give what the partial gives, for this field.
	got, err := sk.fill(f)
	if err != nil {
		return nil, err
	}
	want, err := s.render(key.partial, f)
	if err != nil {
		return nil, err
	}
	if string(got) != want {
		return nil, fmt.Errorf("views: the skeleton of %s for %q renders\n%s\ninstead of\n%s", key.partial, f.Name, got, want)
	}
	s.mu.Lock()
	if len(s.m) >= maxSkeletons {
		clear(s.m)
	}
	s.m[key] = sk
	s.mu.Unlock()
	return sk, nil
}

func (s *skeletons) render(partial string, f Field) (string, error) {
	var buf bytes.Buffer
	if err := s.t.ExecuteTemplate(&buf, partial, f); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// fieldMarks are the markers of a field's skeleton.
var fieldMarks = []string{markValue, markID, markError, markOptions}

// cut splits a marked render at its markers (fieldMarks unless given).
func cut(out string, marks ...string) *skeleton {
	if len(marks) == 0 {
		marks = fieldMarks
	}
	sk := &skeleton{}
	for {
		i, mark := -1, ""
		for _, m := range marks {
			if j := strings.Index(out, m); j >= 0 && (i < 0 || j < i) {
				i, mark = j, m
			}
		}
		if i < 0 {
			sk.parts = append(sk.parts, out)
			return sk
		}
		sk.parts = append(sk.parts, out[:i])
		sk.holes = append(sk.holes, mark)
		out = out[i+len(mark):]
	}
}

// fill writes the skeleton with f's value, id, message and options.
func (sk *skeleton) fill(f Field) (template.HTML, error) {
	var b strings.Builder
	n := 0
	for _, p := range sk.parts {
		n += len(p)
	}
	var tags []optionTag
	for _, h := range sk.holes {
		if h == markOptions {
			var err error
			if tags, err = optionList(f.Options); err != nil {
				return "", err
			}
			n += optionsLen(tags)
		}
	}
	b.Grow(n + 4*(len(f.Value)+len(f.Error)+len(f.ID)+len(f.Name)) + 64)
	for i, p := range sk.parts {
		b.WriteString(p)
		if i == len(sk.holes) {
			break
		}
		switch sk.holes[i] {
		case markValue:
			b.WriteString(escapeHTML(f.Value))
		case markError:
			b.WriteString(escapeHTML(f.Error))
		case markID:
			id := f.ID
			if id == "" {
				id = f.Name
			}
			b.WriteString(escapeHTML(id))
		case markOptions:
			writeOptionTags(&b, tags, f.Value)
		}
	}
	return template.HTML(b.String()), nil
}

// escapeHTML escapes a string as html/template does in the places a
// field's value, id and message are printed (a quoted attribute, text, a
// textarea): its htmlReplacementTable, the same in all three.
var escapeHTML = strings.NewReplacer(
	"\x00", "\uFFFD",
	`"`, "&#34;",
	"&", "&amp;",
	"'", "&#39;",
	"+", "&#43;",
	"<", "&lt;",
	">", "&gt;",
).Replace
