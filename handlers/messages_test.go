package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/testapp"
)

// talk is a published casting call of Ines's with Maya as an applicant;
// Oscar is another producer, Bea a performer who never took part, Tomas
// crew, Mo a moderator.
type talk struct {
	*env
	ines, oscar, maya, bea, tomas, mod testapp.User
	listing                            production.Listing
}

func newTalk(t *testing.T, change func(*handlers.Deps)) *talk {
	t.Helper()
	e := newEnvWith(t, change)
	k := &talk{env: e,
		ines:  testapp.Producer(t, e.store, testapp.Name("Ines Okafor")),
		oscar: testapp.Producer(t, e.store, testapp.Name("Oscar Ruiz")),
		maya:  testapp.CompleteTalent(t, e.store, domain.RolePerformer, testapp.Name("Maya Laurent")),
		bea:   testapp.Talent(t, e.store, domain.RolePerformer, testapp.Name("Bea Santos")),
		tomas: testapp.Talent(t, e.store, domain.RoleCrew, testapp.Name("Tomas Silva")),
		mod:   testapp.Moderator(t, e.store, testapp.Name("Mo Derator")),
	}
	k.listing = testapp.Listing(t, e.store, k.ines, testapp.Project(t, e.store, k.ines), production.CastingCall)
	k.participate(k.maya, production.FromApplication, production.Applied)
	return k
}

// participate puts the talent in the listing's first role straight in SQL:
// applying and inviting are another area's store functions.
func (k *talk) participate(u testapp.User, origin production.Origin, state production.State) {
	k.t.Helper()
	if _, err := k.pool.Exec(context.Background(), `
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, $5, $6)`, k.listing.ID, k.listing.Roles[0].ID, u.ID, k.ines.ID, origin, state); err != nil {
		k.t.Fatalf("participate: %v", err)
	}
}

// start has Ines write to Maya and returns the thread's page.
func (k *talk) start(body string) string {
	k.t.Helper()
	m, err := k.store.StartThread(context.Background(), k.ines.ID, k.listing.ID, k.maya.ID, body)
	if err != nil {
		k.t.Fatal(err)
	}
	return "/messages/" + strconv.FormatInt(m.ThreadID, 10)
}

func (k *talk) newLink(talent testapp.User) string {
	return fmt.Sprintf("/messages/new?listing=%d&talent=%d", k.listing.ID, talent.ID)
}

func TestProducerWritesFirstFromTheNewThreadForm(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	ines := k.as(k.ines)
	resp := ines.Get(k.newLink(k.maya))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("new thread form: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	if h := d.Find("h1").Text(); h != "Message Maya Laurent" || !strings.Contains(d.Find(".page-head").Text(), k.listing.Title) {
		t.Errorf("form head %q, %q", h, d.Find(".page-head").Text())
	}
	if strings.Contains(d.Text(), k.maya.Email) {
		t.Error("the form shows the talent's e-mail address")
	}
	if d.Find(`label[for="f-body"]`).Length() != 1 {
		t.Error("the message field has no label")
	}

	form := url.Values{"listing": {strconv.FormatInt(k.listing.ID, 10)}, "talent": {strconv.FormatInt(k.maya.ID, 10)}}
	form.Set("body", strings.Repeat("x", production.MaxMessage+1))
	resp = ines.Post("/messages/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a too long message: %d, want 422", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if !strings.Contains(d.Find("#e-body").Text(), "5000") || d.Find("#f-body").Text() != form.Get("body") {
		t.Errorf("refusal: message %q, text kept %v", d.Find("#e-body").Text(), d.Find("#f-body").Text() == form.Get("body"))
	}
	form.Set("body", "   ")
	if resp = ines.Post("/messages/new", form); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("an empty message: %d, want 422", resp.StatusCode)
	}

	form.Set("body", "Hello Maya,\r\nthank you for applying.")
	resp = ines.Post("/messages/new", form)
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/messages/") || !strings.Contains(loc, "#m") {
		t.Fatalf("send: %d to %q", resp.StatusCode, loc)
	}
	thread, _, _ := strings.Cut(loc, "#")
	// Once they talk, "contact" leads to the thread.
	if resp := ines.Get(k.newLink(k.maya)); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != thread {
		t.Errorf("the form once a thread exists: %d to %q, want %s", resp.StatusCode, resp.Header.Get("Location"), thread)
	}
	d = testapp.Doc(t, ines.Get(thread))
	if got := d.Find(".message-body").Text(); got != "Hello Maya,\nthank you for applying." {
		t.Errorf("thread shows %q", got)
	}
}

