package production

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Tab is one of the three lists of people a producer keeps per listing,
// as KastingKafé names them.
type Tab string

// The participation tabs.
const (
	// TabReceived is every application, except the ones withdrawn.
	TabReceived Tab = "received"
	// TabInvitations is every invitation the producer sent, answered or not.
	TabInvitations Tab = "invitations"
	// TabConfirmed is everyone accepted, by application or invitation.
	TabConfirmed Tab = "confirmed"
)

// Tabs are the tabs in the order the page shows them.
var Tabs = []Tab{TabReceived, TabInvitations, TabConfirmed}

// ParseTab reads a tab from a query; anything unknown is the first tab.
func ParseTab(s string) Tab {
	for _, t := range Tabs {
		if string(t) == s {
			return t
		}
	}
	return TabReceived
}

// Label is the tab's title.
func (t Tab) Label() string {
	switch t {
	case TabInvitations:
		return "Invitations sent"
	case TabConfirmed:
		return "Confirmed participations"
	}
	return "Applications received"
}

// Short is the tab's title where space is short (phones).
func (t Tab) Short() string {
	switch t {
	case TabInvitations:
		return "Invitations"
	case TabConfirmed:
		return "Confirmed"
	}
	return "Applications"
}

// States are the states a tab holds, the choices of its state filter.
func (t Tab) States() []State {
	switch t {
	case TabInvitations:
		return []State{Invited, Accepted, NotSelected, Declined, Withdrawn}
	case TabConfirmed:
		return nil // one state: nothing to filter
	}
	return []State{Applied, Accepted, NotSelected}
}

// Holds reports whether a participation belongs in the tab.
func (t Tab) Holds(o Origin, s State) bool {
	switch t {
	case TabInvitations:
		return o == FromInvitation
	case TabConfirmed:
		return s == Accepted
	}
	return o == FromApplication && s != Withdrawn
}

// ProducerLabel is a state as the producer reads it on an applicant card.
func (s State) ProducerLabel() string {
	switch s {
	case Applied:
		return "New"
	case Invited:
		return "Invited"
	case Accepted:
		return "Accepted"
	case NotSelected:
		return "Not selected"
	case Withdrawn:
		return "Withdrawn"
	case Declined:
		return "Declined"
	}
	return string(s)
}

// PeopleSort is the order of a tab.
type PeopleSort string

// The orders: newest first, or by name.
const (
	SortNewest PeopleSort = "date"
	SortName   PeopleSort = "name"
)

// ParseSort reads an order from a query; anything unknown is newest first.
func ParseSort(s string) PeopleSort {
	if s == string(SortName) {
		return SortName
	}
	return SortNewest
}

// PeoplePageSize is how many cards a tab shows at a time.
const PeoplePageSize = 25

// PeopleFilter is what a tab shows: which tab, narrowed by role and
// state, in which order, from which cursor on.
type PeopleFilter struct {
	Tab    Tab
	RoleID int64 // 0: every role
	State  State // "": every state of the tab
	Sort   PeopleSort
	// After is the cursor of the last card already shown ("" for the
	// first page); it comes from PeoplePage.Next.
	After string
}

// Cursor is where a page of a tab ends: keyset pagination on (created_at,
// id) newest first, or (name, id) by name, so the thousandth page costs
// what the first does.
type Cursor struct {
	Time time.Time
	Name string
	ID   int64
}

// Encode writes the cursor for a link, for the given order.
func (c Cursor) Encode(by PeopleSort) string {
	var raw string
	if by == SortName {
		raw = "n:" + strconv.FormatInt(c.ID, 10) + ":" + c.Name
	} else {
		raw = "t:" + strconv.FormatInt(c.ID, 10) + ":" + strconv.FormatInt(c.Time.UnixMicro(), 10)
	}
	return base64.RawURLEncoding.EncodeToString([]byte(raw))
}

