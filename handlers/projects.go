package handlers

import (
	"context"
	"errors"
	"net/url"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// ProjectStore is what the producer's project pages need from the store;
// every method is scoped to the producer, so another's project is
// store.ErrNotFound.
type ProjectStore interface {
	CreateProject(ctx context.Context, producerID int64, p production.Project) (production.Project, error)
	UpdateProject(ctx context.Context, producerID int64, p production.Project) (production.Project, error)
	SetProjectArchived(ctx context.Context, producerID, projectID int64, archived bool) error
	Project(ctx context.Context, producerID, projectID int64) (production.Project, error)
	Projects(ctx context.Context, producerID int64) ([]production.ProjectSummary, error)
	ProjectListings(ctx context.Context, producerID, projectID int64) ([]production.Listing, error)
}

// projectHandler serves a producer's projects: the list, the project
// form, the project page with its listings, archiving.
type projectHandler struct {
	store ProjectStore
	now   func() time.Time
}

func (h *projectHandler) routes(app fiber.Router) {
	producer := requireRole(domain.RoleProducer)
	app.Get("/projects", producer, h.list)
	app.Get("/projects/new", producer, h.newForm)
	app.Post("/projects/new", producer, h.create)
	app.Get("/projects/:id", producer, h.show)
	app.Get("/projects/:id/edit", producer, h.editForm)
	app.Post("/projects/:id/edit", producer, h.update)
	app.Post("/projects/:id/archive", producer, h.archive(true))
	app.Post("/projects/:id/unarchive", producer, h.archive(false))
}

// ProjectsPage is the producer's list of projects, archived ones apart.
type ProjectsPage struct {
	Page
	Active   []production.ProjectSummary
	Archived []production.ProjectSummary
}

// ProjectFormPage is the form that creates or edits a project: the posted
// values after a refusal, the stored ones otherwise.
type ProjectFormPage struct {
	Page
	// Project is the stored project; its ID is 0 for a new one.
	Project production.Project
	Form    url.Values
	Errors  domain.FieldErrors
}

// Action is where the form posts.
func (p *ProjectFormPage) Action() string {
	if p.Project.ID == 0 {
		return "/projects/new"
	}
	return "/projects/" + strconv.FormatInt(p.Project.ID, 10) + "/edit"
}

// ProjectPage is one project: its details and its listings.
type ProjectPage struct {
	Page
	Project  production.Project
	Listings []ListingView
}

// projectFlashes are the confirmations a redirect to a project page may
// ask for with ?done=: a fixed list, so no link can put words on the page.
var projectFlashes = map[string]string{
	"created":    "Project created. Post its first casting call or job listing below.",
	"saved":      "Project saved.",
	"archived":   "Project archived. You find it under Archived.",
	"unarchived": "Project back in your active projects.",
	"published":  "Listing published: talent can see it and apply.",
	"submitted":  "Listing sent to review: a moderator checks it against the posting rules and publishes it, usually within a day.",
	"closed":     "Listing closed: it no longer takes applications.",
}

func (h *projectHandler) list(c *fiber.Ctx) error {
	all, err := h.store.Projects(c.UserContext(), currentUser(c).ID)
	if err != nil {
		return err
	}
	page := &ProjectsPage{Page: Page{Title: "Projects", Flash: projectFlashes[c.Query("done")]}}
	for _, p := range all {
		if p.Archived() {
			page.Archived = append(page.Archived, p)
		} else {
			page.Active = append(page.Active, p)
		}
	}
	return renderPage(c, "projects/index", page)
}

func (h *projectHandler) newForm(c *fiber.Ctx) error {
	return render(c, "projects/new", "projects/form", &ProjectFormPage{Page: Page{Title: "New project"},
		Form: url.Values{}})
}

// create stores a new project. Bad input comes back with each message
// beside its field and everything typed kept; nothing is saved.
func (h *projectHandler) create(c *fiber.Ctx) error {
	f, err := readForm(c)
	if err != nil {
		return err
	}
	var p production.Project
	errs := production.ParseProject(f.Values, &p).With(f.Bad)
	if len(errs) > 0 {
		refused(c)
		return render(c, "projects/new", "projects/form", &ProjectFormPage{Page: Page{Title: "New project"},
			Form: f.Values, Errors: errs})
	}
	p, err = h.store.CreateProject(c.UserContext(), currentUser(c).ID, p)
	if err != nil {
		return err
	}
	return redirect(c, projectPath(p.ID)+"?done=created")
}

func (h *projectHandler) show(c *fiber.Ctx) error {
	p, err := h.own(c)
	if err != nil {
		return err
	}
	listings, err := h.store.ProjectListings(c.UserContext(), currentUser(c).ID, p.ID)
	if err != nil {
		return err
	}
	page := &ProjectPage{Page: Page{Title: p.Title, Flash: projectFlashes[c.Query("done")]}, Project: p}
	for _, l := range listings {
		page.Listings = append(page.Listings, NewListingView(l, p, h.now()))
	}
	return renderPage(c, "projects/show", page)
}

func (h *projectHandler) editForm(c *fiber.Ctx) error {
	p, err := h.own(c)
	if err != nil {
		return err
	}
	return render(c, "projects/edit", "projects/form", &ProjectFormPage{Page: Page{Title: "Edit " + p.Title},
		Project: p, Form: production.ProjectValues(p)})
}

func (h *projectHandler) update(c *fiber.Ctx) error {
	p, err := h.own(c)
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	stored := p
	errs := production.ParseProject(f.Values, &p).With(f.Bad)
	if len(errs) > 0 {
		refused(c)
		return render(c, "projects/edit", "projects/form", &ProjectFormPage{Page: Page{Title: "Edit " + stored.Title},
			Project: stored, Form: f.Values, Errors: errs})
	}
	if _, err := h.store.UpdateProject(c.UserContext(), currentUser(c).ID, p); err != nil {
		return storeNotFound(err)
	}
	return redirect(c, projectPath(p.ID)+"?done=saved")
}

// archive puts the project away (or brings it back): its listings stay
// as they are; an archived project only leaves the active list.
func (h *projectHandler) archive(archived bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := numericParam(c, "id")
		if err != nil {
			return err
		}
		if err := h.store.SetProjectArchived(c.UserContext(), currentUser(c).ID, id, archived); err != nil {
			return storeNotFound(err)
		}
		if archived {
			return redirect(c, "/projects?done=archived")
		}
		return redirect(c, projectPath(id)+"?done=unarchived")
	}
}

// own loads the project named in the URL if it is the producer's; anyone
// else's is a 404, never a 403 that would confirm it exists.
func (h *projectHandler) own(c *fiber.Ctx) (production.Project, error) {
	id, err := numericParam(c, "id")
	if err != nil {
		return production.Project{}, err
	}
	p, err := h.store.Project(c.UserContext(), currentUser(c).ID, id)
	return p, storeNotFound(err)
}

func projectPath(id int64) string { return "/projects/" + strconv.FormatInt(id, 10) }

// numericParam is a positive id from the route, or a 404.
func numericParam(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}

// storeNotFound turns the store's ErrNotFound into a 404 and passes any
// other error (or nil) on.
func storeNotFound(err error) error {
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	return err
}
