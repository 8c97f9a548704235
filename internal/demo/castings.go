package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// The demo producer's work: two projects, their listings, and the cast's
// applications and invitations in every state (people.go), so every page
// of a casting shows something on a newcomer's first login. Each piece is
// found by its title first and made only when missing, so a second seed
// changes nothing, and nothing a visitor did in the demo is undone.

// Titles the demo's projects and listings are found by.
const (
	SaltRoad     = "The Salt Road"
	BlueHour     = "Blue Hour"
	SaltCall     = "The Salt Road: Inês and Rui"
	SaltSound    = "Production sound mixer for The Salt Road"
	SaltExtras   = "The Salt Road: festival night extras"
	BlueHourCall = "Blue Hour: lead dancer (invitation only)"
)

// demoZone is the zone the demo producer writes deadlines in.
const demoZone = "Europe/Lisbon"

// listingPlan is one demo listing: its content, and whether it stays a
// draft (half filled, as a producer leaves one) or is published.
type listingPlan struct {
	project string
	draft   bool
	// inReview leaves it submitted, waiting in the moderators' listing
	// queue; otherwise the demo moderator approves it (listing_review.go).
	inReview bool
	listing  production.Listing
}

// at is the day days from now at hour o'clock in the demo's zone: the
// deadlines and work dates stay ahead of whenever the demo is seeded.
func at(now time.Time, days, hour int) *time.Time {
	loc, err := time.LoadLocation(demoZone)
	if err != nil {
		loc = time.UTC
	}
	d := now.In(loc).AddDate(0, 0, days)
	t := time.Date(d.Year(), d.Month(), d.Day(), hour, 0, 0, 0, loc)
	return &t
}

// day is the calendar date days from now, as a date column holds it.
func day(now time.Time, days int) *time.Time {
	d := now.AddDate(0, 0, days)
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	return &t
}

// demoProjects are the producer's two projects.
func demoProjects(now time.Time) []production.Project {
	return []production.Project{
		{Title: SaltRoad, Type: "feature_film", Company: "Maré Alta Filmes", City: "Lisbon", Country: "PT",
			Description: "Two siblings go back to their late father's salt pans near Aveiro and find the business, " +
				"and the family, coming apart. A feature shot on location over six weeks.",
			StartsOn: day(now, 42), EndsOn: day(now, 84)},
		{Title: BlueHour, Type: "music_video", Company: "Noite Clara", City: "Porto", Country: "PT",
			Description: "A music video for the band Maré Viva, shot in one night on the Ribeira at dusk.",
			StartsOn:    day(now, 30), EndsOn: day(now, 30)},
	}
}

