package handlers

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// CastingStore is what the talent's castings pages need: browse, one
// listing, and their own participations. Every method is scoped to the
// talent it is given.
type CastingStore interface {
	TalentReader
	Browse(ctx context.Context, talent domain.Account, f store.BrowseFilter) (store.BrowseResult, error)
	CastingForTalent(ctx context.Context, talent domain.Account, listingID int64) (store.BrowseCard, error)
	Apply(ctx context.Context, talent domain.Account, listingID, roleID int64, note string) (production.Participation, error)
	Withdraw(ctx context.Context, talentID, participationID int64) (production.Participation, error)
	MyCastings(ctx context.Context, talentID int64) ([]store.MyCasting, error)
	AnswerInvitation(ctx context.Context, talentID, participationID int64, accept bool) (production.Participation, error)
}

// castingsHandler serves talent finding work and applying: browse, the
// listing page, castmi and withdraw, and "My castings". Producers and
// moderators get 403 on every route (requireTalent): these pages are a
// talent's, and a producer's own preview of a listing lives with the
// listing editor.
type castingsHandler struct {
	store CastingStore
	reads Batcher // browse reads its cards and the nav's badges in one round trip
	now   func() time.Time
}

func (h *castingsHandler) routes(app fiber.Router) {
	app.Get("/castings", requireTalent, h.browse)
	app.Get("/castings/:id", requireTalent, h.show)
	app.Post("/castings/:id/roles/:role/apply", requireTalent, needsConfirmed(domain.ActionApply), h.apply)
	app.Post("/castings/:id/roles/:role/withdraw", requireTalent, h.withdraw)
	app.Get("/my-castings", requireTalent, h.myCastings)
	app.Post("/participations/:id/answer", requireTalent, h.answer)
}

// BrowsePage is the browse page: the filter form as typed, one page of
// cards, and the link to the next.
type BrowsePage struct {
	Page
	Kind production.Kind
	// Filter is the query as the form shows it back: only values that
	// were understood.
	Filter url.Values
	Cards  []ListingCard
	// More is the next page's URL, "" on the last page.
	More string
	// Continued says this page follows a "More" link.
	Continued bool
}

// Notices reports whether the page lists the non-casting notices
// (workshops, classes, events…) rather than casting calls or jobs.
func (p *BrowsePage) Notices() bool { return p.Filter.Get("show") == "notices" }

// Filtered reports whether any filter is set, for the empty state.
func (p *BrowsePage) Filtered() bool {
	for k, vs := range p.Filter {
		if k != "after" && k != "show" && len(vs) > 0 && vs[0] != "" {
			return true
		}
	}
	return false
}

// NewestURL is the first page with the same filters.
func (p *BrowsePage) NewestURL() string {
	if len(p.Filter) == 0 {
		return "/castings"
	}
	return "/castings?" + p.Filter.Encode()
}

// KindTitle is what the page lists: "Casting calls" or "Job listings".
func (p *BrowsePage) KindTitle() string {
	if p.Kind == production.JobListing {
		return "Job listings"
	}
	return "Casting calls"
}

func (h *castingsHandler) browse(c *fiber.Ctx) error {
	u := currentUser(c)
	kind, _ := production.KindFor(u.Role)
	raw, err := url.ParseQuery(string(c.Request().URI().QueryString()))
	if err != nil {
		raw = url.Values{}
	}
	f, shown := parseBrowseFilter(raw, kind)
	page := &BrowsePage{Page: Page{Title: "Castings"}, Kind: kind, Filter: shown, Continued: f.After != nil}
	rd := h.reads.Batch()
	res := rd.Browse(*u, f)
	nav := queueNav(c, rd, u.ID)
	if err := rd.Send(c.UserContext()); err != nil {
		return err
	}
	if nav != nil {
		page.setNav(nav)
	}
	now := h.now()
	for _, card := range res.Cards {
		page.Cards = append(page.Cards, NewListingCard(card, csrfToken(c), currentUser(c).TimeZone, now))
	}
	if res.Next != nil {
		next := url.Values{}
		for k, vs := range shown {
			next[k] = vs
		}
		next.Set("after", res.Next.String())
		page.More = "/castings?" + next.Encode()
	}
	fragment := "castings/results"
	if page.Continued {
		fragment = "castings/more" // htmx appends the next cards under the ones shown
	}
	return render(c, "castings/index", fragment, page)
}

// parseBrowseFilter reads the filter form from the query string. A value
// that is not one of its list's options, or not clean text, is dropped
// rather than refused: a filter link never shows an error page. shown is
// what the form shows back.
func parseBrowseFilter(q url.Values, kind production.Kind) (store.BrowseFilter, url.Values) {
	shown := url.Values{}
	var f store.BrowseFilter
	choice := func(name string, opts []profile.Option) string {
		v := strings.TrimSpace(q.Get(name))
		if v == "" || !profile.Valid(opts, v) {
			return ""
		}
		shown.Set(name, v)
		return v
	}
	flag := func(name string) bool {
		on := q.Get(name) == "1" || q.Get(name) == "on"
		if on {
			shown.Set(name, "1")
		}
		return on
	}
	if kind == production.JobListing {
		f.Department = choice("department", profile.Departments)
	} else {
		f.RoleType = choice("role_type", production.RoleTypes)
	}
	f.Country = choice("country", profile.Countries)
	f.ProjectType = choice("project_type", production.ProjectTypes)
	if city, ok := cleanText(strings.Join(strings.Fields(q.Get("city")), " ")); ok && city != "" && utf8.RuneCountInString(city) <= production.MaxCity {
		f.City = city
		shown.Set("city", city)
	}
	f.Remote = flag("remote")
	f.PaidOnly = flag("paid")
	if d, err := time.Parse(production.DateLayout, strings.TrimSpace(q.Get("deadline_after"))); err == nil {
		f.DeadlineAfter = &d
		shown.Set("deadline_after", d.Format(production.DateLayout))
	}
	if q.Get("show") == "notices" {
		f.Notices = true
		shown.Set("show", "notices")
	}
	if cur, ok := store.ParseBrowseCursor(q.Get("after")); ok {
		f.After = &cur
	}
	return f, shown
}
