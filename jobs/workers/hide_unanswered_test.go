package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// The hide job runs through River's test worker with an injected clock:
// the listing still waiting for its changes is hidden and the producer
// told once, however often it runs.
func TestHideUnansweredWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	mod := testapp.Moderator(t, st)
	producer := testapp.Producer(t, st)
	l := testapp.Listing(t, st, producer, testapp.Project(t, st, producer), production.CastingCall, testapp.Draft())
	if _, err := st.SubmitListing(ctx, producer.ID, l.ID, 2); err != nil {
		t.Fatal(err)
	}
	reviews, _ := st.ListingReviews(ctx, producer.ID, l.ID)
	now := time.Now()
	d := store.TaskDecision{Outcome: moderation.RequestChanges, Reject: moderation.Rejection{Reasons: []moderation.ReasonCode{production.RuleVague}}}
	if err := st.DecideTask(ctx, mod.Account, reviews[0].ID, d, now); err != nil {
		t.Fatal(err)
	}
	later := now.Add(moderation.ChangesAnswerDays * 24 * time.Hour)
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &workers.HideUnansweredWorker{Store: st, Now: func() time.Time { return later }})
	for range 2 {
		res, err := work(t, pool, w, jobs.HideUnansweredArgs{TaskID: reviews[0].ID})
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("hide run: %v %+v", err, res)
		}
	}
	if got, _ := st.OwnListing(ctx, producer.ID, l.ID); got.Status != production.Lapsed {
		t.Errorf("status %s, want lapsed", got.Status)
	}
	if n := countKind(t, st, producer.ID, "listing_hidden"); n != 1 {
		t.Errorf("%d hidden notices", n)
	}
}
