package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// SaltFishers is the demo listing left waiting in the moderators' listing
// queue, so a moderator logging in has one to review.
const SaltFishers = "The Salt Road: fishermen at the harbour"

// approveListing publishes a submitted demo listing the way the app does:
// the demo moderator approves it in listing review.
func approveListing(ctx context.Context, st *store.Store, listingID int64, now time.Time) (production.Listing, error) {
	mod, _, err := st.Credentials(ctx, "moderator@demo.slate.test")
	if err != nil {
		return production.Listing{}, fmt.Errorf("demo: the listing reviewer: %w", err)
	}
	return st.ApproveListing(ctx, mod, listingID, now)
}

// seedListingReview submits one more casting call of The Salt Road and
// leaves it in review (once: found by its title).
func seedListingReview(ctx context.Context, st *store.Store, now time.Time) error {
	producer, _, err := st.Credentials(ctx, ProducerEmail)
	if err != nil {
		return fmt.Errorf("demo: listing review: %w", err)
	}
	projectID, have, err := projectListings(ctx, st, producer.ID, SaltRoad)
	if err != nil || projectID == 0 || have[SaltFishers] {
		return err
	}
	plan := listingPlan{project: SaltRoad, inReview: true, listing: production.Listing{Kind: production.CastingCall, Title: SaltFishers,
		Description: "Three fishermen mending nets on the harbour wall while Rui passes with the salt cart. Two days on location " +
			"in Aveiro, no lines, a lot of presence; we look for people who know the work or can learn it in a morning.",
		City: "Aveiro", Country: "PT", WorksFrom: day(now, 50), WorksUntil: day(now, 51),
		Pay:         production.Pay{Kind: "paid", AmountCents: 12000, Currency: "EUR", Unit: "day", Guaranteed: true},
		UnionStatus: "non_union", Nudity: "none", Deadline: at(now, 20, 18), TimeZone: demoZone, Visibility: "public",
		Roles: []production.Role{{Name: "Fishermen", RoleType: "extra", Gender: "male", AgeMin: 40, AgeMax: 75, Openings: 3,
			Description: "Weathered hands, at ease by the water."}}}}
	if _, err := makeListing(ctx, st, producer.ID, projectID, plan, now); err != nil {
		return fmt.Errorf("demo: listing %q: %w", SaltFishers, err)
	}
	return nil
}
