package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

func TestProjectsAreTheProducersOwn(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	ines, _ := st.CreateAccount(ctx, "Ines", "ines@example.com", domain.RoleProducer, "h")
	other, _ := st.CreateAccount(ctx, "Oscar", "oscar@example.com", domain.RoleProducer, "h")
	start := time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
	p, err := st.CreateProject(ctx, ines.ID, production.Project{Title: "The Long Night", Type: "feature_film", City: "Lisbon", Country: "PT", StartsOn: &start})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.Project(ctx, ines.ID, p.ID); err != nil || got.Title != "The Long Night" || !got.StartsOn.Equal(start) {
		t.Fatalf("Project = %+v, %v", got, err)
	}
	if _, err := st.Project(ctx, other.ID, p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer reads the project: %v", err)
	}
	p.Title = "Hijacked"
	if _, err := st.UpdateProject(ctx, other.ID, p); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer updates the project: %v", err)
	}
	if err := st.SetProjectArchived(ctx, other.ID, p.ID, true); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer archives the project: %v", err)
	}
	if _, err := st.CreateListing(ctx, other.ID, p.ID, production.CastingCall); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer posts in the project: %v", err)
	}
	p.Title = "The Longest Night"
	if got, err := st.UpdateProject(ctx, ines.ID, p); err != nil || got.Title != "The Longest Night" {
		t.Fatalf("UpdateProject = %+v, %v", got, err)
	}
	if _, err := st.CreateListing(ctx, ines.ID, p.ID, production.CastingCall); err != nil {
		t.Fatal(err)
	}
	list, err := st.Projects(ctx, ines.ID)
	if err != nil || len(list) != 1 || list[0].Listings != 1 {
		t.Fatalf("Projects = %+v, %v", list, err)
	}
	if list, _ := st.Projects(ctx, other.ID); len(list) != 0 {
		t.Errorf("another producer lists %d projects", len(list))
	}
	if err := st.SetProjectArchived(ctx, ines.ID, p.ID, true); err != nil {
		t.Fatal(err)
	}
	if got, _ := st.Project(ctx, ines.ID, p.ID); !got.Archived() {
		t.Error("not archived")
	}
}

