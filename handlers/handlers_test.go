package handlers_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/migrations"
)

// env is one web app on a fresh database and a temporary media folder,
// built through handlers.New as cmd/slate builds it.
type env struct {
	t       *testing.T
	app     *fiber.App
	store   *store.Store
	pool    *pgxpool.Pool // for rows no store function writes yet
	objects objstore.Store
}

func newEnv(t *testing.T) *env { return newEnvWith(t, nil) }

// newEnvWith is newEnv with some of the app's Deps changed by change.
func newEnvWith(t *testing.T, change func(*handlers.Deps)) *env {
	t.Helper()
	st, pool := testdb.NewStore(t)
	objects, err := objstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d := handlers.Deps{
		Objects:        objects,
		Store:          st,
		Log:            slog.New(slog.NewTextHandler(io.Discard, nil)),
		Ready:          func(ctx context.Context) error { return migrations.Check(ctx, pool) },
		JobsUI:         http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "river ui") }),
		SessionIdle:    time.Hour,
		SessionMax:     24 * time.Hour,
		PasswordParams: testapp.PasswordParams(),
	}
	if change != nil {
		change(&d)
	}
	return &env{t: t, app: handlers.New(d), store: st, pool: pool, objects: objects}
}

// browser is a fresh cookie-keeping client on the app.
func (e *env) browser() *testapp.Client { return testapp.NewClient(e.t, e.app) }

// as is a browser logged in as u.
func (e *env) as(u testapp.User) *testapp.Client {
	e.t.Helper()
	b := e.browser()
	b.Login(u)
	return b
}

func signupForm(name, email, password, role string) url.Values {
	return url.Values{"name": {name}, "email": {email}, "password": {password}, "role": {role}}
}

func TestSignupLandsOnRoleDashboard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.Get("/signup")
	resp := b.Post("/signup", signupForm("Ines Okafor", "ines@example.com", "a long passphrase", "producer"))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/producer" {
		t.Fatalf("signup: %d to %q, want 303 to /producer", resp.StatusCode, resp.Header.Get("Location"))
	}
	if b.Cookie("slate_session") == "" {
		t.Fatal("no session cookie after sign-up")
	}
	d := testapp.Doc(t, b.Get("/producer"))
	if got := d.Find("h1").Text(); !strings.Contains(got, "Ines Okafor") {
		t.Errorf("dashboard h1 = %q", got)
	}
	if d.Find(".eyebrow").First().Text() != "Producer" {
		t.Errorf("not the producer dashboard: %q", d.Find(".eyebrow").Text())
	}
}

func TestSignupDuplicateEmailAnyCase(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.browser()
	b.Get("/signup")
	resp := b.Post("/signup", signupForm("Maya Second", "MAYA@Example.com", "password2", "producer"))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d, want 422", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	if msg := d.Find("#e-email").Text(); !strings.Contains(msg, "already uses this e-mail") {
		t.Errorf("message beside e-mail = %q", msg)
	}
	if v, _ := d.Find("#f-name").Attr("value"); v != "Maya Second" {
		t.Errorf("typed name lost: %q", v)
	}
	if v, _ := d.Find("#f-email").Attr("value"); v != "MAYA@Example.com" {
		t.Errorf("typed e-mail lost: %q", v)
	}
	if _, ok := d.Find(`input[name=role][value=producer]`).Attr("checked"); !ok {
		t.Error("chosen role lost")
	}
	if v, _ := d.Find("#f-password").Attr("value"); v != "" {
		t.Error("the password is echoed back")
	}
}

func TestSignupValidationMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.Get("/signup")
	d := testapp.Doc(t, b.Post("/signup", signupForm("", "nope", "short", "")))
	for _, id := range []string{"#e-name", "#e-email", "#e-password", "#e-role"} {
		if d.Find(id).Text() == "" {
			t.Errorf("no message at %s", id)
		}
	}
}

func TestHtmxSignupGetsFragmentAndRedirectHeader(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.Get("/signup")
	resp := b.Post("/signup", signupForm("", "bad", "x", "crew"), "HX-Request", "true")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.Contains(string(body), "<html") || !strings.Contains(string(body), `id="signup-form"`) {
		t.Fatalf("htmx error response: %d, want the form fragment alone:\n%s", resp.StatusCode, body)
	}
	resp = b.Post("/signup", signupForm("Tomás", "tomas@example.com", "long enough", "crew"), "HX-Request", "true")
	if resp.Header.Get("HX-Redirect") != "/crew" {
		t.Fatalf("HX-Redirect = %q, want /crew", resp.Header.Get("HX-Redirect"))
	}
}

func TestLoginFailuresRevealNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com"))
	b := e.browser()
	b.Get("/login")
	var msgs []string
	for _, email := range []string{"tomas@example.com", "nobody@example.com"} {
		resp := b.Post("/login", url.Values{"email": {email}, "password": {"wrong password"}})
		if resp.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d", email, resp.StatusCode)
		}
		d := testapp.Doc(t, resp)
		msgs = append(msgs, d.Find("#login-problem").Text())
		if v, _ := d.Find("#f-email").Attr("value"); v != email {
			t.Errorf("typed e-mail lost: %q", v)
		}
	}
	if msgs[0] == "" || msgs[0] != msgs[1] {
		t.Fatalf("messages differ between known and unknown e-mail: %q", msgs)
	}
	if b.Cookie("slate_session") != "" {
		t.Fatal("a failed login set a session")
	}
}

