package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// NotificationStore is what the dashboards and the notifications page read.
type NotificationStore interface {
	Notifications(ctx context.Context, accountID int64, limit int) ([]domain.Notification, error)
	MarkNotificationsRead(ctx context.Context, accountID int64) error
}

// ThreadLister is what the dashboards' messages card reads.
type ThreadLister interface {
	Threads(ctx context.Context, accountID int64, limit int) ([]production.Thread, error)
}

// dashboardThreads is how many threads a dashboard's messages card lists.
const dashboardThreads = 3

// ProjectLister lists a producer's projects (the producer dashboard's
// projects card).
type ProjectLister interface {
	Projects(ctx context.Context, producerID int64) ([]production.ProjectSummary, error)
}

// CastingReader is what the talent dashboards show of castings: the
// latest open listings of their kind and their own participations.
type CastingReader interface {
	Browse(ctx context.Context, talent domain.Account, f store.BrowseFilter) (store.BrowseResult, error)
	MyCastings(ctx context.Context, talentID int64) ([]store.MyCasting, error)
}

// WaitingReader lists a producer's listings with applications waiting
// for a decision (the dashboard's "New applications" card).
type WaitingReader interface {
	WaitingApplications(ctx context.Context, producerID int64, limit int) ([]production.WaitingListing, error)
}

// dashboardHandler serves the home page, each role's dashboard and the
// notifications page.
type dashboardHandler struct {
	store    NotificationStore
	talents  TalentReader  // the talent dashboards' completeness summary
	projects ProjectLister // the producer dashboard's projects card
	// messages lists the latest threads on producer and talent dashboards.
	messages ThreadLister
	castings CastingReader     // the talent dashboards' castings cards
	waiting  WaitingReader     // the producer's new applications
	reports  OpenReportCounter // the moderator's reports card
	now      func() time.Time
}

func (h *dashboardHandler) routes(app fiber.Router) {
	app.Get("/", h.home)
	for _, role := range []domain.Role{domain.RolePerformer, domain.RoleCrew, domain.RoleProducer, domain.RoleModerator} {
		app.Get(role.DashboardPath(), requireRole(role), h.dashboard)
	}
	app.Get("/notifications", requireLogin, h.notifications)
	app.Post("/notifications/read", requireLogin, h.markRead)
}

// HomePage is the visitor's landing page.
type HomePage struct {
	Page
	Roles []domain.RoleOption
}

// DashboardPage is a role's dashboard: the latest notifications and, for
// talent, how far their profile is.
type DashboardPage struct {
	Page
	TalentSummary
	Notifications []domain.Notification
	// Threads are the latest message threads, with their unread counts.
	Threads []production.Thread
	// Projects is the producer dashboard's projects card (nil for others).
	Projects *ProjectsCard
	// Castings are the latest open listings of a talent's kind.
	Castings []ListingCard
	// Standing counts a talent's applications and invitations by state.
	Standing []StateCount
	// Invitations are the invitations waiting for a talent's answer.
	Invitations []store.MyCasting
	// Waiting are the producer's listings with applications to decide on.
	Waiting []production.WaitingListing
	// OpenReports is how many reports wait for a moderator (the
	// moderator dashboard's reports card).
	OpenReports int
}

// ProjectsCard sums up a producer's projects on the dashboard.
type ProjectsCard struct {
	// Active counts the projects not archived.
	Active int
	// Latest are the newest active projects, with their counts.
	Latest []production.ProjectSummary
}

// dashboardProjects is how many projects the dashboard card lists.
const dashboardProjects = 3

// StateCount is how many participations read one state label.
type StateCount struct {
	Label string
	Class string
	N     int
}

// dashboardCastings is how many open listings the talent dashboards show.
const dashboardCastings = 3

// NotificationsPage lists an account's notifications.
type NotificationsPage struct {
	Page
	Notifications []domain.Notification
}

