package handlers

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
)

// AccountStore is what sign-up, login and sessions need from the store.
type AccountStore interface {
	CreateAccount(ctx context.Context, name, email string, role domain.Role, passwordHash string) (domain.Account, error)
	Credentials(ctx context.Context, email string) (domain.Account, string, error)
	CreateSession(ctx context.Context, accountID int64, ip, userAgent string, maxAge time.Duration) (string, error)
	Session(ctx context.Context, token string, idle time.Duration, counts bool) (store.SessionRead, error)
	DeleteSession(ctx context.Context, token string) error
	LockedUntil(ctx context.Context, keys ...string) (time.Time, error)
	KnownAddress(ctx context.Context, accountID int64, ip string) (bool, error)
	RecordFailure(ctx context.Context, key string, rule store.ThrottleRule) error
	ClearFailures(ctx context.Context, key string) error
	SuspensionReason(ctx context.Context, accountID int64) (string, error)
}

// Login throttling: an address is locked after 5 failures in 15 minutes, an
// IP after 20; both for 15 minutes.
var (
	emailThrottle = store.ThrottleRule{MaxFailures: 5, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
	ipThrottle    = store.ThrottleRule{MaxFailures: 20, Window: 15 * time.Minute, Lockout: 15 * time.Minute}
	// signupThrottle counts the accounts made from one IP: a class at a
	// drama school can sign up together, a script cannot make hundreds.
	signupThrottle = store.ThrottleRule{MaxFailures: 10, Window: time.Hour, Lockout: time.Hour}
)

// authHandler serves sign-up, login, logout and the session middleware.
type authHandler struct {
	store   AccountStore
	cookies cookies
	idle    time.Duration
	maxAge  time.Duration
	params  auth.Params
	// appeal is the address the suspended-login line names.
	appeal string
}

// loadSession puts the session's account, if any, in the request locals.
// An unknown or expired token is simply ignored (and its cookie dropped).
func (h *authHandler) loadSession(c *fiber.Ctx) error {
	token := c.Cookies(h.cookies.sessionName())
	if token == "" {
		return c.Next()
	}
	// A GET's page shows the navigation's badges: they come with the
	// session's own query (scoped to its account in SQL), one round trip
	// before the page's data instead of two.
	read := c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead
	r, err := h.store.Session(c.UserContext(), token, h.idle, read)
	switch {
	case errors.Is(err, store.ErrNotFound):
		h.cookies.clear(c, h.cookies.sessionName())
	case err != nil:
		return err
	default:
		c.Locals(localUser, &r.Account)
		c.Locals(localSession, token)
		if r.Counted {
			c.Locals(localSessionNav, &r)
		}
	}
	return c.Next()
}

func (h *authHandler) routes(app fiber.Router) {
	app.Get("/signup", h.signupForm)
	app.Post("/signup", h.signup)
	app.Get("/login", h.loginForm)
	app.Post("/login", h.login)
	app.Post("/logout", h.logout)
}

// SignupPage is the sign-up form, with what was typed and why it was
// refused.
type SignupPage struct {
	Page
	Form   domain.Signup
	Errors domain.FieldErrors
	Roles  []domain.RoleOption
}

// LoginPage is the login form.
type LoginPage struct {
	Page
	Email   string
	Next    string
	Problem string
	Notice  string
}

func (h *authHandler) signupForm(c *fiber.Ctx) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(u.Role.DashboardPath(), fiber.StatusSeeOther)
	}
	role := domain.Role(c.Query("role"))
	return h.renderSignup(c, domain.Signup{Role: role}, nil)
}

func (h *authHandler) renderSignup(c *fiber.Ctx, s domain.Signup, errs domain.FieldErrors) error {
	if len(errs) > 0 {
		refused(c)
	}
	return render(c, "auth/signup", "auth/signup_form", &SignupPage{
		Page: Page{Title: "Create your account"}, Form: s, Errors: errs, Roles: domain.SignupRoles,
	})
}

func (h *authHandler) signup(c *fiber.Ctx) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	s := domain.Signup{
		Name:     f.Get("name"),
		Email:    f.Get("email"),
		Password: f.Get("password"),
		Role:     domain.Role(f.Get("role")),
	}
	if errs := s.Validate().With(f.Bad); len(errs) > 0 {
		s.Password = ""
		return h.renderSignup(c, s, errs)
	}
	signupKey := "signup:" + c.IP()
	until, err := h.store.LockedUntil(c.UserContext(), signupKey)
	if err != nil {
		return err
	}
	if !until.IsZero() {
		s.Password = ""
		c.Status(fiber.StatusTooManyRequests)
		return h.renderSignup(c, s, domain.FieldErrors{
			"email": "Too many accounts were created from your network in the last hour. Try again later.",
		})
	}
	hash, err := auth.Hash(s.Password, h.params)
	if err != nil {
		return err
	}
	acct, err := h.store.CreateAccount(c.UserContext(), s.Name, s.Email, s.Role, hash)
	if errors.Is(err, store.ErrEmailTaken) {
		s.Password = ""
		return h.renderSignup(c, s, domain.FieldErrors{
			"email": "An account already uses this e-mail address. Log in, or use another address for a second role.",
		})
	}
	if err != nil {
		return err
	}
	if err := h.store.RecordFailure(c.UserContext(), signupKey, signupThrottle); err != nil {
		return err
	}
	if err := h.startSession(c, acct); err != nil {
		return err
	}
	return redirect(c, acct.Role.DashboardPath())
}

