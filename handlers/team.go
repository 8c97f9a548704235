package handlers

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// TeamStore is what a project's team page needs from the store; another
// producer's project is store.ErrNotFound.
type TeamStore interface {
	Project(ctx context.Context, producerID, projectID int64) (production.Project, error)
	Team(ctx context.Context, producerID, projectID int64) (production.Team, error)
}

// teamHandler serves a project's team: everyone accepted on its casting
// calls (by role) and job listings (by department).
type teamHandler struct {
	store TeamStore
}

func (h *teamHandler) routes(app fiber.Router) {
	app.Get("/projects/:id/team", requireRole(domain.RoleProducer), h.page)
}

// TeamPage is a project's team.
type TeamPage struct {
	Page
	Project production.Project
	Team    production.Team
}

// TeamSection is the cast or the crew of a team page.
type TeamSection struct {
	ID, Title string
	Groups    []production.TeamGroup
}

// Sections are the team's cast and crew, those that have anyone.
func (p *TeamPage) Sections() []TeamSection {
	var out []TeamSection
	if len(p.Team.Cast) > 0 {
		out = append(out, TeamSection{ID: "cast", Title: "Cast", Groups: p.Team.Cast})
	}
	if len(p.Team.Crew) > 0 {
		out = append(out, TeamSection{ID: "crew", Title: "Crew", Groups: p.Team.Crew})
	}
	return out
}

func (h *teamHandler) page(c *fiber.Ctx) error {
	id, err := peopleRouteID(c)
	if err != nil {
		return err
	}
	u := currentUser(c)
	p, err := h.store.Project(c.UserContext(), u.ID, id)
	if errors.Is(err, store.ErrNotFound) {
		return fiber.ErrNotFound
	}
	if err != nil {
		return err
	}
	team, err := h.store.Team(c.UserContext(), u.ID, id)
	if err != nil {
		return err
	}
	return renderPage(c, "team/team", &TeamPage{Page: Page{Title: "Team — " + p.Title}, Project: p, Team: team})
}
