package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/testapp"
)

// openTask submits a complete talent and returns them with their task id.
func openTask(t *testing.T, e *env) (testapp.User, int64) {
	t.Helper()
	talent := testapp.CompleteTalent(t, e.store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	if resp := e.as(talent).Post("/profile/submit", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", resp.StatusCode)
	}
	task, err := e.store.LatestValidation(context.Background(), talent.ID)
	if err != nil || task == nil {
		t.Fatalf("no task: %v", err)
	}
	return talent, task.ID
}

// TestModerationRoutesAuthorization runs every /moderation route as each
// kind of account: only moderators reach them; talent and producers get
// 404 (the pages do not exist for them), a visitor the login page.
func TestModerationRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	talent, task := openTask(t, e)
	tp := "/moderation/profiles/" + strconv.FormatInt(task, 10)
	photos, _ := e.store.Photos(context.Background(), talent.ID)
	routes := []authzRoute{
		{"GET", "/moderation", nil, 200},
		{"GET", "/moderation/changes", nil, 200},
		{"GET", tp, nil, 200},
		{"POST", tp + "/claim", nil, 303},
		{"POST", tp + "/photos/" + strconv.FormatInt(photos[1].ID, 10), url.Values{"verdict": {"rejected"}, "reason": {"borders"}}, 303},
		{"POST", tp + "/release", nil, 303},
		{"POST", tp + "/decide", url.Values{"outcome": {"approve"}}, 303},
		{"POST", "/moderation/changes/" + strconv.FormatInt(talent.ID, 10) + "/seen", nil, 303},
		{"GET", "/moderation/profiles/999999", nil, 404},
	}
	actors := []authzActor{
		{"visitor", e.browser, func(int) int { return http.StatusSeeOther }},
		{"performer", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RolePerformer)) }, func(int) int { return 404 }},
		{"crew", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RoleCrew)) }, func(int) int { return 404 }},
		{"the talent under review", func() *testapp.Client { return e.as(talent) }, func(int) int { return 404 }},
		{"producer", func() *testapp.Client { return e.as(testapp.Producer(t, e.store)) }, func(int) int { return 404 }},
		{"moderator", func() *testapp.Client { return e.as(testapp.Moderator(t, e.store)) }, func(m int) int { return m }},
	}
	walkAuthz(t, actors, routes)
}

