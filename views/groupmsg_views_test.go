package views_test

import (
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/handlers"
)

// groupMessageFixtures are Notify's pages: the form with a preview and a
// refusal, the progress page part-way with a failure, and the card on
// the selection screen.
func groupMessageFixtures(base func(string) handlers.Page) map[string]any {
	now := time.Now()
	closed := now.Add(-time.Hour)
	l := production.Listing{ID: 11, ProjectID: 3, Kind: production.CastingCall, Status: production.Closed, Title: "Two sisters", ClosedAt: &closed}
	subject, body := production.GroupTemplate(production.Included, l.Title)
	compose := &handlers.NotifyPage{Page: base("/listings/11/notify"), Listing: l, Group: production.Included, Picked: true,
		Recipients: []handlers.RecipientRow{{TalentID: 7, Name: "Maya Laurent", Roles: "Ana", Checked: true},
			{TalentID: 8, Name: "Tomas Silva", Roles: "Bea"}},
		Subject: subject, Body: body, Key: "0123456789abcdef0123456789abcdef",
		Errors:  domain.FieldErrors{"to": "Tick at least one person.", "subject": "Write a subject."},
		Preview: &handlers.GroupPreview{Name: "Maya Laurent", Subject: subject, Paragraphs: []string{"Good news.", "Date: Monday"}}}
	sent := production.SentGroupMessage{ID: 5, ListingID: 11, Group: production.Excluded, Subject: "Not selected this time", Body: "Thank you.",
		CreatedAt: now, Progress: production.GroupProgress{Total: 10, Sent: 6, Failed: 1, Emailed: 5, EmailFailed: 1,
			Reasons: []production.FailureReason{{Reason: "the account is suspended", Count: 1}}}}
	progress := &handlers.GroupProgressPage{Page: base("/listings/11/notify/5"), Listing: l, M: sent}
	return map[string]any{
		"groupmsg/compose":       compose,
		"groupmsg/progress":      progress,
		"groupmsg/progress_card": progress,
		"groupmsg/notify_card": map[string]any{"L": l, "S": production.Selection{All: production.GroupCounts{Included: 2, Excluded: 1}},
			"Messages": []production.SentGroupMessage{sent}},
	}
}
