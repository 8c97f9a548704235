package views

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"sync"
)

// Nav is what the top bar prints, prepared in Go (handlers.Page.Nav): the
// fixed parts of the bar — who is logged in as what, which link is the
// current page, which badges show — and the values that change from one
// request to the next. Every page carries the bar, and as a template it
// cost some forty calls by reflection (an escaper per printed value, eq
// and hasPrefix per link); {{nav .Nav}} prints it through a skeleton of
// partials/nav instead, as {{field}} does for form fields (prerender.go).
type Nav struct {
	// The fixed parts, the skeleton's key.
	LoggedIn                bool
	Producer, Talent, Staff bool
	// DashboardPath and RoleLabel follow from the role.
	DashboardPath, RoleLabel string
	// Section names the current page's link ("dashboard", "projects",
	// "profile", "castings", "my-castings", "queue", "reports", "outbox",
	// "messages", "settings", "notifications") or is "".
	Section string

	// The values, filled into the skeleton on every render.
	Name, Initials, CSRF string
	// The badges as printed (CountText: "" for none, "99+" above 99):
	// the open validation tasks and reports, the unread messages and
	// notifications. They are HTML so "99+" prints as the literal it was
	// in the template, not as "99&#43;"; only CountText makes them.
	Tasks, Reports, Messages, UnreadNotificationsText template.HTML
	// Menu is the count behind the phone's folded menu, as a number.
	Menu string
}

// CountText is a badge as the navigation prints it: nothing for 0, the
// number up to 99, then "99+"; digits and a plus sign only, so safe as HTML.
func CountText(n int) template.HTML {
	switch {
	case n <= 0:
		return ""
	case n > 99:
		return "99+"
	}
	return template.HTML(strconv.Itoa(n))
}

// navKey is a Nav's fixed parts and which of its badges show.
type navKey struct {
	loggedIn, producer, talent, staff     bool
	dashboard, label, section             string
	tasks, reports, messages, notes, menu bool
}

func (n Nav) key() navKey {
	return navKey{n.LoggedIn, n.Producer, n.Talent, n.Staff, n.DashboardPath, n.RoleLabel, n.Section,
		n.Tasks != "", n.Reports != "", n.Messages != "", n.UnreadNotificationsText != "", n.Menu != ""}
}

// The markers of a Nav's values (private-use characters, as prerender.go's).
const (
	markName     = "\uE011"
	markInitials = "\uE012"
	markCSRF     = "\uE013"
	markTasks    = "\uE014"
	markReports  = "\uE015"
	markMessages = "\uE016"
	markNotes    = "\uE017"
	markMenu     = "\uE018"
)

var navMarks = []string{markName, markInitials, markCSRF, markTasks, markReports, markMessages, markNotes, markMenu}

// marked is n with a marker for each value, a badge's only where it shows.
func (n Nav) marked() Nav {
	mark := func(v template.HTML, m string) template.HTML {
		if v == "" {
			return ""
		}
		return template.HTML(m)
	}
	n.Name, n.Initials, n.CSRF = markName, markInitials, markCSRF
	n.Tasks, n.Reports, n.Messages = mark(n.Tasks, markTasks), mark(n.Reports, markReports), mark(n.Messages, markMessages)
	n.UnreadNotificationsText = mark(n.UnreadNotificationsText, markNotes)
	if n.Menu != "" {
		n.Menu = markMenu
	}
	return n
}

// value is what fills the hole a marker left, escaped as html/template
// escapes it there (escapeHTML, for text and quoted attributes); the
// badges are HTML already.
func (n Nav) value(mark string) string {
	switch mark {
	case markName:
		return escapeHTML(n.Name)
	case markInitials:
		return escapeHTML(n.Initials)
	case markCSRF:
		return escapeHTML(n.CSRF)
	case markTasks:
		return string(n.Tasks)
	case markReports:
		return string(n.Reports)
	case markMessages:
		return string(n.Messages)
	case markNotes:
		return string(n.UnreadNotificationsText)
	case markMenu:
		return escapeHTML(n.Menu)
	}
	return ""
}

// navSkeletons keeps the bar's skeletons of one template set, a few per
// role and page (bounded by the keys: roles × sections × badges shown).
// They hold the markers, never a value, so nothing of one account's bar
// can reach another's.
type navSkeletons struct {
	t  *template.Template
	mu sync.RWMutex
	m  map[navKey]*skeleton
}

// render prints n through its skeleton, made (and checked against a
// direct render of partials/nav) on first use.
func (s *navSkeletons) render(n Nav) (template.HTML, error) {
	key := n.key()
	s.mu.RLock()
	sk := s.m[key]
	s.mu.RUnlock()
	if sk == nil {
		out, err := s.direct(n.marked())
		if err != nil {
			return "", err
		}
		sk = cut(out, navMarks...)
		want, err := s.direct(n)
		if err != nil {
			return "", err
		}
		if got := sk.fillNav(n); got != want {
			return "", fmt.Errorf("views: the navigation's skeleton renders\n%s\ninstead of\n%s", got, want)
		}
		s.mu.Lock()
		if len(s.m) >= maxSkeletons {
			clear(s.m)
		}
		s.m[key] = sk
		s.mu.Unlock()
	}
	return template.HTML(sk.fillNav(n)), nil
}

func (s *navSkeletons) direct(n Nav) (string, error) {
	var buf bytes.Buffer
	if err := s.t.ExecuteTemplate(&buf, "partials/nav", n); err != nil {
		return "", err
	}
	return buf.String(), nil
}

// fillNav writes the skeleton with n's values.
func (sk *skeleton) fillNav(n Nav) string {
	var b strings.Builder
	size := 0
	for _, p := range sk.parts {
		size += len(p)
	}
	b.Grow(size + 2*len(n.Name) + len(n.CSRF) + 32)
	for i, p := range sk.parts {
		b.WriteString(p)
		if i < len(sk.holes) {
			b.WriteString(n.value(sk.holes[i]))
		}
	}
	return b.String()
}

// NavInitials is the avatar's letters for a name (the initials func).
func NavInitials(name string) string { return initials(name) }
