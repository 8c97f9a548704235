package profile

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The profile's row lists. Each field of a row is declared once, here:
// Parse reads it, Values writes it back and the section template renders
// it from this table (see RowList).

var languageRows = RowList[Profile, Language]{
	Prefix: "language", Section: SectionSkills, Legend: "Languages", Remove: "Remove this language",
	Fields: []RowField[Language]{
		{Column: Column{Name: "name", Label: "Language", Required: "Name the language, or clear the row.",
			Check: func(v string, _ time.Time) string {
				if utf8.RuneCountInString(v) > MaxLanguageName {
					return fmt.Sprintf("Keep the language's name to %d characters.", MaxLanguageName)
				}
				return ""
			}},
			Text: func(l *Language) *string { return &l.Name }},
		{Column: Column{Name: "level", Label: "Level", Options: "language_levels",
			Required: "Choose how well you speak it.", Invalid: "Choose how well you speak it."},
			Text: func(l *Language) *string { return &l.Level }},
	},
	Max: MaxLanguages, TooMany: "You can list up to %d languages: remove one to add this one.", TooManyAt: "name",
	Unique: func(l Language, above []Language) (string, string) {
		for _, a := range above {
			if strings.ToLower(a.Name) == strings.ToLower(l.Name) {
				return "name", l.Name + " is already listed."
			}
		}
		return "", ""
	},
	In: func(p *Profile) *[]Language { return &p.Languages },
}

var creditRows = RowList[Profile, Credit]{
	Prefix: "credit", Section: SectionCredits, Legend: "Credits", Class: "row-credit", Remove: "Remove this credit",
	Fields: []RowField[Credit]{
		{Column: Column{Name: "year", Label: "Year", Type: "number", Required: "Give the year.", Check: yearIn},
			Number: func(c *Credit) *int { return &c.Year }},
		{Column: Column{Name: "title", Label: "Production", Required: "Give the production's title.",
			Check: maxLen(MaxCreditText, "Keep the title to %d characters (it has %d).")},
			Text: func(c *Credit) *string { return &c.Title }},
		{Column: Column{Name: "kind", Label: "Kind", Options: "credit_kinds", Invalid: "Choose a kind of production from the list."},
			Text: func(c *Credit) *string { return &c.Kind }},
		{Column: Column{Name: "role", Label: "Role / job",
			Check: maxLen(MaxCreditText, "Keep the role to %d characters (it has %d).")},
			Text: func(c *Credit) *string { return &c.Role }},
		{Column: Column{Name: "company", Label: "Company or director",
			Check: maxLen(MaxCreditText, "Keep the company or director to %d characters (it has %d).")},
			Text: func(c *Credit) *string { return &c.Company }},
	},
	Max: MaxCredits, TooMany: "You can list up to %d credits: remove one to add this one.", TooManyAt: "title",
	In: func(p *Profile) *[]Credit { return &p.Credits },
}

var trainingRows = RowList[Profile, Training]{
	Prefix: "training", Section: SectionCredits, Legend: "Training", Class: "row-training", Remove: "Remove this course",
	Fields: []RowField[Training]{
		{Column: Column{Name: "year", Label: "Year", Type: "number", Check: yearIn},
			Number: func(t *Training) *int { return &t.Year }},
		{Column: Column{Name: "institution", Label: "School / teacher", Required: "Name the school or teacher.",
			Check: maxLen(MaxCreditText, "Keep the school's name to %d characters (it has %d).")},
			Text: func(t *Training) *string { return &t.Institution }},
		{Column: Column{Name: "course", Label: "Course",
			Check: maxLen(MaxCreditText, "Keep the course to %d characters (it has %d).")},
			Text: func(t *Training) *string { return &t.Course }},
	},
	Max: MaxTraining, TooMany: "You can list up to %d courses: remove one to add this one.", TooManyAt: "institution",
	In: func(p *Profile) *[]Training { return &p.Training },
}

var linkRows = RowList[Profile, Link]{
	Prefix: "link", Section: SectionLinks, Legend: "Links", HideLegend: true, Remove: "Remove this link",
	Fields: []RowField[Link]{
		{Column: Column{Name: "label", Label: "Label",
			Check: maxLen(MaxLinkLabel, "Keep the label to %d characters (it has %d).")},
			Text: func(l *Link) *string { return &l.Label }},
		{Column: Column{Name: "url", Label: "Address", Type: "url", Required: "Enter the address, or clear the row.",
			Check: func(v string, _ time.Time) string {
				if !WebURL(v) {
					return "Enter a full web address starting with https://, e.g. https://www.imdb.com/name/nm0000001/."
				}
				return ""
			}},
			Text: func(l *Link) *string { return &l.URL }},
	},
	Max: MaxLinks, TooMany: "You can list up to %d links: remove one to add this one.", TooManyAt: "url",
	Default: func(r Row) {
		if r["label"] == "" && WebURL(r["url"]) {
			r["label"] = hostOf(r["url"])
		}
	},
	In: func(p *Profile) *[]Link { return &p.Links },
}

// rowLists are the profile's row lists, in the order a section shows
// them.
var rowLists = []rowList[Profile]{&languageRows, &creditRows, &trainingRows, &linkRows}

// listsOf returns the row lists of a section, in order.
func listsOf(section string) []rowList[Profile] {
	var out []rowList[Profile]
	for _, l := range rowLists {
		if l.section() == section {
			out = append(out, l)
		}
	}
	return out
}

// Lists returns the section's row lists as its template renders them,
// after the section's other fields.
func (s Section) Lists() []ListView {
	var out []ListView
	for _, l := range listsOf(s.Name) {
		out = append(out, l.view())
	}
	return out
}
