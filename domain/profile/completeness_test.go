package profile

import (
	"reflect"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
)

var allMedia = Media{HeadshotPassed: true, BookPassed: MinBookPhotos, Reels: 1}

func messages(m Meter) []string {
	var out []string
	for _, x := range m.Missing {
		out = append(out, x.Message)
	}
	return out
}

func TestCompletenessEmpty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind     Kind
		sections []string
		has      []string
	}{
		{KindPerformer,
			[]string{"identity", "about", "about", "performer", "performer", "performer", "performer", "skills", "location", "location", "credits", "media", "media", "media"},
			[]string{"Add the name producers will see.", "Write a bio of at least 50 characters.", "Choose your role types (actor, model, dancer…).",
				"Choose your gender.", "Give your playing age range (from and to).", "Give your height in centimetres.",
				"Say which city and country you work from.", "Upload a headshot that passes the checks.",
				"Add at least 5 book photos that pass the checks.", "Add a showreel or a voice demo."}},
		{KindCrew,
			[]string{"identity", "about", "about", "crew", "skills", "skills", "location", "location", "credits", "media", "media", "media"},
			[]string{"Choose the departments you work in.", "List your skills (software, kit, techniques…).",
				"Add a reel or a sample of your work (video or audio)."}},
	}
	for _, tt := range tests {
		m := Completeness(Profile{}, tt.kind, Media{}, now)
		if m.Percent != 0 || m.CanSubmit {
			t.Errorf("%s: empty = %d%%, can submit %v", tt.kind, m.Percent, m.CanSubmit)
		}
		var sections []string
		for _, x := range m.Missing {
			sections = append(sections, x.Section)
		}
		if !reflect.DeepEqual(sections, tt.sections) {
			t.Errorf("%s: missing sections %v, want %v", tt.kind, sections, tt.sections)
		}
		got := strings.Join(messages(m), "\n")
		for _, want := range tt.has {
			if !strings.Contains(got, want) {
				t.Errorf("%s: no %q among\n%s", tt.kind, want, got)
			}
		}
		required := 0
		for _, x := range m.Missing {
			if x.Required {
				required++
			}
		}
		if want := map[Kind]int{KindPerformer: 9, KindCrew: 7}[tt.kind]; required != want {
			t.Errorf("%s: %d required items, want %d", tt.kind, required, want)
		}
	}
}

func TestCompletenessFull(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		p    Profile
		kind Kind
	}{{fullPerformer(), KindPerformer}, {fullCrew(), KindCrew}} {
		m := Completeness(c.p, c.kind, allMedia, now)
		if m.Percent != 100 || !m.CanSubmit || len(m.Missing) != 0 {
			t.Errorf("full %s = %+v", c.kind, m)
		}
	}
	// A crew profile is not a performer one, and the other way round.
	if m := Completeness(fullPerformer(), KindCrew, allMedia, now); m.CanSubmit || m.Percent == 100 {
		t.Errorf("a performer's profile passes as crew: %+v", m)
	}
	if m := Completeness(fullCrew(), KindPerformer, allMedia, now); m.CanSubmit || m.Percent == 100 {
		t.Errorf("a crew profile passes as a performer's: %+v", m)
	}
}

func TestCompletenessItems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name      string
		change    func(*Profile)
		media     Media
		message   string // the only missing item
		canSubmit bool
	}{
		{"4 book photos", nil, Media{HeadshotPassed: true, BookPassed: 4, Reels: 1},
			"Add at least 5 book photos that pass the checks (you have 4).", false},
		{"no headshot", nil, Media{BookPassed: 9, Reels: 2}, "Upload a headshot that passes the checks.", false},
		{"no reel", nil, Media{HeadshotPassed: true, BookPassed: 5}, "Add a showreel or a voice demo.", true},
		{"short bio", func(p *Profile) { p.Bio = "Actor." }, allMedia, "Write a bio of at least 50 characters (yours has 6).", false},
		{"no display name", func(p *Profile) { p.DisplayName = "" }, allMedia, "Add the name producers will see.", false},
		{"no city", func(p *Profile) { p.City = "" }, allMedia, "Say which city and country you work from.", false},
		{"no country", func(p *Profile) { p.Country = "" }, allMedia, "Say which city and country you work from.", false},
		{"no role types", func(p *Profile) { p.RoleTypes = nil }, allMedia, "Choose your role types (actor, model, dancer…).", false},
		{"no gender", func(p *Profile) { p.Gender = "" }, allMedia, "Choose your gender.", false},
		{"no playing age", func(p *Profile) { p.PlayingAgeMin, p.PlayingAgeMax = 0, 0 }, allMedia, "Give your playing age range (from and to).", false},
		{"no height", func(p *Profile) { p.HeightCM = 0 }, allMedia, "Give your height in centimetres.", false},
		{"no headline", func(p *Profile) { p.Headline = "" }, allMedia, "Add a headline that sums you up.", true},
		{"no languages", func(p *Profile) { p.Languages = nil }, allMedia, "List the languages you speak.", true},
		{"no experience", func(p *Profile) { p.ExperienceLevel = "" }, allMedia, "Choose your experience level.", true},
		{"no credits or training", func(p *Profile) { p.Credits, p.Training = nil, nil }, allMedia, "Add a credit or a course.", true},
		{"training alone counts", func(p *Profile) { p.Credits = nil }, allMedia, "", true},
		// Present but invalid (stored before a rule tightened, or written
		// around the form): the validation message, not counted.
		{"height 900", func(p *Profile) { p.HeightCM = 900 }, allMedia, "Height must be between 50 and 250 cm.", false},
		{"reversed ages", func(p *Profile) { p.PlayingAgeMin, p.PlayingAgeMax = 40, 25 }, allMedia,
			"The maximum playing age must be at or above the minimum.", false},
		{"unknown gender", func(p *Profile) { p.Gender = "robot" }, allMedia, "Choose a gender from the list, or leave it empty.", false},
		{"bad country", func(p *Profile) { p.Country = "XX" }, allMedia, "Choose a country from the list.", false},
		{"bio too long", func(p *Profile) { p.Bio = strings.Repeat("b", 2001) }, allMedia, "Keep your bio to 2000 characters (it has 2001).", false},
		{"language without level", func(p *Profile) { p.Languages[1].Level = "" }, allMedia, "Choose how well you speak it.", true},
		{"credit from the future", func(p *Profile) { p.Credits[1].Year = 2031 }, allMedia, "Enter a year between 1900 and 2028.", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := fullPerformer()
			if tt.change != nil {
				tt.change(&p)
			}
			m := Completeness(p, KindPerformer, tt.media, now)
			if tt.message == "" {
				if len(m.Missing) != 0 || m.Percent != 100 {
					t.Fatalf("meter = %+v, want complete", m)
				}
				return
			}
			if got := messages(m); len(got) != 1 || got[0] != tt.message {
				t.Fatalf("missing %q, want only %q", got, tt.message)
			}
			if m.CanSubmit != tt.canSubmit || m.Missing[0].Required == tt.canSubmit {
				t.Errorf("can submit %v (required %v), want %v", m.CanSubmit, m.Missing[0].Required, tt.canSubmit)
			}
			if m.Percent >= 100 || m.Percent <= 0 {
				t.Errorf("percent %d with something missing", m.Percent)
			}
		})
	}
}

