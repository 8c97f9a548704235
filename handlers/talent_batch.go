package handlers

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// batchTalent is loadTalent with the navigation's badges in the same
// round trip, for a talent page that writes nothing first: the profile,
// photos, reels and the unread counts in one batch. nav is nil for an
// htmx fragment, which keeps the page's badges.
func batchTalent(c *fiber.Ctx, b Batcher, acct domain.Account, now time.Time) (t *talent, nav *store.NavCount, err error) {
	rd := b.Batch()
	t, rec := queueTalent(rd, acct)
	nav = queueNav(c, rd, acct.ID)
	if err := rd.Send(c.UserContext()); err != nil {
		return nil, nil, err
	}
	t.fill(*rec, now)
	return t, nav, nil
}
