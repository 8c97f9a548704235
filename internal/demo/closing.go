package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// The demo's closing: a third project of the producer with a casting
// closed by its producer, whose final selection is made (two included,
// one excluded, one left undecided for the grace period), and a casting
// whose deadline has passed, open until the deadline sweep closes it on
// the first `make run`. Found by title first, like the rest of the demo.

// Titles of the closing demo.
const (
	HarbourLights = "Harbour Lights"
	HarbourClosed = "Harbour Lights: the ferry crossing"
	HarbourLate   = "Harbour Lights: night-market extras"
)

// harbourSelection is who applied to the closed casting (role index) and
// what the producer chose for them.
var harbourSelection = []struct {
	email  string
	role   int
	choice production.Choice
}{
	{"elena.rossi@demo.slate.test", 0, production.Included},
	{"kiara.santos@demo.slate.test", 1, production.Included},
	{"ana.silva@demo.slate.test", 1, production.Excluded},
	{"leo.marques@demo.slate.test", 1, production.Undecided},
}

// harbourListings are the two castings; the late one's deadline is an
// hour before now, so it is written as of three days ago.
func harbourListings(now time.Time) []listingPlan {
	late := now.Add(-time.Hour).Truncate(time.Minute)
	pay := production.Pay{Kind: "paid", AmountCents: 12000, Currency: "EUR", Unit: "day", Guaranteed: true}
	return []listingPlan{
		{project: HarbourLights, listing: production.Listing{Kind: production.CastingCall, Title: HarbourClosed,
			Description: "A ferry crossing at dawn: the captain's last trip and the commuters who have taken it for years. " +
				"One day on the river with a small crew.",
			City: "Porto", Country: "PT", WorksFrom: day(now, 20), WorksUntil: day(now, 20), Pay: pay, UnionStatus: "non_union",
			Nudity: "none", Deadline: at(now, 14, 18), TimeZone: demoZone, Visibility: "public",
			Roles: []production.Role{
				{Name: "Dona Graça, the captain", RoleType: "actor", Gender: "female", AgeMin: 45, AgeMax: 65, Openings: 1},
				{Name: "Commuters", RoleType: "extra", Gender: "any", AgeMin: 16, AgeMax: 70, Openings: 6},
			}}},
		{project: HarbourLights, listing: production.Listing{Kind: production.CastingCall, Title: HarbourLate,
			Description: "Stallholders and shoppers for the night market on the quay, one evening of shooting.",
			City:        "Porto", Country: "PT", WorksFrom: day(now, 21), WorksUntil: day(now, 21), Pay: pay, UnionStatus: "non_union",
			Nudity: "none", Deadline: &late, TimeZone: demoZone, Visibility: "public",
			Roles: []production.Role{{Name: "Market extras", RoleType: "extra", Gender: "any", Openings: 20}}}},
	}
}

// seedClosing makes the closing demo unless its project exists.
func seedClosing(ctx context.Context, st *store.Store, producerID int64, now time.Time) error {
	have, err := st.Projects(ctx, producerID)
	if err != nil {
		return err
	}
	for _, p := range have {
		if p.Title == HarbourLights {
			return nil
		}
	}
	p, err := st.CreateProject(ctx, producerID, production.Project{Title: HarbourLights, Type: "short_film",
		Company: "Ribeira Curtas", City: "Porto", Country: "PT", StartsOn: day(now, 20), EndsOn: day(now, 21),
		Description: "A short film about the last dawn ferry across the Douro."})
	if err != nil {
		return fmt.Errorf("demo: project %q: %w", HarbourLights, err)
	}
	plans := harbourListings(now)
	closed, err := makeListing(ctx, st, producerID, p.ID, plans[0], now)
	if err != nil {
		return fmt.Errorf("demo: listing %q: %w", HarbourClosed, err)
	}
	if _, err := makeListing(ctx, st, producerID, p.ID, plans[1], now.AddDate(0, 0, -3)); err != nil {
		return fmt.Errorf("demo: listing %q: %w", HarbourLate, err)
	}
	picks := map[int64]production.Choice{}
	for _, s := range harbourSelection {
		talent, _, err := st.Credentials(ctx, s.email)
		if err != nil {
			return fmt.Errorf("demo: %s: %w", s.email, err)
		}
		a, err := st.Apply(ctx, talent, closed.ID, closed.Roles[s.role].ID, "")
		if err != nil {
			return fmt.Errorf("demo: %s applies to %q: %w", s.email, HarbourClosed, err)
		}
		picks[a.ID] = s.choice
	}
	if _, err := st.CloseListing(ctx, producerID, closed.ID, true, now); err != nil {
		return fmt.Errorf("demo: close %q: %w", HarbourClosed, err)
	}
	for id, choice := range picks {
		if choice == production.Undecided {
			continue
		}
		if _, err := st.SetChoice(ctx, producerID, id, choice); err != nil {
			return fmt.Errorf("demo: choose in %q: %w", HarbourClosed, err)
		}
	}
	return nil
}
