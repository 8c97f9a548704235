package profile

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// MinBookPhotos is how many checked book photos a profile needs.
const MinBookPhotos = 5

// Media is what the meter needs to know about photos and reels.
type Media struct {
	HeadshotPassed bool
	BookPassed     int
	Reels          int
}

// Missing is one thing still to do, with the section where to do it.
type Missing struct {
	Section  string
	Message  string
	Required bool // needed to submit for validation
}

// Meter is the completeness meter.
type Meter struct {
	Percent   int
	Missing   []Missing
	CanSubmit bool
}

type item struct {
	section  string
	weight   int
	required bool
	done     bool
	message  string
	fields   []string // the validated fields behind the item (a trailing _ matches a list's rows)
}

// Validate runs every section's validation on a stored profile. Saving
// already validates a section, so a stored profile normally passes; when a
// rule is tightened later, the meter shows the fields that no longer do.
func Validate(p Profile, now time.Time) Errors {
	all := Errors{}
	for _, s := range Sections {
		q := p
		for f, msg := range Parse(s.Name, Values(s.Name, p), &q, now) {
			all[f] = msg
		}
	}
	return all
}

// valid reports whether none of fields has an error.
func (e Errors) valid(fields []string) bool {
	for f := range e {
		for _, want := range fields {
			if f == want || strings.HasSuffix(want, "_") && strings.HasPrefix(f, want) {
				return false
			}
		}
	}
	return true
}

// Completeness weighs what the profile has against what a recruiter looks
// for. An item counts when it is present and passes the same validation as
// the form (see Validate). The meter reaches 100% only when every item is
// there; CanSubmit needs the required ones (a checked headshot and at least
// 5 checked book photos among them).
func Completeness(p Profile, k Kind, m Media, now time.Time) Meter {
	items := []item{
		{"identity", 5, true, p.DisplayName != "", "Add the name producers will see.", []string{"display_name"}},
		{"about", 5, false, p.Headline != "", "Add a headline that sums you up.", []string{"headline"}},
		{"about", 10, true, utf8.RuneCountInString(p.Bio) >= minBio, fmt.Sprintf("Write a bio of at least %d characters.", minBio), []string{"bio"}},
		{"location", 10, true, p.City != "" && p.Country != "", "Say which city and country you work from.", []string{"city", "country"}},
		{"location", 5, false, p.ExperienceLevel != "", "Choose your experience level.", []string{"experience_level"}},
		{"skills", 5, false, len(p.Languages) > 0, "List the languages you speak.", []string{"languages", "language_"}},
		{"credits", 5, false, len(p.Credits)+len(p.Training) > 0, "Add a credit or a course.", []string{"credits", "training", "credit_", "training_"}},
		{"media", 15, true, m.HeadshotPassed, "Upload a headshot that passes the checks.", nil},
		{"media", 15, true, m.BookPassed >= MinBookPhotos, bookMessage(m.BookPassed), nil},
		{"media", 5, false, m.Reels > 0, "Add a showreel or a voice demo.", nil},
	}
	if k == KindPerformer {
		items = append(items,
			item{"performer", 5, true, len(p.RoleTypes) > 0, "Choose your role types (actor, model, dancer…).", []string{"role_types"}},
			item{"performer", 5, true, p.Gender != "", "Choose your gender.", []string{"gender"}},
			item{"performer", 5, true, p.PlayingAgeMin > 0 && p.PlayingAgeMax >= p.PlayingAgeMin, "Give your playing age range.", []string{"playing_age_min", "playing_age_max"}},
			item{"performer", 5, true, p.HeightCM > 0, "Give your height.", []string{"height_cm"}},
		)
	} else {
		items = append(items,
			item{"crew", 10, true, len(p.Departments) > 0, "Choose the departments you work in.", []string{"departments"}},
			item{"skills", 10, true, len(p.Skills) > 0, "List your skills.", []string{"skills"}},
		)
	}
	errs := Validate(p, now)
	var total, have int
	m2 := Meter{CanSubmit: true}
	for _, it := range items {
		total += it.weight
		if it.done && errs.valid(it.fields) {
			have += it.weight
			continue
		}
		m2.Missing = append(m2.Missing, Missing{Section: it.section, Message: it.message, Required: it.required})
		if it.required {
			m2.CanSubmit = false
		}
	}
	m2.Percent = have * 100 / total
	return m2
}

func bookMessage(n int) string {
	if n == 0 {
		return fmt.Sprintf("Add at least %d book photos that pass the checks.", MinBookPhotos)
	}
	return fmt.Sprintf("Add at least %d book photos that pass the checks (you have %d).", MinBookPhotos, n)
}
