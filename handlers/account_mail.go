package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
)

// AccountMailStore is what password reset, address confirmation and
// change of address need from the store.
type AccountMailStore interface {
	RequestPasswordReset(ctx context.Context, email string, now time.Time) error
	RequestConfirmation(ctx context.Context, accountID int64, now time.Time) error
	RequestEmailChange(ctx context.Context, accountID int64, newEmail string, now time.Time) error
	AccountToken(ctx context.Context, secret string, purpose domain.TokenPurpose, asAccount int64, now time.Time) (domain.AccountToken, error)
	ResetPassword(ctx context.Context, secret, passwordHash string, asAccount int64, now time.Time) (domain.Account, error)
	ConfirmEmail(ctx context.Context, secret string, asAccount int64, now time.Time) (domain.Account, error)
	ChangeEmail(ctx context.Context, secret string, asAccount int64, keepSession string, now time.Time) (domain.Account, error)
	Credentials(ctx context.Context, email string) (domain.Account, string, error)
	LockedUntil(ctx context.Context, keys ...string) (time.Time, error)
	RecordFailure(ctx context.Context, key string, rule store.ThrottleRule) error
}

// Throttles of the mail-sending forms: each request counts, whether or not
// the address has an account, so the lock says nothing about accounts.
var (
	// forgotEmailThrottle: three reset mails an hour per address.
	forgotEmailThrottle = store.ThrottleRule{MaxFailures: 3, Window: time.Hour, Lockout: time.Hour}
	// forgotIPThrottle: twenty reset requests an hour per client IP.
	forgotIPThrottle = store.ThrottleRule{MaxFailures: 20, Window: time.Hour, Lockout: time.Hour}
	// resendThrottle: three confirmation mails per quarter hour per account.
	resendThrottle = store.ThrottleRule{MaxFailures: 3, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
)

// accountMailHandler serves the pages behind account e-mail: forgotten
// passwords, address confirmation and changing the address.
type accountMailHandler struct {
	store AccountMailStore
	// prefs fills the rest of the settings page around the address's form.
	prefs   MailPreferenceStore
	cookies cookies
	params  auth.Params
	now     func() time.Time
}

func (h *accountMailHandler) routes(app fiber.Router) {
	app.Get("/password/forgot", h.forgotForm)
	app.Post("/password/forgot", h.forgot)
	app.Get("/password/reset/:token", noReferrer, h.resetForm)
	app.Post("/password/reset/:token", noReferrer, h.reset)
	app.Get("/confirm/:token", noReferrer, h.confirm)
	app.Post("/confirm-resend", requireLogin, h.resend)
	app.Get("/email/change/:token", noReferrer, h.changeForm)
	app.Post("/email/change/:token", noReferrer, h.change)
	app.Post("/settings/email", requireLogin, h.requestChange)
}

// noReferrer keeps a page whose URL holds a token from handing it to
// another site in the Referer header.
func noReferrer(c *fiber.Ctx) error {
	c.Set("Referrer-Policy", "no-referrer")
	return c.Next()
}

// asAccount is the logged-in account's id, 0 for a visitor: a token is
// only ever used for its own account.
func asAccount(c *fiber.Ctx) int64 {
	if u := currentUser(c); u != nil {
		return u.ID
	}
	return 0
}

// TokenProblemPage says a link does not work, and where to get a new one.
type TokenProblemPage struct {
	Page
	// Again is where to ask for a new link; AgainLabel its words.
	Again, AgainLabel string
}

// badToken answers a link that is unknown, used, expired, for another
// purpose or for another account: the same page for all, 404.
func badToken(c *fiber.Ctx, purpose domain.TokenPurpose) error {
	page := &TokenProblemPage{Page: Page{Title: "This link does not work"}}
	switch purpose {
	case domain.TokenReset:
		page.Again, page.AgainLabel = "/password/forgot", "Ask for a new reset link"
	case domain.TokenConfirm:
		page.Again, page.AgainLabel = "/settings", "Ask for a new confirmation link"
	default:
		page.Again, page.AgainLabel = "/settings", "Change your address again"
	}
	c.Status(fiber.StatusNotFound)
	return renderPage(c, "account/token_problem", page)
}
