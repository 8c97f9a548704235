package handlers_test

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestProjectAndEditorRoutesAuthorization runs every project and listing
// editor route as each kind of visitor: only the owning producer reaches
// their objects; a second producer gets 404 for them (never a 403 that
// would confirm they exist), talent and moderators 403, and a visitor the
// login page.
func TestProjectAndEditorRoutesAuthorization(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	owner := testapp.Producer(t, e.store)
	project := testapp.Project(t, e.store, owner)
	draft := testapp.Listing(t, e.store, owner, project, production.CastingCall, testapp.Draft())
	toSubmit := testapp.Listing(t, e.store, owner, project, production.JobListing, testapp.Draft())
	toClose := testapp.Listing(t, e.store, owner, project, production.CastingCall)

	p := "/projects/" + strconv.FormatInt(project.ID, 10)
	l := func(x production.Listing) string { return "/listings/" + strconv.FormatInt(x.ID, 10) }
	const ownerOnly = http.StatusNotFound // what a second producer gets for the owner's objects
	routes := []struct {
		method, path string
		form         url.Values
		owner        int // what the owner gets
		other        int // what a second producer gets
	}{
		{"GET", "/projects", nil, 200, 200},
		{"GET", "/projects/new", nil, 200, 200},
		{"POST", "/projects/new", projectForm("Another"), 303, 303},
		{"GET", p, nil, 200, ownerOnly},
		{"GET", p + "/edit", nil, 200, ownerOnly},
		{"POST", p + "/edit", projectForm("Renamed"), 303, ownerOnly},
		{"POST", p + "/archive", nil, 303, ownerOnly},
		{"POST", p + "/unarchive", nil, 303, ownerOnly},
		{"POST", p + "/listings", url.Values{"kind": {"casting_call"}}, 303, ownerOnly},
		{"GET", l(draft) + "/edit", nil, 200, ownerOnly},
		{"POST", l(draft) + "/edit", url.Values{"editor": {"1"}, "title": {"Retitled"}}, 303, ownerOnly},
		{"GET", l(draft) + "/preview", nil, 200, ownerOnly},
		{"POST", l(toSubmit) + "/submit", nil, 303, ownerOnly},
		{"POST", l(toClose) + "/close", nil, 303, ownerOnly},
	}
	actors := []struct {
		name string
		as   func() *testapp.Client
		want func(owner, other int) int
	}{
		{"visitor", e.browser, func(int, int) int { return http.StatusSeeOther }},
		{"performer", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RolePerformer)) },
			func(int, int) int { return http.StatusForbidden }},
		{"crew", func() *testapp.Client { return e.as(testapp.Talent(t, e.store, domain.RoleCrew)) },
			func(int, int) int { return http.StatusForbidden }},
		{"moderator", func() *testapp.Client { return e.as(testapp.Moderator(t, e.store)) },
			func(int, int) int { return http.StatusForbidden }},
		{"second producer", func() *testapp.Client { return e.as(testapp.Producer(t, e.store)) },
			func(_, other int) int { return other }},
		// The owner goes last: its posts change the objects.
		{"owner", func() *testapp.Client { return e.as(owner) }, func(owner, _ int) int { return owner }},
	}
	for _, a := range actors {
		b := a.as()
		for _, r := range routes {
			var resp *http.Response
			if r.method == "GET" {
				resp = b.Get(r.path)
			} else {
				resp = b.Post(r.path, with(r.form)) // Post adds the client's token to the form it gets
			}
			want := a.want(r.owner, r.other)
			if resp.StatusCode != want {
				t.Errorf("%s %s %s: %d, want %d", a.name, r.method, r.path, resp.StatusCode, want)
			}
			if a.name == "visitor" && !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
				t.Errorf("visitor %s %s: sent to %q, want the login page", r.method, r.path, resp.Header.Get("Location"))
			}
		}
	}
}