// demoListings are the listings of the two projects: a public casting
// call of two roles, a job listing, a half-filled draft, and a private
// casting that only invited performers see.
func demoListings(now time.Time) []listingPlan {
	paidDay := func(cents int64) production.Pay {
		return production.Pay{Kind: "paid", AmountCents: cents, Currency: "EUR", Unit: "day", Guaranteed: true}
	}
	return []listingPlan{
		{project: SaltRoad, listing: production.Listing{Kind: production.CastingCall, Title: SaltCall,
			Description: "We are casting the two siblings at the heart of The Salt Road. Six weeks on location in Aveiro " +
				"and Lisbon, with a week of rehearsals in Lisbon before. Send a self-tape of the attached scene with your application.",
			City: "Lisbon", Country: "PT", WorksFrom: day(now, 42), WorksUntil: day(now, 84),
			Pay: paidDay(25000), UnionStatus: "both", Nudity: "none", Deadline: at(now, 21, 18), TimeZone: demoZone,
			Visibility: "public", Notes: "Callbacks in Lisbon in the week after the deadline; travel is paid.",
			Roles: []production.Role{
				{Name: "Inês, the sister", RoleType: "actor", Gender: "female", AgeMin: 25, AgeMax: 35, Openings: 1,
					Description: "Came back from Lisbon for the funeral and means to sell. Quick, funny, hiding how much she cares.",
					Skills:      []string{"Swimming"}, Languages: []string{"Portuguese", "English"}},
				{Name: "Rui, the brother", RoleType: "actor", Gender: "male", AgeMin: 28, AgeMax: 42, Openings: 1,
					Description: "Stayed, kept the salt pans going, and will not let them go. Few words, a lot of weather.",
					Languages:   []string{"Portuguese"}},
			}}},
		{project: SaltRoad, listing: production.Listing{Kind: production.JobListing, Title: SaltSound,
			Description: "Production sound for six weeks of location shooting, much of it outdoors by the water: " +
				"wind, boats and a lot of dialogue in the open. You lead a team of two with a boom operator.",
			City: "Aveiro", Country: "PT", WorksFrom: day(now, 42), WorksUntil: day(now, 84),
			Pay: paidDay(30000), UnionStatus: "non_union", Nudity: "none", Deadline: at(now, 14, 18), TimeZone: demoZone,
			Visibility: "public", Department: "sound", Position: "Production sound mixer", ExperienceLevel: "professional",
			OwnEquipment: true, Skills: []string{"Boom operation", "Wireless lavaliers", "Outdoor dialogue"},
			Roles: []production.Role{{Name: "Production sound mixer", Openings: 1}}}},
		{project: SaltRoad, draft: true, listing: production.Listing{Kind: production.CastingCall, Title: SaltExtras,
			Description: "Villagers for the salt festival.", City: "Aveiro", Country: "PT", TimeZone: demoZone, Visibility: "public",
			Roles: []production.Role{{Name: "Villagers", RoleType: "extra", Gender: "any", Openings: 30}}}},
		{project: BlueHour, listing: production.Listing{Kind: production.CastingCall, Title: BlueHourCall,
			Description: "One dancer leads the video from dusk to the first light, through the streets of the Ribeira. " +
				"Contemporary technique, some floor work on stone; the choreographer works with you in two rehearsals.",
			City: "Porto", Country: "PT", WorksFrom: day(now, 30), WorksUntil: day(now, 30),
			Pay:         production.Pay{Kind: "paid", AmountCents: 60000, Currency: "EUR", Unit: "flat", Guaranteed: true},
			UnionStatus: "non_union", Nudity: "none", Deadline: at(now, 16, 18), TimeZone: demoZone, Visibility: "private",
			Roles: []production.Role{{Name: "Lead dancer", RoleType: "dancer", Gender: "any", AgeMin: 20, AgeMax: 35, Openings: 1,
				Description: "Carries the whole video: three looks, one long take on the bridge."}}}},
	}
}

// seedListings makes the producer's projects and listings that are
// missing and returns every demo listing, new or not, by title.
func seedListings(ctx context.Context, st *store.Store, producerID int64, now time.Time) (map[string]production.Listing, error) {
	have, err := st.Projects(ctx, producerID)
	if err != nil {
		return nil, err
	}
	projects := map[string]int64{}
	for _, p := range have {
		projects[p.Title] = p.ID
	}
	for _, p := range demoProjects(now) {
		if _, ok := projects[p.Title]; ok {
			continue
		}
		made, err := st.CreateProject(ctx, producerID, p)
		if err != nil {
			return nil, fmt.Errorf("demo: project %q: %w", p.Title, err)
		}
		projects[p.Title] = made.ID
	}
	listings := map[string]production.Listing{}
	for _, title := range []string{SaltRoad, BlueHour} {
		list, err := st.ProjectListings(ctx, producerID, projects[title])
		if err != nil {
			return nil, err
		}
		for _, l := range list {
			listings[l.Title] = l
		}
	}
	for _, plan := range demoListings(now) {
		if _, ok := listings[plan.listing.Title]; ok {
			continue
		}
		l, err := makeListing(ctx, st, producerID, projects[plan.project], plan, now)
		if err != nil {
			return nil, fmt.Errorf("demo: listing %q: %w", plan.listing.Title, err)
		}
		listings[l.Title] = l
	}
	return listings, nil
}

// makeListing writes one planned listing as the editor does: a draft
// first, then, unless it stays one, submitted once complete.
func makeListing(ctx context.Context, st *store.Store, producerID, projectID int64, plan listingPlan, now time.Time) (production.Listing, error) {
	l, err := st.CreateListing(ctx, producerID, projectID, plan.listing.Kind)
	if err != nil {
		return l, err
	}
	content := plan.listing
	content.ID, content.ProjectID, content.ProducerID, content.Status = l.ID, l.ProjectID, l.ProducerID, l.Status
	if l, err = st.SaveListing(ctx, producerID, content); err != nil {
		return l, err
	}
	if plan.draft {
		return l, nil
	}
	if missing := production.Missing(l, now); len(missing) > 0 {
		return l, fmt.Errorf("the demo listing is incomplete: %v", missing)
	}
	if l, err = st.TransitionListing(ctx, producerID, l.ID, production.Submit); err != nil || plan.inReview {
		return l, err
	}
	return approveListing(ctx, st, l.ID, now)
}
