package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// candidate inserts a participation as the talent's side would.
func (e *env) candidate(l production.Listing, role int, talentID int64, origin production.Origin, state production.State) int64 {
	e.t.Helper()
	var id int64
	err := e.pool.QueryRow(context.Background(), `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, l.ID, l.Roles[role].ID, talentID, l.ProducerID, origin, state).Scan(&id)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// hxGet is a GET as htmx sends it, with extra headers.
func hxGet(b *testapp.Client, path string, headers ...string) *http.Response {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("HX-Request", "true")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return b.Do(req)
}

// TestClosingRoutesAuthorization runs every closing route as each kind of
// visitor: only the owning producer reaches their listing's close and
// selection; a second producer gets 404 (the store query is scoped to the
// producer), talent and moderators 403, a visitor the login page.
func TestClosingRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	owner := testapp.Producer(t, e.store)
	project := testapp.Project(t, e.store, owner)
	open := testapp.Listing(t, e.store, owner, project, production.CastingCall)
	closed := testapp.Listing(t, e.store, owner, project, production.CastingCall)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	pa := e.candidate(closed, 0, maya.ID, production.FromApplication, production.Applied)
	if _, err := e.store.CloseListing(ctx, owner.ID, closed.ID, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	l := func(x production.Listing) string { return "/listings/" + strconv.FormatInt(x.ID, 10) }
	choice := "/participations/" + strconv.FormatInt(pa, 10) + "/choice"
	routes := []authzRoute{
		{"GET", l(open) + "/close", nil, 200},
		{"GET", l(closed) + "/close", nil, 303},
		{"GET", l(closed) + "/selection", nil, 200},
		{"GET", l(open) + "/selection", nil, 200},
		{"POST", choice, url.Values{"choice": {"included"}}, 303},
		{"POST", l(closed) + "/selection/grace", url.Values{"auto_not_selected": {"on"}}, 303},
		{"POST", l(open) + "/close", url.Values{"auto_not_selected": {"on"}}, 303},
	}
	actors := []authzActor{
		{"visitor", e.browser, func(int) int { return http.StatusSeeOther }},
		{"performer", func() *testapp.Client { return e.as(maya) }, func(int) int { return http.StatusForbidden }},
		{"crew", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RoleCrew)) }, func(int) int { return http.StatusForbidden }},
		{"moderator", func() *testapp.Client { return e.as(testapp.Moderator(t, e.store)) }, func(int) int { return http.StatusForbidden }},
		{"other producer", func() *testapp.Client { return e.as(testapp.Producer(t, e.store)) }, func(int) int { return http.StatusNotFound }},
		{"owner", func() *testapp.Client { return e.as(owner) }, func(o int) int { return o }},
	}
	walkAuthz(t, actors, routes)
	if got, _ := e.store.OwnListing(ctx, owner.ID, open.ID); got.Status != production.Closed {
		t.Errorf("the owner's close left the listing %s", got.Status)
	}
	sel, _ := e.store.FinalSelection(ctx, owner.ID, closed.ID, store.SelectionFilter{})
	if len(sel.Candidates) != 1 || sel.Candidates[0].Choice != production.Included {
		t.Errorf("only the owner's toggle counts: %+v", sel.Candidates)
	}
}

// TestNotificationRoutesAuthorization: the centre and the bell are every
// logged-in account's own; another's notification is a 404.
func TestNotificationRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	note := domain.Notification{AccountID: maya.ID, Kind: "invitation", DedupeKey: "t:1", Title: "You are invited", Body: "Ana.", Link: "/my-castings"}
	if err := e.store.AddNotification(ctx, note); err != nil {
		t.Fatal(err)
	}
	page, err := e.store.NotificationsPage(ctx, maya.ID, nil, 0, 10)
	if err != nil || len(page.Notifications) == 0 {
		t.Fatalf("maya's notifications: %+v, %v", page, err)
	}
	mine := "/notifications/" + strconv.FormatInt(page.Notifications[0].ID, 10) + "/read"
	for _, who := range []struct {
		name string
		b    *testapp.Client
		want int
	}{
		{"visitor", e.browser(), http.StatusSeeOther},
		{"crew", e.as(testapp.Talent(t, e.store, domain.RoleCrew)), http.StatusNotFound},
		{"producer", e.as(testapp.Producer(t, e.store)), http.StatusNotFound},
		{"moderator", e.as(testapp.Moderator(t, e.store)), http.StatusNotFound},
		{"owner", e.as(maya), http.StatusSeeOther},
	} {
		if resp := who.b.Post(mine, nil); resp.StatusCode != who.want {
			t.Errorf("%s marks maya's notification read: %d, want %d", who.name, resp.StatusCode, who.want)
		}
		for _, path := range []string{"/notifications", "/notifications?type=castings", "/notifications/bell"} {
			want := http.StatusOK
			if who.name == "visitor" {
				want = http.StatusSeeOther
			}
			if resp := who.b.Get(path); resp.StatusCode != want {
				t.Errorf("%s GET %s: %d, want %d", who.name, path, resp.StatusCode, want)
			}
		}
	}
}

// TestCloseSelectAndBell is the closing flow through the pages: the
// confirm step, the close, the selection toggled in place (htmx) and as a
// plain form, the talent's closed listing and final state, and the bell
// answering 304 until a notification arrives.
func TestCloseSelectAndBell(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store)
	call := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	ids := []int64{
		e.candidate(call, 0, maya.ID, production.FromApplication, production.Applied),
		e.candidate(call, 0, testapp.Talent(t, e.store, domain.RolePerformer).ID, production.FromApplication, production.Applied),
		e.candidate(call, 1, testapp.Talent(t, e.store, domain.RolePerformer).ID, production.FromInvitation, production.Accepted),
	}
	path := "/listings/" + strconv.FormatInt(call.ID, 10)
	b := e.as(ines)
	d := testapp.Doc(t, b.Get(path+"/close"))
	if d.Find(`form[action="`+path+`/close"] input[name="auto_not_selected"][checked]`).Length() != 1 {
		t.Fatal("the confirm step lacks the grace setting, on by default")
	}
	resp := b.Post(path+"/close", url.Values{"auto_not_selected": {"on"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"/selection?closed=1" {
		t.Fatalf("close: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	d = testapp.Doc(t, b.Get(path+"/selection?closed=1"))
	if d.Find(".candidate").Length() != 3 || d.Find(".selection-group").Length() != 2 || !strings.Contains(d.Find(".flash").Text(), "closed") {
		t.Fatalf("selection: %d candidates in %d groups; flash %q", d.Find(".candidate").Length(), d.Find(".selection-group").Length(), d.Find(".flash").Text())
	}

	// Include two, exclude one, in place.
	for i, c := range []string{"included", "included", "excluded"} {
		r := b.Post("/participations/"+strconv.FormatInt(ids[i], 10)+"/choice", url.Values{"choice": {c}}, "HX-Request", "true")
		if r.StatusCode != http.StatusOK {
			t.Fatalf("toggle %d: %d", i, r.StatusCode)
		}
		frag := testapp.Doc(t, r)
		if frag.Find(`#candidate-`+strconv.FormatInt(ids[i], 10)+` .is-on`).Length() != 1 {
			t.Errorf("toggle %d: the row does not show %s", i, c)
		}
		if i == 2 && strings.Join(strings.Fields(frag.Find(`#selection-counts[hx-swap-oob]`).Text()), "") != "Included2Excluded1Undecided0Candidates3" {
			t.Errorf("counts after the toggles: %q", frag.Find("#selection-counts").Text())
		}
	}
	// A plain form comes back to the screen, filters kept.
	r := b.Post("/participations/"+strconv.FormatInt(ids[2], 10)+"/choice", url.Values{"choice": {"excluded"}, "filter": {"excluded"}})
	if want := path + "/selection?choice=excluded#candidate-" + strconv.FormatInt(ids[2], 10); r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != want {
		t.Errorf("plain toggle: %d to %q, want %s", r.StatusCode, r.Header.Get("Location"), want)
	}
	d = testapp.Doc(t, b.Get(path+"/selection?role="+strconv.FormatInt(call.Roles[0].ID, 10)))
	if d.Find(".candidate").Length() != 2 {
		t.Errorf("the first role shows %d candidates, want 2", d.Find(".candidate").Length())
	}

	// The talent: a closed notice on the listing; the producer's toggles
	// are not shown until the talent is told: "Closed, awaiting".
	m := e.as(maya)
	d = testapp.Doc(t, m.Get("/castings/"+strconv.FormatInt(call.ID, 10)))
	if !strings.Contains(d.Find(".listing-closed").Text(), "Closed") || !strings.Contains(d.Find(".castmi .state").Text(), "Closed, awaiting") {
		t.Errorf("the closed listing's link: notice %q, Maya's role %q", d.Find(".listing-closed").Text(), d.Find(".castmi .state").Text())
	}
	late := e.as(testapp.Talent(t, e.store, domain.RolePerformer))
	apply := late.Post("/castings/"+strconv.FormatInt(call.ID, 10)+"/roles/"+strconv.FormatInt(call.Roles[0].ID, 10)+"/apply", nil)
	if ad := testapp.Doc(t, apply); apply.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(ad.Find(".castmi-problem").Text(), "closed") {
		t.Errorf("castmi on the closed casting: %d, %q", apply.StatusCode, ad.Find(".castmi-problem").Text())
	}
	d = testapp.Doc(t, m.Get("/my-castings"))
	if !strings.Contains(d.Find(".my-row .state").Text(), "Closed, awaiting") {
		t.Errorf("My castings says %q, want Closed, awaiting", d.Find(".my-row .state").Text())
	}

	// The bell: a count, then 304 while unchanged, then the new count.
	first := hxGet(m, "/notifications/bell")
	tag := first.Header.Get("ETag")
	fd := testapp.Doc(t, first)
	before := strings.TrimSpace(fd.Find("#nav-unread-notifications").Contents().First().Text())
	if first.StatusCode != http.StatusOK || tag == "" || fd.Find("#nav-bell").Length() != 1 {
		t.Fatalf("bell: %d, ETag %q", first.StatusCode, tag)
	}
	if again := hxGet(m, "/notifications/bell", "If-None-Match", tag); again.StatusCode != http.StatusNotModified {
		t.Errorf("unchanged bell: %d, want 304", again.StatusCode)
	}
	if err := e.store.AddNotification(ctx, domain.Notification{AccountID: maya.ID, Kind: "message", DedupeKey: "bell-test",
		Title: "New message", Body: "Hi", Link: "/messages"}); err != nil {
		t.Fatal(err)
	}
	after := hxGet(m, "/notifications/bell", "If-None-Match", tag)
	ad := testapp.Doc(t, after)
	if now := strings.TrimSpace(ad.Find("#nav-unread-notifications").Contents().First().Text()); after.StatusCode != http.StatusOK || now == before {
		t.Errorf("bell after a notification: %d, count %q (was %q)", after.StatusCode, now, before)
	}
}

