package production

import "time"

// Choice is where a candidate stands in a closed casting's final
// selection.
type Choice string

// The choices. Undecided is the zero value: nothing chosen yet.
const (
	Undecided Choice = ""
	Included  Choice = "included"
	Excluded  Choice = "excluded"
)

// ParseChoice reads a posted choice; ok is false for anything else.
func ParseChoice(s string) (Choice, bool) {
	switch c := Choice(s); c {
	case Included, Excluded, Undecided:
		return c, true
	}
	if s == "undecided" {
		return Undecided, true
	}
	return "", false
}

// Label is the choice as the producer reads it.
func (c Choice) Label() string {
	switch c {
	case Included:
		return "Included"
	case Excluded:
		return "Excluded"
	}
	return "Undecided"
}

// Candidate reports whether a participation belongs in the final
// selection: an application not withdrawn, or an invitation the talent
// accepted. Invitations still waiting, declined or taken back are not
// candidates.
func Candidate(origin Origin, s State) bool {
	if origin == FromInvitation {
		return s == Accepted
	}
	return s == Applied || s == Accepted || s == NotSelected
}

// DefaultGraceDays is how long after closing the undecided applicants of
// a casting are told "not selected", unless the producer turns it off.
const DefaultGraceDays = 7

// GraceDue is when the undecided of a casting closed at closedAt are told.
func GraceDue(closedAt time.Time, graceDays int) time.Time {
	return closedAt.AddDate(0, 0, graceDays)
}

// SelectionCandidate is one candidate on the final selection screen: an
// applicant card's facts with the participation's Choice and
// ToldNotSelectedAt.
type SelectionCandidate struct {
	Applicant
}

// GroupCounts counts the candidates of a group (a role, or all of them)
// by choice.
type GroupCounts struct {
	Included, Excluded, Undecided int
}

// Total is every candidate of the group.
func (g GroupCounts) Total() int { return g.Included + g.Excluded + g.Undecided }

// Add counts n more candidates with choice c.
func (g *GroupCounts) Add(c Choice, n int) {
	switch c {
	case Included:
		g.Included += n
	case Excluded:
		g.Excluded += n
	default:
		g.Undecided += n
	}
}

// SelectionRole is one role of the listing with its candidates' counts.
type SelectionRole struct {
	ID     int64
	Name   string
	Counts GroupCounts
}

// Selection is a closed listing's final selection as the producer works
// on it: the candidates shown (all, or one role's), the counts per role
// and over all roles, and the grace setting.
type Selection struct {
	Listing    Listing
	Candidates []SelectionCandidate
	Roles      []SelectionRole
	All        GroupCounts
	// AutoNotSelected and GraceDays are the producer's setting: tell the
	// undecided "not selected" GraceDays after closing.
	AutoNotSelected bool
	GraceDays       int
}

// GraceDue is when the undecided are told, for a closed listing.
func (s Selection) GraceDue() time.Time {
	if s.Listing.ClosedAt == nil {
		return time.Time{}
	}
	return GraceDue(*s.Listing.ClosedAt, s.GraceDays)
}

// NotSelectedNotice is the notification the grace period sends an
// applicant the producer did not answer.
func NotSelectedNotice(listingTitle string) (title, body string) {
	return "Not selected: " + listingTitle,
		"The casting “" + listingTitle + "” has closed and the producer chose other people this time. Thank you for applying."
}

// FinalLabel is a participation's state as the talent reads it on "My
// castings" once its listing has closed. The producer's final selection is
// a draft until the talent is told (told: by the grace period's "not
// selected" now, by the group message when it is sent): until then a
// talent sees "Closed, awaiting", never the producer's include / exclude
// toggles as they change. Once told, Included reads Selected and anything
// else Not selected. A decision made and sent before the close stands
// (Accepted, Not selected). While the listing is open it is State.Label.
func FinalLabel(s State, closed bool, c Choice, told bool) string {
	if !closed || s == Withdrawn || s == Declined || s == Invited {
		return s.Label(closed)
	}
	switch {
	case told && c == Included:
		return "Selected"
	case told || s == NotSelected:
		return "Not selected"
	case s == Accepted:
		return "Accepted"
	}
	return "Closed, awaiting"
}

// FinalClass names a label of FinalLabel for its badge's colour: the
// state's own name, or the state the final answer reads like.
func FinalClass(label string, s State) string {
	switch label {
	case "Closed", "Closed, awaiting":
		return "closed"
	case "Selected":
		return string(Accepted)
	case "Not selected":
		return string(NotSelected)
	}
	return string(s)
}
