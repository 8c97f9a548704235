package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

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
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &workers.SweepWorker{Store: st})
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
