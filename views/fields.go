package views

import "net/url"

// Field is what the field partials (partials/field, select, textarea and
// checkboxes) render: one labelled form control with its value and its
// message. Handlers build it in Go, labels and all, so a template passes
// one prepared value to a partial; a map from dict with the same keys
// renders the same, for forms that have no table of fields yet.
type Field struct {
	// Name is the posted field's name.
	Name string
	// ID is the element id's suffix (f-<ID>, e-<ID>, h-<ID>) when it is
	// not Name: a list's row fields repeat their name.
	ID string
	// Label, Hint and Error (the message, "" when none) are shown around
	// the control.
	Label, Hint, Error string
	// Type is an input's type ("" is text); Autocomplete its token.
	Type, Autocomplete string
	// Required marks the input required.
	Required bool
	// Value is the control's value.
	Value string
	// Options names the option list of a select or a set of checkboxes;
	// Blank is a select's empty choice ("Choose…" by default).
	Options, Blank string
	// Form holds the ticked values of a set of checkboxes, by Name.
	Form url.Values
	// Rows is a textarea's height in lines (5 by default).
	Rows int
}
