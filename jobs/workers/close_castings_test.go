package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// TestSweepThenGraceWithAnInjectedClock runs the two closing workers as
// River would: the sweep closes the overdue casting, the grace job run
// early snoozes until closed_at + 7 days, and at that time tells the
// undecided applicant once.
func TestSweepThenGraceWithAnInjectedClock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	if _, err := pool.Exec(ctx, `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'application', 'applied')`, l.ID, l.Roles[0].ID, maya.ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE listings SET deadline = now() - interval '1 minute' WHERE id = $1`, l.ID); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Truncate(time.Second)
	clock := func() time.Time { return now }

	sweep := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &workers.CloseCastingsWorker{Store: st, Now: clock})
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	if _, err := sweep.Work(ctx, t, tx, jobs.CloseCastingsArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	got, err := st.OwnListing(ctx, ines.ID, l.ID)
	if err != nil || got.Status != production.Closed || !got.ClosedAt.Equal(now) {
		t.Fatalf("after the sweep: %s closed at %v, %v", got.Status, got.ClosedAt, err)
	}

	grace := &workers.TellNotSelectedWorker{Store: st, Now: func() time.Time { return now.AddDate(0, 0, 3) }}
	tell := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, grace)
	res, err := tell.Work(ctx, t, tx, jobs.TellNotSelectedArgs{ListingID: l.ID}, nil)
	if err != nil || res.EventKind != river.EventKindJobSnoozed {
		t.Fatalf("run early: %+v, %v; want snoozed", res, err)
	}
	grace.Now = func() time.Time { return now.AddDate(0, 0, 7) }
	for range 2 { // a retried job tells nobody twice
		if res, err := tell.Work(ctx, t, tx, jobs.TellNotSelectedArgs{ListingID: l.ID}, nil); err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("run at the end of the grace period: %+v, %v", res, err)
		}
	}
	notes, err := st.Notifications(ctx, maya.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, x := range notes {
		if x.Kind == "not_selected" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("Maya has %d not-selected notifications, want 1", n)
	}
}
