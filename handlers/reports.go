package handlers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// ReportStore is what reporting reads and writes; every method is scoped
// to the reporter: an object they may not see is store.ErrNotFound, and
// they read only their own reports.
type ReportStore interface {
	ReportTarget(ctx context.Context, reporterID int64, kind domain.ReportKind, objectID int64) (store.ReportTarget, error)
	CreateReport(ctx context.Context, reporterID int64, kind domain.ReportKind, objectID int64, f domain.ReportForm) (domain.Report, error)
	MyReports(ctx context.Context, reporterID int64, limit int) ([]domain.Report, error)
}

// reportHandler serves the report form behind every "Report" link, and
// the reporter's own list of reports.
type reportHandler struct {
	store ReportStore
}

func (h *reportHandler) routes(app fiber.Router) {
	app.Get("/reports", requireLogin, h.mine)
	app.Get("/report/:kind/:id", requireLogin, h.form)
	app.Post("/report/:kind/:id", requireLogin, h.create)
}

// ReportFormPage is the report form: what is reported, the reasons to pick
// from, what was typed and why it was refused; Done is the report once
// sent (or the open one found when reporting again).
type ReportFormPage struct {
	Page
	Target  store.ReportTarget
	Reasons []domain.ReportReason
	Form    domain.ReportForm
	Errors  domain.FieldErrors
	Done    *domain.Report
	// Again says the reporter had reported this object already.
	Again bool
	// Back is where "Back" goes: the page the link was on.
	Back string
}

// MyReportsPage lists the reports the account filed and their outcomes.
type MyReportsPage struct {
	Page
	Reports []domain.Report
}

// reportBack is the page a report link sits on, where the form returns.
func reportBack(t store.ReportTarget) string {
	switch t.Kind {
	case domain.ReportListing:
		return fmt.Sprintf("/castings/%d", t.ID)
	case domain.ReportProfile:
		return fmt.Sprintf("/talent/%d", t.ID)
	}
	return fmt.Sprintf("/messages/%d#m%d", t.ThreadID, t.ID)
}

// target reads the object named by the URL, scoped to the reporter.
func (h *reportHandler) target(c *fiber.Ctx) (store.ReportTarget, error) {
	kind, ok := domain.ParseReportKind(c.Params("kind"))
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if !ok || err != nil {
		return store.ReportTarget{}, fiber.ErrNotFound
	}
	t, err := h.store.ReportTarget(c.UserContext(), currentUser(c).ID, kind, id)
	if errors.Is(err, store.ErrNotFound) {
		return t, fiber.ErrNotFound
	}
	return t, err
}

func (h *reportHandler) page(t store.ReportTarget) *ReportFormPage {
	return &ReportFormPage{Page: Page{Title: "Report a " + t.Kind.Noun()}, Target: t, Reasons: domain.ReportReasons,
		Done: t.Open, Again: t.Open != nil, Back: reportBack(t)}
}

func (h *reportHandler) form(c *fiber.Ctx) error {
	t, err := h.target(c)
	if err != nil {
		return err
	}
	page := h.page(t)
	page.Again = page.Again && c.Query("sent") == "" // just sent: say so, not "again"
	return render(c, "reports/new", "reports/form", page)
}

func (h *reportHandler) create(c *fiber.Ctx) error {
	t, err := h.target(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	page := h.page(t)
	if page.Done != nil { // a second press: nothing new is written
		return render(c, "reports/new", "reports/form", page)
	}
	page.Form = domain.ReportForm{Reason: f.Get("reason"), Details: f.Get("details")}
	if page.Errors = page.Form.Validate().With(f.Bad); len(page.Errors) > 0 {
		refused(c)
		return render(c, "reports/new", "reports/form", page)
	}
	r, err := h.store.CreateReport(c.UserContext(), currentUser(c).ID, t.Kind, t.ID, page.Form)
	switch {
	case errors.Is(err, store.ErrAlreadyReported):
		page.Again = true
	case errors.Is(err, store.ErrNotFound):
		return fiber.ErrNotFound
	case err != nil:
		return err
	}
	page.Done = &r
	url := c.Path()
	if !page.Again {
		url += "?sent=1"
	}
	return answerPost(c, url, func() error { return render(c, "reports/new", "reports/form", page) })
}

func (h *reportHandler) mine(c *fiber.Ctx) error {
	list, err := h.store.MyReports(c.UserContext(), currentUser(c).ID, 100)
	if err != nil {
		return err
	}
	return renderPage(c, "reports/mine", &MyReportsPage{Page: Page{Title: "My reports"}, Reports: list})
}
