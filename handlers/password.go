package handlers

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/views"
)

// ForgotPage is the "Forgot your password?" form, or, once posted, the
// answer that is the same whether or not the address has an account.
type ForgotPage struct {
	Page
	Email views.Field
	// Sent is the address the answer names; Problem a refusal (throttle).
	Sent, Problem string
}

func (h *accountMailHandler) forgotForm(c *fiber.Ctx) error {
	return render(c, "account/forgot", "account/forgot_form", forgotPage("", ""))
}

func forgotPage(email, problem string) *ForgotPage {
	return &ForgotPage{Page: Page{Title: "Reset your password"}, Email: views.Field{
		Name: "email", Label: "E-mail", Type: "email", Autocomplete: "username", Required: true, Value: email, Error: problem,
		Hint: "The address you log in with. We send a link to choose a new password.",
	}}
}

// forgot asks for a reset link. Every well-formed address gets the same
// answer; the store does the same work for both and the mail goes out from
// a job, so the timing does not tell either. Each request counts against
// the address and the IP.
func (h *accountMailHandler) forgot(c *fiber.Ctx) error {
	ctx := c.UserContext()
	f, err := readForm(c)
	if err != nil {
		return err
	}
	email := domain.NormalizeEmail(f.Get("email"))
	problem := domain.EmailProblem(email)
	if msg, bad := f.Bad["email"]; bad {
		problem = msg
	}
	if problem != "" {
		refused(c)
		return render(c, "account/forgot", "account/forgot_form", forgotPage(email, problem))
	}
	emailKey, ipKey := "forgot:"+strings.ToLower(email), "forgot-ip:"+c.IP()
	until, err := h.store.LockedUntil(ctx, emailKey, ipKey)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		c.Status(fiber.StatusTooManyRequests)
		return render(c, "account/forgot", "account/forgot_form",
			forgotPage(email, "We sent several links for this address or from your network just now. Look for them in your mail, or try again in an hour."))
	}
	for key, rule := range map[string]store.ThrottleRule{emailKey: forgotEmailThrottle, ipKey: forgotIPThrottle} {
		if err := h.store.RecordFailure(ctx, key, rule); err != nil {
			return err
		}
	}
	if err := h.store.RequestPasswordReset(ctx, email, h.now()); err != nil {
		return err
	}
	page := forgotPage("", "")
	page.Sent = email
	return render(c, "account/forgot", "account/forgot_form", page)
}

// ResetPage is the form that sets a new password from a reset link.
type ResetPage struct {
	Page
	Action string
	Fields []views.Field
}

func resetPage(c *fiber.Ctx, errs domain.FieldErrors) *ResetPage {
	return &ResetPage{Page: Page{Title: "Choose a new password"}, Action: "/password/reset/" + c.Params("token"),
		Fields: []views.Field{
			{Name: "password", Label: "New password", Type: "password", Autocomplete: "new-password", Required: true,
				Hint: "At least 8 characters. A long passphrase is best.", Error: errs["password"]},
			{Name: "password2", Label: "New password again", Type: "password", Autocomplete: "new-password", Required: true,
				Error: errs["password2"]},
		}}
}

// resetForm shows the form only for a link that works.
func (h *accountMailHandler) resetForm(c *fiber.Ctx) error {
	_, err := h.store.AccountToken(c.UserContext(), c.Params("token"), domain.TokenReset, asAccount(c), h.now())
	if errors.Is(err, store.ErrNotFound) {
		return badToken(c, domain.TokenReset)
	}
	if err != nil {
		return err
	}
	return render(c, "account/reset", "account/reset_form", resetPage(c, nil))
}

// reset sets the new password. The store spends the link and ends every
// session of the account in one transaction; the person then logs in
// with the new password.
func (h *accountMailHandler) reset(c *fiber.Ctx) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	password, again := f.Get("password"), f.Get("password2")
	errs := domain.FieldErrors{}
	if msg := domain.PasswordProblem(password); msg != "" {
		errs["password"] = msg
	} else if again != password {
		errs["password2"] = "The two passwords differ: type the same one twice."
	}
	if len(errs.With(f.Bad)) > 0 {
		if _, err := h.store.AccountToken(c.UserContext(), c.Params("token"), domain.TokenReset, asAccount(c), h.now()); err != nil {
			return h.resetTokenError(c, err)
		}
		refused(c)
		return render(c, "account/reset", "account/reset_form", resetPage(c, errs))
	}
	hash, err := auth.Hash(password, h.params)
	if err != nil {
		return err
	}
	if _, err := h.store.ResetPassword(c.UserContext(), c.Params("token"), hash, asAccount(c), h.now()); err != nil {
		return h.resetTokenError(c, err)
	}
	// The store ended this browser's session too: drop its cookie.
	h.cookies.clear(c, h.cookies.sessionName())
	c.Locals(localUser, nil)
	h.cookies.rotateCSRF(c)
	return redirect(c, "/login?reset=1")
}

func (h *accountMailHandler) resetTokenError(c *fiber.Ctx, err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return badToken(c, domain.TokenReset)
	}
	return err
}
