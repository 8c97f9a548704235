package profile

// Input is how the editor shows one of a section's own fields (a list's
// row fields are its Columns, in lists.go): the label and what the input
// needs. The section template places each input by its form field's name
// (views/profile/section.html) and the handler fills in the value and the
// message, so the template passes one prepared value to each field
// partial instead of building a map of a dozen strings on every render.
type Input struct {
	// Label is the input's label.
	Label string
	// Type is the input's type: "" (text), "email", "tel" or "number".
	Type string
	// Options names a list in OptionLists: the field is a select or a set
	// of checkboxes, as the template places it.
	Options string
	// Hint is a line of help under the input.
	Hint string
	// Autocomplete is the input's autocomplete token, if any.
	Autocomplete string
	// Rows is a textarea's height in lines.
	Rows int
}

// Inputs are the sections' own fields, by form field name (the names
// Parse reads and Values writes).
var Inputs = map[string]Input{
	// Identity.
	"display_name": {Label: "Name shown to producers", Autocomplete: "name"},
	"pronouns":     {Label: "Pronouns (optional)"},
	"email": {Label: "Contact e-mail (private)", Type: "email", Autocomplete: "email",
		Hint: "Leave empty to be reached at your login address."},
	"phone": {Label: "Phone (private)", Type: "tel", Autocomplete: "tel", Hint: "Only producers you work with see it."},
	// About.
	"headline": {Label: "Headline", Hint: "One line, e.g. “Actor and dancer based in Lisbon”."},
	"bio": {Label: "Bio", Rows: 6,
		Hint: "At least 50 characters: your experience, what you love doing, what makes you stand out."},
	// Performer.
	"role_types":      {Label: "Role types", Options: "role_types"},
	"gender":          {Label: "Gender", Options: "genders"},
	"playing_age_min": {Label: "Playing age from", Type: "number"},
	"playing_age_max": {Label: "Playing age to", Type: "number"},
	"height_cm":       {Label: "Height (cm)", Type: "number"},
	"build":           {Label: "Build", Options: "builds"},
	"eye_colour":      {Label: "Eye colour", Options: "eye_colours"},
	"hair_colour":     {Label: "Hair colour", Options: "hair_colours"},
	"hair_length":     {Label: "Hair length", Options: "hair_lengths"},
	"ethnicities": {Label: "Ethnic appearance (optional, self-declared)", Options: "ethnicities",
		Hint: "Only if you want producers to be able to search on it."},
	// Crew.
	"departments": {Label: "Departments", Options: "departments"},
	"equipment":   {Label: "Equipment you own", Rows: 3, Hint: "Cameras, lenses, sound kit, editing suites…"},
	// Skills.
	"skills":  {Label: "Skills", Hint: "Separated by commas: stage combat, horse riding, Avid, steadicam…"},
	"accents": {Label: "Accents", Hint: "Separated by commas: RP, Scottish, New York…"},
	// Unions.
	"unions":      {Label: "Unions you belong to", Options: "unions"},
	"union_other": {Label: "Other unions (optional)", Hint: "Not in the list? Type them, separated by commas."},
	// Location.
	"city":             {Label: "City", Autocomplete: "address-level2"},
	"country":          {Label: "Country", Options: "countries"},
	"experience_level": {Label: "Experience", Options: "experience_levels"},
}
