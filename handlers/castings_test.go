package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/testapp"
)

// castingEnv is newEnv with the database pool at hand, for the rows
// other slices write (an invitation) and for counting rows.
func castingEnv(t *testing.T) (*env, *pgxpool.Pool) {
	t.Helper()
	e := newEnv(t)
	return e, e.pool
}

func exec(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) {
	t.Helper()
	if _, err := pool.Exec(context.Background(), sql, args...); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func body(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func applyURL(l production.Listing, role int) string {
	return fmt.Sprintf("/castings/%d/roles/%d/apply", l.ID, l.Roles[role].ID)
}

func TestBrowseFiltersAsAPlainFormAndAsAFragment(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	prod := testapp.Project(t, e.store, ines)
	lisbon := testapp.Listing(t, e.store, ines, prod, production.CastingCall)
	porto := testapp.Listing(t, e.store, ines, prod, production.CastingCall, func(l *production.Listing) {
		l.City, l.Title = "Porto", "Dancers in Porto"
		l.Pay = production.Pay{Kind: "not_paid", UnpaidKind: "deferred"}
		l.Nudity, l.NudityDetails, l.StudentFilm, l.School = "partial", "A beach scene.", true, "ESTC"
		l.Roles = []production.Role{{Name: "Dancer", RoleType: "dancer", Gender: "any", Openings: 4}}
	})
	b := e.as(maya)

	d := testapp.Doc(t, b.Get("/castings"))
	if n := d.Find(".casting-card").Length(); n != 2 {
		t.Fatalf("%d cards, want 2", n)
	}
	if _, ok := d.Find("form#filters").Attr("hx-push-url"); !ok || d.Find("form#filters").AttrOr("method", "") != "get" {
		t.Error("the filters are not a GET form htmx enhances with the URL")
	}
	card := d.Find(".casting-card").First() // newest first: Porto
	for _, want := range []string{"Dancers in Porto", "Not paid", "Partial nudity", "Student film", "closes in 7 days", "Feature film", "Dancer"} {
		if !strings.Contains(card.Text(), want) {
			t.Errorf("Porto's card lacks %q:\n%s", want, card.Text())
		}
	}
	if title := card.Find("time").AttrOr("title", ""); !strings.Contains(title, "Europe/Lisbon") {
		t.Errorf("the deadline's tooltip %q is not in the listing's time zone", title)
	}
	if !strings.Contains(d.Find(".casting-card").Eq(1).Find(".pay-tag").Text(), "Paid") {
		t.Error("Lisbon's card lacks the PAID tag")
	}

	// A plain GET with the filters: a whole page, the form showing them.
	d = testapp.Doc(t, b.Get("/castings?city=lis&paid=1&role_type=actor&country=PT&project_type=feature_film&deadline_after="+
		time.Now().Format("2006-01-02")))
	if n := d.Find(".casting-card").Length(); n != 1 || !strings.Contains(d.Find(".casting-card").Text(), lisbon.Title) {
		t.Fatalf("filtered page: %d cards", n)
	}
	if d.Find("#f-city").AttrOr("value", "") != "lis" || d.Find(`input[name=paid]`).AttrOr("checked", "x") == "x" ||
		d.Find(`#f-role_type option[selected]`).AttrOr("value", "") != "actor" {
		t.Error("the form does not show the filters back")
	}
	// The same through htmx: the results fragment alone.
	req := httptest.NewRequest(http.MethodGet, "/castings?city=POR", nil)
	req.Header.Set("HX-Request", "true")
	html := body(t, b.Do(req))
	if strings.Contains(html, "<html") || !strings.Contains(html, `id="results"`) || !strings.Contains(html, porto.Title) || strings.Contains(html, lisbon.Title) {
		t.Fatalf("htmx filter answer is not the results fragment with Porto alone:\n%s", html)
	}
	// A value outside the lists never breaks the page.
	if resp := b.Get("/castings?role_type=wizard&country=XX&deadline_after=soon&after=bogus&city=%FF"); resp.StatusCode != http.StatusOK {
		t.Fatalf("odd filter values: status %d", resp.StatusCode)
	}
	// Empty results give advice.
	if d := testapp.Doc(t, b.Get("/castings?city=zzz")); !strings.Contains(d.Find(".empty-state").Text(), "Try fewer filters") {
		t.Errorf("no advice on an empty result: %q", d.Find("#results").Text())
	}
}

func TestBrowsePagesWithAMoreLink(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	prod := testapp.Project(t, e.store, ines)
	for range 23 {
		testapp.Listing(t, e.store, ines, prod, production.CastingCall, testapp.Roles("Ana"))
	}
	b := e.as(maya)
	d := testapp.Doc(t, b.Get("/castings?country=PT"))
	more, ok := d.Find("#more a").Attr("href")
	if n := d.Find(".casting-card").Length(); n != 20 || !ok || !strings.Contains(more, "after=") || !strings.Contains(more, "country=PT") {
		t.Fatalf("first page: %d cards, More %q", n, more)
	}
	// Without JavaScript the link opens the next page whole.
	d = testapp.Doc(t, b.Get(more))
	if n := d.Find(".casting-card").Length(); n != 3 || d.Find("#more").Length() != 0 || !strings.Contains(d.Text(), "Back to the newest") {
		t.Fatalf("second page: %d cards", n)
	}
	// With htmx it answers the next cards as list items, to replace the link.
	req := httptest.NewRequest(http.MethodGet, more, nil)
	req.Header.Set("HX-Request", "true")
	html := body(t, b.Do(req))
	if strings.Contains(html, `id="results"`) || strings.Count(html, `class="card casting-card"`) != 3 || !strings.HasPrefix(strings.TrimSpace(html), "<li>") {
		t.Fatalf("htmx More answer:\n%s", html)
	}
}

func TestEachTalentSeesOnlyTheirKind(t *testing.T) {
	t.Parallel()
	e, pool := castingEnv(t)
	ines := testapp.Producer(t, e.store)
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	tomas := testapp.Talent(t, e.store, domain.RoleCrew)
	prod := testapp.Project(t, e.store, ines)
	call := testapp.Listing(t, e.store, ines, prod, production.CastingCall)
	job := testapp.Listing(t, e.store, ines, prod, production.JobListing)
	private := testapp.Listing(t, e.store, ines, prod, production.CastingCall, testapp.Private(), func(l *production.Listing) { l.Title = "Secret casting" })
	draft := testapp.Listing(t, e.store, ines, prod, production.CastingCall, testapp.Draft())

	crew := e.as(tomas)
	d := testapp.Doc(t, crew.Get("/castings"))
	if d.Find(".casting-card").Length() != 1 || !strings.Contains(d.Text(), job.Title) || strings.Contains(d.Text(), call.Title) {
		t.Fatalf("crew browse shows %q", d.Find("#results").Text())
	}
	if !strings.Contains(d.Find("h1").Text(), "Job listings") || d.Find("#f-department").Length() != 1 || d.Find("#f-role_type").Length() != 0 {
		t.Error("crew get the casting calls' page or filters")
	}
	for _, id := range []int64{call.ID, private.ID, draft.ID} {
		if resp := crew.Get(fmt.Sprintf("/castings/%d", id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("crew GET casting call %d: %d, want 404", id, resp.StatusCode)
		}
	}
	if resp := crew.Post(applyURL(call, 0), nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("crew castmi on a casting call: %d, want 404", resp.StatusCode)
	}
	perf := e.as(maya)
	for _, id := range []int64{job.ID, private.ID, draft.ID} {
		if resp := perf.Get(fmt.Sprintf("/castings/%d", id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("performer GET listing %d: %d, want 404", id, resp.StatusCode)
		}
	}
	if strings.Contains(testapp.Doc(t, perf.Get("/castings")).Text(), "Secret casting") {
		t.Error("an uninvited performer sees the private casting")
	}
	exec(t, pool, `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state) VALUES ($1, $2, $3, $4, 'invitation', 'invited')`,
		private.ID, private.Roles[0].ID, maya.ID, ines.ID)
	if !strings.Contains(testapp.Doc(t, perf.Get("/castings")).Text(), "Secret casting") {
		t.Error("an invited performer does not see the private casting")
	}
	d = testapp.Doc(t, perf.Get(fmt.Sprintf("/castings/%d", private.ID)))
	if !strings.Contains(d.Find("#role-"+fmt.Sprint(private.Roles[0].ID)).Text(), "Answer the invitation") {
		t.Error("the invited role does not point to the invitation")
	}
	// A closed casting held by its link shows, marked Closed, without castmi.
	if _, err := e.store.TransitionListing(context.Background(), ines.ID, call.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	d = testapp.Doc(t, perf.Get(fmt.Sprintf("/castings/%d", call.ID)))
	if !strings.Contains(d.Find(".listing-closed").Text(), "Closed") || d.Find(".btn-castmi").Length() != 0 {
		t.Error("a closed casting by link is not marked Closed, or still offers castmi")
	}
}

func TestCastmiWithANoteTurnsIntoAppliedInPlace(t *testing.T) {
	t.Parallel()
	e, pool := castingEnv(t)
	ines := testapp.Producer(t, e.store)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	b := e.as(maya)
	b.Get(fmt.Sprintf("/castings/%d", l.ID))

	resp := b.Post(applyURL(l, 0), url.Values{"note": {"I grew up by the sea."}}, "HX-Request", "true")
	html := body(t, resp)
	if resp.StatusCode != http.StatusOK || strings.Contains(html, "<html") || !strings.Contains(html, "Applied") ||
		!strings.Contains(html, "Withdraw") || !strings.Contains(html, fmt.Sprintf(`id="castmi-%d"`, l.Roles[0].ID)) {
		t.Fatalf("htmx castmi: %d\n%s", resp.StatusCode, html)
	}
	if n := count(t, pool, `SELECT count(*) FROM participations WHERE talent_id = $1 AND note = 'I grew up by the sea.' AND state = 'applied'`, maya.ID); n != 1 {
		t.Fatalf("%d applications with the note", n)
	}
	if n := count(t, pool, `SELECT count(*) FROM notifications WHERE account_id = $1 AND kind = 'application'`, ines.ID); n != 1 {
		t.Fatalf("the producer got %d notifications", n)
	}
	// The second role is a separate application; without JavaScript the
	// post comes back to the listing page.
	resp = b.Post(applyURL(l, 1), nil)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), fmt.Sprintf("/castings/%d?applied=", l.ID)) {
		t.Fatalf("plain castmi: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	d := testapp.Doc(t, b.Get(resp.Header.Get("Location")))
	if !strings.Contains(d.Find(".flash").Text(), "You applied for Bea") || d.Find(".state-applied").Length() != 2 {
		t.Fatalf("listing page after castmi: flash %q, %d applied", d.Find(".flash").Text(), d.Find(".state-applied").Length())
	}
	// Withdraw, in place, then castmi again.
	resp = b.Post(fmt.Sprintf("/castings/%d/roles/%d/withdraw", l.ID, l.Roles[0].ID), nil, "HX-Request", "true")
	html = body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(html, "castmi") || !strings.Contains(html, "apply again") {
		t.Fatalf("htmx withdraw: %d\n%s", resp.StatusCode, html)
	}
	if resp := b.Post(applyURL(l, 0), nil, "HX-Request", "true"); resp.StatusCode != http.StatusOK || !strings.Contains(body(t, resp), "Applied") {
		t.Fatal("castmi after withdrawing does not apply again")
	}
	if n := count(t, pool, `SELECT count(*) FROM participations WHERE talent_id = $1 AND state = 'applied'`, maya.ID); n != 2 {
		t.Fatalf("%d applications, want 2", n)
	}
	// The cards on the browse page show the same state.
	if d := testapp.Doc(t, b.Get("/castings")); d.Find(".state-applied").Length() != 2 || d.Find(".btn-castmi").Length() != 0 {
		t.Error("the browse card does not show the applications")
	}
}

func TestDoubleCastmiIsOneApplication(t *testing.T) {
	t.Parallel()
	e, pool := castingEnv(t)
	ines := testapp.Producer(t, e.store)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	b := e.as(maya)
	for i := range 2 {
		if resp := b.Post(applyURL(l, 0), url.Values{"note": {"hi"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("press %d: status %d", i+1, resp.StatusCode)
		}
	}
	// A second tab, with htmx, sees "Applied", not an error.
	resp := b.Post(applyURL(l, 0), nil, "HX-Request", "true")
	if html := body(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(html, "Applied") {
		t.Fatalf("third press: %d\n%s", resp.StatusCode, html)
	}
	if n := count(t, pool, `SELECT count(*) FROM participations WHERE talent_id = $1`, maya.ID); n != 1 {
		t.Fatalf("%d applications after three presses, want 1", n)
	}
}

func TestCastmiRefusalsSaySentences(t *testing.T) {
	t.Parallel()
	e, pool := castingEnv(t)
	ines := testapp.Producer(t, e.store)
	novice := testapp.Talent(t, e.store, domain.RolePerformer)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	prod := testapp.Project(t, e.store, ines)
	l := testapp.Listing(t, e.store, ines, prod, production.CastingCall)
	late := testapp.Listing(t, e.store, ines, prod, production.CastingCall)
	closed := testapp.Listing(t, e.store, ines, prod, production.CastingCall)

	// An incomplete profile: the sentence beside the button, with the link to fix it.
	b := e.as(novice)
	resp := b.Post(applyURL(l, 0), url.Values{"note": {"Please"}}, "HX-Request", "true")
	d := testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(".castmi-problem").Text(), "Complete your profile first") ||
		d.Find(`.castmi-problem a[href="/profile"]`).Length() != 1 || d.Find("textarea").Text() != "Please" {
		t.Fatalf("incomplete profile: %d %q", resp.StatusCode, d.Find(".castmi-problem").Text())
	}
	// Without JavaScript: the listing page, the sentence beside that role.
	resp = b.Post(applyURL(l, 1), nil)
	d = testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(fmt.Sprintf("#role-%d .castmi-problem", l.Roles[1].ID)).Text(), "Complete your profile") ||
		d.Find("h1").Text() != l.Title {
		t.Fatalf("plain refusal: %d %q", resp.StatusCode, d.Find(".castmi-problem").Text())
	}

	b = e.as(maya)
	resp = b.Post(applyURL(l, 0), url.Values{"note": {strings.Repeat("é", 501)}}, "HX-Request", "true")
	if d := testapp.Doc(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(".field-error").Text(), "Keep the note to 500 characters") ||
		len([]rune(d.Find("textarea").Text())) != 501 {
		t.Fatalf("long note: %d %q", resp.StatusCode, d.Find(".field-error").Text())
	}
	exec(t, pool, `UPDATE listings SET deadline = now() - interval '1 minute' WHERE id = $1`, late.ID)
	if _, err := e.store.TransitionListing(context.Background(), ines.ID, closed.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		l    production.Listing
		want string
	}{{late, "The deadline for this listing has passed."}, {closed, "This casting is closed"}} {
		resp := b.Post(applyURL(tc.l, 0), nil, "HX-Request", "true")
		if d := testapp.Doc(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(".castmi-problem").Text(), tc.want) {
			t.Errorf("listing %d: %d %q, want %q", tc.l.ID, resp.StatusCode, d.Find(".castmi-problem").Text(), tc.want)
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM participations`); n != 0 {
		t.Fatalf("%d participations after refusals", n)
	}
}

func TestMyCastingsAndAnsweringAnInvitation(t *testing.T) {
	t.Parallel()
	e, pool := castingEnv(t)
	ines := testapp.Producer(t, e.store)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	zoe := testapp.Talent(t, e.store, domain.RolePerformer)
	prod := testapp.Project(t, e.store, ines)
	l := testapp.Listing(t, e.store, ines, prod, production.CastingCall)
	private := testapp.Listing(t, e.store, ines, prod, production.CastingCall, testapp.Private(), func(l *production.Listing) { l.Title = "The quiet one" })
	var inv int64
	if err := pool.QueryRow(context.Background(), `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'invitation', 'invited') RETURNING id`, private.ID, private.Roles[0].ID, maya.ID, ines.ID).Scan(&inv); err != nil {
		t.Fatal(err)
	}
	b := e.as(maya)
	b.Post(applyURL(l, 0), nil)

	d := testapp.Doc(t, b.Get("/my-castings"))
	row := d.Find(fmt.Sprintf("#participation-%d", inv))
	if row.Find(`button[value=accept]`).Length() != 1 || row.Find(`button[value=decline]`).Length() != 1 || !strings.Contains(row.Text(), "Invited") {
		t.Fatalf("the invitation row lacks its answers: %q", row.Text())
	}
	if d.Find(".my-row").Length() != 2 || !strings.Contains(d.Text(), "Applied") {
		t.Fatalf("My castings rows: %q", d.Find(".my-castings").Text())
	}
	// The dashboard counts them and names the waiting invitation.
	dash := testapp.Doc(t, b.Get("/performer"))
	if !strings.Contains(dash.Text(), "1 invitation waiting") || !strings.Contains(dash.Find(".standing").Text(), "Applied") {
		t.Errorf("dashboard castings cards: %q", dash.Find(".dash-grid").Text())
	}
	if dash.Find(".dash-castings li").Length() != 2 {
		t.Errorf("dashboard lists %d open castings, want the 2 Maya may see", dash.Find(".dash-castings li").Length())
	}
	// Another talent cannot answer Maya's invitation.
	other := e.as(zoe)
	other.Get("/my-castings")
	if resp := other.Post(fmt.Sprintf("/participations/%d/answer", inv), url.Values{"answer": {"decline"}}); resp.StatusCode != http.StatusNotFound {
		t.Fatalf("another talent answers: %d, want 404", resp.StatusCode)
	}
	resp := b.Post(fmt.Sprintf("/participations/%d/answer", inv), url.Values{"answer": {"accept"}}, "HX-Request", "true")
	html := body(t, resp)
	if resp.StatusCode != http.StatusOK || !strings.Contains(html, "Accepted") || strings.Contains(html, `value="accept"`) || strings.Contains(html, "<html") {
		t.Fatalf("htmx accept: %d\n%s", resp.StatusCode, html)
	}
	if n := count(t, pool, `SELECT count(*) FROM notifications WHERE account_id = $1 AND kind = 'invitation_answered'`, ines.ID); n != 1 {
		t.Fatalf("%d invitation_answered notifications", n)
	}
	// Answering again the other way is a sentence, not an error page.
	resp = b.Post(fmt.Sprintf("/participations/%d/answer", inv), url.Values{"answer": {"decline"}})
	if d := testapp.Doc(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(".castmi-problem").Text(), "answered or taken back") {
		t.Fatalf("declining after accepting: %d %q", resp.StatusCode, d.Find(".castmi-problem").Text())
	}
}

// TestCastingsAuthorizationMatrix asks every castings route as each kind
// of visitor. Producers (the listing's owner or not) and moderators get
// 403: these are talent pages. Logged-out visitors go to the login page.
// A talent of the other kind gets 404 for the listing, and nobody reaches
// another talent's participation.
func TestCastingsAuthorizationMatrix(t *testing.T) {
	t.Parallel()
	e, pool := castingEnv(t)
	owner := testapp.Producer(t, e.store)
	rival := testapp.Producer(t, e.store)
	mod := testapp.Moderator(t, e.store)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	tomas := testapp.CompleteTalent(t, e.store, domain.RoleCrew)
	zoe := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	l := testapp.Listing(t, e.store, owner, testapp.Project(t, e.store, owner), production.CastingCall)
	var zoes int64
	if err := pool.QueryRow(context.Background(), `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'invitation', 'invited') RETURNING id`, l.ID, l.Roles[1].ID, zoe.ID, owner.ID).Scan(&zoes); err != nil {
		t.Fatal(err)
	}
	listing := fmt.Sprintf("/castings/%d", l.ID)
	role := fmt.Sprintf("%s/roles/%d", listing, l.Roles[0].ID)
	answer := fmt.Sprintf("/participations/%d/answer", zoes)
	type route struct{ method, path string }
	routes := []route{{"GET", "/castings"}, {"GET", listing}, {"POST", role + "/apply"}, {"POST", role + "/withdraw"},
		{"GET", "/my-castings"}, {"POST", answer}}
	const login = 303
	want := map[string][]int{
		//            browse listing apply withdraw my  answer
		"performer": {200, 200, 303, 303, 200, 404},
		"crew":      {200, 404, 404, 404, 200, 404},
		"owner":     {403, 403, 403, 403, 403, 403},
		"rival":     {403, 403, 403, 403, 403, 403},
		"moderator": {403, 403, 403, 403, 403, 403},
		"visitor":   {login, login, login, login, login, login},
	}
	who := map[string]*testapp.User{"performer": &maya, "crew": &tomas, "owner": &owner, "rival": &rival, "moderator": &mod, "visitor": nil}
	for name, codes := range want {
		var b *testapp.Client
		if u := who[name]; u != nil {
			b = e.as(*u)
		} else {
			b = e.browser()
		}
		for i, r := range routes {
			var resp *http.Response
			if r.method == "GET" {
				resp = b.Get(r.path)
			} else {
				resp = b.Post(r.path, url.Values{"answer": {"accept"}})
			}
			resp.Body.Close()
			if resp.StatusCode != codes[i] {
				t.Errorf("%s %s %s: %d, want %d", name, r.method, r.path, resp.StatusCode, codes[i])
			}
			if name == "visitor" && !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
				t.Errorf("visitor %s %s goes to %q, want the login page", r.method, r.path, resp.Header.Get("Location"))
			}
		}
	}
	if n := count(t, pool, `SELECT count(*) FROM participations WHERE id = $1 AND state = 'invited'`, zoes); n != 1 {
		t.Fatal("someone answered Zoe's invitation")
	}
}

func TestDeadlinesAreToldFromNow(t *testing.T) {
	t.Parallel()
	now := time.Date(2027, 3, 9, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   time.Duration
		want string
	}{
		{-time.Minute, "deadline passed"}, {20 * time.Second, "closes in 1 min"}, {45 * time.Minute, "closes in 45 min"},
		{time.Hour, "closes today at 13:00"}, {5 * time.Hour, "closes today at 17:00"}, {30 * time.Hour, "closes tomorrow"},
		{72*time.Hour - time.Minute, "closes in 3 days"}, {90 * 24 * time.Hour, "closes on 7 Jun 2027"},
	} {
		d := now.Add(tc.in)
		card := handlers.ListingCard{Now: now}
		card.Status, card.Deadline, card.TimeZone = production.Published, &d, "Europe/Lisbon"
		if got := card.ClosesIn(); got != tc.want {
			t.Errorf("deadline in %v: %q, want %q", tc.in, got, tc.want)
		}
	}
	d := time.Date(2027, 3, 12, 18, 0, 0, 0, time.UTC)
	card := handlers.ListingCard{Now: now}
	card.Deadline, card.TimeZone = &d, "America/New_York"
	if got := card.DeadlineFull(); got != "Fri 12 Mar 2027, 13:00 (America/New_York)" {
		t.Errorf("DeadlineFull = %q", got)
	}
}
