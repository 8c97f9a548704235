package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

const testKey = "0123456789abcdef0123456789abcdef"

// closedWithGroups is a closed casting of owner with Maya included and
// Tom excluded.
func (e *env) closedWithGroups(owner testapp.User) (production.Listing, testapp.User, testapp.User) {
	e.t.Helper()
	ctx := context.Background()
	call := testapp.Listing(e.t, e.store, owner, testapp.Project(e.t, e.store, owner), production.CastingCall)
	maya := testapp.Talent(e.t, e.store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	tom := testapp.Talent(e.t, e.store, domain.RolePerformer, testapp.Name("Tom Silva"))
	pm := e.candidate(call, 0, maya.ID, production.FromApplication, production.Applied)
	pt := e.candidate(call, 1, tom.ID, production.FromApplication, production.Applied)
	if _, err := e.store.CloseListing(ctx, owner.ID, call.ID, true, time.Now()); err != nil {
		e.t.Fatal(err)
	}
	for id, c := range map[int64]production.Choice{pm: production.Included, pt: production.Excluded} {
		if _, err := e.store.SetChoice(ctx, owner.ID, id, c); err != nil {
			e.t.Fatal(err)
		}
	}
	return call, maya, tom
}

// TestGroupMessageRoutesAuthorization: only the owning producer composes,
// sends and watches; another producer gets 404, talent and moderators
// 403, a visitor the login page.
func TestGroupMessageRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := testapp.Producer(t, e.store)
	call, maya, _ := e.closedWithGroups(owner)
	mid, err := e.store.SendGroupMessage(context.Background(), owner.ID, call.ID,
		production.GroupMessage{Group: production.Included, Subject: "Hi", Body: "Monday"}, "setup")
	if err != nil {
		t.Fatal(err)
	}
	p := "/listings/" + strconv.FormatInt(call.ID, 10) + "/notify"
	form := url.Values{"group": {"excluded"}, "key": {testKey}, "subject": {"Not this time"}, "body": {"Thank you."}, "action": {"send"}}
	routes := []authzRoute{
		{"GET", p + "?group=included", nil, 200},
		{"GET", p + "/" + strconv.FormatInt(mid, 10), nil, 200},
		{"POST", p, form, 303},
	}
	actors := []authzActor{
		{"visitor", e.browser, func(int) int { return http.StatusSeeOther }},
		{"performer", func() *testapp.Client { return e.as(maya) }, func(int) int { return http.StatusForbidden }},
		{"moderator", func() *testapp.Client { return e.as(testapp.Moderator(t, e.store)) }, func(int) int { return http.StatusForbidden }},
		{"other producer", func() *testapp.Client { return e.as(testapp.Producer(t, e.store)) }, func(int) int { return http.StatusNotFound }},
		{"owner", func() *testapp.Client { return e.as(owner) }, func(o int) int { return o }},
	}
	walkAuthz(t, actors, routes)
	var n int
	if err := e.pool.QueryRow(context.Background(), `SELECT count(*) FROM group_messages WHERE listing_id = $1`, call.ID).Scan(&n); err != nil || n != 2 {
		t.Errorf("group messages = %d (%v), want 2: the setup's and the owner's", n, err)
	}
}

func TestNotifyComposePreviewSendTwiceAndProgress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := testapp.Producer(t, e.store)
	call, _, tom := e.closedWithGroups(owner)
	p := "/listings/" + strconv.FormatInt(call.ID, 10) + "/notify"
	b := e.as(owner)

	d := testapp.Doc(t, b.Get(p+"?group=excluded"))
	key, _ := d.Find(`input[name="key"]`).Attr("value")
	if body := d.Find(`textarea[name="body"]`).Text(); !strings.Contains(body, "this time") || len(key) != 32 {
		t.Fatalf("the excluded's template: %q, key %q", body, key)
	}
	if d.Find(`input[name="to"][value="`+strconv.FormatInt(tom.ID, 10)+`"][checked]`).Length() != 1 || d.Find(`input[name="to"]`).Length() != 1 {
		t.Fatal("the excluded group should list Tom alone, ticked")
	}
	// A refusal keeps what was typed.
	form := url.Values{"group": {"excluded"}, "key": {key}, "subject": {""}, "body": {"Kept text"}, "action": {"send"}}
	r := b.Post(p, form)
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("empty subject: %d, want 422", r.StatusCode)
	}
	d = testapp.Doc(t, r)
	if d.Find(".field-error").Length() == 0 || d.Find(`textarea[name="body"]`).Text() != "Kept text" {
		t.Error("the refusal lost the message or its reason")
	}
	// The preview shows it as Tom will read it.
	form.Set("subject", "Not selected this time")
	form.Set("action", "preview")
	d = testapp.Doc(t, b.Post(p, form))
	if !strings.Contains(d.Find(".notify-preview").Text(), "Tom Silva") || !strings.Contains(d.Find(".mail-preview").Text(), "Kept text") {
		t.Errorf("preview: %q", d.Find(".notify-preview").Text())
	}
	// Send, then press again: one message.
	form.Set("action", "send")
	first := b.Post(p, form)
	second := b.Post(p, form)
	if first.StatusCode != http.StatusSeeOther || first.Header.Get("Location") != second.Header.Get("Location") ||
		!strings.HasPrefix(first.Header.Get("Location"), p+"/") {
		t.Fatalf("send twice: %d %q, %q", first.StatusCode, first.Header.Get("Location"), second.Header.Get("Location"))
	}
	// Progress polls while sending (no worker runs here).
	frag := testapp.Doc(t, hxGet(b, first.Header.Get("Location")))
	if frag.Find(`#group-progress[hx-trigger="every 2s"]`).Length() != 1 || !strings.Contains(frag.Text(), "0 of 1 delivered") {
		t.Errorf("progress fragment: %q", frag.Text())
	}
	sel := testapp.Doc(t, b.Get("/listings/"+strconv.FormatInt(call.ID, 10)+"/selection"))
	if sel.Find(".sent-messages li").Length() != 1 {
		t.Error("the selection screen does not list the sent message")
	}
}
