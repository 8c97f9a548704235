package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// graceJobs returns how many grace jobs the listing has and when the
// first is due.
func (p *people) graceJobs(t *testing.T, listingID int64) (int, time.Time) {
	t.Helper()
	var n int
	var at *time.Time
	err := p.pool.QueryRow(context.Background(), `SELECT count(*), min(scheduled_at) FROM river_job
		WHERE kind = 'tell_not_selected' AND (args->>'listing_id')::bigint = $1`, listingID).Scan(&n, &at)
	if err != nil {
		t.Fatal(err)
	}
	if at == nil {
		return n, time.Time{}
	}
	return n, *at
}

// pastDeadline moves a listing's deadline before now, as time passing would.
func (p *people) pastDeadline(t *testing.T, listingID int64, ago time.Duration) {
	t.Helper()
	if _, err := p.pool.Exec(context.Background(), `UPDATE listings SET deadline = now() - $2::interval WHERE id = $1`,
		listingID, ago.String()); err != nil {
		t.Fatal(err)
	}
}

func kinds(list []domain.Notification, kind string) int {
	n := 0
	for _, x := range list {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

func TestCloseListingStopsApplicationsAndSchedulesTheGraceJob(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	maya := testapp.Talent(t, p.st, domain.RolePerformer)
	now := time.Now().Truncate(time.Second)

	if _, err := p.st.CloseListing(ctx, p.oscar.ID, p.call.ID, true, now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another producer closes: %v, want ErrNotFound", err)
	}
	draft := testapp.Listing(t, p.st, p.ines, p.project, production.CastingCall, testapp.Draft())
	if _, err := p.st.CloseListing(ctx, p.ines.ID, draft.ID, true, now); !errors.Is(err, store.ErrTransition) {
		t.Fatalf("closing a draft: %v, want ErrTransition", err)
	}
	l, err := p.st.CloseListing(ctx, p.ines.ID, p.call.ID, true, now)
	if err != nil || l.Status != production.Closed || l.ClosedAt == nil || !l.ClosedAt.Equal(now) {
		t.Fatalf("CloseListing = %+v, %v", l, err)
	}
	if n, at := p.graceJobs(t, p.call.ID); n != 1 || !at.Equal(now.AddDate(0, 0, 7)) {
		t.Errorf("grace jobs = %d at %v, want 1 at closed_at + 7 days", n, at)
	}
	// Idempotent: a second close (a double click, the sweep) changes nothing.
	again, err := p.st.CloseListing(ctx, p.ines.ID, p.call.ID, true, now.Add(time.Hour))
	if err != nil || !again.ClosedAt.Equal(now) {
		t.Fatalf("second close = %+v, %v", again.ClosedAt, err)
	}
	if n, _ := p.graceJobs(t, p.call.ID); n != 1 {
		t.Errorf("grace jobs after a second close = %d, want 1", n)
	}
	// Applications stop at once; the listing leaves browse but its link stays.
	if _, err := p.st.Apply(ctx, maya.Account, p.call.ID, p.call.Roles[0].ID, ""); !errors.Is(err, store.ErrListingClosed) {
		t.Errorf("Apply to a closed listing: %v, want ErrListingClosed", err)
	}
	if ids := browseIDs(t, p.st, maya.Account, store.BrowseFilter{}); len(ids) != 0 {
		t.Errorf("browse shows %v, want the closed listing gone", ids)
	}
	if _, err := p.st.ListingForTalent(ctx, maya.Account, p.call.ID); err != nil {
		t.Errorf("the closed listing's link: %v, want it readable", err)
	}
	// Closing with the setting off schedules nothing.
	if _, err := p.st.CloseListing(ctx, p.ines.ID, p.job.ID, false, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := p.graceJobs(t, p.job.ID); n != 0 {
		t.Errorf("grace jobs with the setting off = %d, want 0", n)
	}
}

func TestFinalSelectionTogglesAreTheOwnersAndCounted(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	at := time.Now().Add(-time.Hour)
	ana := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "Ana Applied"), production.FromApplication, production.Applied, at)
	bea := p.participation(t, p.call, 1, p.talent(t, domain.RolePerformer, "Bea Invited"), production.FromInvitation, production.Accepted, at)
	cara := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "Cara Rejected"), production.FromApplication, production.NotSelected, at)
	gone := p.participation(t, p.call, 0, p.talent(t, domain.RolePerformer, "Dan Withdrawn"), production.FromApplication, production.Withdrawn, at)
	p.participation(t, p.call, 1, p.talent(t, domain.RolePerformer, "Eve Waiting"), production.FromInvitation, production.Invited, at)

	if _, err := p.st.SetChoice(ctx, p.ines.ID, ana, production.Included); !errors.Is(err, store.ErrTransition) {
		t.Fatalf("choosing while open: %v, want ErrTransition", err)
	}
	if _, err := p.st.CloseListing(ctx, p.ines.ID, p.call.ID, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.SetChoice(ctx, p.oscar.ID, ana, production.Included); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another producer chooses: %v, want ErrNotFound", err)
	}
	if _, err := p.st.SetChoice(ctx, p.ines.ID, gone, production.Included); !errors.Is(err, store.ErrMove) {
		t.Fatalf("choosing a withdrawn applicant: %v, want ErrMove", err)
	}
	for _, c := range []struct {
		id     int64
		choice production.Choice
	}{{ana, production.Included}, {bea, production.Included}, {cara, production.Excluded}, {cara, production.Excluded}} {
		got, err := p.st.SetChoice(ctx, p.ines.ID, c.id, c.choice)
		if err != nil || got.Choice != c.choice || got.ID != c.id {
			t.Fatalf("SetChoice(%d, %s) = %+v, %v", c.id, c.choice, got.Choice, err)
		}
	}
	sel, err := p.st.FinalSelection(ctx, p.ines.ID, p.call.ID, store.SelectionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.Candidates) != 3 || sel.All != (production.GroupCounts{Included: 2, Excluded: 1}) || !sel.AutoNotSelected || sel.GraceDays != 7 {
		t.Errorf("selection = %d candidates, %+v, auto %v, %d days", len(sel.Candidates), sel.All, sel.AutoNotSelected, sel.GraceDays)
	}
	if sel.Roles[0].Counts != (production.GroupCounts{Included: 1, Excluded: 1}) || sel.Roles[1].Counts != (production.GroupCounts{Included: 1}) {
		t.Errorf("role counts = %+v", sel.Roles)
	}
	if _, err := p.st.SetChoice(ctx, p.ines.ID, ana, production.Undecided); err != nil {
		t.Fatal(err)
	}
	byRole, err := p.st.FinalSelection(ctx, p.ines.ID, p.call.ID, store.SelectionFilter{RoleID: p.call.Roles[0].ID, Undecided: true})
	if err != nil || len(byRole.Candidates) != 1 || byRole.Candidates[0].ID != ana {
		t.Errorf("Ana's undecided = %+v, %v", byRole.Candidates, err)
	}
	if _, err := p.st.FinalSelection(ctx, p.oscar.ID, p.call.ID, store.SelectionFilter{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer's selection: %v, want ErrNotFound", err)
	}
	if err := p.st.SetAutoNotSelected(ctx, p.oscar.ID, p.call.ID, false); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer's setting: %v, want ErrNotFound", err)
	}
}