func TestListingLifecycle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	ines, _ := st.CreateAccount(ctx, "Ines", "ines@example.com", domain.RoleProducer, "h")
	other, _ := st.CreateAccount(ctx, "Oscar", "oscar@example.com", domain.RoleProducer, "h")
	maya, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	tomas, _ := st.CreateAccount(ctx, "Tomas", "tomas@example.com", domain.RoleCrew, "h")
	if err := st.MarkEmailConfirmed(ctx, ines.ID); err != nil { // submitting needs a confirmed address
		t.Fatal(err)
	}
	p, _ := st.CreateProject(ctx, ines.ID, production.Project{Title: "Short", Type: "short_film", Remote: true})
	l, err := st.CreateListing(ctx, ines.ID, p.ID, production.CastingCall)
	if err != nil || l.Status != production.Draft || l.Kind != production.CastingCall {
		t.Fatalf("CreateListing = %+v, %v", l, err)
	}
	deadline := time.Now().Add(72 * time.Hour).Truncate(time.Second)
	l.Title, l.Deadline, l.TimeZone, l.Notes = "Two sisters", &deadline, "Europe/Lisbon", "Bring a swimsuit."
	l.Roles = []production.Role{{Name: "Ana", RoleType: "actor", Gender: "female", AgeMin: 25, AgeMax: 35, Openings: 1, Skills: []string{"Piano"}},
		{Name: "Bea", RoleType: "actor", Gender: "female", Openings: 1}}
	saved, err := st.SaveListing(ctx, ines.ID, l)
	if err != nil || len(saved.Roles) != 2 || saved.Roles[0].Name != "Ana" || saved.Roles[0].Skills[0] != "Piano" || !saved.Deadline.Equal(deadline) {
		t.Fatalf("SaveListing = %+v, %v", saved, err)
	}
	if saved.Notes != "Bring a swimsuit." {
		t.Errorf("the free text was not kept: %q", saved.Notes)
	}
	if _, err := st.SaveListing(ctx, other.ID, saved); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer saves the listing: %v", err)
	}
	// Reordered and one removed: the kept role keeps its id.
	bea := saved.Roles[1]
	saved.Roles = []production.Role{bea, {Name: "Carla", RoleType: "extra", Gender: "any", Openings: 3}}
	again, err := st.SaveListing(ctx, ines.ID, saved)
	if err != nil || len(again.Roles) != 2 || again.Roles[0].ID != bea.ID || again.Roles[0].Position != 1 || again.Roles[1].Name != "Carla" {
		t.Fatalf("reordered roles = %+v, %v", again.Roles, err)
	}

	// Talent do not see a draft.
	if _, err := st.ListingForTalent(ctx, maya, l.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a performer reads a draft: %v", err)
	}
	if _, err := st.TransitionListing(ctx, other.ID, l.ID, production.Submit); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer publishes the listing: %v", err)
	}
	// Submitted, it waits in listing review; a moderator publishes it.
	sub, err := st.TransitionListing(ctx, ines.ID, l.ID, production.Submit)
	if err != nil || sub.Status != production.InReview || sub.PublishedAt != nil {
		t.Fatalf("submit = %+v, %v", sub, err)
	}
	if _, err := st.ListingForTalent(ctx, maya, l.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a performer reads a listing in review: %v", err)
	}
	pub, err := st.ApproveListing(ctx, testapp.Moderator(t, st).Account, l.ID, time.Now())
	if err != nil || pub.Status != production.Published || pub.PublishedAt == nil {
		t.Fatalf("approve = %+v, %v", pub, err)
	}
	if _, err := st.SaveListing(ctx, ines.ID, pub); !errors.Is(err, store.ErrTransition) {
		t.Errorf("a published listing's content changed: %v", err)
	}
	if got, err := st.ListingForTalent(ctx, maya, l.ID); err != nil || len(got.Roles) != 2 {
		t.Errorf("a performer reads the published casting call: %+v, %v", got, err)
	}
	if _, err := st.ListingForTalent(ctx, tomas, l.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("crew read a casting call: %v", err)
	}
	if _, err := st.TransitionListing(ctx, ines.ID, l.ID, production.Submit); !errors.Is(err, store.ErrTransition) {
		t.Errorf("a published listing was submitted again: %v", err)
	}
	closed, err := st.TransitionListing(ctx, ines.ID, l.ID, production.Close)
	if err != nil || closed.Status != production.Closed || closed.ClosedAt == nil {
		t.Fatalf("close = %+v, %v", closed, err)
	}
	if got, err := st.ListingForTalent(ctx, maya, l.ID); err != nil || got.Status != production.Closed {
		t.Errorf("a closed listing is not shown to the performer holding its link: %v", err)
	}
	if list, err := st.ProjectListings(ctx, ines.ID, p.ID); err != nil || len(list) != 1 || len(list[0].Roles) != 2 {
		t.Errorf("ProjectListings = %+v, %v", list, err)
	}
	if list, _ := st.ProjectListings(ctx, other.ID, p.ID); len(list) != 0 {
		t.Error("another producer lists the project's listings")
	}

	// A private job listing is seen by crew only when invited.
	job, _ := st.CreateListing(ctx, ines.ID, p.ID, production.JobListing)
	job.Visibility, job.Roles = "private", []production.Role{{Name: "Editor", Openings: 1}}
	if _, err := st.SaveListing(ctx, ines.ID, job); err != nil {
		t.Fatal(err)
	}
	if _, err := st.TransitionListing(ctx, ines.ID, job.ID, production.Submit); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApproveListing(ctx, testapp.Moderator(t, st).Account, job.ID, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ListingForTalent(ctx, tomas, job.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a private listing is read without an invitation: %v", err)
	}
	job, _ = st.OwnListing(ctx, ines.ID, job.ID)
	inv, err := st.Invite(ctx, ines.ID, job.ID, job.Roles[0].ID, tomas.ID, "Join us")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ListingForTalent(ctx, tomas, job.ID); err != nil {
		t.Errorf("the invited crew member cannot read the private listing: %v", err)
	}
	if _, err := st.Uninvite(ctx, ines.ID, inv.Participation.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ListingForTalent(ctx, tomas, job.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a private listing is still read after the invitation was taken back: %v", err)
	}
	if res, _ := st.Browse(ctx, tomas, store.BrowseFilter{}); len(res.Cards) != 0 {
		t.Errorf("browse still lists the private listing after the invitation was taken back")
	}
}
