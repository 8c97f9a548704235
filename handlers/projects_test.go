package handlers_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

func projectForm(title string) url.Values {
	return url.Values{"title": {title}, "type": {"short_film"}, "company": {"Okafor Films"},
		"description": {"Two sisters by the sea."}, "city": {"Porto"}, "country": {"PT"},
		"starts_on": {"2030-05-01"}, "ends_on": {"2030-05-20"}}
}

// idAfter is the id in a redirect to prefix<id>[/…|?…].
func idAfter(t *testing.T, resp *http.Response, prefix string) int64 {
	t.Helper()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, prefix) {
		t.Fatalf("got %d to %q, want 303 to %s…", resp.StatusCode, loc, prefix)
	}
	rest := strings.TrimPrefix(loc, prefix)
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	id, err := strconv.ParseInt(rest, 10, 64)
	if err != nil {
		t.Fatalf("no id in %q", loc)
	}
	return id
}

func TestProjectCreateEditArchive(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store)
	b := e.as(ines)

	d := testapp.Doc(t, b.Get("/projects"))
	if !strings.Contains(d.Find(".empty-state").Text(), "Create your first project") {
		t.Errorf("no empty state inviting the first project:\n%s", d.Find("main").Text())
	}
	if d.Find(`nav a[href="/projects"][aria-current=page]`).Length() != 1 {
		t.Error("the nav has no current Projects link")
	}

	// Bad input: messages beside the fields, what was typed kept, nothing saved.
	bad := projectForm("")
	bad.Set("ends_on", "2030-04-01")
	bad.Set("type", "opera")
	resp := b.Post("/projects/new", bad)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad project: %d, want 422", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	for _, id := range []string{"#e-title", "#e-ends_on", "#e-type"} {
		if d.Find(id).Text() == "" {
			t.Errorf("no message at %s", id)
		}
	}
	if v, _ := d.Find("#f-city").Attr("value"); v != "Porto" {
		t.Errorf("typed city lost: %q", v)
	}
	if v, _ := d.Find("#f-ends_on").Attr("value"); v != "2030-04-01" {
		t.Errorf("typed end date lost: %q", v)
	}
	if list, _ := e.store.Projects(ctx, ines.ID); len(list) != 0 {
		t.Fatalf("a refused project was saved: %+v", list)
	}
	// With htmx the form alone comes back.
	resp = b.Post("/projects/new", bad, "HX-Request", "true")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusUnprocessableEntity || strings.Contains(string(body), "<html") || !strings.Contains(string(body), `id="project-form"`) {
		t.Fatalf("htmx refusal: %d, want the form fragment:\n%s", resp.StatusCode, body)
	}

	id := idAfter(t, b.Post("/projects/new", projectForm("The Long Night")), "/projects/")
	d = testapp.Doc(t, b.Get("/projects/"+strconv.FormatInt(id, 10)+"?done=created"))
	if d.Find("h1").Text() != "The Long Night" || !strings.Contains(d.Find(".flash").Text(), "Project created") {
		t.Errorf("project page: h1 %q flash %q", d.Find("h1").Text(), d.Find(".flash").Text())
	}
	if d.Find(`form[action$="/listings"] button`).Length() != 2 {
		t.Error("the project page lacks the New casting call / New job listing buttons")
	}
	d = testapp.Doc(t, b.Get("/projects"))
	if d.Find(".project-card").Length() != 1 || !strings.Contains(d.Find(".project-card").Text(), "The Long Night") {
		t.Errorf("projects list: %q", d.Find("main").Text())
	}
	if d.Find(".project-card .counts dd").Length() != 3 {
		t.Error("the card lacks its three counts")
	}

	path := "/projects/" + strconv.FormatInt(id, 10)
	d = testapp.Doc(t, b.Get(path+"/edit"))
	if v, _ := d.Find("#f-title").Attr("value"); v != "The Long Night" {
		t.Errorf("edit form title %q", v)
	}
	edit := projectForm("The Longest Night")
	edit.Set("remote", "1")
	edit.Set("city", "")
	if resp := b.Post(path+"/edit", edit); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"?done=saved" {
		t.Fatalf("edit: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if p, _ := e.store.Project(ctx, ines.ID, id); p.Title != "The Longest Night" || !p.Remote {
		t.Errorf("edit not saved: %+v", p)
	}
	bad = projectForm("Renamed")
	bad.Set("starts_on", "March")
	if resp := b.Post(path+"/edit", bad); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad edit: %d", resp.StatusCode)
	}
	if p, _ := e.store.Project(ctx, ines.ID, id); p.Title != "The Longest Night" {
		t.Errorf("a refused edit was saved: %+v", p)
	}

	if resp := b.Post(path+"/archive", nil); resp.Header.Get("Location") != "/projects?done=archived" {
		t.Fatalf("archive: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	d = testapp.Doc(t, b.Get("/projects?done=archived"))
	if d.Find(".archived-projects .project-card").Length() != 1 || !strings.Contains(d.Find(".empty-state").Text(), "No active project") {
		t.Errorf("archived project not apart:\n%s", d.Find("main").Text())
	}
	d = testapp.Doc(t, b.Get(path))
	if d.Find(`form[action$="/listings"]`).Length() != 0 || d.Find(`form[action$="/unarchive"]`).Length() != 1 {
		t.Error("an archived project offers new listings, or no way back")
	}
	if resp := b.Post(path+"/listings", url.Values{"kind": {"casting_call"}}); resp.StatusCode != http.StatusConflict {
		t.Errorf("a listing in an archived project: %d, want 409", resp.StatusCode)
	}
	if resp := b.Post(path+"/unarchive", nil); resp.Header.Get("Location") != path+"?done=unarchived" {
		t.Fatalf("unarchive: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if p, _ := e.store.Project(ctx, ines.ID, id); p.Archived() {
		t.Error("still archived")
	}
}

func TestProducerDashboardProjectsCard(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	b := e.as(ines)
	d := testapp.Doc(t, b.Get("/producer"))
	card := d.Find(".projects-card")
	if card.Length() != 1 || card.Find(`a[href="/projects/new"]`).Length() != 1 {
		t.Fatalf("no projects card with New project:\n%s", d.Find("main").Text())
	}
	if strings.Contains(card.Text(), "Soon") {
		t.Error("the projects card still says Soon")
	}
	testapp.Project(t, e.store, ines)
	card = testapp.Doc(t, b.Get("/producer")).Find(".projects-card")
	if !strings.Contains(card.Text(), "The Long Night") || strings.TrimSpace(card.Find("h2 .badge").Text()) != "1" {
		t.Errorf("card after a project: %q", card.Text())
	}
}

func TestProjectTakesALongDescriptionInAnyScript(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	b := e.as(testapp.Producer(t, e.store))
	form := projectForm("Ночь")
	form.Set("description", strings.Repeat("Длинная ночь. ", 350)) // 4,900 characters, about 40 KB encoded
	if resp := b.Post("/projects/new", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a long Cyrillic description: %d, want 303", resp.StatusCode)
	}
}

// The project page is where a producer finds their listings: a listing
// that is out links to its people tabs (applications, invitations,
// confirmed); a draft, which nobody can apply to yet, does not.
func TestProjectPageLinksPublishedListingsToTheirPeople(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	p := testapp.Project(t, e.store, ines)
	published := testapp.Listing(t, e.store, ines, p, production.CastingCall)
	draft := testapp.Listing(t, e.store, ines, p, production.JobListing, testapp.Draft())
	d := testapp.Doc(t, e.as(ines).Get("/projects/"+strconv.FormatInt(p.ID, 10)))
	people := func(id int64) int {
		return d.Find(`.listing-row a[href="/listings/` + strconv.FormatInt(id, 10) + `/people"]`).Length()
	}
	if people(published.ID) != 1 {
		t.Errorf("the published listing's row has no People link:\n%s", d.Find(".listing-rows").Text())
	}
	if people(draft.ID) != 0 {
		t.Error("a draft's row links to a people page")
	}
}
