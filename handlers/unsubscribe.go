package handlers

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/mail"
)

// UnsubscribeStore stops one type of e-mail for the account a signed link
// names.
type UnsubscribeStore interface {
	Unsubscribe(ctx context.Context, accountID int64, t domain.MailType) error
}

// unsubscribeHandler serves the link at the foot of every e-mail. The
// token (mail.UnsubscribeToken) is the authentication: it works logged
// out, and its POST takes no CSRF token, because mail clients send the
// RFC 8058 one-click POST themselves, with no page and no cookie. A
// forged request cannot name another account or type without the secret.
type unsubscribeHandler struct {
	store  UnsubscribeStore
	secret string
}

// UnsubscribePage confirms, then reports, stopping one type of e-mail.
type UnsubscribePage struct {
	Page
	Token string
	// What names the e-mails stopped ("Messages", "the daily digest").
	What string
	Done bool
}

// oneClick registers the POST, before the CSRF middleware.
func (h *unsubscribeHandler) oneClick(app fiber.Router) {
	app.Post("/unsubscribe/:token", h.unsubscribe)
}

func (h *unsubscribeHandler) routes(app fiber.Router) {
	app.Get("/unsubscribe/:token", h.confirm)
}

// page verifies the token; a bad one is a 404 like any unknown page.
func (h *unsubscribeHandler) page(c *fiber.Ctx) (*UnsubscribePage, int64, domain.MailType, error) {
	token := c.Params("token")
	id, t, ok := mail.VerifyUnsubscribe(h.secret, token)
	if !ok {
		return nil, 0, "", fiber.ErrNotFound
	}
	what := "the daily digest"
	if info, known := domain.MailTypeOf(t); known {
		what = "“" + info.Label + "”"
	}
	return &UnsubscribePage{Page: Page{Title: "Unsubscribe"}, Token: token, What: what}, id, t, nil
}

// confirm shows the button; following a link must never change anything
// (mail scanners open links).
func (h *unsubscribeHandler) confirm(c *fiber.Ctx) error {
	p, _, _, err := h.page(c)
	if err != nil {
		return err
	}
	return renderPage(c, "unsubscribe/index", p)
}

// unsubscribe sets the type to never and says so.
func (h *unsubscribeHandler) unsubscribe(c *fiber.Ctx) error {
	p, id, t, err := h.page(c)
	if err != nil {
		return err
	}
	err = h.store.Unsubscribe(c.UserContext(), id, t)
	if errors.Is(err, domain.ErrNotFound) {
		return fiber.ErrNotFound // the account was deleted since the mail
	}
	if err != nil {
		return err
	}
	p.Done = true
	return renderPage(c, "unsubscribe/index", p)
}
