package testapp

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// Store is the store the production builders write through.
type Store interface {
	Accounts
	CreateProject(ctx context.Context, producerID int64, p production.Project) (production.Project, error)
	CreateListing(ctx context.Context, producerID, projectID int64, kind production.Kind) (production.Listing, error)
	SaveListing(ctx context.Context, producerID int64, l production.Listing) (production.Listing, error)
	TransitionListing(ctx context.Context, producerID, listingID int64, e production.Event) (production.Listing, error)
	ApproveListing(ctx context.Context, who domain.Account, listingID int64, now time.Time) (production.Listing, error)
	SaveProfile(ctx context.Context, accountID int64, doc any) error
	NewPhotoID(ctx context.Context, accountID int64) (int64, error)
	AddPhoto(ctx context.Context, accountID int64, np store.NewPhoto) (domain.Photo, error)
	SavePhotoCheck(ctx context.Context, photoID int64, seq int, c domain.PhotoCheck) (bool, error)
}

// Project makes a project of the producer, in Lisbon.
func Project(t testing.TB, st Store, producer User) production.Project {
	t.Helper()
	p, err := st.CreateProject(context.Background(), producer.ID, production.Project{
		Title: "The Long Night", Type: "feature_film", City: "Lisbon", Country: "PT"})
	if err != nil {
		t.Fatalf("testapp: project: %v", err)
	}
	return p
}

// ListingOption adjusts a listing before it is saved.
type ListingOption func(*production.Listing)

// Private makes the listing visible to invited talent only.
func Private() ListingOption { return func(l *production.Listing) { l.Visibility = "private" } }

// Roles names the casting call's roles (actors), replacing the default two.
func Roles(names ...string) ListingOption {
	return func(l *production.Listing) {
		l.Roles = nil
		for _, n := range names {
			l.Roles = append(l.Roles, production.Role{Name: n, RoleType: "actor", Gender: "any", Openings: 1})
		}
	}
}

// Draft leaves the listing unpublished.
func Draft() ListingOption { return func(l *production.Listing) { l.Status = production.Draft } }

// reviewers holds the moderator who approves a store's built listings:
// one per store, so tests counting moderators see one more at most.
var reviewers sync.Map

// reviewer is the store's listing reviewer, made on first use.
func reviewer(t testing.TB, st Store) User {
	t.Helper()
	if u, ok := reviewers.Load(st); ok {
		return u.(User)
	}
	u, _ := reviewers.LoadOrStore(st, Moderator(t, st, Name("Listing reviewer")))
	return u.(User)
}

// Listing makes a complete listing of kind in the project, published
// unless Draft is given: a casting call with the roles "Ana" and "Bea", or
// a job listing for an editor; paid, deadline in a week.
func Listing(t testing.TB, st Store, producer User, project production.Project, kind production.Kind, opts ...ListingOption) production.Listing {
	t.Helper()
	ctx := context.Background()
	l, err := st.CreateListing(ctx, producer.ID, project.ID, kind)
	if err != nil {
		t.Fatalf("testapp: listing: %v", err)
	}
	deadline := time.Now().Add(7 * 24 * time.Hour).Truncate(time.Minute)
	start := time.Now().AddDate(0, 1, 0).Truncate(24 * time.Hour)
	l.Title = "Two sisters"
	l.Description = strings.Repeat("A tender story about two sisters by the sea. ", 3) // enough words for the posting rules
	l.City, l.Country, l.WorksFrom, l.Deadline, l.TimeZone = "Lisbon", "PT", &start, &deadline, "Europe/Lisbon"
	l.Pay = production.Pay{Kind: "paid", AmountCents: 15000, Currency: "EUR", Unit: "day", Guaranteed: true}
	l.Nudity, l.Visibility, l.Status = "none", "public", production.Published
	if kind == production.JobListing {
		l.Title, l.Department, l.Position = "Editor for a short", "editing", "Editor"
		l.Roles = []production.Role{{Name: "Editor", Openings: 1}}
	} else {
		Roles("Ana", "Bea")(&l)
	}
	for _, o := range opts {
		o(&l)
	}
	publish := l.Status == production.Published
	if l, err = st.SaveListing(ctx, producer.ID, l); err != nil {
		t.Fatalf("testapp: save listing: %v", err)
	}
	if m := production.Missing(l, time.Now()); len(m) > 0 {
		t.Fatalf("testapp: the listing builder makes an incomplete listing: %v", m)
	}
	if publish {
		// What is published passes the posting rules, as the editor demands.
		if m := production.CheckRules(production.Posting{Listing: l, ProjectType: project.Type}, nil); len(m) > 0 {
			t.Fatalf("testapp: the listing builder publishes a listing breaking the posting rules: %v", m)
		}
		// Submitted, it waits in listing review: a moderator approves it.
		if _, err = st.TransitionListing(ctx, producer.ID, l.ID, production.Submit); err != nil {
			t.Fatalf("testapp: submit listing: %v", err)
		}
		if l, err = st.ApproveListing(ctx, reviewer(t, st).Account, l.ID, time.Now()); err != nil {
			t.Fatalf("testapp: approve listing: %v", err)
		}
	}
	return l
}

// CompleteTalent makes a performer or crew member whose profile can be
// submitted: every required section filled and a headshot and five book
// photos that passed their checks (rows only: no picture is stored).
func CompleteTalent(t testing.TB, st Store, role domain.Role, opts ...Option) User {
	t.Helper()
	u := Talent(t, st, role, opts...)
	CompleteProfile(t, st, u.Account)
	return u
}

// CompleteProfile makes the profile of an existing talent account (one
// that signed up through the pages, say) complete, as CompleteTalent does.
func CompleteProfile(t testing.TB, st Store, u domain.Account) {
	t.Helper()
	ctx := context.Background()
	doc := profile.Profile{PublicProfile: profile.PublicProfile{
		DisplayName: u.Name, Headline: "Actor and dancer",
		Bio:       strings.Repeat("Ten years on stage and screen, trained in physical theatre. ", 2),
		RoleTypes: []string{"actor"}, Gender: "female", PlayingAgeMin: 25, PlayingAgeMax: 35, HeightCM: 168,
		Departments: []string{"editing"}, Skills: []string{"Stage combat"},
		Languages: []profile.Language{{Name: "Portuguese", Level: "native"}},
		City:      "Lisbon", Country: "PT", ExperienceLevel: "professional",
	}}
	if err := st.SaveProfile(ctx, u.ID, doc); err != nil {
		t.Fatalf("testapp: profile: %v", err)
	}
	for i := range 6 {
		id, err := st.NewPhotoID(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		p, err := st.AddPhoto(ctx, u.ID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: 1000, Width: 1200, Height: 1500, Headshot: i == 0})
		if err != nil {
			t.Fatal(err)
		}
		kind := domain.PhotoBook
		if i == 0 {
			kind = domain.PhotoHeadshot
		}
		if _, err := st.SavePhotoCheck(ctx, p.ID, p.CheckSeq, domain.PhotoCheck{Status: domain.PhotoPassed, CheckedAs: kind, Report: []byte(`{"verdict":"pass","checks":[]}`)}); err != nil {
			t.Fatal(err)
		}
	}
}
