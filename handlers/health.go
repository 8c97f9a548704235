package handlers

import (
	"context"
	"time"

	"github.com/gofiber/fiber/v2"
)

// healthHandler answers the load balancer and the orchestrator.
type healthHandler struct {
	ready func(ctx context.Context) error
}

func (h *healthHandler) routes(app fiber.Router) {
	app.Get("/healthz", h.live)
	app.Get("/readyz", h.readiness)
}

// live says the process is up; it never touches the database, so a slow
// database does not get healthy processes restarted.
func (h *healthHandler) live(c *fiber.Ctx) error {
	return c.JSON(fiber.Map{"status": "ok"})
}

// readiness says the database answers and its schema is current.
func (h *healthHandler) readiness(c *fiber.Ctx) error {
	ctx, cancel := context.WithTimeout(c.UserContext(), 2*time.Second)
	defer cancel()
	if err := h.ready(ctx); err != nil {
		return c.Status(fiber.StatusServiceUnavailable).JSON(fiber.Map{"status": "unavailable"})
	}
	return c.JSON(fiber.Map{"status": "ready"})
}
