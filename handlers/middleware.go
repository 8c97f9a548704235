package handlers

import (
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
)

const (
	localUser    = "user"
	localSession = "session" // the session cookie's token, when the session is valid
	localCSRF    = "csrf"
	csrfField    = "_csrf"
	csrfHeader   = "X-CSRF-Token"
	csrfPurpose  = "slate csrf v1"
)

// contentSecurityPolicy allows scripts and styles from this origin only:
// no inline script, no eval, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// hsts asks browsers to use https only for a year once they have seen
// Slate over https. Subdomains are not included: they may be other
// services Slate does not speak for.
const hsts = "max-age=31536000"

// headers sets the headers every response carries, errors included.
type headers struct {
	https bool // served over TLS: add HSTS
}

func (h headers) set(c *fiber.Ctx) {
	c.Set("Content-Security-Policy", contentSecurityPolicy)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	if h.https {
		c.Set("Strict-Transport-Security", hsts)
	}
}

// middleware sets the headers, then lets the request through.
func (h headers) middleware(c *fiber.Ctx) error {
	h.set(c)
	return c.Next()
}

// cookies names and sets Slate's cookies.
type cookies struct {
	secure bool
	maxAge time.Duration
}

// sessionName and csrfName use the __Host- prefix over TLS, so no subdomain
// can plant them.
func (k cookies) sessionName() string { return k.prefix() + "slate_session" }
func (k cookies) csrfName() string    { return k.prefix() + "slate_csrf" }

func (k cookies) prefix() string {
	if k.secure {
		return "__Host-"
	}
	return ""
}

func (k cookies) set(c *fiber.Ctx, name, value string, maxAge time.Duration) {
	c.Cookie(&fiber.Cookie{
		Name:     name,
		Value:    value,
		Path:     "/",
		MaxAge:   int(maxAge.Seconds()),
		Secure:   k.secure,
		HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode,
	})
}

func (k cookies) clear(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, Expires: time.Unix(1, 0),
		Secure: k.secure, HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode})
}

// csrf protects every state-changing request with a token bound to the
// session: a logged-in request's token is derived from its session token,
// a visitor's from an HttpOnly pre-session cookie (so the login and
// sign-up forms are protected too). The token must come back in the
// _csrf field of the form body or in the X-CSRF-Token header htmx sends,
// never in the query string. Cross-site requests announced by
// Sec-Fetch-Site are refused outright. A request without the right token
// gets 403.
func (k cookies) csrf(c *fiber.Ctx) error {
	token := k.csrfFor(c)
	c.Locals(localCSRF, token)
	switch c.Method() {
	case fiber.MethodGet, fiber.MethodHead, fiber.MethodOptions:
		return c.Next()
	}
	if c.Get("Sec-Fetch-Site") == "cross-site" {
		return fiber.NewError(fiber.StatusForbidden, "Cross-site requests are refused.")
	}
	sent := c.Get(csrfHeader)
	if sent == "" {
		f, err := readForm(c)
		if err != nil {
			return err
		}
		sent = f.Get(csrfField)
	}
	if !auth.EqualTokens(sent, token) {
		return fiber.NewError(fiber.StatusForbidden, "This form has expired. Reload the page and try again.")
	}
	return c.Next()
}

// csrfFor is the request's expected token: bound to the session when there
// is one, else to the visitor's pre-session cookie (set when missing).
func (k cookies) csrfFor(c *fiber.Ctx) string {
	if session, _ := c.Locals(localSession).(string); session != "" {
		return auth.BoundToken(session, csrfPurpose)
	}
	pre := c.Cookies(k.csrfName())
	if pre == "" {
		pre = auth.NewToken()
		k.set(c, k.csrfName(), pre, k.maxAge)
	}
	return auth.BoundToken(pre, csrfPurpose)
}

// rotateCSRF is called at login and logout: at login the session changes,
// so the token does; at logout a fresh pre-session cookie makes the tokens
// of the logged-out pages worthless.
func (k cookies) rotateCSRF(c *fiber.Ctx) {
	if session, _ := c.Locals(localSession).(string); session != "" {
		c.Locals(localCSRF, auth.BoundToken(session, csrfPurpose))
		return
	}
	pre := auth.NewToken()
	k.set(c, k.csrfName(), pre, k.maxAge)
	c.Locals(localCSRF, auth.BoundToken(pre, csrfPurpose))
}

func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals(localCSRF).(string)
	return t
}

// requireLogin sends visitors to the login page, remembering where they
// were going.
func requireLogin(c *fiber.Ctx) error {
	if currentUser(c) != nil {
		return c.Next()
	}
	next := c.OriginalURL()
	if c.Method() != fiber.MethodGet {
		next = ""
	}
	return redirect(c, "/login?next="+url.QueryEscape(next))
}

// requireRole lets only the given roles through; everyone else logged in
// gets 403.
func requireRole(roles ...domain.Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		u := currentUser(c)
		if u == nil {
			return requireLogin(c)
		}
		for _, r := range roles {
			if u.Role == r {
				return c.Next()
			}
		}
		return fiber.NewError(fiber.StatusForbidden, "This page is not part of your account.")
	}
}

// requireTalent lets only performers and crew through: the profile areas.
var requireTalent = requireRole(domain.RolePerformer, domain.RoleCrew)

// safeNext keeps post-login redirects on this site: next must be a plain
// path on this origin (optionally with a query), written in printable
// ASCII, with no scheme, host or backslash, and not starting with two
// slashes even once decoded and cleaned — browsers strip tabs and line
// breaks and read a backslash as a slash, so "/\t/evil.example" would
// leave the site. Anything else gives "", the dashboard.
func safeNext(next string) string {
	if next == "" || len(next) > 2000 {
		return ""
	}
	for i := 0; i < len(next); i++ {
		if b := next[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return ""
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	decoded := u.Path
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(decoded, "//") {
		return ""
	}
	for _, r := range decoded + u.RawQuery {
		if r <= ' ' || r >= 0x7f || r == '\\' {
			return ""
		}
	}
	if strings.HasPrefix(path.Clean(decoded), "//") {
		return ""
	}
	return next
}
