package handlers

import (
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// The final selection screen of a closed listing (closingHandler's
// selection and choose): the candidates grouped by role, the filters, and
// the include / exclude toggle of each.

// SelectionPage is a listing's final selection: the candidates grouped by
// role, each with its include / exclude toggle, and the counts.
type SelectionPage struct {
	Page
	Sel production.Selection
	// Groups are the candidates shown, one group per role.
	Groups []CandidateGroup
	// RoleID and Choice are the filters ("" Choice: every choice).
	RoleID int64
	Choice string
	// Choices are the choice filter's chips.
	Choices []SelectionChip
	// Capped says more candidates match than one screen lists.
	Capped bool
	// Messages are the listing's sent group messages with their progress.
	Messages []production.SentGroupMessage
}

// CandidateGroup is one role's candidates on the selection screen.
type CandidateGroup struct {
	Role production.SelectionRole
	Rows []CandidateRow
}

// CandidateItem is one row as closing/candidate reads it ({{with .R}}).
type CandidateItem struct{ R *CandidateRow }

// Items are the group's rows for the range: a struct each, where a dict
// per row cost a map and a call by reflection.
func (g CandidateGroup) Items() []CandidateItem {
	items := make([]CandidateItem, len(g.Rows))
	for i := range g.Rows {
		items[i] = CandidateItem{R: &g.Rows[i]}
	}
	return items
}

// SelectionChip is one chip of the choice filter (the counts stand
// above it, kept current by each toggle).
type SelectionChip struct {
	Label, Value, Href string
	Current            bool
}

// CandidateRow is one candidate with its toggle; FilterRole and
// FilterChoice carry the screen's filters back after a plain-form toggle.
// Its fields are its own (NewCandidateRow): html/template finds a field
// promoted from an embedded struct by a reflect walk that allocates maps,
// and the screen lists up to a few hundred rows.
type CandidateRow struct {
	ID, ListingID, RoleID, TalentID int64
	HeadshotID                      int64 // 0: no passed headshot
	HeadshotV                       int
	Name, City                      string
	// Invited says they came by an invitation (and accepted it); else
	// StateLabel is their state as the producer reads it.
	Invited           bool
	StateLabel        string
	Choice            production.Choice
	ToldNotSelectedAt *time.Time
	CSRF              string
	FilterRole        int64
	FilterChoice      string
}

// NewCandidateRow is a candidate's row on a screen filtered by roleID and
// choice.
func NewCandidateRow(cand production.SelectionCandidate, csrf string, roleID int64, choice string) CandidateRow {
	return CandidateRow{ID: cand.ID, ListingID: cand.ListingID, RoleID: cand.RoleID, TalentID: cand.TalentID,
		HeadshotID: cand.HeadshotID, HeadshotV: cand.HeadshotV, Name: cand.Name, City: cand.City,
		Invited: cand.Origin == production.FromInvitation, StateLabel: cand.State.ProducerLabel(), Choice: cand.Choice,
		ToldNotSelectedAt: cand.ToldNotSelectedAt, CSRF: csrf, FilterRole: roleID, FilterChoice: choice}
}

// ToggledPage is a toggled candidate's row and the counts, as htmx swaps
// them in place.
type ToggledPage struct {
	Page
	Row CandidateRow
	Sel production.Selection
}

// RoleCounts is the counts of the toggled candidate's role.
func (p *ToggledPage) RoleCounts() production.SelectionRole {
	for _, r := range p.Sel.Roles {
		if r.ID == p.Row.RoleID {
			return r
		}
	}
	return production.SelectionRole{ID: p.Row.RoleID}
}

// selection renders the final selection screen. An open listing shows
// only how to close it.
func (h *closingHandler) selection(c *fiber.Ctx) error {
	id, err := numericParam(c, "id")
	if err != nil {
		return err
	}
	roleID, _ := strconv.ParseInt(c.Query("role"), 10, 64)
	choice := c.Query("choice")
	f := store.SelectionFilter{RoleID: roleID}
	switch choice {
	case "included", "excluded":
		f.Choice = production.Choice(choice)
	case "undecided":
		f.Undecided = true
	default:
		choice = ""
	}
	sel, err := h.store.FinalSelection(c.UserContext(), currentUser(c).ID, id, f)
	if err != nil {
		return storeNotFound(err)
	}
	page := &SelectionPage{Page: Page{Title: "Final selection: " + titleOr(sel.Listing)}, Sel: sel, RoleID: roleID, Choice: choice}
	page.Groups = candidateGroups(sel, csrfToken(c), roleID, choice)
	page.Choices = selectionChips(sel, roleID, choice)
	page.Capped = len(sel.Candidates) >= store.MaxSelectionRows
	if sel.Listing.Status == production.Closed && h.messages != nil {
		if page.Messages, err = h.messages.GroupMessages(c.UserContext(), currentUser(c).ID, id); err != nil {
			return err
		}
	}
	switch {
	case c.Query("closed") != "":
		page.Flash = "Casting closed: applications have stopped. Include or exclude each candidate."
	case c.Query("grace") != "":
		page.Flash = "Saved: " + graceSentence(sel)
	}
	return renderPage(c, "closing/selection", page)
}

// graceSentence says what happens to the undecided.
func graceSentence(sel production.Selection) string {
	if !sel.AutoNotSelected {
		return "undecided applicants are not told anything automatically."
	}
	return "undecided applicants are told “not selected” on " + sel.GraceDue().Format("2 Jan 2006") + "."
}

// candidateGroups lays the candidates out under their roles, in the
// listing's role order; a role with no candidate shown is left out.
func candidateGroups(sel production.Selection, csrf string, roleID int64, choice string) []CandidateGroup {
	at := map[int64]int{}
	var groups []CandidateGroup
	for _, r := range sel.Roles {
		at[r.ID] = len(groups)
		groups = append(groups, CandidateGroup{Role: r})
	}
	for _, cand := range sel.Candidates {
		g := &groups[at[cand.RoleID]]
		g.Rows = append(g.Rows, NewCandidateRow(cand, csrf, roleID, choice))
	}
	out := groups[:0]
	for _, g := range groups {
		if len(g.Rows) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// selectionChips are the choice filter's chips, within the role shown.
func selectionChips(sel production.Selection, roleID int64, choice string) []SelectionChip {
	chips := []SelectionChip{{Label: "All"}, {Label: "Included", Value: "included"},
		{Label: "Excluded", Value: "excluded"}, {Label: "Undecided", Value: "undecided"}}
	for i := range chips {
		chips[i].Current = chips[i].Value == choice
		chips[i].Href = selectionURL(sel.Listing.ID, roleID, chips[i].Value)
	}
	return chips
}

// selectionURL is the selection screen with its filters.
func selectionURL(listingID, roleID int64, choice string) string {
	q := url.Values{}
	if roleID > 0 {
		q.Set("role", strconv.FormatInt(roleID, 10))
	}
	if choice != "" {
		q.Set("choice", choice)
	}
	u := store.SelectionPath(listingID)
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	return u
}

// RoleHref is the selection screen narrowed to one role (0: all), keeping
// the choice filter.
func (p *SelectionPage) RoleHref(roleID int64) string {
	return selectionURL(p.Sel.Listing.ID, roleID, p.Choice)
}

// choose includes, excludes or un-decides one candidate: htmx swaps the
// row and the counts in place, a plain form comes back to the screen at
// the row.
func (h *closingHandler) choose(c *fiber.Ctx) error {
	id, f, err := idAndForm(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	roleID, _ := strconv.ParseInt(f.Get("role"), 10, 64)
	choice, ok := production.ParseChoice(f.Get("choice"))
	if !ok {
		return fiber.NewError(fiber.StatusBadRequest, "Choose Include or Exclude.")
	}
	cand, err := h.store.SetChoice(c.UserContext(), u.ID, id, choice)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case errors.Is(err, store.ErrTransition):
		return fiber.NewError(fiber.StatusConflict, "Close the casting first: the final selection starts once applications stop.")
	case errors.Is(err, store.ErrMove):
		return fiber.NewError(fiber.StatusConflict, "This person is no longer a candidate: they withdrew or the invitation was not accepted.")
	case err != nil:
		return err
	}
	row := NewCandidateRow(cand, csrfToken(c), roleID, f.Get("filter"))
	back := selectionURL(row.ListingID, roleID, row.FilterChoice) + "#candidate-" + strconv.FormatInt(id, 10)
	return answerPost(c, back, func() error {
		sel, err := h.store.FinalSelection(c.UserContext(), u.ID, row.ListingID, store.SelectionFilter{CountsOnly: true})
		if err != nil {
			return err
		}
		return renderPage(c, "closing/toggled", &ToggledPage{Row: row, Sel: sel})
	})
}
