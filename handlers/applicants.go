package handlers

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// PeopleStore is what a listing's people tabs need from the store. Every
// method is scoped to the producer: another's listing or participation is
// store.ErrNotFound, so a 404.
type PeopleStore interface {
	OwnListing(ctx context.Context, producerID, listingID int64) (production.Listing, error)
	Participants(ctx context.Context, producerID, listingID int64, f production.PeopleFilter) (production.PeoplePage, error)
	PeopleCounts(ctx context.Context, producerID, listingID int64) (production.TabCounts, error)
	Applicant(ctx context.Context, producerID, participationID int64) (production.Applicant, error)
	Decide(ctx context.Context, producerID, participationID int64, m production.Move) (production.Applicant, error)
	DecideMany(ctx context.Context, producerID, listingID int64, ids []int64, m production.Move) (production.Decided, error)
	Uninvite(ctx context.Context, producerID, participationID int64) (production.Applicant, error)
}

// applicantsHandler serves a listing's three people tabs (applications
// received, invitations sent, confirmed participations) and the
// producer's decisions on them.
type applicantsHandler struct {
	store PeopleStore
}

func (h *applicantsHandler) routes(app fiber.Router) {
	producer := requireRole(domain.RoleProducer)
	app.Get("/listings/:id/people", producer, h.page)
	app.Post("/listings/:id/people/decide", producer, h.decideMany)
	app.Post("/participations/:id/decide", producer, h.decide)
	app.Post("/participations/:id/uninvite", producer, h.uninvite)
}

// ApplicantCard is one applicant card as the templates show it. Its
// fields are its own and its answers prepared (NewApplicantCard): a people
// tab prints some thirty values per card, and html/template finds a field
// promoted from an embedded struct by a reflect walk that allocates maps,
// and calls a method with a string argument by reflection too.
type ApplicantCard struct {
	ID, ListingID, TalentID int64
	Name, RoleName          string
	HeadshotID              int64 // 0: no passed headshot
	HeadshotV               int
	AgeMin, AgeMax          int
	HeightCM                int
	City, Note              string
	State                   production.State
	// StateLabel is State.ProducerLabel.
	StateLabel string
	// Invited says the participation began with an invitation.
	Invited   bool
	CreatedAt time.Time
	// DecidedAt is shown only beside a final answer (accepted, rejected).
	DecidedAt *time.Time
	// Tab is the tab the card is shown in: a plain form comes back to it.
	Tab  production.Tab
	CSRF string
	// Problem says why the last move was refused.
	Problem string
	// The moves the producer may make on the card now (none once the
	// casting is closed): its buttons are shown only then; Selectable (a
	// checkbox for the bulk decisions) when accept or reject applies.
	CanAccept, CanReject, CanUndo, CanUninvite, Selectable bool
}

// NewApplicantCard prepares an applicant's card shown in tab; closed says
// the casting is closed: no more decisions.
func NewApplicantCard(a production.Applicant, tab production.Tab, csrf string, closed bool) ApplicantCard {
	can := func(m production.Move) bool {
		_, ok := a.State.Next(production.ByProducer, m, a.Origin)
		return ok && !closed
	}
	c := ApplicantCard{ID: a.ID, ListingID: a.ListingID, TalentID: a.TalentID, Name: a.Name, RoleName: a.RoleName,
		HeadshotID: a.HeadshotID, HeadshotV: a.HeadshotV, AgeMin: a.AgeMin, AgeMax: a.AgeMax, HeightCM: a.HeightCM,
		City: a.City, Note: a.Note, State: a.State, StateLabel: a.State.ProducerLabel(),
		Invited: a.Origin == production.FromInvitation, CreatedAt: a.CreatedAt, Tab: tab, CSRF: csrf,
		CanAccept: can("accept"), CanReject: can("reject"), CanUndo: can("undo"), CanUninvite: can("uninvite")}
	c.Selectable = c.CanAccept || c.CanReject
	if a.State.Confirmed() || a.State == production.NotSelected {
		c.DecidedAt = a.DecidedAt
	}
	return c
}

// ListingPeoplePage is a listing's people: the tabs with their counts,
// the filters, one page of cards and the link to the next.
type ListingPeoplePage struct {
	Page
	Listing production.Listing
	Filter  production.PeopleFilter
	Counts  production.TabCounts
	Cards   []ApplicantCard
	// Next is the cursor of the next page, "" on the last.
	Next string
	// Problem says why a decision was refused.
	Problem string
	// Notice says what a bulk decision did.
	Notice string
}

// CardItem is one card as applicants/card reads it ({{with .Card}}).
type CardItem struct{ Card *ApplicantCard }

// CardItems are the page's cards for the range: a struct each, where a
// dict per card cost a map and a call by reflection.
func (p *ListingPeoplePage) CardItems() []CardItem {
	items := make([]CardItem, len(p.Cards))
	for i := range p.Cards {
		items[i] = CardItem{Card: &p.Cards[i]}
	}
	return items
}

