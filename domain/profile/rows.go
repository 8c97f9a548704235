package profile

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slatecasting/slate/domain"
)

// Row lists: the pattern every form with repeated rows follows.
//
// A RowList is a table: the list's prefix, its fields (a RowField each:
// name, label, input, checks, and the field of the row struct it fills),
// its bound and the document field that holds it. One loop reads every
// list from a posted form (RowList.parse), one writes it back as form
// values (RowList.values) and one template block renders it
// (views/profile/section.html ranges over Section.Lists), so a row field
// is declared once, in the table. Nothing here knows about profiles
// beyond the type parameter D: a listing's roles or a project's dates are
// RowLists of their own document.

// Column is one field of a list's rows as the form shows and checks it.
type Column struct {
	// Name is the field within the row ("year"). The form field is
	// <prefix>_<Name> and its error key <prefix>_<Name>_<row index>.
	Name string
	// Label is the input's label.
	Label string
	// Type is the input's type: "" (text), "number" or "url". A field with
	// Options is a select instead.
	Type string
	// Options names a list in OptionLists: the field is a select, and a
	// value that is not in the list is refused with Invalid.
	Options string
	// Required is the message for an empty value; "" makes the field
	// optional.
	Required string
	// Invalid is the message for a value that is not one of Options.
	Invalid string
	// Check returns what is wrong with a non-empty value, or "". now is
	// the caller's clock, for rules such as a year's bounds.
	Check func(v string, now time.Time) string
}

// problem returns the first thing wrong with v (cleaned, one line), or "".
func (c Column) problem(v string, now time.Time) string {
	switch {
	case v == "":
		return c.Required
	case c.Options != "" && !Valid(Options(c.Options), v):
		return c.Invalid
	case c.Check != nil:
		return c.Check(v, now)
	}
	return ""
}

// RowField is a Column bound to the field of the row struct T it fills:
// set Text for a string field, or Number for an int field (empty is 0;
// its Check must refuse anything but a whole number, as yearIn does).
type RowField[T any] struct {
	Column
	// Text returns the string field of a row that the column fills.
	Text func(*T) *string
	// Number returns the int field of a row that the column fills.
	Number func(*T) *int
}

func (f RowField[T]) get(row *T) string {
	if f.Number != nil {
		return num(*f.Number(row))
	}
	return *f.Text(row)
}

func (f RowField[T]) set(row *T, v string) {
	if f.Number == nil {
		*f.Text(row) = v
	} else if n, err := strconv.Atoi(v); err == nil {
		*f.Number(row) = n
	}
}

// RowList is a list of rows of T kept in a document D (a Profile): the
// table behind one list section. See the package documentation for the
// form's scheme of parallel fields.
type RowList[D, T any] struct {
	// Prefix starts the list's form fields ("credit": credit_year…) and
	// names it in remove=<prefix>:<index>.
	Prefix string
	// Section is the section whose form holds the list; the lists of a
	// section render after its other fields, in the order of rowLists.
	Section string
	// Legend heads the rows; HideLegend keeps it for screen readers only
	// (where the section title already says it).
	Legend     string
	HideLegend bool
	// Class is added to each row's element, for a layout of its own.
	Class string
	// Remove is the text of each row's remove button.
	Remove string
	// Fields are the row's fields, in the order the form shows them.
	Fields []RowField[T]
	// Max bounds the list; the first row beyond it gets TooMany
	// (formatted with Max) on its TooManyAt field.
	Max       int
	TooMany   string
	TooManyAt string
	// Default, if set, completes a posted row before it is checked (a
	// link's label defaults to its host).
	Default func(Row)
	// Unique, if set, checks a row against the rows above it and returns
	// the field and message of a repeat ("" when it is none).
	Unique func(row T, above []T) (field, msg string)
	// In returns the document's field that holds the list.
	In func(*D) *[]T
}

// parse reads the list's non-blank rows from form into doc, recording
// each problem under <prefix>_<field>_<index>, index as in Rows.
func (l *RowList[D, T]) parse(form url.Values, doc *D, now time.Time, e domain.FieldErrors) {
	var out []T
	for i, r := range rowsOf(form, l.Prefix, l.names()) {
		if r.blank() {
			continue
		}
		key := func(field string) string { return fmt.Sprintf("%s_%s_%d", l.Prefix, field, i) }
		if len(out) == l.Max {
			e.Add(key(l.TooManyAt), fmt.Sprintf(l.TooMany, l.Max))
		}
		if l.Default != nil {
			l.Default(r)
		}
		var row T
		for _, f := range l.Fields {
			if msg := f.problem(r[f.Name], now); msg != "" {
				e.Add(key(f.Name), msg)
			} else {
				f.set(&row, r[f.Name])
			}
		}
		if l.Unique != nil {
			if field, msg := l.Unique(row, out); msg != "" {
				e.Add(key(field), msg)
			}
		}
		out = append(out, row)
	}
	*l.In(doc) = out
}

// values adds the stored rows of doc to f as parallel form fields.
func (l *RowList[D, T]) values(doc D, f url.Values) {
	for _, row := range *l.In(&doc) {
		for _, fl := range l.Fields {
			f.Add(l.Prefix+"_"+fl.Name, fl.get(&row))
		}
	}
}

func (l *RowList[D, T]) names() []string {
	out := make([]string, len(l.Fields))
	for i, f := range l.Fields {
		out[i] = f.Name
	}
	return out
}

