package production

import (
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

// DateLayout is how dates are posted (an <input type="date">).
const DateLayout = "2006-01-02"

// DeadlineLayout is how a deadline is posted (an <input
// type="datetime-local">), read in the listing's time zone.
const DeadlineLayout = "2006-01-02T15:04"

// form reads a posted form's fields, recording a message per bad field.
type form struct {
	v url.Values
	e domain.FieldErrors
}

// line is a one-line text field: trimmed, inner runs of spaces collapsed.
func (f form) line(k string, max int, msg string) string {
	s := strings.Join(strings.Fields(f.v.Get(k)), " ")
	if utf8.RuneCountInString(s) > max {
		f.e.Add(k, msg)
	}
	return s
}

// text is a multi-line text field: trimmed, line breaks kept.
func (f form) text(k string, max int, msg string) string {
	s := strings.TrimSpace(strings.ReplaceAll(f.v.Get(k), "\r\n", "\n"))
	if utf8.RuneCountInString(s) > max {
		f.e.Add(k, msg)
	}
	return s
}

func (f form) flag(k string) bool {
	v := f.v.Get(k)
	return v == "1" || v == "on" || v == "true" || v == "yes"
}

// choice is a value of opts, or "" when nothing was chosen.
func (f form) choice(k string, opts []profile.Option, msg string) string {
	v := strings.TrimSpace(f.v.Get(k))
	if v != "" && !profile.Valid(opts, v) {
		f.e.Add(k, msg)
	}
	return v
}

// number is a whole number in [lo, hi], 0 when empty.
func (f form) number(k string, lo, hi int, msg string) int {
	s := strings.TrimSpace(f.v.Get(k))
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		f.e.Add(k, msg)
		return 0
	}
	return n
}

// money is an amount like 150 or 150.50, in cents; 0 when empty.
func (f form) money(k string, msg string) int64 {
	s := strings.ReplaceAll(strings.TrimSpace(f.v.Get(k)), ",", ".")
	if s == "" {
		return 0
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || x < 0 || x > 10_000_000 || math.IsNaN(x) {
		f.e.Add(k, msg)
		return 0
	}
	return int64(math.Round(x * 100))
}

// date is a calendar date, nil when empty.
func (f form) date(k string, msg string) *time.Time {
	s := strings.TrimSpace(f.v.Get(k))
	if s == "" {
		return nil
	}
	t, err := time.Parse(DateLayout, s)
	if err != nil || t.Year() < 2000 || t.Year() > 2100 {
		f.e.Add(k, msg)
		return nil
	}
	return &t
}

// tags is a comma-separated list of short tags (skills, languages):
// de-duplicated case-insensitively, at most max of them.
func (f form) tags(k string, max int, msg string) []string {
	var out []string
	seen := map[string]bool{}
	for _, part := range strings.Split(f.v.Get(k), ",") {
		t := strings.Join(strings.Fields(part), " ")
		if t == "" || seen[strings.ToLower(t)] {
			continue
		}
		if utf8.RuneCountInString(t) > 40 {
			f.e.Add(k, msg)
			continue
		}
		seen[strings.ToLower(t)] = true
		out = append(out, t)
	}
	if len(out) > max {
		f.e.Add(k, msg)
		out = out[:max]
	}
	return out
}

// FormatMoney writes cents as a plain amount ("150", "150.50") for a form
// field or a card.
func FormatMoney(cents int64) string {
	if cents%100 == 0 {
		return strconv.FormatInt(cents/100, 10)
	}
	return strconv.FormatFloat(float64(cents)/100, 'f', 2, 64)
}

// FormatDate writes a date for a form field, "" for none.
func FormatDate(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.Format(DateLayout)
}

func boolValue(b bool) string {
	if b {
		return "1"
	}
	return ""
}
