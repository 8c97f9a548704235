package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// A suspended talent on a producer's team and in their threads is marked
// "Account suspended", with no Message link, no reply box and no profile
// link; a message posted anyway is refused beside the field, and the
// suspended producer's threads read the same on the talent's side.
func TestSuspendedAccountsAreMarkedAndNotOffered(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store, testapp.Name("Ines Okafor"))
	project := testapp.Project(t, e.store, ines)
	l := testapp.Listing(t, e.store, ines, project, production.CastingCall)
	maya := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	if _, err := e.pool.Exec(ctx, `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, decided_by, decided_at)
		VALUES ($1, $2, $3, $4, 'application', 'accepted', $4, now())`, l.ID, l.Roles[0].ID, maya.ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	theo := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Name("Theo Marsh")) // applied, never written to
	if _, err := e.pool.Exec(ctx, `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'application', 'applied')`, l.ID, l.Roles[0].ID, theo.ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	msg, err := e.store.StartThread(ctx, ines.ID, l.ID, maya.ID, "Welcome to the team, Maya.")
	if err != nil {
		t.Fatal(err)
	}
	producer := e.as(ines)
	team := "/projects/" + strconv.FormatInt(project.ID, 10) + "/team"
	thread := production.Thread{ID: msg.ThreadID}.Link()
	newMsg := "/messages/new?listing=" + strconv.FormatInt(l.ID, 10) + "&talent=" + strconv.FormatInt(maya.ID, 10)
	toTheo := "/messages/new?listing=" + strconv.FormatInt(l.ID, 10) + "&talent=" + strconv.FormatInt(theo.ID, 10)
	if d := testapp.Doc(t, producer.Get(team)); d.Find(".badge-suspended").Length() != 0 || d.Find(`a[href="`+newMsg+`"]`).Length() != 1 {
		t.Fatalf("the team before the suspension: %q", d.Find(".team-member").Text())
	}
	mod := testapp.Moderator(t, e.store)
	for _, u := range []testapp.User{maya, theo} {
		if err := e.store.SuspendAccount(ctx, mod.ID, u.ID, "Fake profile."); err != nil {
			t.Fatal(err)
		}
	}

	d := testapp.Doc(t, producer.Get(team))
	member := d.Find(".team-member")
	if !strings.Contains(member.Find(".badge-suspended").Text(), "Account suspended") || member.Find(`a[href^="/messages/new"]`).Length() != 0 ||
		member.Find(`a[href^="/talent/"]`).Length() != 0 {
		t.Errorf("the suspended team member: %q", member.Text())
	}
	d = testapp.Doc(t, producer.Get(thread))
	if !strings.Contains(d.Find("h1 .badge-suspended").Text(), "Account suspended") || d.Find(`form[action="`+thread+`"]`).Length() != 0 || d.Find("#reply").Length() != 1 {
		t.Errorf("the thread with a suspended talent: %q", d.Find(".thread-card").Text())
	}
	if d := testapp.Doc(t, producer.Get("/messages")); !strings.Contains(d.Find(".thread-row").Text(), "Account suspended") {
		t.Errorf("the inbox row: %q", d.Find(".thread-row").Text())
	}
	resp := producer.Post(thread, url.Values{"body": {"Are you there?"}})
	if d := testapp.Doc(t, resp); resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Text(), "messages cannot reach it") {
		t.Errorf("a reply to a suspended talent: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, producer.Get(toTheo))
	if d.Find("#to-suspended").Length() != 1 || d.Find(`form[action="/messages/new"]`).Length() != 0 {
		t.Errorf("the new-message form for a suspended talent: %q", d.Find("main").Text())
	}
	resp = producer.Post("/messages/new", url.Values{"listing": {strconv.FormatInt(l.ID, 10)}, "talent": {strconv.FormatInt(theo.ID, 10)}, "body": {"Hello?"}})
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a first message to a suspended talent: %d", resp.StatusCode)
	}
	var n int
	if err := e.pool.QueryRow(ctx, `SELECT count(*) FROM messages`).Scan(&n); err != nil || n != 1 {
		t.Errorf("%d messages, %v; want the first one to Maya only", n, err)
	}

	// The other way round: the talent's thread with a suspended producer.
	if err := e.store.LiftSuspension(ctx, mod.ID, maya.ID); err != nil {
		t.Fatal(err)
	}
	if err := e.store.SuspendAccount(ctx, mod.ID, ines.ID, "Undisclosed fees."); err != nil {
		t.Fatal(err)
	}
	if d := testapp.Doc(t, e.as(maya).Get(thread)); d.Find("h1 .badge-suspended").Length() != 1 || d.Find(`form[action="`+thread+`"]`).Length() != 0 {
		t.Errorf("the talent's thread with a suspended producer: %q", d.Find(".thread-card").Text())
	}
}
