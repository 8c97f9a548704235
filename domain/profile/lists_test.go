package profile

import (
	"slices"
	"testing"
)

// TestRowListsAreWellFormed checks the row tables themselves, so a
// mistake in a new list or field fails here rather than in a form.
func TestRowListsAreWellFormed(t *testing.T) {
	t.Parallel()
	prefixes := map[string]bool{}
	for _, l := range rowLists {
		for _, m := range l.mistakes() {
			t.Error(m)
		}
		v := l.view()
		if prefixes[v.Prefix] {
			t.Errorf("two lists use the prefix %q", v.Prefix)
		}
		prefixes[v.Prefix] = true
		if !slices.ContainsFunc(Sections, func(s Section) bool { return s.Name == l.section() }) {
			t.Errorf("list %s is in the unknown section %q", v.Prefix, l.section())
		}
	}
	var got []string
	for _, s := range Sections {
		for _, v := range s.Lists() {
			got = append(got, s.Name+":"+v.Prefix)
		}
	}
	if want := []string{"skills:language", "credits:credit", "credits:training", "links:link"}; !slices.Equal(got, want) {
		t.Errorf("section lists %q, want %q", got, want)
	}
}

// TestInputsAreFieldsOfTheSections checks every input describes a field
// some section's form posts, and names a known option list.
func TestInputsAreFieldsOfTheSections(t *testing.T) {
	t.Parallel()
	posted := map[string]bool{}
	for _, s := range Sections {
		for _, p := range []Profile{fullPerformer(), fullCrew()} {
			for k := range Values(s.Name, p) {
				posted[k] = true
			}
		}
	}
	for name, in := range Inputs {
		if !posted[name] {
			t.Errorf("Inputs[%q] is no section's field", name)
		}
		if in.Label == "" {
			t.Errorf("Inputs[%q] has no label", name)
		}
		if _, ok := OptionLists[in.Options]; in.Options != "" && !ok {
			t.Errorf("Inputs[%q]: no option list %q", name, in.Options)
		}
	}
}
