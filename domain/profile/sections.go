package profile

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/slatecasting/slate/domain"
)

// Section is one part of the profile editor; each saves on its own.
type Section struct {
	// Name is one of the Section* constants: the URL segment, the form's
	// id and the Missing.Section of the meter.
	Name string
	// Title heads the section.
	Title string
	// Hint is a line of help under the title.
	Hint string
	// For is the kind of talent that fills the section in, or "" for both.
	For Kind
}

// The sections' names, as Parse and Values take them.
const (
	// SectionIdentity: display_name, pronouns, email, phone.
	SectionIdentity = "identity"
	// SectionAbout: headline, bio.
	SectionAbout = "about"
	// SectionPerformer: role_types, gender, playing_age_min,
	// playing_age_max, height_cm, build, eye_colour, hair_colour,
	// hair_length, ethnicities.
	SectionPerformer = "performer"
	// SectionCrew: departments, equipment.
	SectionCrew = "crew"
	// SectionSkills: skills, accents (comma-separated) and the language_
	// rows.
	SectionSkills = "skills"
	// SectionUnions: unions (ticked), union_other (typed, comma-separated).
	SectionUnions = "unions"
	// SectionLocation: city, country, willing_to_travel, driving_licence,
	// has_passport, experience_level.
	SectionLocation = "location"
	// SectionCredits: the credit_ and training_ rows.
	SectionCredits = "credits"
	// SectionLinks: the link_ rows.
	SectionLinks = "links"
)

// Sections lists the profile's sections in page order.
var Sections = []Section{
	{SectionIdentity, "Identity & contact", "Your e-mail address and phone are never shown on your public page.", ""},
	{SectionAbout, "About you", "A headline and a short bio in your own words.", ""},
	{SectionPerformer, "Appearance & role types", "What producers filter on first.", KindPerformer},
	{SectionCrew, "Departments & equipment", "Where you work on a set.", KindCrew},
	{SectionSkills, "Skills, languages & accents", "Skills are short tags, separated by commas.", ""},
	{SectionUnions, "Union membership", "", ""},
	{SectionLocation, "Location & availability", "", ""},
	{SectionCredits, "Credits & training", "Productions you worked on and where you trained, newest first.", ""},
	{SectionLinks, "Links", "Your agency page, IMDb, website…", ""},
}

// SectionsFor returns the sections a kind of talent fills in, in order.
func SectionsFor(k Kind) []Section {
	var out []Section
	for _, s := range Sections {
		if s.For == "" || s.For == k {
			out = append(out, s)
		}
	}
	return out
}

// SectionByName finds a section a kind of talent may edit.
func SectionByName(k Kind, name string) (Section, bool) {
	for _, s := range SectionsFor(k) {
		if s.Name == name {
			return s, true
		}
	}
	return Section{}, false
}

// Parse reads one section's form into p and validates it; now bounds the
// credits' years. On errors p is left exactly as it was (nothing of the
// section is applied) and the caller redisplays the posted form itself,
// which holds what was typed — see the package documentation. Every value
// is trimmed, cleared of control characters and invalid UTF-8; one-line
// fields also have their inner runs of spaces collapsed.
//
// The identity section leaves Email alone when the form has no email
// field at all (the account's login address is edited elsewhere).
func Parse(section string, form url.Values, p *Profile, now time.Time) domain.FieldErrors {
	next := *p
	e := domain.FieldErrors{}
	f := formReader(form)
	switch section {
	case SectionIdentity:
		parseIdentity(f, &next, e)
	case SectionAbout:
		parseAbout(f, &next, e)
	case SectionPerformer:
		parsePerformer(f, &next, e)
	case SectionCrew:
		next.Departments = f.choices("departments", "departments", "Choose departments from the list.", e)
		next.Equipment = f.text("equipment")
		tooLong(e, "equipment", next.Equipment, MaxEquipment, "Keep the equipment list to %d characters (it has %d).")
	case SectionSkills:
		next.Skills = f.tags("skills", "skills", e)
		next.Accents = f.tags("accents", "accents", e)
	case SectionUnions:
		next.Unions = parseUnions(f, e)
	case SectionLocation:
		next.City = f.line("city")
		tooLong(e, "city", next.City, MaxCity, "Keep the city to %d characters (it has %d).")
		next.Country = strings.ToUpper(f.line("country"))
		if next.Country != "" && !CountryOK(next.Country) {
			e.Add("country", "Choose a country from the list.")
		}
		next.WillingToTravel = f.flag("willing_to_travel")
		next.DrivingLicence = f.flag("driving_licence")
		next.HasPassport = f.flag("has_passport")
		next.ExperienceLevel = f.choice("experience_level", "experience_levels", "Choose an experience level from the list.", e)
	case SectionCredits, SectionLinks: // only row lists
	default:
		e.Add("section", "This part of the profile does not exist.")
	}
	for _, l := range listsOf(section) {
		l.parse(form, &next, now, e)
	}
	if len(e) == 0 {
		*p = next
	}
	return e
}

