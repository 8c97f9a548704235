package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// ModerationReportStore is what the reports queue reads and writes; each
// method checks in the database that the caller is a moderator.
type ModerationReportStore interface {
	OpenReports(ctx context.Context, moderatorID int64, limit int) ([]domain.Report, error)
	ReportCase(ctx context.Context, moderatorID, reportID int64) (store.ReportCase, error)
	ResolveReport(ctx context.Context, moderatorID, reportID int64, outcome domain.ReportOutcome, note, suspendReason string) error
}

// moderationRead reads the object the URL's :id names through read, as
// the current moderator: a bad or unknown id is 404.
func moderationRead[T any](c *fiber.Ctx, read func(ctx context.Context, moderatorID, id int64) (T, error)) (T, error) {
	var zero T
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return zero, fiber.ErrNotFound
	}
	v, err := read(c.UserContext(), currentUser(c).ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return zero, fiber.ErrNotFound
	}
	return v, err
}

// moderationReportsHandler serves the reports queue and its decisions.
type moderationReportsHandler struct {
	store ModerationReportStore
}

func (h *moderationReportsHandler) routes(app fiber.Router) {
	app.Get("/moderation/reports", requireModerator, h.queue)
	app.Get("/moderation/reports/:id", requireModerator, h.show)
	app.Post("/moderation/reports/:id", requireModerator, h.resolve)
}

// reportsQueueSize is how many open reports the queue lists at once.
const reportsQueueSize = 100

// ReportsQueuePage is the open reports, oldest first.
type ReportsQueuePage struct {
	Page
	Reports []domain.Report
}

// ResolveForm is the moderator's decision as typed.
type ResolveForm struct {
	Outcome string
	Note    string
	Reason  string
}

// ReportCasePage is one report with its object, history and the form to
// resolve it.
type ReportCasePage struct {
	Page
	Case     store.ReportCase
	Outcomes []domain.ReportOutcome
	Form     ResolveForm
	Errors   domain.FieldErrors
	// Problem is a refusal about the whole form (another moderator
	// decided first).
	Problem string
}

func (h *moderationReportsHandler) queue(c *fiber.Ctx) error {
	list, err := h.store.OpenReports(c.UserContext(), currentUser(c).ID, reportsQueueSize)
	if err != nil {
		return err
	}
	return renderPage(c, "moderation/reports", &ReportsQueuePage{Page: Page{Title: "Reports"}, Reports: list})
}

// load reads the report of the URL for the page.
func (h *moderationReportsHandler) load(c *fiber.Ctx) (*ReportCasePage, error) {
	rc, err := moderationRead(c, h.store.ReportCase)
	if err != nil {
		return nil, err
	}
	return &ReportCasePage{Page: Page{Title: "Report #" + strconv.FormatInt(rc.Report.ID, 10)}, Case: rc,
		Outcomes: domain.ReportOutcomes, Errors: domain.FieldErrors{}}, nil
}

func (h *moderationReportsHandler) show(c *fiber.Ctx) error {
	page, err := h.load(c)
	if err != nil {
		return err
	}
	return render(c, "moderation/report", "moderation/resolve_form", page)
}

// resolve records the decision. Bad input comes back beside the fields;
// a report another moderator resolved first says who did.
func (h *moderationReportsHandler) resolve(c *fiber.Ctx) error {
	page, err := h.load(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	page.Form = ResolveForm{Outcome: f.Get("outcome"), Note: strings.TrimSpace(f.Get("note")), Reason: strings.TrimSpace(f.Get("reason"))}
	page.Errors = validateResolve(page.Form).With(f.Bad)
	if len(page.Errors) > 0 {
		refused(c)
		return render(c, "moderation/report", "moderation/resolve_form", page)
	}
	r := page.Case.Report
	err = h.store.ResolveReport(c.UserContext(), currentUser(c).ID, r.ID, domain.ReportOutcome(page.Form.Outcome), page.Form.Note, page.Form.Reason)
	switch {
	case errors.Is(err, store.ErrReportResolved):
		refused(c) // 422, which htmx swaps in (a 409 it would drop)
		page.Problem = "This report was resolved " + strings.TrimPrefix(err.Error(), store.ErrReportResolved.Error()+" ") + " while you were reading it."
		if page, err = h.reload(c, page); err != nil {
			return err
		}
		return render(c, "moderation/report", "moderation/resolve_form", page)
	case errors.Is(err, store.ErrCannotSuspend):
		refused(c)
		page.Errors.Add("outcome", "This is a staff account: it cannot be suspended here.")
		return render(c, "moderation/report", "moderation/resolve_form", page)
	case err != nil:
		return err
	}
	return redirect(c, "/moderation/reports")
}

// reload reads the report again after another moderator's decision,
// keeping the refusal's message.
func (h *moderationReportsHandler) reload(c *fiber.Ctx, old *ReportCasePage) (*ReportCasePage, error) {
	page, err := h.load(c)
	if err != nil {
		return nil, err
	}
	page.Problem = old.Problem
	return page, nil
}

// validateResolve checks a decision: a known outcome, texts within
// domain.MaxReportText, and a reason for a suspension (the note serves
// when no separate reason is given).
func validateResolve(f ResolveForm) domain.FieldErrors {
	errs := domain.FieldErrors{}
	if !domain.ReportOutcome(f.Outcome).Valid() {
		errs.Add("outcome", "Choose what happens to this report.")
	}
	if _, p := domain.ParseSuspensionReason(f.Note); f.Note != "" && p != "" {
		errs.Add("note", p)
	}
	if f.Outcome == string(domain.OutcomeAccountSuspended) {
		reason := f.Reason
		if reason == "" {
			reason = f.Note
		}
		if _, p := domain.ParseSuspensionReason(reason); p != "" {
			errs.Add("reason", p)
		}
	} else if _, p := domain.ParseSuspensionReason(f.Reason); f.Reason != "" && p != "" {
		errs.Add("reason", p)
	}
	return errs
}
