package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// The demo's non-casting notice: a workshop with its fee spelled out, the
// one kind of listing that may charge talent, shown on the browse page's
// own tab.
const (
	Workshops     = "Camera Workshops"
	WorkshopTitle = "Acting for camera: a weekend workshop in Porto"
)

func demoNotice(now time.Time) listingPlan {
	return listingPlan{project: Workshops, listing: production.Listing{Kind: production.CastingCall, Category: "workshop",
		Title: WorkshopTitle,
		Description: "Two days in a working studio with a casting director and a camera operator: cold reads, self-tapes, " +
			"and scenes in pairs shot as they are on set, with notes on every take. For actors with some stage " +
			"experience who are new to the camera; twelve places.",
		City: "Porto", Country: "PT", WorksFrom: day(now, 35), WorksUntil: day(now, 36),
		Pay:    production.Pay{Kind: "not_paid", UnpaidKind: "volunteer", Offer: "Your scenes, filmed and edited, to keep"},
		Fee:    production.Fee{AmountCents: 12000, Currency: "EUR", For: "Two days of tuition, the studio and the edited scenes"},
		Nudity: "none", Deadline: at(now, 20, 18), TimeZone: demoZone, Visibility: "public",
		Roles: []production.Role{{Name: "Participant", RoleType: "actor", Gender: "any", AgeMin: 18, Openings: 12}}}}
}

// seedNotices gives the producer the workshop notice and its project if
// they are missing; run twice, it changes nothing.
func seedNotices(ctx context.Context, st *store.Store, producerID int64, now time.Time) error {
	projects, err := st.Projects(ctx, producerID)
	if err != nil {
		return fmt.Errorf("demo: notices: %w", err)
	}
	var projectID int64
	for _, p := range projects {
		if p.Title == Workshops {
			projectID = p.ID
		}
	}
	if projectID == 0 {
		p, err := st.CreateProject(ctx, producerID, production.Project{Title: Workshops, Type: "other", Company: "Norte Actors' Studio",
			Description: "Short workshops for actors moving from the stage to the camera.", City: "Porto", Country: "PT"})
		if err != nil {
			return fmt.Errorf("demo: project %q: %w", Workshops, err)
		}
		projectID = p.ID
	}
	have, err := st.ProjectListings(ctx, producerID, projectID)
	if err != nil {
		return fmt.Errorf("demo: notices: %w", err)
	}
	for _, l := range have {
		if l.Title == WorkshopTitle {
			return nil
		}
	}
	if _, err := makeListing(ctx, st, producerID, projectID, demoNotice(now), now); err != nil {
		return fmt.Errorf("demo: listing %q: %w", WorkshopTitle, err)
	}
	return nil
}
