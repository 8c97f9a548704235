package production

import "testing"

func TestFinalLabel(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		state  State
		closed bool
		choice Choice
		told   bool
		want   string
	}{
		{Applied, false, Undecided, false, "Applied"},
		{Applied, true, Undecided, false, "Closed, awaiting"},
		// The producer's toggles stay theirs until the talent is told.
		{Applied, true, Included, false, "Closed, awaiting"},
		{Applied, true, Excluded, false, "Closed, awaiting"},
		{Applied, true, Included, true, "Selected"},
		{Applied, true, Excluded, true, "Not selected"},
		{Applied, true, Undecided, true, "Not selected"},
		{Accepted, true, Undecided, false, "Accepted"},
		{Accepted, true, Included, false, "Accepted"},
		{Accepted, true, Excluded, false, "Accepted"},
		{NotSelected, true, Undecided, false, "Not selected"},
		{Withdrawn, true, Undecided, false, "Withdrawn"},
		{Declined, true, Undecided, false, "Declined"},
		{Invited, true, Undecided, false, "Closed"},
	} {
		if got := FinalLabel(c.state, c.closed, c.choice, c.told); got != c.want {
			t.Errorf("FinalLabel(%s, closed %v, %q, told %v) = %q, want %q", c.state, c.closed, c.choice, c.told, got, c.want)
		}
	}
}

func TestCandidateAndChoice(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		origin Origin
		state  State
		want   bool
	}{
		{FromApplication, Applied, true}, {FromApplication, Accepted, true}, {FromApplication, NotSelected, true},
		{FromApplication, Withdrawn, false}, {FromInvitation, Accepted, true}, {FromInvitation, Invited, false},
		{FromInvitation, Declined, false}, {FromInvitation, Withdrawn, false},
	} {
		if got := Candidate(c.origin, c.state); got != c.want {
			t.Errorf("Candidate(%s, %s) = %v", c.origin, c.state, got)
		}
	}
	for in, want := range map[string]Choice{"included": Included, "excluded": Excluded, "undecided": Undecided, "": Undecided} {
		if got, ok := ParseChoice(in); !ok || got != want {
			t.Errorf("ParseChoice(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := ParseChoice("maybe"); ok {
		t.Error("ParseChoice accepts maybe")
	}
}
