package handlers

import (
	"fmt"
	"strconv"

	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/views"
)

// The section template asks its SectionView for each prepared field
// (Field) and for its row lists with every row's inputs (Lists), so it
// renders partials from values built here rather than from dict maps
// assembled by a dozen template calls per field.

// Field is the section's own field called name, as a field partial
// renders it: its label and help from profile.Inputs, the value from the
// section's form and the message from its errors. An unknown name (a
// typo in the template) fails the render.
func (v SectionView) Field(name string) (views.Field, error) {
	in, ok := profile.Inputs[name]
	if !ok {
		return views.Field{}, fmt.Errorf("handlers: profile.Inputs has no field %q", name)
	}
	return views.Field{
		Name: name, Label: in.Label, Hint: in.Hint, Error: v.Errors[name],
		Type: in.Type, Autocomplete: in.Autocomplete, Options: in.Options, Rows: in.Rows,
		Value: v.Form.Get(name), Form: v.Form,
	}, nil
}

// ListRows is one of the section's row lists as the template renders it:
// the list (legend, class, remove text) and its rows, the blank one for
// adding an entry last.
type ListRows struct {
	profile.ListView
	Rows []RowInputs
}

// RowInputs is one row of a list: an input per column, ids and messages
// indexed by the row's place, as the posted fields and their error keys
// are.
type RowInputs struct {
	// Index is the row's place, in ids, error keys and remove=<prefix>:<Index>.
	Index int
	// Removable is every row but the blank one: it gets a remove button.
	Removable bool
	Inputs    []views.Field
}

// Lists returns the section's row lists with the rows of its form.
func (v SectionView) Lists() []ListRows {
	lists := v.Section.Lists()
	out := make([]ListRows, 0, len(lists))
	for _, l := range lists {
		rows := l.Rows(v.Form)
		lr := ListRows{ListView: l, Rows: make([]RowInputs, len(rows))}
		for i, r := range rows {
			in := make([]views.Field, len(l.Columns))
			for j, c := range l.Columns {
				id := c.Field + "_" + strconv.Itoa(i)
				in[j] = views.Field{Name: c.Field, ID: id, Label: c.Label, Type: c.Type, Options: c.Options, Value: r[c.Name], Error: v.Errors[id]}
			}
			lr.Rows[i] = RowInputs{Index: i, Removable: len(r) > 0, Inputs: in}
		}
		out = append(out, lr)
	}
	return out
}
