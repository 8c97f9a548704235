package profile

import (
	"fmt"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestParseSections(t *testing.T) {
	t.Parallel()
	many := func(prefix string, n int, fields ...string) url.Values {
		f := url.Values{}
		for i := range n {
			for j := 0; j+1 < len(fields); j += 2 {
				f.Add(prefix+"_"+fields[j], strings.ReplaceAll(fields[j+1], "#", strconv.Itoa(i)))
			}
		}
		return f
	}
	tags := func(n int) string {
		var s []string
		for i := range n {
			s = append(s, fmt.Sprintf("skill %d", i))
		}
		return strings.Join(s, ", ")
	}
	tests := []struct {
		name    string
		section string
		form    url.Values
		errs    map[string]string // field → part of its message
		check   func(Profile) bool
	}{
		// identity
		{"identity ok", SectionIdentity, form("display_name", "  Maya \t  Laurent ", "pronouns", " she/her ", "email", " maya@example.com ", "phone", "+44 (0)20 7946-0000"), nil,
			func(p Profile) bool {
				return p.DisplayName == "Maya Laurent" && p.Pronouns == "she/her" && p.Email == "maya@example.com" && p.Phone == "+44 (0)20 7946-0000"
			}},
		{"identity control characters dropped", SectionIdentity, form("display_name", "Maya\x00 Lau\x1brent\xff"), nil,
			func(p Profile) bool { return p.DisplayName == "Maya Laurent" }},
		{"identity missing name, bad phone", SectionIdentity, form("display_name", " ", "phone", "call me"),
			map[string]string{"display_name": "Enter the name", "phone": "6 to 20 digits"}, nil},
		{"name too long", SectionIdentity, form("display_name", strings.Repeat("é", 81)), map[string]string{"display_name": "80 characters (it has 81)"}, nil},
		{"phone too few digits", SectionIdentity, form("display_name", "M", "phone", "12 34 5"), map[string]string{"phone": "digits"}, nil},
		{"phone too many digits", SectionIdentity, form("display_name", "M", "phone", strings.Repeat("1", 21)), map[string]string{"phone": "digits"}, nil},
		{"phone with a dot", SectionIdentity, form("display_name", "M", "phone", "020.7946.0000"), map[string]string{"phone": "digits"}, nil},
		{"phone plus in the middle", SectionIdentity, form("display_name", "M", "phone", "020+79460000"), map[string]string{"phone": "digits"}, nil},
		{"phone optional", SectionIdentity, form("display_name", "M", "phone", ""), nil, func(p Profile) bool { return p.Phone == "" }},
		{"email without domain", SectionIdentity, form("display_name", "M", "email", "maya@"), map[string]string{"email": "name@example.com"}, nil},
		{"email without dot", SectionIdentity, form("display_name", "M", "email", "maya@localhost"), map[string]string{"email": "e-mail address"}, nil},
		{"email with a display name", SectionIdentity, form("display_name", "M", "email", "Maya <maya@example.com>"), map[string]string{"email": "e-mail"}, nil},
		{"email cleared", SectionIdentity, form("display_name", "M", "email", ""), nil, func(p Profile) bool { return p.Email == "" }},
		{"email not posted is kept", SectionIdentity, form("display_name", "M"), nil, func(p Profile) bool { return p.Email == "before@example.com" }},

		// about
		{"about ok", SectionAbout, form("headline", " Actor,   dancer ", "bio", "  Line one.\r\nLine two.  "), nil,
			func(p Profile) bool { return p.Headline == "Actor, dancer" && p.Bio == "Line one.\nLine two." }},
		{"headline too long", SectionAbout, form("headline", strings.Repeat("h", 121)), map[string]string{"headline": "120 characters"}, nil},
		{"bio too long", SectionAbout, form("bio", strings.Repeat("a", 2001)), map[string]string{"bio": "2000 characters (it has 2001)"}, nil},
		{"short bio is saved", SectionAbout, form("bio", "Hi."), nil, func(p Profile) bool { return p.Bio == "Hi." }},

		// performer
		{"performer ok", SectionPerformer, form("role_types", "actor", "role_types", "actor", "role_types", "dancer", "gender", "female",
			"playing_age_min", " 25", "playing_age_max", "35 ", "height_cm", "168", "build", "athletic", "eye_colour", "green",
			"hair_colour", "dark_brown", "hair_length", "long", "ethnicities", "mixed"), nil,
			func(p Profile) bool {
				return reflect.DeepEqual(p.RoleTypes, []string{"actor", "dancer"}) && p.Gender == "female" && p.PlayingAgeMin == 25 &&
					p.PlayingAgeMax == 35 && p.HeightCM == 168 && p.EyeColour == "green" && p.EthnicAppearance[0] == "mixed"
			}},
		{"performer cleared", SectionPerformer, form(), nil, func(p Profile) bool { return p.HeightCM == 0 && p.RoleTypes == nil }},
		{"height 900", SectionPerformer, form("height_cm", "900"), map[string]string{"height_cm": "Height must be between 50 and 250 cm."}, nil},
		{"height 49", SectionPerformer, form("height_cm", "49"), map[string]string{"height_cm": "between 50 and 250"}, nil},
		{"height 50", SectionPerformer, form("height_cm", "50"), nil, func(p Profile) bool { return p.HeightCM == 50 }},
		{"height 250", SectionPerformer, form("height_cm", "250"), nil, func(p Profile) bool { return p.HeightCM == 250 }},
		{"height 251", SectionPerformer, form("height_cm", "251"), map[string]string{"height_cm": "between 50 and 250"}, nil},
		{"height not a number", SectionPerformer, form("height_cm", "5'9\""), map[string]string{"height_cm": "whole number"}, nil},
		{"height with decimals", SectionPerformer, form("height_cm", "172.5"), map[string]string{"height_cm": "whole number"}, nil},
		{"reversed ages", SectionPerformer, form("playing_age_min", "40", "playing_age_max", "25"),
			map[string]string{"playing_age_max": "The maximum playing age must be at or above the minimum."}, nil},
		{"equal ages", SectionPerformer, form("playing_age_min", "30", "playing_age_max", "30"), nil, func(p Profile) bool { return p.PlayingAgeMin == 30 }},
		{"age over 100", SectionPerformer, form("playing_age_min", "20", "playing_age_max", "101"), map[string]string{"playing_age_max": "between 0 and 100"}, nil},
		{"negative age", SectionPerformer, form("playing_age_min", "-1"), map[string]string{"playing_age_min": "between 0 and 100"}, nil},
		{"age not a number", SectionPerformer, form("playing_age_min", "twenty"), map[string]string{"playing_age_min": "whole number"}, nil},
		{"unknown colour", SectionPerformer, form("eye_colour", "purple", "hair_colour", "blonde"),
			map[string]string{"eye_colour": "Choose an eye colour from the list."}, nil},
		{"unknown hair", SectionPerformer, form("hair_colour", "rainbow", "hair_length", "endless"),
			map[string]string{"hair_colour": "hair colour", "hair_length": "hair length"}, nil},
		{"unknown role type", SectionPerformer, form("role_types", "actor", "role_types", "wizard"), map[string]string{"role_types": "role types"}, nil},
		{"unknown gender and build", SectionPerformer, form("gender", "robot", "build", "cubic"), map[string]string{"gender": "gender", "build": "build"}, nil},
		{"unknown ethnicity", SectionPerformer, form("ethnicities", "martian"), map[string]string{"ethnicities": "list"}, nil},

		// crew
		{"crew ok", SectionCrew, form("departments", "editing", "departments", "sound", "equipment", " Avid,\r\nDaVinci Resolve "), nil,
			func(p Profile) bool { return len(p.Departments) == 2 && p.Equipment == "Avid,\nDaVinci Resolve" }},
		{"bad department", SectionCrew, form("departments", "catering"), map[string]string{"departments": "departments"}, nil},
		{"equipment too long", SectionCrew, form("equipment", strings.Repeat("e", 1001)), map[string]string{"equipment": "1000"}, nil},

		// skills, accents, languages
		{"skills de-duplicated", SectionSkills, form("skills", "Horse riding, stage   combat,, HORSE riding, ", "skills", "Stage Combat\nJuggling",
			"accents", "RP, Scouse", "language_name", "French", "language_level", "native", "language_name", "", "language_level", ""), nil,
			func(p Profile) bool {
				return reflect.DeepEqual(p.Skills, []string{"Horse riding", "stage combat", "Juggling"}) &&
					reflect.DeepEqual(p.Accents, []string{"RP", "Scouse"}) && reflect.DeepEqual(p.Languages, []Language{{"French", "native"}})
			}},
		{"skill too long", SectionSkills, form("skills", strings.Repeat("x", 41)), map[string]string{"skills": "2 to 40 characters"}, nil},
		{"skill too short", SectionSkills, form("skills", "Avid, x"), map[string]string{"skills": `"x" is not`}, nil},
		{"30 skills", SectionSkills, form("skills", tags(30)), nil, func(p Profile) bool { return len(p.Skills) == 30 }},
		{"31 skills", SectionSkills, form("skills", tags(31)), map[string]string{"skills": "at most 30"}, nil},
		{"bad accent", SectionSkills, form("accents", "a"), map[string]string{"accents": "2 to 40"}, nil},
		{"language without level", SectionSkills, form("language_name", "French", "language_level", ""), map[string]string{"language_level_0": "how well"}, nil},
		{"level without language", SectionSkills, form("language_name", "", "language_level", "fluent"), map[string]string{"language_name_0": "Name the language"}, nil},
		{"unknown level", SectionSkills, form("language_name", "French", "language_level", "expert"), map[string]string{"language_level_0": "how well"}, nil},
		{"language twice", SectionSkills, form("language_name", "French", "language_level", "native", "language_name", "french", "language_level", "basic"),
			map[string]string{"language_name_1": "already listed"}, nil},
		{"13 languages", SectionSkills, many("language", 13, "name", "Lang #", "level", "basic"), map[string]string{"language_name_12": "up to 12 languages"}, nil},

		// unions
		{"unions ok", SectionUnions, form("unions", "equity_uk", "unions", "sag_aftra", "union_other", "Equity (UK), Sindicato dos Actores"), nil,
			func(p Profile) bool {
				return reflect.DeepEqual(p.Unions, []string{"equity_uk", "sag_aftra", "Sindicato dos Actores"})
			}},
		{"no union", SectionUnions, form("unions", "none"), nil, func(p Profile) bool { return reflect.DeepEqual(p.Unions, []string{"none"}) }},
		{"none and a union", SectionUnions, form("unions", "none", "unions", "actra"), map[string]string{"unions": "not both"}, nil},
		{"unknown ticked union", SectionUnions, form("unions", "guild_of_wizards"), map[string]string{"unions": "from the list"}, nil},
		{"typed union too long", SectionUnions, form("union_other", strings.Repeat("u", 61)), map[string]string{"union_other": "2 to 60"}, nil},

		// location
		{"location ok", SectionLocation, form("city", " Lisbon ", "country", "pt", "willing_to_travel", "1", "experience_level", "beginner"), nil,
			func(p Profile) bool {
				return p.City == "Lisbon" && p.Country == "PT" && p.WillingToTravel && !p.HasPassport && !p.DrivingLicence && p.ExperienceLevel == "beginner"
			}},
		{"bad country", SectionLocation, form("city", "Lisbon", "country", "XX"), map[string]string{"country": "Choose a country from the list."}, nil},
		{"country name instead of code", SectionLocation, form("country", "Portugal"), map[string]string{"country": "country"}, nil},
		{"city too long", SectionLocation, form("city", strings.Repeat("c", 81)), map[string]string{"city": "80"}, nil},
		{"unknown experience", SectionLocation, form("experience_level", "legend"), map[string]string{"experience_level": "experience level"}, nil},

		// credits and training
		{"credits ok", SectionCredits, form("credit_year", "2024", "credit_title", " Hamlet ", "credit_role", "Ophelia", "credit_company", "Teatro", "credit_kind", "theatre",
			"training_year", "", "training_institution", "ESTC", "training_course", "Acting"), nil,
			func(p Profile) bool {
				return reflect.DeepEqual(p.Credits, []Credit{{2024, "Hamlet", "Ophelia", "Teatro", "theatre"}}) &&
					reflect.DeepEqual(p.Training, []Training{{0, "ESTC", "Acting"}})
			}},
		{"credit year 1850", SectionCredits, form("credit_year", "1850", "credit_title", "Old"), map[string]string{"credit_year_0": "between 1900 and 2028"}, nil},
		{"credit year 1900", SectionCredits, form("credit_year", "1900", "credit_title", "Old"), nil, func(p Profile) bool { return p.Credits[0].Year == 1900 }},
		{"credit year now+2", SectionCredits, form("credit_year", "2028", "credit_title", "Next"), nil, func(p Profile) bool { return p.Credits[0].Year == 2028 }},
		{"credit year now+3", SectionCredits, form("credit_year", "2029", "credit_title", "Later"), map[string]string{"credit_year_0": "between 1900 and 2028"}, nil},
		{"credit year missing", SectionCredits, form("credit_year", "", "credit_title", "Undated"), map[string]string{"credit_year_0": "Give the year"}, nil},
		{"credit year not a number", SectionCredits, form("credit_year", "last year", "credit_title", "X"), map[string]string{"credit_year_0": "between 1900"}, nil},
		{"credit without title", SectionCredits, form("credit_year", "2024", "credit_title", ""), map[string]string{"credit_title_0": "title"}, nil},
		{"credit texts too long", SectionCredits, form("credit_year", "2024", "credit_title", "T", "credit_role", strings.Repeat("r", 121), "credit_company", strings.Repeat("c", 121)),
			map[string]string{"credit_role_0": "120", "credit_company_0": "120"}, nil},
		{"credit kind unknown", SectionCredits, form("credit_year", "2024", "credit_title", "T", "credit_kind", "opera_buffa"), map[string]string{"credit_kind_0": "kind of production"}, nil},
		{"51 credits", SectionCredits, many("credit", 51, "year", "2020", "title", "Show #"), map[string]string{"credit_title_50": "up to 50 credits"}, nil},
		{"training without institution", SectionCredits, form("training_year", "2015", "training_course", "Acting"), map[string]string{"training_institution_0": "school"}, nil},
		{"training year out of range", SectionCredits, form("training_year", "1800", "training_institution", "RADA"), map[string]string{"training_year_0": "between 1900"}, nil},
		{"training course too long", SectionCredits, form("training_institution", "RADA", "training_course", strings.Repeat("c", 121)), map[string]string{"training_course_0": "120"}, nil},
		{"add: the blank row is ignored", SectionCredits, form(
			"credit_year", "2020", "credit_title", "Keep", "credit_kind", "film",
			"credit_year", "", "credit_title", " ", "credit_kind", ""), nil,
			func(p Profile) bool { return len(p.Credits) == 1 && p.Credits[0].Title == "Keep" }},
		{"remove a row", SectionCredits, form(
			"credit_year", "2020", "credit_title", "Keep",
			"credit_year", "2021", "credit_title", "Drop me",
			"credit_year", "2022", "credit_title", "Keep too",
			"remove", "credit:1"), nil,
			func(p Profile) bool {
				return len(p.Credits) == 2 && p.Credits[0].Title == "Keep" && p.Credits[1].Title == "Keep too"
			}},
		{"remove an invalid row", SectionCredits, form(
			"credit_year", "1066", "credit_title", "Bad year",
			"credit_year", "2022", "credit_title", "Good",
			"remove", "credit:0"), nil,
			func(p Profile) bool { return len(p.Credits) == 1 && p.Credits[0].Title == "Good" }},
		{"remove names another list", SectionCredits, form(
			"credit_year", "2020", "credit_title", "Kept",
			"training_institution", "RADA", "remove", "training:0"), nil,
			func(p Profile) bool { return len(p.Credits) == 1 && len(p.Training) == 0 }},
		{"clear every row", SectionCredits, form("credit_year", "", "credit_title", ""), nil,
			func(p Profile) bool { return p.Credits == nil && p.Training == nil }},

		// links
		{"links ok", SectionLinks, form("link_label", "IMDb", "link_url", "https://www.imdb.com/name/nm0000001/", "link_label", "", "link_url", "http://maya.example.org"), nil,
			func(p Profile) bool {
				return reflect.DeepEqual(p.Links, []Link{{"IMDb", "https://www.imdb.com/name/nm0000001/"}, {"maya.example.org", "http://maya.example.org"}})
			}},
		{"javascript link", SectionLinks, form("link_label", "Site", "link_url", "javascript:alert(1)"), map[string]string{"link_url_0": "https://"}, nil},
		{"ftp link", SectionLinks, form("link_url", "ftp://files.example.com/reel.mov"), map[string]string{"link_url_0": "https://"}, nil},
		{"link without scheme", SectionLinks, form("link_url", "www.imdb.com/name/nm0000001/"), map[string]string{"link_url_0": "https://"}, nil},
		{"link without host dot", SectionLinks, form("link_url", "https://localhost/admin"), map[string]string{"link_url_0": "https://"}, nil},
		{"link with a password", SectionLinks, form("link_url", "https://user:secret@example.com/"), map[string]string{"link_url_0": "https://"}, nil},
		{"link with a space", SectionLinks, form("link_url", "https://example.com/my page"), map[string]string{"link_url_0": "https://"}, nil},
		{"link label only", SectionLinks, form("link_label", "My site", "link_url", ""), map[string]string{"link_url_0": "Enter the address"}, nil},
		{"link label too long", SectionLinks, form("link_label", strings.Repeat("l", 61), "link_url", "https://example.com"), map[string]string{"link_label_0": "60"}, nil},
		{"11 links", SectionLinks, many("link", 11, "url", "https://example.com/#"), map[string]string{"link_url_10": "up to 10 links"}, nil},
		{"10 links", SectionLinks, many("link", 10, "url", "https://example.com/#"), nil, func(p Profile) bool { return len(p.Links) == 10 }},

		{"unknown section", "password", form("password", "x"), map[string]string{"section": "does not exist"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			before := fullPerformer()
			before.Email = "before@example.com"
			p := before
			errs := Parse(tt.section, tt.form, &p, now)
			for f, want := range tt.errs {
				if !strings.Contains(errs[f], want) {
					t.Errorf("errs[%q] = %q, want it to contain %q", f, errs[f], want)
				}
			}
			for f, msg := range errs {
				if _, ok := tt.errs[f]; !ok {
					t.Errorf("unexpected error %s: %q", f, msg)
				}
			}
			if len(errs) > 0 && !reflect.DeepEqual(p, before) {
				t.Errorf("a refused section changed the profile:\n%+v", p)
			}
			if tt.check != nil && !tt.check(p) {
				t.Errorf("profile after parse = %+v", p)
			}
		})
	}
}

// TestRowsMatchErrorKeys checks the list scheme: Rows gives the posted
// rows (blank ones kept, the removed one dropped) plus one blank row, and
// Parse's error keys use the same indexes, so a template shows each
// message beside the row that caused it.
func TestRowsMatchErrorKeys(t *testing.T) {
	t.Parallel()
	fields := creditRows.view().Names()
	posted := form(
		"credit_year", "2020", "credit_title", "Fine", "credit_role", "", "credit_company", "", "credit_kind", "",
		"credit_year", "", "credit_title", "", "credit_role", "", "credit_company", "", "credit_kind", "",
		"credit_year", "900", "credit_title", "Typo", "credit_role", "", "credit_company", "", "credit_kind", "",
	)
	tests := []struct {
		remove    string
		titles    []string // Rows' titles
		errorAt   int      // the index of "Typo"
		unchanged bool
	}{
		{"", []string{"Fine", "", "Typo", ""}, 2, true},
		{"credit:0", []string{"", "Typo", ""}, 1, true},
		{"credit:1", []string{"Fine", "Typo", ""}, 1, true},
		{"credit:2", []string{"Fine", "", ""}, -1, false},
		{"credit:x", []string{"Fine", "", "Typo", ""}, 2, true},
		{"link:0", []string{"Fine", "", "Typo", ""}, 2, true},
	}
	for _, tt := range tests {
		f := url.Values{}
		for k, v := range posted {
			f[k] = v
		}
		if tt.remove != "" {
			f.Set("remove", tt.remove)
		}
		rows := Rows(f, "credit", fields)
		var titles []string
		for _, r := range rows {
			titles = append(titles, r["title"])
		}
		if !reflect.DeepEqual(titles, tt.titles) {
			t.Errorf("remove=%q: rows %q, want %q", tt.remove, titles, tt.titles)
		}
		if last := rows[len(rows)-1]; len(last) != 0 {
			t.Errorf("remove=%q: the last row is not the blank one to add: %v", tt.remove, last)
		}
		p := Profile{}
		errs := Parse(SectionCredits, f, &p, now)
		if tt.errorAt < 0 {
			if len(errs) != 0 || len(p.Credits) != 1 {
				t.Errorf("remove=%q: errs %v, credits %v", tt.remove, errs, p.Credits)
			}
			continue
		}
		key := fmt.Sprintf("credit_year_%d", tt.errorAt)
		if len(errs) != 1 || errs[key] == "" || rows[tt.errorAt]["year"] != "900" {
			t.Errorf("remove=%q: errs %v, want one at %s beside the row typed 900 (%v)", tt.remove, errs, key, rows)
		}
	}
	// The stored list renders as its rows plus a blank one.
	p := fullPerformer()
	rows := Rows(Values(SectionCredits, p), "credit", fields)
	if len(rows) != len(p.Credits)+1 || rows[0]["title"] != "The Tide" || rows[0]["year"] != "2024" || rows[len(rows)-1]["title"] != "" {
		t.Errorf("stored rows = %v", rows)
	}
}

// TestValuesRoundTrip rebuilds whole profiles from their sections' form
// values: what the editor shows is what it saves.
func TestValuesRoundTrip(t *testing.T) {
	t.Parallel()
	for name, p := range map[string]Profile{"performer": fullPerformer(), "crew": fullCrew()} {
		var q Profile
		for _, s := range Sections {
			if errs := Parse(s.Name, Values(s.Name, p), &q, now); len(errs) > 0 {
				t.Errorf("%s %s: re-parsing the stored values failed: %v", name, s.Name, errs)
			}
		}
		if !reflect.DeepEqual(p, q) {
			t.Errorf("%s: round trip\n got %+v\nwant %+v", name, q, p)
		}
	}
}

// TestValuesKeepTyped checks what a template shows after a refusal: the
// posted values, untouched, beside the messages.
func TestValuesKeepTyped(t *testing.T) {
	t.Parallel()
	posted := form("height_cm", "900", "eye_colour", "purple", "role_types", "actor", "playing_age_min", "40", "playing_age_max", "25")
	p := fullPerformer()
	errs := Parse(SectionPerformer, posted, &p, now)
	if posted.Get("height_cm") != "900" || posted.Get("eye_colour") != "purple" || errs["height_cm"] == "" || errs["eye_colour"] == "" || errs["playing_age_max"] == "" {
		t.Fatalf("posted %v, errs %v", posted, errs)
	}
	if p.HeightCM != 168 {
		t.Fatalf("stored height changed to %d", p.HeightCM)
	}
}

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, p := range []Profile{fullPerformer(), fullCrew()} {
		if errs := Validate(p, now); len(errs) != 0 {
			t.Errorf("Validate(%s) = %v", p.DisplayName, errs)
		}
	}
	if errs := Validate(Profile{}, now); len(errs) != 1 || errs["display_name"] == "" {
		t.Errorf("Validate(empty) = %v, want only the missing name", errs)
	}
	p := fullPerformer()
	p.HeightCM, p.Country, p.Links[0].URL, p.Credits[0].Year = 900, "XX", "javascript:alert(1)", 2030
	errs := Validate(p, now)
	for _, f := range []string{"height_cm", "country", "link_url_0", "credit_year_0"} {
		if errs[f] == "" {
			t.Errorf("Validate missed %s: %v", f, errs)
		}
	}
	// 2030 becomes acceptable two years later: the rule follows now.
	if errs := Validate(fullPerformer(), now.AddDate(2, 0, 0)); len(errs) != 0 {
		t.Errorf("later: %v", errs)
	}
}

