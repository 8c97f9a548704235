package handlers

import (
	"context"
	"errors"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/mail"
)

// OutboxReader reads the mail kept instead of sent.
type OutboxReader interface {
	Outbox(ctx context.Context, limit int) ([]store.OutboxEntry, error)
	OutboxMail(ctx context.Context, id int64) (store.OutboxEntry, []byte, error)
}

// outboxHandler shows staff the outbox: every e-mail Slate would have
// sent, when no SMTP server is configured (`make run`).
type outboxHandler struct {
	store OutboxReader
}

// outboxLimit bounds the list: the newest mails are the ones looked for.
const outboxLimit = 200

func (h *outboxHandler) routes(app fiber.Router) {
	app.Get("/admin/outbox", staffOnly, h.list)
	app.Get("/admin/outbox/:id", staffOnly, h.show)
}

// staffOnly answers 404 to anyone but staff, visitors included: the
// outbox holds everyone's mail, and its existence is nobody else's
// business.
func staffOnly(c *fiber.Ctx) error {
	if u := currentUser(c); u == nil || !u.Role.IsStaff() {
		return fiber.ErrNotFound
	}
	return c.Next()
}

// OutboxPage lists the stored mail, newest first.
type OutboxPage struct {
	Page
	Mails []store.OutboxEntry
}

// OutboxMailPage shows one stored mail: headers, text, and the HTML in a
// sandboxed frame (no scripts, no same origin), never inline in the page.
type OutboxMailPage struct {
	Page
	Mail    store.OutboxEntry
	Headers []mail.HeaderField
	Text    string
	HTML    string
}

func (h *outboxHandler) list(c *fiber.Ctx) error {
	mails, err := h.store.Outbox(c.UserContext(), outboxLimit)
	if err != nil {
		return err
	}
	return renderPage(c, "outbox/index", &OutboxPage{Page: Page{Title: "Outbox"}, Mails: mails})
}

func (h *outboxHandler) show(c *fiber.Ctx) error {
	id, err := strconv.ParseInt(c.Params("id"), 10, 64)
	if err != nil {
		return fiber.ErrNotFound
	}
	entry, raw, err := h.store.OutboxMail(c.UserContext(), id)
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	p, err := mail.Parse(raw)
	if err != nil {
		return err
	}
	// The preview frame shows the mail's own inline styles, as a mail
	// client would; the sandbox keeps it from running anything.
	c.Set("Content-Security-Policy", contentSecurityPolicy+"; style-src-attr 'unsafe-inline'")
	return renderPage(c, "outbox/show", &OutboxMailPage{Page: Page{Title: entry.Subject + " · Outbox"},
		Mail: entry, Headers: p.Fields(), Text: p.Text, HTML: p.HTML})
}