func TestGraceTellsTheUndecidedOnceAndSkipsTheTold(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	at := time.Now().Add(-time.Hour)
	undecided := p.talent(t, domain.RolePerformer, "Una Undecided")
	twoRoles := p.talent(t, domain.RolePerformer, "Tia Two Roles")
	included := p.talent(t, domain.RolePerformer, "Ivo Included")
	rejected := p.talent(t, domain.RolePerformer, "Rui Rejected")
	told := p.talent(t, domain.RolePerformer, "Teo Told")
	p.participation(t, p.call, 0, undecided, production.FromApplication, production.Applied, at)
	p.participation(t, p.call, 0, twoRoles, production.FromApplication, production.Applied, at)
	p.participation(t, p.call, 1, twoRoles, production.FromApplication, production.Applied, at)
	inc := p.participation(t, p.call, 0, included, production.FromApplication, production.Applied, at)
	p.participation(t, p.call, 0, rejected, production.FromApplication, production.NotSelected, at)
	toldID := p.participation(t, p.call, 1, told, production.FromApplication, production.Applied, at)
	if _, err := p.pool.Exec(ctx, `UPDATE participations SET not_selected_told_at = now() WHERE id = $1`, toldID); err != nil {
		t.Fatal(err)
	}

	closed := time.Now().Truncate(time.Second)
	if _, err := p.st.CloseListing(ctx, p.ines.ID, p.call.ID, true, closed); err != nil {
		t.Fatal(err)
	}
	if _, err := p.st.SetChoice(ctx, p.ines.ID, inc, production.Included); err != nil {
		t.Fatal(err)
	}
	n, due, err := p.st.TellNotSelected(ctx, p.call.ID, closed.AddDate(0, 0, 6))
	if err != nil || n != 0 || !due.Equal(closed.AddDate(0, 0, 7)) {
		t.Fatalf("before the grace period ends: told %d, due %v, %v", n, due, err)
	}
	later := closed.AddDate(0, 0, 7)
	if n, due, err = p.st.TellNotSelected(ctx, p.call.ID, later); err != nil || n != 2 || !due.IsZero() {
		t.Fatalf("at the end of the grace period: told %d, due %v, %v; want 2", n, due, err)
	}
	if n, _, err = p.st.TellNotSelected(ctx, p.call.ID, later.Add(time.Hour)); err != nil || n != 0 {
		t.Fatalf("a second run told %d, %v; want 0", n, err)
	}
	for who, want := range map[int64]int{undecided: 1, twoRoles: 1, included: 0, rejected: 0, told: 0} {
		if got := kinds(p.notifications(t, who), "not_selected"); got != want {
			t.Errorf("talent %d has %d not-selected notifications, want %d", who, got, want)
		}
	}
	mine, err := p.st.MyCastings(ctx, undecided)
	if err != nil || len(mine) != 1 || mine[0].Label() != "Not selected" {
		t.Errorf("My castings of the told = %+v, %v", mine, err)
	}
	// Included but not told yet: the producer's choice is not shown.
	if mine, _ := p.st.MyCastings(ctx, included); len(mine) != 1 || mine[0].Label() != "Closed, awaiting" {
		t.Errorf("My castings of the included = %+v", mine)
	}
}

