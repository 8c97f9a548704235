package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// listingInReview submits a complete casting call of a new producer
// through the editor and returns the producer, the listing and its task.
func listingInReview(t *testing.T, e *env) (testapp.User, production.Listing, int64) {
	t.Helper()
	ctx := context.Background()
	producer := testapp.Producer(t, e.store, testapp.Name("Ines Okafor"))
	l := testapp.Listing(t, e.store, producer, testapp.Project(t, e.store, producer), production.CastingCall, testapp.Draft())
	if resp := e.as(producer).Post("/listings/"+strconv.FormatInt(l.ID, 10)+"/submit", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	tasks, err := e.store.ListingReviews(ctx, producer.ID, l.ID)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("no listing task: %+v %v", tasks, err)
	}
	return producer, l, tasks[0].ID
}

// TestListingReviewRoutesAuthorization runs every listing review route
// as each kind of account: only moderators reach them; talent, the
// listing's producer and another producer get 404, a visitor the login.
func TestListingReviewRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner, _, task := listingInReview(t, e)
	tp := "/moderation/listings/" + strconv.FormatInt(task, 10)
	routes := []authzRoute{
		{"GET", "/moderation/listings", nil, 200},
		{"GET", tp, nil, 200},
		{"POST", tp + "/claim", nil, 303},
		{"POST", tp + "/release", nil, 303},
		{"POST", tp + "/decide", url.Values{"outcome": {"changes"}}, 422},
		{"POST", tp + "/decide", url.Values{"outcome": {"changes"}, "reasons": {"vague"}}, 303},
		{"GET", "/moderation/listings/999999", nil, 404},
	}
	actors := []authzActor{
		{"visitor", e.browser, func(int) int { return http.StatusSeeOther }},
		{"performer", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RolePerformer)) }, func(int) int { return 404 }},
		{"crew", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RoleCrew)) }, func(int) int { return 404 }},
		{"the listing's producer", func() *testapp.Client { return e.as(owner) }, func(int) int { return 404 }},
		{"another producer", func() *testapp.Client { return e.as(testapp.Producer(t, e.store)) }, func(int) int { return 404 }},
		{"moderator", func() *testapp.Client { return e.as(testapp.Moderator(t, e.store)) }, func(m int) int { return m }},
	}
	walkAuthz(t, actors, routes)
}

// TestListingReviewFlow: the listing is in the queue and the nav count;
// a moderator requests changes with two reasons; a second moderator is
// told who decided; the producer sees each reason beside its field,
// another producer sees nothing; the resubmission opens a new task that
// an approval publishes for performers.
func TestListingReviewFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	producer, l, task := listingInReview(t, e)
	lp := "/listings/" + strconv.FormatInt(l.ID, 10)
	tp := "/moderation/listings/" + strconv.FormatInt(task, 10)
	ana := e.as(testapp.Moderator(t, e.store, testapp.Name("Ana")))
	ben := e.as(testapp.Moderator(t, e.store, testapp.Name("Ben")))

	d := testapp.Doc(t, ana.Get("/moderation/listings"))
	if !strings.Contains(d.Find("#queue").Text(), l.Title) || !strings.Contains(d.Find("#queue").Text(), "Ines Okafor") {
		t.Fatalf("listing queue: %q", d.Find("#queue").Text())
	}
	if n := strings.TrimSpace(d.Find("#nav-open-tasks").Contents().First().Text()); n != "1" {
		t.Errorf("nav count %q", n)
	}
	if d := testapp.Doc(t, ana.Get("/moderation")); !strings.Contains(d.Find("#listing-review-card").Text(), l.Title) {
		t.Errorf("dashboard card: %q", d.Find("#listing-review-card").Text())
	}
	if resp := ana.Post(tp+"/claim", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, ana.Get(tp))
	if !strings.Contains(d.Find("#claim").Text(), "You are reviewing this listing") || d.Find("#decide").Length() != 1 ||
		!strings.Contains(d.Find(".listing-details").Text(), l.Title) || !strings.Contains(d.Find("#rules").Text(), "Every posting rule passes") {
		t.Fatalf("review page: claim %q decide %d", d.Find("#claim").Text(), d.Find("#decide").Length())
	}
	if d := testapp.Doc(t, ben.Get(tp)); !strings.Contains(d.Find("#claim").Text(), "Ana is reviewing this listing") || d.Find("#decide").Length() != 0 {
		t.Errorf("second moderator's view: %q", d.Find("#claim").Text())
	}

	// Refused input keeps what was ticked.
	d = testapp.Doc(t, ana.Post(tp+"/decide", url.Values{"outcome": {"changes"}, "reasons": {"other"}}))
	if !strings.Contains(d.Find("#e-note").Text(), "producer") || d.Find(`input[value="other"][checked]`).Length() != 1 {
		t.Errorf("refused decision: %q", d.Find("#decide").Text())
	}
	changes := url.Values{"outcome": {"changes"}, "reasons": {"vague", "paid_not_guaranteed", "other"}, "note": {"Name the beach."}}
	if resp := ana.Post(tp+"/decide", changes); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("request changes: %d", resp.StatusCode)
	}
	resp := ben.Post(tp+"/decide", url.Values{"outcome": {"approve"}})
	if d := testapp.Doc(t, resp); resp.StatusCode != http.StatusConflict || !strings.Contains(d.Find("#refusal").Text(), "Ana already decided") {
		t.Errorf("second decision: %d %q", resp.StatusCode, d.Find("#refusal").Text())
	}

	d = testapp.Doc(t, e.as(producer).Get(lp+"/edit"))
	if !strings.Contains(d.Find("#review-notice").Text(), "Name the beach.") || strings.Contains(d.Find("#review-notice").Text(), "Ana") {
		t.Errorf("producer's notice: %q", d.Find("#review-notice").Text())
	}
	if !strings.HasPrefix(d.Find("#e-description").Text(), "Moderator:") || !strings.HasPrefix(d.Find("#e-pay_guaranteed").Text(), "Moderator:") {
		t.Errorf("reasons beside fields: description %q pay %q", d.Find("#e-description").Text(), d.Find("#e-pay_guaranteed").Text())
	}
	if resp := e.as(testapp.Producer(t, e.store)).Get(lp + "/edit"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another producer reads the editor and its review: %d", resp.StatusCode)
	}

	// Resubmitted: a new task; approved: performers see it.
	if resp := e.as(producer).Post(lp+"/submit", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", resp.StatusCode)
	}
	reviews, _ := e.store.ListingReviews(context.Background(), producer.ID, l.ID)
	if len(reviews) != 2 || reviews[0].DecidedAt != nil {
		t.Fatalf("reviews after resubmit: %+v", reviews)
	}
	performer := e.as(testapp.Talent(t, e.store, domain.RolePerformer))
	if resp := performer.Get("/castings/" + strconv.FormatInt(l.ID, 10)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a performer reads a listing in review: %d", resp.StatusCode)
	}
	np := "/moderation/listings/" + strconv.FormatInt(reviews[0].ID, 10)
	if d := testapp.Doc(t, ben.Get(np)); d.Find(".mod-history").Length() != 1 {
		t.Errorf("history on the second review: %d", d.Find(".mod-history").Length())
	}
	if resp := ben.Post(np+"/decide", url.Values{"outcome": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if resp := performer.Get("/castings/" + strconv.FormatInt(l.ID, 10)); resp.StatusCode != http.StatusOK {
		t.Errorf("a performer cannot read the approved listing: %d", resp.StatusCode)
	}
}
