// Package demo loads the demo data `slate seed --demo` shows a newcomer:
// one account per role with a known password, a complete performer
// profile with a checked headshot and book, and a crew profile half done
// whose first pictures fail their checks, so the advice can be seen; a
// cast of complete talent; and the producer's castings with applicants in
// every state, invitations and messages. Every later capability adds its
// part here.
package demo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"time"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/objstore"
)

// Password is every demo account's password; it is printed in the console.
const Password = "slate-demo-2026"

// PerformerEmail is the demo performer's address: an invitation and a
// message wait for him.
const PerformerEmail = "performer@demo.slate.test"

// ProducerEmail is the demo producer's address: the demo's projects are
// theirs.
const ProducerEmail = "producer@demo.slate.test"

// Person is one demo account.
type Person struct {
	Name  string
	Email string
	Role  domain.Role
}

// People are the demo accounts.
var People = []Person{
	{"Luca Moreau", PerformerEmail, domain.RolePerformer},
	{"Tomás Ribeiro", "crew@demo.slate.test", domain.RoleCrew},
	{"Ines Okafor", ProducerEmail, domain.RoleProducer},
	{"Sam Moderator", "moderator@demo.slate.test", domain.RoleModerator},
}

// Seed creates whatever demo data is missing; running it twice is harmless
// (accounts that exist keep their data). Photos are stored and their checks
// queued, so the workers verify them like any upload.
func Seed(ctx context.Context, st *store.Store, objects objstore.Store, params auth.Params) ([]Person, error) {
	hash, err := auth.Hash(Password, params)
	if err != nil {
		return nil, err
	}
	for _, p := range People {
		acct, err := st.CreateAccount(ctx, p.Name, p.Email, p.Role, hash)
		if errors.Is(err, store.ErrEmailTaken) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", p.Email, err)
		}
		switch p.Role {
		case domain.RolePerformer:
			err = seedPerformer(ctx, st, objects, acct)
		case domain.RoleCrew:
			err = seedCrew(ctx, st, objects, acct)
		}
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", p.Email, err)
		}
	}
	if _, err := seedCast(ctx, st, objects, hash); err != nil {
		return nil, err
	}
	if err := confirmAddresses(ctx, st); err != nil {
		return nil, err
	}
	if err := seedProductions(ctx, st, time.Now()); err != nil {
		return nil, err
	}
	if err := seedValidation(ctx, st, time.Now()); err != nil { // slice validation: the moderator's queue
		return nil, err
	}
	if err := seedReports(ctx, st); err != nil { // slice reports
		return nil, err
	}
	if err := seedListingReview(ctx, st, time.Now()); err != nil { // slice listing review: a listing in the queue
		return nil, err
	}
	if err := seedSuspended(ctx, st, hash); err != nil { // a suspended account, its mail in the outbox
		return nil, err
	}
	if err := seedPolish(ctx, st, time.Now()); err != nil { // slice polish: a hidden listing its producer can bring back
		return nil, err
	}
	return People, nil
}

// seedProductions gives the demo producer their projects, listings,
// applicants, invitations and messages (castings.go, people.go).
func seedProductions(ctx context.Context, st *store.Store, now time.Time) error {
	producer, _, err := st.Credentials(ctx, ProducerEmail)
	if err != nil {
		return fmt.Errorf("demo: %s: %w", ProducerEmail, err)
	}
	listings, err := seedListings(ctx, st, producer.ID, now)
	if err != nil {
		return err
	}
	if err := seedNotices(ctx, st, producer.ID, now); err != nil {
		return err
	}
	if err := seedParticipations(ctx, st, producer.ID, listings); err != nil {
		return err
	}
	if err := seedClosing(ctx, st, producer.ID, now); err != nil {
		return err
	}
	return seedGroupMessage(ctx, st, producer.ID) // slice group message
}

