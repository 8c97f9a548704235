package workers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// A suspension is e-mailed to its owner once, with the moderator's reason
// and the appeal address, by the job the suspension inserted; a run again
// sends nothing. Lifting it is mailed once too, whatever the preferences
// (suspension_lifted is no mail type's notification).
func TestSuspensionIsMailedOnceAndItsLiftToo(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t, testsmtp.Options{})
	ines := testapp.Producer(t, e.st, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	mod := testapp.Moderator(t, e.st)
	if err := e.st.SuspendAccount(ctx, mod.ID, ines.ID, "Asked talent for an undisclosed fee."); err != nil {
		t.Fatal(err)
	}
	var suspensionID int64
	if err := e.pool.QueryRow(ctx, `SELECT (args->>'suspension_id')::bigint FROM river_job WHERE kind = 'suspension_mail'`).Scan(&suspensionID); err != nil {
		t.Fatalf("no suspension_mail job inserted with the suspension: %v", err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(e.pool), &river.Config{},
		&workers.SuspensionMailWorker{Store: e.st, Sender: e.mail.Sender, Templates: e.mail.Templates, Appeal: "appeals@slate.test"})
	for range 2 {
		tx, err := e.pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.Work(ctx, t, tx, jobs.SuspensionMailArgs{SuspensionID: suspensionID}, nil)
		_ = tx.Rollback(ctx)
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("work: %v %+v", err, res)
		}
	}
	got := e.srv.Messages()
	if len(got) != 1 {
		t.Fatalf("%d suspension mails, want 1", len(got))
	}
	p, err := mail.Parse(got[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"suspended", "Asked talent for an undisclosed fee", "appeals@slate.test"} {
		if !strings.Contains(p.Text, want) || !strings.Contains(p.HTML, want) {
			t.Errorf("the suspension mail lacks %q:\n%s", want, p.Text)
		}
	}
	if got[0].To[0] != "ines@example.com" || p.Header.Get("Subject") != "Your Slate account is suspended" {
		t.Errorf("mail to %v, subject %q", got[0].To, p.Header.Get("Subject"))
	}

	if err := e.st.LiftSuspension(ctx, mod.ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	var liftJobs int
	if err := e.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'suspension_mail' AND (args->>'lifted')::bool`).Scan(&liftJobs); err != nil || liftJobs != 1 {
		t.Fatalf("lift mail jobs = %d, %v; want 1 inserted with the lift", liftJobs, err)
	}
	for range 2 {
		tx, err := e.pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.Work(ctx, t, tx, jobs.SuspensionMailArgs{SuspensionID: suspensionID, Lifted: true}, nil)
		_ = tx.Rollback(ctx)
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("work the lift: %v %+v", err, res)
		}
	}
	if got := e.srv.Messages(); len(got) != 2 || !strings.Contains(string(got[1].Data), "active again") {
		t.Errorf("the lift was not mailed once: %d mails", len(got))
	}
}

// A suspension lifted before its mail went out sends nothing: the owner
// is told of the lift instead.
func TestSuspensionMailAfterTheLiftSendsNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t, testsmtp.Options{})
	ines := testapp.Producer(t, e.st)
	mod := testapp.Moderator(t, e.st)
	if err := e.st.SuspendAccount(ctx, mod.ID, ines.ID, "Spam."); err != nil {
		t.Fatal(err)
	}
	if err := e.st.LiftSuspension(ctx, mod.ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := e.pool.QueryRow(ctx, `SELECT id FROM account_suspensions WHERE account_id = $1`, ines.ID).Scan(&id); err != nil {
		t.Fatal(err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(e.pool), &river.Config{},
		&workers.SuspensionMailWorker{Store: e.st, Sender: e.mail.Sender, Templates: e.mail.Templates, Appeal: "appeals@slate.test"})
	tx, err := e.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	if res, err := w.Work(ctx, t, tx, jobs.SuspensionMailArgs{SuspensionID: id}, nil); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("work: %v %+v", err, res)
	}
	if n := len(e.srv.Messages()); n != 0 {
		t.Errorf("%d mails for a lifted suspension", n)
	}
}
