package store_test

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
	"github.com/slatecasting/slate/internal/testapp"
)

// people is a producer's published casting call (roles Ana and Bea) and
// a job listing in one project, with a second producer beside them.
type people struct {
	st          *store.Store
	pool        *pgxpool.Pool
	ines, oscar testapp.User
	project     production.Project
	call, job   production.Listing
}

func newPeople(t *testing.T) *people {
	t.Helper()
	st, pool := newStore(t)
	p := &people{st: st, pool: pool, ines: testapp.Producer(t, st, testapp.Name("Ines Okafor")), oscar: testapp.Producer(t, st)}
	p.project = testapp.Project(t, st, p.ines)
	p.call = testapp.Listing(t, st, p.ines, p.project, production.CastingCall)
	p.job = testapp.Listing(t, st, p.ines, p.project, production.JobListing)
	return p
}

// talent makes a talent account with a profile document naming them, as
// a complete profile would (rows only: the list needs no photos).
func (p *people) talent(t *testing.T, role domain.Role, name string) int64 {
	t.Helper()
	var id int64
	err := p.pool.QueryRow(context.Background(), `
		WITH a AS (INSERT INTO accounts (email, name, role, password_hash) VALUES ($1, $2, $3, 'h') RETURNING id)
		INSERT INTO profiles (account_id, data) SELECT id, jsonb_build_object('display_name', $2::text, 'city', 'Porto',
			'playing_age_min', 20, 'playing_age_max', 30, 'height_cm', 170) FROM a RETURNING account_id`,
		fmt.Sprintf("%s-%d@example.com", role, time.Now().UnixNano()), name, role).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// participation inserts a participation as the talent's side would (the
// apply and answer paths are another area's), at a chosen time.
func (p *people) participation(t *testing.T, l production.Listing, role int, talentID int64, origin production.Origin, state production.State, at time.Time) int64 {
	t.Helper()
	var id int64
	err := p.pool.QueryRow(context.Background(), `
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, note, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, 'I grew up by the sea.', $7) RETURNING id`,
		l.ID, l.Roles[role].ID, talentID, l.ProducerID, origin, state, at).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func (p *people) notifications(t *testing.T, accountID int64) []domain.Notification {
	t.Helper()
	list, err := p.st.Notifications(context.Background(), accountID, 100)
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func ids(rows []production.Applicant) []int64 {
	out := make([]int64, len(rows))
	for i, r := range rows {
		out[i] = r.ID
	}
	return out
}

func TestParticipantsTabsFiltersAndKeysetPages(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	base := time.Now().Add(-time.Hour).Truncate(time.Microsecond)
	// 30 applications, the newest last; every third one to Bea; two
	// withdrawn, three accepted; and three invitations, one accepted.
	var applied []int64 // newest first, withdrawn ones left out
	var bea, accepted []int64
	for i := range 30 {
		role, state := 0, production.Applied
		if i%3 == 0 {
			role = 1
		}
		switch i {
		case 4, 9:
			state = production.Withdrawn
		case 5, 10, 15:
			state = production.Accepted
		}
		id := p.participation(t, p.call, role, p.talent(t, domain.RolePerformer, fmt.Sprintf("Talent %02d", 29-i)), production.FromApplication, state, base.Add(time.Duration(i)*time.Second))
		if state != production.Withdrawn {
			applied = append([]int64{id}, applied...)
			if role == 1 {
				bea = append([]int64{id}, bea...)
			}
		}
		if state == production.Accepted {
			accepted = append([]int64{id}, accepted...)
		}
	}
	var invited []int64
	for i, state := range []production.State{production.Invited, production.Accepted, production.Declined} {
		id := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, fmt.Sprintf("Guest %d", i)), production.FromInvitation, state, base.Add(time.Minute+time.Duration(i)*time.Second))
		invited = append([]int64{id}, invited...)
		if state == production.Accepted {
			accepted = append([]int64{id}, accepted...)
		}
	}
	// Another listing's applicant never shows.
	p.participation(t, p.job, 0, p.talent(t, domain.RoleCrew, "Crew One"), production.FromApplication, production.Applied, base)

	first, err := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabReceived})
	if err != nil {
		t.Fatal(err)
	}
	if want := (production.TabCounts{Received: 28, Invitations: 3, Confirmed: 4}); first.Counts != want {
		t.Errorf("counts = %+v, want %+v", first.Counts, want)
	}
	if len(first.Rows) != production.PeoplePageSize || first.Next == "" {
		t.Fatalf("first page: %d rows, next %q", len(first.Rows), first.Next)
	}
	second, err := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabReceived, After: first.Next})
	if err != nil {
		t.Fatal(err)
	}
	if second.Next != "" {
		t.Errorf("the last page links on: %q", second.Next)
	}
	if got := append(ids(first.Rows), ids(second.Rows)...); fmt.Sprint(got) != fmt.Sprint(applied) {
		t.Errorf("received newest first =\n %v, want\n %v", got, applied)
	}
	a := first.Rows[0]
	if a.Name != "Talent 00" || a.RoleName != "Ana" || a.City != "Porto" || a.AgeMin != 20 || a.AgeMax != 30 || a.HeightCM != 170 ||
		a.Note != "I grew up by the sea." || a.Origin != production.FromApplication || a.HeadshotID != 0 {
		t.Errorf("card = %+v", a)
	}

	// By name: Talent 00 … Talent 29, withdrawn ones out, in two pages.
	byName, _ := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabReceived, Sort: production.SortName})
	rest, err := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabReceived, Sort: production.SortName, After: byName.Next})
	if err != nil {
		t.Fatal(err)
	}
	names := append(byName.Rows, rest.Rows...)
	if len(names) != 28 || names[0].Name != "Talent 00" || names[27].Name != "Talent 29" {
		t.Fatalf("by name: %d rows, %q … %q", len(names), names[0].Name, names[len(names)-1].Name)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1].Name >= names[i].Name {
			t.Errorf("by name out of order at %d: %q then %q", i, names[i-1].Name, names[i].Name)
		}
	}
	// A date cursor is refused for the name order, and a forged one too.
	for _, bad := range []string{first.Next, "bm9wZQ"} {
		if _, err := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Sort: production.SortName, After: bad}); !errors.Is(err, store.ErrBadCursor) {
			t.Errorf("cursor %q: %v", bad, err)
		}
	}

	// Filters.
	roleB, _ := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{RoleID: p.call.Roles[1].ID})
	if fmt.Sprint(ids(roleB.Rows)) != fmt.Sprint(bea) {
		t.Errorf("role Bea = %v, want %v", ids(roleB.Rows), bea)
	}
	acc, _ := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{State: production.Accepted})
	if len(acc.Rows) != 3 {
		t.Errorf("received, accepted: %d rows", len(acc.Rows))
	}
	inv, _ := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabInvitations})
	if fmt.Sprint(ids(inv.Rows)) != fmt.Sprint(invited) {
		t.Errorf("invitations = %v, want %v", ids(inv.Rows), invited)
	}
	conf, _ := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabConfirmed})
	if fmt.Sprint(ids(conf.Rows)) != fmt.Sprint(accepted) {
		t.Errorf("confirmed = %v, want %v", ids(conf.Rows), accepted)
	}

	if _, err := p.st.Participants(ctx, p.oscar.ID, p.call.ID, production.PeopleFilter{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer lists the applicants: %v", err)
	}
	if _, err := p.st.Applicant(ctx, p.oscar.ID, applied[0]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer reads an applicant: %v", err)
	}
}

