package handlers

import "github.com/slatecasting/slate/views"

// browseFilters are the browse form's fields, fixed parts only: the page
// prints each through its partial's skeleton ({{field …}}), three template
// calls where a dict and the partial took about a dozen reflective ones.
var browseFilters = map[string]views.Field{
	"department":     {Name: "department", Label: "Department", Options: "departments", Blank: "Any department"},
	"role_type":      {Name: "role_type", Label: "Role type", Options: "listing_roles", Blank: "Any role type"},
	"country":        {Name: "country", Label: "Country", Options: "countries", Blank: "Any country"},
	"city":           {Name: "city", Label: "City", Type: "search", Hint: "The start of the name is enough."},
	"project_type":   {Name: "project_type", Label: "Project type", Options: "project_types", Blank: "Any project"},
	"deadline_after": {Name: "deadline_after", Label: "Still open on", Type: "date"},
}

// FilterField is the browse form's field name with the value the form
// shows back.
func (p *BrowsePage) FilterField(name string) views.Field {
	f := browseFilters[name]
	f.Value = p.Filter.Get(name)
	return f
}
