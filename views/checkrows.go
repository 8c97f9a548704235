package views

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"

	"github.com/slatecasting/slate/domain/photocheck"
)

// A photo under review shows every automatic check as a table row, about
// ten a photo and a few photos a review: printed value by value that was
// some thirty template calls a row (each escaper called by reflection),
// the largest part of the review page's render. So {{checkRows .Checks}}
// renders the rows through a skeleton of moderation/check_row, as fields
// are (prerender.go): the partial's own output with markers for the five
// values, made once per shape (with or without a detail) and checked
// against a direct render, then filled by concatenation with the values
// escaped as html/template escapes them there. Only the shape is cached,
// never a value.

// The check row's markers (private-use characters, as the fields').
const (
	markCheckName    = "\uE005"
	markCheckStatus  = "\uE006"
	markCheckMessage = "\uE007"
	markCheckValue   = "\uE008"
	markCheckDetail  = "\uE009"
)

var checkMarks = []string{markCheckName, markCheckStatus, markCheckMessage, markCheckValue, markCheckDetail}

// CheckRow is what moderation/check_row prints of a check: its measured
// value formatted as a template prints a float64.
type CheckRow struct {
	Name, Status, Message, Value, Detail string
}

func newCheckRow(c photocheck.CheckResult) CheckRow {
	return CheckRow{Name: c.Name, Status: c.Status, Message: c.Message, Detail: c.Detail,
		Value: strconv.FormatFloat(c.Value, 'g', -1, 64)} // fmt's %v of a float64
}

// checkRowSkeletons holds the row's two shapes: without and with a detail.
type checkRowSkeletons struct {
	t  *template.Template
	mu sync.Mutex
	sk [2]*skeleton
}

// render writes every check's row.
func (s *checkRowSkeletons) render(checks []photocheck.CheckResult) (template.HTML, error) {
	var b strings.Builder
	for _, c := range checks {
		row := newCheckRow(c)
		sk, err := s.skeleton(row)
		if err != nil {
			return "", err
		}
		sk.fillRow(&b, row)
	}
	return template.HTML(b.String()), nil
}

// fillRow writes the skeleton with row's values, escaped.
func (sk *skeleton) fillRow(b *strings.Builder, row CheckRow) {
	for i, p := range sk.parts {
		b.WriteString(p)
		if i < len(sk.holes) {
			b.WriteString(escapeHTML(row.value(sk.holes[i])))
		}
	}
}

// value is the row's value at a marker.
func (r CheckRow) value(mark string) string {
	switch mark {
	case markCheckName:
		return r.Name
	case markCheckStatus:
		return r.Status
	case markCheckMessage:
		return r.Message
	case markCheckValue:
		return r.Value
	}
	return r.Detail
}

// skeleton is the skeleton of row's shape, made (and checked against a
// direct render of row) on first use.
func (s *checkRowSkeletons) skeleton(row CheckRow) (*skeleton, error) {
	shape := 0
	if row.Detail != "" {
		shape = 1
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if sk := s.sk[shape]; sk != nil {
		return sk, nil
	}
	marked := CheckRow{Name: markCheckName, Status: markCheckStatus, Message: markCheckMessage, Value: markCheckValue}
	if shape == 1 {
		marked.Detail = markCheckDetail
	}
	out, err := s.direct(marked)
	if err != nil {
		return nil, err
	}
	sk := cut(out, checkMarks...)
	var got strings.Builder
	sk.fillRow(&got, row)
	want, err := s.direct(row)
	if err != nil {
		return nil, err
	}
	if got.String() != want {
		return nil, fmt.Errorf("views: the skeleton of moderation/check_row renders\n%s\ninstead of\n%s", got.String(), want)
	}
	s.sk[shape] = sk
	return sk, nil
}

func (s *checkRowSkeletons) direct(row CheckRow) (string, error) {
	var buf bytes.Buffer
	if err := s.t.ExecuteTemplate(&buf, "moderation/check_row", row); err != nil {
		return "", err
	}
	return buf.String(), nil
}
