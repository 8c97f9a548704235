package handlers

import (
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
)

// ListingView is a listing as talent read it, worded once for every page
// that shows one: the producer's preview and project page, and the
// talent's browse cards and listing page. The templates listings/summary
// (a card) and listings/details (the whole content) take one.
type ListingView struct {
	L production.Listing
	// ProjectTitle and ProjectType name the project, when the page knows it.
	ProjectTitle string
	ProjectType  string
	// Link is where the card's title leads ("" for no link).
	Link string
	// Paid says the listing carries the PAID tag (guaranteed pay of an
	// amount); every other listing is NOT PAID.
	Paid bool
	// PayLine says what the work pays or offers.
	PayLine string
	// FeeLine says what talent are charged, "" for nothing.
	FeeLine string
	// Where is the place, or Remote.
	Where string
	// When is the work dates, "" when not said.
	When string
	// Deadline is the deadline in the listing's time zone, Zone that zone's
	// name; ClosesIn says how soon in words ("closes in 3 days"). All ""
	// without a deadline.
	Deadline string
	Zone     string
	ClosesIn string
	// Nudity is the declared nudity or sexual content, "" for none or not
	// declared.
	Nudity string
	// Openings is how many people the listing needs, over all its roles.
	Openings int
}

// NewListingView words l for talent at now; p is its project (a zero one
// leaves the project out).
func NewListingView(l production.Listing, p production.Project, now time.Time) ListingView {
	v := ListingView{L: l, ProjectTitle: p.Title, Paid: l.Pay.Paid(), PayLine: payLine(l.Pay), FeeLine: feeLine(l.Fee),
		Where: where(l.Remote, l.City, l.Country), When: workDates(l.WorksFrom, l.WorksUntil)}
	if p.Type != "" {
		v.ProjectType = p.TypeLabel()
	}
	if l.Nudity != "" && l.Nudity != "none" {
		v.Nudity = profile.Label(production.NudityLevels, l.Nudity)
	}
	for _, r := range l.Roles {
		v.Openings += r.Openings
	}
	if l.Deadline != nil {
		loc := listingZone(l.TimeZone)
		v.Deadline = l.Deadline.In(loc).Format(deadlineLayout)
		v.Zone = loc.String()
		v.ClosesIn = closesIn(*l.Deadline, now, loc)
	}
	return v
}

// zones caches loaded time zones: a page of cards names a few, and
// time.LoadLocation reads the zone database each call.
var zones sync.Map

// listingZone is the named time zone, UTC when the name is unknown.
func listingZone(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		loc = time.UTC
	}
	zones.Store(name, loc)
	return loc
}

// closesIn says how soon the deadline is, counted in the listing's zone:
// "closes in 20 min", "closes today at 18:00", "closes tomorrow", "closes
// in 3 days", and for a deadline months away "closes on 7 Jun 2027".
func closesIn(deadline, now time.Time, loc *time.Location) string {
	left := deadline.Sub(now)
	if left <= 0 {
		return "deadline passed"
	}
	if left < time.Hour {
		return "closes in " + strconv.Itoa(max(1, int(left.Minutes()))) + " min"
	}
	d, n := deadline.In(loc), now.In(loc)
	days := int(time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC).
		Sub(time.Date(n.Year(), n.Month(), n.Day(), 12, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case days == 0:
		return "closes today at " + d.Format("15:04")
	case days == 1:
		return "closes tomorrow"
	case days < 60:
		return "closes in " + strconv.Itoa(days) + " days"
	}
	return "closes on " + d.Format("2 Jan 2006")
}

// deadlineLayout is how a deadline reads: "Fri 12 Mar 2027, 18:00".
const deadlineLayout = "Mon 2 Jan 2006, 15:04"

// deadlineIn is a deadline in the listing's zone, with the zone's name.
func deadlineIn(deadline time.Time, zone string) string {
	loc := listingZone(zone)
	return deadline.In(loc).Format(deadlineLayout) + " (" + loc.String() + ")"
}

func payLine(p production.Pay) string {
	switch p.Kind {
	case "paid":
		s := "Paid"
		if p.AmountCents > 0 {
			s = strings.TrimSpace(production.FormatMoney(p.AmountCents) + " " + p.Currency)
			if p.Unit != "" {
				s += " " + profile.Label(production.PayUnits, p.Unit)
			}
		}
		if !p.Guaranteed {
			s += " (not guaranteed)"
		}
		return s
	case "not_paid":
		s := "Not paid"
		if p.UnpaidKind != "" {
			s = profile.Label(production.UnpaidKinds, p.UnpaidKind)
		}
		if p.Offer != "" {
			s += " — " + p.Offer
		}
		return s
	}
	return "Pay not said yet"
}

func feeLine(f production.Fee) string {
	if !f.Charged() {
		return ""
	}
	s := strings.TrimSpace(production.FormatMoney(f.AmountCents) + " " + f.Currency)
	if f.For != "" {
		s += " for " + f.For
	}
	return s
}

func where(remote bool, city, country string) string {
	place := city
	if country != "" {
		c := profile.Label(profile.Countries, country)
		if place != "" {
			place += ", " + c
		} else {
			place = c
		}
	}
	switch {
	case remote && place != "":
		return "Remote · " + place
	case remote:
		return "Remote"
	case place == "":
		return "Place not said yet"
	}
	return place
}

func workDates(from, until *time.Time) string {
	const layout = "2 Jan 2006"
	switch {
	case from != nil && until != nil && !until.Equal(*from):
		return from.Format(layout) + " – " + until.Format(layout)
	case from != nil:
		return from.Format(layout)
	case until != nil:
		return "Until " + until.Format(layout)
	}
	return ""
}
