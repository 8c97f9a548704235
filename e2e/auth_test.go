package e2e

import (
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testapp"
)

func TestProducerSignsUpLogsOutAndLogsBackIn(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	page := newPage(t, a.URL+"/")

	page.MustElement(`a[href="/signup"].btn-primary`).MustClick()
	waitPath(t, page, "/signup")
	page.MustElement(`input[name=role][value=producer]`).MustClick()
	fill(t, page, "#f-name", "Ines Okafor")
	fill(t, page, "#f-email", "ines@example.com")
	fill(t, page, "#f-password", "a long passphrase")
	screenshot(t, page, "signup-filled")
	page.MustElement(`#signup-form button[type=submit]`).MustClick()

	waitPath(t, page, "/producer")
	if h := page.MustElement("h1").MustText(); !strings.Contains(h, "Ines Okafor") {
		t.Fatalf("dashboard heading = %q", h)
	}
	// The welcome job ran on the real workers and its notification shows.
	reloadUntil(t, page, ".notification-title", "Welcome to Slate, Ines Okafor")
	screenshot(t, page, "producer-dashboard")

	page.MustElement(`form[action="/logout"] button`).MustClick()
	waitPath(t, page, "/login")
	page.MustElementR(".alert-info", "logged out")

	fill(t, page, "#f-email", "INES@example.com")
	fill(t, page, "#f-password", "a long passphrase")
	page.MustElement(`#login-form button[type=submit]`).MustClick()
	waitPath(t, page, "/producer")
	if eyebrow := page.MustElement(".eyebrow").MustText(); !strings.EqualFold(eyebrow, "Producer") {
		t.Fatalf("landed on %q, want the producer dashboard", eyebrow)
	}
}

func TestDuplicateEmailKeepsTypedName(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"), testapp.Email("maya@example.com"))
	page := newPage(t, a.URL+"/signup")
	page.MustElement(`input[name=role][value=crew]`).MustClick()
	fill(t, page, "#f-name", "Maya Crew")
	fill(t, page, "#f-email", "Maya@Example.COM")
	fill(t, page, "#f-password", "another password")
	page.MustElement(`#signup-form button[type=submit]`).MustClick()

	msg := page.MustElement("#e-email").MustText()
	if !strings.Contains(msg, "already uses this e-mail") {
		t.Fatalf("message beside the e-mail = %q", msg)
	}
	if v := page.MustElement("#f-name").MustProperty("value").String(); v != "Maya Crew" {
		t.Fatalf("typed name = %q, want it kept", v)
	}
	if !page.MustElement(`input[name=role][value=crew]`).MustProperty("checked").Bool() {
		t.Fatal("the chosen role was lost")
	}
	screenshot(t, page, "signup-duplicate")
}

func TestWrongPasswordShowsMessage(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	page := newPage(t, a.URL+"/login")
	fill(t, page, "#f-email", "nobody@example.com")
	fill(t, page, "#f-password", "whatever123")
	page.MustElement(`#login-form button[type=submit]`).MustClick()
	if msg := page.MustElement("#login-problem").MustText(); !strings.Contains(msg, "do not match") {
		t.Fatalf("message = %q", msg)
	}
	if v := page.MustElement("#f-email").MustProperty("value").String(); v != "nobody@example.com" {
		t.Fatalf("typed e-mail lost: %q", v)
	}
}

func TestModeratorOpensJobsConsole(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	page := loginAs(t, a, domain.RoleModerator, "Sam Moderator", "sam@example.com")
	page.MustElement(`a[href="/admin/jobs"].btn`).MustClick()
	// River UI is a single-page app: its job states appear once it loaded.
	page.MustElementR("a, button, span", "Completed")
	screenshot(t, page, "jobs-console")
}
