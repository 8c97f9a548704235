package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// decisionProblem is the sentence a refused decision shows, or "" when
// err is not a refusal.
func decisionProblem(err error) string {
	switch {
	case errors.Is(err, store.ErrListingClosed):
		return "This casting is closed: its decisions are final now."
	case errors.Is(err, store.ErrMove):
		return "This cannot be done any more: the participation changed meanwhile (withdrawn, answered or already decided). The card shows where it stands now."
	}
	return ""
}

func (h *applicantsHandler) decide(c *fiber.Ctx) error {
	return h.moveOne(c, func(ctx context.Context, producerID, id int64, f *Form) (production.Applicant, error) {
		return h.store.Decide(ctx, producerID, id, production.Move(f.Get("move")))
	})
}

func (h *applicantsHandler) uninvite(c *fiber.Ctx) error {
	return h.moveOne(c, func(ctx context.Context, producerID, id int64, _ *Form) (production.Applicant, error) {
		return h.store.Uninvite(ctx, producerID, id)
	})
}

// moveOne makes one card's move and redraws the card in place with the
// tab counts (htmx), or goes back to the tab (a plain form). A refused
// move shows the card as it now stands with the reason.
func (h *applicantsHandler) moveOne(c *fiber.Ctx, do func(ctx context.Context, producerID, id int64, f *Form) (production.Applicant, error)) error {
	u := currentUser(c)
	id, err := peopleRouteID(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	ctx := c.UserContext()
	tab := production.ParseTab(f.Get("tab"))
	a, err := do(ctx, u.ID, id, f)
	problem := decisionProblem(err)
	closed := problem != "" && errors.Is(err, store.ErrListingClosed)
	switch {
	case problem != "":
		if a, err = h.store.Applicant(ctx, u.ID, id); err != nil {
			return err
		}
		refused(c)
		if !isFragment(c) {
			return h.refusedPage(c, a.ListingID, production.PeopleFilter{Tab: tab}, problem)
		}
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	card := NewApplicantCard(a, tab, csrfToken(c), closed)
	card.Problem = problem
	back := peopleURL(card.ListingID, production.PeopleFilter{Tab: card.Tab}) + "#applicant-" + strconv.FormatInt(id, 10)
	return answerPost(c, back, func() error {
		counts, err := h.store.PeopleCounts(ctx, u.ID, card.ListingID)
		if err != nil {
			return err
		}
		return renderPage(c, "applicants/decided", &ApplicantCardPage{Card: card, Counts: counts})
	})
}

// refusedPage shows a listing's people with why a decision was refused
// (a plain form: htmx redraws the card or the panel alone).
func (h *applicantsHandler) refusedPage(c *fiber.Ctx, listingID int64, f production.PeopleFilter, problem string) error {
	l, err := h.store.OwnListing(c.UserContext(), currentUser(c).ID, listingID)
	if err != nil {
		return err
	}
	page, err := h.load(c, l, f)
	if err != nil {
		return err
	}
	page.Problem = problem
	return render(c, "applicants/people", "applicants/panel", page)
}

// decideMany is "Accept selected" / "Reject selected": the ticked cards
// (ids, or ids[]) moved in one transaction, the panel redrawn with what
// was done.
func (h *applicantsHandler) decideMany(c *fiber.Ctx) error {
	l, err := h.ownListing(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	filter := peopleFilter(f.Get, l)
	filter.After = ""
	move := production.Move(f.Get("move"))
	var ids []int64
	for _, v := range append(f.Values["ids"], f.Values["ids[]"]...) {
		if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
			ids = append(ids, id)
		}
	}
	problem := "Tick the people first, then choose Accept selected or Reject selected."
	var d production.Decided
	if len(ids) > 0 {
		d, err = h.store.DecideMany(c.UserContext(), currentUser(c).ID, l.ID, ids, move)
		if problem = decisionProblem(err); problem == "" && err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return fiber.ErrNotFound
			}
			return err
		}
	}
	if problem != "" {
		refused(c)
		page, err := h.load(c, l, filter)
		if err != nil {
			return err
		}
		page.Problem = problem
		return render(c, "applicants/people", "applicants/panel", page)
	}
	done := fmt.Sprintf("&done=%s&changed=%d&skipped=%d", move, d.Changed, d.Skipped)
	return answerPost(c, peopleURL(l.ID, filter)+done, func() error {
		page, err := h.load(c, l, filter)
		if err != nil {
			return err
		}
		page.Notice = bulkNotice(string(move), d)
		return renderPage(c, "applicants/panel", page)
	})
}

// bulkNotice says what a bulk decision did.
func bulkNotice(move string, d production.Decided) string {
	verb := map[string]string{"accept": "accepted", "reject": "marked not selected", "undo": "undone"}[move]
	if verb == "" {
		return ""
	}
	s := fmt.Sprintf("%d %s.", d.Changed, verb)
	if d.Changed == 1 {
		s = "1 " + verb + "."
	}
	if d.Skipped > 0 {
		s += fmt.Sprintf(" %d left as they were: withdrawn, invited or already decided.", d.Skipped)
	}
	return s
}

// bulkFlash is bulkNotice read back from the query a plain form was sent
// to after the decision.
func bulkFlash(done, changed, skipped string) string {
	n, err1 := strconv.Atoi(changed)
	k, err2 := strconv.Atoi(skipped)
	if err1 != nil || err2 != nil || n < 0 || k < 0 {
		return ""
	}
	return bulkNotice(done, production.Decided{Changed: n, Skipped: k})
}
