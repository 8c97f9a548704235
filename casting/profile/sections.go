package profile

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Section is one part of the profile form; each saves on its own.
type Section struct {
	Name  string
	Title string
	Hint  string
	For   Kind // "" for both kinds
}

// Sections lists the profile's sections in page order.
var Sections = []Section{
	{"identity", "Identity & contact", "Your e-mail address and phone are never shown on your public page.", ""},
	{"about", "About you", "A headline and a short bio in your own words.", ""},
	{"performer", "Appearance & role types", "What producers filter on first.", KindPerformer},
	{"crew", "Departments & equipment", "Where you work on a set.", KindCrew},
	{"skills", "Skills, languages & accents", "Skills are short tags, separated by commas.", ""},
	{"unions", "Union membership", "", ""},
	{"location", "Location & availability", "", ""},
	{"credits", "Credits & training", "Leave a row empty to remove it.", ""},
	{"links", "Links", "Your agency page, IMDb, website…", ""},
}

// SectionsFor returns the sections a kind of talent fills in.
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

// Errors maps a form field to the message shown beside it.
type Errors map[string]string

// Limits on lists and text.
const (
	maxSkills    = 30
	maxLanguages = 12
	maxCredits   = 50
	maxTraining  = 20
	maxLinks     = 10
	maxBio       = 2000
	maxHeadline  = 120
	maxEquipment = 1000
	minBio       = 50
)