func (h *dashboardHandler) home(c *fiber.Ctx) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(u.Role.DashboardPath(), fiber.StatusSeeOther)
	}
	return renderPage(c, "home/index", &HomePage{Page: Page{Title: "Slate — casting, verified"}, Roles: domain.SignupRoles})
}

// dashboard renders the role's own dashboard; the route's requireRole has
// already checked the role matches.
func (h *dashboardHandler) dashboard(c *fiber.Ctx) error {
	u := currentUser(c)
	notes, err := h.store.Notifications(c.UserContext(), u.ID, 5)
	if err != nil {
		return err
	}
	page := &DashboardPage{Page: Page{Title: u.Role.Label() + " dashboard"}, Notifications: notes}
	if u.Role.IsTalent() {
		t, err := loadTalent(c.UserContext(), h.talents, *u, h.now())
		if err != nil {
			return err
		}
		page.TalentSummary = t.summary()
		if err := h.talentCastings(c, *u, page); err != nil {
			return err
		}
	}
	if u.Role != domain.RoleModerator {
		if page.Threads, err = h.messages.Threads(c.UserContext(), u.ID, dashboardThreads); err != nil {
			return err
		}
	}
	if u.Role == domain.RoleProducer {
		all, err := h.projects.Projects(c.UserContext(), u.ID)
		if err != nil {
			return err
		}
		card := &ProjectsCard{}
		for _, p := range all { // active ones first, newest first
			if p.Archived() {
				break
			}
			card.Active++
			if len(card.Latest) < dashboardProjects {
				card.Latest = append(card.Latest, p)
			}
		}
		page.Projects = card
	}
	if u.Role == domain.RoleModerator {
		if page.OpenReports, err = h.reports.OpenReportCount(c.UserContext()); err != nil {
			return err
		}
	}
	if u.Role == domain.RoleProducer {
		if page.Waiting, err = h.waiting.WaitingApplications(c.UserContext(), u.ID, 6); err != nil {
			return err
		}
	}
	return renderPage(c, "dashboard/"+string(u.Role), page)
}

// talentCastings fills the talent dashboard's castings cards: the latest
// open listings of their kind, their participations counted by state
// label, and the invitations waiting for them.
func (h *dashboardHandler) talentCastings(c *fiber.Ctx, u domain.Account, page *DashboardPage) error {
	res, err := h.castings.Browse(c.UserContext(), u, store.BrowseFilter{Limit: dashboardCastings})
	if err != nil {
		return err
	}
	for _, card := range res.Cards {
		page.Castings = append(page.Castings, NewListingCard(card, csrfToken(c), currentUser(c).TimeZone, h.now()))
	}
	mine, err := h.castings.MyCastings(c.UserContext(), u.ID)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, m := range mine {
		counts[m.Label()]++
		if m.State == production.Invited && !m.Closed {
			page.Invitations = append(page.Invitations, m)
		}
	}
	for _, s := range []struct{ label, class string }{{"Applied", "applied"}, {"Invited", "invited"}, {"Accepted", "accepted"},
		{"Not selected", "rejected"}, {"Withdrawn", "withdrawn"}, {"Declined", "declined"}, {"Closed", "closed"}} {
		if n := counts[s.label]; n > 0 {
			page.Standing = append(page.Standing, StateCount{Label: s.label, Class: s.class, N: n})
		}
	}
	return nil
}

func (h *dashboardHandler) notifications(c *fiber.Ctx) error {
	notes, err := h.store.Notifications(c.UserContext(), currentUser(c).ID, 100)
	if err != nil {
		return err
	}
	return renderPage(c, "notifications/index", &NotificationsPage{Page: Page{Title: "Notifications"}, Notifications: notes})
}

func (h *dashboardHandler) markRead(c *fiber.Ctx) error {
	if err := h.store.MarkNotificationsRead(c.UserContext(), currentUser(c).ID); err != nil {
		return err
	}
	return redirect(c, "/notifications")
}
