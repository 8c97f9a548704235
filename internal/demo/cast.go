package demo

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/objstore"
)

// CastMember is one of the demo's other talent: a performer or crew
// member with a complete profile and pictures that passed their checks,
// so the producer's pages (applicants, team, search) have people to show.
type CastMember struct {
	Person
	City       string
	Gender     string
	AgeMin     int
	AgeMax     int
	HeightCM   int
	RoleTypes  []string // performers
	Department string   // crew
	Headline   string
}

// Cast are the demo's other talent; they log in with Password too.
var Cast = []CastMember{
	{Person{"Ana Silva", "ana.silva@demo.slate.test", domain.RolePerformer}, "Lisbon", "female", 24, 32, 165, []string{"actor"}, "", "Screen actor, trained at ESTC"},
	{Person{"Beatriz Costa", "beatriz.costa@demo.slate.test", domain.RolePerformer}, "Lisbon", "female", 30, 40, 170, []string{"actor", "singer"}, "", "Actor and mezzo-soprano"},
	{Person{"Carla Mendes", "carla.mendes@demo.slate.test", domain.RolePerformer}, "Porto", "female", 18, 25, 160, []string{"dancer", "model"}, "", "Contemporary dancer"},
	{Person{"Diego Alvarez", "diego.alvarez@demo.slate.test", domain.RolePerformer}, "Madrid", "male", 28, 38, 182, []string{"actor", "stunt"}, "", "Actor and stunt performer"},
	{Person{"Elena Rossi", "elena.rossi@demo.slate.test", domain.RolePerformer}, "Lisbon", "female", 40, 55, 168, []string{"actor"}, "", "Stage and screen actor, thirty years of theatre"},
	{Person{"Farid Haddad", "farid.haddad@demo.slate.test", domain.RolePerformer}, "Paris", "male", 22, 30, 178, []string{"actor", "model"}, "", "Actor and model, bilingual French–Arabic"},
	{Person{"Grace Mensah", "grace.mensah@demo.slate.test", domain.RolePerformer}, "London", "female", 26, 34, 172, []string{"actor", "presenter"}, "", "Actor and TV presenter"},
	{Person{"Hugo Lefebvre", "hugo.lefebvre@demo.slate.test", domain.RolePerformer}, "Lisbon", "male", 35, 45, 175, []string{"actor", "voice_over"}, "", "Actor and voice-over artist"},
	{Person{"Iris Novak", "iris.novak@demo.slate.test", domain.RolePerformer}, "Porto", "non_binary", 20, 28, 169, []string{"actor", "dancer"}, "", "Physical theatre performer"},
	{Person{"João Pereira", "joao.pereira@demo.slate.test", domain.RolePerformer}, "Lisbon", "male", 60, 75, 171, []string{"actor", "extra"}, "", "Character actor"},
	{Person{"Kiara Santos", "kiara.santos@demo.slate.test", domain.RolePerformer}, "Coimbra", "female", 16, 20, 158, []string{"actor"}, "", "Young actor, school and youth theatre"},
	{Person{"Leo Marques", "leo.marques@demo.slate.test", domain.RolePerformer}, "Lisbon", "male", 25, 33, 185, []string{"model", "extra"}, "", "Model and background artist"},
	{Person{"Marta Sousa", "marta.sousa@demo.slate.test", domain.RoleCrew}, "Lisbon", "", 0, 0, 0, nil, "camera", "Director of photography"},
	{Person{"Nuno Farias", "nuno.farias@demo.slate.test", domain.RoleCrew}, "Porto", "", 0, 0, 0, nil, "sound", "Production sound mixer"},
	{Person{"Olga Petrova", "olga.petrova@demo.slate.test", domain.RoleCrew}, "Lisbon", "", 0, 0, 0, nil, "makeup_hair", "Make-up and hair designer"},
	{Person{"Pedro Nunes", "pedro.nunes@demo.slate.test", domain.RoleCrew}, "Lisbon", "", 0, 0, 0, nil, "editing", "Editor, features and documentaries"},
}

// profileOf is a cast member's complete profile.
func (m CastMember) profileOf() profile.Profile {
	p := profile.Profile{PublicProfile: profile.PublicProfile{
		DisplayName: m.Name, Headline: m.Headline,
		Bio: m.Headline + ". Based in " + m.City + ", available for work across Portugal and Spain; " +
			"comfortable on set and on stage, used to long days and quick changes.",
		City: m.City, Country: countryOf(m.City), ExperienceLevel: "professional", WillingToTravel: true,
		Skills:    []string{"Improvisation", "Driving"},
		Languages: []profile.Language{{Name: "Portuguese", Level: "native"}, {Name: "English", Level: "fluent"}},
	}}
	if m.Role == domain.RoleCrew {
		p.Departments = []string{m.Department}
		p.Equipment = "Own kit, insured"
		return p
	}
	p.RoleTypes, p.Gender = m.RoleTypes, m.Gender
	p.PlayingAgeMin, p.PlayingAgeMax, p.HeightCM = m.AgeMin, m.AgeMax, m.HeightCM
	p.EyeColour, p.HairColour, p.HairLength = "brown", "dark_brown", "medium"
	return p
}