func TestApplicantCardShowsThePassedHeadshot(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	maya := testapp.CompleteTalent(t, p.st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	id := p.participation(t, p.call, 0, maya.ID, production.FromApplication, production.Applied, time.Now())
	a, err := p.st.Applicant(ctx, p.ines.ID, id)
	if err != nil {
		t.Fatal(err)
	}
	photos, _ := p.st.Photos(ctx, maya.ID)
	if a.HeadshotID != photos[0].ID || a.HeadshotV != photos[0].CheckSeq || a.Name != "Maya Laurent" || a.HeightCM != 168 || a.City != "Lisbon" {
		t.Errorf("card = %+v, headshot %+v", a, photos[0])
	}
}

func TestDecideMovesRecordsAndTells(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	maya := p.talent(t, domain.RolePerformer, "Maya")
	id := p.participation(t, p.call, 0, maya, production.FromApplication, production.Applied, time.Now())

	if _, err := p.st.Decide(ctx, p.oscar.ID, id, production.Accept); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another producer accepts: %v", err)
	}
	a, err := p.st.Decide(ctx, p.ines.ID, id, production.Accept)
	if err != nil || a.State != production.Accepted || a.DecidedBy == nil || *a.DecidedBy != p.ines.ID || a.DecidedAt == nil {
		t.Fatalf("accept = %+v, %v", a, err)
	}
	if _, err := p.st.Decide(ctx, p.ines.ID, id, production.Accept); !errors.Is(err, store.ErrMove) {
		t.Errorf("accepted twice: %v", err)
	}
	if a, err = p.st.Decide(ctx, p.ines.ID, id, production.Reject); err != nil || a.State != production.NotSelected {
		t.Fatalf("reject = %+v, %v", a, err)
	}
	if a, err = p.st.Decide(ctx, p.ines.ID, id, production.Undo); err != nil || a.State != production.Applied {
		t.Fatalf("undo = %+v, %v", a, err)
	}
	if _, err := p.st.Decide(ctx, p.ines.ID, id, production.Undo); !errors.Is(err, store.ErrMove) {
		t.Errorf("undid an undecided application: %v", err)
	}
	if _, err := p.st.Decide(ctx, p.ines.ID, id, production.Withdraw); !errors.Is(err, store.ErrMove) {
		t.Errorf("the producer withdrew the talent: %v", err)
	}
	if a, err = p.st.Decide(ctx, p.ines.ID, id, production.Accept); err != nil || a.State != production.Accepted {
		t.Fatalf("accept again = %+v, %v", a, err)
	}
	// accepted, not selected, accepted again: three notices, the undo none.
	var kinds []string
	for _, n := range p.notifications(t, maya) {
		kinds = append(kinds, n.Kind)
		if n.Link != store.MyCastingsPath || n.Title == "" {
			t.Errorf("notification %+v", n)
		}
	}
	if fmt.Sprint(kinds) != "[accepted not_selected accepted]" {
		t.Errorf("notifications newest first = %v", kinds)
	}

	// An accepted invitation undone goes back to invited.
	guest := p.talent(t, domain.RolePerformer, "Guest")
	inv := p.participation(t, p.call, 1, guest, production.FromInvitation, production.Accepted, time.Now())
	if a, err = p.st.Decide(ctx, p.ines.ID, inv, production.Undo); err != nil || a.State != production.Invited {
		t.Fatalf("undo an accepted invitation = %+v, %v", a, err)
	}
	if _, err := p.st.Decide(ctx, p.ines.ID, inv, production.Accept); !errors.Is(err, store.ErrMove) {
		t.Errorf("the producer accepted an invitation for the talent: %v", err)
	}

	// Closed: nothing moves any more.
	if _, err := p.st.TransitionListing(ctx, p.ines.ID, p.call.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.Decide(ctx, p.ines.ID, id, production.Undo); !errors.Is(err, store.ErrListingClosed) {
		t.Errorf("undo on a closed casting: %v", err)
	}
	if _, err := p.st.DecideMany(ctx, p.ines.ID, p.call.ID, []int64{id}, production.Reject); !errors.Is(err, store.ErrListingClosed) {
		t.Errorf("bulk reject on a closed casting: %v", err)
	}
	if _, err := p.st.Uninvite(ctx, p.ines.ID, inv); !errors.Is(err, store.ErrListingClosed) {
		t.Errorf("uninvite on a closed casting: %v", err)
	}
}

func TestDecideManyInOneTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	now := time.Now()
	a := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "A"), production.FromApplication, production.Applied, now)
	b := p.participation(t, p.call, 1, p.talent(t, domain.RolePerformer, "B"), production.FromApplication, production.NotSelected, now)
	gone := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "C"), production.FromApplication, production.Withdrawn, now)
	elsewhere := p.participation(t, p.job, 0, p.talent(t, domain.RoleCrew, "D"), production.FromApplication, production.Applied, now)

	if _, err := p.st.DecideMany(ctx, p.oscar.ID, p.call.ID, []int64{a, b}, production.Accept); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another producer accepts in bulk: %v", err)
	}
	if _, err := p.st.DecideMany(ctx, p.ines.ID, p.call.ID, []int64{a}, production.Uninvite); !errors.Is(err, store.ErrMove) {
		t.Errorf("bulk uninvite: %v", err)
	}
	d, err := p.st.DecideMany(ctx, p.ines.ID, p.call.ID, []int64{a, b, gone, elsewhere, a}, production.Accept)
	if err != nil || d != (production.Decided{Changed: 2, Skipped: 2}) {
		t.Fatalf("DecideMany = %+v, %v", d, err)
	}
	for id, want := range map[int64]production.State{a: production.Accepted, b: production.Accepted, gone: production.Withdrawn, elsewhere: production.Applied} {
		got, err := p.st.Applicant(ctx, p.ines.ID, id)
		if err != nil || got.State != want {
			t.Errorf("participation %d: %s, %v; want %s", id, got.State, err, want)
		}
	}
	page, _ := p.st.Participants(ctx, p.ines.ID, p.call.ID, production.PeopleFilter{Tab: production.TabConfirmed})
	if page.Counts.Confirmed != 2 {
		t.Errorf("confirmed after bulk accept: %+v", page.Counts)
	}
}