// TestNotificationCentreFiltersPagesAndMarksRead: the type chips, keyset
// pages, and mark one read in place with the bell out of band.
func TestNotificationCentreFiltersPagesAndMarksRead(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	for i := range 25 {
		kind := "message"
		if i%5 == 0 {
			kind = "invitation"
		}
		if err := e.store.AddNotification(ctx, domain.Notification{AccountID: maya.ID, Kind: kind, DedupeKey: "n" + strconv.Itoa(i),
			Title: kind + " " + strconv.Itoa(i), Body: "b", Link: "/my-castings"}); err != nil {
			t.Fatal(err)
		}
	}
	b := e.as(maya)
	d := testapp.Doc(t, b.Get("/notifications"))
	older, _ := d.Find(`.pager a[rel="next"]`).Attr("href")
	if n := d.Find(".notification-centre .notification").Length(); n != 20 || older == "" {
		t.Fatalf("first page: %d notifications, older %q", n, older)
	}
	d = testapp.Doc(t, b.Get(older))
	if n := d.Find(".notification-centre .notification").Length(); n < 5 {
		t.Errorf("older page: %d notifications", n)
	}
	d = testapp.Doc(t, b.Get("/notifications?type=castings"))
	if n := d.Find(".notification-centre .notification").Length(); n != 5 {
		t.Errorf("castings chip: %d notifications, want the 5 invitations", n)
	}
	if d.Find(`.notification-tabs a[aria-current="page"]`).Text() != "Castings" {
		t.Error("the castings chip is not marked current")
	}
	id, _ := d.Find(".notification.unread").First().Attr("id")
	r := b.Post("/"+strings.Replace(id, "-", "s/", 1)+"/read", url.Values{"type": {"castings"}}, "HX-Request", "true")
	frag := testapp.Doc(t, r)
	if r.StatusCode != http.StatusOK || frag.Find("#"+id+".unread").Length() != 0 || frag.Find(`#nav-bell[hx-swap-oob]`).Length() != 1 {
		t.Errorf("mark one read: %d, row unread %d, bell oob %d", r.StatusCode, frag.Find("#"+id+".unread").Length(), frag.Find("#nav-bell[hx-swap-oob]").Length())
	}
	if resp := b.Post("/notifications/read", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("mark all read: %d", resp.StatusCode)
	}
	if n, _ := e.store.UnreadNotifications(ctx, maya.ID); n != 0 {
		t.Errorf("%d unread after mark all read", n)
	}
}