// Parse reads one section's form into p and validates it. On errors p is
// left unchanged for that section and the caller redisplays the posted
// form (Values) so what was typed is kept. now dates the credits' years.
//
// Lists post as parallel repeated fields, one per row: credit_year,
// credit_title, credit_role, credit_company, credit_kind (and the same
// for training_, language_, link_); a row left empty is dropped, and a
// "remove" value "credit:2" drops row 2.
func Parse(section string, form url.Values, p *Profile, now time.Time) Errors {
	next := *p
	e := Errors{}
	v := func(k string) string { return strings.TrimSpace(form.Get(k)) }
	switch section {
	case "identity":
		next.DisplayName = collapse(v("display_name"))
		next.Pronouns = v("pronouns")
		next.Phone = v("phone")
		if next.DisplayName == "" {
			e["display_name"] = "Enter the name producers will see."
		} else if utf8.RuneCountInString(next.DisplayName) > 80 {
			e["display_name"] = "Keep your name under 80 characters."
		}
		if utf8.RuneCountInString(next.Pronouns) > 30 {
			e["pronouns"] = "Keep pronouns under 30 characters."
		}
		if next.Phone != "" && !PhoneOK(next.Phone) {
			e["phone"] = "Enter a phone number with 6 to 20 digits, e.g. +44 20 7946 0000."
		}
	case "about":
		next.Headline = collapse(v("headline"))
		next.Bio = strings.TrimSpace(strings.ReplaceAll(form.Get("bio"), "\r\n", "\n"))
		if utf8.RuneCountInString(next.Headline) > maxHeadline {
			e["headline"] = fmt.Sprintf("Keep your headline under %d characters.", maxHeadline)
		}
		if utf8.RuneCountInString(next.Bio) > maxBio {
			e["bio"] = fmt.Sprintf("Keep your bio under %d characters (it has %d).", maxBio, utf8.RuneCountInString(next.Bio))
		}
	case "performer":
		next.RoleTypes = choices(form["role_types"], RoleTypes, "role_types", "Choose role types from the list.", e)
		next.Gender = choice(v("gender"), Genders, "gender", "Choose a gender from the list.", e)
		next.PlayingAgeMin = number(v("playing_age_min"), 0, 100, "playing_age_min", "Playing ages are between 0 and 100.", e)
		next.PlayingAgeMax = number(v("playing_age_max"), 0, 100, "playing_age_max", "Playing ages are between 0 and 100.", e)
		if e["playing_age_min"] == "" && e["playing_age_max"] == "" && next.PlayingAgeMax > 0 && next.PlayingAgeMin > next.PlayingAgeMax {
			e["playing_age_max"] = "The maximum playing age must be at or above the minimum."
		}
		next.HeightCM = number(v("height_cm"), 50, 250, "height_cm", "Height must be between 50 and 250 cm.", e)
		next.Build = choice(v("build"), Builds, "build", "Choose a build from the list.", e)
		next.EyeColour = choice(v("eye_colour"), EyeColours, "eye_colour", "Choose an eye colour from the list.", e)
		next.HairColour = choice(v("hair_colour"), HairColours, "hair_colour", "Choose a hair colour from the list.", e)
		next.HairLength = choice(v("hair_length"), HairLengths, "hair_length", "Choose a hair length from the list.", e)
		next.Ethnicities = choices(form["ethnicities"], Ethnicities, "ethnicities", "Choose from the list, or leave it empty.", e)
	case "crew":
		next.Departments = choices(form["departments"], Departments, "departments", "Choose departments from the list.", e)
		next.Equipment = strings.TrimSpace(form.Get("equipment"))
		if utf8.RuneCountInString(next.Equipment) > maxEquipment {
			e["equipment"] = fmt.Sprintf("Keep the equipment list under %d characters.", maxEquipment)
		}
	case "skills":
		var msg string
		if next.Skills, msg = tags(v("skills"), maxSkills); msg != "" {
			e["skills"] = msg
		}
		if next.Accents, msg = tags(v("accents"), maxSkills); msg != "" {
			e["accents"] = msg
		}
		next.Languages = nil
		rows := rowsOf(form, "language", []string{"name", "level"})
		for i, r := range rows {
			if r["name"] == "" && r["level"] == "" {
				continue
			}
			if r["name"] == "" || utf8.RuneCountInString(r["name"]) > 40 {
				e[fmt.Sprintf("language_name_%d", i)] = "Name the language (under 40 characters)."
			}
			if !Valid(LanguageLevels, r["level"]) {
				e[fmt.Sprintf("language_level_%d", i)] = "Choose how well you speak it."
			}
			next.Languages = append(next.Languages, Language{Name: r["name"], Level: r["level"]})
		}
		if len(next.Languages) > maxLanguages {
			e["languages"] = fmt.Sprintf("List at most %d languages.", maxLanguages)
		}
	case "unions":
		next.Unions = choices(form["unions"], Unions, "unions", "Choose unions from the list.", e)
	case "location":
		next.City = collapse(v("city"))
		next.Country = strings.ToUpper(v("country"))
		if utf8.RuneCountInString(next.City) > 80 {
			e["city"] = "Keep the city under 80 characters."
		}
		if next.Country != "" && !Valid(Countries, next.Country) {
			e["country"] = "Choose a country from the list."
		}
		next.WillingToTravel = form.Get("willing_to_travel") != ""
		next.DrivingLicence = form.Get("driving_licence") != ""
		next.HasPassport = form.Get("has_passport") != ""
		next.ExperienceLevel = choice(v("experience_level"), ExperienceLevels, "experience_level", "Choose an experience level from the list.", e)
	case "credits":
		next.Credits, next.Training = nil, nil
		for i, r := range rowsOf(form, "credit", []string{"year", "title", "role", "company", "kind"}) {
			if empty(r) {
				continue
			}
			c := Credit{Title: r["title"], Role: r["role"], Company: r["company"], Kind: r["kind"]}
			c.Year = year(r["year"], now, fmt.Sprintf("credit_year_%d", i), true, e)
			if c.Title == "" {
				e[fmt.Sprintf("credit_title_%d", i)] = "Give the production's title."
			} else if utf8.RuneCountInString(c.Title) > 120 {
				e[fmt.Sprintf("credit_title_%d", i)] = "Keep titles under 120 characters."
			}
			if c.Kind != "" && !Valid(CreditKinds, c.Kind) {
				e[fmt.Sprintf("credit_kind_%d", i)] = "Choose a kind from the list."
			}
			if utf8.RuneCountInString(c.Role) > 120 || utf8.RuneCountInString(c.Company) > 120 {
				e[fmt.Sprintf("credit_role_%d", i)] = "Keep role and company under 120 characters."
			}
			next.Credits = append(next.Credits, c)
		}
		for i, r := range rowsOf(form, "training", []string{"year", "institution", "course"}) {
			if empty(r) {
				continue
			}
			tr := Training{Institution: r["institution"], Course: r["course"]}
			tr.Year = year(r["year"], now, fmt.Sprintf("training_year_%d", i), false, e)
			if tr.Institution == "" {
				e[fmt.Sprintf("training_institution_%d", i)] = "Name the school or teacher."
			}
			next.Training = append(next.Training, tr)
		}
		if len(next.Credits) > maxCredits {
			e["credits"] = fmt.Sprintf("List at most %d credits.", maxCredits)
		}
		if len(next.Training) > maxTraining {
			e["training"] = fmt.Sprintf("List at most %d courses.", maxTraining)
		}
	case "links":
		next.Links = nil
		for i, r := range rowsOf(form, "link", []string{"label", "url"}) {
			if empty(r) {
				continue
			}
			l := Link{Label: r["label"], URL: r["url"]}
			if !WebURL(l.URL) {
				e[fmt.Sprintf("link_url_%d", i)] = "Enter a full web address starting with https://."
			}
			if l.Label == "" {
				l.Label = hostOf(l.URL)
			}
			if utf8.RuneCountInString(l.Label) > 60 {
				e[fmt.Sprintf("link_label_%d", i)] = "Keep labels under 60 characters."
			}
			next.Links = append(next.Links, l)
		}
		if len(next.Links) > maxLinks {
			e["links"] = fmt.Sprintf("List at most %d links.", maxLinks)
		}
	default:
		e["section"] = "Unknown section."
	}
	if len(e) == 0 {
		*p = next
	}
	return e
}

