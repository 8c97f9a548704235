package workers_test

import (
	"bytes"
	"context"
	"net/mail"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs/workers"
)

// TestAGroupMessageReachesEachRecipientOnce runs a group message to 60
// included people on real workers with a small expansion batch, sends it
// twice with the same key, and expands it a second time: each recipient
// has one notification and the sink one mail each, with distinct
// Message-IDs.
func TestAGroupMessageReachesEachRecipientOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t, testsmtp.Options{})
	ines := testapp.Producer(t, e.st)
	l := testapp.Listing(t, e.st, ines, testapp.Project(t, e.st, ines), production.CastingCall)
	const n = 60
	_, err := e.pool.Exec(ctx, `
		WITH a AS (INSERT INTO accounts (email, name, role, password_hash)
			SELECT 'p' || i || '@example.com', 'Performer ' || i, 'performer', 'h' FROM generate_series(1, $1) i RETURNING id)
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, selection)
		SELECT $2, $3, id, $4, 'application', 'applied', 'included' FROM a`, n, l.ID, l.Roles[0].ID, ines.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.CloseListing(ctx, ines.ID, l.ID, false, time.Now()); err != nil {
		t.Fatal(err)
	}
	w := river.NewWorkers()
	river.AddWorker(w, &workers.ExpandGroupMessageWorker{Store: e.st, Batch: 7}) // several batches
	river.AddWorker(w, &workers.DeliverGroupMessageWorker{Store: e.st})
	river.AddWorker(w, &workers.DeliverNotificationWorker{Store: e.st, Mail: e.mail})
	client, err := river.NewClient(riverpgxv5.New(e.pool), &river.Config{
		Queues: workers.Queues(8, 1), Workers: w, FetchPollInterval: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	defer cancel()
	if err := client.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Stop(context.Background()) })

	msg := production.GroupMessage{Group: production.Included, Subject: "You are selected", Body: "Monday 9:00."}
	var id int64
	for range 2 {
		if id, err = e.st.SendGroupMessage(ctx, ines.ID, l.ID, msg, "same-form"); err != nil {
			t.Fatal(err)
		}
	}
	// Wait for the progress to read done (the last e-mail recorded),
	// failing on any job that did not complete.
	deadline := time.After(60 * time.Second)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case ev := <-events:
			switch ev.Job.Kind {
			case "welcome", "send_account_mail":
				continue // the accounts' own mail, not registered here
			}
			if ev.Kind != river.EventKindJobCompleted {
				t.Fatalf("%s %s: %+v", ev.Job.Kind, ev.Kind, ev.Job.Errors)
			}
		case <-tick.C:
			m, err := e.st.GroupMessage(ctx, ines.ID, l.ID, id)
			if err != nil {
				t.Fatal(err)
			}
			done = m.Progress.Done()
		case <-deadline:
			t.Fatalf("only %d of %d mails went out", len(e.srv.Messages()), n)
		}
	}
	// A second expansion (a rescued job) inserts nothing.
	if done, err := e.st.ExpandGroupMessage(ctx, id, 7); err != nil || !done {
		t.Fatalf("second expansion = %v, %v", done, err)
	}
	var notes, deliveries, jobsN int
	err = e.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM notifications WHERE kind = 'group_message'),
		(SELECT count(*) FROM group_deliveries), (SELECT count(*) FROM river_job WHERE kind = 'deliver_group_message')`).
		Scan(&notes, &deliveries, &jobsN)
	// One delivery job per expansion batch of 7 (below the delivery batch).
	if want := (n + 6) / 7; err != nil || notes != n || deliveries != n || jobsN != want {
		t.Fatalf("notifications %d, deliveries %d, delivery jobs %d (%v); want %d, %d, %d", notes, deliveries, jobsN, err, n, n, want)
	}
	ids := map[string]bool{}
	for _, m := range e.srv.Messages() {
		parsed, err := mail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatal(err)
		}
		ids[parsed.Header.Get("Message-Id")] = true
	}
	if len(e.srv.Messages()) != n || len(ids) != n {
		t.Errorf("the sink got %d mails with %d Message-IDs, want %d", len(e.srv.Messages()), len(ids), n)
	}
	p, err := e.st.GroupMessage(ctx, ines.ID, l.ID, id)
	if err != nil || p.Progress.Total != n || p.Progress.Sent != n || p.Progress.Emailed != n || p.Progress.AllFailed() != 0 {
		t.Errorf("progress = %+v, %v", p.Progress, err)
	}
}
