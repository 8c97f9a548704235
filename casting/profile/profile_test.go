package profile

import (
	"net/url"
	"strings"
	"testing"
	"time"
)

var now = time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)

func form(kv ...string) url.Values {
	f := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], kv[i+1])
	}
	return f
}

func TestParseSections(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		section string
		form    url.Values
		errs    []string // fields with an error
		check   func(Profile) bool
	}{
		{"identity ok", "identity", form("display_name", "  Maya   Laurent ", "phone", "+44 20 7946 0000"), nil,
			func(p Profile) bool { return p.DisplayName == "Maya Laurent" && p.Phone == "+44 20 7946 0000" }},
		{"identity missing name and bad phone", "identity", form("display_name", " ", "phone", "call me"), []string{"display_name", "phone"}, nil},
		{"height 900", "performer", form("height_cm", "900"), []string{"height_cm"}, nil},
		{"height not a number", "performer", form("height_cm", "tall"), []string{"height_cm"}, nil},
		{"reversed ages", "performer", form("playing_age_min", "40", "playing_age_max", "25"), []string{"playing_age_max"}, nil},
		{"unknown colour", "performer", form("eye_colour", "purple", "hair_colour", "blonde"), []string{"eye_colour"}, nil},
		{"unknown role type", "performer", form("role_types", "actor", "role_types", "wizard"), []string{"role_types"}, nil},
		{"performer ok", "performer", form("role_types", "actor", "role_types", "actor", "role_types", "dancer", "gender", "female",
			"playing_age_min", "25", "playing_age_max", "35", "height_cm", "168", "eye_colour", "green", "ethnicities", "mixed"), nil,
			func(p Profile) bool {
				return len(p.RoleTypes) == 2 && p.HeightCM == 168 && p.PlayingAgeMax == 35 && p.Ethnicities[0] == "mixed"
			}},
		{"crew ok", "crew", form("departments", "editing", "equipment", "Avid, DaVinci Resolve"), nil,
			func(p Profile) bool { return p.Departments[0] == "editing" && p.Equipment != "" }},
		{"bad department", "crew", form("departments", "catering"), []string{"departments"}, nil},
		{"skills dedupe", "skills", form("skills", "Horse riding, stage combat, horse RIDING, ", "language_name", "French", "language_level", "native"), nil,
			func(p Profile) bool { return len(p.Skills) == 2 && p.Languages[0].Level == "native" }},
		{"skill too long", "skills", form("skills", strings.Repeat("x", 41)), []string{"skills"}, nil},
		{"language without level", "skills", form("language_name", "French", "language_level", ""), []string{"language_level_0"}, nil},
		{"bad country", "location", form("city", "Lisbon", "country", "XX"), []string{"country"}, nil},
		{"location ok", "location", form("city", "Lisbon", "country", "pt", "willing_to_travel", "1"), nil,
			func(p Profile) bool { return p.Country == "PT" && p.WillingToTravel && !p.HasPassport }},
		{"credit year out of range", "credits", form("credit_year", "1850", "credit_title", "Old"), []string{"credit_year_0"}, nil},
		{"credit without title", "credits", form("credit_year", "2024", "credit_title", ""), []string{"credit_title_0"}, nil},
		{"credit future allowed to +2", "credits", form("credit_year", "2028", "credit_title", "Next"), nil, func(p Profile) bool { return p.Credits[0].Year == 2028 }},
		{"credits with blank row and removal", "credits", form(
			"credit_year", "2020", "credit_title", "Keep",
			"credit_year", "2021", "credit_title", "Drop me",
			"credit_year", "", "credit_title", "",
			"remove", "credit:1"), nil,
			func(p Profile) bool { return len(p.Credits) == 1 && p.Credits[0].Title == "Keep" }},
		{"bad link", "links", form("link_label", "Site", "link_url", "javascript:alert(1)"), []string{"link_url_0"}, nil},
		{"link label defaults to host", "links", form("link_url", "https://www.imdb.com/name/nm0000001/"), nil,
			func(p Profile) bool { return p.Links[0].Label == "imdb.com" }},
		{"bio too long", "about", form("bio", strings.Repeat("a", 2001)), []string{"bio"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Profile{DisplayName: "Before", HeightCM: 170}
			errs := Parse(tt.section, tt.form, &p, now)
			if len(errs) != len(tt.errs) {
				t.Fatalf("errors = %v, want fields %v", errs, tt.errs)
			}
			for _, f := range tt.errs {
				if errs[f] == "" {
					t.Errorf("no message for %s: %v", f, errs)
				}
			}
			if len(tt.errs) > 0 && (p.DisplayName != "Before" || p.HeightCM != 170) {
				t.Errorf("an invalid section changed the profile: %+v", p)
			}
			if tt.check != nil && !tt.check(p) {
				t.Errorf("profile after parse = %+v", p)
			}
		})
	}
}