// Values renders a section of p as the form fields Parse reads, so a
// section is always displayed from url.Values: the stored profile, or
// what the person just typed.
func Values(section string, p Profile) url.Values {
	f := url.Values{}
	set := func(k, v string) {
		if v != "" {
			f.Set(k, v)
		}
	}
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	flag := func(k string, b bool) {
		if b {
			f.Set(k, "1")
		}
	}
	switch section {
	case "identity":
		set("display_name", p.DisplayName)
		set("pronouns", p.Pronouns)
		set("phone", p.Phone)
	case "about":
		set("headline", p.Headline)
		set("bio", p.Bio)
	case "performer":
		f["role_types"] = p.RoleTypes
		set("gender", p.Gender)
		set("playing_age_min", num(p.PlayingAgeMin))
		set("playing_age_max", num(p.PlayingAgeMax))
		set("height_cm", num(p.HeightCM))
		set("build", p.Build)
		set("eye_colour", p.EyeColour)
		set("hair_colour", p.HairColour)
		set("hair_length", p.HairLength)
		f["ethnicities"] = p.Ethnicities
	case "crew":
		f["departments"] = p.Departments
		set("equipment", p.Equipment)
	case "skills":
		set("skills", strings.Join(p.Skills, ", "))
		set("accents", strings.Join(p.Accents, ", "))
		for _, l := range p.Languages {
			f.Add("language_name", l.Name)
			f.Add("language_level", l.Level)
		}
	case "unions":
		f["unions"] = p.Unions
	case "location":
		set("city", p.City)
		set("country", p.Country)
		flag("willing_to_travel", p.WillingToTravel)
		flag("driving_licence", p.DrivingLicence)
		flag("has_passport", p.HasPassport)
		set("experience_level", p.ExperienceLevel)
	case "credits":
		for _, c := range p.Credits {
			f.Add("credit_year", num(c.Year))
			f.Add("credit_title", c.Title)
			f.Add("credit_role", c.Role)
			f.Add("credit_company", c.Company)
			f.Add("credit_kind", c.Kind)
		}
		for _, t := range p.Training {
			f.Add("training_year", num(t.Year))
			f.Add("training_institution", t.Institution)
			f.Add("training_course", t.Course)
		}
	case "links":
		for _, l := range p.Links {
			f.Add("link_label", l.Label)
			f.Add("link_url", l.URL)
		}
	}
	return f
}

