package e2e

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/internal/mail"
)

// outboxLink waits for the newest mail to to in the outbox (no SMTP server
// is configured, as on a laptop) and returns the path of its link that
// starts with prefix.
func outboxLink(t *testing.T, a *app, to, prefix string) string {
	t.Helper()
	re := regexp.MustCompile(regexp.QuoteMeta(a.URL) + `(` + regexp.QuoteMeta(prefix) + `[A-Za-z0-9_-]+)`)
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		rows, err := a.P.Pool.Query(context.Background(), `SELECT raw FROM outbox WHERE to_addr = $1 ORDER BY id DESC`, to)
		if err != nil {
			t.Fatal(err)
		}
		raws, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
		if err != nil {
			t.Fatal(err)
		}
		for _, raw := range raws {
			p, err := mail.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			if m := re.FindStringSubmatch(p.Text); m != nil {
				return m[1]
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no mail to %s in the outbox after 20 s", to)
	return ""
}

func navigate(t *testing.T, page *rod.Page, url string) {
	t.Helper()
	if err := page.Navigate(url); err != nil {
		t.Fatal(err)
	}
	page.MustWaitLoad()
}

func TestAccountByEmailInTheBrowser(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	page := newPage(t, a.URL+"/signup")
	page.MustElement(`input[name=role][value=performer]`).MustClick()
	fill(t, page, "#f-name", "Maya Laurent")
	fill(t, page, "#f-email", "maya@example.com")
	fill(t, page, "#f-password", "a long passphrase")
	page.MustElement(`#signup-form button[type=submit]`).MustClick()
	waitPath(t, page, "/performer")
	page.MustElementR("#confirm-banner", "maya@example.com")
	page.MustElement(`#confirm-banner button`).MustClick()
	page.MustElementR("#confirm-banner", "We sent a new link")
	shoot(t, page, "accounts-banner")

	navigate(t, page, a.URL+"/settings")
	fill(t, page, "#f-new_email", "maya@example.com")
	fill(t, page, "#f-password", "a long passphrase")
	page.MustElement(`#settings-email button[type=submit]`).MustClick()
	page.MustElementR("#settings-email .field-error", "your address already")
	shoot(t, page, "accounts-settings")

	navigate(t, page, a.URL+outboxLink(t, a, "maya@example.com", "/confirm/"))
	page.MustElementR("h1", "Address confirmed")
	if has, _, _ := page.Has("#confirm-banner"); has {
		t.Fatal("the banner stays after confirming")
	}

	page.MustElement(`form[action="/logout"] button`).MustClick()
	waitPath(t, page, "/login")
	page.MustElement(`a[href="/password/forgot"]`).MustClick()
	waitPath(t, page, "/password/forgot")
	fill(t, page, "#f-email", "maya@example.com")
	page.MustElement(`#forgot-form button[type=submit]`).MustClick()
	page.MustElementR("#forgot-sent", "If an account uses")
	shoot(t, page, "accounts-forgot")

	navigate(t, page, a.URL+outboxLink(t, a, "maya@example.com", "/password/reset/"))
	fill(t, page, "#f-password", "another passphrase")
	fill(t, page, "#f-password2", "another passphrase!")
	page.MustElement(`#reset-form button[type=submit]`).MustClick()
	page.MustElementR("#reset-form .field-error", "differ")
	shoot(t, page, "accounts-reset")
	fill(t, page, "#f-password", "another passphrase")
	fill(t, page, "#f-password2", "another passphrase")
	page.MustElement(`#reset-form button[type=submit]`).MustClick()
	waitPath(t, page, "/login")
	page.MustElementR(".alert-info", "password is changed")
	fill(t, page, "#f-email", "maya@example.com")
	fill(t, page, "#f-password", "another passphrase")
	page.MustElement(`#login-form button[type=submit]`).MustClick()
	waitPath(t, page, "/performer")
	if strings.Contains(page.MustElement("main").MustText(), "Confirm your address") {
		t.Fatal("the banner is back after the reset")
	}
}
