package handlers

import (
	"context"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// NotificationCentreStore is what the notification centre and the bell
// need; every method is scoped to the account.
type NotificationCentreStore interface {
	NotificationsPage(ctx context.Context, accountID int64, kinds []string, before int64, limit int) (store.NotificationPage, error)
	MarkNotificationRead(ctx context.Context, accountID, id int64) (domain.Notification, error)
	MarkNotificationsRead(ctx context.Context, accountID int64) error
	UnreadNotifications(ctx context.Context, accountID int64) (int, error)
}

// notificationsPerPage is how many notifications one page of the centre
// lists.
const notificationsPerPage = 20

// notificationsHandler serves the notification centre and the bell the
// navigation polls.
type notificationsHandler struct {
	store NotificationCentreStore
}

func (h *notificationsHandler) routes(app fiber.Router) {
	app.Get("/notifications", requireLogin, h.centre)
	app.Get("/notifications/bell", requireLogin, h.bell)
	app.Post("/notifications/read", requireLogin, h.markAll)
	app.Post("/notifications/:id/read", requireLogin, h.markOne)
}

// NotificationsPage is the notification centre: one filter's
// notifications, newest first, a page at a time.
type NotificationsPage struct {
	Page
	Notifications []domain.Notification
	// Filters are the type chips; Filter is the one shown.
	Filters []NotificationChip
	Filter  string
	// OlderHref pages on ("" on the last page).
	OlderHref string
	// Paged says this is not the first page; NewestHref goes back to it.
	Paged      bool
	NewestHref string
}

// NotificationItem is one row of the centre as notifications/item reads
// it: a struct, where a dict per row cost a map and a call by reflection.
type NotificationItem struct {
	N            domain.Notification
	CSRF, Filter string
}

// Items are the centre's rows.
func (p *NotificationsPage) Items() []NotificationItem {
	items := make([]NotificationItem, len(p.Notifications))
	for i, n := range p.Notifications {
		items[i] = NotificationItem{N: n, CSRF: p.CSRF, Filter: p.Filter}
	}
	return items
}

// NotificationChip is one type filter of the centre.
type NotificationChip struct {
	Label, Href string
	Current     bool
}

// NotificationRowPage is one notification of the centre, swapped in
// place after "Mark read", with the bell sent out of band.
type NotificationRowPage struct {
	Page
	N      domain.Notification
	Filter string
}

// BellPage is the navigation's bell alone, as its poll asks for it; Here
// says the page polling is the centre itself (htmx's HX-Current-URL).
type BellPage struct {
	Page
	Here bool
}

// RenderKey is all the bell prints, the unread count and whether the
// centre is the page shown (views.Keyed): the fragment is made once per
// key and process, as the bell is polled by every open tab. A full page
// (a bell asked for without htmx) renders as usual, in its layout.
func (p *BellPage) RenderKey() (string, bool) {
	here := "0"
	if p.Here {
		here = "1"
	}
	return here + string(p.UnreadNotificationsText()), true
}

// centreHref is the centre showing filter, older than before (0: newest).
func centreHref(filter string, before int64) string {
	q := url.Values{}
	if filter != "" {
		q.Set("type", filter)
	}
	if before > 0 {
		q.Set("before", strconv.FormatInt(before, 10))
	}
	if len(q) == 0 {
		return "/notifications"
	}
	return "/notifications?" + q.Encode()
}

func (h *notificationsHandler) centre(c *fiber.Ctx) error {
	f, _ := domain.NotificationFilterNamed(c.Query("type"))
	before, _ := strconv.ParseInt(c.Query("before"), 10, 64)
	res, err := h.store.NotificationsPage(c.UserContext(), currentUser(c).ID, f.Kinds, max(before, 0), notificationsPerPage)
	if err != nil {
		return err
	}
	page := &NotificationsPage{Page: Page{Title: "Notifications"}, Notifications: res.Notifications, Filter: f.Name,
		Paged: before > 0, NewestHref: centreHref(f.Name, 0)}
	for _, x := range domain.NotificationFilters {
		page.Filters = append(page.Filters, NotificationChip{Label: x.Label, Href: centreHref(x.Name, 0), Current: x.Name == f.Name})
	}
	if res.Next > 0 {
		page.OlderHref = centreHref(f.Name, res.Next)
	}
	if c.Query("read") != "" {
		page.Flash = "Every notification is marked read."
	}
	return renderPage(c, "notifications/index", page)
}

// bell answers the navigation's poll: the unread count from one indexed
// query, a 304 while it has not changed.
func (h *notificationsHandler) bell(c *fiber.Ctx) error {
	n, err := h.unread(c)
	if err != nil {
		return err
	}
	page := &BellPage{Page: Page{UnreadNotifications: n}}
	if u, err := url.Parse(c.Get("HX-Current-URL")); err == nil && u.Path == "/notifications" {
		page.Here = true
	}
	return renderTagged(c, newValidator(c, "bell").int(int64(n)).bool(page.Here).etag(), func() error {
		return renderPage(c, "notifications/bell", page)
	})
}

// unread is the bell's count: read with the session when it was (the bell
// is polled by every open tab, so that is one round trip instead of two).
func (h *notificationsHandler) unread(c *fiber.Ctx) (int, error) {
	if r := prefetchedNav(c); r != nil {
		return r.Nav.Notifications, nil
	}
	return h.store.UnreadNotifications(c.UserContext(), currentUser(c).ID)
}

func (h *notificationsHandler) markAll(c *fiber.Ctx) error {
	if err := h.store.MarkNotificationsRead(c.UserContext(), currentUser(c).ID); err != nil {
		return err
	}
	return redirect(c, "/notifications?read=1")
}

// markOne marks one of the account's notifications read: htmx redraws its
// row and the bell, a plain form goes back to the centre. Anyone else's
// notification is a 404.
func (h *notificationsHandler) markOne(c *fiber.Ctx) error {
	id, f, err := idAndForm(c)
	if err != nil {
		return err
	}
	filter, _ := domain.NotificationFilterNamed(f.Get("type"))
	u := currentUser(c)
	n, err := h.store.MarkNotificationRead(c.UserContext(), u.ID, id)
	if err != nil {
		return storeNotFound(err)
	}
	return answerPost(c, centreHref(filter.Name, 0)+"#notification-"+strconv.FormatInt(id, 10), func() error {
		unread, err := h.store.UnreadNotifications(c.UserContext(), u.ID)
		if err != nil {
			return err
		}
		return renderPage(c, "notifications/read", &NotificationRowPage{Page: Page{UnreadNotifications: unread}, N: n, Filter: filter.Name})
	})
}
