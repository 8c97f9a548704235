package handlers

import (
	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
)

// mainLayout wraps every full page.
const mainLayout = "layouts/main"

// isFragment is the one place that decides between a page and a fragment:
// an htmx request that is not a boosted navigation wants only the fragment.
func isFragment(c *fiber.Ctx) bool {
	return c.Get("HX-Request") == "true" && c.Get("HX-Boosted") != "true"
}

// render writes a view: the fragment template for htmx requests, otherwise
// the page template inside the main layout. Per-request values (the
// account, the CSRF token, the path) are added to data here, so no handler
// forgets them.
func render(c *fiber.Ctx, page, fragment string, data fiber.Map) error {
	if data == nil {
		data = fiber.Map{}
	}
	data["User"] = currentUser(c)
	data["CSRF"] = csrfToken(c)
	data["Path"] = c.Path()
	if _, ok := data["Title"]; !ok {
		data["Title"] = "Slate"
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	if isFragment(c) {
		return c.Render(fragment, data)
	}
	return c.Render(page, data, mainLayout)
}

// renderPage renders a view that is its own fragment.
func renderPage(c *fiber.Ctx, page string, data fiber.Map) error {
	return render(c, page, page, data)
}

// redirect sends the browser to url after a successful post: HX-Redirect for
// htmx (a plain 303 would be followed by htmx and swapped into the form),
// 303 See Other otherwise.
func redirect(c *fiber.Ctx, url string) error {
	if c.Get("HX-Request") == "true" {
		c.Set("HX-Redirect", url)
		return c.SendStatus(fiber.StatusNoContent)
	}
	return c.Redirect(url, fiber.StatusSeeOther)
}

// currentUser is the logged-in account, or nil.
func currentUser(c *fiber.Ctx) *domain.Account {
	u, _ := c.Locals(localUser).(*domain.Account)
	return u
}
