package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testapp"
)

const testSecret = "handler-test-secret"

func newMailEnv(t *testing.T) *env {
	return newEnvWith(t, func(d *handlers.Deps) { d.Secret = testSecret })
}

func TestMailPreferencesSaveInPlace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	b := e.as(maya)
	d := testapp.Doc(t, b.Get("/settings"))
	if got := d.Find("#mail_match_alert option[selected]").AttrOr("value", ""); got != "daily" {
		t.Errorf("match alerts default to %q, want daily", got)
	}
	if got := d.Find("#mail_message option[selected]").AttrOr("value", ""); got != "immediately" {
		t.Errorf("messages default to %q, want immediately", got)
	}
	if n := d.Find("label[for^=mail_]").Length(); n != len(domain.MailTypes) {
		t.Errorf("%d labelled selects, want %d", n, len(domain.MailTypes))
	}
	// htmx: the section comes back in place, saved.
	resp := b.Post("/settings/notifications", url.Values{"mail_message": {"daily"}, "mail_invitation": {"never"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("save: %d", resp.StatusCode)
	}
	frag := testapp.Doc(t, resp)
	if frag.Find("#mail-prefs").Length() != 1 || !strings.Contains(frag.Text(), "Saved") || frag.Find("header, nav").Length() != 0 {
		t.Fatalf("the fragment is not the section, saved:\n%s", frag.Text())
	}
	prefs, _ := e.store.MailPreferences(ctx, maya.ID)
	if prefs[domain.MailMessage] != domain.CadenceDaily || prefs[domain.MailInvitation] != domain.CadenceNever || prefs[domain.MailDecision] != domain.CadenceImmediately {
		t.Fatalf("saved %v", prefs)
	}
	// Without JavaScript: a 303 back to the page.
	if resp := b.Post("/settings/notifications", url.Values{"mail_decision": {"daily"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("plain save: %d", resp.StatusCode)
	}
	// A made-up cadence: refused beside its select, nothing saved.
	resp = b.Post("/settings/notifications", url.Values{"mail_decision": {"hourly"}, "mail_message": {"never"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad cadence: %d, want 422", resp.StatusCode)
	}
	if doc := testapp.Doc(t, resp); !strings.Contains(doc.Find("#mail_decision").Parent().Find(".field-error").Text(), "Choose") {
		t.Error("no message beside the refused select")
	}
	if prefs, _ := e.store.MailPreferences(ctx, maya.ID); prefs[domain.MailMessage] != domain.CadenceDaily {
		t.Errorf("a refused form saved: %v", prefs)
	}
	if resp := e.browser().Get("/settings"); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a visitor: %d, want a redirect to log in", resp.StatusCode)
	}
}

func TestUnsubscribeConfirmsThenStops(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	token := mail.UnsubscribeToken(testSecret, maya.ID, domain.MailMessage)
	visitor := e.browser() // logged out: the link works from any mail client
	resp := visitor.Get("/unsubscribe/" + token)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	if d.Find(`form[method=post] button`).Length() != 1 || !strings.Contains(d.Text(), "Messages") {
		t.Fatalf("no confirmation button:\n%s", d.Text())
	}
	if prefs, _ := e.store.MailPreferences(ctx, maya.ID); prefs[domain.MailMessage] != domain.CadenceImmediately {
		t.Fatal("following the link changed the preference")
	}
	// RFC 8058: the mail client posts by itself, no cookie, no CSRF token.
	req := httptest.NewRequest(http.MethodPost, "/unsubscribe/"+token, strings.NewReader("List-Unsubscribe=One-Click"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	res, err := e.app.Test(req, int((10 * time.Second).Milliseconds()))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("one-click POST: %v %v", res.StatusCode, err)
	}
	if prefs, _ := e.store.MailPreferences(ctx, maya.ID); prefs[domain.MailMessage] != domain.CadenceNever || prefs[domain.MailDecision] != domain.CadenceImmediately {
		t.Fatalf("after unsubscribing: %v", prefs)
	}
	// The digest's link stops every daily type.
	digest := mail.UnsubscribeToken(testSecret, maya.ID, domain.MailDigest)
	if resp := visitor.Post("/unsubscribe/"+digest, nil); resp.StatusCode != http.StatusOK {
		t.Fatalf("digest unsubscribe: %d", resp.StatusCode)
	}
	if prefs, _ := e.store.MailPreferences(ctx, maya.ID); prefs[domain.MailMatchAlert] != domain.CadenceNever {
		t.Fatalf("match alerts after the digest's link: %v", prefs)
	}
	for _, bad := range []string{"nonsense", mail.UnsubscribeToken("other-secret", maya.ID, domain.MailMessage),
		strings.Replace(token, ".message.", ".decision.", 1)} {
		if resp := visitor.Get("/unsubscribe/" + bad); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %q: %d, want 404", bad, resp.StatusCode)
		}
		if resp := visitor.Post("/unsubscribe/"+bad, nil); resp.StatusCode != http.StatusNotFound {
			t.Errorf("POST %q: %d, want 404", bad, resp.StatusCode)
		}
	}
}

func TestOutboxIsForStaffOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newMailEnv(t)
	outbox := &mail.Outbox{From: "Slate <mail@slate.test>", Store: e.store}
	m := mail.Message{To: "maya@example.com", ToName: "Maya", Subject: "You are invited", MessageID: "delivery-1@slate.test",
		Text: "Hello Maya", HTML: `<p>Hello <b>Maya</b></p><script>alert(1)</script>`, Unsubscribe: "https://slate.test/unsubscribe/x"}
	for range 2 { // a resend stores nothing new
		if err := outbox.Send(ctx, m); err != nil {
			t.Fatal(err)
		}
	}
	list, err := e.store.Outbox(ctx, 10)
	if err != nil || len(list) != 1 {
		t.Fatalf("outbox = %+v, %v", list, err)
	}
	path := "/admin/outbox/" + itoa(list[0].ID)
	sam := testapp.Moderator(t, e.store)
	staff := e.as(sam)
	d := testapp.Doc(t, staff.Get("/admin/outbox"))
	if d.Find(`a[href="`+path+`"]`).Text() != "You are invited" {
		t.Fatalf("the list does not link the mail:\n%s", d.Text())
	}
	resp := staff.Get(path)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("show: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	frame := d.Find("iframe[sandbox]")
	if frame.Length() != 1 || frame.AttrOr("sandbox", "x") != "" || !strings.Contains(frame.AttrOr("srcdoc", ""), "<b>Maya</b>") {
		t.Fatalf("the HTML part is not in a sandboxed frame: %v", frame.Nodes)
	}
	if d.Find("script").FilterFunction(func(_ int, s *goquery.Selection) bool { return strings.Contains(s.Text(), "alert") }).Length() != 0 {
		t.Fatal("the mail's HTML reached the page itself")
	}
	if !strings.Contains(d.Find(".outbox-text").Text(), "Hello Maya") || !strings.Contains(d.Find(".outbox-headers").Text(), "List-Unsubscribe-Post") {
		t.Fatalf("text or headers missing:\n%s", d.Text())
	}
	for _, missing := range []string{"/admin/outbox/999999", "/admin/outbox/abc"} {
		if resp := staff.Get(missing); resp.StatusCode != http.StatusNotFound {
			t.Errorf("staff GET %s: %d, want 404", missing, resp.StatusCode)
		}
	}
	for name, c := range map[string]*testapp.Client{
		"visitor":   e.browser(),
		"performer": e.as(testapp.Talent(t, e.store, domain.RolePerformer)),
		"producer":  e.as(testapp.Producer(t, e.store)),
	} {
		for _, p := range []string{"/admin/outbox", path} {
			if resp := c.Get(p); resp.StatusCode != http.StatusNotFound {
				t.Errorf("%s GET %s: %d, want 404", name, p, resp.StatusCode)
			}
		}
	}
}
