// Package peer is the bare server Slate's load benchmark measures every
// page against: Fiber with its default settings and one route that runs
// one pgx query on Slate's own database and renders one small
// html/template. It is as fast as a page on this stack can be, so a
// page's share of its requests a second says how much of Slate's time is
// its own work rather than the stack's or the machine's.
//
// Keep it honest: no cache, no prepared answer, the same pool size as
// Slate's (pgxpool's default), a fresh query and render per request.
package peer

import (
	"fmt"
	"html/template"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5/pgxpool"
)

// Path is the peer's one route.
const Path = "/peer"

// page is about the size of a small Slate fragment, with an escaped value
// and a formatted time, so html/template does real work.
var page = template.Must(template.New("peer").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Name}}</title></head>
<body><main><h1>{{.Name}}</h1><p>{{.Email}} · {{.Role}}</p>
<p>Member since {{.Since.Format "2 Jan 2006"}}</p></main></body></html>
`))

type account struct {
	Name, Email, Role string
	Since             time.Time
}

// New returns the peer app; each request reads the account with the given
// e-mail address.
func New(pool *pgxpool.Pool, email string) *fiber.App {
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get(Path, func(c *fiber.Ctx) error {
		var a account
		err := pool.QueryRow(c.UserContext(),
			`SELECT name, email, role, created_at FROM accounts WHERE lower(email) = lower($1)`, email).
			Scan(&a.Name, &a.Email, &a.Role, &a.Since)
		if err != nil {
			return fmt.Errorf("peer: read account: %w", err)
		}
		c.Type("html", "utf-8")
		return page.Execute(c.Response().BodyWriter(), a)
	})
	return app
}
