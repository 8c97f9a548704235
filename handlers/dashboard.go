package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// NotificationStore is what the dashboards and the notifications page read.
type NotificationStore interface {
	Notifications(ctx context.Context, accountID int64, limit int) ([]domain.Notification, error)
	MarkNotificationsRead(ctx context.Context, accountID int64) error
}

// WaitingReader lists a producer's listings with applications waiting
// for a decision (the dashboard's "New applications" card).
type WaitingReader interface {
	WaitingApplications(ctx context.Context, producerID int64, limit int) ([]production.WaitingListing, error)
}

// dashboardHandler serves the home page, each role's dashboard and the
// notifications page.
type dashboardHandler struct {
	store   NotificationStore
	talents TalentReader  // the talent dashboards' completeness summary
	waiting WaitingReader // the producer's new applications
	now     func() time.Time
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
	// Waiting are the producer's listings with applications to decide on.
	Waiting []production.WaitingListing
}

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
	}
	if u.Role == domain.RoleProducer {
		if page.Waiting, err = h.waiting.WaitingApplications(c.UserContext(), u.ID, 6); err != nil {
			return err
		}
	}
	return renderPage(c, "dashboard/"+string(u.Role), page)
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
