package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestModerationRoutesAreModeratorsOnly walks the app's own route table,
// so a route any area adds under /moderation or /admin later is covered
// too: no performer, crew member or producer ever gets a 200 (404 or 403),
// and a visitor is sent to the login page.
func TestModerationRoutesAreModeratorsOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// Real objects behind the ids the walk uses (1): a producer's report
	// and an account must be 404 to everyone else, not merely missing.
	ines := testapp.Producer(t, e.store)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	if _, err := e.store.CreateReport(t.Context(), testapp.Talent(t, e.store, domain.RolePerformer).ID, domain.ReportListing, l.ID,
		domain.ReportForm{Reason: "spam"}); err != nil {
		t.Fatal(err)
	}
	param := regexp.MustCompile(`:[A-Za-z_]+\??`)
	type route struct{ method, path string }
	seen := map[route]bool{}
	var routes []route
	for _, r := range e.app.GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/moderation") && !strings.HasPrefix(r.Path, "/admin") {
			continue
		}
		rt := route{r.Method, strings.ReplaceAll(param.ReplaceAllString(r.Path, "1"), "*", "")}
		if !seen[rt] {
			seen[rt] = true
			routes = append(routes, rt)
		}
	}
	if !seen[route{"GET", "/moderation/reports"}] || !seen[route{"POST", "/moderation/accounts/1/suspend"}] || !seen[route{"GET", "/admin/jobs"}] {
		t.Fatalf("the walk misses known routes: %v", routes)
	}
	actors := []struct {
		name string
		as   func() *testapp.Client
	}{
		{"visitor", e.browser},
		{"performer", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RolePerformer)) }},
		{"crew", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RoleCrew)) }},
		{"producer", func() *testapp.Client { return e.as(testapp.Producer(t, e.store)) }},
	}
	for _, a := range actors {
		b := a.as()
		for _, r := range routes {
			form := url.Values{"_csrf": {b.CSRF()}, "reason": {"x"}, "outcome": {"dismissed"}}
			req := httptest.NewRequest(r.method, r.path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Sec-Fetch-Site", "same-origin")
			resp := b.Do(req)
			code := resp.StatusCode
			switch {
			case a.name == "visitor" && code == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login"):
			case a.name == "visitor" && (code == http.StatusForbidden || code == http.StatusNotFound):
			case a.name != "visitor" && (code == http.StatusNotFound || code == http.StatusForbidden):
			default:
				t.Errorf("%s %s %s: %d (to %q), want 404/403 or the login page", a.name, r.method, r.path, code, resp.Header.Get("Location"))
			}
		}
	}
	// The walk reaches real pages: a moderator gets them.
	mod := e.as(testapp.Moderator(t, e.store))
	for _, p := range []string{"/moderation/reports", "/moderation/reports/1", "/moderation/accounts/1", "/moderation/accounts?q=test"} {
		if code := mod.Get(p).StatusCode; code != http.StatusOK {
			t.Errorf("moderator %s: %d", p, code)
		}
	}
}

