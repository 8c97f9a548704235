package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/store"
)

// validationPlan is one cast member's place in the validation queue, so a
// moderator logging in finds a working queue: one due soon, one overdue,
// and one sent back with reasons (whose editor shows them).
type validationPlan struct {
	email string
	// age is how long ago the profile was submitted.
	age    time.Duration
	reject *moderation.Rejection
}

// validationDemo are the demo's validation tasks.
var validationDemo = []validationPlan{
	{email: "kiara.santos@demo.slate.test", age: 21 * time.Hour},
	{email: "leo.marques@demo.slate.test", age: 26 * time.Hour},
	{email: "iris.novak@demo.slate.test", age: 5 * time.Hour, reject: &moderation.Rejection{
		Reasons: []moderation.ReasonCode{moderation.SelfieOrHat, moderation.MissingInfo},
		Note:    "Your headshot looks like a holiday photo, and please add your height and eye colour.",
	}},
}

// validatedAge is how long ago the demo's validated profiles were
// submitted; each was decided validatedAfter later, so the staff figures
// (time to decision, share within 24 hours) have a week of history.
const (
	validatedAge   = 3 * 24 * time.Hour
	validatedAfter = 5 * time.Hour
)

// validatedDemo are the profiles the demo moderator has validated: the
// demo performer and every cast member not in validationDemo, so their
// public pages (/talent/ID) are there for anyone, logged out too.
func validatedDemo() []validationPlan {
	planned := map[string]bool{}
	for _, p := range validationDemo {
		planned[p.email] = true
	}
	out := []validationPlan{{email: PerformerEmail, age: validatedAge}}
	for _, m := range Cast {
		if !planned[m.Email] {
			out = append(out, validationPlan{email: m.Email, age: validatedAge})
		}
	}
	return out
}

// seedValidation submits the planned profiles (once: a talent with a task
// already is left alone), decides the rejected one as the demo moderator,
// and validates the rest of the complete profiles.
func seedValidation(ctx context.Context, st *store.Store, now time.Time) error {
	mod, _, err := st.Credentials(ctx, "moderator@demo.slate.test")
	if err != nil {
		return fmt.Errorf("demo: validation: %w", err)
	}
	for _, plan := range append(validationDemo, validatedDemo()...) {
		acct, _, err := st.Credentials(ctx, plan.email)
		if err != nil {
			return fmt.Errorf("demo: validation %s: %w", plan.email, err)
		}
		if task, err := st.LatestValidation(ctx, acct.ID); err != nil || task != nil {
			continue
		}
		if err := st.SubmitProfile(ctx, acct.ID); err != nil {
			return fmt.Errorf("demo: validation %s: %w", plan.email, err)
		}
		task, err := st.LatestValidation(ctx, acct.ID)
		if err != nil {
			return fmt.Errorf("demo: validation %s: %w", plan.email, err)
		}
		if err := st.BackdateTask(ctx, task.ID, plan.age, now, plan.age != validatedAge); err != nil {
			return fmt.Errorf("demo: validation %s: %w", plan.email, err)
		}
		moderator := domain.Account{ID: mod.ID, Role: domain.RoleModerator}
		switch {
		case plan.reject != nil:
			d := store.TaskDecision{Outcome: moderation.Reject, Reject: *plan.reject}
			if err := st.DecideTask(ctx, moderator, task.ID, d, now); err != nil {
				return fmt.Errorf("demo: validation %s: %w", plan.email, err)
			}
		case plan.age == validatedAge:
			d := store.TaskDecision{Outcome: moderation.Approve}
			if err := st.DecideTask(ctx, moderator, task.ID, d, now.Add(-validatedAge+validatedAfter)); err != nil {
				return fmt.Errorf("demo: validation %s: %w", plan.email, err)
			}
		}
	}
	return nil
}
