package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
)

func TestWelcomeWorkerIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	acct, err := st.CreateAccount(ctx, "Maya Laurent", "maya@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &jobs.WelcomeWorker{Store: st})
	for i := 0; i < 2; i++ { // a retried job must not greet twice
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.Work(ctx, t, tx, jobs.WelcomeArgs{AccountID: acct.ID}, nil)
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("run %d: %v %+v", i, err, res)
		}
		_ = tx.Rollback(ctx)
	}
	list, err := st.Notifications(ctx, acct.ID, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("notifications = %+v, %v; want exactly one", list, err)
	}
	if !strings.Contains(list[0].Title, "Maya Laurent") || list[0].Link != "/profile" {
		t.Errorf("notification = %+v", list[0])
	}
}

// TestSignupJobRunsOnRealWorkers runs the queue the way `slate serve` does:
// the job inserted with the account is picked up and worked.
func TestSignupJobRunsOnRealWorkers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	workers := river.NewWorkers()
	jobs.Register(workers, jobs.Deps{Store: st})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: jobs.Queues(2, 1), Workers: workers, FetchPollInterval: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed)
	defer cancel()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Stop(context.Background()) })

	acct, err := st.CreateAccount(ctx, "Ines Okafor", "ines@example.com", domain.RoleProducer, "h")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.After(30 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev.Kind == river.EventKindJobFailed {
				t.Fatalf("job %s failed: %+v", ev.Job.Kind, ev.Job.Errors)
			}
			if ev.Job.Kind != (jobs.WelcomeArgs{}).Kind() {
				continue
			}
			list, err := st.Notifications(ctx, acct.ID, 10)
			if err != nil || len(list) != 1 || list[0].Link != "/producer" {
				t.Fatalf("notifications = %+v, %v", list, err)
			}
			return
		case <-deadline:
			t.Fatal("the welcome job never completed")
		}
	}
}

func TestSweepDeletesExpiredSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	acct, _ := st.CreateAccount(ctx, "A", "a@example.com", domain.RoleCrew, "h")
	live, _ := st.CreateSession(ctx, acct.ID, "", "", time.Hour)
	if _, err := st.CreateSession(ctx, acct.ID, "", "", time.Millisecond); err != nil {
		t.Fatal(err)
	}
	time.Sleep(5 * time.Millisecond)
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &jobs.SweepWorker{Store: st})
	tx, _ := pool.Begin(ctx)
	defer tx.Rollback(ctx)
	if _, err := w.Work(ctx, t, tx, jobs.SweepArgs{}, nil); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM sessions").Scan(&n); err != nil || n != 1 {
		t.Fatalf("sessions left = %d, %v; want 1", n, err)
	}
	if _, err := st.SessionAccount(ctx, live, time.Hour); err != nil {
		t.Fatalf("the live session was swept: %v", err)
	}
}
