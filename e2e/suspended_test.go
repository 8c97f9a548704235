package e2e

import (
	"strconv"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestASuspendedTeamMember: a producer's team page and thread show a
// suspended talent as "Account suspended", with no Message button and no
// reply box.
func TestASuspendedTeamMember(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	ctx := t.Context()
	ines := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"))
	project := testapp.Project(t, a.P.Store, ines)
	l := testapp.Listing(t, a.P.Store, ines, project, production.CastingCall)
	var thread string
	for i, name := range []string{"Maya Laurent", "Zoe Park"} {
		u := testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name(name))
		if _, err := a.P.Pool.Exec(ctx, `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, decided_by, decided_at)
			VALUES ($1, $2, $3, $4, 'application', 'accepted', $4, now())`, l.ID, l.Roles[0].ID, u.ID, ines.ID); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			continue
		}
		m, err := a.P.Store.StartThread(ctx, ines.ID, l.ID, u.ID, "Welcome to the team, Maya. The call sheet follows on Friday.")
		if err != nil {
			t.Fatal(err)
		}
		thread = production.Thread{ID: m.ThreadID}.Link()
		mod := testapp.Moderator(t, a.P.Store)
		if err := a.P.Store.SuspendAccount(ctx, mod.ID, u.ID, "Fake profile."); err != nil {
			t.Fatal(err)
		}
	}
	page := logIn(t, a, ines)
	page.MustNavigate(a.URL + "/projects/" + strconv.FormatInt(project.ID, 10) + "/team").MustWaitLoad()
	page.MustElementR(".team-member-suspended", "Account suspended")
	if has, _, _ := page.Has(`.team-member-suspended a[href^="/messages/new"]`); has {
		t.Error("the suspended team member has a Message button")
	}
	page.MustElementR(".team-member", "Zoe Park").MustElementR("a", "Message")
	shoot(t, page, "team-suspended")
	page.MustNavigate(a.URL + thread).MustWaitLoad()
	page.MustElementR("h1 .badge-suspended", "Account suspended")
	page.MustElementR("#reply", "messages cannot reach it")
	shoot(t, page, "thread-suspended")
}
