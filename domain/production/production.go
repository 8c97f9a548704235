// Package production holds the rules of the producers' side of Slate:
// projects, the casting calls and job listings posted in them with their
// roles, the listing lifecycle, who may apply, and the participations
// (applications and invitations) of talent. It does no I/O: the handlers,
// the store and the moderation queue call the same rules.
package production

import (
	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

// Kind is what a listing looks for.
type Kind string

// The listing kinds. A casting call is seen and applied to by performers
// only, a job listing by crew only.
const (
	CastingCall Kind = "casting_call"
	JobListing  Kind = "job_listing"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == CastingCall || k == JobListing }

// Label is the kind as people read it.
func (k Kind) Label() string {
	if k == JobListing {
		return "Job listing"
	}
	return "Casting call"
}

// For is the talent role a listing of this kind is for.
func (k Kind) For() domain.Role {
	if k == JobListing {
		return domain.RoleCrew
	}
	return domain.RolePerformer
}

// KindFor is the kind of listing a talent sees and applies to.
func KindFor(r domain.Role) (Kind, bool) {
	switch r {
	case domain.RolePerformer:
		return CastingCall, true
	case domain.RoleCrew:
		return JobListing, true
	}
	return "", false
}

// Option lists of the producer's forms, by name (see OptionLists).
var (
	// ProjectTypes are what a project is.
	ProjectTypes = []profile.Option{
		{Value: "feature_film", Label: "Feature film"}, {Value: "short_film", Label: "Short film"},
		{Value: "student_film", Label: "Student film"}, {Value: "tv_series", Label: "TV series"},
		{Value: "web_series", Label: "Web series"}, {Value: "commercial", Label: "Commercial"},
		{Value: "music_video", Label: "Music video"}, {Value: "theatre", Label: "Theatre"},
		{Value: "dance", Label: "Dance"}, {Value: "photo_shoot", Label: "Photo shoot"},
		{Value: "corporate", Label: "Corporate / industrial"}, {Value: "voice_over", Label: "Voice-over / podcast"},
		{Value: "other", Label: "Other"},
	}
	// RoleTypes are what a casting call's role is: the performer role
	// types profiles use, plus other.
	RoleTypes = append(append([]profile.Option{}, profile.RoleTypes...), profile.Option{Value: "other", Label: "Other"})
	// RoleGenders are who a role is for.
	RoleGenders = []profile.Option{{Value: "any", Label: "Any gender"}, {Value: "female", Label: "Female"},
		{Value: "male", Label: "Male"}, {Value: "non_binary", Label: "Non-binary"}}
	// PayUnits are what a paid amount is for.
	PayUnits = []profile.Option{{Value: "hour", Label: "per hour"}, {Value: "day", Label: "per day"},
		{Value: "week", Label: "per week"}, {Value: "flat", Label: "flat fee"}}
	// UnpaidKinds are the kinds of work that is not paid, each allowed
	// when the listing says so.
	UnpaidKinds = []profile.Option{{Value: "volunteer", Label: "Volunteer"}, {Value: "stipend", Label: "Stipend"},
		{Value: "deferred", Label: "Deferred pay"}, {Value: "low_pay", Label: "Low pay"}}
	// Currencies are the currencies pay and fees may be given in.
	Currencies = []profile.Option{{Value: "EUR", Label: "EUR €"}, {Value: "GBP", Label: "GBP £"}, {Value: "USD", Label: "USD $"},
		{Value: "CAD", Label: "CAD $"}, {Value: "AUD", Label: "AUD $"}, {Value: "CHF", Label: "CHF"}}
	// UnionStatuses say whether a production works under union terms.
	UnionStatuses = []profile.Option{{Value: "union", Label: "Union"}, {Value: "non_union", Label: "Non-union"},
		{Value: "both", Label: "Union and non-union"}}
	// NudityLevels are the nudity and sexual content a listing declares.
	NudityLevels = []profile.Option{{Value: "none", Label: "None"}, {Value: "partial", Label: "Partial nudity"},
		{Value: "full", Label: "Full nudity"}, {Value: "simulated_sex", Label: "Simulated sex"}}
	// Visibilities say who sees a listing.
	Visibilities = []profile.Option{{Value: "public", Label: "Public: every performer or crew member"},
		{Value: "private", Label: "Private: only the people I invite"}}
)

// OptionLists names this package's option lists for the templates, as
// profile.OptionLists does for the profile's.
var OptionLists = map[string][]profile.Option{
	"project_types":  ProjectTypes,
	"listing_roles":  RoleTypes,
	"role_genders":   RoleGenders,
	"pay_units":      PayUnits,
	"unpaid_kinds":   UnpaidKinds,
	"currencies":     Currencies,
	"union_statuses": UnionStatuses,
	"nudity_levels":  NudityLevels,
	"visibilities":   Visibilities,
	"categories":     Categories,
}
