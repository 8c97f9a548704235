package handlers

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// ListingEditStore is what the listing editor needs from the store; every
// method is scoped to the producer, so another's listing is
// store.ErrNotFound.
type ListingEditStore interface {
	Project(ctx context.Context, producerID, projectID int64) (production.Project, error)
	CreateListing(ctx context.Context, producerID, projectID int64, kind production.Kind) (production.Listing, error)
	OwnListing(ctx context.Context, producerID, listingID int64) (production.Listing, error)
	SaveListing(ctx context.Context, producerID int64, l production.Listing) (production.Listing, error)
	TransitionListing(ctx context.Context, producerID, listingID int64, e production.Event) (production.Listing, error)
	SubmitListing(ctx context.Context, producerID, listingID int64, noticesPerMonth int) (production.Listing, error)
	ListingReviewReader // slice listing review
}

// listingEditHandler serves the producer's casting call and job listing
// editor: create a draft, save it half filled, submit it, and preview it
// as talent will see it. Closing it is closing.go's.
type listingEditHandler struct {
	store ListingEditStore
	now   func() time.Time
	// rates are the posting rules' minimum pay; notices is how many
	// non-casting notices a producer may submit a month.
	rates   production.Rates
	notices int
}

func (h *listingEditHandler) routes(app fiber.Router) {
	producer := requireRole(domain.RoleProducer)
	app.Post("/projects/:id/listings", producer, h.create)
	app.Get("/listings/:id/edit", producer, h.edit)
	app.Post("/listings/:id/edit", producer, h.save)
	app.Post("/listings/:id/submit", producer, needsConfirmed(domain.ActionSubmit), h.submit)
	app.Get("/listings/:id/preview", producer, h.preview)
}

// ListingEditPage is the listing editor: the form of a draft, or, once
// the listing is published, its content and the close button.
type ListingEditPage struct {
	Page
	Project production.Project
	// Listing is the stored listing.
	Listing production.Listing
	// View is the stored listing worded for talent (the read-only page).
	View ListingView
	// Form holds the posted values after a refusal, the stored ones
	// otherwise; Roles lays out its role rows.
	Form   url.Values
	Errors domain.FieldErrors
	Roles  []RoleRowView
	// Problems is Errors in form order, for the summary at the top.
	Problems []Problem
	// Incomplete says Errors are what a submit found missing (the draft
	// itself was saved), not input that could not be saved.
	Incomplete bool
	// Saved says the draft was just saved (htmx shows it in place).
	Saved bool
	// Advice are the posting rules the saved draft breaks, shown after a
	// save as "Before you submit" without blocking it: submit refuses them.
	Advice []Problem
	// Zone is the time zone the deadline is read in; "" until the browser
	// says (static/js/app.js fills the hidden field and this label).
	Zone string
	// Review is where listing review stands (slice listing review).
	Review ReviewNotice
}

// Action is where the editor posts to save.
func (p *ListingEditPage) Action() string { return listingPath(p.Listing.ID) + "/edit" }

// SubmitAction is where the editor's submit button posts.
func (p *ListingEditPage) SubmitAction() string { return listingPath(p.Listing.ID) + "/submit" }

// MayAddRole says the casting call may take another role row.
func (p *ListingEditPage) MayAddRole() bool { return len(p.Roles) < production.MaxRoles }

// ListingPreviewPage shows a listing as talent will see it.
type ListingPreviewPage struct {
	Page
	Project production.Project
	View    ListingView
}

// create starts a draft casting call or job listing in the producer's
// project and opens its editor.
func (h *listingEditHandler) create(c *fiber.Ctx) error {
	id, err := numericParam(c, "id")
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	kind := production.Kind(f.Get("kind"))
	if !kind.Valid() {
		return fiber.NewError(fiber.StatusBadRequest, "Choose a casting call or a job listing.")
	}
	u := currentUser(c)
	p, err := h.store.Project(c.UserContext(), u.ID, id)
	if err != nil {
		return storeNotFound(err)
	}
	if p.Archived() {
		return fiber.NewError(fiber.StatusConflict, "This project is archived: bring it back to post a listing in it.")
	}
	l, err := h.store.CreateListing(c.UserContext(), u.ID, p.ID, kind)
	if err != nil {
		return storeNotFound(err)
	}
	return redirect(c, listingPath(l.ID)+"/edit")
}

