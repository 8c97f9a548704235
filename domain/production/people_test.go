package production

import (
	"testing"
	"time"
)

func TestTabsHoldTheirParticipations(t *testing.T) {
	t.Parallel()
	tests := []struct {
		origin                       Origin
		state                        State
		received, invitations, confd bool
	}{
		{FromApplication, Applied, true, false, false},
		{FromApplication, Accepted, true, false, true},
		{FromApplication, NotSelected, true, false, false},
		{FromApplication, Withdrawn, false, false, false},
		{FromInvitation, Invited, false, true, false},
		{FromInvitation, Accepted, false, true, true},
		{FromInvitation, Declined, false, true, false},
		{FromInvitation, Withdrawn, false, true, false},
	}
	for _, tt := range tests {
		got := [3]bool{TabReceived.Holds(tt.origin, tt.state), TabInvitations.Holds(tt.origin, tt.state), TabConfirmed.Holds(tt.origin, tt.state)}
		if got != [3]bool{tt.received, tt.invitations, tt.confd} {
			t.Errorf("%s %s: received/invitations/confirmed = %v", tt.origin, tt.state, got)
		}
		if tt.state.ProducerLabel() == string(tt.state) {
			t.Errorf("%s has no label", tt.state)
		}
	}
	for in, want := range map[string]Tab{"": TabReceived, "invitations": TabInvitations, "confirmed": TabConfirmed, "nope": TabReceived} {
		if got := ParseTab(in); got != want {
			t.Errorf("ParseTab(%q) = %s", in, got)
		}
	}
	// A tab's state filter offers only states the tab holds.
	for _, tab := range Tabs {
		for _, s := range tab.States() {
			o := FromApplication
			if tab == TabInvitations {
				o = FromInvitation
			}
			if !tab.Holds(o, s) {
				t.Errorf("%s offers %s, which it never holds", tab, s)
			}
		}
	}
}

func TestCursorRoundTrips(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 5, 1, 10, 30, 0, 123456000, time.UTC)
	byDate := Cursor{Time: at, ID: 42}.Encode(SortNewest)
	if c, err := DecodeCursor(byDate, SortNewest); err != nil || !c.Time.Equal(at) || c.ID != 42 {
		t.Errorf("date cursor = %+v, %v", c, err)
	}
	byName := Cursor{Name: "ana: da silva", ID: 7}.Encode(SortName)
	if c, err := DecodeCursor(byName, SortName); err != nil || c.Name != "ana: da silva" || c.ID != 7 {
		t.Errorf("name cursor = %+v, %v", c, err)
	}
	for _, bad := range []struct {
		s  string
		by PeopleSort
	}{{byDate, SortName}, {byName, SortNewest}, {"%%%", SortNewest}, {"dDowOjE", SortNewest}, {"dDphYmM6MQ", SortNewest}, {"", SortName}} {
		if _, err := DecodeCursor(bad.s, bad.by); err == nil {
			t.Errorf("cursor %q for %s accepted", bad.s, bad.by)
		}
	}
}

func TestDecisionNotices(t *testing.T) {
	t.Parallel()
	for state, want := range map[State]string{Accepted: "accepted", NotSelected: "not_selected", Applied: "", Invited: ""} {
		kind, title, body, ok := Decision(state, "Two sisters", "Ana")
		if kind != want || ok != (want != "") || (ok && (title == "" || body == "")) {
			t.Errorf("Decision(%s) = %q %q %q %v", state, kind, title, body, ok)
		}
	}
	if _, title, _, _ := Decision(Accepted, "Editor for a short", "Editor for a short"); title != "You are accepted: Editor for a short" {
		t.Errorf("a job listing's position repeated: %q", title)
	}
	for _, s := range []State{Invited, Applied, Accepted, NotSelected, Declined, Withdrawn} {
		if InviteOutcome(false, s) == InviteOutcome(true, s) {
			t.Errorf("InviteOutcome for an existing %s reads as sent", s)
		}
	}
}

func TestInviteTargets(t *testing.T) {
	t.Parallel()
	o := InviteOption{ListingID: 12, RoleID: 34}
	if l, r, ok := ParseInviteTarget(o.Value()); !ok || l != 12 || r != 34 {
		t.Errorf("round trip = %d %d %v", l, r, ok)
	}
	for _, bad := range []string{"", "12", "12:", ":34", "a:b", "-1:2", "0:3", "1:2:3"} {
		if _, _, ok := ParseInviteTarget(bad); ok {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestGroupTeam(t *testing.T) {
	t.Parallel()
	producer := int64(1)
	member := func(talent, role int64, kind Kind, roleName, dept string) TeamMember {
		m := TeamMember{Kind: kind, Department: dept, ListingTitle: "Call"}
		m.ListingID = 3
		m.TalentID, m.RoleID, m.RoleName, m.DecidedBy = talent, role, roleName, &producer
		return m
	}
	team := GroupTeam([]TeamMember{
		member(10, 1, CastingCall, "Ana", ""),
		member(11, 2, CastingCall, "Ana", ""), // another listing's Ana: its own group
		member(12, 1, CastingCall, "Ana", ""),
		member(10, 3, JobListing, "Editor", "editing"), // a person in two roles counts once
		member(13, 4, JobListing, "Assistant editor", "editing"),
		member(14, 5, JobListing, "Runner", ""),
	})
	if len(team.Cast) != 2 || len(team.Cast[0].Members) != 2 || len(team.Cast[1].Members) != 1 || team.Cast[0].ListingID != 3 {
		t.Errorf("cast = %+v", team.Cast)
	}
	if len(team.Crew) != 2 || team.Crew[0].Title != "Editing" || len(team.Crew[0].Members) != 2 || team.Crew[1].Title != "Other crew" {
		t.Errorf("crew = %+v", team.Crew)
	}
	if team.Size != 5 {
		t.Errorf("size = %d, want 5", team.Size)
	}
	self := member(15, 1, CastingCall, "Ana", "")
	self.DecidedBy = &self.TalentID
	if !self.SelfAccepted() || team.Cast[0].Members[0].SelfAccepted() {
		t.Error("SelfAccepted")
	}
}
