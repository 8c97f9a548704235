package handlers

import (
	"net/url"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
)

const (
	localUser  = "user"
	localCSRF  = "csrf"
	csrfField  = "_csrf"
	csrfHeader = "X-CSRF-Token"
)

// contentSecurityPolicy allows scripts and styles from this origin only:
// no inline script, no eval, no framing.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"media-src 'self' blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; " +
	"form-action 'self'; frame-ancestors 'none'"

// securityHeaders sets the headers every response carries.
func securityHeaders(c *fiber.Ctx) error {
	c.Set("Content-Security-Policy", contentSecurityPolicy)
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
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

// csrf protects every state-changing request with a double-submit token:
// the token lives in an HttpOnly cookie (rotated at login and logout) and
// must come back in the _csrf form field or the X-CSRF-Token header that
// htmx sends. Cross-site requests announced by Sec-Fetch-Site are refused
// outright. A request without a matching token gets 403.
func (k cookies) csrf(c *fiber.Ctx) error {
	token := c.Cookies(k.csrfName())
	if token == "" {
		token = auth.NewToken()
		k.set(c, k.csrfName(), token, k.maxAge)
	}
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
		sent = formValue(c, csrfField)
	}
	if !auth.EqualTokens(sent, c.Cookies(k.csrfName())) {
		return fiber.NewError(fiber.StatusForbidden, "This form has expired. Reload the page and try again.")
	}
	return c.Next()
}

// rotateCSRF issues a fresh CSRF token, at login and logout, so a token
// seen before authentication is worthless after it.
func (k cookies) rotateCSRF(c *fiber.Ctx) {
	token := auth.NewToken()
	k.set(c, k.csrfName(), token, k.maxAge)
	c.Locals(localCSRF, token)
}

func csrfToken(c *fiber.Ctx) string {
	t, _ := c.Locals(localCSRF).(string)
	return t
}

// formValue reads a field of a url-encoded or multipart body without
// failing on other content types.
func formValue(c *fiber.Ctx, key string) string {
	if strings.HasPrefix(c.Get(fiber.HeaderContentType), fiber.MIMEMultipartForm) {
		if form, err := c.MultipartForm(); err == nil {
			if v := form.Value[key]; len(v) > 0 {
				return v[0]
			}
		}
		return ""
	}
	return c.FormValue(key)
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

// safeNext keeps post-login redirects on this site.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return ""
	}
	return next
}
