package handlers

import (
	"context"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// ModerationStore is what the moderators' pages read and write: the
// validation queue, its tasks and decisions. Every method is scoped to a
// moderator in its query; the talent under review is read with the
// page's batch (moderationHandler.reads) once a task, read so scoped, has
// named them.
type ModerationStore interface {
	ModerationQueue
	Task(ctx context.Context, moderatorID, taskID int64) (moderation.Task, []byte, error)
	TaskOwner(ctx context.Context, moderatorID, taskID int64) (moderation.Task, []byte, domain.Account, error)
	History(ctx context.Context, moderatorID int64, subject moderation.Subject, subjectID int64) ([]moderation.Task, error)
	Claim(ctx context.Context, who domain.Account, taskID int64, now time.Time) (moderation.Task, error)
	Release(ctx context.Context, moderatorID, taskID int64) error
	DecideTask(ctx context.Context, who domain.Account, taskID int64, d store.TaskDecision, now time.Time) error
	DecidePhoto(ctx context.Context, who domain.Account, taskID, photoID int64, d moderation.PhotoDecision, now time.Time) (domain.Photo, error)
	Changes(ctx context.Context, moderatorID int64) ([]store.ProfileChange, error)
	MarkChangesSeen(ctx context.Context, moderatorID, talentID int64, now time.Time) error
	ListingReviewStore // slice listing review
}

// ModerationQueue is the queue of one subject, first due first (the
// listing queue's page; the dashboard reads both in its batch).
type ModerationQueue interface {
	Queue(ctx context.Context, moderatorID int64, subject moderation.Subject) ([]moderation.Task, error)
}

// moderationHandler serves the validation pages under /moderation; the
// queue itself is the moderator's dashboard (dashboard.go).
type moderationHandler struct {
	store ModerationStore
	// reads batches the review's reads once its task has named the talent.
	reads Batcher
	now   func() time.Time
	// rates re-run the posting rules on a listing under review;
	// answerWithin is how long a producer has to answer requested changes.
	rates        production.Rates
	answerWithin time.Duration
}

func (h *moderationHandler) routes(app fiber.Router) {
	m := app.Group("/moderation", requireModerator)
	m.Get("/profiles/:task", h.review)
	m.Post("/profiles/:task/claim", h.claim)
	m.Post("/profiles/:task/release", h.release)
	m.Post("/profiles/:task/decide", h.decide)
	m.Post("/profiles/:task/photos/:photo", h.decidePhoto)
	m.Get("/changes", h.changes)
	m.Post("/changes/:talent/seen", h.seen)
	m.Get("/listings", h.listingQueue) // slice listing review
	m.Get("/listings/:task", h.listingReview)
	m.Post("/listings/:task/claim", h.claim)
	m.Post("/listings/:task/release", h.release)
	m.Post("/listings/:task/decide", h.decideListing)
}

// requireModerator lets moderators through; a visitor is sent to log in,
// and any other account gets 404: the moderators' pages do not exist for
// talent or producers.
func requireModerator(c *fiber.Ctx) error {
	u := currentUser(c)
	if u == nil {
		return requireLogin(c)
	}
	if u.Role != domain.RoleModerator {
		return fiber.ErrNotFound
	}
	return c.Next()
}

// QueueRow is one open task as the queue shows it.
type QueueRow struct {
	moderation.Task
	Left    string
	Overdue bool
	// Claimer names another moderator holding the task ("" when free or mine).
	Claimer string
	Mine    bool
	Due     string
	// URL is the task's review page; Opened when it was submitted.
	URL    string
	Opened string
}

// queueRows words the open tasks for the moderator at now.
func queueRows(tasks []moderation.Task, me domain.Account, now time.Time) []QueueRow {
	rows := make([]QueueRow, 0, len(tasks))
	for _, t := range tasks {
		r := QueueRow{Task: t, Left: moderation.FormatLeft(t.TimeLeft(now)), Overdue: t.Overdue(now), Due: when(t.DueAt, me.TimeZone),
			URL: taskURL(t.Subject, t.ID), Opened: when(t.OpenedAt, me.TimeZone)}
		if t.State(now) == moderation.Claimed {
			if *t.ClaimedBy == me.ID {
				r.Mine = true
			} else {
				r.Claimer = t.ClaimerName
			}
		}
		rows = append(rows, r)
	}
	return rows
}

// when writes a time in the reader's zone.
func when(t time.Time, zone string) string {
	return t.In(listingZone(zone)).Format("Mon 2 Jan, 15:04 MST")
}

// idParam reads a numeric route parameter; anything else is 404.
func idParam(c *fiber.Ctx, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Params(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, fiber.ErrNotFound
	}
	return id, nil
}
