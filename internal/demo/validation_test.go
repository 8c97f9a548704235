package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/demo"
)

// checkValidation holds the seeded queue to the demo's promise: one task
// due soon, one overdue, and a rejected profile with its reasons.
func checkValidation(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	mod, _, err := st.Credentials(ctx, "moderator@demo.slate.test")
	if err != nil {
		t.Fatal(err)
	}
	q, err := st.Queue(ctx, mod.ID, moderation.SubjectProfile)
	if err != nil || len(q) != 2 {
		t.Fatalf("queue = %+v, %v; want two tasks", q, err)
	}
	now := time.Now()
	if !q[0].Overdue(now) || q[1].Overdue(now) || q[1].TimeLeft(now) > 4*time.Hour {
		t.Errorf("want one overdue and one due soon: %v, %v", q[0].TimeLeft(now), q[1].TimeLeft(now))
	}
	iris, _, _ := st.Credentials(ctx, "iris.novak@demo.slate.test")
	last, err := st.LatestValidation(ctx, iris.ID)
	if err != nil || last == nil || last.Outcome != moderation.Reject || len(last.Reasons) != 2 {
		t.Fatalf("rejected demo profile: %+v, %v", last, err)
	}
	if s, _ := st.ProfileStatus(ctx, iris.ID); s != domain.ProfileRejected {
		t.Errorf("status %s", s)
	}
	// Only the two open tasks were escalated: no moderator is told about a
	// profile the demo validated.
	if n, err := st.Notifications(ctx, mod.ID, 100); err == nil {
		overdue := 0
		for _, x := range n {
			if x.Kind == "validation_overdue" {
				overdue++
			}
		}
		if overdue != 1 {
			t.Errorf("%d overdue notices to the moderator, want 1", overdue)
		}
	}
	// The demo performer and the rest of the cast are validated: public.
	for _, email := range []string{demo.PerformerEmail, demo.Cast[0].Email} {
		a, _, _ := st.Credentials(ctx, email)
		if s, _ := st.ProfileStatus(ctx, a.ID); s != domain.ProfileValidated {
			t.Errorf("%s: status %s, want validated", email, s)
		}
	}
}
