package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// NewThreadPage is the producer's first message to a talent about a
// listing, reached from an applicant card or the team page.
type NewThreadPage struct {
	Page
	// To names the talent and the listing (To.With, To.ListingTitle).
	To    production.Thread
	Body  string
	Error string
}

// newForm shows the first-message form for ?listing=&talent=. When the two
// already talk, the thread is where to write.
func (h *messageHandler) newForm(c *fiber.Ctx) error {
	to, err := h.threadTo(c, c.Query("listing"), c.Query("talent"))
	if err != nil {
		return err
	}
	if to.ID != 0 {
		return c.Redirect(to.Link(), fiber.StatusSeeOther)
	}
	return renderPage(c, "messages/new", newThreadPage(to))
}

// start sends the first message and opens the thread (or adds to it, when
// another tab opened it first).
func (h *messageHandler) start(c *fiber.Ctx) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	to, err := h.threadTo(c, f.Get("listing"), f.Get("talent"))
	if err != nil {
		return err
	}
	body, problem := production.ParseMessage(f.Get("body"))
	if msg := f.Bad["body"]; msg != "" {
		problem = msg
	}
	if to.WithSuspended {
		problem = suspendedRecipient
	}
	refuse := func(problem string) error {
		page := newThreadPage(to)
		page.Body, page.Error = f.Get("body"), problem
		refused(c)
		return renderPage(c, "messages/new", page)
	}
	if problem != "" {
		return refuse(problem)
	}
	m, err := h.store.StartThread(c.UserContext(), currentUser(c).ID, to.ListingID, to.TalentID, body)
	if problem, ok := overMessageRate(c, err); ok {
		return refuse(problem)
	}
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	} else if errors.Is(err, store.ErrRecipientSuspended) { // suspended since the form was read
		to.WithSuspended = true
		return refuse(suspendedRecipient)
	} else if err != nil {
		return err
	}
	// The answer is another page, the thread, for htmx and plain forms
	// alike: there is no fragment to swap in place.
	return redirect(c, production.Thread{ID: m.ThreadID}.Link()+"#m"+strconv.FormatInt(m.ID, 10))
}

// threadTo reads the listing and talent ids and what the form shows about
// them; a listing not the producer's, or a talent not in it, is a 404.
func (h *messageHandler) threadTo(c *fiber.Ctx, listing, talent string) (production.Thread, error) {
	listingID, err1 := strconv.ParseInt(listing, 10, 64)
	talentID, err2 := strconv.ParseInt(talent, 10, 64)
	if err1 != nil || err2 != nil {
		return production.Thread{}, fiber.ErrNotFound
	}
	to, err := h.store.ThreadTo(c.UserContext(), currentUser(c).ID, listingID, talentID)
	if errors.Is(err, store.ErrNotFound) {
		return to, fiber.ErrNotFound
	}
	return to, err
}

func newThreadPage(to production.Thread) *NewThreadPage {
	return &NewThreadPage{Page: Page{Title: "Message " + to.With}, To: to}
}
