package production

import (
	"net/url"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

// Project limits.
const (
	MaxProjectTitle   = 120
	MaxCompany        = 120
	MaxDescription    = 5000
	MaxCity           = 80
	MaxListingTitle   = 120
	MaxRoles          = 30
	MaxRoleName       = 80
	MaxRoleText       = 2000
	MaxTags           = 20
	MaxShortText      = 300
	MaxOpenings       = 1000
	MaxAge            = 100
	MinHeight         = 50
	MaxHeight         = 250
	MaxApplicationMsg = 500
	MaxMessage        = 5000
)

// Project is a production a producer runs: casting calls and job listings
// belong to one, and the people accepted form its team.
type Project struct {
	ID          int64
	ProducerID  int64
	Title       string
	Type        string // a value of ProjectTypes
	Company     string
	Description string
	City        string
	Country     string // ISO 3166-1 alpha-2, profile.Countries
	Remote      bool
	StartsOn    *time.Time
	EndsOn      *time.Time
	ArchivedAt  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// Archived reports whether the producer put the project away.
func (p Project) Archived() bool { return p.ArchivedAt != nil }

// TypeLabel is the project's type as people read it.
func (p Project) TypeLabel() string { return profile.Label(ProjectTypes, p.Type) }

// ProjectSummary is a project with the counts its list shows.
type ProjectSummary struct {
	Project
	Listings     int
	Applications int
	Team         int
}

// ParseProject reads the project form into p. On errors p is left as it
// was and the messages say what to fix, per field.
func ParseProject(v url.Values, p *Project) domain.FieldErrors {
	f := form{v: v, e: domain.FieldErrors{}}
	next := *p
	next.Title = f.line("title", MaxProjectTitle, "Keep the title under 120 characters.")
	if next.Title == "" {
		f.e.Add("title", "Give the project a title.")
	}
	next.Type = f.choice("type", ProjectTypes, "Choose the kind of project from the list.")
	if next.Type == "" {
		f.e.Add("type", "Choose the kind of project.")
	}
	next.Company = f.line("company", MaxCompany, "Keep the company name under 120 characters.")
	next.Description = f.text("description", MaxDescription, "Keep the description under 5,000 characters.")
	next.Remote = f.flag("remote")
	next.City = f.line("city", MaxCity, "Keep the city under 80 characters.")
	next.Country = f.choice("country", profile.Countries, "Choose a country from the list.")
	if !next.Remote && (next.City == "" || next.Country == "") {
		if next.City == "" {
			f.e.Add("city", "Say where the project takes place, or tick Remote.")
		}
		if next.Country == "" {
			f.e.Add("country", "Choose the country, or tick Remote.")
		}
	}
	next.StartsOn = f.date("starts_on", "Enter the start date as a date.")
	next.EndsOn = f.date("ends_on", "Enter the end date as a date.")
	if next.StartsOn != nil && next.EndsOn != nil && next.EndsOn.Before(*next.StartsOn) {
		f.e.Add("ends_on", "The end date is before the start date.")
	}
	if len(f.e) == 0 {
		*p = next
	}
	return f.e
}

// ProjectValues is the project as its form's fields.
func ProjectValues(p Project) url.Values {
	return url.Values{
		"title": {p.Title}, "type": {p.Type}, "company": {p.Company}, "description": {p.Description},
		"city": {p.City}, "country": {p.Country}, "remote": {boolValue(p.Remote)},
		"starts_on": {FormatDate(p.StartsOn)}, "ends_on": {FormatDate(p.EndsOn)},
	}
}
