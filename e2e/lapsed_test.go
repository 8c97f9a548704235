package e2e

import (
	"strconv"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestALapsedListingComesBack: a listing hidden because its requested
// changes were not made in time shows Hidden on the project page; its
// producer opens it, reads why and what the moderator asked, edits it and
// submits it again, and it is back in review.
func TestALapsedListingComesBack(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	ctx := t.Context()
	ines := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"))
	project := testapp.Project(t, a.P.Store, ines)
	l := testapp.Listing(t, a.P.Store, ines, project, production.CastingCall, testapp.Draft())
	if _, err := a.P.Store.SubmitListing(ctx, ines.ID, l.ID, 2); err != nil {
		t.Fatal(err)
	}
	mod := testapp.Moderator(t, a.P.Store)
	tasks, err := a.P.Store.ListingReviews(ctx, ines.ID, l.ID)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("tasks %+v, %v", tasks, err)
	}
	d := store.TaskDecision{Outcome: moderation.RequestChanges, Reject: moderation.Rejection{
		Reasons: []moderation.ReasonCode{production.RuleVague, moderation.OtherReason}, Note: "Say which beach, and how many days."}}
	if err := a.P.Store.DecideTask(ctx, mod.Account, tasks[0].ID, d, time.Now().Add(-4*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if hidden, err := a.P.Store.HideUnanswered(ctx, tasks[0].ID, time.Now()); err != nil || !hidden {
		t.Fatalf("hide: %v, %v", hidden, err)
	}

	page := logIn(t, a, ines)
	page.MustNavigate(a.URL + "/projects/" + strconv.FormatInt(project.ID, 10)).MustWaitLoad()
	row := page.MustElementR(".listing-row", l.Title)
	row.MustElementR(".badge", "Hidden")
	click(t, page, row.MustElementR("a", "Edit"))
	waitPath(t, page, "/listings/"+strconv.FormatInt(l.ID, 10)+"/edit")
	page.MustElementR("#review-notice", "not made in time")
	page.MustElementR("#review-notice", "Say which beach")
	page.MustElementR("#e-description", "Moderator:")
	shoot(t, page, "listing-lapsed")
	fill(t, page, "#f-description", l.Description+" We shoot two days on the beach of Comporta.")
	click(t, page, page.MustElement(`button[formaction$="/submit"]`))
	waitPath(t, page, "/projects/"+strconv.FormatInt(project.ID, 10))
	page.MustElementR(".listing-row", l.Title).MustElementR(".badge", "In review")
	shoot(t, page, "listing-lapsed-resubmitted")
}
