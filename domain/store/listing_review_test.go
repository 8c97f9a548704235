package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// inReview makes a complete casting call of a new producer and submits it:
// one open listing task.
func inReview(t *testing.T, st *store.Store) (testapp.User, production.Listing, moderation.Task) {
	t.Helper()
	ctx := context.Background()
	producer := testapp.Producer(t, st)
	l := testapp.Listing(t, st, producer, testapp.Project(t, st, producer), production.CastingCall, testapp.Draft())
	sub, err := st.SubmitListing(ctx, producer.ID, l.ID, 2)
	if err != nil || sub.Status != production.InReview || sub.PublishedAt != nil {
		t.Fatalf("submit = %+v, %v", sub, err)
	}
	tasks, err := st.ListingReviews(ctx, producer.ID, l.ID)
	if err != nil || len(tasks) != 1 || tasks[0].DecidedAt != nil {
		t.Fatalf("reviews after submit = %+v, %v", tasks, err)
	}
	return producer, sub, tasks[0]
}

func TestSubmitOpensAListingTaskInTheQueue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	producer, l, task := inReview(t, st)
	q, err := st.Queue(ctx, mod.ID, moderation.SubjectListing)
	if err != nil || len(q) != 1 || q[0].ID != task.ID || q[0].SubjectID != l.ID || q[0].Title != l.Title || q[0].OwnerID != producer.ID {
		t.Fatalf("listing queue = %+v, %v", q, err)
	}
	if q, _ := st.Queue(ctx, mod.ID, moderation.SubjectProfile); len(q) != 0 {
		t.Errorf("the listing is in the profile queue: %+v", q)
	}
	if n, err := st.OpenTaskCount(ctx); err != nil || n != 1 {
		t.Errorf("open tasks = %d, %v", n, err)
	}
	// A claim holds it as for profiles; another moderator is told who.
	if _, err := st.Claim(ctx, mod.Account, task.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	other := testapp.Moderator(t, st, testapp.Name("Ben"))
	_, err = st.Claim(ctx, other.Account, task.ID, time.Now())
	if r := refusal(t, err, moderation.ErrClaimed); r.Subject != moderation.SubjectListing {
		t.Errorf("refusal subject %q", r.Subject)
	}
	if _, err := st.Claim(ctx, other.Account, task.ID, time.Now().Add(moderation.ClaimFor+time.Second)); err != nil {
		t.Errorf("an expired claim still holds: %v", err)
	}
	rl, err := st.ListingForModerator(ctx, mod.ID, l.ID)
	if err != nil || rl.Listing.ID != l.ID || len(rl.Listing.Roles) != 2 || rl.ProjectType != "feature_film" {
		t.Errorf("listing for moderator = %+v, %v", rl, err)
	}
	if _, err := st.ListingForModerator(ctx, producer.ID, l.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the producer reads the moderator's view: %v", err)
	}
}

func TestTwoModeratorsApproveOneListingOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mods := []testapp.User{testapp.Moderator(t, st, testapp.Name("Ana")), testapp.Moderator(t, st, testapp.Name("Ben"))}
	producer, l, task := inReview(t, st)
	now := time.Now()
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for i, m := range mods {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = st.DecideTask(ctx, m.Account, task.ID, store.TaskDecision{Outcome: moderation.Approve}, now)
		}()
	}
	wg.Wait()
	won := 0
	for i, err := range errs {
		if err == nil {
			won++
			continue
		}
		if r := refusal(t, err, moderation.ErrDecided); r.Name != mods[1-i].Name {
			t.Errorf("loser told %q decided", r.Name)
		}
	}
	if won != 1 {
		t.Fatalf("%d decisions won: %v", won, errs)
	}
	got, _ := st.OwnListing(ctx, producer.ID, l.ID)
	if got.Status != production.Published || got.PublishedAt == nil {
		t.Errorf("after approval: %s, %v", got.Status, got.PublishedAt)
	}
	if n := countNotes(t, st, producer.ID, "listing_approved"); n != 1 {
		t.Errorf("%d approval notifications", n)
	}
	rec, err := st.ProducerRecord(ctx, mods[0].ID, producer.ID)
	if err != nil || rec.Approved != 1 || rec.Changes != 0 {
		t.Errorf("producer record = %+v, %v", rec, err)
	}
}