func countryOf(city string) string {
	switch city {
	case "Madrid":
		return "ES"
	case "Paris":
		return "FR"
	case "London":
		return "GB"
	}
	return "PT"
}

// checkedPicture is a demo picture processed once, whose variants and
// report every cast member reuses.
type checkedPicture struct {
	res      *photocheck.Result
	report   []byte
	headshot bool
	caption  string
}

// castPictures checks the cast's pictures once, with the worker's code: a
// headshot and a book of five. They must pass, as the demo promises.
func castPictures() ([]checkedPicture, error) {
	pics := []demoPhoto{{img: fixtures.Headshot(1000, 1250), headshot: true}}
	for i, c := range []string{"Studio portrait", "On set", "Rehearsal", "Outdoors", "Editorial"} {
		w, h := 1200, 1600
		if i%2 == 1 {
			w, h = 1600, 1200
		}
		pics = append(pics, demoPhoto{img: fixtures.Photo(w, h, uint64(300+i)), caption: c})
	}
	out := make([]checkedPicture, 0, len(pics))
	for _, p := range pics {
		kind := domain.PhotoBook
		if p.headshot {
			kind = domain.PhotoHeadshot
		}
		res, err := photocheck.Process(bytes.NewReader(fixtures.JPEG(p.img, 90)), kind, photocheck.ProcessOptions{})
		if err != nil {
			return nil, err
		}
		if res.Report.Verdict == photocheck.Fail {
			return nil, fmt.Errorf("demo: a cast picture fails its checks: %+v", res.Report)
		}
		report, err := json.Marshal(res.Report)
		if err != nil {
			return nil, err
		}
		out = append(out, checkedPicture{res: res, report: report, headshot: p.headshot, caption: p.caption})
	}
	return out, nil
}

// seedCast creates the cast members who are missing, with their profiles
// and checked pictures. It returns every cast account, new or not.
func seedCast(ctx context.Context, st *store.Store, objects objstore.Store, hash string) ([]domain.Account, error) {
	var pics []checkedPicture
	var accounts []domain.Account
	for _, m := range Cast {
		acct, err := st.CreateAccount(ctx, m.Name, m.Email, m.Role, hash)
		if errors.Is(err, store.ErrEmailTaken) {
			if acct, _, err = st.Credentials(ctx, m.Email); err != nil {
				return nil, err
			}
			accounts = append(accounts, acct)
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("demo: %s: %w", m.Email, err)
		}
		if pics == nil {
			if pics, err = castPictures(); err != nil {
				return nil, err
			}
		}
		if err := st.SaveProfile(ctx, acct.ID, m.profileOf()); err != nil {
			return nil, err
		}
		if err := addCheckedPhotos(ctx, st, objects, acct.ID, pics); err != nil {
			return nil, fmt.Errorf("demo: %s: %w", m.Email, err)
		}
		accounts = append(accounts, acct)
	}
	return accounts, nil
}

// addCheckedPhotos stores already checked pictures for an account: the
// variants first, then the row, then its verdict (the check job the row
// queues finds the verdict saved and does nothing).
func addCheckedPhotos(ctx context.Context, st *store.Store, objects objstore.Store, accountID int64, pics []checkedPicture) error {
	for _, pic := range pics {
		id, err := st.NewPhotoID(ctx, accountID)
		if err != nil {
			return err
		}
		for _, v := range []struct {
			name string
			data []byte
		}{{objstore.Original, pic.res.Original}, {objstore.Display, pic.res.Display}, {objstore.Thumb, pic.res.Thumb}} {
			if err := objects.Put(ctx, objstore.PhotoKey(id, v.name), bytes.NewReader(v.data), int64(len(v.data)), photocheck.ContentType); err != nil {
				return err
			}
		}
		p, err := st.AddPhoto(ctx, accountID, store.NewPhoto{ID: id, ContentType: photocheck.ContentType, Bytes: int64(len(pic.res.Original)),
			Width: pic.res.Width, Height: pic.res.Height, Headshot: pic.headshot, Caption: pic.caption})
		if err != nil {
			return err
		}
		if _, err := st.SavePhotoCheck(ctx, p.ID, p.CheckSeq, domain.PhotoCheck{Status: domain.PhotoPassed, CheckedAs: p.Kind(),
			Report: pic.report, Width: pic.res.Width, Height: pic.res.Height}); err != nil {
			return err
		}
	}
	return nil
}