// edit shows the editor of a draft, or a published listing's content.
func (h *listingEditHandler) edit(c *fiber.Ctx) error {
	l, p, err := h.load(c)
	if err != nil {
		return err
	}
	page := h.page(l, p, formValues(l), nil, queryInt(c, "blank"))
	if err := withReview(c.UserContext(), h.store, page, *currentUser(c)); err != nil {
		return err
	}
	if !l.Status.Editable() {
		return renderPage(c, "listings/edit", page)
	}
	if c.Query("saved") != "" {
		page.Flash = "Draft saved."
		page.Advice = problems(production.RuleErrors(h.rules(l, p)))
	}
	return render(c, "listings/edit", "listings/form", page)
}

// save stores the draft as it is, half filled or not. Input the parser
// refuses (a date that is not one, reversed ages, a past deadline, an
// unknown choice) comes back with each message beside its field and
// everything typed kept; nothing is saved. "Add a role" and a row's Remove
// save too, then show the rows changed.
func (h *listingEditHandler) save(c *fiber.Ctx) error {
	l, p, err := h.load(c)
	if err != nil {
		return err
	}
	if !l.Status.Editable() {
		return notEditable(l)
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	blanks := 1
	if f.Get("add") == "role" {
		blanks = blankRows(f.Values) + 1
	}
	saved, ok, err := h.parseAndSave(c, l, p, f, blanks)
	if !ok {
		return err
	}
	next := listingPath(l.ID) + "/edit?saved=1"
	if blanks > 1 {
		next += "&blank=" + strconv.Itoa(blanks) + "#role-" + strconv.Itoa(len(saved.Roles))
	}
	return answerPost(c, next, func() error {
		page := h.page(saved, p, formValues(saved), nil, blanks)
		if err := withReview(c.UserContext(), h.store, page, *currentUser(c)); err != nil {
			return err
		}
		page.Saved = true
		page.Advice = problems(production.RuleErrors(h.rules(saved, p)))
		return renderPage(c, "listings/form", page)
	})
}

// submit saves the posted editor (when it posted one), then sends the
// listing on if nothing is missing and it breaks no posting rule (and a
// non-casting notice is within the producer's monthly limit); otherwise
// the editor comes back (422), the draft saved but its status unchanged,
// with each problem beside its field and a summary at the top.
func (h *listingEditHandler) submit(c *fiber.Ctx) error {
	l, p, err := h.load(c)
	if err != nil {
		return err
	}
	if !l.Status.Editable() {
		return notEditable(l)
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	if f.Get("editor") != "" {
		saved, ok, err := h.parseAndSave(c, l, p, f, 1)
		if !ok {
			return err
		}
		l = saved
	}
	blocked := production.Missing(l, h.now()).With(production.RuleErrors(h.rules(l, p)))
	if len(blocked) == 0 {
		_, err = h.store.SubmitListing(c.UserContext(), currentUser(c).ID, l.ID, h.notices)
		if errors.Is(err, store.ErrNoticeLimit) {
			blocked = domain.FieldErrors{"category": noticeLimitMessage(h.notices)}
		} else if err != nil {
			return transitionError(err, l)
		}
	}
	if len(blocked) > 0 {
		refused(c)
		page := h.page(l, p, formValues(l), blocked, 1)
		if err := withReview(c.UserContext(), h.store, page, *currentUser(c)); err != nil {
			return err
		}
		page.Incomplete = true
		return render(c, "listings/edit", "listings/form", page)
	}
	return redirect(c, projectPath(l.ProjectID)+"?done=submitted")
}

// preview shows the listing as talent will see it.
func (h *listingEditHandler) preview(c *fiber.Ctx) error {
	l, p, err := h.load(c)
	if err != nil {
		return err
	}
	return renderPage(c, "listings/preview", &ListingPreviewPage{Page: Page{Title: "Preview: " + titleOr(l)},
		Project: p, View: NewListingView(l, p, h.now())})
}

// parseAndSave reads the editor's form into l and saves it, reporting ok.
// Refused input renders the editor (422) instead, and the caller returns
// err as its answer; so does any failure.
func (h *listingEditHandler) parseAndSave(c *fiber.Ctx, l production.Listing, p production.Project, f *Form,
	blanks int) (saved production.Listing, ok bool, err error) {
	stored := l
	errs := production.ParseListing(f.Values, &l, h.now()).With(f.Bad) // nothing unreadable is ever saved
	if len(errs) > 0 {
		refused(c)
		return l, false, render(c, "listings/edit", "listings/form", h.page(stored, p, f.Values, errs, blanks))
	}
	saved, err = h.store.SaveListing(c.UserContext(), currentUser(c).ID, l)
	if err != nil {
		return l, false, transitionError(err, stored)
	}
	return saved, true, nil
}

// page builds the editor's data.
func (h *listingEditHandler) page(l production.Listing, p production.Project, form url.Values, errs domain.FieldErrors,
	blanks int) *ListingEditPage {
	page := &ListingEditPage{Page: Page{Title: titleOr(l)}, Project: p, Listing: l, View: NewListingView(l, p, h.now()),
		Form: form, Errors: errs, Problems: problems(errs), Zone: form.Get("time_zone")}
	if l.Kind == production.CastingCall {
		var shown map[int]int
		page.Roles, shown = roleRowViews(form, errs, blanks)
		page.Problems = problems(reindexRoles(errs, shown))
	}
	return page
}

// load reads the producer's listing named in the URL and its project;
// anyone else's is a 404.
func (h *listingEditHandler) load(c *fiber.Ctx) (production.Listing, production.Project, error) {
	id, err := numericParam(c, "id")
	if err != nil {
		return production.Listing{}, production.Project{}, err
	}
	u := currentUser(c)
	l, err := h.store.OwnListing(c.UserContext(), u.ID, id)
	if err != nil {
		return l, production.Project{}, storeNotFound(err)
	}
	p, err := h.store.Project(c.UserContext(), u.ID, l.ProjectID)
	return l, p, storeNotFound(err)
}

// formValues is the stored listing as its form's fields. A listing
// without a deadline has no time zone of its own yet: the field is left
// empty so the browser fills in the producer's.
func formValues(l production.Listing) url.Values {
	v := production.ListingValues(l)
	if l.Deadline == nil {
		v.Set("time_zone", "")
	}
	return v
}

// notEditable refuses to change a listing whose status fixes its content.
func notEditable(l production.Listing) error {
	return fiber.NewError(fiber.StatusConflict, "This listing is "+l.Status.Label()+
		": its content can no longer change, because talent may have applied to what it says.")
}

// transitionError words the store's refusal of a status change.
func transitionError(err error, l production.Listing) error {
	if errors.Is(err, store.ErrTransition) {
		if l.ID != 0 {
			return notEditable(l)
		}
		return fiber.NewError(fiber.StatusConflict, "This listing's status does not allow that: reload the page to see where it is.")
	}
	return storeNotFound(err)
}

func listingPath(id int64) string { return "/listings/" + strconv.FormatInt(id, 10) }

// titleOr is the listing's title, or its kind while it has none.
func titleOr(l production.Listing) string {
	if l.Title != "" {
		return l.Title
	}
	return "Untitled " + strings.ToLower(l.Kind.Label())
}

// queryInt is a small count from the query string (0 when absent or bad).
func queryInt(c *fiber.Ctx, name string) int {
	n, err := strconv.Atoi(c.Query(name))
	if err != nil || n < 0 || n > production.MaxRoles {
		return 0
	}
	return n
}