func TestNobodyDecidesTheirOwnListing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	producer, l, task := inReview(t, st)
	// A producer made moderator (no such account from sign-up): the rule
	// holds in the store.
	if _, err := pool.Exec(ctx, `UPDATE accounts SET role = 'moderator' WHERE id = $1`, producer.ID); err != nil {
		t.Fatal(err)
	}
	producer.Role = "moderator"
	err := st.DecideTask(ctx, producer.Account, task.ID, store.TaskDecision{Outcome: moderation.Approve}, time.Now())
	if r := refusal(t, err, moderation.ErrOwnTask); r.Error() != "You cannot review your own listing: another moderator will." {
		t.Errorf("refusal = %q", r.Error())
	}
	if got, _ := st.OwnListing(ctx, producer.ID, l.ID); got.Status != production.InReview {
		t.Errorf("status %s", got.Status)
	}
}

// requestChanges sends the listing back with two reasons.
func requestChanges(t *testing.T, st *store.Store, mod testapp.User, task moderation.Task, now time.Time) {
	t.Helper()
	d := store.TaskDecision{Outcome: moderation.RequestChanges, AnswerWithin: 72 * time.Hour, Reject: moderation.Rejection{
		Reasons: []moderation.ReasonCode{production.RuleVague, moderation.OtherReason}, Note: "Say where it is shot."}}
	if err := st.DecideTask(context.Background(), mod.Account, task.ID, d, now); err != nil {
		t.Fatal(err)
	}
}

func TestUnansweredChangesHideTheListing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	mod := testapp.Moderator(t, st)
	producer, l, task := inReview(t, st)
	now := time.Now()
	requestChanges(t, st, mod, task, now)
	var scheduled time.Time
	if err := pool.QueryRow(ctx, `SELECT scheduled_at FROM river_job WHERE kind = 'hide_unanswered_listing' AND (args->>'task_id')::bigint = $1`,
		task.ID).Scan(&scheduled); err != nil {
		t.Fatal(err)
	}
	if d := scheduled.Sub(now); d < 72*time.Hour-time.Second || d > 72*time.Hour+time.Second {
		t.Errorf("hide job scheduled %v after the decision", d)
	}
	got, _ := st.OwnListing(ctx, producer.ID, l.ID)
	if got.Status != production.ChangesRequested {
		t.Fatalf("status %s", got.Status)
	}
	reviews, _ := st.ListingReviews(ctx, producer.ID, l.ID)
	if len(reviews) != 1 || reviews[0].Outcome != moderation.RequestChanges || len(moderation.FieldReasons(reviews[0])["description"]) != 1 {
		t.Errorf("reviews = %+v", reviews)
	}
	// The job runs at the end of the window: hidden, the producer told,
	// and a second run changes nothing.
	later := now.Add(72 * time.Hour)
	for i, want := range []bool{true, false} {
		hidden, err := st.HideUnanswered(ctx, task.ID, later)
		if err != nil || hidden != want {
			t.Errorf("run %d: hidden %v, %v", i, hidden, err)
		}
	}
	got, _ = st.OwnListing(ctx, producer.ID, l.ID)
	if got.Status != production.Lapsed || countNotes(t, st, producer.ID, "listing_hidden") != 1 || countNotes(t, st, producer.ID, "listing_changes") != 1 {
		t.Errorf("after the job: %s", got.Status)
	}
}

