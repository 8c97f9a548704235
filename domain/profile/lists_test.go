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
