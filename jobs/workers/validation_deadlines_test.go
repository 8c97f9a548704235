package workers_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// countKind counts an account's notifications of one kind.
func countKind(t *testing.T, st *store.Store, accountID int64, kind string) int {
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

// work runs one job through River's test worker, in a transaction of its
// own that holds only the job row (the store commits its writes apart),
// rolled back at once: the next run's unique job row must not wait on it.
func work[T river.JobArgs](t *testing.T, pool *pgxpool.Pool, w *rivertest.Worker[T, pgx.Tx], args T) (*rivertest.WorkResult, error) {
	t.Helper()
	ctx := context.Background()
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	return w.Work(ctx, t, tx, args, nil)
}

// The deadline jobs run with an injected clock: the escalation marks the
// task overdue and tells every moderator once, however often it runs; it
// snoozes when run early; both are no-ops once the task is decided.
func TestValidationDeadlineJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	mods := []testapp.User{testapp.Moderator(t, st), testapp.Moderator(t, st)}
	talent := testapp.CompleteTalent(t, st, domain.RolePerformer)
	if err := st.SubmitProfile(ctx, talent.ID); err != nil {
		t.Fatal(err)
	}
	task, _ := st.LatestValidation(ctx, talent.ID)
	var now time.Time
	clock := func() time.Time { return now }
	drv := riverpgxv5.New(pool)
	overdue := rivertest.NewWorker(t, drv, &river.Config{}, &workers.ValidationOverdueWorker{Store: st, Now: clock})
	remind := rivertest.NewWorker(t, drv, &river.Config{}, &workers.ValidationReminderWorker{Store: st, Now: clock})

	now = task.DueAt.Add(-time.Hour) // early: snooze, nothing marked
	res, err := work(t, pool, overdue, jobs.ValidationOverdueArgs{TaskID: task.ID})
	if err != nil || res.EventKind != river.EventKindJobSnoozed {
		t.Fatalf("early run: %v %+v", err, res)
	}
	now = task.DueAt.Add(-4 * time.Hour)
	for range 2 {
		if _, err := work(t, pool, remind, jobs.ValidationReminderArgs{TaskID: task.ID}); err != nil {
			t.Fatal(err)
		}
	}
	now = task.DueAt.Add(time.Minute)
	for range 2 {
		res, err := work(t, pool, overdue, jobs.ValidationOverdueArgs{TaskID: task.ID})
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("overdue run: %v %+v", err, res)
		}
	}
	for _, m := range mods {
		if r, o := countKind(t, st, m.ID, "validation_reminder"), countKind(t, st, m.ID, "validation_overdue"); r != 1 || o != 1 {
			t.Errorf("moderator %d: %d reminders, %d escalations", m.ID, r, o)
		}
	}
	var marked *time.Time
	if err := pool.QueryRow(ctx, `SELECT overdue_at FROM moderation_tasks WHERE id = $1`, task.ID).Scan(&marked); err != nil || marked == nil || !marked.Equal(now) {
		t.Errorf("overdue_at = %v, %v", marked, err)
	}
	if q, _ := st.Queue(ctx, mods[0].ID, moderation.SubjectProfile); len(q) != 1 || !q[0].Overdue(now) {
		t.Errorf("queue does not mark it overdue: %+v", q)
	}

	// Decided: a second submission's jobs change nothing.
	if err := st.DecideTask(ctx, mods[0].Account, task.ID, store.TaskDecision{Outcome: moderation.Approve}, now); err != nil {
		t.Fatal(err)
	}
	if sent, err := st.RemindTask(ctx, task.ID, now); err != nil || sent {
		t.Errorf("reminder after the decision: %v %v", sent, err)
	}
}

// A listing sent to review gets the same two deadline jobs as a profile,
// inserted with its task: the reminder at −4 h and the escalation at the
// deadline, which tell moderators about the listing and link to its
// review; a decision makes them no-ops.
func TestListingReviewDeadlineJobs(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	mod := testapp.Moderator(t, st)
	ines := testapp.Producer(t, st, testapp.Name("Ines Okafor"))
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall, testapp.Draft())
	if _, err := st.SubmitListing(ctx, ines.ID, l.ID, 2); err != nil {
		t.Fatal(err)
	}
	tasks, err := st.ListingReviews(ctx, ines.ID, l.ID)
	if err != nil || len(tasks) != 1 {
		t.Fatalf("tasks %+v, %v", tasks, err)
	}
	task := tasks[0]
	for kind, at := range map[string]time.Time{"validation_reminder": task.DueAt.Add(-moderation.RemindBefore), "validation_overdue": task.DueAt} {
		var scheduled time.Time
		if err := pool.QueryRow(ctx, `SELECT scheduled_at FROM river_job WHERE kind = $1 AND (args->>'task_id')::bigint = $2`, kind, task.ID).Scan(&scheduled); err != nil || !scheduled.Equal(at) {
			t.Errorf("%s job of the listing task: scheduled %v, %v; want %v", kind, scheduled, err, at)
		}
	}
	var now time.Time
	clock := func() time.Time { return now }
	drv := riverpgxv5.New(pool)
	remind := rivertest.NewWorker(t, drv, &river.Config{}, &workers.ValidationReminderWorker{Store: st, Now: clock})
	overdue := rivertest.NewWorker(t, drv, &river.Config{}, &workers.ValidationOverdueWorker{Store: st, Now: clock})
	now = task.DueAt.Add(-moderation.RemindBefore)
	if _, err := work(t, pool, remind, jobs.ValidationReminderArgs{TaskID: task.ID}); err != nil {
		t.Fatal(err)
	}
	now = task.DueAt.Add(time.Minute)
	if res, err := work(t, pool, overdue, jobs.ValidationOverdueArgs{TaskID: task.ID}); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("overdue run: %v %+v", err, res)
	}
	list, err := st.Notifications(ctx, mod.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"Listing due soon: " + l.Title: true, "Overdue: listing " + l.Title: true}
	for _, n := range list {
		if want[n.Title] && n.Link == "/moderation/listings/"+strconv.FormatInt(task.ID, 10) {
			delete(want, n.Title)
		}
	}
	if len(want) != 0 {
		t.Errorf("the moderator was not told %v: %+v", want, list)
	}
	if q, _ := st.Queue(ctx, mod.ID, moderation.SubjectListing); len(q) != 1 || !q[0].Overdue(now) {
		t.Errorf("the listing queue does not mark it overdue: %+v", q)
	}
	if err := st.DecideTask(ctx, mod.Account, task.ID, store.TaskDecision{Outcome: moderation.Approve}, now); err != nil {
		t.Fatal(err)
	}
	if sent, err := st.RemindTask(ctx, task.ID, now); err != nil || sent {
		t.Errorf("reminder after the decision: %v %v", sent, err)
	}
}
