package handlers

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// Sentences for what the store refused after the handler's own checks
// passed: something changed between the page and the press.
const (
	closedNow      = "This casting closed a moment ago: it no longer takes applications."
	closedWithdraw = "This casting is closed: applications can no longer be withdrawn."
	decidedAlready = "The producer has answered this application already: it can no longer be withdrawn."
)

// heldProblem says why castmi does nothing on a role the talent already
// holds in another state.
func heldProblem(s production.State) string {
	switch s {
	case production.Invited:
		return "You were invited to this role: accept or decline the invitation on My castings."
	case production.Accepted:
		return "You are confirmed for this role already."
	case production.NotSelected:
		return "The producer did not select you for this role."
	case production.Declined:
		return "You declined the invitation to this role."
	}
	return "You cannot apply to this role again."
}

// roleOf finds the route's :role among the card's roles.
func roleOf(c *fiber.Ctx, card ListingCard) (int, error) {
	id, err := strconv.ParseInt(c.Params("role"), 10, 64)
	if err != nil {
		return 0, fiber.ErrNotFound
	}
	for i, v := range card.Castmi {
		if v.Role.ID == id {
			return i, nil
		}
	}
	return 0, fiber.ErrNotFound
}

// apply is castmi: it applies the talent to one role, with an optional
// note. Who may apply is production.ApplyProblem's rule, with the
// profile's completeness from loadTalent's meter; the store checks again
// in SQL. A refusal comes back as a sentence beside the button (422), the
// note kept; success turns the button into "Applied · Withdraw" in place
// (htmx) or comes back to the listing page (plain form). A second press
// (a double click, another tab) sees "Applied".
func (h *castingsHandler) apply(c *fiber.Ctx) error {
	u := currentUser(c)
	card, i, err := h.cardRole(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	v := &card.Castmi[i]
	if v.Mine != nil && v.Mine.State == production.Applied {
		return h.castmiDone(c, card, *v, "applied")
	}
	v.Note = strings.TrimSpace(strings.ReplaceAll(f.Get("note"), "\r\n", "\n"))
	if msg, bad := f.Bad["note"]; bad {
		v.NoteError = msg
	} else if n := utf8.RuneCountInString(v.Note); n > production.MaxApplicationMsg {
		v.NoteError = fmt.Sprintf("Keep the note to %d characters (it has %d).", production.MaxApplicationMsg, n)
	}
	if v.NoteError != "" {
		return h.refuseCastmi(c, card, i)
	}
	t, err := loadTalent(c.UserContext(), h.store, *u, h.now())
	if err != nil {
		return err
	}
	// The store showed the listing, so a private one holds an invitation.
	who := production.Eligibility{Role: u.Role, ProfileComplete: t.Meter.CanSubmit, Invited: card.Private()}
	if v.Problem = production.ApplyProblem(card.Listing, who, h.now()); v.Problem == "" && v.Mine != nil {
		v.Problem = heldProblemIf(v.Mine.State)
	}
	if v.Problem != "" {
		if ready := who; !who.ProfileComplete {
			// Only the profile stands in the way: link to it.
			if ready.ProfileComplete = true; production.ApplyProblem(card.Listing, ready, h.now()) == "" {
				v.FixLink = "/profile"
			}
		}
		return h.refuseCastmi(c, card, i)
	}
	p, err := h.store.Apply(c.UserContext(), *u, card.ID, v.Role.ID, v.Note)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case errors.Is(err, store.ErrListingClosed):
		v.Problem, v.Open = closedNow, false
		return h.refuseCastmi(c, card, i)
	case errors.Is(err, store.ErrMove):
		v.Mine, v.Problem = &p, heldProblem(p.State)
		return h.refuseCastmi(c, card, i)
	case err != nil:
		return err
	}
	v.Mine, v.Note = &p, ""
	return h.castmiDone(c, card, *v, "applied")
}

// heldProblemIf is heldProblem for a state castmi cannot move on from,
// "" for none held or withdrawn.
func heldProblemIf(s production.State) string {
	if s == production.Withdrawn || s == production.Applied {
		return ""
	}
	return heldProblem(s)
}

// withdraw takes the talent's application to one role back while the
// listing is open.
func (h *castingsHandler) withdraw(c *fiber.Ctx) error {
	u := currentUser(c)
	card, i, err := h.cardRole(c)
	if err != nil {
		return err
	}
	v := &card.Castmi[i]
	if v.Mine == nil {
		return fiber.ErrNotFound
	}
	p, err := h.store.Withdraw(c.UserContext(), u.ID, v.Mine.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case errors.Is(err, store.ErrListingClosed):
		v.Problem, v.Open = closedWithdraw, false
		return h.refuseCastmi(c, card, i)
	case errors.Is(err, store.ErrMove):
		v.Mine, v.Problem = &p, decidedAlready
		return h.refuseCastmi(c, card, i)
	case err != nil:
		return err
	}
	v.Mine = &p
	return h.castmiDone(c, card, *v, "withdrawn")
}

// castmiDone answers a successful press: the role's button in its new
// state for htmx, the listing page for a plain form.
func (h *castingsHandler) castmiDone(c *fiber.Ctx, card ListingCard, v CastmiView, what string) error {
	url := fmt.Sprintf("/castings/%d?%s=%d#role-%d", card.ID, what, v.Role.ID, v.Role.ID)
	return answerPost(c, url, func() error {
		return renderPage(c, "castings/castmi", &CastmiPage{C: v})
	})
}

// refuseCastmi answers a refused press with the sentence beside the
// role's button: the button alone for htmx, the whole listing page for a
// plain form, with a 422 either way.
func (h *castingsHandler) refuseCastmi(c *fiber.Ctx, card ListingCard, i int) error {
	refused(c)
	if isFragment(c) {
		return renderPage(c, "castings/castmi", &CastmiPage{C: card.Castmi[i]})
	}
	return renderPage(c, "castings/show", &ListingPage{Page: Page{Title: card.Title}, Card: card})
}

// cardRole is the listing of the route as the talent may see it, and the
// index of the route's role on it (a role of another listing is a 404).
func (h *castingsHandler) cardRole(c *fiber.Ctx) (ListingCard, int, error) {
	card, err := h.card(c)
	if err != nil {
		return ListingCard{}, 0, err
	}
	i, err := roleOf(c, card)
	return card, i, err
}