func TestValuesRoundTrip(t *testing.T) {
	t.Parallel()
	p := fullPerformer()
	for _, s := range Sections {
		var q Profile
		q = p
		if errs := Parse(s.Name, Values(s.Name, p), &q, now); len(errs) > 0 {
			t.Errorf("%s: re-parsing the stored values failed: %v", s.Name, errs)
		}
	}
	rows := Rows(Values("credits", p), "credit", []string{"year", "title"})
	if len(rows) != len(p.Credits)+1 || rows[len(rows)-1]["title"] != "" {
		t.Errorf("rows = %v: want the credits plus one blank row", rows)
	}
}

func fullPerformer() Profile {
	return Profile{
		DisplayName: "Maya Laurent", Headline: "Actor and dancer, Lisbon",
		Bio:       "Classically trained actor and contemporary dancer with ten years on stage and screen.",
		RoleTypes: []string{"actor", "dancer"}, Gender: "female", PlayingAgeMin: 25, PlayingAgeMax: 35, HeightCM: 168,
		Build: "athletic", EyeColour: "green", HairColour: "brown", HairLength: "long",
		Skills: []string{"Stage combat"}, Languages: []Language{{"Portuguese", "native"}, {"English", "fluent"}},
		City: "Lisbon", Country: "PT", ExperienceLevel: "professional",
		Credits:  []Credit{{Year: 2024, Title: "The Tide", Role: "Lead", Kind: "film"}},
		Training: []Training{{Year: 2015, Institution: "ESTC"}},
		Links:    []Link{{Label: "Agency", URL: "https://agency.example.com/maya"}},
	}
}

func TestCompleteness(t *testing.T) {
	t.Parallel()
	empty := Completeness(Profile{}, KindPerformer, Media{}, now)
	if empty.Percent != 0 || empty.CanSubmit || len(empty.Missing) < 10 {
		t.Fatalf("empty = %+v", empty)
	}
	full := Completeness(fullPerformer(), KindPerformer, Media{HeadshotPassed: true, BookPassed: 5, Reels: 1}, now)
	if full.Percent != 100 || !full.CanSubmit || len(full.Missing) != 0 {
		t.Fatalf("full performer = %+v", full)
	}
	four := Completeness(fullPerformer(), KindPerformer, Media{HeadshotPassed: true, BookPassed: 4, Reels: 1}, now)
	if four.CanSubmit || four.Percent == 100 {
		t.Fatalf("4 book photos = %+v", four)
	}
	if len(four.Missing) != 1 || !strings.Contains(four.Missing[0].Message, "(you have 4)") {
		t.Fatalf("missing = %+v", four.Missing)
	}
	noReel := Completeness(fullPerformer(), KindPerformer, Media{HeadshotPassed: true, BookPassed: 6}, now)
	if !noReel.CanSubmit || noReel.Percent == 100 {
		t.Fatalf("a reel is recommended, not required: %+v", noReel)
	}
	crew := Profile{DisplayName: "Tomás", Bio: strings.Repeat("Editor of documentaries and features. ", 2), City: "Porto", Country: "PT",
		Departments: []string{"editing"}, Skills: []string{"Avid"}, Headline: "Editor", ExperienceLevel: "professional",
		Languages: []Language{{"Portuguese", "native"}}, Credits: []Credit{{Year: 2023, Title: "Doc"}}}
	if m := Completeness(crew, KindCrew, Media{HeadshotPassed: true, BookPassed: 5, Reels: 1}, now); m.Percent != 100 || !m.CanSubmit {
		t.Fatalf("full crew = %+v", m)
	}
	if m := Completeness(fullPerformer(), KindCrew, Media{HeadshotPassed: true, BookPassed: 5}, now); m.CanSubmit {
		t.Fatal("a crew profile without departments can be submitted")
	}
}