// DecodeCursor reads a cursor written by Encode for the same order; a
// cursor of the other order, or one tampered with, is refused.
func DecodeCursor(s string, by PeopleSort) (Cursor, error) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return Cursor{}, fmt.Errorf("production: cursor: %w", err)
	}
	kind, rest, ok1 := strings.Cut(string(b), ":")
	idStr, val, ok2 := strings.Cut(rest, ":")
	id, err := strconv.ParseInt(idStr, 10, 64)
	if !ok1 || !ok2 || err != nil || id <= 0 {
		return Cursor{}, fmt.Errorf("production: cursor %q: malformed", s)
	}
	switch {
	case kind == "n" && by == SortName:
		return Cursor{Name: val, ID: id}, nil
	case kind == "t" && by == SortNewest:
		us, err := strconv.ParseInt(val, 10, 64)
		if err != nil {
			return Cursor{}, fmt.Errorf("production: cursor %q: %w", s, err)
		}
		return Cursor{Time: time.UnixMicro(us).UTC(), ID: id}, nil
	}
	return Cursor{}, fmt.Errorf("production: cursor %q: not for order %s", s, by)
}

// TabCounts is how many participations each tab holds.
type TabCounts struct {
	Received, Invitations, Confirmed int
}

// Of is the count of one tab.
func (c TabCounts) Of(t Tab) int {
	switch t {
	case TabInvitations:
		return c.Invitations
	case TabConfirmed:
		return c.Confirmed
	}
	return c.Received
}

// PeoplePage is one page of a tab: its cards, the counts of every tab,
// and the cursor of the next page ("" on the last).
type PeoplePage struct {
	Rows   []Applicant
	Counts TabCounts
	Next   string
}

// Decided is what a bulk decision did: how many participations moved and
// how many were left as they were because the move does not apply to
// their state (a withdrawn application, an invitation not answered).
type Decided struct {
	Changed, Skipped int
}

// Decision is the notification a producer's move sends the talent, if
// any: accepted and not selected are told, an undo is not (the card goes
// back to waiting, as the talent saw it before).
func Decision(to State, listingTitle, roleName string) (kind, title, body string, ok bool) {
	what := listingTitle
	if roleName != "" && roleName != listingTitle {
		what = roleName + " — " + listingTitle
	}
	switch to {
	case Accepted:
		return "accepted", "You are accepted: " + what,
			"The producer accepted you for " + what + ". They will be in touch through Slate's messages.", true
	case NotSelected:
		return "not_selected", "Not selected: " + what,
			"The producer chose other people for " + what + " this time. Thank you for applying.", true
	}
	return "", "", "", false
}

// InvitationNotice is the notification an invitation sends the talent.
func InvitationNotice(listingTitle, roleName, message string) (title, body string) {
	what := listingTitle
	if roleName != "" && roleName != listingTitle {
		what = roleName + " — " + listingTitle
	}
	body = "A producer invites you to apply for " + what + ". Accept or decline it on My castings."
	if message != "" {
		body += " Their message: “" + message + "”"
	}
	return "You are invited: " + what, body
}

// InviteOutcome is the sentence a producer reads after inviting: sent, or
// why nothing changed (the talent already holds a participation in the
// role, in its state).
func InviteOutcome(created bool, s State) string {
	if created {
		return "Invitation sent. It waits on their My castings page."
	}
	switch s {
	case Invited:
		return "Already invited to this role: nothing was sent again."
	case Applied:
		return "They already applied to this role: see Applications received."
	case Accepted:
		return "They are already accepted for this role."
	case NotSelected:
		return "They were not selected for this role: undo that decision on the listing's people page to reconsider them."
	case Declined:
		return "They declined an invitation to this role already."
	}
	return "They withdrew from this role: nothing was sent."
}

// InviteOption is one role of a published listing a producer may invite a
// talent to.
type InviteOption struct {
	ListingID    int64
	RoleID       int64
	ListingTitle string
	RoleName     string
	Private      bool
}

// Value is the option as the invite form posts it: listing:role.
func (o InviteOption) Value() string {
	return strconv.FormatInt(o.ListingID, 10) + ":" + strconv.FormatInt(o.RoleID, 10)
}

// ParseInviteTarget reads an InviteOption's Value back.
func ParseInviteTarget(s string) (listingID, roleID int64, ok bool) {
	l, r, found := strings.Cut(s, ":")
	lid, err1 := strconv.ParseInt(l, 10, 64)
	rid, err2 := strconv.ParseInt(r, 10, 64)
	if !found || err1 != nil || err2 != nil || lid <= 0 || rid <= 0 {
		return 0, 0, false
	}
	return lid, rid, true
}

// WaitingListing is a listing with applications no one has decided on
// yet, for the producer's dashboard.
type WaitingListing struct {
	ListingID    int64
	ListingTitle string
	ProjectTitle string
	Kind         Kind
	Waiting      int
}