func parseIdentity(f formReader, p *Profile, e domain.FieldErrors) {
	p.DisplayName = f.line("display_name")
	if p.DisplayName == "" {
		e.Add("display_name", "Enter the name producers will see.")
	}
	tooLong(e, "display_name", p.DisplayName, MaxDisplayName, "Keep your name to %d characters (it has %d).")
	p.Pronouns = f.line("pronouns")
	tooLong(e, "pronouns", p.Pronouns, MaxPronouns, "Keep pronouns to %d characters (they have %d).")
	if _, posted := f["email"]; posted {
		p.Email = f.line("email")
		if msg := domain.EmailProblem(p.Email); msg != "" && p.Email != "" { // empty: use the login address
			e.Add("email", msg)
		}
	}
	p.Phone = f.line("phone")
	if p.Phone != "" && !PhoneOK(p.Phone) {
		e.Add("phone", fmt.Sprintf("Enter a phone number of %d to %d digits, using only digits, spaces, +, - and brackets, e.g. +44 20 7946 0000.", MinPhoneDigits, MaxPhoneDigits))
	}
}

func parseAbout(f formReader, p *Profile, e domain.FieldErrors) {
	p.Headline = f.line("headline")
	tooLong(e, "headline", p.Headline, MaxHeadline, "Keep your headline to %d characters (it has %d).")
	p.Bio = f.text("bio")
	tooLong(e, "bio", p.Bio, MaxBio, "Keep your bio to %d characters (it has %d).")
}

func parsePerformer(f formReader, p *Profile, e domain.FieldErrors) {
	p.RoleTypes = f.choices("role_types", "role_types", "Choose role types from the list.", e)
	p.Gender = f.choice("gender", "genders", "Choose a gender from the list, or leave it empty.", e)
	p.PlayingAgeMin = f.number("playing_age_min", 0, MaxPlayingAge,
		"Enter the age as a whole number, e.g. 25.", fmt.Sprintf("Playing ages are between 0 and %d.", MaxPlayingAge), e)
	p.PlayingAgeMax = f.number("playing_age_max", 0, MaxPlayingAge,
		"Enter the age as a whole number, e.g. 35.", fmt.Sprintf("Playing ages are between 0 and %d.", MaxPlayingAge), e)
	if e["playing_age_min"] == "" && e["playing_age_max"] == "" && !PlayingAgesOK(p.PlayingAgeMin, p.PlayingAgeMax) {
		e.Add("playing_age_max", "The maximum playing age must be at or above the minimum.")
	}
	p.HeightCM = f.number("height_cm", MinHeightCM, MaxHeightCM,
		"Enter your height in centimetres as a whole number, e.g. 172.",
		fmt.Sprintf("Height must be between %d and %d cm.", MinHeightCM, MaxHeightCM), e)
	p.Build = f.choice("build", "builds", "Choose a build from the list.", e)
	p.EyeColour = f.choice("eye_colour", "eye_colours", "Choose an eye colour from the list.", e)
	p.HairColour = f.choice("hair_colour", "hair_colours", "Choose a hair colour from the list.", e)
	p.HairLength = f.choice("hair_length", "hair_lengths", "Choose a hair length from the list.", e)
	p.EthnicAppearance = f.choices("ethnicities", "ethnicities", "Choose from the list, or leave it empty.", e)
}

