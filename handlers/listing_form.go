package handlers

import (
	"fmt"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// RoleRowView is one role row of the casting call editor.
type RoleRowView struct {
	// N is the row's place in the form: its fields' ids and its Remove
	// button's remove=role:N.
	N      int
	Values map[string]string
	// Errors are the row's messages, by field name (name, age_max…).
	Errors map[string]string
	// Blank is a row to add a role: it has no Remove button.
	Blank bool
}

// Number is the row's number as people count (Role 1, Role 2…).
func (r RoleRowView) Number() int { return r.N + 1 }

// ID is the element id of one of the row's fields.
func (r RoleRowView) ID(field string) string { return fmt.Sprintf("role_%s_%d", field, r.N) }

// roleRowViews lays out the role rows of form v: the rows holding
// something, in order, then blanks empty rows to add roles. A message
// keyed role_<field>_<i> belongs to the posted row i (rows the parser
// dropped shift the ones after them up), or, past the posted rows, to the
// row shown at i (Missing's "Add at least one role" on the first blank).
// shown maps a posted row to the row that shows it.
func roleRowViews(v url.Values, errs domain.FieldErrors, blanks int) (out []RoleRowView, shown map[int]int) {
	rows := production.RoleRows(v)
	posted := rows[:len(rows)-1]
	shown = map[int]int{}
	for i, r := range posted {
		if production.RoleRowBlank(r) {
			continue
		}
		shown[i] = len(out)
		out = append(out, RoleRowView{N: len(out), Values: r, Errors: rowErrors(errs, i)})
	}
	for range max(blanks, 1) {
		if len(out) >= production.MaxRoles {
			break
		}
		n := len(out)
		row := RoleRowView{N: n, Values: map[string]string{"gender": "any", "openings": "1"}, Blank: true}
		if n >= len(posted) {
			row.Errors = rowErrors(errs, n)
			shown[n] = n
		}
		out = append(out, row)
	}
	return out, shown
}

// reindexRoles keys the role messages of errs by the row that shows them,
// so the summary's links reach the right field.
func reindexRoles(errs domain.FieldErrors, shown map[int]int) domain.FieldErrors {
	out := domain.FieldErrors{}
	for k, msg := range errs {
		if field, ok := strings.CutPrefix(k, "role_"); ok {
			if at := strings.LastIndexByte(field, '_'); at > 0 {
				if i, err := strconv.Atoi(field[at+1:]); err == nil {
					if n, ok := shown[i]; ok {
						k = "role_" + field[:at] + "_" + strconv.Itoa(n)
					}
				}
			}
		}
		out[k] = msg
	}
	return out
}

// rowErrors are the messages of posted row i, by field name.
func rowErrors(errs domain.FieldErrors, i int) map[string]string {
	suffix := "_" + strconv.Itoa(i)
	out := map[string]string{}
	for k, msg := range errs {
		if field, ok := strings.CutPrefix(k, "role_"); ok && strings.HasSuffix(field, suffix) {
			out[strings.TrimSuffix(field, suffix)] = msg
		}
	}
	return out
}

// blankRows counts the posted role rows holding nothing: pressing "Add a
// role" shows one blank row more than the form had.
func blankRows(v url.Values) int {
	rows := production.RoleRows(v)
	n := 0
	for _, r := range rows[:len(rows)-1] {
		if production.RoleRowBlank(r) {
			n++
		}
	}
	return n
}

// Problem is one message of the summary at the top of the editor, with
// the field it links to.
type Problem struct {
	Field   string
	Message string
	// Where names a role row ("Role 2"), "" for the listing's own fields.
	Where string
}

// listingFieldOrder is the editor's fields top to bottom, so the summary
// reads in the order the form does; role fields follow by row.
var listingFieldOrder = []string{"title", "category", "description", "works_from", "works_until", "city", "country", "remote",
	"department", "position", "experience_level", "skills", "openings",
	"pay", "pay_amount", "pay_currency", "pay_unit", "pay_guaranteed", "unpaid_kind", "unpaid_offer",
	"fee_charged", "fee_amount", "fee_currency", "fee_for", "union_status", "nudity", "nudity_details", "student_film", "school",
	"deadline", "time_zone", "visibility", "notes"}

// roleFieldOrder is a role row's fields in the order the row shows them.
var roleFieldOrder = []string{"name", "type", "gender", "age_min", "age_max", "height_min", "height_max",
	"openings", "skills", "languages", "description"}

// problems lists errs in form order for the summary.
func problems(errs domain.FieldErrors) []Problem {
	rank := func(k string) (int, int, int) {
		for i, f := range listingFieldOrder {
			if k == f {
				return 0, i, 0
			}
		}
		if field, ok := strings.CutPrefix(k, "role_"); ok {
			if at := strings.LastIndexByte(field, '_'); at > 0 {
				row, err := strconv.Atoi(field[at+1:])
				for j, f := range roleFieldOrder {
					if err == nil && field[:at] == f {
						return 1, row, j
					}
				}
			}
		}
		return 2, 0, 0
	}
	out := make([]Problem, 0, len(errs))
	for k, msg := range errs {
		p := Problem{Field: k, Message: msg}
		if group, row, _ := rank(k); group == 1 {
			p.Where = "Role " + strconv.Itoa(row+1)
		}
		out = append(out, p)
	}
	sort.Slice(out, func(a, b int) bool {
		a1, a2, a3 := rank(out[a].Field)
		b1, b2, b3 := rank(out[b].Field)
		if a1 != b1 {
			return a1 < b1
		}
		if a2 != b2 {
			return a2 < b2
		}
		if a3 != b3 {
			return a3 < b3
		}
		return out[a].Field < out[b].Field
	})
	return out
}