// TestValidationFlow: a moderator rejects with two reasons, the talent
// sees each beside where to fix it and resubmits, a second moderator
// sees the first one's claim, and an approval makes the page public.
func TestValidationFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	talent, task := openTask(t, e)
	tp := "/moderation/profiles/" + strconv.FormatInt(task, 10)
	ana := e.as(testapp.Moderator(t, e.store, testapp.Name("Ana")))
	ben := e.as(testapp.Moderator(t, e.store, testapp.Name("Ben")))

	d := testapp.Doc(t, ana.Get("/moderation"))
	if !strings.Contains(d.Find("#queue").Text(), "Maya Laurent") || strings.TrimSpace(d.Find("#nav-open-tasks").Contents().First().Text()) != "1" {
		t.Fatalf("queue %q nav %q", d.Find("#queue").Text(), d.Find("#nav-open-tasks").Text())
	}
	if d := testapp.Doc(t, e.as(talent).Get("/profile")); !strings.Contains(d.Find("#in-validation").Text(), "In validation since") {
		t.Errorf("talent does not see the validation state: %q", d.Find("#meter").Text())
	}
	if resp := ana.Post(tp+"/claim", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("claim: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, ana.Get(tp))
	if !strings.Contains(d.Find("#claim").Text(), "You are reviewing") || d.Find("#decide").Length() != 1 || d.Find(".mod-photo").Length() != 6 {
		t.Fatalf("review page: claim %q, decide %d, photos %d", d.Find("#claim").Text(), d.Find("#decide").Length(), d.Find(".mod-photo").Length())
	}
	// The renewal poll answers with the banner alone.
	if resp := ana.Post(tp+"/claim", nil, "HX-Request", "true"); resp.StatusCode != 200 || testapp.Doc(t, resp).Find("#claim[hx-trigger]").Length() != 1 {
		t.Errorf("renewal: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, ben.Get(tp))
	if !strings.Contains(d.Find("#claim").Text(), "Ana is reviewing") || d.Find("#decide").Length() != 0 {
		t.Errorf("Ben sees %q, decide form %d", d.Find("#claim").Text(), d.Find("#decide").Length())
	}
	if resp := ben.Post(tp+"/decide", url.Values{"outcome": {"approve"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("Ben decides a task Ana holds: %d", resp.StatusCode)
	}

	// No reason: refused beside the list, the note kept.
	resp := ana.Post(tp+"/decide", url.Values{"outcome": {"reject"}, "note": {"Kept note"}})
	d = testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("#e-reasons").Length() != 1 || d.Find("#note").Text() != "Kept note" {
		t.Fatalf("reject without reasons: %d %q", resp.StatusCode, d.Find("#note").Text())
	}
	resp = ana.Post(tp+"/decide", url.Values{"outcome": {"reject"}, "reasons": {"blurred_pixelated", "missing_info"}, "note": {"Add your height."}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reject: %d", resp.StatusCode)
	}
	// Ben, late, learns who decided.
	if d := testapp.Doc(t, ben.Post(tp+"/decide", url.Values{"outcome": {"approve"}})); !strings.Contains(d.Find("#refusal").Text(), "Ana already decided") {
		t.Errorf("late decision: %q", d.Find("#refusal").Text())
	}

	me := e.as(talent)
	d = testapp.Doc(t, me.Get("/profile"))
	notice := d.Find("#changes-requested")
	for _, want := range []string{"Blurred or pixelated", "Upload sharp, full-resolution pictures", "Missing information", "Add your height."} {
		if !strings.Contains(notice.Text(), want) {
			t.Errorf("editor notice lacks %q: %q", want, notice.Text())
		}
	}
	if href, _ := notice.Find(`[data-reason=blurred_pixelated] a`).Attr("href"); href != "/profile/media" {
		t.Errorf("photo reason links to %q", href)
	}
	if d := testapp.Doc(t, me.Get("/profile/media")); d.Find(`#changes-requested [data-reason]`).Length() != 1 {
		t.Errorf("media page shows %d reasons, want the photo one", d.Find(`#changes-requested [data-reason]`).Length())
	}
	if resp := e.browser().Get("/talent/" + strconv.FormatInt(talent.ID, 10)); resp.StatusCode != 404 {
		t.Errorf("rejected profile is public: %d", resp.StatusCode)
	}

	// Resubmit: a new task, with its history.
	if resp := me.Post("/profile/submit", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("resubmit: %d", resp.StatusCode)
	}
	next, _ := e.store.LatestValidation(context.Background(), talent.ID)
	if next.ID == task {
		t.Fatal("resubmit reused the decided task")
	}
	np := "/moderation/profiles/" + strconv.FormatInt(next.ID, 10)
	if d := testapp.Doc(t, ben.Get(np)); !strings.Contains(d.Find("#history-h").Parent().Text(), "Blurred or pixelated") {
		t.Errorf("history missing: %q", d.Find("#history-h").Parent().Text())
	}
	if resp := ben.Post(np+"/decide", url.Values{"outcome": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if resp := e.browser().Get("/talent/" + strconv.FormatInt(talent.ID, 10)); resp.StatusCode != 200 {
		t.Errorf("approved profile not public: %d", resp.StatusCode)
	}
	if d := testapp.Doc(t, ben.Get("/moderation")); !strings.Contains(d.Find("#mod-stats").Text(), "Ana") || !strings.Contains(d.Find("#mod-stats").Text(), "Ben") {
		t.Errorf("stats: %q", d.Find("#mod-stats").Text())
	}
}

// A photo decision answers htmx with the photo's card alone: accepting a
// failed check says so; rejecting without a reason is refused beside the
// reason, nothing recorded.
func TestPhotoDecisionFragments(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	talent, task := openTask(t, e)
	ctx := context.Background()
	photos, _ := e.store.Photos(ctx, talent.ID)
	if _, err := e.pool.Exec(ctx, `UPDATE photos SET status = 'failed' WHERE id = $1`, photos[2].ID); err != nil {
		t.Fatal(err)
	}
	mod := e.as(testapp.Moderator(t, e.store))
	path := "/moderation/profiles/" + strconv.FormatInt(task, 10) + "/photos/" + strconv.FormatInt(photos[2].ID, 10)
	resp := mod.Post(path, url.Values{"verdict": {"rejected"}}, "HX-Request", "true")
	d := testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find(".field-error").Text(), "Choose why") || d.Find("main").Length() != 0 {
		t.Fatalf("refused: %d %q", resp.StatusCode, d.Find(".field-error").Text())
	}
	resp = mod.Post(path, url.Values{"verdict": {"accepted"}}, "HX-Request", "true")
	d = testapp.Doc(t, resp)
	if resp.StatusCode != 200 || !strings.Contains(d.Find(".mod-photo").Text(), "Accepted by a moderator") {
		t.Fatalf("accepted: %d %q", resp.StatusCode, d.Text())
	}
	after, _ := e.store.Photos(ctx, talent.ID)
	if !after[2].Passed() {
		t.Error("an accepted photo does not count as passed")
	}
}

// The changes list shows a validated talent's text edit until seen.
func TestChangesSinceValidationPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	talent, task := openTask(t, e)
	mod := e.as(testapp.Moderator(t, e.store))
	if resp := mod.Post("/moderation/profiles/"+strconv.FormatInt(task, 10)+"/decide", url.Values{"outcome": {"approve"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	if resp := e.as(talent).Post("/profile/sections/about", url.Values{"headline": {"Actor, dancer"}, "bio": {strings.Repeat("Ten years on stage and screen. ", 3)}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("edit: %d", resp.StatusCode)
	}
	if s, _ := e.store.ProfileStatus(context.Background(), talent.ID); s != domain.ProfileValidated {
		t.Fatalf("a text edit took the profile offline: %s", s)
	}
	d := testapp.Doc(t, mod.Get("/moderation/changes"))
	if !strings.Contains(d.Find("#changes").Text(), "Maya Laurent") || !strings.Contains(d.Find("#changes").Text(), "text edited") {
		t.Fatalf("changes: %q", d.Find("#changes").Text())
	}
	if resp := mod.Post("/moderation/changes/"+strconv.FormatInt(talent.ID, 10)+"/seen", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("seen: %d", resp.StatusCode)
	}
	if d := testapp.Doc(t, mod.Get("/moderation/changes")); strings.Contains(d.Find("#changes").Text(), "Maya Laurent") {
		t.Error("seen changes still listed")
	}
}
