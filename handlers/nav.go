package handlers

import (
	"context"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
)

// NavCounter is what the navigation's badges read: unread messages and
// unread notifications, both from ONE small indexed query (the store's
// NavCounts), because every full page of a logged-in account asks.
type NavCounter interface {
	NavCounts(ctx context.Context, accountID int64) (messages, notifications int, err error)
}

// OpenReportCounter counts the reports waiting for a moderator: the
// moderators' "Reports" link and dashboard card (slice reports).
type OpenReportCounter interface {
	OpenReportCount(ctx context.Context) (int, error)
}

// localNav holds the request's NavCounter for render.
const localNav = "nav"

// navCounts hands the counter to render for the rest of the request. It
// queries nothing itself: render asks only when it writes a full page for
// a logged-in account, so fragments, redirects and visitors cost nothing.
func navCounts(n NavCounter) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Locals(localNav, n)
		return c.Next()
	}
}

// fillNavCounts sets the page's badges. Called after the handler's own
// writes, so a page that marks something read shows the badge without it.
func fillNavCounts(c *fiber.Ctx, p *Page) error {
	n, ok := c.Locals(localNav).(NavCounter)
	if !ok || p.User == nil {
		return nil
	}
	var err error
	p.UnreadMessages, p.UnreadNotifications, err = n.NavCounts(c.UserContext(), p.User.ID)
	if r, ok := n.(OpenReportCounter); ok && err == nil && p.User.Role == domain.RoleModerator {
		p.OpenReports, err = r.OpenReportCount(c.UserContext())
	}
	return err
}
