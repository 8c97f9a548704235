package workers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

func TestWelcomeWorkerIsIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	acct, err := st.CreateAccount(ctx, "Maya Laurent", "maya@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &workers.WelcomeWorker{Store: st})
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