// PeopleTab is one tab's link with its count.
type PeopleTab struct {
	Tab     production.Tab
	Label   string
	URL     string
	Count   int
	Current bool
}

// Tabs are the three tabs' links, keeping the order chosen.
func (p *ListingPeoplePage) Tabs() []PeopleTab {
	var out []PeopleTab
	for _, t := range production.Tabs {
		out = append(out, PeopleTab{Tab: t, Label: t.Label(), Count: p.Counts.Of(t), Current: t == p.Filter.Tab,
			URL: peopleURL(p.Listing.ID, production.PeopleFilter{Tab: t, Sort: p.Filter.Sort})})
	}
	return out
}

// MoreURL is the link to the next page.
func (p *ListingPeoplePage) MoreURL() string {
	f := p.Filter
	f.After = p.Next
	return peopleURL(p.Listing.ID, f)
}

// FirstURL is the link back to the first page of the same view.
func (p *ListingPeoplePage) FirstURL() string {
	f := p.Filter
	f.After = ""
	return peopleURL(p.Listing.ID, f)
}

// ApplicantCardPage is one card redrawn after a decision, with the tab
// counts htmx swaps out of band.
type ApplicantCardPage struct {
	Page
	Card   ApplicantCard
	Counts production.TabCounts
}

// peopleURL is the address of a view of a listing's people.
func peopleURL(listingID int64, f production.PeopleFilter) string {
	q := url.Values{"tab": {string(production.ParseTab(string(f.Tab)))}}
	if f.RoleID != 0 {
		q.Set("role", strconv.FormatInt(f.RoleID, 10))
	}
	if f.State != "" {
		q.Set("state", string(f.State))
	}
	if f.Sort == production.SortName {
		q.Set("sort", string(f.Sort))
	}
	if f.After != "" {
		q.Set("after", f.After)
	}
	return "/listings/" + strconv.FormatInt(listingID, 10) + "/people?" + q.Encode()
}

// peopleFilter reads a view's filter from a query or a form, keeping only
// a role of the listing and a state the tab holds.
func peopleFilter(get func(string) string, l production.Listing) production.PeopleFilter {
	f := production.PeopleFilter{Tab: production.ParseTab(get("tab")), Sort: production.ParseSort(get("sort")), After: get("after")}
	if id, err := strconv.ParseInt(get("role"), 10, 64); err == nil {
		for _, r := range l.Roles {
			if r.ID == id {
				f.RoleID = id
			}
		}
	}
	for _, s := range f.Tab.States() {
		if string(s) == get("state") {
			f.State = s
		}
	}
	return f
}

// peopleRouteID reads a numeric id from the route; anything else is a 404.
func peopleRouteID(c *fiber.Ctx) (int64, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// ownListing reads the producer's listing of the route, 404 for anyone
// else's.
func (h *applicantsHandler) ownListing(c *fiber.Ctx) (production.Listing, error) {
	id, err := peopleRouteID(c)
	if err != nil {
		return production.Listing{}, err
	}
	l, err := h.store.OwnListing(c.UserContext(), currentUser(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return l, fiber.ErrNotFound
	}
	return l, err
}

func (h *applicantsHandler) page(c *fiber.Ctx) error {
	l, err := h.ownListing(c)
	if err != nil {
		return err
	}
	f := peopleFilter(func(k string) string { return c.Query(k) }, l)
	page, err := h.load(c, l, f)
	if err != nil {
		return err
	}
	page.Notice = bulkFlash(c.Query("done"), c.Query("changed"), c.Query("skipped"))
	if isFragment(c) && f.After != "" {
		return renderPage(c, "applicants/more", page)
	}
	return render(c, "applicants/people", "applicants/panel", page)
}

// load reads one page of a view. A cursor that cannot be read (edited by
// hand) shows the first page rather than an error.
func (h *applicantsHandler) load(c *fiber.Ctx, l production.Listing, f production.PeopleFilter) (*ListingPeoplePage, error) {
	u := currentUser(c)
	pp, err := h.store.Participants(c.UserContext(), u.ID, l.ID, f)
	if errors.Is(err, store.ErrBadCursor) {
		f.After = ""
		pp, err = h.store.Participants(c.UserContext(), u.ID, l.ID, f)
	}
	if errors.Is(err, store.ErrNotFound) {
		return nil, fiber.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	page := &ListingPeoplePage{Page: Page{Title: "People — " + l.Title}, Listing: l, Filter: f, Counts: pp.Counts, Next: pp.Next}
	for _, a := range pp.Rows {
		page.Cards = append(page.Cards, NewApplicantCard(a, f.Tab, csrfToken(c), l.Status == production.Closed))
	}
	return page, nil
}
