package handlers

import (
	"context"
	"html/template"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/views"
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
// A staff page's badges (open tasks, open reports) go in the same round
// trip as the unread counts when the counter can batch.
func fillNavCounts(c *fiber.Ctx, p *Page) error {
	n, ok := c.Locals(localNav).(NavCounter)
	if !ok || p.User == nil {
		return nil
	}
	if r := prefetchedNav(c); r != nil {
		if !p.navCounted {
			p.setNav(&r.Nav)
		}
		if p.User.Role.IsStaff() {
			p.OpenTasks, p.OpenReports = r.Staff.OpenTasks, r.Staff.OpenReports
		}
		return nil
	}
	if b, ok := n.(Batcher); ok && p.User.Role.IsStaff() {
		return fillStaffNav(c, b, p)
	}
	var err error
	if !p.navCounted { // else the handler read them in its own batch
		if p.UnreadMessages, p.UnreadNotifications, err = n.NavCounts(c.UserContext(), p.User.ID); err != nil {
			return err
		}
	}
	// Moderators see the open tasks (profiles and listings) beside "Queue".
	if t, ok := n.(OpenTaskCounter); ok && p.User.Role.IsStaff() {
		p.OpenTasks, err = t.OpenTaskCount(c.UserContext())
		if err != nil {
			return err
		}
	}
	if r, ok := n.(OpenReportCounter); ok && p.User.Role == domain.RoleModerator {
		p.OpenReports, err = r.OpenReportCount(c.UserContext())
	}
	return err
}

// localSessionNav holds the badges the session's query read
// (store.SessionRead), until a handler's write makes them stale.
const localSessionNav = "sessionNav"

// prefetchedNav is the badges the session's query read for this request
// (GET and HEAD only), or nil. They are the request's own account's, read
// in the same statement that checked its session, and live only in this
// request's locals.
func prefetchedNav(c *fiber.Ctx) *store.SessionRead {
	r, _ := c.Locals(localSessionNav).(*store.SessionRead)
	return r
}

// staleNav drops the badges the session's query read: a GET handler that
// changes what they count (reading a thread) calls it, so render counts
// again after the write.
func staleNav(c *fiber.Ctx) { c.Locals(localSessionNav, nil) }

// queueNav queues the badges in a page's batch, unless the session's query
// already read them or the request is an htmx fragment (which keeps the
// page's badges): then nil.
func queueNav(c *fiber.Ctx, rd *store.Batch, accountID int64) *store.NavCount {
	if isFragment(c) || prefetchedNav(c) != nil {
		return nil
	}
	return rd.NavCounts(accountID)
}

// fillStaffNav reads a staff page's badges in one batch: the unread counts
// (unless the handler read them) and the shared queues' counts.
func fillStaffNav(c *fiber.Ctx, b Batcher, p *Page) error {
	rd := b.Batch()
	var nav *store.NavCount
	if !p.navCounted {
		nav = rd.NavCounts(p.User.ID)
	}
	staff := rd.StaffCounts()
	if err := rd.Send(c.UserContext()); err != nil {
		return err
	}
	if nav != nil {
		p.setNav(nav)
	}
	p.OpenTasks = staff.OpenTasks
	if p.User.Role == domain.RoleModerator {
		p.OpenReports = staff.OpenReports
	}
	return nil
}

// setNav sets the page's badges from counts its handler read in its own
// batch, so render does not ask again.
func (p *Page) setNav(n *store.NavCount) {
	p.UnreadMessages, p.UnreadNotifications, p.navCounted = n.Messages, n.Notifications, true
}

// OpenTaskCounter counts the open validation tasks, for the moderators'
// navigation; the NavCounter is asked for it only on moderators' pages.
type OpenTaskCounter interface {
	OpenTaskCount(ctx context.Context) (int, error)
}

// Nav is the top bar as views.Nav prints it: who is logged in as what,
// the current page's link (navSection) and the badges as printed.
func (p *Page) Nav() views.Nav {
	u := p.User
	if u == nil {
		return views.Nav{}
	}
	return views.Nav{LoggedIn: true, Producer: u.Role == domain.RoleProducer, Talent: u.Role.IsTalent(), Staff: u.Role.IsStaff(),
		DashboardPath: u.Role.DashboardPath(), RoleLabel: u.Role.Label(), Section: navSection(p.Path, u.Role.DashboardPath()),
		Name: u.Name, Initials: views.NavInitials(u.Name), CSRF: p.CSRF,
		Tasks: views.CountText(p.OpenTasks), Reports: views.CountText(p.OpenReports), Messages: views.CountText(p.UnreadMessages),
		UnreadNotificationsText: p.UnreadNotificationsText(), Menu: menuText(p.MenuCount())}
}

// navSection names the link of the page at path, as the top bar marks it
// current (views.Nav.Section).
func navSection(path, dashboard string) string {
	prefix := func(ps ...string) bool {
		for _, s := range ps {
			if strings.HasPrefix(path, s) {
				return true
			}
		}
		return false
	}
	switch {
	case path == dashboard:
		return "dashboard"
	case prefix("/projects", "/listings"):
		return "projects"
	case path == "/profile":
		return "profile"
	case prefix("/castings"):
		return "castings"
	case path == "/my-castings":
		return "my-castings"
	case prefix("/moderation/profiles", "/moderation/changes", "/moderation/listings"):
		return "queue"
	case prefix("/moderation/reports", "/moderation/accounts"):
		return "reports"
	case prefix("/admin/outbox"):
		return "outbox"
	case prefix("/messages"):
		return "messages"
	case path == "/settings":
		return "settings"
	case path == "/notifications":
		return "notifications"
	}
	return ""
}

// menuText is the folded menu's count as its dot's title says it: the
// number itself, nothing for none.
func menuText(n int) string {
	if n <= 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// UnreadNotificationsText is the bell's badge as printed (views.CountText).
func (p *Page) UnreadNotificationsText() template.HTML { return views.CountText(p.UnreadNotifications) }

// MenuCount is what waits behind the phone's folded "Menu": the counts of
// the links inside it (the bell stays outside), so the closed menu still
// says something is there.
func (p *Page) MenuCount() int {
	return p.UnreadMessages + p.OpenTasks + p.OpenReports
}