func TestCompletenessCrewItems(t *testing.T) {
	t.Parallel()
	p := fullCrew()
	p.Skills = nil
	m := Completeness(p, KindCrew, allMedia, now)
	if m.CanSubmit || len(m.Missing) != 1 || m.Missing[0].Section != SectionSkills || m.Percent != 90 {
		t.Errorf("crew without skills = %+v", m)
	}
	p = fullCrew()
	p.Departments = []string{"catering"}
	m = Completeness(p, KindCrew, allMedia, now)
	if m.CanSubmit || len(m.Missing) != 1 || m.Missing[0].Message != "Choose departments from the list." {
		t.Errorf("crew with an unknown department = %+v", m)
	}
}

// TestCompletenessWeights checks the percent is a weighted sum: more done
// never lowers it, and only everything makes 100.
func TestCompletenessWeights(t *testing.T) {
	t.Parallel()
	steps := []func(*Profile, *Media){
		func(p *Profile, _ *Media) { p.DisplayName = "Maya" },
		func(p *Profile, _ *Media) { p.Bio = fullPerformer().Bio },
		func(p *Profile, _ *Media) { p.City, p.Country = "Lisbon", "PT" },
		func(_ *Profile, m *Media) { m.HeadshotPassed = true },
		func(_ *Profile, m *Media) { m.BookPassed = 5 },
		func(p *Profile, _ *Media) { p.RoleTypes, p.Gender = []string{"actor"}, "female" },
		func(p *Profile, _ *Media) { p.PlayingAgeMin, p.PlayingAgeMax, p.HeightCM = 20, 30, 170 },
		func(p *Profile, _ *Media) { p.Headline, p.ExperienceLevel = "Actor", "beginner" },
		func(p *Profile, _ *Media) { p.Languages = []Language{{"English", "native"}} },
		func(p *Profile, _ *Media) { p.Training = []Training{{Institution: "RADA"}} },
		func(_ *Profile, m *Media) { m.Reels = 1 },
	}
	var p Profile
	var md Media
	last := 0
	for i, step := range steps {
		step(&p, &md)
		m := Completeness(p, KindPerformer, md, now)
		if m.Percent <= last {
			t.Errorf("step %d: %d%% after %d%%", i, m.Percent, last)
		}
		if (m.Percent == 100) != (i == len(steps)-1) || m.CanSubmit != (i >= 6) {
			t.Errorf("step %d: %d%%, can submit %v, missing %q", i, m.Percent, m.CanSubmit, messages(m))
		}
		last = m.Percent
	}
}

func TestMediaOf(t *testing.T) {
	t.Parallel()
	photos := []domain.Photo{
		{IsHeadshot: true, Status: domain.PhotoPassed, CheckedAs: domain.PhotoBook}, // passed as a book photo: still to be checked as a headshot
		{Status: domain.PhotoPassed}, {Status: domain.PhotoPassed}, {Status: domain.PhotoFailed}, {Status: domain.PhotoPending},
	}
	got := MediaOf(photos, []domain.Reel{{ID: 1}})
	if got != (Media{HeadshotPassed: false, BookPassed: 2, Reels: 1}) {
		t.Errorf("MediaOf = %+v", got)
	}
	photos[0].CheckedAs = domain.PhotoHeadshot
	if !MediaOf(photos, nil).HeadshotPassed {
		t.Error("a headshot that passed the headshot rules is not counted")
	}
}
