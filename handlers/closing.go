package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// ClosingStore is what closing a casting and its final selection need;
// every method is scoped to the producer, so another's listing or
// participation is store.ErrNotFound.
type ClosingStore interface {
	OwnListing(ctx context.Context, producerID, listingID int64) (production.Listing, error)
	CloseListing(ctx context.Context, producerID, listingID int64, autoNotSelected bool, now time.Time) (production.Listing, error)
	FinalSelection(ctx context.Context, producerID, listingID int64, f store.SelectionFilter) (production.Selection, error)
	SetChoice(ctx context.Context, producerID, participationID int64, c production.Choice) (production.SelectionCandidate, error)
	SetAutoNotSelected(ctx context.Context, producerID, listingID int64, on bool) error
}

// closingHandler serves "Close casting" (a confirm step, then the close)
// and the final selection screen with its include / exclude toggles.
type closingHandler struct {
	store ClosingStore
	now   func() time.Time
	// messages lists the sent group messages on the selection screen.
	messages GroupMessageLister
}

func (h *closingHandler) routes(app fiber.Router) {
	producer := requireRole(domain.RoleProducer)
	app.Get("/listings/:id/close", producer, h.confirm)
	app.Post("/listings/:id/close", producer, h.close)
	app.Get("/listings/:id/selection", producer, h.selection)
	app.Post("/listings/:id/selection/grace", producer, h.grace)
	app.Post("/participations/:id/choice", producer, h.choose)
}

// CloseConfirmPage asks the producer to confirm closing a listing.
type CloseConfirmPage struct {
	Page
	Listing   production.Listing
	GraceDays int
}

// confirm is the close's confirm step; a closed listing goes straight to
// its selection.
func (h *closingHandler) confirm(c *fiber.Ctx) error {
	l, err := h.ownListing(c)
	if err != nil {
		return err
	}
	if l.Status == production.Closed {
		return c.Redirect(store.SelectionPath(l.ID), fiber.StatusSeeOther)
	}
	if _, ok := l.Status.Next(production.Close); !ok {
		return notEditable(l)
	}
	return renderPage(c, "closing/confirm", &CloseConfirmPage{Page: Page{Title: "Close " + titleOr(l)},
		Listing: l, GraceDays: production.DefaultGraceDays})
}

// close closes the listing with the producer's grace setting and opens
// the final selection.
func (h *closingHandler) close(c *fiber.Ctx) error {
	id, f, err := idAndForm(c)
	if err != nil {
		return err
	}
	// The setting is on unless the confirm form showed it and it was
	// unticked: a close posted without the form keeps the default.
	auto := f.Get("auto_not_selected") != "" || f.Get("grace_shown") == ""
	l, err := h.store.CloseListing(c.UserContext(), currentUser(c).ID, id, auto, h.now())
	if err != nil {
		return transitionError(err, production.Listing{})
	}
	return redirect(c, store.SelectionPath(l.ID)+"?closed=1")
}

// grace saves the producer's "tell the undecided" setting.
func (h *closingHandler) grace(c *fiber.Ctx) error {
	id, f, err := idAndForm(c)
	if err != nil {
		return err
	}
	if err := h.store.SetAutoNotSelected(c.UserContext(), currentUser(c).ID, id, f.Get("auto_not_selected") != ""); err != nil {
		return storeNotFound(err)
	}
	return redirect(c, store.SelectionPath(id)+"?grace=1")
}

func (h *closingHandler) ownListing(c *fiber.Ctx) (production.Listing, error) {
	id, err := numericParam(c, "id")
	if err != nil {
		return production.Listing{}, err
	}
	l, err := h.store.OwnListing(c.UserContext(), currentUser(c).ID, id)
	return l, storeNotFound(err)
}

// idAndForm reads a post's route id and its form.
func idAndForm(c *fiber.Ctx) (int64, *Form, error) {
	id, err := numericParam(c, "id")
	if err != nil {
		return 0, nil, err
	}
	f, err := readForm(c)
	return id, f, err
}
