package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// The store follows the domain's status rules: saving edits by AfterEdit,
// submitting only where CanSubmit.
func TestProfileStatusFollowsTheDomainRules(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	type doc struct {
		Headline string `json:"headline"`
	}
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	status := func(t *testing.T) (domain.ProfileStatus, doc) {
		t.Helper()
		var d doc
		rec, err := st.Profile(ctx, acct.ID, &d)
		if err != nil {
			t.Fatal(err)
		}
		return rec.Status, d
	}
	set := func(t *testing.T, s domain.ProfileStatus) {
		t.Helper()
		if _, err := pool.Exec(ctx, `UPDATE profiles SET status = $2 WHERE account_id = $1`, acct.ID, s); err != nil {
			t.Fatal(err)
		}
	}

	if err := st.SubmitProfile(ctx, acct.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("submitting a profile never saved = %v, want ErrNotFound", err)
	}
	if err := st.SaveProfile(ctx, acct.ID, doc{Headline: "first"}); err != nil {
		t.Fatal(err)
	}
	if s, d := status(t); s != domain.ProfileDraft || d.Headline != "first" {
		t.Fatalf("after the first save: %s %+v", s, d)
	}

	for _, tc := range []struct {
		from, want domain.ProfileStatus
	}{
		{domain.ProfileDraft, domain.ProfileDraft},
		{domain.ProfileRejected, domain.ProfileDraft},
		{domain.ProfileSubmitted, domain.ProfileSubmitted},
		{domain.ProfileValidated, domain.ProfileValidated},
	} {
		set(t, tc.from)
		if err := st.SaveProfile(ctx, acct.ID, doc{Headline: string(tc.from)}); err != nil {
			t.Fatal(err)
		}
		if s, d := status(t); s != tc.want || d.Headline != string(tc.from) {
			t.Errorf("editing a %s profile: %s %+v, want %s", tc.from, s, d, tc.want)
		}
	}

	for _, tc := range []struct {
		from domain.ProfileStatus
		ok   bool
	}{
		{domain.ProfileDraft, true},
		{domain.ProfileRejected, true},
		{domain.ProfileSubmitted, false},
		{domain.ProfileValidated, false},
	} {
		set(t, tc.from)
		err := st.SubmitProfile(ctx, acct.ID)
		s, _ := status(t)
		switch {
		case tc.ok && (err != nil || s != domain.ProfileSubmitted):
			t.Errorf("submitting a %s profile: %v, now %s", tc.from, err, s)
		case !tc.ok && (!errors.Is(err, store.ErrNotFound) || s != tc.from):
			t.Errorf("submitting a %s profile: %v, now %s; want ErrNotFound and no change", tc.from, err, s)
		}
	}
}
