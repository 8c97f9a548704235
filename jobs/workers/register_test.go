package workers_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// TestSignupJobRunsOnRealWorkers runs the queue the way `slate serve` does:
// the job inserted with the account is picked up and worked.
func TestSignupJobRunsOnRealWorkers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	bundle := river.NewWorkers()
	workers.Register(bundle, workers.Deps{Store: st})
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Queues: workers.Queues(2, 1), Workers: bundle, FetchPollInterval: 100 * time.Millisecond,
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
