package views

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"sync"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
)

// A select's options are the same for everyone but for the one selected,
// and the long lists are long: rendering the 249 countries option by
// option cost three template calls each (the comparison and two
// escapers), a third of the profile editor's render. So every option of
// every list is rendered once, unselected and selected, by the
// partials/option template itself (html/template does the escaping), and
// a select is the concatenation of those, picked by the selected value:
// one call per select.

// optionTag is one option rendered both ways.
type optionTag struct {
	value           string
	plain, selected string
}

var (
	optionTagsOnce sync.Once
	optionTagsErr  error
	// optionTagLists holds every list's options, by list name, as
	// partials/option renders them. Built on first use, after every
	// package's lists are set; never written again.
	optionTagLists map[string][]optionTag
)

// optionTags is every option of the list called list, as partials/option
// renders them, the ones whose value is selected marked so: what the
// select partial prints between its blank option and </select>. selected
// is a string (or a type made of one), or nothing: a partial's dict
// without a Value selects none.
func optionTags(list string, selected any) (template.HTML, error) {
	tags, err := optionList(list)
	if err != nil {
		return "", err
	}
	var value string
	if selected == markValue {
		return markOptions, nil // a select's skeleton: the options are filled in per render
	}
	if selected != nil {
		v := reflect.ValueOf(selected)
		if v.Kind() != reflect.String {
			return "", fmt.Errorf("views: the selected value of %s is a %T, not a string", list, selected)
		}
		value = v.String()
	}
	var b strings.Builder
	b.Grow(optionsLen(tags))
	writeOptionTags(&b, tags, value)
	return template.HTML(b.String()), nil
}

// optionList is the rendered options of the list called list.
func optionList(list string) ([]optionTag, error) {
	optionTagsOnce.Do(func() { optionTagLists, optionTagsErr = renderOptionTags() })
	if optionTagsErr != nil {
		return nil, optionTagsErr
	}
	tags, ok := optionTagLists[list]
	if !ok {
		return nil, fmt.Errorf("views: unknown option list %q", list)
	}
	return tags, nil
}

// optionsLen is at least the length of tags written with any selection.
func optionsLen(tags []optionTag) int {
	n := 0
	for _, t := range tags {
		n += len(t.selected)
	}
	return n
}

// writeOptionTags writes tags into b, those of value selected: a select
// skeleton writes them straight into its own output, not through a
// string of their own.
func writeOptionTags(b *strings.Builder, tags []optionTag, value string) {
	for _, t := range tags {
		if t.value == value {
			b.WriteString(t.selected)
		} else {
			b.WriteString(t.plain)
		}
	}
}

// renderOptionTags renders every option of every list (the profile's and
// the producer's forms') through partials/option.
func renderOptionTags() (map[string][]optionTag, error) {
	t, err := template.ParseFS(FS, "partials/option.html")
	if err != nil {
		return nil, fmt.Errorf("views: option template: %w", err)
	}
	render := func(o profile.Option, selected bool) (string, error) {
		var buf bytes.Buffer
		err := t.Execute(&buf, struct {
			Value, Label string
			Selected     bool
		}{o.Value, o.Label, selected})
		return buf.String(), err
	}
	out := map[string][]optionTag{}
	for _, lists := range []map[string][]profile.Option{production.OptionLists, profile.OptionLists} {
		for name, opts := range lists {
			if _, dup := out[name]; dup {
				continue // options() prefers the producer's list; so does this
			}
			tags := make([]optionTag, len(opts))
			for i, o := range opts {
				tags[i].value = o.Value
				if tags[i].plain, err = render(o, false); err != nil {
					return nil, err
				}
				if tags[i].selected, err = render(o, true); err != nil {
					return nil, err
				}
			}
			out[name] = tags
		}
	}
	return out, nil
}