func TestInboxThreadAndNavBadges(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	thread := k.start("Callback on Monday?\nBring the sides.")
	k.start("At 10am.")
	maya := k.as(k.maya)

	d := testapp.Doc(t, maya.Get("/messages"))
	row := d.Find(".thread-row")
	if row.Length() != 1 || !row.HasClass("unread") || strings.TrimSpace(row.Find(".thread-unread").Text()) != "2 unread" {
		t.Fatalf("inbox row: %d rows, unread badge %q", row.Length(), row.Find(".thread-unread").Text())
	}
	if row.Find(".thread-with").Text() != "Ines Okafor" || row.Find(".thread-listing").Text() != k.listing.Title ||
		row.Find(".thread-preview").Text() != "At 10am." {
		t.Errorf("inbox row reads %q", row.Text())
	}
	if href, _ := row.Find("a").Attr("href"); href != thread {
		t.Errorf("row links to %q", href)
	}
	if got := d.Find("#nav-unread-messages").Text(); got != "2 unread" {
		t.Errorf("nav messages badge %q", got)
	}
	if got := d.Find("#nav-unread-notifications").Text(); got != "2 unread" {
		t.Errorf("nav notifications badge %q", got)
	}
	// The dashboard, which batches its reads, shows the same badges.
	dash := testapp.Doc(t, maya.Get("/performer"))
	if m, n := dash.Find("#nav-unread-messages").Text(), dash.Find("#nav-unread-notifications").Text(); m != "2 unread" || n != "2 unread" {
		t.Errorf("dashboard badges %q, %q", m, n)
	}

	// Opening the thread reads it: the page itself shows no badge.
	d = testapp.Doc(t, maya.Get(thread))
	if d.Find(".message").Length() != 2 || d.Find("h1").Text() != "Ines Okafor" || d.Find("#reply-form textarea[name=body]").Length() != 1 {
		t.Fatalf("thread page: %d messages, h1 %q", d.Find(".message").Length(), d.Find("h1").Text())
	}
	if meta := d.Find(".message-meta").First().Text(); !strings.Contains(meta, "Ines Okafor") || d.Find(".message time").Length() != 2 {
		t.Errorf("sender and time: %q", meta)
	}
	if d.Find("#nav-unread-messages").Length() != 0 || d.Find("#nav-unread-notifications").Length() != 0 {
		t.Errorf("badges after opening the thread: %q, %q", d.Find("#nav-unread-messages").Text(), d.Find("#nav-unread-notifications").Text())
	}
	if d := testapp.Doc(t, maya.Get("/messages")); d.Find(".thread-row.unread").Length() != 0 {
		t.Error("the inbox still marks the thread unread")
	}
	for _, secret := range []string{k.ines.Email, k.maya.Email} {
		if strings.Contains(d.Text(), secret) {
			t.Errorf("the thread shows %s", secret)
		}
	}
}

func TestMarkAllReadDropsTheNotificationsBadge(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	k.start("Hello")
	maya := k.as(k.maya)
	d := testapp.Doc(t, maya.Get("/notifications"))
	if d.Find("#nav-unread-notifications").Text() != "1 unread" {
		t.Fatalf("notifications badge %q", d.Find("#nav-unread-notifications").Text())
	}
	resp := maya.Post("/notifications/read", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark all read: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, maya.Get(resp.Header.Get("Location")))
	if d.Find("#nav-unread-notifications").Length() != 0 {
		t.Errorf("the badge stays after mark all read: %q", d.Find("#nav-unread-notifications").Text())
	}
	if d.Find("#nav-unread-messages").Text() != "1 unread" {
		t.Errorf("mark all read also cleared the messages badge: %q", d.Find("#nav-unread-messages").Text())
	}
}

