package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// invite writes an invitation row as the invitations slice will, so a
// private listing is visible to the talent.
func invite(t *testing.T, pool *pgxpool.Pool, l production.Listing, roleID, talentID int64) int64 {
	t.Helper()
	var id int64
	err := pool.QueryRow(context.Background(), `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'invitation', 'invited') RETURNING id`, l.ID, roleID, talentID, l.ProducerID).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func countRows(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func notificationsOf(t *testing.T, pool *pgxpool.Pool, accountID int64, kind string) int {
	t.Helper()
	return countRows(t, pool, `SELECT count(*) FROM notifications WHERE account_id = $1 AND kind = $2`, accountID, kind)
}

func TestApplyOnceEvenWhenTwoRequestsRace(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	ana, bea := l.Roles[0].ID, l.Roles[1].ID

	first, err := st.Apply(ctx, maya.Account, l.ID, ana, "I grew up by the sea.")
	if err != nil || first.State != production.Applied || first.Origin != production.FromApplication || first.Note != "I grew up by the sea." {
		t.Fatalf("Apply = %+v, %v", first, err)
	}
	again, err := st.Apply(ctx, maya.Account, l.ID, ana, "")
	if err != nil || again.ID != first.ID || again.State != production.Applied {
		t.Fatalf("second Apply = %+v, %v; want the first application", again, err)
	}
	// Two tabs at once, on the other role.
	var wg sync.WaitGroup
	ids := make([]int64, 4)
	errs := make([]error, 4)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p, err := st.Apply(ctx, maya.Account, l.ID, bea, "")
			ids[i], errs[i] = p.ID, err
		}()
	}
	wg.Wait()
	for i := range ids {
		if errs[i] != nil || ids[i] != ids[0] {
			t.Fatalf("concurrent applies: ids %v errors %v", ids, errs)
		}
	}
	if n := countRows(t, pool, `SELECT count(*) FROM participations WHERE talent_id = $1`, maya.ID); n != 2 {
		t.Fatalf("%d participations, want one per role", n)
	}
	if n := notificationsOf(t, pool, ines.ID, "application"); n != 2 {
		t.Fatalf("the producer got %d application notifications, want 2", n)
	}
}

func TestWithdrawAndApplyAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	zoe := testapp.Talent(t, st, domain.RolePerformer)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	p, err := st.Apply(ctx, maya.Account, l.ID, l.Roles[0].ID, "first")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Withdraw(ctx, zoe.ID, p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another talent withdraws Maya's application: %v", err)
	}
	w, err := st.Withdraw(ctx, maya.ID, p.ID)
	if err != nil || w.State != production.Withdrawn {
		t.Fatalf("Withdraw = %+v, %v", w, err)
	}
	if w2, err := st.Withdraw(ctx, maya.ID, p.ID); err != nil || w2.State != production.Withdrawn {
		t.Fatalf("second Withdraw = %+v, %v", w2, err)
	}
	back, err := st.Apply(ctx, maya.Account, l.ID, l.Roles[0].ID, "second")
	if err != nil || back.ID != p.ID || back.State != production.Applied || back.Note != "second" {
		t.Fatalf("Apply after withdrawing = %+v, %v", back, err)
	}
	if n := notificationsOf(t, pool, ines.ID, "application"); n != 2 {
		t.Fatalf("%d application notifications, want one per application (2)", n)
	}
	// The producer accepts: the talent can no longer withdraw it.
	if _, err := pool.Exec(ctx, `UPDATE participations SET state = 'accepted' WHERE id = $1`, p.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Withdraw(ctx, maya.ID, p.ID); !errors.Is(err, store.ErrMove) {
		t.Fatalf("withdrawing an accepted application: %v, want ErrMove", err)
	}
	if _, err := st.Apply(ctx, maya.Account, l.ID, l.Roles[0].ID, ""); !errors.Is(err, store.ErrMove) {
		t.Fatalf("applying to a role one is accepted for: %v, want ErrMove", err)
	}
}