func TestGraceOffTellsNobody(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	una := p.talent(t, domain.RolePerformer, "Una Undecided")
	p.participation(t, p.call, 0, una, production.FromApplication, production.Applied, time.Now())
	closed := time.Now()
	if _, err := p.st.CloseListing(ctx, p.ines.ID, p.call.ID, true, closed); err != nil {
		t.Fatal(err)
	}
	if mine, _ := p.st.MyCastings(ctx, una); len(mine) != 1 || mine[0].Label() != "Closed, awaiting" {
		t.Errorf("My castings while awaiting = %+v", mine)
	}
	if err := p.st.SetAutoNotSelected(ctx, p.ines.ID, p.call.ID, false); err != nil {
		t.Fatal(err)
	}
	if n, _, err := p.st.TellNotSelected(ctx, p.call.ID, closed.AddDate(0, 1, 0)); err != nil || n != 0 {
		t.Fatalf("with the setting off: told %d, %v", n, err)
	}
	if got := kinds(p.notifications(t, una), "not_selected"); got != 0 {
		t.Errorf("%d not-selected notifications with the setting off", got)
	}
}

func TestSweepClosesOnlyPastDeadlineOpenListingsOnce(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := newPeople(t)
	var due []int64
	for range 6 {
		l := testapp.Listing(t, p.st, p.ines, p.project, production.CastingCall)
		p.pastDeadline(t, l.ID, time.Hour)
		due = append(due, l.ID)
	}
	future := p.call // its deadline is a week away
	draft := testapp.Listing(t, p.st, p.ines, p.project, production.CastingCall, testapp.Draft())
	p.pastDeadline(t, draft.ID, time.Hour)

	// Two sweeps at once (two worker processes): each listing closes once.
	var mu sync.Mutex
	closedBy := map[int64]int{}
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			ids, err := p.st.CloseDueListings(ctx, time.Now())
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			for _, id := range ids {
				closedBy[id]++
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	if len(closedBy) != len(due) {
		t.Errorf("closed %v, want %v", closedBy, due)
	}
	for _, id := range due {
		if closedBy[id] != 1 {
			t.Errorf("listing %d closed %d times, want 1", id, closedBy[id])
		}
		if n, _ := p.graceJobs(t, id); n != 1 {
			t.Errorf("listing %d has %d grace jobs, want 1", id, n)
		}
	}
	for _, id := range []int64{future.ID, draft.ID} {
		l, err := p.st.OwnListing(ctx, p.ines.ID, id)
		if err != nil || l.Status == production.Closed {
			t.Errorf("listing %d = %s, %v; want it left alone", id, l.Status, err)
		}
	}
	if got := kinds(p.notifications(t, p.ines.ID), "casting_closed"); got != len(due) {
		t.Errorf("the producer was told of %d closes, want %d", got, len(due))
	}
	if ids, err := p.st.CloseDueListings(ctx, time.Now()); err != nil || len(ids) != 0 {
		t.Errorf("a later sweep closed %v, %v; want none", ids, err)
	}
}
