package handlers

import (
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/domain/store"
)

// MyCastingRow is one participation on "My castings": the role, its
// listing and project, the state label, and for a waiting invitation the
// Accept / Decline buttons.
type MyCastingRow struct {
	store.MyCasting
	// Problem says why an answer was refused.
	Problem string
	CSRF    string
}

// Waiting reports whether the row is an invitation waiting for an answer.
func (r MyCastingRow) Waiting() bool { return r.State == production.Invited && !r.Closed }

// Changed reports whether the participation moved since it began.
func (r MyCastingRow) Changed() bool { return !r.UpdatedAt.Equal(r.CreatedAt) }

// ProjectTypeLabel is the project's type as people read it.
func (r MyCastingRow) ProjectTypeLabel() string {
	return profile.Label(production.ProjectTypes, r.ProjectType)
}

// StateClass names the state for the badge's colour: the final
// selection's answer once the listing closed, "closed" while it awaits.
func (r MyCastingRow) StateClass() string { return production.FinalClass(r.Label(), r.State) }

// MyCastingsPage lists every application and invitation of the talent,
// the invitations waiting for an answer first.
type MyCastingsPage struct {
	Page
	Invitations []MyCastingRow
	Rows        []MyCastingRow
}

// MyCastingRowPage is one row alone, as htmx swaps it after an answer.
type MyCastingRowPage struct {
	Page
	R MyCastingRow
}

// MyCastingItem is one row as my_castings/row reads it ({{with .R}}).
type MyCastingItem struct{ R *MyCastingRow }

// InvitationItems and RowItems are the two lists for their ranges.
func (p *MyCastingsPage) InvitationItems() []MyCastingItem { return myCastingItems(p.Invitations) }

// RowItems: see InvitationItems.
func (p *MyCastingsPage) RowItems() []MyCastingItem { return myCastingItems(p.Rows) }

// myCastingItems wraps rows for the range: a struct each, where a dict
// per row cost a map and a call by reflection.
func myCastingItems(rows []MyCastingRow) []MyCastingItem {
	items := make([]MyCastingItem, len(rows))
	for i := range rows {
		items[i] = MyCastingItem{R: &rows[i]}
	}
	return items
}

func (h *castingsHandler) myCastings(c *fiber.Ctx) error {
	list, err := h.store.MyCastings(c.UserContext(), currentUser(c).ID)
	if err != nil {
		return err
	}
	page := myCastingsPage(c, list, MyCastingRow{})
	switch c.Query("answered") {
	case "accept":
		page.Flash = "Invitation accepted: you are on the team. The producer has been told."
	case "decline":
		page.Flash = "Invitation declined. The producer has been told."
	}
	return renderPage(c, "my_castings/index", page)
}

// myCastingsPage sorts the rows into waiting invitations and the rest;
// changed replaces the row of its id (an answer refused, with its
// sentence).
func myCastingsPage(c *fiber.Ctx, list []store.MyCasting, changed MyCastingRow) *MyCastingsPage {
	page := &MyCastingsPage{Page: Page{Title: "My castings"}}
	for _, m := range list {
		row := MyCastingRow{MyCasting: m, CSRF: csrfToken(c)}
		if m.ID == changed.ID {
			row = changed
		}
		if row.Waiting() || row.Problem != "" && row.State == production.Invited {
			page.Invitations = append(page.Invitations, row)
		} else {
			page.Rows = append(page.Rows, row)
		}
	}
	return page
}

// answer accepts or declines one of the talent's invitations. The store
// scopes it to the talent (another's is a 404) and refuses a closed
// listing or an invitation no longer waiting; each refusal comes back as
// a sentence in the row.
func (h *castingsHandler) answer(c *fiber.Ctx) error {
	u := currentUser(c)
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil || id <= 0 {
		return fiber.ErrNotFound
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	list, err := h.store.MyCastings(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	var row MyCastingRow
	for _, m := range list {
		if m.ID == id {
			row = MyCastingRow{MyCasting: m, CSRF: csrfToken(c)}
		}
	}
	if row.ID == 0 {
		return fiber.ErrNotFound
	}
	answer := f.Get("answer")
	if answer != "accept" && answer != "decline" {
		row.Problem = "Choose Accept or Decline."
		return h.refuseAnswer(c, list, row)
	}
	p, err := h.store.AnswerInvitation(c.UserContext(), u.ID, id, answer == "accept")
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case errors.Is(err, store.ErrListingClosed):
		row.Problem, row.Closed = "This casting has closed: the invitation can no longer be answered.", true
		return h.refuseAnswer(c, list, row)
	case errors.Is(err, store.ErrMove):
		row.Participation, row.Problem = p, "This invitation was answered or taken back already."
		return h.refuseAnswer(c, list, row)
	case err != nil:
		return err
	}
	row.Participation = p
	return answerPost(c, "/my-castings?answered="+answer, func() error {
		return renderPage(c, "my_castings/row", &MyCastingRowPage{R: row})
	})
}

// refuseAnswer shows a refused answer's sentence in its row: the row
// alone for htmx, the whole page for a plain form, with a 422.
func (h *castingsHandler) refuseAnswer(c *fiber.Ctx, list []store.MyCasting, row MyCastingRow) error {
	refused(c)
	if isFragment(c) {
		return renderPage(c, "my_castings/row", &MyCastingRowPage{R: row})
	}
	return renderPage(c, "my_castings/index", myCastingsPage(c, list, row))
}