func TestCompletenessSharesValidation(t *testing.T) {
	t.Parallel()
	p := fullPerformer()
	p.HeightCM = 900 // stored before a rule tightened, or written around the form
	m := Completeness(p, KindPerformer, Media{HeadshotPassed: true, BookPassed: 5, Reels: 1}, now)
	if m.CanSubmit || len(m.Missing) != 1 || m.Missing[0].Section != "performer" {
		t.Fatalf("an invalid height counts as done: %+v", m)
	}
	if errs := Validate(fullPerformer(), now); len(errs) != 0 {
		t.Fatalf("a valid profile fails validation: %v", errs)
	}
}

func TestPublicDropsContact(t *testing.T) {
	t.Parallel()
	p := fullPerformer()
	p.Phone = "+351 912 345 678"
	if pub := p.Public(); pub.Phone != "" || pub.DisplayName != p.DisplayName {
		t.Fatalf("public = %+v", pub)
	}
}

func TestReelURLs(t *testing.T) {
	t.Parallel()
	ok := map[string]string{
		"https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10":  "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://youtu.be/dQw4w9WgXcQ":                      "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://m.youtube.com/shorts/dQw4w9WgXcQ":          "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
		"https://vimeo.com/76979871":                        "https://vimeo.com/76979871",
		"https://player.vimeo.com/video/76979871":           "https://vimeo.com/76979871",
		"https://www.dailymotion.com/video/x7tgad0":         "https://www.dailymotion.com/video/x7tgad0",
		"https://soundcloud.com/maya-voice/commercial-demo": "https://soundcloud.com/maya-voice/commercial-demo",
	}
	for in, want := range ok {
		r, err := ParseReelURL(in)
		if err != nil || r.URL != want {
			t.Errorf("ParseReelURL(%q) = %+v, %v; want %s", in, r, err, want)
		}
	}
	for _, in := range []string{"", "youtube.com/watch?v=dQw4w9WgXcQ", "https://youtube.com/watch?v=short", "https://evil.example/watch?v=dQw4w9WgXcQ",
		"javascript:alert(1)", "https://vimeo.com/channels/staff", "https://soundcloud.com/maya-voice", "ftp://vimeo.com/123456"} {
		if _, err := ParseReelURL(in); err == nil {
			t.Errorf("ParseReelURL(%q) accepted", in)
		}
	}
}

func TestSniffMediaFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		head []byte
		ct   string
	}{
		{[]byte("ID3\x04\x00\x00\x00"), "audio/mpeg"},
		{[]byte{0xFF, 0xFB, 0x90, 0x44}, "audio/mpeg"},
		{[]byte("RIFF\x24\x00\x00\x00WAVEfmt "), "audio/wav"},
		{[]byte("OggS\x00\x02"), "audio/ogg"},
		{[]byte("fLaC\x00\x00"), "audio/flac"},
		{[]byte{0x1A, 0x45, 0xDF, 0xA3, 0x9F}, "video/webm"},
		{[]byte("\x00\x00\x00\x20ftypisom\x00\x00\x02\x00"), "video/mp4"},
		{[]byte("\x00\x00\x00\x14ftypqt  \x00\x00\x00\x00"), "video/quicktime"},
		{[]byte("\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00"), "audio/mp4"},
		{[]byte("%PDF-1.7"), ""},
		{[]byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00"), ""},
		{[]byte{0xFF, 0xD8, 0xFF, 0xE0}, ""}, // a JPEG is not a reel
		{nil, ""},
	}
	for _, tt := range tests {
		ct, _, err := SniffMediaFile(tt.head)
		if ct != tt.ct || (tt.ct == "") != (err != nil) {
			t.Errorf("SniffMediaFile(%q) = %q, %v; want %q", tt.head, ct, err, tt.ct)
		}
	}
}