func TestAnsweredChangesAreNotHidden(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	producer, l, task := inReview(t, st)
	requestChanges(t, st, mod, task, time.Now())
	// The producer resubmits: a new task, and the old one's job is a no-op
	// even if the listing is sent back again.
	if _, err := st.SubmitListing(ctx, producer.ID, l.ID, 2); err != nil {
		t.Fatal(err)
	}
	reviews, _ := st.ListingReviews(ctx, producer.ID, l.ID)
	if len(reviews) != 2 || reviews[0].DecidedAt != nil {
		t.Fatalf("reviews after resubmit = %+v", reviews)
	}
	requestChanges(t, st, mod, reviews[0], time.Now())
	if hidden, err := st.HideUnanswered(ctx, task.ID, time.Now().Add(100*time.Hour)); err != nil || hidden {
		t.Errorf("the first request's job hid an answered listing: %v, %v", hidden, err)
	}
	if got, _ := st.OwnListing(ctx, producer.ID, l.ID); got.Status != production.ChangesRequested {
		t.Errorf("status %s", got.Status)
	}
	// Reject is final.
	if _, err := st.SubmitListing(ctx, producer.ID, l.ID, 2); err != nil {
		t.Fatal(err)
	}
	reviews, _ = st.ListingReviews(ctx, producer.ID, l.ID)
	d := store.TaskDecision{Outcome: moderation.Reject, Reject: moderation.Rejection{Reasons: []moderation.ReasonCode{production.RuleThirdPartySignup}}}
	if err := st.DecideTask(ctx, mod.Account, reviews[0].ID, d, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.OwnListing(ctx, producer.ID, l.ID); got.Status != production.Rejected || countNotes(t, st, producer.ID, "listing_rejected") != 1 {
		t.Errorf("after reject: %s", got.Status)
	}
}

func TestAProducerSeesOnlyTheirOwnReviewHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	producer, l, task := inReview(t, st)
	requestChanges(t, st, mod, task, time.Now())
	other := testapp.Producer(t, st)
	if got, err := st.ListingReviews(ctx, other.ID, l.ID); err != nil || len(got) != 0 {
		t.Errorf("another producer reads the review history: %+v, %v", got, err)
	}
	if got, err := st.ListingReviews(ctx, producer.ID, l.ID); err != nil || len(got) != 1 || got[0].Note != "Say where it is shot." {
		t.Errorf("own history = %+v, %v", got, err)
	}
	if _, err := st.History(ctx, producer.ID, moderation.SubjectListing, l.ID); err != nil {
		t.Fatal(err)
	} else if h, _ := st.History(ctx, producer.ID, moderation.SubjectListing, l.ID); len(h) != 0 {
		t.Errorf("a producer reads the moderators' history: %+v", h)
	}
}

// countNotes counts an account's notifications of one kind.
func countNotes(t *testing.T, st *store.Store, accountID int64, kind string) int {
	t.Helper()
	list, err := st.Notifications(context.Background(), accountID, 50)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range list {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// A listing hidden for unanswered changes comes back through review: its
// producer edits it, submits, and it waits for a moderator like any
// submitted listing; the approval publishes it. Another producer cannot
// submit it. (A listing a moderator hid after it was out is Hidden, not
// Lapsed: TestStatusTransitions holds that it has no Submit.)
func TestALapsedListingComesBackThroughReview(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	mod := testapp.Moderator(t, st)
	producer, l, task := inReview(t, st)
	now := time.Now()
	requestChanges(t, st, mod, task, now)
	if hidden, err := st.HideUnanswered(ctx, task.ID, now.Add(72*time.Hour)); err != nil || !hidden {
		t.Fatalf("hide: %v, %v", hidden, err)
	}
	other := testapp.Producer(t, st)
	if _, err := st.SubmitListing(ctx, other.ID, l.ID, 2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer submitted the lapsed listing: %v", err)
	}
	got, err := st.SubmitListing(ctx, producer.ID, l.ID, 2)
	if err != nil || got.Status != production.InReview {
		t.Fatalf("resubmit the lapsed listing: %s, %v", got.Status, err)
	}
	reviews, _ := st.ListingReviews(ctx, producer.ID, l.ID)
	if len(reviews) != 2 || reviews[0].DecidedAt != nil {
		t.Fatalf("reviews after resubmit = %+v", reviews)
	}
	if err := st.DecideTask(ctx, mod.Account, reviews[0].ID, store.TaskDecision{Outcome: moderation.Approve}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.OwnListing(ctx, producer.ID, l.ID); got.Status != production.Published {
		t.Errorf("after approval: %s", got.Status)
	}
	if hidden, err := st.HideUnanswered(ctx, task.ID, now.Add(100*time.Hour)); err != nil || hidden {
		t.Errorf("the old job hid the published listing again: %v, %v", hidden, err)
	}
	if _, err := st.SubmitListing(ctx, producer.ID, l.ID, 2); !errors.Is(err, store.ErrTransition) {
		t.Errorf("a published listing was submitted again: %v", err)
	}
}
