package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestNoticesAreLimitedPerMonth: a producer submits at most the limit of
// non-casting notices in a calendar month; the one past it is refused in
// the submit's transaction and stays a draft; casting calls do not count;
// another producer has a limit of their own; notices are browsed apart.
func TestNoticesAreLimitedPerMonth(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	ines, _ := st.CreateAccount(ctx, "Ines", "ines@example.com", domain.RoleProducer, "h")
	oscar, _ := st.CreateAccount(ctx, "Oscar", "oscar@example.com", domain.RoleProducer, "h")
	maya, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	for _, a := range []domain.Account{ines, oscar} { // submitting needs a confirmed address
		if err := st.MarkEmailConfirmed(ctx, a.ID); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.Now().Add(72 * time.Hour)
	post := func(producer domain.Account, category string) production.Listing {
		t.Helper()
		p, err := st.CreateProject(ctx, producer.ID, production.Project{Title: "P", Type: "short_film", Remote: true})
		if err != nil {
			t.Fatal(err)
		}
		l, err := st.CreateListing(ctx, producer.ID, p.ID, production.CastingCall)
		if err != nil || l.Category != production.CategoryCasting {
			t.Fatalf("CreateListing = %+v, %v", l, err)
		}
		l.Title, l.Category, l.Deadline, l.TimeZone = category, category, &deadline, "UTC"
		l.Roles = []production.Role{{Name: "Anyone", RoleType: "actor", Gender: "any", Openings: 1}}
		saved, err := st.SaveListing(ctx, producer.ID, l)
		if err != nil || saved.Category != category {
			t.Fatalf("SaveListing = %+v, %v", saved, err)
		}
		return saved
	}
	const limit = 2
	mod := testapp.Moderator(t, st)
	var notices []int64
	for _, c := range []string{"workshop", "casting", "event"} {
		l := post(ines, c)
		sub, err := st.SubmitListing(ctx, ines.ID, l.ID, limit)
		if err != nil || sub.Status != production.InReview {
			t.Fatalf("submit %s = %+v, %v", c, sub, err)
		}
		if _, err := st.ApproveListing(ctx, mod.Account, l.ID, time.Now()); err != nil {
			t.Fatalf("approve %s: %v", c, err)
		}
		if c != "casting" {
			notices = append(notices, l.ID)
		}
	}
	third := post(ines, "class")
	if _, err := st.SubmitListing(ctx, ines.ID, third.ID, limit); !errors.Is(err, store.ErrNoticeLimit) {
		t.Fatalf("a third notice this month: %v", err)
	}
	if got, _ := st.OwnListing(ctx, ines.ID, third.ID); got.Status != production.Draft {
		t.Errorf("the refused notice moved to %s", got.Status)
	}
	casting := post(ines, "casting")
	if _, err := st.SubmitListing(ctx, ines.ID, casting.ID, limit); err != nil {
		t.Errorf("a casting call past the notice limit: %v", err)
	}
	if _, err := st.ApproveListing(ctx, mod.Account, casting.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.SubmitListing(ctx, oscar.ID, post(oscar, "workshop").ID, limit); err != nil {
		t.Errorf("another producer's first notice: %v", err)
	}
	if _, err := st.SubmitListing(ctx, oscar.ID, third.ID, limit); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer submits Ines's notice: %v", err)
	}

	got := browseIDs(t, st, maya, store.BrowseFilter{Notices: true})
	for _, id := range notices {
		if !slices.Contains(got, id) {
			t.Errorf("notice %d missing from the notices tab %v", id, got)
		}
	}
	castings := browseIDs(t, st, maya, store.BrowseFilter{})
	if slices.Contains(castings, notices[0]) || !slices.Contains(castings, casting.ID) {
		t.Errorf("casting tab = %v, notices %v, casting %d", castings, notices, casting.ID)
	}
}
