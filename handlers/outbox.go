package handlers

import (
	"context"
	"errors"
	"strconv"
	"time"

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
	Mails []OutboxRow
}

// OutboxRow is one stored mail as the list shows it, its times formatted
// in Go: a method chain in a template (.CreatedAt.UTC.Format) is looked up
// and called by reflection on every row, up to 200 rows a page.
type OutboxRow struct {
	ID          int64
	To, Subject string
	// Stamp is the machine-readable time (RFC 3339, UTC); Stored the shown one.
	Stamp, Stored string
}

// NewOutboxRows prepares the list's rows.
func NewOutboxRows(mails []store.OutboxEntry) []OutboxRow {
	rows := make([]OutboxRow, len(mails))
	for i, m := range mails {
		at := m.CreatedAt.UTC()
		rows[i] = OutboxRow{ID: m.ID, To: m.To, Subject: m.Subject, Stamp: at.Format(time.RFC3339), Stored: at.Format("2 Jan 15:04")}
	}
	return rows
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
	return renderPage(c, "outbox/index", &OutboxPage{Page: Page{Title: "Outbox"}, Mails: NewOutboxRows(mails)})
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
