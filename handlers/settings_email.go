package handlers

import (
	"errors"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/views"
)

// EmailSection is the settings page's "E-mail address" section: the
// current address, whether it is confirmed, and the form to change it.
type EmailSection struct {
	Current   string
	Confirmed bool
	Fields    []views.Field
	// Sent says where the confirmation link went, after a request.
	Sent string
}

func emailSection(u *domain.Account, newEmail string, errs domain.FieldErrors) EmailSection {
	return EmailSection{Current: u.Email, Confirmed: u.EmailConfirmed(), Fields: []views.Field{
		{Name: "new_email", Label: "New e-mail address", Type: "email", Autocomplete: "email", Required: true, Value: newEmail,
			Hint: "We send a link there; your address changes when you follow it.", Error: errs["new_email"]},
		{Name: "password", Label: "Current password", Type: "password", Autocomplete: "current-password", Required: true,
			Error: errs["password"]},
	}}
}

// requestChange mails a link to the new address and a notice to the
// current one, after checking the current password (each wrong one counts
// against the login throttle, so this form is no way to guess it).
func (h *accountMailHandler) requestChange(c *fiber.Ctx) error {
	ctx := c.UserContext()
	u := currentUser(c)
	f, err := readForm(c)
	if err != nil {
		return err
	}
	newEmail := domain.NormalizeEmail(f.Get("new_email"))
	errs := domain.FieldErrors{}
	if msg := domain.EmailProblem(newEmail); msg != "" {
		errs["new_email"] = msg
	} else if strings.EqualFold(newEmail, u.Email) {
		errs["new_email"] = "This is your address already."
	}
	errs.With(f.Bad)
	emailKey := "email:" + strings.ToLower(u.Email)
	if len(errs) == 0 {
		until, err := h.store.LockedUntil(ctx, emailKey)
		if err != nil {
			return err
		}
		if !until.IsZero() {
			c.Status(fiber.StatusTooManyRequests)
			errs["password"] = "Too many wrong passwords: try again in a quarter of an hour."
		}
	}
	if len(errs) == 0 {
		_, hash, err := h.store.Credentials(ctx, u.Email)
		if err != nil {
			return err
		}
		if err := auth.Verify(f.Get("password"), hash); errors.Is(err, auth.ErrMismatch) {
			if err := h.store.RecordFailure(ctx, emailKey, emailThrottle); err != nil {
				return err
			}
			errs["password"] = "That is not your current password."
		} else if err != nil {
			return err
		}
	}
	if len(errs) == 0 {
		err := h.store.RequestEmailChange(ctx, u.ID, newEmail, h.now())
		if errors.Is(err, store.ErrEmailTaken) {
			errs["new_email"] = "Another account uses this address. One address belongs to one account."
		} else if err != nil {
			return err
		}
	}
	if len(errs) > 0 {
		refused(c)
		return h.renderEmailSection(c, emailSection(u, newEmail, errs))
	}
	section := emailSection(u, "", nil)
	section.Sent = newEmail
	return h.renderEmailSection(c, section)
}

// renderEmailSection answers the section's form: the section alone for
// htmx, the whole settings page for a plain form (with the same answer).
func (h *accountMailHandler) renderEmailSection(c *fiber.Ctx, s EmailSection) error {
	page, err := settingsPage(c, h.prefs)
	if err != nil {
		return err
	}
	page.Email = s
	return render(c, "settings/index", "settings/email", page)
}

// ChangeEmailPage asks to confirm the switch to the new address: the link
// shows a button rather than switching on sight, since the switch ends
// the account's other sessions.
type ChangeEmailPage struct {
	Page
	Action   string
	NewEmail string
	Problem  string
}

func (h *accountMailHandler) changeForm(c *fiber.Ctx) error {
	t, err := h.store.AccountToken(c.UserContext(), c.Params("token"), domain.TokenChangeEmail, asAccount(c), h.now())
	if errors.Is(err, store.ErrNotFound) {
		return badToken(c, domain.TokenChangeEmail)
	}
	if err != nil {
		return err
	}
	return renderPage(c, "account/change_email", &ChangeEmailPage{Page: Page{Title: "Use your new address"},
		Action: "/email/change/" + c.Params("token"), NewEmail: t.NewEmail})
}

// change switches the address; the browser that followed the link keeps
// its session, every other session of the account ends.
func (h *accountMailHandler) change(c *fiber.Ctx) error {
	keep, _ := c.Locals(localSession).(string)
	acct, err := h.store.ChangeEmail(c.UserContext(), c.Params("token"), asAccount(c), keep, h.now())
	switch {
	case errors.Is(err, store.ErrNotFound):
		return badToken(c, domain.TokenChangeEmail)
	case errors.Is(err, store.ErrEmailTaken):
		t, terr := h.store.AccountToken(c.UserContext(), c.Params("token"), domain.TokenChangeEmail, asAccount(c), h.now())
		if terr != nil {
			return badToken(c, domain.TokenChangeEmail)
		}
		refused(c)
		return renderPage(c, "account/change_email", &ChangeEmailPage{Page: Page{Title: "Use your new address"},
			Action: "/email/change/" + c.Params("token"), NewEmail: t.NewEmail,
			Problem: "Another account started using " + t.NewEmail + " in the meantime, so your address stays as it was. Choose another one in your settings."})
	case err != nil:
		return err
	}
	if currentUser(c) != nil {
		return redirect(c, "/settings?changed=1")
	}
	return redirect(c, "/login?changed=1&email="+url.QueryEscape(acct.Email))
}
