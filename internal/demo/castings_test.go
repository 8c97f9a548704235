package demo_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/demo"
)

// snapshot counts the rows a seed writes, so a second seed can be held to
// writing none.
func snapshot(t *testing.T, pool *pgxpool.Pool) string {
	t.Helper()
	var s string
	err := pool.QueryRow(context.Background(), `SELECT concat_ws(' ',
		'accounts', (SELECT count(*) FROM accounts), 'photos', (SELECT count(*) FROM photos),
		'projects', (SELECT count(*) FROM projects), 'listings', (SELECT count(*) FROM listings),
		'roles', (SELECT count(*) FROM listing_roles),
		'participations', (SELECT string_agg(state || '=' || n, ',' ORDER BY state)
			FROM (SELECT state, count(*) n FROM participations GROUP BY state) x),
		'threads', (SELECT count(*) FROM threads), 'messages', (SELECT count(*) FROM messages),
		'notifications', (SELECT count(*) FROM notifications))`).Scan(&s)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkCastings holds the seeded demo to what the README's table says
// each account shows.
func checkCastings(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	acct := func(email string) domain.Account {
		t.Helper()
		a, _, err := st.Credentials(ctx, email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		return a
	}
	producer := acct(demo.ProducerEmail)
	luca := acct(demo.PerformerEmail)

	// Two projects: a public casting call of two roles, a job listing and
	// a draft in one, a private casting call in the other; beside them the
	// workshop notice's (rules.go) and the closing demo's (closing.go).
	projects, err := st.Projects(ctx, producer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 4 {
		t.Fatalf("the producer has %d projects, want 4", len(projects))
	}
	listings := map[string]production.Listing{}
	projectOf := map[string]int64{}
	for _, p := range projects {
		if p.Title == demo.HarbourLights {
			continue // the closing demo, checked by closing_test.go
		}
		list, err := st.ProjectListings(ctx, producer.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		projectOf[p.Title] = p.ID
		for _, l := range list {
			listings[l.Title] = l
		}
	}
	for title, want := range map[string]struct {
		kind    production.Kind
		status  production.Status
		private bool
		roles   int
	}{
		demo.SaltCall:     {production.CastingCall, production.Published, false, 2},
		demo.SaltSound:    {production.JobListing, production.Published, false, 1},
		demo.SaltExtras:   {production.CastingCall, production.Draft, false, 1},
		demo.BlueHourCall: {production.CastingCall, production.Published, true, 1},
		demo.SaltFishers:  {production.CastingCall, production.InReview, false, 1}, // slice listing review
		demo.SaltNets:     {production.CastingCall, production.Lapsed, false, 1},   // slice polish
	} {
		l, ok := listings[title]
		switch {
		case !ok:
			t.Errorf("no listing %q", title)
		case l.Kind != want.kind || l.Status != want.status || l.Private() != want.private || len(l.Roles) != want.roles:
			t.Errorf("%q: %s %s private=%v with %d roles, want %s %s private=%v with %d", title, l.Kind, l.Status, l.Private(),
				len(l.Roles), want.kind, want.status, want.private, want.roles)
		case want.status == production.Published && (l.Deadline == nil || l.Deadline.Before(now.AddDate(0, 0, 13))):
			t.Errorf("%q closes at %v: the demo's deadlines are two weeks ahead or more", title, l.Deadline)
		}
	}
	if m := production.Missing(listings[demo.SaltExtras], now); len(m) == 0 || listings[demo.SaltExtras].Description == "" {
		t.Errorf("the draft should be half filled, with what is missing listed: %v", m)
	}
	if len(listings) != 7 || len(projectOf) != 3 {
		t.Errorf("%d listings in %d projects, want 7 in 3", len(listings), len(projectOf))
	}
	if n := listings[demo.WorkshopTitle]; n.Status != production.Published || n.Category != "workshop" || !n.Fee.Charged() {
		t.Errorf("the workshop notice: %s %s fee %d", n.Status, n.Category, n.Fee.AmountCents)
	}

	// Every state, through the talent's own "My castings".
	states := map[string]int{}
	var lucaWaiting int
	for _, email := range append(castEmails(), demo.PerformerEmail) {
		mine, err := st.MyCastings(ctx, acct(email).ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range mine {
			if m.ProjectTitle == demo.HarbourLights {
				continue
			}
			states[fmt.Sprintf("%s %s", m.Origin, m.State)]++
			if email == demo.PerformerEmail && m.State == production.Invited && m.ListingTitle == demo.BlueHourCall {
				lucaWaiting++
			}
		}
	}
	wantStates := map[string]int{
		"application applied": 4, "application accepted": 3, "application rejected": 2, "application withdrawn": 1,
		"invitation invited": 2, "invitation accepted": 1, "invitation declined": 1,
	}
	if fmt.Sprint(states) != fmt.Sprint(wantStates) {
		t.Errorf("participations by state = %v, want %v", states, wantStates)
	}
	if lucaWaiting != 1 {
		t.Errorf("the demo performer has %d invitations waiting on %q, want 1", lucaWaiting, demo.BlueHourCall)
	}

	// The producer's tabs and team.
	counts, err := st.PeopleCounts(ctx, producer.ID, listings[demo.SaltCall].ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (production.TabCounts{Received: 7, Invitations: 1, Confirmed: 2}); counts != want {
		t.Errorf("the casting call's tabs = %+v, want %+v", counts, want)
	}
	for title, want := range map[string]int{demo.SaltRoad: 3, demo.BlueHour: 1} {
		team, err := st.Team(ctx, producer.ID, projectOf[title])
		if err != nil {
			t.Fatal(err)
		}
		if team.Size != want {
			t.Errorf("%s's team has %d people, want %d", title, team.Size, want)
		}
	}

	// The private casting shows to the invited performer only.
	if _, err := st.ListingForTalent(ctx, luca, listings[demo.BlueHourCall].ID); err != nil {
		t.Errorf("the invited demo performer cannot see the private casting: %v", err)
	}
	ana := acct("ana.silva@demo.slate.test")
	if _, err := st.ListingForTalent(ctx, ana, listings[demo.BlueHourCall].ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("an uninvited performer sees the private casting: %v", err)
	}

	// Two threads: a reply waiting for the producer, a message for Luca.
	threads, err := st.Threads(ctx, producer.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(threads) != 2 {
		t.Errorf("the producer has %d threads, want 2", len(threads))
	}
	for who, want := range map[int64]int{producer.ID: 1, luca.ID: 1} {
		if n, err := st.UnreadMessages(ctx, who); err != nil || n != want {
			t.Errorf("account %d has %d unread messages (%v), want %d", who, n, err, want)
		}
	}
}

func castEmails() []string {
	var out []string
	for _, m := range demo.Cast {
		out = append(out, m.Email)
	}
	return out
}
