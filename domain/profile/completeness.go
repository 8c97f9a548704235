package profile

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slatecasting/slate/domain"
)

// MinBookPhotos is how many book photos that passed their checks a
// profile needs before it can be submitted for validation.
const MinBookPhotos = 5

// Media is what the meter needs to know about photos and reels. Count
// only what passed its checks.
type Media struct {
	// HeadshotPassed says the chosen headshot passed its checks.
	HeadshotPassed bool
	// BookPassed counts the book photos (headshot excluded) that passed.
	BookPassed int
	// Reels counts video and audio reels, links and uploads.
	Reels int
}

// MediaOf counts what the meter needs from a talent's photos and reels:
// only photos that passed their checks, and a headshot only when it was
// checked by the headshot rules.
func MediaOf(photos []domain.Photo, reels []domain.Reel) Media {
	m := Media{Reels: len(reels)}
	for _, p := range photos {
		if !p.Passed() { // a moderator's acceptance counts as passed
			continue
		}
		if p.IsHeadshot && p.CheckedAs == domain.PhotoHeadshot {
			m.HeadshotPassed = true
		} else if !p.IsHeadshot {
			m.BookPassed++
		}
	}
	return m
}

// Missing is one thing still to do, where to do it and whether it stops
// the profile from being submitted.
type Missing struct {
	// Section is the Section name where to fix it, or "media" for photos
	// and reels.
	Section string
	// Message says what to do, in plain words.
	Message string
	// Required is true when submitting for validation needs it.
	Required bool
}

// Meter is the completeness meter.
type Meter struct {
	// Percent is the weighted share of items done, 0–100; 100 only when
	// nothing is missing.
	Percent int
	// Missing lists what is still to do, required items included, in the
	// order the editor shows the sections.
	Missing []Missing
	// CanSubmit is true when every required item is done.
	CanSubmit bool
}

// SectionMedia is the Missing.Section of photo and reel items: they are
// managed on the media page, not in a profile section.
const SectionMedia = "media"

type item struct {
	section  string
	weight   int
	required bool
	present  bool
	message  string
	fields   []string // the form fields behind the item; a trailing _ covers a list's rows
}

// Validate runs every section's validation on a stored profile, with the
// same code as the forms (Parse over Values). Saving already validates a
// section, so a stored profile normally passes; when a rule is tightened
// later, or data arrives another way, the meter shows what no longer does.
func Validate(p Profile, now time.Time) domain.FieldErrors {
	all := domain.FieldErrors{}
	for _, s := range Sections {
		q := p
		for f, msg := range Parse(s.Name, Values(s.Name, p), &q, now) {
			all[f] = msg
		}
	}
	return all
}

// problem returns the message of the first field among fields that has
// an error in e, or "".
func problem(e domain.FieldErrors, fields []string) string {
	for _, want := range fields {
		if msg, ok := e[want]; ok {
			return msg
		}
		if strings.HasSuffix(want, "_") {
			var keys []string
			for f := range e {
				if strings.HasPrefix(f, want) {
					keys = append(keys, f)
				}
			}
			if len(keys) > 0 {
				slices.Sort(keys)
				return e[keys[0]]
			}
		}
	}
	return ""
}

// Completeness weighs what the profile has against what a recruiter looks
// for. An item counts when it is present and its fields pass the same
// validation as the forms (see Validate; now dates the credits); a present
// but invalid item is listed with the validation message. The percent
// reaches 100 only when every item is there. CanSubmit needs the required
// items: display name, bio of at least MinBio characters, city and
// country, a headshot that passed its checks and MinBookPhotos checked
// book photos, plus role types, gender, playing age and height for a
// performer, or departments and skills for crew.
func Completeness(p Profile, k Kind, m Media, now time.Time) Meter {
	reel := "Add a showreel or a voice demo."
	if k == KindCrew {
		reel = "Add a reel or a sample of your work (video or audio)."
	}
	items := []item{
		{SectionIdentity, 5, true, p.DisplayName != "", "Add the name producers will see.", []string{"display_name"}},
		{SectionAbout, 5, false, p.Headline != "", "Add a headline that sums you up.", []string{"headline"}},
		{SectionAbout, 10, true, utf8.RuneCountInString(p.Bio) >= MinBio, bioMessage(p.Bio), []string{"bio"}},
	}
	if k == KindCrew {
		items = append(items,
			item{SectionCrew, 10, true, len(p.Departments) > 0, "Choose the departments you work in.", []string{"departments"}},
			item{SectionSkills, 10, true, len(p.Skills) > 0, "List your skills (software, kit, techniques…).", []string{"skills"}},
		)
	} else {
		items = append(items,
			item{SectionPerformer, 5, true, len(p.RoleTypes) > 0, "Choose your role types (actor, model, dancer…).", []string{"role_types"}},
			item{SectionPerformer, 5, true, p.Gender != "", "Choose your gender.", []string{"gender"}},
			item{SectionPerformer, 5, true, p.PlayingAgeMin > 0 && p.PlayingAgeMax > 0, "Give your playing age range (from and to).", []string{"playing_age_min", "playing_age_max"}},
			item{SectionPerformer, 5, true, p.HeightCM > 0, "Give your height in centimetres.", []string{"height_cm"}},
		)
	}
	items = append(items,
		item{SectionSkills, 5, false, len(p.Languages) > 0, "List the languages you speak.", []string{"language_"}},
		item{SectionLocation, 10, true, p.City != "" && p.Country != "", "Say which city and country you work from.", []string{"city", "country"}},
		item{SectionLocation, 5, false, p.ExperienceLevel != "", "Choose your experience level.", []string{"experience_level"}},
		item{SectionCredits, 5, false, len(p.Credits)+len(p.Training) > 0, "Add a credit or a course.", []string{"credit_", "training_"}},
		item{SectionMedia, 15, true, m.HeadshotPassed, "Upload a headshot that passes the checks.", nil},
		item{SectionMedia, 15, true, m.BookPassed >= MinBookPhotos, bookMessage(m.BookPassed), nil},
		item{SectionMedia, 5, false, m.Reels > 0, reel, nil},
	)
	errs := validate(p, now) // Validate, unless p was seen passing today
	var total, have int
	meter := Meter{CanSubmit: true}
	for _, it := range items {
		total += it.weight
		msg := it.message
		if it.present {
			if msg = problem(errs, it.fields); msg == "" {
				have += it.weight
				continue
			}
		}
		meter.Missing = append(meter.Missing, Missing{Section: it.section, Message: msg, Required: it.required})
		if it.required {
			meter.CanSubmit = false
		}
	}
	meter.Percent = have * 100 / total
	return meter
}

func bioMessage(bio string) string {
	if n := utf8.RuneCountInString(bio); n > 0 {
		return fmt.Sprintf("Write a bio of at least %d characters (yours has %d).", MinBio, n)
	}
	return fmt.Sprintf("Write a bio of at least %d characters.", MinBio)
}

func bookMessage(n int) string {
	if n == 0 {
		return fmt.Sprintf("Add at least %d book photos that pass the checks.", MinBookPhotos)
	}
	return fmt.Sprintf("Add at least %d book photos that pass the checks (you have %d).", MinBookPhotos, n)
}
