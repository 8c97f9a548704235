// Package profile holds the pure rules of talent profiles: the sections a
// performer or crew member fills in, how each section's form is read and
// validated, and the completeness meter. It does no I/O (no database, no
// HTTP, no clock): the web forms, the store, the meter and search all call
// these same rules. (Reel links and file sniffing are in domain/reel.)
//
// # Forms
//
// The editor saves one section at a time (see Sections). A section's form
// posts url-encoded fields named like the JSON tags of Profile
// (display_name, height_cm, eye_colour…). Multiple-choice fields
// (role_types, ethnicities, departments, unions) repeat their name once per
// ticked box. Problems come back as a domain.FieldErrors keyed by field.
//
// List sections (languages, credits, training, links) post parallel
// repeated fields, one value per row and in row order, with no index or
// brackets in the name:
//
//	credit_year=2024&credit_title=Hamlet&credit_role=Ophelia&credit_company=&credit_kind=theatre
//	credit_year=&credit_title=&credit_role=&credit_company=&credit_kind=
//
// The N-th value of every credit_* field is row N; each list's prefix and
// fields are its RowList table in lists.go. A row whose fields are all
// empty is ignored, so Rows always offers one blank row to add an entry,
// and a row is removed either by emptying it or by posting
// remove=<prefix>:<index> (for example a submit button name="remove"
// value="credit:2"). Error keys for a row's field are
// <prefix>_<field>_<index> (credit_year_0), indexed like Rows, so a
// template looks them up with the row index it is ranging over.
//
// # Typed values kept on errors
//
// Parse never writes an invalid section into the profile: on errors the
// profile is left as it was and nothing should be saved. What the person
// typed is the posted url.Values itself: a template always renders a
// section from url.Values — Values(section, p) for the stored profile, or
// the posted form after a refusal — so "900" stays in the height field
// with the error for "height_cm" beside it, and an unticked or unknown
// choice stays as posted. Nothing is converted back and forth, so no typed
// text is lost.
//
// # Adding a field
//
// This is the pattern every form follows (listings and projects next):
// one struct for the document, a table per row list, one table of option
// lists, url.Values in and out, domain.FieldErrors for the problems.
//
//   - A field of a list's rows (a credit's "episode", say): add it to the
//     row struct (Credit) with its json tag, then one RowField to the
//     list's table in lists.go: name, label, input type or option list,
//     the messages and checks, and the struct field it fills. Parse,
//     Values and the section template all read that table; nothing else
//     changes.
//   - A new list: a row struct, a slice field for it, and a RowList in
//     lists.go added to rowLists. It renders after its section's other
//     fields.
//   - A set of choices: a []Option variable in options.go and its name in
//     OptionLists. A RowField refers to it by that name (Options), a
//     single field's parse by the same name (formReader.choice), and so
//     does the template's select or checkboxes (the views' options
//     helper): what a form offers is what it accepts.
//   - A single field (a scalar or a tag list): add it to PublicProfile if
//     anyone may see it, or to Profile if it is private; read and check it
//     in its section's case of Parse (sections.go), write it back in the
//     same case of Values, give it its label and input in Inputs
//     (inputs.go), and place it in views/profile/section.html by name
//     ({{field "partials/field" (.Field "name")}}). Give the test profiles (fullPerformer, fullCrew) a value for it:
//     TestValuesRoundTrip then fails when Parse and Values disagree, as
//     TestPublicDropsContact does when a field's privacy is not decided.
//
// A field other people may see must never go in Profile itself, and a
// private one never in PublicProfile: public pages get a PublicProfile
// (Profile.Public), so they cannot show what it does not have.
package profile

import "reflect"

// Kind is the kind of talent a profile describes.
type Kind string

// The kinds of talent.
const (
	// KindPerformer is an actor, extra, model, dancer, voice-over artist,
	// singer… who applies to casting calls.
	KindPerformer Kind = "performer"
	// KindCrew is a technician or creative (camera, editing, writing…) who
	// applies to job listings.
	KindCrew Kind = "crew"
)

// Profile is everything a talent says about themself: the public part
// (PublicProfile, embedded) plus the private fields. It is stored as one
// JSONB document (profiles.data); the json tags are the document's keys
// and the form fields' names, so search can index data->>'height_cm' and
// the like. encoding/json flattens the embedded PublicProfile, so the
// document is one flat object, as it always was. Scalars are plain
// strings, ints and bools; lists are string arrays or small arrays of
// objects.
//
// A new field goes in PublicProfile when anyone may see it, here when it
// is private: that choice is the only place privacy is decided (see the
// package documentation for the rest of adding a field).
type Profile struct {
	PublicProfile

	// Email is a private contact address, optional (the login address
	// lives on the account). Never shown publicly.
	Email string `json:"email,omitempty"`
	// Phone is a private, optional phone number. Never shown publicly.
	Phone string `json:"phone,omitempty"`
	// EthnicAppearance is self-declared and optional: values of
	// Ethnicities. It exists only so a talent can choose to be found by
	// it (search filters); it is never displayed.
	EthnicAppearance []string `json:"ethnicities,omitempty"`
}

