package handlers

import (
	"html/template"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
)

// mainLayout wraps every full page.
const mainLayout = "layouts/main"

// Page is what every page and fragment knows about its request. Each
// page's data is a struct that embeds Page (see ProfileEditPage), so a
// template can always use .User, .CSRF, .Path and .Title, and a handler
// only fills in what is particular to its page: render sets the rest.
type Page struct {
	// User is the logged-in account, nil for a visitor.
	User *domain.Account
	// CSRF is the token every form posts back (partials/csrf renders it).
	CSRF string
	// Path is the request path, for the navigation's current page.
	Path string
	// Title is the document title; render defaults it to "Slate".
	Title string
	// Flash is a one-line confirmation shown at the top of the page.
	Flash string
	// Content is the page's own HTML inside the layout, set by the
	// renderer (views.Embedder).
	Content template.HTML
	// Fragment says the response is an htmx fragment, not a whole page: a
	// fragment may then carry out-of-band updates of the page around it.
	Fragment bool
	// UnreadMessages and UnreadNotifications are the navigation's badges,
	// filled by render for full pages only (fragments keep the page's nav).
	UnreadMessages, UnreadNotifications int
	// OpenTasks is the moderators' validation count in the navigation.
	OpenTasks int
	// navCounted says the handler has set the badges (setNav).
	navCounted bool
	// OpenReports is the moderators' "Reports" badge, filled with the
	// others for moderators only.
	OpenReports int
}

// Unconfirmed says the layout shows the confirm banner: a logged-in
// account whose address is not confirmed yet (most pages skip the
// banner's template altogether).
func (p *Page) Unconfirmed() bool { return p.User != nil && !p.User.EmailConfirmed() }

// Embed is how the renderer hands the page's HTML to its layout.
func (p *Page) Embed(content template.HTML) { p.Content = content }

// LayoutData is what the layout and the navigation read: the Page alone,
// so their fields are direct (views.LayoutDataer).
func (p *Page) LayoutData() any { return p }

// page returns the embedded Page, so render can fill it in.
func (p *Page) page() *Page { return p }

// PageData is any page's data: a pointer to a struct embedding Page.
type PageData interface{ page() *Page }

// isFragment is the one place that decides between a page and a fragment:
// an htmx request that is not a boosted navigation wants only the fragment.
func isFragment(c *fiber.Ctx) bool {
	return c.Get(hxRequest) == "true" && c.Get(hxBoosted) != "true"
}

// render writes a view: the fragment template for htmx requests, otherwise
// the page template inside the main layout. The per-request part of the
// data (account, CSRF token, path) is set here, so no handler forgets it.
func render(c *fiber.Ctx, page, fragment string, data PageData) error {
	p := data.page()
	p.User = currentUser(c)
	p.CSRF = csrfToken(c)
	p.Path = c.Path()
	if p.Title == "" {
		p.Title = "Slate"
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	p.Fragment = isFragment(c)
	if p.Fragment {
		return c.Render(fragment, data)
	}
	if err := fillNavCounts(c, p); err != nil {
		return err
	}
	return c.Render(page, data, mainLayout)
}

// renderPage renders a view that is its own fragment.
func renderPage(c *fiber.Ctx, page string, data PageData) error {
	return render(c, page, page, data)
}

// redirect sends the browser to url after a successful post: HX-Redirect for
// htmx (a plain 303 would be followed by htmx and swapped into the form),
// 303 See Other otherwise.
func redirect(c *fiber.Ctx, url string) error {
	if c.Get(hxRequest) == "true" {
		c.Set(hxRedirect, url)
		return c.SendStatus(fiber.StatusNoContent)
	}
	return c.Redirect(url, fiber.StatusSeeOther)
}

// answerPost is the one way a successful post is answered: an htmx request
// gets the fragment that fragment renders, in place; a plain form gets a
// 303 to url, so reloading the page never posts twice. Refusals do not
// come here: they re-render the form with a 422 and the messages.
func answerPost(c *fiber.Ctx, url string, fragment func() error) error {
	if isFragment(c) {
		return fragment()
	}
	return redirect(c, url)
}

// refused sets the status of a form that comes back with messages: 422,
// unless a handler chose a more particular one (429) already.
func refused(c *fiber.Ctx) {
	if c.Response().StatusCode() == fiber.StatusOK {
		c.Status(fiber.StatusUnprocessableEntity)
	}
}

// currentUser is the logged-in account, or nil.
func currentUser(c *fiber.Ctx) *domain.Account {
	u, _ := c.Locals(localUser).(*domain.Account)
	return u
}
