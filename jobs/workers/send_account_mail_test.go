package workers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

func smtpTo(t *testing.T, srv *testsmtp.Server) *mail.SMTP {
	t.Helper()
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: mail.TLSNone, From: "Slate <no-reply@slate.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestAccountMailReachesTheSMTPServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	srv := testsmtp.Start(t, testsmtp.Options{})
	acct, err := st.CreateAccount(ctx, "Ada Lovelace", "ada@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RequestEmailChange(ctx, acct.ID, "ada@new.example.com", time.Now()); err != nil {
		t.Fatal(err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{},
		&workers.AccountMailWorker{Store: st, Sender: smtpTo(t, srv), BaseURL: "https://slate.test"})
	var confirmID, changeID int64
	if err := pool.QueryRow(ctx, `SELECT
		(SELECT id FROM account_tokens WHERE purpose = 'confirm'), (SELECT id FROM account_tokens WHERE purpose = 'change_email')`).
		Scan(&confirmID, &changeID); err != nil {
		t.Fatal(err)
	}
	for _, args := range []jobs.SendAccountMailArgs{{TokenID: confirmID}, {TokenID: changeID}, {TokenID: changeID, Notice: true}} {
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.Work(ctx, t, tx, args, nil)
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("%+v: %v %+v", args, err, res)
		}
		_ = tx.Rollback(ctx)
	}
	got := srv.Messages()
	if len(got) != 3 {
		t.Fatalf("the server received %d messages, want 3", len(got))
	}
	wants := []struct{ to, link string }{
		{"ada@example.com", "https://slate.test/confirm/"},
		{"ada@new.example.com", "https://slate.test/email/change/"},
		{"ada@example.com", "https://slate.test/password/forgot"},
	}
	for i, want := range wants {
		p, err := mail.Parse(got[i].Data)
		if err != nil {
			t.Fatal(err)
		}
		if got[i].To[0] != want.to || !strings.Contains(p.Text, want.link) || !strings.Contains(p.HTML, want.link) {
			t.Errorf("mail %d to %v:\n%s", i, got[i].To, p.Text)
		}
		if p.Header.Get("List-Unsubscribe") != "" {
			t.Errorf("mail %d: account mail has an unsubscribe header", i)
		}
	}
	var mailed int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM account_tokens WHERE mailed_at IS NOT NULL`).Scan(&mailed); err != nil || mailed != 2 {
		t.Errorf("tokens recorded as mailed: %d, %v", mailed, err)
	}
}

func TestAccountMailRecordsPermanentFailures(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	srv := testsmtp.Start(t, testsmtp.Options{Reject: true})
	if _, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h"); err != nil {
		t.Fatal(err)
	}
	var id int64
	if err := pool.QueryRow(ctx, `SELECT id FROM account_tokens`).Scan(&id); err != nil {
		t.Fatal(err)
	}
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{},
		&workers.AccountMailWorker{Store: st, Sender: smtpTo(t, srv), BaseURL: "https://slate.test"})
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	res, err := w.Work(ctx, t, tx, jobs.SendAccountMailArgs{TokenID: id}, nil)
	if err != nil || res.EventKind != river.EventKindJobCancelled {
		t.Fatalf("a 550 gave %v %+v, want the job cancelled", err, res)
	}
	var problem string
	if err := pool.QueryRow(ctx, `SELECT mail_error FROM account_tokens WHERE id = $1`, id).Scan(&problem); err != nil || !strings.Contains(problem, "550") {
		t.Fatalf("recorded %q, %v", problem, err)
	}
}
