package views_test

import (
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/handlers"
)

// closingFixtures are the pages of closing a casting and of the
// notification centre: a closed casting call with two roles, a candidate
// in each choice, the counts, and a centre page with its chips and paging.
func closingFixtures(base func(string) handlers.Page, notes []domain.Notification) map[string]any {
	now := time.Now()
	closed := now.Add(-time.Hour)
	l := production.Listing{ID: 11, ProjectID: 3, Kind: production.CastingCall, Status: production.Closed, Title: "Two sisters",
		ClosedAt: &closed, Roles: []production.Role{{ID: 21, Name: "Ana"}, {ID: 22, Name: "Bea"}}}
	cand := func(id, role int64, name string, c production.Choice, state production.State, origin production.Origin) production.SelectionCandidate {
		return production.SelectionCandidate{Applicant: production.Applicant{Participation: production.Participation{ID: id, ListingID: 11,
			RoleID: role, TalentID: id + 100, Origin: origin, State: state, CreatedAt: now, Choice: c}, Name: name, RoleName: "Ana",
			City: "Porto", HeadshotID: id}}
	}
	told := now.Add(-time.Minute)
	cands := []production.SelectionCandidate{
		cand(1, 21, "Maya Laurent", production.Included, production.Accepted, production.FromApplication),
		cand(2, 21, "Ines Okafor", production.Excluded, production.Applied, production.FromApplication),
		cand(3, 22, "Tomas Silva", production.Undecided, production.Accepted, production.FromInvitation),
	}
	cands[2].ToldNotSelectedAt = &told
	sel := production.Selection{Listing: l, Candidates: cands, AutoNotSelected: true, GraceDays: 7,
		All: production.GroupCounts{Included: 1, Excluded: 1, Undecided: 1},
		Roles: []production.SelectionRole{{ID: 21, Name: "Ana", Counts: production.GroupCounts{Included: 1, Excluded: 1}},
			{ID: 22, Name: "Bea", Counts: production.GroupCounts{Undecided: 1}}}}
	row := handlers.NewCandidateRow(cands[0], "csrf-token", 21, "included")
	selection := &handlers.SelectionPage{Page: base("/listings/11/selection"), Sel: sel, RoleID: 21, Choice: "included",
		Groups: []handlers.CandidateGroup{{Role: sel.Roles[0], Rows: []handlers.CandidateRow{row}},
			{Role: sel.Roles[1], Rows: []handlers.CandidateRow{handlers.NewCandidateRow(cands[2], "csrf-token", 0, "")}}},
		Capped: true, Choices: []handlers.SelectionChip{{Label: "All", Href: "/listings/11/selection"}, {Label: "Included", Value: "included", Current: true}}}
	centre := &handlers.NotificationsPage{Page: base("/notifications"), Notifications: notes, Filter: "castings", Paged: true,
		OlderHref: "/notifications?before=2&type=castings", NewestHref: "/notifications?type=castings",
		Filters: []handlers.NotificationChip{{Label: "All", Href: "/notifications"}, {Label: "Castings", Href: "/notifications?type=castings", Current: true}}}
	bell := base("/notifications")
	bell.UnreadNotifications = 120
	return map[string]any{
		"closing/confirm":     &handlers.CloseConfirmPage{Page: base("/listings/11/close"), Listing: l, GraceDays: 7},
		"closing/selection":   selection,
		"closing/candidate":   map[string]any{"R": row},
		"closing/counts":      map[string]any{"S": sel, "OOB": true},
		"closing/role_counts": map[string]any{"R": sel.Roles[0]},
		"closing/toggled":     &handlers.ToggledPage{Page: base("/participations/1/choice"), Row: row, Sel: sel},
		"notifications/index": centre,
		"notifications/item":  map[string]any{"N": notes[0], "CSRF": "csrf-token", "Filter": "castings"},
		"notifications/read":  &handlers.NotificationRowPage{Page: bell, N: notes[1], Filter: ""},
		"notifications/bell":  &handlers.BellPage{Page: bell, Here: true},
		"partials/bell":       map[string]any{"P": &bell, "Here": true, "OOB": true},
	}
}
