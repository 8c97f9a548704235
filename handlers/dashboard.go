package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
)

// NotificationStore is what the dashboards and the notifications page read.
type NotificationStore interface {
	Notifications(ctx context.Context, accountID int64, limit int) ([]domain.Notification, error)
	MarkNotificationsRead(ctx context.Context, accountID int64) error
}

// dashboardHandler serves each role's home.
type dashboardHandler struct {
	store   NotificationStore
	profile *profileHandler
}

func (h *dashboardHandler) home(c *fiber.Ctx) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(u.Role.DashboardPath(), fiber.StatusSeeOther)
	}
	return renderPage(c, "home/index", fiber.Map{"Title": "Slate — casting, verified", "Roles": domain.SignupRoles})
}

// dashboard renders the role's own dashboard; the route's requireRole has
// already checked the role matches.
func (h *dashboardHandler) dashboard(c *fiber.Ctx) error {
	u := currentUser(c)
	notes, err := h.store.Notifications(c.UserContext(), u.ID, 5)
	if err != nil {
		return err
	}
	data := fiber.Map{"Title": u.Role.Label() + " dashboard", "Notifications": notes}
	if u.Role.IsTalent() {
		st, err := h.profile.load(c.UserContext(), *u)
		if err != nil {
			return err
		}
		data["Meter"], data["StatusLabel"] = st.Meter, st.Record.Status.Label()
	}
	return renderPage(c, "dashboard/"+string(u.Role), data)
}

func (h *dashboardHandler) notifications(c *fiber.Ctx) error {
	u := currentUser(c)
	notes, err := h.store.Notifications(c.UserContext(), u.ID, 100)
	if err != nil {
		return err
	}
	return renderPage(c, "notifications/index", fiber.Map{"Title": "Notifications", "Notifications": notes})
}

func (h *dashboardHandler) markRead(c *fiber.Ctx) error {
	if err := h.store.MarkNotificationsRead(c.UserContext(), currentUser(c).ID); err != nil {
		return err
	}
	return redirect(c, "/notifications")
}