func TestApplyRulesAreCheckedInSQL(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	tomas := testapp.Talent(t, st, domain.RoleCrew)
	prod := testapp.Project(t, st, ines)
	call := testapp.Listing(t, st, ines, prod, production.CastingCall)
	job := testapp.Listing(t, st, ines, prod, production.JobListing)
	private := testapp.Listing(t, st, ines, prod, production.CastingCall, testapp.Private())
	draft := testapp.Listing(t, st, ines, prod, production.CastingCall, testapp.Draft())
	late := testapp.Listing(t, st, ines, prod, production.CastingCall)
	closed := testapp.Listing(t, st, ines, prod, production.CastingCall)
	if _, err := pool.Exec(ctx, `UPDATE listings SET deadline = now() - interval '1 minute' WHERE id = $1`, late.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TransitionListing(ctx, ines.ID, closed.ID, production.Close); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name    string
		who     domain.Account
		listing production.Listing
		role    int64
		want    error
	}{
		{"a performer to a job listing", maya.Account, job, job.Roles[0].ID, store.ErrNotFound},
		{"crew to a casting call", tomas.Account, call, call.Roles[0].ID, store.ErrNotFound},
		{"a producer", ines.Account, call, call.Roles[0].ID, store.ErrNotFound},
		{"a private casting, uninvited", maya.Account, private, private.Roles[0].ID, store.ErrNotFound},
		{"a draft", maya.Account, draft, draft.Roles[0].ID, store.ErrNotFound},
		{"a role of another listing", maya.Account, call, job.Roles[0].ID, store.ErrNotFound},
		{"past the deadline", maya.Account, late, late.Roles[0].ID, store.ErrListingClosed},
		{"a closed casting", maya.Account, closed, closed.Roles[0].ID, store.ErrListingClosed},
	} {
		if _, err := st.Apply(ctx, tc.who, tc.listing.ID, tc.role, ""); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	if n := countRows(t, pool, `SELECT count(*) FROM participations`); n != 0 {
		t.Fatalf("%d participations written by refused applications", n)
	}

	// Invited, the private casting takes Maya's application to any of its roles.
	invite(t, pool, private, private.Roles[0].ID, maya.ID)
	if p, err := st.Apply(ctx, maya.Account, private.ID, private.Roles[1].ID, ""); err != nil || p.State != production.Applied {
		t.Fatalf("invited, apply to the private casting = %+v, %v", p, err)
	}
	// Crew apply to job listings.
	p, err := st.Apply(ctx, tomas.Account, job.ID, job.Roles[0].ID, "")
	if err != nil {
		t.Fatal(err)
	}
	// Once the listing closes, the application stays as it is.
	if _, err := st.TransitionListing(ctx, ines.ID, job.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Withdraw(ctx, tomas.ID, p.ID); !errors.Is(err, store.ErrListingClosed) {
		t.Fatalf("withdrawing from a closed listing: %v, want ErrListingClosed", err)
	}
}

func TestAnswerInvitation(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	zoe := testapp.Talent(t, st, domain.RolePerformer)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall, testapp.Private())
	inv := invite(t, pool, l, l.Roles[0].ID, maya.ID)
	other := invite(t, pool, l, l.Roles[1].ID, maya.ID)

	if _, err := st.AnswerInvitation(ctx, zoe.ID, inv, true); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another talent answers Maya's invitation: %v", err)
	}
	p, err := st.AnswerInvitation(ctx, maya.ID, inv, true)
	if err != nil || p.State != production.Accepted || p.DecidedBy == nil || *p.DecidedBy != maya.ID || p.DecidedAt == nil {
		t.Fatalf("accept = %+v, %v", p, err)
	}
	if p, err := st.AnswerInvitation(ctx, maya.ID, inv, true); err != nil || p.State != production.Accepted {
		t.Fatalf("accepting twice = %+v, %v", p, err)
	}
	if _, err := st.AnswerInvitation(ctx, maya.ID, inv, false); !errors.Is(err, store.ErrMove) {
		t.Fatalf("declining an accepted invitation: %v, want ErrMove", err)
	}
	if _, err := st.Withdraw(ctx, maya.ID, other); !errors.Is(err, store.ErrMove) {
		t.Fatalf("withdrawing an invitation: %v, want ErrMove", err)
	}
	if p, err := st.AnswerInvitation(ctx, maya.ID, other, false); err != nil || p.State != production.Declined {
		t.Fatalf("decline = %+v, %v", p, err)
	}
	notes, _ := st.Notifications(ctx, ines.ID, 10)
	if len(notes) != 2 || notes[0].Kind != "invitation_answered" || notes[1].Title != "Maya Laurent accepted your invitation" {
		t.Fatalf("producer's notifications = %+v", notes)
	}

	// An application is not an invitation to answer.
	pub := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	app, _ := st.Apply(ctx, maya.Account, pub.ID, pub.Roles[0].ID, "")
	if _, err := st.AnswerInvitation(ctx, maya.ID, app.ID, true); !errors.Is(err, store.ErrMove) {
		t.Fatalf("answering an application: %v, want ErrMove", err)
	}
	// A closed casting takes no answers.
	late := invite(t, pool, pub, pub.Roles[1].ID, zoe.ID)
	if _, err := st.TransitionListing(ctx, ines.ID, pub.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AnswerInvitation(ctx, zoe.ID, late, true); !errors.Is(err, store.ErrListingClosed) {
		t.Fatalf("answering on a closed casting: %v, want ErrListingClosed", err)
	}
}

func TestMyCastingsAreTheTalentsOwn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	zoe := testapp.Talent(t, st, domain.RolePerformer)
	prod := testapp.Project(t, st, ines)
	open := testapp.Listing(t, st, ines, prod, production.CastingCall)
	shut := testapp.Listing(t, st, ines, prod, production.CastingCall, testapp.Private())
	if _, err := st.Apply(ctx, maya.Account, open.ID, open.Roles[0].ID, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(ctx, zoe.Account, open.ID, open.Roles[1].ID, ""); err != nil {
		t.Fatal(err)
	}
	invite(t, pool, shut, shut.Roles[0].ID, maya.ID)
	if _, err := st.TransitionListing(ctx, ines.ID, shut.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	list, err := st.MyCastings(ctx, maya.ID)
	if err != nil || len(list) != 2 {
		t.Fatalf("MyCastings = %+v, %v; want Maya's two", list, err)
	}
	labels := map[int64]string{}
	for _, m := range list {
		if m.TalentID != maya.ID {
			t.Fatalf("another talent's participation listed: %+v", m)
		}
		labels[m.ListingID] = m.Label()
		if m.ProjectTitle != prod.Title || m.ListingTitle == "" {
			t.Errorf("listing or project missing: %+v", m)
		}
	}
	if labels[open.ID] != "Applied" || labels[shut.ID] != "Closed" {
		t.Errorf("labels = %v, want Applied on the open casting and Closed on the closed one's invitation", labels)
	}
}