func (h *authHandler) loginForm(c *fiber.Ctx) error {
	if u := currentUser(c); u != nil {
		return c.Redirect(u.Role.DashboardPath(), fiber.StatusSeeOther)
	}
	page := &LoginPage{Page: Page{Title: "Log in"}, Next: safeNext(c.Query("next"))}
	switch {
	case c.Query("bye") != "":
		page.Notice = "You are logged out. See you soon."
	case c.Query("reset") != "":
		page.Notice = "Your password is changed, and every session of your account has ended. Log in with the new password."
	case c.Query("changed") != "":
		page.Notice = "Your e-mail address is changed. Log in with the new one."
		page.Email = c.Query("email")
	}
	return render(c, "auth/login", "auth/login_form", page)
}

func (h *authHandler) renderLogin(c *fiber.Ctx, email, next, problem string) error {
	if problem != "" {
		refused(c)
	}
	return render(c, "auth/login", "auth/login_form", &LoginPage{
		Page: Page{Title: "Log in"}, Email: email, Next: next, Problem: problem,
	})
}

// login checks the credentials. Every failure says the same thing whether
// or not the address exists, takes the same time, and counts against both
// the address and the client IP.
func (h *authHandler) login(c *fiber.Ctx) error {
	ctx := c.UserContext()
	f, err := readForm(c)
	if err != nil {
		return err
	}
	email := strings.TrimSpace(f.Get("email"))
	password := f.Get("password")
	next := safeNext(f.Get("next"))
	if !f.OK() {
		return h.renderLogin(c, email, next, "That e-mail or password contains characters we cannot read: type them again.")
	}
	emailKey, ipKey := "email:"+strings.ToLower(email), "ip:"+c.IP()

	ipUntil, err := h.store.LockedUntil(ctx, ipKey)
	if err != nil {
		return err
	}
	emailUntil, err := h.store.LockedUntil(ctx, emailKey)
	if err != nil {
		return err
	}
	acct, hash, err := h.store.Credentials(ctx, email)
	found := err == nil
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	// A locked address stops strangers, not the account's owner: from an
	// address the account has logged in from before, the password is
	// still checked (and failures still counted).
	if !emailUntil.IsZero() && found {
		known, err := h.store.KnownAddress(ctx, acct.ID, c.IP())
		if err != nil {
			return err
		}
		if known {
			emailUntil = time.Time{}
		}
	}
	if until := later(ipUntil, emailUntil); !until.IsZero() {
		return h.tooMany(c, email, next, until)
	}

	if found {
		err = auth.Verify(password, hash)
	} else {
		err = auth.VerifyDummy(password)
	}
	if err != nil {
		if !errors.Is(err, auth.ErrMismatch) {
			return err
		}
		for key, rule := range map[string]store.ThrottleRule{emailKey: emailThrottle, ipKey: ipThrottle} {
			if err := h.store.RecordFailure(ctx, key, rule); err != nil {
				return err
			}
		}
		return h.renderLogin(c, email, next, "That e-mail and password do not match an account.")
	}
	// Only the right password learns the account is suspended, so the
	// message tells a stranger nothing; it is not a failure to count.
	if acct.SuspendedAt != nil {
		reason, err := h.store.SuspensionReason(ctx, acct.ID)
		if err != nil {
			return err
		}
		// The same words as the suspension e-mail. 422, so htmx swaps it in.
		return h.renderLogin(c, email, next, domain.SuspendedLogin(reason, h.appeal))
	}
	if err := h.store.ClearFailures(ctx, emailKey); err != nil {
		return err
	}
	if err := h.startSession(c, acct); err != nil {
		return err
	}
	if next == "" {
		next = acct.Role.DashboardPath()
	}
	return redirect(c, next)
}

// startSession always issues a new session token (never reusing one the
// browser brought) and a new CSRF token.
func (h *authHandler) startSession(c *fiber.Ctx, acct domain.Account) error {
	if old := c.Cookies(h.cookies.sessionName()); old != "" {
		if err := h.store.DeleteSession(c.UserContext(), old); err != nil {
			return err
		}
	}
	token, err := h.store.CreateSession(c.UserContext(), acct.ID, c.IP(), c.Get(fiber.HeaderUserAgent), h.maxAge)
	if err != nil {
		return err
	}
	h.cookies.set(c, h.cookies.sessionName(), token, h.maxAge)
	c.Locals(localUser, &acct)
	c.Locals(localSession, token)
	h.cookies.rotateCSRF(c)
	return nil
}

func (h *authHandler) logout(c *fiber.Ctx) error {
	if token := c.Cookies(h.cookies.sessionName()); token != "" {
		if err := h.store.DeleteSession(c.UserContext(), token); err != nil {
			return err
		}
	}
	h.cookies.clear(c, h.cookies.sessionName())
	c.Locals(localUser, nil)
	c.Locals(localSession, nil)
	h.cookies.rotateCSRF(c)
	return redirect(c, "/login?bye=1")
}

// tooMany refuses a login or a sign-up until the lock passes.
func (h *authHandler) tooMany(c *fiber.Ctx, email, next string, until time.Time) error {
	mins := max(1, int(math.Ceil(time.Until(until).Minutes())))
	c.Status(fiber.StatusTooManyRequests)
	return h.renderLogin(c, email, next, fmt.Sprintf("Too many failed attempts. Try again in %d minute%s.", mins, plural(mins)))
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