func TestReportFormRefusesBesideFieldsAndReportsOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	maya := e.as(testapp.Talent(t, e.store, domain.RolePerformer))
	id := strconv.FormatInt(l.ID, 10)
	path := "/report/listing/" + id

	d := testapp.Doc(t, maya.Get("/castings/"+id))
	if href, _ := d.Find(".report-link a").Attr("href"); href != path {
		t.Fatalf("the listing page's report link is %q, want %q", href, path)
	}
	if resp := maya.Get(path); resp.StatusCode != http.StatusOK {
		t.Fatalf("report form: %d", resp.StatusCode)
	}
	resp := maya.Post(path, url.Values{"details": {"They want money"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("no reason: %d, want 422", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if d.Find("#e-reason").Text() == "" || d.Find("#f-details").Text() != "They want money" {
		t.Errorf("no message beside the reason, or the details were lost:\n%s", d.Find("#report-form").Text())
	}
	d = testapp.Doc(t, maya.Post(path, url.Values{"reason": {"other"}, "details": {strings.Repeat("x", domain.MaxReportText+1)}}))
	if d.Find("#e-details").Text() == "" {
		t.Error("no message beside details that are too long")
	}
	if _, ok := d.Find("#f-reason-other").Attr("checked"); !ok {
		t.Error("the chosen reason was lost")
	}
	if n := countRows(t, e, `SELECT count(*) FROM reports`); n != 0 {
		t.Fatalf("%d reports written by refused forms", n)
	}
	resp = maya.Post(path, url.Values{"reason": {"money"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?sent=1" {
		t.Fatalf("send: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if txt := testapp.Doc(t, maya.Get(path+"?sent=1")).Find("#report-done").Text(); !strings.Contains(txt, "with the moderators") {
		t.Errorf("after sending: %q", txt)
	}
	d = testapp.Doc(t, maya.Post(path, url.Values{"reason": {"spam"}}, "HX-Request", "true"))
	if txt := d.Find("#report-done").Text(); !strings.Contains(txt, "already reported") {
		t.Errorf("second press: %q, want already reported", txt)
	}
	if n := countRows(t, e, `SELECT count(*) FROM reports`); n != 1 {
		t.Errorf("%d reports after two presses, want 1", n)
	}
	// A producer's own listing, another kind, nothing: 404.
	for _, p := range []string{"/report/project/" + id, "/report/listing/999999", "/report/profile/" + strconv.FormatInt(ines.ID, 10)} {
		if code := maya.Get(p).StatusCode; code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	// The reporter sees their report, the moderator resolves it, the
	// reporter sees the outcome; the owner never sees who reported.
	mod := e.as(testapp.Moderator(t, e.store))
	d = testapp.Doc(t, mod.Get("/moderation/reports"))
	if d.Find("#nav-open-reports").Text() == "" {
		t.Error("no open count beside the moderators' Reports link")
	}
	href, _ := d.Find(".report-queue a.btn").Attr("href")
	if resp := mod.Post(href, url.Values{"note": {"checked"}}); resp.StatusCode != http.StatusUnprocessableEntity ||
		testapp.Doc(t, resp).Find("#e-outcome").Text() == "" {
		t.Errorf("resolving without an outcome: %d", resp.StatusCode)
	}
	if resp := mod.Post(href, url.Values{"outcome": {"dismissed"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resolve: %d", resp.StatusCode)
	}
	if txt := testapp.Doc(t, maya.Get("/reports")).Find(".my-list").Text(); !strings.Contains(txt, "Dismissed") {
		t.Errorf("the reporter's list: %q", txt)
	}
	if code := e.as(ines).Get("/reports").StatusCode; code != http.StatusOK {
		t.Errorf("owner /reports: %d", code)
	} else if txt := testapp.Doc(t, e.as(ines).Get("/reports")).Find(".my-list").Text(); txt != "" {
		t.Errorf("the owner sees a report they did not file: %q", txt)
	}
}

func TestSuspensionLogsOutAndRefusesLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	maya := e.as(testapp.Talent(t, e.store, domain.RolePerformer))
	producer := e.as(ines)
	mod := e.as(testapp.Moderator(t, e.store))
	acct := "/moderation/accounts/" + strconv.FormatInt(ines.ID, 10)
	listing := "/castings/" + strconv.FormatInt(l.ID, 10)

	if d := testapp.Doc(t, mod.Get("/moderation/accounts?q="+url.QueryEscape(ines.Email))); d.Find(".my-list a").Length() != 1 {
		t.Errorf("search by e-mail found %d", d.Find(".my-list a").Length())
	}
	resp := mod.Post(acct+"/suspend", url.Values{"reason": {"  "}})
	if resp.StatusCode != http.StatusUnprocessableEntity || testapp.Doc(t, resp).Find("#e-reason").Text() == "" {
		t.Fatalf("suspending without a reason: %d", resp.StatusCode)
	}
	if resp := mod.Post(acct+"/suspend", url.Values{"reason": {"Undisclosed fees."}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("suspend: %d", resp.StatusCode)
	}
	if resp := producer.Get("/producer"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("the suspended producer's session still works: %d", resp.StatusCode)
	}
	if code := maya.Get(listing).StatusCode; code != http.StatusNotFound {
		t.Errorf("listing of a suspended producer: %d, want 404", code)
	}
	b := e.browser()
	b.Get("/login")
	resp = b.Post("/login", url.Values{"email": {ines.Email}, "password": {ines.Password}})
	if txt := testapp.Doc(t, resp).Find("#login-problem").Text(); resp.StatusCode != http.StatusUnprocessableEntity ||
		!strings.Contains(txt, "suspended") || !strings.Contains(txt, "Undisclosed fees") || !strings.Contains(txt, "appeals@slate.localhost") {
		t.Errorf("login while suspended: %d %q", resp.StatusCode, txt)
	}
	resp = b.Post("/login", url.Values{"email": {ines.Email}, "password": {"wrong password"}})
	if txt := testapp.Doc(t, resp).Find("#login-problem").Text(); strings.Contains(txt, "suspended") {
		t.Errorf("a wrong password learns the account is suspended: %q", txt)
	}
	d := testapp.Doc(t, mod.Get(acct))
	if !strings.Contains(d.Find("#suspension").Text(), "Undisclosed fees.") {
		t.Errorf("account page: %q", d.Find("#suspension").Text())
	}
	if resp := mod.Post(acct+"/lift", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("lift: %d", resp.StatusCode)
	}
	if code := maya.Get(listing).StatusCode; code != http.StatusOK {
		t.Errorf("listing after lifting: %d", code)
	}
	e.as(ines) // logs in again, or fails the test
	if txt := testapp.Doc(t, mod.Get(acct)).Find("#suspension").Text(); !strings.Contains(txt, "Lifted") {
		t.Errorf("history after lifting: %q", txt)
	}
}

// countRows runs a count query on the env's database.
func countRows(t *testing.T, e *env, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := e.pool.QueryRow(t.Context(), sql, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return n
}

func TestReportLinksOnProfilesAndMessages(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer)
	if _, err := e.pool.Exec(t.Context(), `UPDATE profiles SET status = 'validated' WHERE account_id = $1`, maya.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.pool.Exec(t.Context(), `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'application', 'applied')`, l.ID, l.Roles[0].ID, maya.ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	msg, err := e.store.StartThread(t.Context(), ines.ID, l.ID, maya.ID, "Hello Maya")
	if err != nil {
		t.Fatal(err)
	}
	profile := "/talent/" + strconv.FormatInt(maya.ID, 10)
	producer, talent := e.as(ines), e.as(maya)
	if href, _ := testapp.Doc(t, producer.Get(profile)).Find(".report-link a").Attr("href"); href != "/report/profile/"+strconv.FormatInt(maya.ID, 10) {
		t.Errorf("a producer's report link on the profile: %q", href)
	}
	if n := testapp.Doc(t, talent.Get(profile)).Find(".report-link").Length(); n != 0 {
		t.Error("the talent is offered to report their own profile")
	}
	thread := "/messages/" + strconv.FormatInt(msg.ThreadID, 10)
	mid := strconv.FormatInt(msg.ID, 10)
	if n := testapp.Doc(t, producer.Get(thread)).Find(".message-report").Length(); n != 0 {
		t.Error("the sender is offered to report their own message")
	}
	if href, _ := testapp.Doc(t, talent.Get(thread)).Find("#m" + mid + " .message-report").Attr("href"); href != "/report/message/"+mid {
		t.Fatalf("the recipient's report link: %q", href)
	}
	back, _ := testapp.Doc(t, talent.Get("/report/message/"+mid)).Find(".crumbs a").Attr("href")
	if back != thread+"#m"+mid {
		t.Errorf("the message report form goes back to %q", back)
	}

	// Once a moderator removed it, the message offers no Report link (its
	// report form would answer 404).
	mod := testapp.Moderator(t, e.store)
	r, err := e.store.CreateReport(t.Context(), maya.ID, domain.ReportMessage, msg.ID, domain.ReportForm{Reason: "money"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.ResolveReport(t.Context(), mod.ID, r.ID, domain.OutcomeContentRemoved, "Asks for money.", ""); err != nil {
		t.Fatal(err)
	}
	d := testapp.Doc(t, talent.Get(thread))
	if d.Find("#m"+mid+".message-removed").Length() != 1 || d.Find("#m"+mid+" .message-report").Length() != 0 {
		t.Errorf("the removed message: %q", d.Find("#m"+mid).Text())
	}
	if resp := talent.Get("/report/message/" + mid); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the removed message's report form answers %d", resp.StatusCode)
	}
}

// TestModeratorDashboardCountsOpenReports: the dashboard's reports card
// and the navigation's badge read the same count (the session's query
// reads it with the session), one report open then none.
func TestModeratorDashboardCountsOpenReports(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	l := testapp.Listing(t, e.store, ines, testapp.Project(t, e.store, ines), production.CastingCall)
	mod := e.as(testapp.Moderator(t, e.store))
	d := testapp.Doc(t, mod.Get("/moderation"))
	if card := d.Find(".reports-card").Text(); !strings.Contains(card, "No open reports") || d.Find("#nav-open-reports").Length() != 0 {
		t.Fatalf("no report yet: card %q, badge %d", card, d.Find("#nav-open-reports").Length())
	}
	maya := testapp.Talent(t, e.store, domain.RolePerformer)
	if _, err := e.store.CreateReport(ctx, maya.ID, domain.ReportListing, l.ID, domain.ReportForm{Reason: "money"}); err != nil {
		t.Fatal(err)
	}
	d = testapp.Doc(t, mod.Get("/moderation"))
	if card := d.Find(".reports-card").Text(); !strings.Contains(card, "1 report waits") || !strings.HasPrefix(strings.TrimSpace(d.Find("#nav-open-reports").Text()), "1") {
		t.Errorf("one open report: card %q, badge %q", card, d.Find("#nav-open-reports").Text())
	}
}
