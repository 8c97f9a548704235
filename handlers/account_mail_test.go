package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
	"github.com/slatecasting/slate/migrations"
)

// mailEnv is an app whose jobs really run, on a River client with Slate's
// workers, sending through a real SMTP server: what a person clicks, the
// mail that reaches them, the link they follow.
type mailEnv struct {
	*env
	smtp   *testsmtp.Server
	events <-chan *river.Event
	client *river.Client[pgx.Tx]
}

// startWorkers starts working the jobs. Tests make their accounts with
// the builders first: a builder confirms the address right after sign-up
// wrote its confirmation job, and a worker already running could mail
// that link in between.
func (e *mailEnv) startWorkers() {
	e.t.Helper()
	if err := e.client.Start(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { _ = e.client.Stop(context.Background()) })
}

func newAccountMailEnv(t *testing.T) *mailEnv {
	t.Helper()
	pool := testdb.New(t)
	srv := testsmtp.Start(t, testsmtp.Options{})
	sender, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: mail.TLSNone, From: "Slate <no-reply@slate.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sender.Close() })
	bundle := river.NewWorkers()
	client, err := river.NewClient(riverpgxv5.New(pool), &river.Config{
		Workers: bundle, Queues: map[string]river.QueueConfig{jobs.QueueDefault: {MaxWorkers: 2}},
		FetchCooldown: 20 * time.Millisecond, FetchPollInterval: 50 * time.Millisecond, TestOnly: true,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
	if err != nil {
		t.Fatal(err)
	}
	st := store.New(pool, client)
	templates, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	workers.Register(bundle, workers.Deps{Store: st, Mail: &workers.Mail{Sender: sender, Templates: templates,
		BaseURL: "http://slate.test", Secret: testSecret, Domain: "slate.test"}})
	events, cancel := client.Subscribe(river.EventKindJobCompleted, river.EventKindJobFailed, river.EventKindJobCancelled)
	t.Cleanup(cancel)
	objects, err := objstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	app := handlers.New(handlers.Deps{
		Objects: objects, Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready:       func(ctx context.Context) error { return migrations.Check(ctx, pool) },
		SessionIdle: time.Hour, SessionMax: 24 * time.Hour, PasswordParams: testapp.PasswordParams(),
	})
	return &mailEnv{env: &env{t: t, app: app, store: st, pool: pool, objects: objects}, smtp: srv, events: events, client: client}
}

// waitMail waits, on the workers' events rather than the clock, until the
// SMTP server holds n messages, and returns the newest one's text part.
func (e *mailEnv) waitMail(n int) (to, text string) {
	e.t.Helper()
	timeout := time.After(20 * time.Second)
	for len(e.smtp.Messages()) < n {
		select {
		case ev := <-e.events:
			if ev.Kind != river.EventKindJobCompleted && ev.Job.Kind == (jobs.SendAccountMailArgs{}).Kind() {
				e.t.Fatalf("account mail job %s: %v", ev.Kind, ev.Job.Errors)
			}
		case <-timeout:
			e.t.Fatalf("the SMTP server holds %d messages, want %d", len(e.smtp.Messages()), n)
		}
	}
	got := e.smtp.Messages()
	p, err := mail.Parse(got[n-1].Data)
	if err != nil {
		e.t.Fatal(err)
	}
	return got[n-1].To[0], p.Text
}

// linkIn finds the path of the first link to prefix in a mail's text.
func linkIn(t *testing.T, text, prefix string) string {
	t.Helper()
	m := regexp.MustCompile(`http://slate\.test(` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_-]+)`).FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no %s link in:\n%s", prefix, text)
	}
	return m[1]
}

func TestSignupConfirmationByMailThenApply(t *testing.T) {
	t.Parallel()
	e := newAccountMailEnv(t)
	ines := testapp.Producer(t, e.store)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	other := e.as(testapp.Talent(t, e.store, domain.RolePerformer))
	e.startWorkers()
	b := e.browser()
	b.Get("/signup")
	resp := b.Post("/signup", signupForm("Maya Laurent", "maya@example.com", "a long passphrase", "performer"))
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-up: %d", resp.StatusCode)
	}
	acct, _, err := e.store.Credentials(context.Background(), "maya@example.com")
	if err != nil {
		t.Fatal(err)
	}
	testapp.CompleteProfile(t, e.store, acct)

	// Before confirming: the banner, and applying refused with the button.
	if html := body(t, b.Get("/profile")); !strings.Contains(html, "we sent a link to <strong>maya@example.com</strong>") {
		t.Fatalf("no confirmation banner on the profile page:\n%s", html)
	}
	b.Get("/castings/" + itoa(l.ID))
	resp = b.Post(applyURL(l, 0), url.Values{"note": {"Hi"}}, "HX-Request", "true")
	html := body(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "Confirm your e-mail address before you apply") ||
		!strings.Contains(html, `action="/confirm-resend"`) || resp.Header.Get("HX-Retarget") != "#main" {
		t.Fatalf("unconfirmed castmi: %d %v\n%s", resp.StatusCode, resp.Header, html)
	}
	if n := count(t, e.pool, `SELECT count(*) FROM participations WHERE talent_id = $1`, acct.ID); n != 0 {
		t.Fatalf("%d applications from an unconfirmed account", n)
	}

	to, text := e.waitMail(1)
	if to != "maya@example.com" || !strings.Contains(text, "Confirm my address") {
		t.Fatalf("mail to %s:\n%s", to, text)
	}
	link := linkIn(t, text, "/confirm/")
	// Another account's browser cannot use Maya's link.
	if resp := other.Get(link); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another account followed Maya's link: %d", resp.StatusCode)
	}
	resp = b.Get(link)
	if html := body(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(html, "Address confirmed") || strings.Contains(html, "confirm-banner") {
		t.Fatalf("confirm: %d\n%s", resp.StatusCode, html)
	}
	if resp := b.Get(link); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the link worked twice: %d", resp.StatusCode)
	}
	b.Get("/castings/" + itoa(l.ID))
	resp = b.Post(applyURL(l, 0), url.Values{"note": {"Hi"}}, "HX-Request", "true")
	if html := body(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(html, "Applied") {
		t.Fatalf("confirmed castmi: %d\n%s", resp.StatusCode, html)
	}
}

func TestForgotResetEndsSessionsAndTheLinkWorksOnce(t *testing.T) {
	t.Parallel()
	e := newAccountMailEnv(t)
	ines := testapp.Producer(t, e.store, testapp.Email("ines@example.com"))
	old := e.as(ines)
	e.startWorkers()

	v := e.browser()
	if html := body(t, v.Get("/login")); !strings.Contains(html, `href="/password/forgot"`) {
		t.Fatal("the login page has no forgotten-password link")
	}
	v.Get("/password/forgot")
	answer := func(email string) (int, string) {
		resp := v.Post("/password/forgot", url.Values{"email": {email}})
		return resp.StatusCode, strings.ReplaceAll(body(t, resp), email, "ADDRESS")
	}
	codeKnown, known := answer("ines@example.com")
	codeUnknown, unknown := answer("nobody@example.com")
	if codeKnown != http.StatusOK || codeKnown != codeUnknown || known != unknown || !strings.Contains(known, "If an account uses") {
		t.Fatalf("the answers differ: %d vs %d\n%s\n---\n%s", codeKnown, codeUnknown, known, unknown)
	}
	to, text := e.waitMail(1)
	if to != "ines@example.com" {
		t.Fatalf("reset mail to %s", to)
	}
	link := linkIn(t, text, "/password/reset/")
	if resp := v.Get(link); resp.StatusCode != http.StatusOK {
		t.Fatalf("reset form: %d", resp.StatusCode)
	}
	resp := v.Post(link, url.Values{"password": {"a brand new one"}, "password2": {"a brand new two"}})
	if html := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "The two passwords differ") ||
		strings.Contains(html, "a brand new") {
		t.Fatalf("mismatched passwords: %d\n%s", resp.StatusCode, html)
	}
	resp = v.Post(link, url.Values{"password": {"a brand new one"}, "password2": {"a brand new one"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?reset=1" {
		t.Fatalf("reset: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if html := body(t, v.Get("/login?reset=1")); !strings.Contains(html, "Your password is changed") {
		t.Fatal("no flash on the login page after the reset")
	}
	if resp := old.Get("/producer"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the old session still works after the reset: %d", resp.StatusCode)
	}
	fresh := e.browser()
	fresh.Login(testapp.User{Account: ines.Account, Password: "a brand new one"})
	if html := body(t, v.Get(link)); !strings.Contains(html, "This link does not work") || !strings.Contains(html, `href="/password/forgot"`) {
		t.Fatalf("the used link:\n%s", html)
	}
	resp = v.Post(link, url.Values{"password": {"yet another one"}, "password2": {"yet another one"}})
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the link worked twice: %d", resp.StatusCode)
	}
	if n := len(e.smtp.Messages()); n != 1 {
		t.Fatalf("the SMTP server holds %d messages: the unknown address got mail", n)
	}
}

func TestChangeEmailFromSettings(t *testing.T) {
	t.Parallel()
	e := newAccountMailEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	testapp.Producer(t, e.store, testapp.Email("taken@example.com"))
	b := e.as(maya)
	other := e.as(maya)
	e.startWorkers()
	b.Get("/settings")
	resp := b.Post("/settings/email", url.Values{"new_email": {"taken@example.com"}, "password": {maya.Password}}, "HX-Request", "true")
	if html := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "Another account uses this address") {
		t.Fatalf("taken address: %d\n%s", resp.StatusCode, html)
	}
	resp = b.Post("/settings/email", url.Values{"new_email": {"maya@new.example.com"}, "password": {"wrong password"}}, "HX-Request", "true")
	if html := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "not your current password") ||
		!strings.Contains(html, `value="maya@new.example.com"`) {
		t.Fatalf("wrong password: %d\n%s", resp.StatusCode, html)
	}
	resp = b.Post("/settings/email", url.Values{"new_email": {"maya@new.example.com"}, "password": {maya.Password}}, "HX-Request", "true")
	if html := body(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(html, "We sent a link to <strong>maya@new.example.com</strong>") {
		t.Fatalf("change: %d\n%s", resp.StatusCode, html)
	}
	e.waitMail(2)
	var link string
	for _, m := range e.smtp.Messages() {
		p, err := mail.Parse(m.Data)
		if err != nil {
			t.Fatal(err)
		}
		switch m.To[0] {
		case "maya@new.example.com":
			link = linkIn(t, p.Text, "/email/change/")
		case "maya@example.com":
			if !strings.Contains(p.Text, "maya@new.example.com") || !strings.Contains(p.Text, "reset your password") {
				t.Errorf("the notice to the old address:\n%s", p.Text)
			}
		default:
			t.Errorf("mail to %v", m.To)
		}
	}
	if link == "" {
		t.Fatal("no mail to the new address")
	}
	b.Get(link)
	resp = b.Post(link, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/settings?changed=1" {
		t.Fatalf("switch: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if html := body(t, b.Get("/settings?changed=1")); !strings.Contains(html, "Your e-mail address is now maya@new.example.com") {
		t.Fatalf("settings after the switch:\n%s", html)
	}
	if resp := other.Get("/profile"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("the other session survived the switch: %d", resp.StatusCode)
	}
	if resp := b.Post(link, nil); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("the link worked twice: %d", resp.StatusCode)
	}
}

func TestUnconfirmedProducerCannotSubmitOrMessage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store, testapp.Unconfirmed())
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall, testapp.Draft())
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	b := e.as(ines)
	b.Get("/projects")
	for path, form := range map[string]url.Values{
		"/listings/" + itoa(l.ID) + "/submit": nil,
		"/messages/new":                       {"listing": {itoa(l.ID)}, "talent": {itoa(maya.ID)}, "body": {"Hello"}},
	} {
		resp := b.Post(path, form)
		if html := body(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(html, "Confirm your e-mail address before you") {
			t.Errorf("POST %s: %d\n%s", path, resp.StatusCode, html)
		}
	}
	if n := count(t, e.pool, `SELECT count(*) FROM listings WHERE id = $1 AND status = 'draft'`, l.ID); n != 1 {
		t.Fatal("the unconfirmed producer's listing left draft")
	}
}

func TestMailFormsAreThrottled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Unconfirmed())
	b := e.as(maya)
	for i := 1; i <= 4; i++ {
		resp := b.Post("/confirm-resend", url.Values{"next": {"/profile"}}, "HX-Request", "true")
		html := body(t, resp)
		switch {
		case i <= 3 && (resp.StatusCode != http.StatusOK || !strings.Contains(html, "We sent a new link to "+maya.Email)):
			t.Fatalf("resend %d: %d\n%s", i, resp.StatusCode, html)
		case i == 4 && resp.StatusCode != http.StatusTooManyRequests:
			t.Fatalf("resend %d: %d, want 429", i, resp.StatusCode)
		}
	}
	// Three confirmation links besides sign-up's, each with its mail job.
	if n := count(t, e.pool, `SELECT count(*) FROM account_tokens WHERE account_id = $1 AND purpose = 'confirm'`, maya.ID); n != 4 {
		t.Fatalf("%d confirmation tokens, want 4", n)
	}
	v := e.browser()
	v.Get("/password/forgot")
	for i := 1; i <= 4; i++ {
		resp := v.Post("/password/forgot", url.Values{"email": {"nobody@example.com"}})
		want := http.StatusOK
		if i == 4 {
			want = http.StatusTooManyRequests
		}
		if html := body(t, resp); resp.StatusCode != want {
			t.Fatalf("forgot %d: %d, want %d\n%s", i, resp.StatusCode, want, html)
		}
	}
}