// PublicProfile is the profile as anyone may see it, producers browsing
// included. It has no contact fields (no e-mail, no phone) and no ethnic
// appearance, so a public page template, which gets a PublicProfile (see
// Profile.Public), cannot show them even by mistake.
type PublicProfile struct {
	// Identity.

	// DisplayName is the name producers see (required, ≤ 80 characters).
	DisplayName string `json:"display_name"`
	// Pronouns are optional, as the talent writes them (≤ 30 characters).
	Pronouns string `json:"pronouns,omitempty"`

	// About.

	// Headline sums the talent up in one line (≤ 120 characters).
	Headline string `json:"headline,omitempty"`
	// Bio is free text (≤ 2000 characters; 50 or more to submit).
	Bio string `json:"bio,omitempty"`

	// Performer attributes.

	// RoleTypes are values of RoleTypes (actor, model…).
	RoleTypes []string `json:"role_types,omitempty"`
	// Gender is a value of Genders, or empty.
	Gender string `json:"gender,omitempty"`
	// PlayingAgeMin is the youngest age the performer plays (0 = unset).
	PlayingAgeMin int `json:"playing_age_min,omitempty"`
	// PlayingAgeMax is the oldest age the performer plays (0 = unset).
	PlayingAgeMax int `json:"playing_age_max,omitempty"`
	// HeightCM is the height in centimetres (0 = unset).
	HeightCM int `json:"height_cm,omitempty"`
	// Build is a value of Builds, or empty.
	Build string `json:"build,omitempty"`
	// EyeColour is a value of EyeColours, or empty.
	EyeColour string `json:"eye_colour,omitempty"`
	// HairColour is a value of HairColours, or empty.
	HairColour string `json:"hair_colour,omitempty"`
	// HairLength is a value of HairLengths, or empty.
	HairLength string `json:"hair_length,omitempty"`

	// Crew details.

	// Departments are values of Departments.
	Departments []string `json:"departments,omitempty"`
	// Equipment is free text about owned kit (≤ 1000 characters).
	Equipment string `json:"equipment,omitempty"`

	// Shared by both kinds.

	// Skills are free-form tags (2–40 characters each, at most 30,
	// de-duplicated case-insensitively): "Horse riding", "Avid"…
	Skills []string `json:"skills,omitempty"`
	// Languages are the languages spoken and how well.
	Languages []Language `json:"languages,omitempty"`
	// Accents are free-form tags, with the same rules as Skills.
	Accents []string `json:"accents,omitempty"`
	// Unions are values of Unions, or the name of a union not in the list
	// as typed. "none" says the talent belongs to no union.
	Unions []string `json:"unions,omitempty"`
	// City is where the talent works from (≤ 80 characters).
	City string `json:"city,omitempty"`
	// Country is an ISO 3166-1 alpha-2 code from Countries.
	Country string `json:"country,omitempty"`
	// WillingToTravel says the talent accepts work away from City.
	WillingToTravel bool `json:"willing_to_travel,omitempty"`
	// DrivingLicence says the talent may drive.
	DrivingLicence bool `json:"driving_licence,omitempty"`
	// HasPassport says the talent holds a valid passport.
	HasPassport bool `json:"has_passport,omitempty"`
	// ExperienceLevel is a value of ExperienceLevels, or empty.
	ExperienceLevel string `json:"experience_level,omitempty"`

	// Credits are past jobs, most relevant first.
	Credits []Credit `json:"credits,omitempty"`
	// Training lists schools, courses and teachers.
	Training []Training `json:"training,omitempty"`
	// Links are labelled web addresses (at most 10).
	Links []Link `json:"links,omitempty"`
}

// Public returns the profile as anyone may see it: the embedded
// PublicProfile, so Email, Phone and EthnicAppearance are simply not
// there. Its lists are copied, so a page that edits the result (sorting
// credits, say) cannot change p; every slice field is copied, including
// ones added later, and the row structs hold only scalars, so a shallow
// copy of each list is a full one.
func (p Profile) Public() PublicProfile {
	pub := p.PublicProfile
	v := reflect.ValueOf(&pub).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.Slice && !f.IsNil() {
			c := reflect.MakeSlice(f.Type(), f.Len(), f.Len())
			reflect.Copy(c, f)
			f.Set(c)
		}
	}
	return pub
}

// Language is a spoken language and how well.
type Language struct {
	// Name is the language as the talent writes it ("French").
	Name string `json:"name"`
	// Level is a value of LanguageLevels.
	Level string `json:"level"`
}

// Credit is one past job.
type Credit struct {
	// Year is between 1900 and two years from now.
	Year int `json:"year"`
	// Title is the production's title (required).
	Title string `json:"title"`
	// Role is the part played or the job done.
	Role string `json:"role,omitempty"`
	// Company is the production company or the director.
	Company string `json:"company,omitempty"`
	// Kind is a value of CreditKinds, or empty.
	Kind string `json:"kind,omitempty"`
}

// Training is a course, a school or a teacher.
type Training struct {
	// Year is optional (0 = unset).
	Year int `json:"year,omitempty"`
	// Institution is the school or teacher (required).
	Institution string `json:"institution"`
	// Course is what was studied.
	Course string `json:"course,omitempty"`
}

// Link is a labelled web address (agency page, IMDb, website…).
type Link struct {
	// Label is what the link shows; it defaults to the address's host.
	Label string `json:"label"`
	// URL is an absolute http or https address.
	URL string `json:"url"`
}
