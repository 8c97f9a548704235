package handlers_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
)

// peopleEnv is the app with a producer's published casting call (roles
// Ana and Bea) and job listing in one project, a second producer, and a
// performer and a crew member with complete, validated profiles. The
// apply path belongs to another area, so applications are rows written
// here.
type peopleEnv struct {
	*env
	pool          *pgxpool.Pool
	ines, oscar   testapp.User
	maya, tomas   testapp.User
	project       production.Project
	call, job     production.Listing
	inesB, oscarB *testapp.Client
}

func newPeopleEnv(t *testing.T) *peopleEnv {
	t.Helper()
	st, pool := testdb.NewStore(t)
	e := &peopleEnv{env: newEnvWith(t, func(d *handlers.Deps) { d.Store = st }), pool: pool}
	e.store = st
	e.ines = testapp.Producer(t, st, testapp.Name("Ines Okafor"))
	e.oscar = testapp.Producer(t, st, testapp.Name("Oscar Lind"))
	e.maya = testapp.CompleteTalent(t, st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	e.tomas = testapp.CompleteTalent(t, st, domain.RoleCrew, testapp.Name("Tomas Berg"))
	if _, err := pool.Exec(context.Background(), `UPDATE profiles SET status = 'validated', validated_at = now()`); err != nil {
		t.Fatal(err)
	}
	e.project = testapp.Project(t, st, e.ines)
	e.call = testapp.Listing(t, st, e.ines, e.project, production.CastingCall)
	e.job = testapp.Listing(t, st, e.ines, e.project, production.JobListing)
	e.inesB, e.oscarB = e.as(e.ines), e.as(e.oscar)
	return e
}

// apply writes an application as the castmi button would.
func (e *peopleEnv) apply(l production.Listing, role int, talentID int64, note string) int64 {
	e.t.Helper()
	var id int64
	err := e.pool.QueryRow(context.Background(), `
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, note)
		VALUES ($1, $2, $3, $4, 'application', 'applied', $5) RETURNING id`,
		l.ID, l.Roles[role].ID, talentID, l.ProducerID, note).Scan(&id)
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// crowd adds n performers (plain rows, named Applicant 01…) who applied to
// role Bea, the first one the oldest.
func (e *peopleEnv) crowd(n int) {
	e.t.Helper()
	_, err := e.pool.Exec(context.Background(), `
		WITH a AS (
			INSERT INTO accounts (email, name, role, password_hash)
			SELECT 'crowd' || g || '@example.com', 'Applicant ' || lpad(g::text, 2, '0'), 'performer', 'h' FROM generate_series(1, $1) g
			RETURNING id, name)
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, created_at)
		SELECT $2, $3, a.id, $4, 'application', 'applied', now() - interval '1 day' + a.id * interval '1 second' FROM a`,
		n, e.call.ID, e.call.Roles[1].ID, e.ines.ID)
	if err != nil {
		e.t.Fatal(err)
	}
}

func (e *peopleEnv) peopleURL(query string) string {
	return "/listings/" + itoa(e.call.ID) + "/people" + query
}

func counts(t *testing.T, resp *http.Response) string {
	t.Helper()
	d := testapp.Doc(t, resp)
	var out []string
	for _, tab := range []string{"received", "invitations", "confirmed"} {
		out = append(out, strings.TrimSpace(d.Find("#count-"+tab).Text()))
	}
	return strings.Join(out, "/")
}

func TestPeopleTabsShowCardsCountsAndPages(t *testing.T) {
	t.Parallel()
	e := newPeopleEnv(t)
	ctx := context.Background()
	mayaApp := e.apply(e.call, 0, e.maya.ID, "I grew up by the sea.")
	e.crowd(26)
	if _, err := e.store.Invite(ctx, e.ines.ID, e.call.ID, e.call.Roles[1].ID, e.testTalent(domain.RolePerformer, "Guest Star"), "Hello"); err != nil {
		t.Fatal(err)
	}

	resp := e.inesB.Get(e.peopleURL(""))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("people page: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	if got := d.Find(".people-tabs a[aria-current=page]").Text(); !strings.Contains(got, "Applications received") {
		t.Errorf("current tab = %q", got)
	}
	if got := fmt.Sprintf("%s/%s/%s", d.Find("#count-received").Text(), d.Find("#count-invitations").Text(), d.Find("#count-confirmed").Text()); got != "27/1/0" {
		t.Errorf("counts = %s, want 27/1/0", got)
	}
	if n := d.Find(".applicant").Length(); n != production.PeoplePageSize {
		t.Fatalf("%d cards on the first page", n)
	}
	card := d.Find("#applicant-" + itoa(mayaApp))
	if card.Length() != 1 {
		t.Fatal("Maya's card (the newest) is not on the first page")
	}
	photos, _ := e.store.Photos(ctx, e.maya.ID)
	for _, c := range [][2]string{{"h3 a", "Maya Laurent"}, {".applicant-role", "Ana"}, {".applicant-facts", "168 cm"},
		{".applicant-facts", "25–35"}, {".applicant-facts", "Lisbon"}, {".applicant-note", "I grew up by the sea."}, {".state-badge", "New"}} {
		if got := card.Find(c[0]).Text(); !strings.Contains(got, c[1]) {
			t.Errorf("card %s = %q, want %q", c[0], got, c[1])
		}
	}
	if href, _ := card.Find("h3 a").Attr("href"); href != "/talent/"+itoa(e.maya.ID) {
		t.Errorf("name links to %q", href)
	}
	if src, _ := card.Find("img").Attr("src"); src != fmt.Sprintf("/media/photos/%d/thumb?v=%d", photos[0].ID, photos[0].CheckSeq) {
		t.Errorf("thumbnail %q", src)
	}
	if href, _ := card.Find(`a:contains("Contact")`).Attr("href"); href != fmt.Sprintf("/messages/new?listing=%d&talent=%d", e.call.ID, e.maya.ID) {
		t.Errorf("contact link %q", href)
	}
	if card.Find(`button[value=accept]`).Length() != 1 || card.Find(`button[value=reject]`).Length() != 1 || card.Find(`button[value=undo]`).Length() != 0 {
		t.Error("an undecided card shows the wrong actions")
	}
	if card.Find(`input[type=checkbox][name=ids][form=people-bulk]`).Length() != 1 {
		t.Error("no checkbox for the bulk decisions")
	}

	// More: a plain link opens the next page; htmx gets the cards alone.
	more, ok := d.Find(".people-more a").Attr("href")
	if !ok {
		t.Fatal("no More link")
	}
	next := testapp.Doc(t, e.inesB.Get(more))
	if n := next.Find(".applicant").Length(); n != 2 || next.Find(".people-more").Length() != 0 {
		t.Errorf("second page: %d cards, more link %d", n, next.Find(".people-more").Length())
	}
	frag := testapp.Doc(t, e.inesB.Do(htmxGet(more)))
	if frag.Find(".topbar, .people-tabs").Length() != 0 || frag.Find(".applicant").Length() != 2 {
		t.Errorf("htmx More is not the cards alone: %d cards", frag.Find(".applicant").Length())
	}

	// Tabs and filters as plain links, and as htmx panels.
	inv := testapp.Doc(t, e.inesB.Get(e.peopleURL("?tab=invitations")))
	if inv.Find(".applicant").Length() != 1 || !strings.Contains(inv.Find(".applicant").Text(), "Guest Star") ||
		inv.Find(`.applicant button:contains("Take back invitation")`).Length() != 1 {
		t.Errorf("invitations tab: %q", inv.Find(".applicant-list").Text())
	}
	panel := testapp.Doc(t, e.inesB.Do(htmxGet(e.peopleURL("?tab=received&role="+itoa(e.call.Roles[0].ID)))))
	if panel.Find(".topbar").Length() != 0 || panel.Find("#people").Length() != 1 || panel.Find(".applicant").Length() != 1 {
		t.Errorf("htmx role filter: %d cards", panel.Find(".applicant").Length())
	}
	byName := testapp.Doc(t, e.inesB.Get(e.peopleURL("?sort=name")))
	if first := byName.Find(".applicant h3").First().Text(); first != "Applicant 01" {
		t.Errorf("by name, first = %q", first)
	}
	if v, _ := byName.Find("#f-people-sort option[selected]").Attr("value"); v != "name" {
		t.Errorf("sort select shows %q", v)
	}
	if empty := testapp.Doc(t, e.inesB.Get(e.peopleURL("?tab=confirmed"))); empty.Find(".people-empty").Length() != 1 {
		t.Error("the empty confirmed tab says nothing")
	}
	// A cursor edited by hand shows the first page, not an error.
	if resp := e.inesB.Get(e.peopleURL("?after=garbage")); resp.StatusCode != http.StatusOK {
		t.Errorf("bad cursor: %d", resp.StatusCode)
	}
}

// testTalent makes a plain performer or crew account.
func (e *peopleEnv) testTalent(role domain.Role, name string) int64 {
	return testapp.Talent(e.t, e.store, role, testapp.Name(name)).ID
}

func htmxGet(path string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("HX-Request", "true")
	return req
}

func TestDecideRedrawsTheCardInPlace(t *testing.T) {
	t.Parallel()
	e := newPeopleEnv(t)
	ctx := context.Background()
	id := e.apply(e.call, 0, e.maya.ID, "")
	decide := "/participations/" + itoa(id) + "/decide"
	e.inesB.Get(e.peopleURL(""))

	resp := e.inesB.Post(decide, url.Values{"move": {"accept"}, "tab": {"received"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("htmx accept: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	if d.Find(".topbar").Length() != 0 || d.Find("#applicant-"+itoa(id)+" .state-badge").Text() != "Accepted" {
		t.Errorf("fragment: %q", d.Find("#applicant-"+itoa(id)).Text())
	}
	if d.Find(`#applicant-`+itoa(id)+` button[value=undo]`).Length() != 1 {
		t.Error("no Undo after accepting")
	}
	if oob := d.Find(`#count-confirmed[hx-swap-oob]`).Text(); oob != "1" {
		t.Errorf("confirmed count out of band = %q", oob)
	}
	notes, _ := e.store.Notifications(ctx, e.maya.ID, 10)
	if len(notes) == 0 || notes[0].Kind != "accepted" {
		t.Fatalf("the talent was not told: %+v", notes)
	}

	// A plain form goes back to the tab, at the card.
	resp = e.inesB.Post(decide, url.Values{"move": {"undo"}, "tab": {"confirmed"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != e.peopleURL("?tab=confirmed#applicant-"+itoa(id)) {
		t.Fatalf("plain undo: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if counts(t, e.inesB.Get(e.peopleURL(""))) != "1/0/0" {
		t.Error("undo did not move the card back")
	}

	// A move the state does not allow: the card as it stands, with why.
	resp = e.inesB.Post(decide, url.Values{"move": {"undo"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("undo of an undecided application: %d", resp.StatusCode)
	}
	if msg := testapp.Doc(t, resp).Find(".field-error").Text(); !strings.Contains(msg, "cannot be done any more") {
		t.Errorf("refusal says %q", msg)
	}
	resp = e.inesB.Post(decide, url.Values{"move": {"withdraw"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || testapp.Doc(t, resp).Find(".people .alert-error").Length() != 1 {
		t.Errorf("plain refused move: %d", resp.StatusCode)
	}

	// Closed: the buttons are gone and a forged post is refused.
	if _, err := e.store.TransitionListing(ctx, e.ines.ID, e.call.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	closed := testapp.Doc(t, e.inesB.Get(e.peopleURL("")))
	if closed.Find(".applicant button").Length() != 0 || closed.Find("#people-bulk").Length() != 0 || !strings.Contains(closed.Find(".people .alert-info").Text(), "closed") {
		t.Error("a closed casting still offers decisions")
	}
	resp = e.inesB.Post(decide, url.Values{"move": {"accept"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testapp.Doc(t, resp).Find(".field-error").Text(), "closed") {
		t.Errorf("accept on a closed casting: %d", resp.StatusCode)
	}
}

func TestBulkDecide(t *testing.T) {
	t.Parallel()
	e := newPeopleEnv(t)
	a := e.apply(e.call, 0, e.maya.ID, "")
	b := e.apply(e.call, 1, e.testTalent(domain.RolePerformer, "Bruna Reis"), "")
	c := e.apply(e.call, 1, e.testTalent(domain.RolePerformer, "Carla Dias"), "")
	bulk := e.peopleURL("/decide")
	e.inesB.Get(e.peopleURL(""))

	resp := e.inesB.Post(bulk, url.Values{"ids": {itoa(a), itoa(b)}, "move": {"accept"}, "tab": {"received"}})
	want := e.peopleURL("?tab=received") + "&done=accept&changed=2&skipped=0"
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("bulk accept: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	d := testapp.Doc(t, e.inesB.Get(want))
	if got := d.Find(".people .alert-ok").Text(); got != "2 accepted." {
		t.Errorf("notice = %q", got)
	}
	if d.Find("#count-confirmed").Text() != "2" {
		t.Errorf("confirmed = %q", d.Find("#count-confirmed").Text())
	}

	// htmx: the panel comes back with what was done; ids[] works too.
	resp = e.inesB.Post(bulk, url.Values{"ids[]": {itoa(a), itoa(c)}, "move": {"reject"}, "tab": {"received"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("htmx bulk reject: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if d.Find(".topbar").Length() != 0 || d.Find("#people").Length() != 1 || !strings.Contains(d.Find(".alert-ok").Text(), "2 marked not selected") {
		t.Errorf("panel notice = %q", d.Find(".alert-ok").Text())
	}
	if d.Find("#applicant-"+itoa(c)+" .state-badge").Text() != "Not selected" {
		t.Error("the panel does not show the new state")
	}
	// Nothing ticked: a sentence, not an error.
	resp = e.inesB.Post(bulk, url.Values{"move": {"accept"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testapp.Doc(t, resp).Find(".alert-error").Text(), "Tick the people first") {
		t.Errorf("empty bulk: %d", resp.StatusCode)
	}
}

func TestInviteFromThePublicProfile(t *testing.T) {
	t.Parallel()
	e := newPeopleEnv(t)
	ctx := context.Background()
	private := testapp.Listing(t, e.store, e.ines, e.project, production.CastingCall, testapp.Private())
	target := fmt.Sprintf("%d:%d", private.ID, private.Roles[1].ID)
	invite := "/talent/" + itoa(e.maya.ID) + "/invite"

	d := testapp.Doc(t, e.inesB.Get("/talent/"+itoa(e.maya.ID)))
	form := d.Find("#invite form")
	if action, _ := form.Attr("action"); action != invite {
		t.Fatalf("no invite form on the public profile: %q", action)
	}
	if n := form.Find("option[value!='']").Length(); n != 4 { // two casting calls of two roles; no job listing
		t.Errorf("%d options, want 4", n)
	}
	if form.Find(`option[value="`+target+`"]`).Length() != 1 {
		t.Error("the private casting is not offered")
	}
	if d.Find("label[for=f-invite-target]").Length() != 1 || d.Find("label[for=f-invite-message]").Length() != 1 {
		t.Error("unlabelled invite fields")
	}
	// Talent see no invite form, on their own page or another's.
	if n := testapp.Doc(t, e.as(e.tomas).Get("/talent/"+itoa(e.maya.ID))).Find("#invite").Length(); n != 0 {
		t.Error("a talent sees the invite form")
	}
	// Crew are offered job listings only.
	crewForm := testapp.Doc(t, e.inesB.Get("/talent/"+itoa(e.tomas.ID))).Find("#invite option[value!='']")
	if crewForm.Length() != 1 || !strings.Contains(crewForm.Text(), "Editor") {
		t.Errorf("crew options = %q", crewForm.Text())
	}

	// Bad input: the message beside the field, the choice kept.
	long := strings.Repeat("a", 501)
	resp := e.inesB.Post(invite, url.Values{"target": {target}, "message": {long}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("long message: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if d.Find("#e-invite-message").Text() == "" || d.Find(`option[selected][value="`+target+`"]`).Length() != 1 || d.Find("textarea").Text() != long {
		t.Error("a refused invitation lost what was typed")
	}
	resp = e.inesB.Post(invite, url.Values{"target": {"nope"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || testapp.Doc(t, resp).Find("#e-invite-target").Text() == "" {
		t.Errorf("no target: %d", resp.StatusCode)
	}
	// Crew to a casting call, by a forged post.
	resp = e.inesB.Post("/talent/"+itoa(e.tomas.ID)+"/invite", url.Values{"target": {target}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testapp.Doc(t, resp).Find("#e-invite-target").Text(), "casting calls") {
		t.Errorf("crew to a casting call: %d", resp.StatusCode)
	}

	// Sent, in place; then again, nothing new.
	resp = e.inesB.Post(invite, url.Values{"target": {target}, "message": {"We loved your reel."}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	if got := testapp.Doc(t, resp).Find("#invite .alert-ok").Text(); !strings.Contains(got, "Invitation sent") {
		t.Errorf("after sending: %q", got)
	}
	notes, _ := e.store.Notifications(ctx, e.maya.ID, 10)
	if len(notes) != 1 || notes[0].Kind != "invitation" || !strings.Contains(notes[0].Body, "We loved your reel.") {
		t.Fatalf("notifications = %+v", notes)
	}
	if _, err := e.store.ListingForTalent(ctx, e.maya.Account, private.ID); err != nil {
		t.Errorf("the invited performer cannot see the private casting: %v", err)
	}
	resp = e.inesB.Post(invite, url.Values{"target": {target}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != invite+"?outcome=invited" {
		t.Fatalf("plain second invite: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if got := testapp.Doc(t, e.inesB.Get(invite+"?outcome=invited")).Find("#invite .alert-info").Text(); !strings.Contains(got, "Already invited") {
		t.Errorf("second invite says %q", got)
	}
	inv := testapp.Doc(t, e.inesB.Get("/listings/"+itoa(private.ID)+"/people?tab=invitations"))
	if !strings.Contains(inv.Find(".applicant").Text(), "We loved your reel.") {
		t.Error("the invitation is not on the listing's invitations tab")
	}

	// Another producer cannot invite to Ines's listing.
	if resp := e.oscarB.Post(invite, url.Values{"target": {target}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another producer's listing: %d", resp.StatusCode)
	}
}

func TestTeamPageAndDashboard(t *testing.T) {
	t.Parallel()
	e := newPeopleEnv(t)
	ctx := context.Background()
	maya := e.apply(e.call, 0, e.maya.ID, "")
	tomas := e.apply(e.job, 0, e.tomas.ID, "")
	e.apply(e.call, 1, e.testTalent(domain.RolePerformer, "Waiting One"), "")

	dash := testapp.Doc(t, e.inesB.Get("/producer"))
	card := dash.Find(".waiting-card")
	if href, _ := card.Find("a").First().Attr("href"); href != "/listings/"+itoa(e.call.ID)+"/people?tab=received&state=applied" {
		t.Errorf("waiting link %q", href)
	}
	if card.Find("li").Length() != 2 || !strings.Contains(card.Text(), "2") {
		t.Errorf("waiting card = %q", card.Text())
	}

	for _, id := range []int64{maya, tomas} {
		if _, err := e.store.Decide(ctx, e.ines.ID, id, production.Accept); err != nil {
			t.Fatal(err)
		}
	}
	resp := e.inesB.Get("/projects/" + itoa(e.project.ID) + "/team")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("team: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	cast, crew := d.Find("#cast-h").Parent(), d.Find("#crew-h").Parent()
	if got := cast.Find(".team-group h3").Text(); got != "Ana" {
		t.Errorf("cast groups = %q", got)
	}
	if got := crew.Find(".team-group h3").Text(); got != "Editing" {
		t.Errorf("crew groups = %q", got)
	}
	member := cast.Find(".team-member")
	if href, _ := member.Find(".team-name").Attr("href"); href != "/talent/"+itoa(e.maya.ID) || member.Find(".team-name").Text() != "Maya Laurent" {
		t.Errorf("member link %q", href)
	}
	if got := member.Find(".team-decided").Text(); !strings.Contains(got, "Accepted by Ines Okafor") || !strings.Contains(got, time.Now().Format("2 Jan 2006")) {
		t.Errorf("decision = %q", got)
	}
	if href, _ := member.Find(`a:contains("Message")`).Attr("href"); href != fmt.Sprintf("/messages/new?listing=%d&talent=%d", e.call.ID, e.maya.ID) {
		t.Errorf("message link %q", href)
	}
	if dash := testapp.Doc(t, e.inesB.Get("/producer")); dash.Find(".waiting-card li").Length() != 1 {
		t.Error("decided listings still wait on the dashboard")
	}
}

// TestPeopleRoutesAuthorization is the matrix of every route of the
// people, invitation and team pages: the owning producer gets through,
// another producer gets 404 (nothing confirms the object exists), talent
// and moderators 403, visitors the login page.
func TestPeopleRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newPeopleEnv(t)
	part := e.apply(e.call, 0, e.maya.ID, "")
	invited, err := e.store.Invite(context.Background(), e.ines.ID, e.call.ID, e.call.Roles[1].ID, e.maya.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	target := url.Values{"target": {fmt.Sprintf("%d:%d", e.call.ID, e.call.Roles[1].ID)}}
	routes := []struct {
		method, path string
		form         url.Values
		owner        int
		// other is what another producer gets when it is not 404: the
		// invite page is their own form for a public profile.
		other int
	}{
		{"GET", e.peopleURL(""), nil, http.StatusOK, 0},
		{"GET", e.peopleURL("?tab=confirmed"), nil, http.StatusOK, 0},
		{"POST", e.peopleURL("/decide"), url.Values{"ids": {itoa(part)}, "move": {"reject"}}, http.StatusSeeOther, 0},
		{"POST", "/participations/" + itoa(part) + "/decide", url.Values{"move": {"accept"}}, http.StatusSeeOther, 0},
		{"POST", "/participations/" + itoa(invited.Participation.ID) + "/uninvite", nil, http.StatusSeeOther, 0},
		{"GET", "/projects/" + itoa(e.project.ID) + "/team", nil, http.StatusOK, 0},
		{"GET", "/talent/" + itoa(e.maya.ID) + "/invite", nil, http.StatusOK, http.StatusOK},
		{"POST", "/talent/" + itoa(e.maya.ID) + "/invite", target, http.StatusSeeOther, 0},
	}
	users := []struct {
		name   string
		client *testapp.Client
		want   int // 0: the owner's status
	}{
		{"owner", e.inesB, 0},
		{"another producer", e.oscarB, http.StatusNotFound},
		{"performer", e.as(e.maya), http.StatusForbidden},
		{"crew", e.as(e.tomas), http.StatusForbidden},
		{"moderator", e.as(testapp.Moderator(t, e.store)), http.StatusForbidden},
		{"visitor", e.browser(), http.StatusSeeOther},
	}
	for _, u := range users {
		for _, r := range routes {
			var resp *http.Response
			if r.method == "GET" {
				resp = u.client.Get(r.path)
			} else {
				form := url.Values{}
				for k, v := range r.form {
					form[k] = v
				}
				resp = u.client.Post(r.path, form)
			}
			want := u.want
			if want == 0 {
				want = r.owner
			}
			if u.name == "another producer" && r.other != 0 {
				want = r.other
			}
			if resp.StatusCode != want {
				t.Errorf("%s %s %s: %d, want %d", u.name, r.method, r.path, resp.StatusCode, want)
			}
			if u.name == "visitor" && !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
				t.Errorf("visitor %s %s goes to %q", r.method, r.path, resp.Header.Get("Location"))
			}
		}
	}
	// Nothing another producer posted changed anything.
	if a, _ := e.store.Applicant(context.Background(), e.ines.ID, part); a.DecidedBy == nil || *a.DecidedBy != e.ines.ID {
		t.Errorf("decided by %v", a.DecidedBy)
	}
	if _, err := e.store.Applicant(context.Background(), e.oscar.ID, part); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer reads the applicant: %v", err)
	}
}
