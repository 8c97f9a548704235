package handlers_test

import (
	"bytes"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/views"
)

// The bell fragment is made once per key (views.Keyed): its key must name
// everything it prints. Rendered through one renderer after another
// account's bell with the same key, each account's bell is byte for byte
// what a fresh renderer (an empty memo) gives it, for every shape of the
// count, with and without the centre shown.
func TestBellKeyNamesAllItPrints(t *testing.T) {
	t.Parallel()
	shared, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	render := func(r *views.Renderer, p *handlers.BellPage) string {
		t.Helper()
		var buf bytes.Buffer
		if err := r.Render(&buf, "notifications/bell", p); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	people := []handlers.Page{
		{User: &domain.Account{ID: 1, Name: "Maya Laurent", Role: domain.RolePerformer}, CSRF: "token-of-maya", Path: "/messages"},
		{User: &domain.Account{ID: 2, Name: "Ines <Okafor>", Role: domain.RoleProducer}, CSRF: "token-of-ines", Path: "/notifications"},
	}
	for _, n := range []int{0, 1, 42, 99, 100, 5000} {
		for _, here := range []bool{false, true} {
			for _, p := range people {
				p.UnreadNotifications = n
				page := &handlers.BellPage{Page: p, Here: here}
				fresh, err := views.NewRenderer()
				if err != nil {
					t.Fatal(err)
				}
				if got, want := render(shared, page), render(fresh, page); got != want {
					t.Errorf("%s's bell (%d unread, here %v) from the memo:\n%s\nwant\n%s", p.User.Name, n, here, got, want)
				}
			}
		}
	}
}