// Row is one row of a list section, by field name.
type Row map[string]string

// Rows returns the rows of a list posted as parallel fields, dropping the
// one named by a "remove" value ("credit:2"), plus one blank row to add.
func Rows(form url.Values, prefix string, fields []string) []Row {
	return append(rowsOf(form, prefix, fields), Row{})
}

func rowsOf(form url.Values, prefix string, fields []string) []Row {
	n := 0
	for _, f := range fields {
		n = max(n, len(form[prefix+"_"+f]))
	}
	remove := -1
	if kind, idx, ok := strings.Cut(form.Get("remove"), ":"); ok && kind == prefix {
		remove, _ = strconv.Atoi(idx)
	}
	var rows []Row
	for i := 0; i < n; i++ {
		if i == remove {
			continue
		}
		r := Row{}
		for _, f := range fields {
			if vs := form[prefix+"_"+f]; i < len(vs) {
				r[f] = strings.TrimSpace(vs[i])
			}
		}
		rows = append(rows, r)
	}
	return rows
}

func empty(r Row) bool {
	for _, v := range r {
		if v != "" {
			return false
		}
	}
	return true
}

func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

func choice(v string, opts []Option, field, msg string, e Errors) string {
	if v != "" && !Valid(opts, v) {
		e[field] = msg
	}
	return v
}

func choices(vs []string, opts []Option, field, msg string, e Errors) []string {
	var out []string
	seen := map[string]bool{}
	for _, v := range vs {
		v = strings.TrimSpace(v)
		if v == "" || seen[v] {
			continue
		}
		if !Valid(opts, v) {
			e[field] = msg
		}
		seen[v] = true
		out = append(out, v)
	}
	return out
}

func number(s string, lo, hi int, field, msg string, e Errors) int {
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		e[field] = msg
		return 0
	}
	return n
}

func year(s string, now time.Time, field string, required bool, e Errors) int {
	if s == "" {
		if required {
			e[field] = "Give the year."
		}
		return 0
	}
	hi := now.Year() + 2
	y, err := strconv.Atoi(s)
	if err != nil || y < 1900 || y > hi {
		e[field] = fmt.Sprintf("Enter a year between 1900 and %d.", hi)
		return 0
	}
	return y
}

// tags splits a comma-separated list into trimmed, de-duplicated tags.
func tags(s string, limit int) ([]string, string) {
	var out []string
	seen := map[string]bool{}
	for _, t := range strings.Split(s, ",") {
		t = collapse(t)
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		if n := utf8.RuneCountInString(t); n < 2 || n > 40 {
			return out, fmt.Sprintf("Each entry is 2 to 40 characters (%q is not).", t)
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	if len(out) > limit {
		return out, fmt.Sprintf("List at most %d entries.", limit)
	}
	return out, ""
}

var phoneChars = regexp.MustCompile(`^\+?[0-9 ()\-.]+$`)

// PhoneOK reports whether s looks like a phone number.
func PhoneOK(s string) bool {
	if !phoneChars.MatchString(s) {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		}
	}
	return digits >= 6 && digits <= 20
}

// WebURL reports whether s is an absolute http(s) address.
func WebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && strings.Contains(u.Host, ".") && len(s) <= 500
}

func hostOf(s string) string {
	if u, err := url.Parse(s); err == nil {
		return strings.TrimPrefix(u.Host, "www.")
	}
	return s
}
