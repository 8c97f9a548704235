package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// SaltNets is the demo listing hidden because its producer did not make
// the changes a moderator asked for in time (slice polish): the demo
// producer can open it, read why, edit it and submit it again.
const SaltNets = "The Salt Road: net menders for the market scene"

// seedPolish leaves SaltNets lapsed (once: found by its title): submitted
// five days ago, sent back four days ago with reasons and a note, hidden
// by the same store call the hide-after-no-answer job makes.
func seedPolish(ctx context.Context, st *store.Store, now time.Time) error {
	producer, _, err := st.Credentials(ctx, ProducerEmail)
	if err != nil {
		return fmt.Errorf("demo: lapsed listing: %w", err)
	}
	mod, _, err := st.Credentials(ctx, "moderator@demo.slate.test")
	if err != nil {
		return fmt.Errorf("demo: lapsed listing: %w", err)
	}
	projectID, have, err := projectListings(ctx, st, producer.ID, SaltRoad)
	if err != nil || projectID == 0 || have[SaltNets] {
		return err
	}
	plan := listingPlan{project: SaltRoad, inReview: true, listing: production.Listing{Kind: production.CastingCall, Title: SaltNets,
		Description: "Women and men mending nets at the fish market while the salt cart goes by. One day in Aveiro, " +
			"early start, no lines.",
		City: "Aveiro", Country: "PT", WorksFrom: day(now, 55), WorksUntil: day(now, 55),
		Pay:         production.Pay{Kind: "paid", AmountCents: 9000, Currency: "EUR", Unit: "day", Guaranteed: true},
		UnionStatus: "non_union", Nudity: "none", Deadline: at(now, 25, 18), TimeZone: demoZone, Visibility: "public",
		Roles: []production.Role{{Name: "Net menders", RoleType: "extra", AgeMin: 30, AgeMax: 80, Openings: 6,
			Description: "Quick hands; knowing the knots is a plus."}}}}
	l, err := makeListing(ctx, st, producer.ID, projectID, plan, now.Add(-5*24*time.Hour))
	if err != nil {
		return fmt.Errorf("demo: listing %q: %w", SaltNets, err)
	}
	tasks, err := st.ListingReviews(ctx, producer.ID, l.ID)
	if err != nil || len(tasks) == 0 {
		return fmt.Errorf("demo: listing %q has no review task: %w", SaltNets, err)
	}
	d := store.TaskDecision{Outcome: moderation.RequestChanges, Reject: moderation.Rejection{
		Reasons: []moderation.ReasonCode{production.RuleVague, moderation.OtherReason},
		Note:    "Say the call time and where at the market extras meet: \"early start\" does not tell them when to come."}}
	if err := st.DecideTask(ctx, mod, tasks[0].ID, d, now.Add(-4*24*time.Hour)); err != nil {
		return fmt.Errorf("demo: request changes on %q: %w", SaltNets, err)
	}
	if _, err := st.HideUnanswered(ctx, tasks[0].ID, now); err != nil {
		return fmt.Errorf("demo: hide %q: %w", SaltNets, err)
	}
	return nil
}

// projectListings finds one of the producer's projects by title (0 when
// it has none) and the titles of its listings, so a seeding step that
// adds a listing runs once.
func projectListings(ctx context.Context, st *store.Store, producerID int64, title string) (int64, map[string]bool, error) {
	projects, err := st.Projects(ctx, producerID)
	if err != nil {
		return 0, nil, fmt.Errorf("demo: projects: %w", err)
	}
	for _, p := range projects {
		if p.Title != title {
			continue
		}
		listings, err := st.ProjectListings(ctx, producerID, p.ID)
		if err != nil {
			return 0, nil, fmt.Errorf("demo: listings of %q: %w", title, err)
		}
		have := map[string]bool{}
		for _, l := range listings {
			have[l.Title] = true
		}
		return p.ID, have, nil
	}
	return 0, nil, nil
}
