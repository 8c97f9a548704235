package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/slatecasting/slate/internal/testapp"
)

// authzRoute is one request of an authorization matrix: allowed is what
// the account it belongs to (the owner, a moderator) gets.
type authzRoute struct {
	method, path string
	form         url.Values
	allowed      int
}

// authzActor is one account of the matrix and the status it gets for a
// route that answers allowed to its owner.
type authzActor struct {
	name string
	as   func() *testapp.Client
	want func(allowed int) int
}

// walkAuthz sends every route as every actor, in order (the owner's posts
// come last, so the objects are still there for the others), and checks
// each status; a visitor must also be sent to the login page.
func walkAuthz(t *testing.T, actors []authzActor, routes []authzRoute) {
	t.Helper()
	for _, a := range actors {
		c := a.as()
		for _, r := range routes {
			var resp *http.Response
			if r.method == "GET" {
				resp = c.Get(r.path)
			} else {
				resp = c.Post(r.path, with(r.form)) // a fresh form: Post adds this client's token
			}
			if want := a.want(r.allowed); resp.StatusCode != want {
				t.Errorf("%s: %s %s = %d, want %d", a.name, r.method, r.path, resp.StatusCode, want)
			}
			if a.name == "visitor" && !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
				t.Errorf("visitor: %s %s sent to %q, want the login page", r.method, r.path, resp.Header.Get("Location"))
			}
		}
	}
}
