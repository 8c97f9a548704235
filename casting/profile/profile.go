// Package profile holds the pure rules of talent profiles: the sections a
// performer or crew member fills in, how each section's form is read and
// validated, the completeness meter, reel links and media sniffing. No I/O:
// the web forms, the store and (later) search all call these.
package profile

// Kind is the kind of talent a profile describes.
type Kind string

// The kinds of talent.
const (
	KindPerformer Kind = "performer"
	KindCrew      Kind = "crew"
)

// Profile is everything a talent says about themself, stored as one JSON
// document. The e-mail address lives on the account and Phone is private:
// neither is ever shown publicly (see Public).
type Profile struct {
	// identity and contact
	DisplayName string `json:"display_name"`
	Pronouns    string `json:"pronouns,omitempty"`
	Phone       string `json:"phone,omitempty"`
	// about
	Headline string `json:"headline,omitempty"`
	Bio      string `json:"bio,omitempty"`
	// performer attributes
	RoleTypes     []string `json:"role_types,omitempty"`
	Gender        string   `json:"gender,omitempty"`
	PlayingAgeMin int      `json:"playing_age_min,omitempty"`
	PlayingAgeMax int      `json:"playing_age_max,omitempty"`
	HeightCM      int      `json:"height_cm,omitempty"`
	Build         string   `json:"build,omitempty"`
	EyeColour     string   `json:"eye_colour,omitempty"`
	HairColour    string   `json:"hair_colour,omitempty"`
	HairLength    string   `json:"hair_length,omitempty"`
	Ethnicities   []string `json:"ethnicities,omitempty"`
	// crew details
	Departments []string `json:"departments,omitempty"`
	Equipment   string   `json:"equipment,omitempty"`
	// skills, languages, accents
	Skills    []string   `json:"skills,omitempty"`
	Languages []Language `json:"languages,omitempty"`
	Accents   []string   `json:"accents,omitempty"`
	// union membership
	Unions []string `json:"unions,omitempty"`
	// location and availability
	City            string `json:"city,omitempty"`
	Country         string `json:"country,omitempty"`
	WillingToTravel bool   `json:"willing_to_travel,omitempty"`
	DrivingLicence  bool   `json:"driving_licence,omitempty"`
	HasPassport     bool   `json:"has_passport,omitempty"`
	ExperienceLevel string `json:"experience_level,omitempty"`
	// credits, training, links
	Credits  []Credit   `json:"credits,omitempty"`
	Training []Training `json:"training,omitempty"`
	Links    []Link     `json:"links,omitempty"`
}

// Language is a spoken language and how well.
type Language struct {
	Name  string `json:"name"`
	Level string `json:"level"`
}

// Credit is one past job.
type Credit struct {
	Year    int    `json:"year"`
	Title   string `json:"title"`
	Role    string `json:"role,omitempty"`
	Company string `json:"company,omitempty"`
	Kind    string `json:"kind,omitempty"`
}

// Training is a course or school.
type Training struct {
	Year        int    `json:"year,omitempty"`
	Institution string `json:"institution"`
	Course      string `json:"course,omitempty"`
}

// Link is a labelled web address (agency page, IMDb, website…).
type Link struct {
	Label string `json:"label"`
	URL   string `json:"url"`
}

// Public is the profile as anyone may see it: contact data removed.
func (p Profile) Public() Profile {
	p.Phone = ""
	return p
}
