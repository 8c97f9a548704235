package profile

// Option is one choice of an enumerated field: the stored value and the
// label people read. Lists are ordered as forms show them; validation,
// templates and search all use the same lists.
type Option struct {
	// Value is what is stored and posted ("dark_brown").
	Value string
	// Label is what people read ("Dark brown").
	Label string
}

// The enumerated fields' choices, in the order forms show them.
var (
	// RoleTypes are the kinds of work a performer does (Profile.RoleTypes).
	RoleTypes = []Option{{"actor", "Actor"}, {"extra", "Extra"}, {"model", "Model"}, {"dancer", "Dancer"},
		{"voice_over", "Voice-over artist"}, {"singer", "Singer"}, {"stunt", "Stunt performer"},
		{"presenter", "Presenter"}, {"musician", "Musician"}}
	// Genders are Profile.Gender's choices; empty means not said.
	Genders = []Option{{"female", "Female"}, {"male", "Male"}, {"non_binary", "Non-binary"}, {"other", "Other"}}
	// Builds are Profile.Build's choices.
	Builds = []Option{{"slim", "Slim"}, {"athletic", "Athletic"}, {"average", "Average"}, {"muscular", "Muscular"},
		{"curvy", "Curvy"}, {"heavy", "Heavy-set"}}
	// EyeColours are Profile.EyeColour's choices.
	EyeColours = []Option{{"brown", "Brown"}, {"dark_brown", "Dark brown"}, {"hazel", "Hazel"}, {"green", "Green"},
		{"blue", "Blue"}, {"grey", "Grey"}, {"amber", "Amber"}, {"heterochromia", "Two colours"}}
	// HairColours are Profile.HairColour's choices.
	HairColours = []Option{{"black", "Black"}, {"dark_brown", "Dark brown"}, {"brown", "Brown"}, {"light_brown", "Light brown"},
		{"blonde", "Blonde"}, {"red", "Red"}, {"auburn", "Auburn"}, {"grey", "Grey"}, {"white", "White"},
		{"bald", "Bald / shaved"}, {"dyed", "Dyed / fantasy"}}
	// HairLengths are Profile.HairLength's choices.
	HairLengths = []Option{{"bald", "Bald / shaved"}, {"very_short", "Very short"}, {"short", "Short"},
		{"medium", "Medium"}, {"long", "Long"}, {"very_long", "Very long"}}
	// Ethnicities are Profile.EthnicAppearance's choices: broad, neutral
	// appearance categories, as casting briefs use them. They are
	// self-declared and optional — a talent ticks them only to be found
	// by them — and never shown on the public page.
	Ethnicities = []Option{{"african", "Black / African"}, {"caribbean", "Caribbean"}, {"east_asian", "East Asian"},
		{"south_asian", "South Asian"}, {"southeast_asian", "Southeast Asian"}, {"middle_eastern", "Middle Eastern / North African"},
		{"latino", "Latino / Hispanic"}, {"indigenous", "Indigenous"}, {"pacific", "Pacific Islander"},
		{"white", "White / European"}, {"mixed", "Mixed"}}
	// Departments are the crew departments (Profile.Departments).
	Departments = []Option{{"camera", "Camera"}, {"editing", "Editing"}, {"writing", "Screenwriting"},
		{"directing", "Directing"}, {"production", "Production"}, {"sound", "Sound"}, {"lighting", "Lighting & grip"},
		{"art", "Art department"}, {"costume", "Costume"}, {"makeup_hair", "Make-up & hair"}, {"vfx", "VFX & animation"},
		{"music", "Music"}, {"casting", "Casting"}, {"photography", "Photography"}}
	// LanguageLevels are Language.Level's choices.
	LanguageLevels = []Option{{"native", "Native"}, {"fluent", "Fluent"}, {"conversational", "Conversational"}, {"basic", "Basic"}}
	// ExperienceLevels are Profile.ExperienceLevel's choices.
	ExperienceLevels = []Option{{"beginner", "Beginner"}, {"intermediate", "Intermediate"}, {"professional", "Professional"}}
	// Unions are the unions and guilds a talent can tick (Profile.Unions).
	// "none" (not a member) cannot be ticked with another; a union not in
	// the list is typed in the union_other field and stored as typed.
	Unions = []Option{{"equity_uk", "Equity (UK)"}, {"sag_aftra", "SAG-AFTRA"}, {"actra", "ACTRA"}, {"meaa", "MEAA"},
		{"ubcp", "UBCP/ACTRA"}, {"aea", "Actors' Equity (US)"}, {"bectu", "Bectu"}, {"iatse", "IATSE"},
		{"other", "Other union"}, {"none", "Not a union member"}}
	// CreditKinds are Credit.Kind's choices.
	CreditKinds = []Option{{"film", "Film"}, {"tv", "Television"}, {"theatre", "Theatre"}, {"commercial", "Commercial"},
		{"music_video", "Music video"}, {"web", "Web / online"}, {"other", "Other"}}
)

// OptionLists names every option list. Forms refer to a field's choices
// by these names: templates render selects and checkboxes from them
// (views' options, label and labels helpers) and a row field's Options
// validates against them, so what a form offers and what it accepts come
// from the same list. A new list is a variable above plus its line here.
var OptionLists = map[string][]Option{
	"role_types":        RoleTypes,
	"genders":           Genders,
	"builds":            Builds,
	"eye_colours":       EyeColours,
	"hair_colours":      HairColours,
	"hair_lengths":      HairLengths,
	"ethnicities":       Ethnicities,
	"departments":       Departments,
	"language_levels":   LanguageLevels,
	"experience_levels": ExperienceLevels,
	"unions":            Unions,
	"credit_kinds":      CreditKinds,
	"countries":         Countries,
}

// Options returns the option list called name in OptionLists. An unknown
// name is a typo in a template or a field table, not bad input, so it
// panics; the tests that render every view and parse every section find
// it.
func Options(name string) []Option {
	opts, ok := OptionLists[name]
	if !ok {
		panic("profile: unknown option list " + name)
	}
	return opts
}

// Lookup finds v among opts: the generic lookup behind Valid and Label.
func Lookup(opts []Option, v string) (Option, bool) {
	for _, o := range opts {
		if o.Value == v {
			return o, true
		}
	}
	return Option{}, false
}

// Valid reports whether v is one of opts.
func Valid(opts []Option, v string) bool {
	_, ok := Lookup(opts, v)
	return ok
}

// Label returns v's label in opts, or v itself when it is not listed (a
// free-text union, a value from an older list).
func Label(opts []Option, v string) string {
	if o, ok := Lookup(opts, v); ok {
		return o.Label
	}
	return v
}

// Labels returns the labels of vs, in order.
func Labels(opts []Option, vs []string) []string {
	out := make([]string, 0, len(vs))
	for _, v := range vs {
		out = append(out, Label(opts, v))
	}
	return out
}
