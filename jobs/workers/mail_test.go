package workers_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

type mailEnv struct {
	st   *store.Store
	pool *pgxpool.Pool
	srv  *testsmtp.Server
	mail *workers.Mail
}

func newMailEnv(t *testing.T, opts testsmtp.Options) mailEnv {
	t.Helper()
	st, pool := testdb.NewStore(t)
	srv := testsmtp.Start(t, opts)
	sender, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: mail.TLSNone,
		From: "Slate <mail@slate.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sender.Close() })
	tpl, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	return mailEnv{st: st, pool: pool, srv: srv,
		mail: &workers.Mail{Sender: sender, Templates: tpl, BaseURL: "https://slate.test", Secret: "s3cret", Domain: "slate.test"}}
}

// apply has a performer apply to a producer's casting call and returns
// the producer and the id of the notification the application wrote.
func (e mailEnv) apply(t *testing.T) (testapp.User, int64) {
	t.Helper()
	ctx := context.Background()
	ines := testapp.Producer(t, e.st, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	maya := testapp.Talent(t, e.st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	l := testapp.Listing(t, e.st, ines, testapp.Project(t, e.st, ines), production.CastingCall)
	if _, err := e.st.Apply(ctx, maya.Account, l.ID, l.Roles[0].ID, "Hello"); err != nil {
		t.Fatal(err)
	}
	list, err := e.st.Notifications(ctx, ines.ID, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("producer's notifications = %+v, %v", list, err)
	}
	var jobsFor int
	err = e.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'deliver_notification'
		AND args->'notification_ids' = jsonb_build_array($1::bigint)`, list[0].ID).Scan(&jobsFor)
	if err != nil || jobsFor != 1 {
		t.Fatalf("delivery jobs for the notification = %d, %v; want 1 inserted with it", jobsFor, err)
	}
	return ines, list[0].ID
}

func (e mailEnv) deliver(t *testing.T, id int64) (*rivertest.WorkResult, error) {
	t.Helper()
	ctx := context.Background()
	w := rivertest.NewWorker(t, riverpgxv5.New(e.pool), &river.Config{}, &workers.DeliverNotificationWorker{Store: e.st, Mail: e.mail})
	tx, err := e.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = tx.Rollback(ctx) }()
	return w.Work(ctx, t, tx, jobs.DeliverNotificationArgs{NotificationIDs: []int64{id}}, &river.InsertOpts{MaxAttempts: 3})
}

func TestAnApplicationIsEmailedExactlyOnce(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t, testsmtp.Options{})
	ines, id := e.apply(t)
	var wg sync.WaitGroup
	for range 3 { // the job run again, and concurrently
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted {
				t.Errorf("deliver: %v %+v", err, res)
			}
		}()
	}
	wg.Wait()
	got := e.srv.Messages()
	if len(got) != 1 {
		t.Fatalf("the sink received %d mails, want 1", len(got))
	}
	p, err := mail.Parse(got[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].To[0] != ines.Email || !strings.Contains(p.Text, "Maya Laurent") || !strings.Contains(p.HTML, "https://slate.test/") {
		t.Fatalf("mail to %v:\n%s", got[0].To, p.Text)
	}
	unsub := strings.Trim(p.Header.Get("List-Unsubscribe"), "<>")
	token := unsub[strings.LastIndex(unsub, "/")+1:]
	if acct, typ, ok := mail.VerifyUnsubscribe("s3cret", token); !ok || acct != ines.ID || typ != domain.MailNewApplication {
		t.Fatalf("unsubscribe link %q: %d %s %v", unsub, acct, typ, ok)
	}
	d, err := e.st.NotificationEmailState(context.Background(), id)
	if err != nil || d.State != store.EmailSent || d.Attempts != 1 {
		t.Fatalf("delivery = %+v, %v", d, err)
	}
}

func TestARetryInDoubtSendsAgainUnderTheSameMessageID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t, testsmtp.Options{})
	_, id := e.apply(t)
	// A first attempt claimed the mail, sent it and died before recording;
	// River rescues the job an hour later and retries it.
	claims, err := e.st.ClaimNotificationEmails(ctx, []int64{id})
	if err != nil || len(claims) != 1 {
		t.Fatalf("claim = %+v, %v", claims, err)
	}
	messageID := fmt.Sprintf("delivery-%d@slate.test", claims[0].DeliveryID)
	if err := e.mail.Sender.Send(ctx, mail.Message{To: claims[0].Email, Subject: "first attempt", Text: "x", MessageID: messageID}); err != nil {
		t.Fatal(err)
	}
	if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("a run while the claim is young: %v %+v", err, res)
	}
	if d, _ := e.st.NotificationEmailState(ctx, id); d.State != store.EmailSending || len(e.srv.Messages()) != 1 {
		t.Fatalf("a young claim was taken for dead: %+v, %d mails", d, len(e.srv.Messages()))
	}
	if _, err := e.pool.Exec(ctx, `UPDATE email_deliveries SET updated_at = now() - interval '1 hour'`); err != nil {
		t.Fatal(err)
	}
	if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("retry: %v %+v", err, res)
	}
	if d, _ := e.st.NotificationEmailState(ctx, id); d.State != store.EmailSent || d.Attempts != 2 {
		t.Fatalf("delivery = %+v, want sent on the second attempt", d)
	}
	// The attempt in doubt did reach the server: the retry's copy carries
	// the same Message-ID, so the recipient's mail store shows one mail.
	got := e.srv.Messages()
	if len(got) != 2 || e.srv.Unique() != 1 {
		t.Fatalf("the sink received %d mails under %d Message-IDs, want 2 under 1", len(got), e.srv.Unique())
	}
	for _, m := range got {
		if p, err := mail.Parse(m.Data); err != nil || p.Header.Get("Message-Id") != "<"+messageID+">" {
			t.Fatalf("Message-Id %q (%v), want <%s>", p.Header.Get("Message-Id"), err, messageID)
		}
	}
	if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted || len(e.srv.Messages()) != 2 {
		t.Fatalf("a run after the record: %v %+v, %d mails", err, res, len(e.srv.Messages()))
	}
}

func TestATemporaryFailureRetries(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t, testsmtp.Options{TempFailures: 1})
	_, id := e.apply(t)
	if _, err := e.deliver(t, id); err == nil || mail.IsPermanent(err) {
		t.Fatalf("first attempt: %v, want a transient error for River to retry", err)
	}
	if d, _ := e.st.NotificationEmailState(context.Background(), id); d.State != store.EmailPending || !strings.Contains(d.Reason, "451") {
		t.Fatalf("after the 451: %+v", d)
	}
	if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("retry: %v %+v", err, res)
	}
	if n := len(e.srv.Messages()); n != 1 {
		t.Fatalf("the sink received %d mails, want 1", n)
	}
}

func TestAPermanentFailureIsRecordedAndNotRetried(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t, testsmtp.Options{Reject: true})
	_, id := e.apply(t)
	res, err := e.deliver(t, id)
	if err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("deliver: %v %+v, want the job done (the failure recorded, not retried)", err, res)
	}
	d, _ := e.st.NotificationEmailState(context.Background(), id)
	if d.State != store.EmailFailed || !strings.Contains(d.Reason, "550") {
		t.Fatalf("delivery = %+v", d)
	}
	if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("a stray rerun: %v %+v", err, res)
	}
}

func TestPreferenceNeverSendsNothing(t *testing.T) {
	t.Parallel()
	e := newMailEnv(t, testsmtp.Options{})
	ines, id := e.apply(t)
	if err := e.st.SetMailPreferences(context.Background(), ines.ID, map[domain.MailType]domain.Cadence{domain.MailNewApplication: domain.CadenceNever}); err != nil {
		t.Fatal(err)
	}
	if res, err := e.deliver(t, id); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("deliver: %v %+v", err, res)
	}
	if n := len(e.srv.Messages()); n != 0 {
		t.Fatalf("sent %d mails to someone who said never", n)
	}
	if list, _ := e.st.Notifications(context.Background(), ines.ID, 10); len(list) != 1 {
		t.Fatalf("the in-app notification must stay: %+v", list)
	}
}

func TestTheDigestGathersTheDailyTypes(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t, testsmtp.Options{})
	maya := testapp.Talent(t, e.st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	if err := e.st.SetMailPreferences(ctx, maya.ID, map[domain.MailType]domain.Cadence{domain.MailMessage: domain.CadenceDaily}); err != nil {
		t.Fatal(err)
	}
	for i, n := range []domain.Notification{
		{Kind: "message", DedupeKey: "m1", Title: "Ines wrote to you", Body: "About Friday", Link: "/messages/1"},
		{Kind: "match_alert", DedupeKey: "a1", Title: "A new casting matches you", Body: "The Salt Road", Link: "/castings/9"},
		{Kind: "invitation", DedupeKey: "i1", Title: "You are invited", Body: "Immediately, not in the digest", Link: "/my-castings"},
	} {
		n.AccountID = maya.ID
		if err := e.st.AddNotification(ctx, n); err != nil {
			t.Fatal(i, err)
		}
	}
	// Omar gets everything at once: the sweep owes him no digest job.
	omar := testapp.Talent(t, e.st, domain.RolePerformer, testapp.Name("Omar Haddad"))
	if err := e.st.AddNotification(ctx, domain.Notification{AccountID: omar.ID, Kind: "invitation", DedupeKey: "i2",
		Title: "You are invited", Body: "Now", Link: "/my-castings"}); err != nil {
		t.Fatal(err)
	}
	// Rui lives in New York: at 9:00 UTC it is 4:00 there, too early.
	rui := testapp.Talent(t, e.st, domain.RolePerformer, testapp.Name("Rui Costa"))
	if err := e.st.SetTimeZone(ctx, rui.ID, "America/New_York"); err != nil {
		t.Fatal(err)
	}
	if err := e.st.AddNotification(ctx, domain.Notification{AccountID: rui.ID, Kind: "match_alert", DedupeKey: "a2",
		Title: "A new casting matches you", Body: "Harbour Lights", Link: "/castings/8"}); err != nil {
		t.Fatal(err)
	}
	// Tomorrow at 9:00 UTC the sweep finds Maya (UTC) and her digest job
	// sends; at 6:00 it was too early for her too.
	tomorrow := time.Now().UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
	e.mail.Now = func() time.Time { return tomorrow.Add(6 * time.Hour) }
	if due, err := e.st.DigestAccounts(ctx, e.mail.Now()); err != nil || len(due) != 0 {
		t.Fatalf("at 6:00 UTC: %+v, %v; want nobody yet", due, err)
	}
	e.mail.Now = func() time.Time { return tomorrow.Add(9 * time.Hour) }
	sweep := rivertest.NewWorker(t, riverpgxv5.New(e.pool), &river.Config{Workers: bundle(e)}, &workers.DigestSweepWorker{Store: e.st, Mail: e.mail})
	if res, err := sweep.Work(ctx, t, e.tx(t), jobs.DigestSweepArgs{}, nil); err != nil || res.EventKind != river.EventKindJobCompleted {
		t.Fatalf("sweep: %v %+v", err, res)
	}
	day := e.mail.Now().UTC().Format("2006-01-02")
	var queued int
	if err := e.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'mail_digest' AND (args->>'account_id')::bigint = $1
		AND args->>'day' = $2`, maya.ID, day).Scan(&queued); err != nil || queued != 1 {
		t.Fatalf("digest jobs queued = %d, %v", queued, err)
	}
	if err := e.pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'mail_digest'`).Scan(&queued); err != nil || queued != 1 {
		t.Fatalf("digest jobs = %d, %v; want Maya's alone", queued, err)
	}
	// At 13:00 UTC it is 8:00 in New York: Rui's turn, for his local day.
	due, err := e.st.DigestAccounts(ctx, tomorrow.Add(13*time.Hour))
	if err != nil || len(due) != 2 || due[1].AccountID != rui.ID || due[1].Day.Format("2006-01-02") != tomorrow.Format("2006-01-02") {
		t.Fatalf("at 13:00 UTC: %+v, %v; want Maya (no digest row yet in this test) and Rui for %s", due, err, tomorrow.Format("2006-01-02"))
	}
	digest := rivertest.NewWorker(t, riverpgxv5.New(e.pool), &river.Config{}, &workers.DigestWorker{Store: e.st, Mail: e.mail})
	for range 2 {
		if res, err := digest.Work(ctx, t, e.tx(t), jobs.DigestArgs{AccountID: maya.ID, Day: day}, nil); err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("digest: %v %+v", err, res)
		}
	}
	got := e.srv.Messages()
	if len(got) != 1 {
		t.Fatalf("the sink received %d mails, want one digest", len(got))
	}
	p, err := mail.Parse(got[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Text, "Ines wrote to you") || !strings.Contains(p.Text, "A new casting matches you") ||
		strings.Contains(p.Text, "You are invited") || !strings.Contains(p.HTML, "https://slate.test/messages/1") {
		t.Fatalf("digest:\n%s", p.Text)
	}
}

// tx is a transaction for rivertest's job row, rolled back at the end.
func (e mailEnv) tx(t *testing.T) pgx.Tx {
	t.Helper()
	tx, err := e.pool.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = tx.Rollback(context.Background()) })
	return tx
}

func bundle(e mailEnv) *river.Workers {
	w := river.NewWorkers()
	workers.Register(w, workers.Deps{Store: e.st, Mail: e.mail})
	return w
}

// TestDeliveryRunsOnRealWorkers runs the queue as `slate serve` does: the
// job the application inserted beside its notification is picked up and
// the producer's mail reaches the SMTP sink, once, even when the same
// application is sent again.
func TestDeliveryRunsOnRealWorkers(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t, testsmtp.Options{})
	client, err := river.NewClient(riverpgxv5.New(e.pool), &river.Config{
		Queues: workers.Queues(4, 1), Workers: bundle(e), FetchPollInterval: 100 * time.Millisecond,
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
	ines := testapp.Producer(t, e.st, testapp.Email("ines@example.com"))
	maya := testapp.Talent(t, e.st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	l := testapp.Listing(t, e.st, ines, testapp.Project(t, e.st, ines), production.CastingCall)
	for range 2 {
		if _, err := e.st.Apply(ctx, maya.Account, l.ID, l.Roles[0].ID, "Hello"); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.After(30 * time.Second)
	for done := false; !done; {
		select {
		case ev := <-events:
			if ev.Job.Kind != (jobs.DeliverNotificationArgs{}).Kind() {
				continue
			}
			if ev.Kind != river.EventKindJobCompleted {
				t.Fatalf("delivery %s: %+v", ev.Kind, ev.Job.Errors)
			}
			done = true
		case <-deadline:
			t.Fatal("the delivery job never completed")
		}
	}
	// The producer's one mail (the accounts' own confirmation mails go
	// through the same sink, whenever their jobs run).
	var toInes []string
	for _, m := range e.srv.Messages() {
		if m.To[0] == "ines@example.com" {
			toInes = append(toInes, m.MessageID)
		}
	}
	if len(toInes) != 1 {
		t.Fatalf("the producer received %v, want one mail", toInes)
	}
}
