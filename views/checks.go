package views

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"sync"
)

// Checkboxes are rendered like a select's options (options.go): each box
// of each set, ticked and not, once by the partials/check template, then
// picked per render by what the form holds. A set's boxes carry its field
// name, so they are made per name and option list on first use; names
// and lists come from templates and code, never from a request.

var checkTagSets = struct {
	mu  sync.RWMutex
	t   *template.Template
	err error
	m   map[[2]string][]checkTag
}{m: map[[2]string][]checkTag{}}

// checkTag is one box rendered both ways.
type checkTag struct {
	value          string
	plain, checked template.HTML
}

// checkTags returns the boxes of the option list called list for the
// field name, ticked where form holds their value under name.
func checkTags(list string, form url.Values, name string) ([]template.HTML, error) {
	tags, err := checkTagsFor(list, name)
	if err != nil {
		return nil, err
	}
	ticked := form[name]
	out := make([]template.HTML, len(tags))
	for i, t := range tags {
		if slices.Contains(ticked, t.value) {
			out[i] = t.checked
		} else {
			out[i] = t.plain
		}
	}
	return out, nil
}

func checkTagsFor(list, name string) ([]checkTag, error) {
	key := [2]string{list, name}
	s := &checkTagSets
	s.mu.RLock()
	tags, ok := s.m[key]
	s.mu.RUnlock()
	if ok {
		return tags, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.t == nil && s.err == nil {
		s.t, s.err = template.ParseFS(FS, "partials/check.html")
	}
	if s.err != nil {
		return nil, fmt.Errorf("views: check template: %w", s.err)
	}
	opts := options(list)
	tags = make([]checkTag, len(opts))
	for i, o := range opts {
		tags[i].value = o.Value
		for _, checked := range []bool{false, true} {
			var buf bytes.Buffer
			box := struct {
				Name, Value, Label string
				Checked            bool
			}{name, o.Value, o.Label, checked}
			if err := s.t.Execute(&buf, box); err != nil {
				return nil, err
			}
			if checked {
				tags[i].checked = template.HTML(buf.String())
			} else {
				tags[i].plain = template.HTML(buf.String())
			}
		}
	}
	if len(s.m) >= maxSkeletons {
		clear(s.m)
	}
	s.m[key] = tags
	return tags, nil
}
