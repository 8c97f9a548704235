package handlers

import (
	"fmt"
	"strings"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// ListingCard is a listing as the talent pages show it: the browse card,
// the listing page and the dashboard card read the same facts from it.
type ListingCard struct {
	store.BrowseCard
	// Castmi is each role with its castmi button, in the roles' order.
	Castmi []CastmiView
	// Now is the clock the deadline is told against.
	Now time.Time
	// ViewerZone is the zone the talent reads dates in ("" for the
	// listing's own).
	ViewerZone string
}

// NewListingCard builds a card and its roles' buttons for a talent who
// reads dates in viewerZone.
func NewListingCard(c store.BrowseCard, csrf, viewerZone string, now time.Time) ListingCard {
	card := ListingCard{BrowseCard: c, Now: now, ViewerZone: viewerZone}
	for _, r := range c.Roles {
		card.Castmi = append(card.Castmi, card.castmi(r, csrf))
	}
	return card
}

// castmi is role r's button on this card.
func (c ListingCard) castmi(r production.Role, csrf string) CastmiView {
	v := CastmiView{ListingID: c.ID, Kind: c.Kind, Role: r, Open: c.Open(), CSRF: csrf}
	if p, ok := c.Mine[r.ID]; ok {
		v.Mine = &p
	}
	return v
}

// Open reports whether the listing takes applications now.
func (c ListingCard) Open() bool {
	return c.Status.Open() && (c.Deadline == nil || c.Now.Before(*c.Deadline))
}

// ProjectTypeLabel is the project's type as people read it.
func (c ListingCard) ProjectTypeLabel() string {
	return profile.Label(production.ProjectTypes, c.ProjectType)
}

// Place is where the work is: the city and country, or remote.
func (c ListingCard) Place() string {
	return where(c.Remote, c.City, c.Country)
}

// PayText says what the work pays, or what it offers when it is not paid.
func (c ListingCard) PayText() string {
	return payLine(c.Pay)
}

// NudityLabel is the declared nudity or sexual content, "" when none.
func (c ListingCard) NudityLabel() string {
	if c.Nudity == "" || c.Nudity == "none" {
		return ""
	}
	return profile.Label(production.NudityLevels, c.Nudity)
}

// ClosesIn is the deadline told from now: "closes in 3 days".
func (c ListingCard) ClosesIn() string {
	if c.Status == production.Closed {
		return "closed"
	}
	if c.Deadline == nil {
		return "no deadline"
	}
	zone := c.TimeZone
	if c.ViewerZone != "" {
		zone = c.ViewerZone
	}
	return closesIn(*c.Deadline, c.Now, listingZone(zone))
}

// DeadlineISO is the deadline for a <time datetime>.
func (c ListingCard) DeadlineISO() string {
	if c.Deadline == nil {
		return ""
	}
	return c.Deadline.UTC().Format(time.RFC3339)
}

// DeadlineFull is the deadline in the listing's time zone, as the
// producer set it: "Fri 12 Mar 2027, 18:00 (Europe/Lisbon)".
func (c ListingCard) DeadlineFull() string {
	if c.Deadline == nil {
		return ""
	}
	return deadlineIn(*c.Deadline, c.TimeZone)
}

// DeadlineYours is the deadline in the talent's own zone, "" when it is
// the listing's zone (DeadlineFull says it then).
func (c ListingCard) DeadlineYours() string {
	if c.Deadline == nil || c.ViewerZone == "" || listingZone(c.ViewerZone) == listingZone(c.TimeZone) {
		return ""
	}
	return deadlineIn(*c.Deadline, c.ViewerZone)
}

// WorkDates are the work's first and last days, "" when not given.
func (c ListingCard) WorkDates() string {
	return workDates(c.WorksFrom, c.WorksUntil)
}

// FeeText is what the listing charges talent, "" when nothing.
func (c ListingCard) FeeText() string {
	return feeLine(c.Fee)
}

// JobFacts is a job listing's department and experience level in one
// line, "" for a casting call.
func (c ListingCard) JobFacts() string {
	if c.Kind != production.JobListing {
		return ""
	}
	return strings.Join(nonEmpty(profile.Label(profile.Departments, c.Department),
		profile.Label(profile.ExperienceLevels, c.ExperienceLevel)), " · ")
}

func countOf(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(one, n)
	}
	return fmt.Sprintf(many, n)
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// CastmiView is one role's castmi button as the cards, the listing page
// and the htmx answer to a press show it: the role, where the talent's
// participation in it stands, and why a press was refused.
type CastmiView struct {
	ListingID int64
	Kind      production.Kind
	Role      production.Role
	// Mine is the talent's participation in the role, nil before any.
	Mine *production.Participation
	// Open says the listing takes applications.
	Open bool
	// Problem says why the press was refused and what to do.
	Problem string
	// FixLink is where the talent fixes the problem, when it is theirs to
	// fix (their profile).
	FixLink string
	// Note is the note typed before a refusal, kept.
	Note      string
	NoteError string
	CSRF      string
}

// CanApply reports whether the button is castmi: nothing held in the
// role yet, or an application withdrawn, while the listing is open.
func (v CastmiView) CanApply() bool {
	return v.Open && (v.Mine == nil || v.Mine.State == production.Withdrawn && v.Mine.Origin == production.FromApplication)
}

// CanWithdraw reports whether the talent may take their application back.
func (v CastmiView) CanWithdraw() bool {
	return v.Open && v.Mine != nil && v.Mine.State == production.Applied
}

// StateLabel is where the talent stands in the role, "" before applying.
func (v CastmiView) StateLabel() string {
	if v.Mine == nil {
		return ""
	}
	return v.Mine.FinalLabel(!v.Open)
}

// StateClass names the state for the badge's colour.
func (v CastmiView) StateClass() string {
	if v.Mine == nil {
		return ""
	}
	return production.FinalClass(v.StateLabel(), v.Mine.State)
}

// Invited reports whether the producer invited the talent to the role
// and waits for an answer (on My castings).
func (v CastmiView) Invited() bool {
	return v.Mine != nil && v.Mine.State == production.Invited && v.Open
}

// RoleFacts is the role's criteria in one line: type, gender, playing age,
// height, how many people.
func (v CastmiView) RoleFacts() string {
	r := v.Role
	var facts []string
	if r.RoleType != "" {
		facts = append(facts, profile.Label(production.RoleTypes, r.RoleType))
	}
	if r.Gender != "" && r.Gender != "any" {
		facts = append(facts, profile.Label(production.RoleGenders, r.Gender))
	}
	switch {
	case r.AgeMin > 0 && r.AgeMax > 0:
		facts = append(facts, fmt.Sprintf("%d–%d years", r.AgeMin, r.AgeMax))
	case r.AgeMin > 0:
		facts = append(facts, fmt.Sprintf("%d+ years", r.AgeMin))
	case r.AgeMax > 0:
		facts = append(facts, fmt.Sprintf("up to %d years", r.AgeMax))
	}
	if r.HeightMin > 0 || r.HeightMax > 0 {
		facts = append(facts, fmt.Sprintf("%s–%s cm", numOr(r.HeightMin, "…"), numOr(r.HeightMax, "…")))
	}
	if r.Openings > 1 {
		facts = append(facts, fmt.Sprintf("%d people", r.Openings))
	}
	return strings.Join(facts, " · ")
}

func numOr(n int, or string) string {
	if n == 0 {
		return or
	}
	return fmt.Sprint(n)
}

// CastmiPage is one role's button alone, as htmx swaps it in place.
type CastmiPage struct {
	Page
	C CastmiView
}