// countingStore counts the navigation's queries.
type countingStore struct {
	handlers.Store
	n *atomic.Int64
}

func (s countingStore) NavCounts(ctx context.Context, accountID int64) (int, int, error) {
	s.n.Add(1)
	return s.Store.NavCounts(ctx, accountID)
}

func TestNavCountsAtMostOncePerFullPage(t *testing.T) {
	t.Parallel()
	var n atomic.Int64
	k := newTalk(t, func(d *handlers.Deps) { d.Store = countingStore{Store: d.Store, n: &n} })
	thread := k.start("Hello")
	maya := k.as(k.maya)
	for _, c := range []struct {
		name    string
		do      func() *http.Response
		queries int64
	}{
		// A GET's badges come with the session's query; reading a thread
		// changes them, so that page counts again after the write.
		{"an unread thread, read now", func() *http.Response { return maya.Get(thread) }, 1},
		{"a full page", func() *http.Response { return maya.Get("/messages") }, 0},
		// The dashboard reads its badges in its own batch of reads.
		{"the dashboard", func() *http.Response { return maya.Get("/performer") }, 0},
		{"an htmx reply fragment", func() *http.Response {
			return maya.Post(thread, url.Values{"body": {"Hi"}}, "HX-Request", "true")
		}, 0},
		{"a plain reply's redirect", func() *http.Response { return maya.Post(thread, url.Values{"body": {"Hi"}}) }, 0},
		{"a visitor's page", func() *http.Response { return k.browser().Get("/login") }, 0},
	} {
		before := n.Load()
		if resp := c.do(); resp.StatusCode >= 400 {
			t.Fatalf("%s: %d", c.name, resp.StatusCode)
		}
		if got := n.Load() - before; got != c.queries {
			t.Errorf("%s: %d nav queries, want %d", c.name, got, c.queries)
		}
	}
}