func (l *RowList[D, T]) section() string { return l.Section }

// view is the list as a template renders it.
func (l *RowList[D, T]) view() ListView {
	v := ListView{Prefix: l.Prefix, Legend: l.Legend, HideLegend: l.HideLegend, Class: l.Class, Remove: l.Remove}
	for _, f := range l.Fields {
		v.Columns = append(v.Columns, ColumnView{Column: f.Column, Field: l.Prefix + "_" + f.Name})
	}
	return v
}

// mistakes lists what is wrong with the table itself (a field bound to
// nothing or to two things, an unknown option list…), for the tests: a
// RowList is code, and a typo in it should fail at go test.
func (l *RowList[D, T]) mistakes() []string {
	var out []string
	bad := func(format string, args ...any) { out = append(out, l.Prefix+": "+fmt.Sprintf(format, args...)) }
	if l.Prefix == "" || l.Legend == "" || l.Remove == "" || l.In == nil || len(l.Fields) == 0 {
		bad("Prefix, Legend, Remove, In and Fields are required")
	}
	if l.Max < 1 || strings.Count(l.TooMany, "%d") != 1 || !slices.Contains(l.names(), l.TooManyAt) {
		bad("Max, TooMany (with one %%d) and TooManyAt (a field) are required")
	}
	seen := map[string]bool{}
	for _, f := range l.Fields {
		if f.Name == "" || f.Label == "" || seen[f.Name] {
			bad("field %q: a name (unique) and a label are required", f.Name)
		}
		seen[f.Name] = true
		if (f.Text == nil) == (f.Number == nil) {
			bad("field %q: set exactly one of Text and Number", f.Name)
		}
		if f.Number != nil && f.Check == nil {
			bad("field %q: a Number field needs a Check that refuses non-numbers", f.Name)
		}
		if _, ok := OptionLists[f.Options]; f.Options != "" && (!ok || f.Invalid == "") {
			bad("field %q: Options must name a list in OptionLists, with an Invalid message", f.Name)
		}
	}
	return out
}

// rowList is a RowList of any row type, kept in the document D.
type rowList[D any] interface {
	section() string
	view() ListView
	parse(form url.Values, doc *D, now time.Time, e domain.FieldErrors)
	values(doc D, f url.Values)
	mistakes() []string
}

// ListView is a row list as a template renders it: one fieldset, one
// element per row with an input per column, and a remove button on every
// row but the blank one.
type ListView struct {
	// Prefix, Legend, HideLegend, Class and Remove are the RowList's.
	Prefix     string
	Legend     string
	HideLegend bool
	Class      string
	Remove     string
	// Columns are the row's inputs, in order.
	Columns []ColumnView
}

// ColumnView is a column with its form field's name (credit_year).
type ColumnView struct {
	Column
	// Field is the form field's name: the input's name, and with the row
	// index its id and its error key.
	Field string
}

// Names returns the columns' names within a row, as Rows takes them.
func (v ListView) Names() []string {
	out := make([]string, len(v.Columns))
	for i, c := range v.Columns {
		out[i] = c.Name
	}
	return out
}

// Rows returns the rows to render from form: see the package function
// Rows.
func (v ListView) Rows(form url.Values) []Row { return Rows(form, v.Prefix, v.Names()) }

// Row is one row of a list section, by field name ("title" → "Hamlet").
type Row map[string]string

func (r Row) blank() bool {
	for _, v := range r {
		if v != "" {
			return false
		}
	}
	return true
}

// Rows returns the rows of a list posted as parallel fields (prefix
// "credit", fields "year", "title"…), without the one a remove=credit:N
// value drops, plus one blank row at the end for adding an entry. Row i
// here is row i in error keys.
func Rows(form url.Values, prefix string, fields []string) []Row {
	return append(rowsOf(form, prefix, fields), Row{})
}

// rowsOf reads a list's rows, blank ones included, without the removed
// one.
func rowsOf(form url.Values, prefix string, fields []string) []Row {
	n := 0
	for _, f := range fields {
		n = max(n, len(form[prefix+"_"+f]))
	}
	remove := -1
	if kind, idx, ok := strings.Cut(form.Get("remove"), ":"); ok && kind == prefix {
		if i, err := strconv.Atoi(idx); err == nil {
			remove = i
		}
	}
	var rows []Row
	for i := 0; i < n; i++ {
		if i == remove {
			continue
		}
		r := Row{}
		for _, f := range fields {
			if vs := form[prefix+"_"+f]; i < len(vs) {
				r[f] = collapse(clean(vs[i]))
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// maxLen is a Check refusing more than limit characters; msg is
// formatted with the limit and the length.
func maxLen(limit int, msg string) func(string, time.Time) string {
	return func(v string, _ time.Time) string { return longer(v, limit, msg) }
}

// yearIn is a Check accepting a year from FirstYear to LastYear(now).
func yearIn(v string, now time.Time) string {
	if y, err := strconv.Atoi(v); err != nil || y < FirstYear || y > LastYear(now) {
		return fmt.Sprintf("Enter a year between %d and %d.", FirstYear, LastYear(now))
	}
	return ""
}

// longer returns msg formatted with limit and the length when s has more
// than limit characters, or "".
func longer(s string, limit int, msg string) string {
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Sprintf(msg, limit, n)
	}
	return ""
}