func TestInvite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	maya, _ := p.st.AccountByID(ctx, p.talent(t, domain.RolePerformer, "Maya"))
	tomas := p.talent(t, domain.RoleCrew, "Tomas")
	private := testapp.Listing(t, p.st, p.ines, p.project, production.CastingCall, testapp.Private())
	draft := testapp.Listing(t, p.st, p.ines, p.project, production.CastingCall, testapp.Draft())
	role := private.Roles[1].ID

	for name, c := range map[string]struct {
		producer, listing, role, talent int64
		want                            error
	}{
		"crew to a casting call":    {p.ines.ID, private.ID, role, tomas, store.ErrKindMismatch},
		"performer to a job":        {p.ines.ID, p.job.ID, p.job.Roles[0].ID, maya.ID, store.ErrKindMismatch},
		"another producer":          {p.oscar.ID, private.ID, role, maya.ID, store.ErrNotFound},
		"a role of another listing": {p.ines.ID, private.ID, p.call.Roles[0].ID, maya.ID, store.ErrNotFound},
		"a producer as talent":      {p.ines.ID, private.ID, role, p.oscar.ID, store.ErrNotFound},
		"a draft":                   {p.ines.ID, draft.ID, draft.Roles[0].ID, maya.ID, store.ErrNotPublished},
	} {
		if _, err := p.st.Invite(ctx, c.producer, c.listing, c.role, c.talent, ""); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
	if _, err := p.st.ListingForTalent(ctx, maya, private.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a private casting is seen before the invitation: %v", err)
	}
	res, err := p.st.Invite(ctx, p.ines.ID, private.ID, role, maya.ID, "We loved your reel.")
	if err != nil || !res.Created || res.Participation.State != production.Invited || res.Participation.Origin != production.FromInvitation ||
		res.Participation.Note != "We loved your reel." {
		t.Fatalf("Invite = %+v, %v", res, err)
	}
	if _, err := p.st.ListingForTalent(ctx, maya, private.ID); err != nil {
		t.Errorf("the invited performer cannot see the private casting: %v", err)
	}
	again, err := p.st.Invite(ctx, p.ines.ID, private.ID, role, maya.ID, "Again")
	if err != nil || again.Created || again.Participation.ID != res.Participation.ID || again.Participation.Note != "We loved your reel." {
		t.Errorf("second invitation = %+v, %v", again, err)
	}
	notes := p.notifications(t, maya.ID)
	if len(notes) != 1 || notes[0].Kind != "invitation" {
		t.Fatalf("notifications = %+v", notes)
	}
	// An application in the role is left alone.
	applied := p.participation(t, p.call, 0, maya.ID, production.FromApplication, production.Applied, time.Now())
	if res, err := p.st.Invite(ctx, p.ines.ID, p.call.ID, p.call.Roles[0].ID, maya.ID, ""); err != nil || res.Created ||
		res.Participation.ID != applied || res.Participation.State != production.Applied {
		t.Errorf("invite over an application = %+v, %v", res, err)
	}
	// The options list published listings of the kind only.
	opts, err := p.st.InviteOptions(ctx, p.ines.ID, production.CastingCall)
	if err != nil || len(opts) != 4 || opts[0].ListingID != private.ID || !opts[0].Private || opts[2].ListingID != p.call.ID {
		t.Errorf("InviteOptions = %+v, %v", opts, err)
	}
	if opts, _ := p.st.InviteOptions(ctx, p.oscar.ID, production.CastingCall); len(opts) != 0 {
		t.Errorf("another producer's options: %+v", opts)
	}

	// Uninvite: only the owner, only while unanswered.
	if _, err := p.st.Uninvite(ctx, p.oscar.ID, res.Participation.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer uninvites: %v", err)
	}
	if a, err := p.st.Uninvite(ctx, p.ines.ID, res.Participation.ID); err != nil || a.State != production.Withdrawn {
		t.Errorf("Uninvite = %+v, %v", a, err)
	}
	if _, err := p.st.Uninvite(ctx, p.ines.ID, applied); !errors.Is(err, store.ErrMove) {
		t.Errorf("uninvited an application: %v", err)
	}
	if _, err := p.st.TransitionListing(ctx, p.ines.ID, private.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.Invite(ctx, p.ines.ID, private.ID, private.Roles[0].ID, maya.ID, ""); !errors.Is(err, store.ErrListingClosed) {
		t.Errorf("invite to a closed casting: %v", err)
	}
}

func TestTeamGroupsByRoleAndDepartment(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	now := time.Now()
	ana1 := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "Zoe"), production.FromApplication, production.Applied, now)
	ana2 := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "Alma"), production.FromApplication, production.Applied, now)
	guest := p.talent(t, domain.RolePerformer, "Bruna")
	p.participation(t, p.call, 1, guest, production.FromInvitation, production.Accepted, now)
	p.participation(t, p.call, 1, p.talent(t, domain.RolePerformer, "Waiting"), production.FromApplication, production.Applied, now)
	editor := p.participation(t, p.job, 0, p.talent(t, domain.RoleCrew, "Eda"), production.FromApplication, production.Applied, now)
	if _, err := p.pool.Exec(ctx, `UPDATE participations SET decided_by = talent_id, decided_at = now() WHERE talent_id = $1`, guest); err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.DecideMany(ctx, p.ines.ID, p.call.ID, []int64{ana1, ana2}, production.Accept); err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.Decide(ctx, p.ines.ID, editor, production.Accept); err != nil {
		t.Fatal(err)
	}

	team, err := p.st.Team(ctx, p.ines.ID, p.project.ID)
	if err != nil {
		t.Fatal(err)
	}
	if team.Size != 4 || len(team.Cast) != 2 || len(team.Crew) != 1 {
		t.Fatalf("team = %+v", team)
	}
	ana := team.Cast[0]
	if ana.Title != "Ana" || ana.Subtitle != p.call.Title || len(ana.Members) != 2 || ana.Members[0].Name != "Alma" ||
		ana.Members[0].DecidedByName != "Ines Okafor" || ana.Members[0].SelfAccepted() {
		t.Errorf("Ana's group = %+v", ana)
	}
	if b := team.Cast[1]; b.Title != "Bea" || len(b.Members) != 1 || !b.Members[0].SelfAccepted() {
		t.Errorf("Bea's group = %+v", b)
	}
	if c := team.Crew[0]; c.Title != "Editing" || len(c.Members) != 1 || c.Members[0].Name != "Eda" {
		t.Errorf("crew = %+v", c)
	}
	if _, err := p.st.Team(ctx, p.oscar.ID, p.project.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer reads the team: %v", err)
	}

	waiting, err := p.st.WaitingApplications(ctx, p.ines.ID, 10)
	if err != nil || len(waiting) != 1 || waiting[0].ListingID != p.call.ID || waiting[0].Waiting != 1 || waiting[0].ProjectTitle != p.project.Title {
		t.Errorf("WaitingApplications = %+v, %v", waiting, err)
	}
	if w, _ := p.st.WaitingApplications(ctx, p.oscar.ID, 10); len(w) != 0 {
		t.Errorf("another producer's waiting = %+v", w)
	}
}
