package views_test

import (
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
)

// listingReviewFixtures are listing review's pages (slice listing review):
// the queue, a review with two broken rules, history and a refusal, and
// the editor of a listing sent back with its reasons.
func listingReviewFixtures(now time.Time, base func(string) handlers.Page, view handlers.ListingView, edit *handlers.ListingEditPage) map[string]any {
	decided := now.Add(-30 * time.Hour)
	task := moderation.Task{ID: 21, Subject: moderation.SubjectListing, SubjectID: view.L.ID, OwnerID: 9, OwnerName: "Ines Okafor",
		Title: "Editor for a short", OpenedAt: now.Add(-3 * time.Hour), DueAt: now.Add(21 * time.Hour)}
	row := handlers.QueueRow{Task: task, Left: "21 h 0 min left", Due: "Thu 3 Dec, 10:00 UTC", URL: "/moderation/listings/21", Opened: "Wed 2 Dec, 07:00 UTC"}
	back := moderation.Task{ID: 20, Subject: moderation.SubjectListing, SubjectID: view.L.ID, OwnerID: 9, DecidedAt: &decided, DeciderName: "Ana",
		Outcome: moderation.RequestChanges, Reasons: []moderation.ReasonCode{production.RuleVague, moderation.OtherReason}, Note: "Say where it is shot."}
	history := handlers.HistoryRow{Task: back, When: "Tue 1 Dec, 09:00 UTC", Reasons: back.ReasonList()}
	review := &handlers.ListingReviewPage{Page: base("/moderation/listings/21"), Task: row, Opened: row.Opened, View: view,
		Problems: []production.RuleProblem{{Rule: production.RuleVague, Field: "description", Message: "Say more about the work."},
			{Rule: production.RuleThirdPartySignup, Field: "description", Message: "Applicants apply here."}},
		Producer: store.ProducerRecord{Name: "Ines Okafor", Since: now.AddDate(-1, 0, 0), Approved: 3, Changes: 1, Reports: 1},
		Since:    "1 Dec 2025", History: []handlers.HistoryRow{history}, Claim: handlers.ClaimView{TaskID: 21, Base: "/moderation/listings/21", Noun: "listing", Mine: true, Until: "10:15 UTC"},
		Refusal: "Ben already decided this task.", Errors: domain.FieldErrors{"reasons": "Tick at least one reason, so the producer knows what to change."},
		Ticked: []string{"other"}, Reasons: moderation.ListingReasons, CanDecide: true}
	sentBack := *edit
	sentBack.Listing.Status = production.ChangesRequested
	sentBack.Review = handlers.ReviewNotice{Last: &history}
	sentBack.Errors = domain.FieldErrors{"description": "Moderator: Say what the work is."}
	return map[string]any{
		"moderation/listings":        &handlers.ListingQueuePage{Page: base("/moderation/listings"), Queue: []handlers.QueueRow{row}},
		"moderation/listing_review":  review,
		"moderation/listing_history": history,
		"listings/review_notice":     &sentBack,
	}
}

func TestListingReviewViewsSayWhatToChange(t *testing.T) {
	fx := fixtures()
	html := renderString(t, "moderation/listing_review", fx["moderation/listing_review"])
	for _, want := range []string{`action="/moderation/listings/21/decide"`, `value="changes"`, "third_party_signup", "Ben already decided", "3 approved", `hx-post="/moderation/listings/21/claim"`, "Changes requested"} {
		if !strings.Contains(html, want) {
			t.Errorf("listing review lacks %q", want)
		}
	}
	html = renderString(t, "listings/edit", fx["listings/review_notice"])
	for _, want := range []string{"A moderator asks for changes", "Too vague to judge", "Say where it is shot.", "Moderator: Say what the work is."} {
		if !strings.Contains(html, want) {
			t.Errorf("sent-back editor lacks %q", want)
		}
	}
	if strings.Contains(html, "Ana") {
		t.Errorf("the producer's editor names the moderator")
	}
}

// A lapsed listing's editor (slice polish) says why it is hidden, what the
// moderator asked, and offers the form with Submit again.
func TestLapsedListingEditorSaysHowToBringItBack(t *testing.T) {
	fx := fixtures()
	lapsed := *fx["listings/review_notice"].(*handlers.ListingEditPage)
	lapsed.Listing.Status = production.Lapsed
	html := renderString(t, "listings/edit", &lapsed)
	for _, want := range []string{"were not made in time", "submit it again", "Say where it is shot.", "Moderator: Say what the work is.", "Submit for review", "status-lapsed"} {
		if !strings.Contains(html, want) {
			t.Errorf("lapsed editor lacks %q", want)
		}
	}
}
