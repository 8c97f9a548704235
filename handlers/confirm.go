package handlers

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// ConfirmedPage says the address is confirmed.
type ConfirmedPage struct {
	Page
	Account domain.Account
}

// confirm follows the sign-up link, logged in or not; a logged-in person
// only ever confirms their own account.
func (h *accountMailHandler) confirm(c *fiber.Ctx) error {
	acct, err := h.store.ConfirmEmail(c.UserContext(), c.Params("token"), asAccount(c), h.now())
	if errors.Is(err, store.ErrNotFound) {
		return badToken(c, domain.TokenConfirm)
	}
	if err != nil {
		return err
	}
	if u := currentUser(c); u != nil {
		u.EmailConfirmedAt = acct.EmailConfirmedAt // the banner goes at once
	}
	return renderPage(c, "account/confirmed", &ConfirmedPage{Page: Page{Title: "Address confirmed"}, Account: acct})
}

// ConfirmBanner is the banner asking an unconfirmed account to confirm,
// with its Resend button; Sent and Problem are the button's answer.
type ConfirmBanner struct {
	Page
	Next          string
	Sent, Problem string
}

// resend mails a new confirmation link, at most three a quarter hour.
func (h *accountMailHandler) resend(c *fiber.Ctx) error {
	u := currentUser(c)
	f, err := readForm(c)
	if err != nil {
		return err
	}
	banner := &ConfirmBanner{Next: safeNext(f.Get("next"))}
	key := "confirm-resend:" + strconv.FormatInt(u.ID, 10)
	until, err := h.store.LockedUntil(c.UserContext(), key)
	if err != nil {
		return err
	}
	switch {
	case !until.IsZero():
		c.Status(fiber.StatusTooManyRequests)
		banner.Problem = "We sent several links in the last minutes: look for them in your mail (and its spam folder), or try again later."
	default:
		if err := h.store.RecordFailure(c.UserContext(), key, resendThrottle); err != nil {
			return err
		}
		err := h.store.RequestConfirmation(c.UserContext(), u.ID, h.now())
		if errors.Is(err, store.ErrAlreadyConfirmed) {
			return redirect(c, orDashboard(banner.Next, u))
		}
		if err != nil {
			return err
		}
		banner.Sent = fmt.Sprintf("We sent a new link to %s.", u.Email)
	}
	if isFragment(c) {
		return renderPage(c, "partials/confirm_banner", banner)
	}
	return redirect(c, orDashboard(banner.Next, u))
}

func orDashboard(next string, u *domain.Account) string {
	if next == "" {
		return u.Role.DashboardPath()
	}
	return next
}

// ConfirmNeededPage refuses an action that needs a confirmed address.
type ConfirmNeededPage struct {
	Page
	Problem string
	Next    string
}

// needsConfirmed guards the actions that reach other people (applying,
// submitting a listing, sending a message) with domain.ConfirmationProblem:
// an unconfirmed account gets the reason and the Resend button, 422. An
// htmx request gets it in place of the page's main content.
func needsConfirmed(action domain.ConfirmedAction) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := currentUser(c)
		if u == nil {
			return requireLogin(c)
		}
		problem := domain.ConfirmationProblem(*u, action)
		if problem == "" {
			return c.Next()
		}
		refused(c)
		if isFragment(c) {
			c.Set("HX-Retarget", "#main")
			c.Set("HX-Reswap", "innerHTML")
		}
		next := refererPath(c)
		return renderPage(c, "account/confirm_needed", &ConfirmNeededPage{
			Page: Page{Title: "Confirm your address first"}, Problem: problem, Next: next,
		})
	}
}

// refererPath is the path of the page a request came from on this site
// ("" for another site or none), for a button to lead back to it.
func refererPath(c *fiber.Ctx) string {
	u, err := url.Parse(c.Get(fiber.HeaderReferer))
	if err != nil || u.Host != c.Hostname() {
		return ""
	}
	return safeNext(u.RequestURI())
}