func TestReplyWithHtmxAndPlainForm(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	thread := k.start("Can you come on Monday?")
	maya := k.as(k.maya)
	maya.Get(thread)

	resp := maya.Post(thread, url.Values{"body": {"Yes,\nI can."}}, "HX-Request", "true")
	html := body(t, resp)
	if resp.StatusCode != http.StatusOK || strings.Contains(html, "<html") {
		t.Fatalf("htmx reply: %d\n%s", resp.StatusCode, html)
	}
	d := testapp.Doc(t, &http.Response{Body: io.NopCloser(strings.NewReader(html))})
	if d.Find("#reply-form #f-body").Text() != "" || d.Find("#reply-form .field-error").Length() != 0 {
		t.Errorf("the form is not cleared:\n%s", html)
	}
	oob := d.Find(`[hx-swap-oob="beforeend:#message-list"] li.message.message-mine`)
	if oob.Length() != 1 || oob.Find(".message-body").Text() != "Yes,\nI can." || !strings.Contains(oob.Find(".message-meta").Text(), "You") {
		t.Errorf("the new message is not appended:\n%s", html)
	}

	long := strings.Repeat("é", production.MaxMessage+1)
	resp = maya.Post(thread, url.Values{"body": {long}}, "HX-Request", "true")
	html = body(t, resp)
	d = testapp.Doc(t, &http.Response{Body: io.NopCloser(strings.NewReader(html))})
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("#e-body").Text() == "" || d.Find("#f-body").Text() != long || d.Find("[hx-swap-oob]").Length() != 0 {
		t.Errorf("htmx refusal: %d, message %q, text kept %v", resp.StatusCode, d.Find("#e-body").Text(), d.Find("#f-body").Text() == long)
	}

	resp = maya.Post(thread, url.Values{"body": {"See you then."}})
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, thread+"#m") {
		t.Fatalf("plain reply: %d to %q", resp.StatusCode, loc)
	}
	resp = maya.Post(thread, url.Values{"body": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("plain empty reply: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if d.Find("#e-body").Text() == "" || d.Find(".message").Length() != 3 || d.Find("h1").Text() != "Ines Okafor" {
		t.Errorf("plain refusal page: message %q, %d messages", d.Find("#e-body").Text(), d.Find(".message").Length())
	}

	// 5,000 characters of four-byte text fit the route's body limit.
	emoji := strings.Repeat("🎬", production.MaxMessage)
	if resp := maya.Post(thread, url.Values{"body": {emoji}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a full-length message in four-byte characters: %d", resp.StatusCode)
	}
	if resp := k.as(k.ines).Post(thread, url.Values{"body": {emoji}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("the producer's full-length message: %d", resp.StatusCode)
	}
}

func TestMessagesAreEscapedTextWithLineBreaks(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	text := "<script>alert('x')</script>\nline two & <b>bold</b>"
	thread := k.start(text)
	resp := k.as(k.maya).Get(thread)
	html := body(t, resp)
	if strings.Contains(html, "<script>alert") || strings.Contains(html, "<b>bold</b>") {
		t.Fatalf("markup from a message reached the page:\n%s", html)
	}
	if !strings.Contains(html, "&lt;script&gt;") {
		t.Error("the markup is not shown as text")
	}
	d := testapp.Doc(t, &http.Response{Body: io.NopCloser(strings.NewReader(html))})
	if got := d.Find(".message-body").Text(); got != text {
		t.Errorf("message text %q, want %q (line break kept)", got, text)
	}
	// The inbox preview is escaped too.
	if html := body(t, k.as(k.maya).Get("/messages")); strings.Contains(html, "<script>alert") {
		t.Error("the inbox preview carries markup")
	}
}

func TestOlderMessagesPageBack(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	thread := k.start("message 1")
	id, _ := strconv.ParseInt(strings.TrimPrefix(thread, "/messages/"), 10, 64)
	if _, err := k.pool.Exec(context.Background(), `INSERT INTO messages (thread_id, sender_id, body)
		SELECT $1, $2, 'message ' || n FROM generate_series(2, 60) n`, id, k.ines.ID); err != nil {
		t.Fatal(err)
	}
	maya := k.as(k.maya)
	d := testapp.Doc(t, maya.Get(thread))
	older, ok := d.Find(".thread-pager a").Attr("href")
	if d.Find(".message").Length() != 50 || !ok || d.Find(".message-body").Last().Text() != "message 60" {
		t.Fatalf("first page: %d messages, older link %q", d.Find(".message").Length(), older)
	}
	d = testapp.Doc(t, maya.Get(older))
	if d.Find(".message").Length() != 10 || d.Find(".message-body").First().Text() != "message 1" || d.Find(`.thread-pager a[href="`+thread+`"]`).Length() != 1 {
		t.Errorf("older page: %d messages from %q", d.Find(".message").Length(), d.Find(".message-body").First().Text())
	}
}

func TestDashboardsShowLatestThreads(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	k.start("Hello Maya")
	d := testapp.Doc(t, k.as(k.maya).Get("/performer"))
	card := d.Find(".messages-card")
	if card.Find(".thread-row").Length() != 1 || !strings.Contains(card.Find("h2").Text(), "1 unread") || card.Find(".thread-with").Text() != "Ines Okafor" {
		t.Errorf("performer's messages card: %q", card.Text())
	}
	ines := k.as(k.ines)
	d = testapp.Doc(t, ines.Get("/producer"))
	card = d.Find(".messages-card")
	if card.Find(".thread-row").Length() != 1 || card.Find(".thread-preview").Text() != "You: Hello Maya" || card.Find(".thread-unread").Length() != 0 {
		t.Errorf("producer's messages card: %q", card.Text())
	}
	if d := testapp.Doc(t, k.as(k.tomas).Get("/crew")); d.Find(".messages-card .empty").Length() != 1 {
		t.Error("crew's messages card without threads says nothing")
	}
}

// TestMessagesAuthorization runs every messages route as each kind of
// account: a thread is seen only by its two sides, another producer's or
// talent's attempt is a 404 that confirms nothing, a moderator is not part
// of any conversation, a visitor logs in first.
func TestMessagesAuthorization(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	thread := k.start("Hello Maya")
	sam := testapp.Talent(t, k.store, domain.RolePerformer, testapp.Name("Sam Reyes"))
	k.participate(sam, production.FromInvitation, production.Invited)
	newToSam := url.Values{"listing": {strconv.FormatInt(k.listing.ID, 10)}, "talent": {strconv.FormatInt(sam.ID, 10)}, "body": {"Hello Sam"}}

	clients := map[string]*testapp.Client{"visitor": k.browser()}
	for name, u := range map[string]testapp.User{"maya": k.maya, "ines": k.ines, "oscar": k.oscar, "bea": k.bea, "tomas": k.tomas, "mod": k.mod} {
		clients[name] = k.as(u)
	}
	// Ines comes last: her post opens Sam's thread.
	order := []string{"visitor", "mod", "maya", "bea", "tomas", "oscar", "ines"}
	routes := []struct {
		method, path string
		form         url.Values
		want         map[string]int
	}{
		{"GET", "/messages", nil, map[string]int{"visitor": 303, "mod": 403, "maya": 200, "bea": 200, "tomas": 200, "oscar": 200, "ines": 200}},
		{"GET", thread, nil, map[string]int{"visitor": 303, "mod": 403, "maya": 200, "bea": 404, "tomas": 404, "oscar": 404, "ines": 200}},
		{"GET", thread + "?before=999999", nil, map[string]int{"visitor": 303, "mod": 403, "maya": 200, "bea": 404, "tomas": 404, "oscar": 404, "ines": 200}},
		{"POST", thread, url.Values{"body": {"Hi"}}, map[string]int{"visitor": 303, "mod": 403, "maya": 303, "bea": 404, "tomas": 404, "oscar": 404, "ines": 303}},
		{"POST", thread, url.Values{"body": {""}}, map[string]int{"visitor": 303, "mod": 403, "maya": 422, "bea": 404, "tomas": 404, "oscar": 404, "ines": 422}},
		{"GET", "/messages/999999", nil, map[string]int{"visitor": 303, "mod": 403, "maya": 404, "bea": 404, "tomas": 404, "oscar": 404, "ines": 404}},
		{"GET", k.newLink(sam), nil, map[string]int{"visitor": 303, "mod": 403, "maya": 403, "bea": 403, "tomas": 403, "oscar": 404, "ines": 200}},
		{"GET", k.newLink(k.bea), nil, map[string]int{"visitor": 303, "mod": 403, "maya": 403, "bea": 403, "tomas": 403, "oscar": 404, "ines": 404}},
		{"POST", "/messages/new", url.Values{"listing": newToSam["listing"], "talent": {strconv.FormatInt(k.bea.ID, 10)}, "body": {"Cold message"}},
			map[string]int{"visitor": 303, "mod": 403, "maya": 403, "bea": 403, "tomas": 403, "oscar": 404, "ines": 404}},
		{"POST", "/messages/new", newToSam, map[string]int{"visitor": 303, "mod": 403, "maya": 403, "bea": 403, "tomas": 403, "oscar": 404, "ines": 303}},
	}
	for _, r := range routes {
		for _, who := range order {
			var resp *http.Response
			if r.method == "GET" {
				resp = clients[who].Get(r.path)
			} else {
				form := url.Values{}
				for key, v := range r.form {
					form[key] = v
				}
				resp = clients[who].Post(r.path, form)
			}
			html := body(t, resp)
			if resp.StatusCode != r.want[who] {
				t.Errorf("%s %s as %s: %d, want %d", r.method, r.path, who, resp.StatusCode, r.want[who])
			}
			if resp.StatusCode == 404 && (strings.Contains(html, "Maya Laurent") && who != "maya" || strings.Contains(html, "Hello Maya")) {
				t.Errorf("%s %s as %s: the 404 tells about the thread", r.method, r.path, who)
			}
		}
	}
	// Nobody outside sees the thread in their inbox.
	for _, who := range []string{"bea", "tomas", "oscar"} {
		if d := testapp.Doc(t, clients[who].Get("/messages")); d.Find(".thread-row").Length() != 0 {
			t.Errorf("%s's inbox lists someone else's thread", who)
		}
	}
	var n int
	if err := k.pool.QueryRow(context.Background(), `SELECT count(*) FROM messages`).Scan(&n); err != nil || n != 4 {
		t.Errorf("%d messages stored (%v), want 4: Ines's first, two replies, Sam's", n, err)
	}
}

// TestMessagesHaveARate: the 31st message in ten minutes is refused
// beside the field with a 429, Retry-After and the text kept, for a reply
// and for a new thread alike; messages older than the window no longer
// count, and another account's rate is its own.
func TestMessagesHaveARate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	k := newTalk(t, nil)
	thread := k.start("Can you come on Monday?")
	// Ines has sent the window's limit (the first message included).
	if _, err := k.pool.Exec(ctx, `INSERT INTO messages (thread_id, sender_id, body)
		SELECT $1, $2, 'Reminder ' || i FROM generate_series(2, $3) i`,
		strings.TrimPrefix(thread, "/messages/"), k.ines.ID, production.MaxMessagesPerWindow); err != nil {
		t.Fatal(err)
	}
	ines := k.as(k.ines)
	ines.Get(thread)
	resp := ines.Post(thread, url.Values{"body": {"One more thing"}}, "HX-Request", "true")
	d := testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" ||
		!strings.Contains(d.Find("#e-body").Text(), "You have sent 30 messages in the last 10 minutes") || d.Find("#f-body").Text() != "One more thing" {
		t.Fatalf("reply over the rate: %d, Retry-After %q, %q, kept %q", resp.StatusCode, resp.Header.Get("Retry-After"),
			d.Find("#e-body").Text(), d.Find("#f-body").Text())
	}
	k.participate(k.bea, production.FromApplication, production.Applied)
	ines.Get(k.newLink(k.bea))
	resp = ines.Post("/messages/new", url.Values{"listing": {strconv.FormatInt(k.listing.ID, 10)},
		"talent": {strconv.FormatInt(k.bea.ID, 10)}, "body": {"Hello Bea"}})
	d = testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(d.Find("#e-body").Text(), "you can send this one in") ||
		d.Find("#f-body").Text() != "Hello Bea" {
		t.Fatalf("new thread over the rate: %d, %q", resp.StatusCode, d.Find("#e-body").Text())
	}
	// Maya writes back: her rate is hers.
	maya := k.as(k.maya)
	maya.Get(thread)
	if resp := maya.Post(thread, url.Values{"body": {"Yes"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("Maya's reply: %d", resp.StatusCode)
	}
	// Ten minutes later Ines may write again, and nothing of hers was lost.
	if _, err := k.pool.Exec(ctx, `UPDATE messages SET created_at = now() - interval '11 minutes' WHERE sender_id = $1`, k.ines.ID); err != nil {
		t.Fatal(err)
	}
	if resp := ines.Post(thread, url.Values{"body": {"One more thing"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("after the window: %d", resp.StatusCode)
	}
	if n := count(t, k.pool, `SELECT count(*) FROM messages WHERE sender_id = $1`, k.ines.ID); n != production.MaxMessagesPerWindow+1 {
		t.Errorf("Ines has %d messages, want %d", n, production.MaxMessagesPerWindow+1)
	}
}