func parseUnions(f formReader, e domain.FieldErrors) []string {
	out := f.choices("unions", "unions", "Choose unions from the list.", e)
	typed := f.tagList("union_other")
	if len(typed) > MaxOtherUnions {
		e.Add("union_other", fmt.Sprintf("Type at most %d other unions.", MaxOtherUnions))
	}
	for _, t := range typed {
		if n := utf8.RuneCountInString(t); n < MinTagLen || n > MaxUnionName {
			e.Add("union_other", fmt.Sprintf("Each union's name is %d to %d characters (%q is not).", MinTagLen, MaxUnionName, t))
			continue
		}
		v := t
		for _, o := range Unions { // "Equity (UK)" or "equity_uk" typed: the listed one
			if strings.EqualFold(t, o.Value) || strings.EqualFold(t, o.Label) {
				v = o.Value
			}
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	if slices.Contains(out, "none") && len(out) > 1 {
		e.Add("unions", "Choose “Not a union member” or your unions, not both.")
	}
	return out
}

// Values renders a section of p as the form fields Parse reads, so a
// section is always displayed from url.Values: the stored profile's, or
// the posted ones after a refusal. Parse(section, Values(section, p))
// gives p back.
func Values(section string, p Profile) url.Values {
	f := url.Values{}
	set := func(k, v string) {
		if v != "" {
			f.Set(k, v)
		}
	}
	list := func(k string, vs []string) {
		if len(vs) > 0 {
			f[k] = slices.Clone(vs)
		}
	}
	flag := func(k string, b bool) {
		if b {
			f.Set(k, "1")
		}
	}
	switch section {
	case SectionIdentity:
		set("display_name", p.DisplayName)
		set("pronouns", p.Pronouns)
		set("email", p.Email)
		set("phone", p.Phone)
	case SectionAbout:
		set("headline", p.Headline)
		set("bio", p.Bio)
	case SectionPerformer:
		list("role_types", p.RoleTypes)
		set("gender", p.Gender)
		set("playing_age_min", num(p.PlayingAgeMin))
		set("playing_age_max", num(p.PlayingAgeMax))
		set("height_cm", num(p.HeightCM))
		set("build", p.Build)
		set("eye_colour", p.EyeColour)
		set("hair_colour", p.HairColour)
		set("hair_length", p.HairLength)
		list("ethnicities", p.EthnicAppearance)
	case SectionCrew:
		list("departments", p.Departments)
		set("equipment", p.Equipment)
	case SectionSkills:
		set("skills", strings.Join(p.Skills, ", "))
		set("accents", strings.Join(p.Accents, ", "))
	case SectionUnions:
		var typed []string
		for _, u := range p.Unions {
			if Valid(Unions, u) {
				f.Add("unions", u)
			} else {
				typed = append(typed, u)
			}
		}
		set("union_other", strings.Join(typed, ", "))
	case SectionLocation:
		set("city", p.City)
		set("country", p.Country)
		flag("willing_to_travel", p.WillingToTravel)
		flag("driving_licence", p.DrivingLicence)
		flag("has_passport", p.HasPassport)
		set("experience_level", p.ExperienceLevel)
	}
	for _, l := range listsOf(section) {
		l.values(p, f)
	}
	return f
}

// formReader reads cleaned values from a posted form.
type formReader url.Values

// text is a multi-line value: trimmed, line endings normalised.
func (f formReader) text(k string) string {
	return strings.TrimSpace(strings.ReplaceAll(clean(url.Values(f).Get(k)), "\r\n", "\n"))
}

// line is a one-line value: trimmed, runs of spaces collapsed.
func (f formReader) line(k string) string { return collapse(clean(url.Values(f).Get(k))) }

func (f formReader) flag(k string) bool { return f.line(k) != "" }

// choice reads a single choice from the option list called list (see
// OptionLists, whose names the template's select uses too).
func (f formReader) choice(k, list, msg string, e domain.FieldErrors) string {
	v := f.line(k)
	if v != "" && !Valid(Options(list), v) {
		e.Add(k, msg)
	}
	return v
}

// choices reads a multiple choice (a repeated field) from the option
// list called list, dropping empties and repeats.
func (f formReader) choices(k, list, msg string, e domain.FieldErrors) []string {
	var out []string
	for _, v := range f[k] {
		v = collapse(clean(v))
		if v == "" || slices.Contains(out, v) {
			continue
		}
		if !Valid(Options(list), v) {
			e.Add(k, msg)
		}
		out = append(out, v)
	}
	return out
}

// number reads a whole number in lo..hi; empty is 0 (unset).
func (f formReader) number(k string, lo, hi int, notNumber, outOfRange string, e domain.FieldErrors) int {
	s := f.line(k)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	switch {
	case err != nil:
		e.Add(k, notNumber)
		return 0
	case n < lo || n > hi:
		e.Add(k, outOfRange)
		return 0
	}
	return n
}

// tagList splits every value of k on commas and new lines into trimmed,
// non-empty entries.
func (f formReader) tagList(k string) []string {
	var out []string
	for _, v := range f[k] {
		for _, t := range strings.FieldsFunc(clean(v), func(r rune) bool { return r == ',' || r == '\n' }) {
			if t = collapse(t); t != "" {
				out = append(out, t)
			}
		}
	}
	return out
}

// tags reads free-form tags (skills, accents): each 2–40 characters, at
// most 30, repeats dropped case-insensitively (the first spelling kept).
func (f formReader) tags(k, field string, e domain.FieldErrors) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range f.tagList(k) {
		if seen[strings.ToLower(t)] {
			continue
		}
		if n := utf8.RuneCountInString(t); n < MinTagLen || n > MaxTagLen {
			e.Add(field, fmt.Sprintf("Each entry is %d to %d characters (%q is not).", MinTagLen, MaxTagLen, t))
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	if len(out) > MaxTags {
		e.Add(field, fmt.Sprintf("List at most %d entries (there are %d).", MaxTags, len(out)))
	}
	return out
}

// tooLong records msg (formatted with the limit and the length) when s
// has more than limit characters.
func tooLong(e domain.FieldErrors, field, s string, limit int, msg string) {
	if m := longer(s, limit, msg); m != "" {
		e.Add(field, m)
	}
}

// clean drops invalid UTF-8 and control characters other than new lines
// and tabs (a NUL would not even fit in a JSONB document).
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return -1
		}
		return r
	}, s)
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func num(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func hostOf(s string) string {
	if u, err := url.Parse(s); err == nil && u.Hostname() != "" {
		return strings.TrimPrefix(u.Hostname(), "www.")
	}
	return s
}