var performerProfile = profile.Profile{PublicProfile: profile.PublicProfile{
	DisplayName: "Luca Moreau", Pronouns: "he/him",
	Headline: "Actor and contemporary dancer based in Lisbon",
	Bio: "Classically trained actor and contemporary dancer with ten years on stage and screen. " +
		"Comfortable with physical theatre, stage combat and improvisation; fluent in Portuguese, English and French.",
	RoleTypes: []string{"actor", "dancer", "model"}, Gender: "male",
	PlayingAgeMin: 26, PlayingAgeMax: 35, HeightCM: 168, Build: "athletic",
	EyeColour: "brown", HairColour: "dark_brown", HairLength: "short",
	Skills:    []string{"Stage combat", "Contemporary dance", "Horse riding", "Improvisation"},
	Languages: []profile.Language{{Name: "Portuguese", Level: "native"}, {Name: "English", Level: "fluent"}, {Name: "French", Level: "conversational"}},
	Accents:   []string{"Lisbon", "RP English"},
	Unions:    []string{"equity_uk"},
	City:      "Lisbon", Country: "PT", WillingToTravel: true, DrivingLicence: true, HasPassport: true,
	ExperienceLevel: "professional",
	Credits: []profile.Credit{
		{Year: 2025, Title: "The Tide Between Us", Role: "Lead — Tomé", Company: "Mar Filmes", Kind: "film"},
		{Year: 2024, Title: "Hamlet", Role: "Laertes", Company: "Teatro da Trindade", Kind: "theatre"},
		{Year: 2023, Title: "Sumol Summer", Role: "Dancer", Company: "Ogilvy Lisboa", Kind: "commercial"},
	},
	Training: []profile.Training{{Year: 2016, Institution: "Escola Superior de Teatro e Cinema", Course: "Acting"}},
	Links:    []profile.Link{{Label: "Agency page", URL: "https://agency.example.com/luca-moreau"}},
}, Phone: "+351 912 345 678"}

var crewProfile = profile.Profile{PublicProfile: profile.PublicProfile{
	DisplayName: "Tomás Ribeiro", Headline: "Documentary and feature editor",
	Departments: []string{"editing", "sound"}, Equipment: "Avid Media Composer, DaVinci Resolve Studio, calibrated grading monitor",
	Skills: []string{"Avid", "DaVinci Resolve", "Colour grading"},
	City:   "Porto", Country: "PT", ExperienceLevel: "professional",
}}

// demoPhoto is a picture to upload for a demo account.
type demoPhoto struct {
	img      image.Image
	headshot bool
	caption  string
}

func seedPerformer(ctx context.Context, st *store.Store, objects objstore.Store, acct domain.Account) error {
	if err := st.SaveProfile(ctx, acct.ID, performerProfile); err != nil {
		return err
	}
	pics := []demoPhoto{{img: fixtures.Headshot(1000, 1250), headshot: true}}
	captions := []string{"On set, The Tide Between Us", "Hamlet, Teatro da Trindade", "Studio, natural light", "Dance rehearsal", "Outdoor portrait", "Editorial"}
	for i, c := range captions {
		w, h := 1200, 1600
		if i%2 == 1 {
			w, h = 1600, 1200
		}
		pics = append(pics, demoPhoto{img: fixtures.Photo(w, h, uint64(100+i)), caption: c})
	}
	if err := addPhotos(ctx, st, objects, acct.ID, pics); err != nil {
		return err
	}
	_, err := st.AddReel(ctx, acct.ID, domain.Reel{Kind: "video", Title: "Showreel 2025", Provider: "vimeo", URL: "https://vimeo.com/76979871"})
	return err
}

// seedCrew leaves a profile half done, with a holiday snapshot as the
// headshot (no face, landscape) and a blurred book photo: the checks fail
// both with their advice.
func seedCrew(ctx context.Context, st *store.Store, objects objstore.Store, acct domain.Account) error {
	if err := st.SaveProfile(ctx, acct.ID, crewProfile); err != nil {
		return err
	}
	return addPhotos(ctx, st, objects, acct.ID, []demoPhoto{
		{img: fixtures.Photo(1600, 1200, 200), headshot: true},
		{img: imaging.Blur(fixtures.Photo(1200, 1600, 201), 8), caption: "Editing suite"},
	})
}

// addPhotos uploads pictures as the upload handler does: the original
// stored under a chosen id first, then the row and its check job written
// in one transaction. Should the seed fail between the two, the orphan
// sweep removes the object.
func addPhotos(ctx context.Context, st *store.Store, objects objstore.Store, accountID int64, pics []demoPhoto) error {
	for _, pic := range pics {
		data := fixtures.JPEG(pic.img, 90)
		b := pic.img.Bounds()
		id, err := st.NewPhotoID(ctx, accountID)
		if err != nil {
			return err
		}
		if err := objects.Put(ctx, objstore.PhotoKey(id, objstore.Original), bytes.NewReader(data), int64(len(data)), "image/jpeg"); err != nil {
			return err
		}
		_, err = st.AddPhoto(ctx, accountID, store.NewPhoto{
			ID: id, ContentType: "image/jpeg", Bytes: int64(len(data)), Width: b.Dx(), Height: b.Dy(), Headshot: pic.headshot, Caption: pic.caption,
		})
		if err != nil {
			return err
		}
	}
	return nil
}
