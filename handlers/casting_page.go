package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/store"
)

// ListingPage is a listing as a talent reads it: every detail, and each
// role with its castmi button.
type ListingPage struct {
	Page
	Card ListingCard
}

// show renders the listing page. The store decides what the talent may
// see (store.CastingForTalent): the other kind, a draft, or a private
// listing they were not invited to is a 404. A closed listing held by
// its link shows, marked Closed, without castmi buttons.
func (h *castingsHandler) show(c *fiber.Ctx) error {
	card, err := h.card(c)
	if err != nil {
		return err
	}
	page := &ListingPage{Page: Page{Title: card.Title}, Card: card}
	// A plain form comes back here after castmi or withdraw.
	for _, v := range card.Castmi {
		switch strconv.FormatInt(v.Role.ID, 10) {
		case c.Query("applied"):
			page.Flash = "You applied for " + v.Role.Name + ". The producer sees your profile and your note."
		case c.Query("withdrawn"):
			page.Flash = "You withdrew your application for " + v.Role.Name + "."
		}
	}
	return renderPage(c, "castings/show", page)
}

// card loads the listing of the route's :id as the current talent may
// see it; anything else is a 404.
func (h *castingsHandler) card(c *fiber.Ctx) (ListingCard, error) {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return ListingCard{}, fiber.ErrNotFound
	}
	bc, err := h.store.CastingForTalent(c.UserContext(), *currentUser(c), id)
	if errors.Is(err, store.ErrNotFound) {
		return ListingCard{}, fiber.ErrNotFound
	}
	if err != nil {
		return ListingCard{}, err
	}
	return NewListingCard(bc, csrfToken(c), currentUser(c).TimeZone, h.now()), nil
}