func TestSections(t *testing.T) {
	t.Parallel()
	names := func(ss []Section) (out []string) {
		for _, s := range ss {
			out = append(out, s.Name)
		}
		return out
	}
	perf, crew := names(SectionsFor(KindPerformer)), names(SectionsFor(KindCrew))
	if !reflect.DeepEqual(perf, []string{"identity", "about", "performer", "skills", "unions", "location", "credits", "links"}) {
		t.Errorf("performer sections %v", perf)
	}
	if !reflect.DeepEqual(crew, []string{"identity", "about", "crew", "skills", "unions", "location", "credits", "links"}) {
		t.Errorf("crew sections %v", crew)
	}
	if _, ok := SectionByName(KindCrew, SectionPerformer); ok {
		t.Error("crew may edit the performer section")
	}
	if s, ok := SectionByName(KindPerformer, SectionPerformer); !ok || s.Title == "" {
		t.Error("performer section not found")
	}
	for _, s := range Sections {
		if s.Title == "" {
			t.Errorf("section %s has no title", s.Name)
		}
		if errs := Parse(s.Name, url.Values{"display_name": {"M"}}, &Profile{}, now); len(errs) != 0 {
			t.Errorf("an empty %s form is refused: %v", s.Name, errs)
		}
	}
}

func TestPredicates(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"+44 20 7946 0000": true, "(020) 7946-0000": true, "123456": true, "12345": false, "+1 555 CALL NOW": false,
		"555.123.4567": false, "1+2345678": false, strings.Repeat("9", 20): true, strings.Repeat("9", 21): false, "": false,
	} {
		if PhoneOK(s) != want {
			t.Errorf("PhoneOK(%q) = %v", s, !want)
		}
	}
	for s, want := range map[string]bool{
		"https://example.com": true, "http://example.com/a?b=c#d": true, "https://example.com:8443/x": true,
		"example.com": false, "//example.com": false, "mailto:maya@example.com": false, "https://": false,
		"https://user@example.com": false, "https:example.com": false, "https://example.com/" + strings.Repeat("a", 500): false,
	} {
		if WebURL(s) != want {
			t.Errorf("WebURL(%q) = %v", s, !want)
		}
	}
	for _, c := range []struct {
		lo, hi int
		want   bool
	}{{0, 0, true}, {20, 0, true}, {20, 30, true}, {30, 30, true}, {31, 30, false}, {-1, 10, false}, {10, 101, false}} {
		if PlayingAgesOK(c.lo, c.hi) != c.want {
			t.Errorf("PlayingAgesOK(%d, %d) = %v", c.lo, c.hi, !c.want)
		}
	}
	if LastYear(now) != 2028 {
		t.Errorf("LastYear = %d", LastYear(now))
	}
}
