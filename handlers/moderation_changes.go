package handlers

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/store"
)

// ChangesPage is the lighter list of what validated talent changed since
// validation: text edits went live at once, new photos once their check
// passed; a moderator looks and marks them seen.
type ChangesPage struct {
	Page
	Changes []ChangeRow
}

// ChangeRow is one talent's changes, worded.
type ChangeRow struct {
	store.ProfileChange
	Since, Edited string
}

func (h *moderationHandler) changes(c *fiber.Ctx) error {
	me := currentUser(c)
	list, err := h.store.Changes(c.UserContext(), me.ID)
	if err != nil {
		return err
	}
	page := &ChangesPage{Page: Page{Title: "Changes since validation"}}
	for _, ch := range list {
		page.Changes = append(page.Changes, ChangeRow{ProfileChange: ch, Since: when(ch.Since, me.TimeZone), Edited: when(ch.EditedAt, me.TimeZone)})
	}
	if c.Query("seen") != "" {
		page.Flash = "Marked as seen."
	}
	return renderPage(c, "moderation/changes", page)
}

// seen takes a talent off the changes list until they change something
// again.
func (h *moderationHandler) seen(c *fiber.Ctx) error {
	id, err := idParam(c, "talent")
	if err != nil {
		return err
	}
	err = h.store.MarkChangesSeen(c.UserContext(), currentUser(c).ID, id, h.now())
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	return redirect(c, "/moderation/changes?seen=1")
}
