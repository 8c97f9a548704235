package e2e

import (
	"strings"
	"testing"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"
)

// TestFormsWorkWithoutJavaScript signs up and saves a profile section in a
// browser that never loads Slate's scripts (htmx and app.js are blocked at
// the network), so every form must work as a plain HTML form. Blocking the
// scripts rather than switching JavaScript off keeps the DevTools protocol,
// which drives the page through JavaScript, working.
func TestFormsWorkWithoutJavaScript(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	page := newPage(t, "about:blank")
	if err := (proto.NetworkEnable{}).Call(page); err != nil {
		t.Fatal(err)
	}
	if err := (proto.NetworkSetBlockedURLs{Urls: []string{"*.js"}}).Call(page); err != nil {
		t.Fatal(err)
	}
	page.MustNavigate(a.URL + "/signup").MustWaitLoad()
	if loaded := page.MustEval(`() => typeof window.htmx !== "undefined"`).Bool(); loaded {
		t.Fatal("htmx loaded although scripts are blocked: this test would not test plain forms")
	}

	page.MustElement(`input[name=role][value=performer]`).MustClick()
	fill(t, page, "#f-name", "Maya Laurent")
	fill(t, page, "#f-email", "maya@example.com")
	fill(t, page, "#f-password", "short")
	submitAndWait(page, `#signup-form button[type=submit]`)
	if msg := page.MustElement("#e-password").MustText(); !strings.Contains(msg, "at least 8") {
		t.Fatalf("password message = %q", msg)
	}
	if v := page.MustElement("#f-name").MustProperty("value").String(); v != "Maya Laurent" {
		t.Fatalf("typed name lost without JavaScript: %q", v)
	}
	fill(t, page, "#f-password", "a long passphrase")
	page.MustElement(`#signup-form button[type=submit]`).MustClick()
	waitPath(t, page, "/performer")

	page.MustNavigate(a.URL + "/profile").MustWaitLoad()
	fill(t, page, "#f-city", "Lisbon")
	page.MustElement("#f-country").MustSelect("Portugal")
	submitAndWait(page, "#section-location .form-actions button[type=submit]")
	if v := page.MustElement("#f-city").MustProperty("value").String(); v != "Lisbon" {
		t.Fatalf("city after a plain post = %q", v)
	}
	if got := page.MustElement("#f-country").MustProperty("value").String(); got != "PT" {
		t.Fatalf("country after a plain post = %q", got)
	}
}

// submitAndWait clicks a submit button and waits for the page the plain
// form post leads to, so nothing is read from the page being left.
func submitAndWait(page *rod.Page, selector string) {
	wait := page.MustWaitNavigation()
	page.MustElement(selector).MustClick()
	wait()
	page.MustWaitLoad()
}