func TestLoginIsThrottled(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tomas := testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com"))
	b := e.browser()
	b.Get("/login")
	for i := 0; i < 5; i++ {
		b.Post("/login", url.Values{"email": {"tomas@example.com"}, "password": {"wrong"}})
	}
	resp := b.Post("/login", url.Values{"email": {"tomas@example.com"}, "password": {tomas.Password}})
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("status %d after 5 failures, want 429", resp.StatusCode)
	}
	if msg := testapp.Doc(t, resp).Find("#login-problem").Text(); !strings.Contains(msg, "Too many failed attempts") {
		t.Errorf("message = %q", msg)
	}
}

func TestLoginLogoutRotatesSession(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.browser()
	b.Get("/login")
	csrfBefore := b.CSRF()
	b.SetCookie("slate_session", "planted-by-attacker")
	resp := b.Post("/login", url.Values{"email": {"MAYA@example.com"}, "password": {maya.Password}, "next": {"/performer"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/performer" {
		t.Fatalf("login: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if s := b.Cookie("slate_session"); s == "" || s == "planted-by-attacker" {
		t.Fatal("login kept the session id the browser brought")
	}
	if resp := b.Get("/performer"); resp.StatusCode != http.StatusOK {
		t.Fatalf("dashboard after login: %d", resp.StatusCode)
	}
	if b.CSRF() == csrfBefore {
		t.Fatal("CSRF token not rotated at login")
	}
	if resp := b.Post("/notifications/read", url.Values{"_csrf": {csrfBefore}}); resp.StatusCode != http.StatusForbidden {
		t.Fatalf("the token from before login still works: %d", resp.StatusCode)
	}
	old := b.Cookie("slate_session")
	if resp := b.Post("/logout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	b.SetCookie("slate_session", old) // a stolen copy of the cookie no longer works
	if resp := b.Get("/performer"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after logout: %d, want a redirect to login", resp.StatusCode)
	}
}

func TestMissingCSRFTokenIsForbidden(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.browser()
	b.Get("/signup")
	for _, token := range []string{"", "wrong-token"} {
		resp := b.Post("/signup", url.Values{"_csrf": {token}, "name": {"X"}, "email": {"x@example.com"}, "password": {"longenough"}, "role": {"crew"}})
		if resp.StatusCode != http.StatusForbidden {
			t.Fatalf("token %q: status %d, want 403", token, resp.StatusCode)
		}
	}
	if n, _ := e.store.CountAccounts(context.Background()); n != 0 {
		t.Fatal("an account was created without a CSRF token")
	}
	// The header htmx sends works as well as the form field.
	form := signupForm("X", "x@example.com", "longenough", "crew")
	form.Set("_csrf", "")
	resp := b.Post("/signup", form, "X-CSRF-Token", b.CSRF())
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("with header token: %d", resp.StatusCode)
	}
}

func TestRolePagesAreGuarded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	sam := testapp.Moderator(t, e.store, testapp.Email("mod@example.com"))

	anon := e.browser()
	resp := anon.Get("/producer")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=%2Fproducer" {
		t.Fatalf("logged out: %d %q, want a redirect to login", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp := anon.Get("/admin/jobs"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("logged-out /admin/jobs: %d", resp.StatusCode)
	}

	perf := e.as(maya)
	// The moderators' pages, /moderation among them, are 404 for everyone
	// else (handlers/moderation_test.go runs them all).
	if resp := perf.Get("/moderation"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("performer GET /moderation: %d, want 404", resp.StatusCode)
	}
	for _, path := range []string{"/producer", "/crew", "/admin/jobs"} {
		resp := perf.Get(path)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("performer GET %s: %d, want 403", path, resp.StatusCode)
			continue
		}
		if msg := testapp.Doc(t, resp).Find(".error-page h1").Text(); msg == "" {
			t.Errorf("403 page for %s has no message", path)
		}
	}

	mod := e.as(sam)
	resp = mod.Get("/admin/jobs")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != "river ui" {
		t.Fatalf("moderator /admin/jobs: %d %q", resp.StatusCode, body)
	}
}

func TestSecurityHeadersAndHealth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	resp := e.browser().Get("/")
	csp := resp.Header.Get("Content-Security-Policy")
	if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP = %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || resp.Header.Get("Referrer-Policy") == "" {
		t.Errorf("headers = %v", resp.Header)
	}
	for _, c := range resp.Cookies() {
		if c.Name == "slate_csrf" && (!c.HttpOnly || c.SameSite != http.SameSiteLaxMode) {
			t.Errorf("csrf cookie flags: %+v", c)
		}
	}
	for _, path := range []string{"/healthz", "/readyz"} {
		if resp := e.browser().Get(path); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d", path, resp.StatusCode)
		}
	}
	if resp := e.browser().Get("/no/such/page"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown page: %d", resp.StatusCode)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tomas := testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com"))
	b := e.browser()
	b.Get("/login")
	resp := b.Post("/login", url.Values{"email": {"tomas@example.com"}, "password": {tomas.Password}})
	var found bool
	for _, c := range resp.Cookies() {
		if c.Name == "slate_session" {
			found = true
			if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
				t.Errorf("session cookie flags: %+v", c)
			}
		}
	}
	if !found {
		t.Fatal("no session cookie")
	}
}

func TestOpenRedirectRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tomas := testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com"))
	b := e.browser()
	b.Get("/login")
	resp := b.Post("/login", url.Values{"email": {"tomas@example.com"}, "password": {tomas.Password}, "next": {"//evil.example/x"}})
	if loc := resp.Header.Get("Location"); loc != "/crew" {
		t.Fatalf("redirected to %q, want /crew", loc)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
