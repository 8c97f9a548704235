package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// A listing hidden because its requested changes were not made in time:
// its producer opens it, reads why it was hidden and what the moderator
// asked (in the notice and beside the fields), edits it and submits it
// again; it waits in review and a moderator's approval publishes it.
func TestAProducerBringsBackALapsedListing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	producer, l, task := listingInReview(t, e)
	lp := "/listings/" + strconv.FormatInt(l.ID, 10)
	ana := e.as(testapp.Moderator(t, e.store, testapp.Name("Ana")))
	changes := url.Values{"outcome": {"changes"}, "reasons": {"vague", "other"}, "note": {"Name the beach."}}
	if resp := ana.Post("/moderation/listings/"+strconv.FormatInt(task, 10)+"/decide", changes); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("request changes: %d", resp.StatusCode)
	}
	if hidden, err := e.store.HideUnanswered(ctx, task, time.Now().Add(80*time.Hour)); err != nil || !hidden {
		t.Fatalf("hide: %v %v", hidden, err)
	}

	ines := e.as(producer)
	d := testapp.Doc(t, ines.Get(lp+"/edit"))
	notice := d.Find("#review-notice").Text()
	if !strings.Contains(notice, "not made in time") || !strings.Contains(notice, "Name the beach.") || !strings.Contains(notice, "submit it again") {
		t.Errorf("the lapsed listing's notice: %q", notice)
	}
	if !strings.Contains(d.Find("#listing-heading .badge").Text(), "Hidden") || !strings.HasPrefix(d.Find("#e-description").Text(), "Moderator:") {
		t.Errorf("heading %q, beside the description %q", d.Find("#listing-heading").Text(), d.Find("#e-description").Text())
	}
	if d.Find(`button[formaction="`+lp+`/submit"]`).Length() == 0 {
		t.Error("no submit form on the lapsed listing")
	}
	if resp := e.as(testapp.Producer(t, e.store)).Post(lp+"/submit", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another producer submits the lapsed listing: %d", resp.StatusCode)
	}
	if resp := ines.Post(lp+"/submit", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", resp.StatusCode)
	}
	got, _ := e.store.OwnListing(ctx, producer.ID, l.ID)
	reviews, _ := e.store.ListingReviews(ctx, producer.ID, l.ID)
	if got.Status != production.InReview || len(reviews) != 2 || reviews[0].DecidedAt != nil {
		t.Fatalf("after resubmit: %s, %d reviews", got.Status, len(reviews))
	}
	if resp := ana.Post("/moderation/listings/"+strconv.FormatInt(reviews[0].ID, 10)+"/decide", url.Values{"outcome": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	performer := e.as(testapp.Talent(t, e.store, domain.RolePerformer))
	if resp := performer.Get("/castings/" + strconv.FormatInt(l.ID, 10)); resp.StatusCode != http.StatusOK {
		t.Errorf("a performer cannot read the listing brought back: %d", resp.StatusCode)
	}
}
