package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// ListingReviewStore is what listing review reads beside the tasks: the
// listing as the moderator judges it and its producer's record, both
// scoped to a moderator in the query.
type ListingReviewStore interface {
	ListingForModerator(ctx context.Context, moderatorID, listingID int64) (store.ReviewedListing, error)
	ProducerRecord(ctx context.Context, moderatorID, producerID int64) (store.ProducerRecord, error)
}

// ListingQueuePage is the moderators' listing queue, oldest submission first.
type ListingQueuePage struct {
	Page
	Queue []QueueRow
}

// ListingReviewPage is one listing review task: the listing as talent
// will see it, the posting rules re-run now, the producer's record, the
// claim, the decision form and this listing's earlier reviews.
type ListingReviewPage struct {
	Page
	Task     QueueRow
	Opened   string
	View     ListingView
	Problems []production.RuleProblem
	Producer store.ProducerRecord
	Since    string
	History  []HistoryRow
	Claim    ClaimView
	Refusal  string
	Errors   domain.FieldErrors
	// Outcome, Ticked and Note keep the decision form's input after a refusal.
	Outcome   string
	Ticked    []string
	Note      string
	Reasons   []moderation.Reason
	CanDecide bool
}

// listingQueue lists the listings waiting for review.
func (h *moderationHandler) listingQueue(c *fiber.Ctx) error {
	me := currentUser(c)
	tasks, err := h.store.Queue(c.UserContext(), me.ID, moderation.SubjectListing)
	if err != nil {
		return err
	}
	page := &ListingQueuePage{Page: Page{Title: "Listing review"}, Queue: queueRows(tasks, *me, h.now())}
	if c.Query("decided") != "" {
		page.Flash = "Decision recorded: the producer is told."
	}
	return renderPage(c, "moderation/listings", page)
}

// listingReview renders a listing task's review page.
func (h *moderationHandler) listingReview(c *fiber.Ctx) error {
	page, err := h.listingReviewPage(c)
	if err != nil {
		return err
	}
	return renderPage(c, "moderation/listing_review", page)
}

// listingReviewPage reads everything the review shows; unknown tasks and
// profile tasks are 404.
func (h *moderationHandler) listingReviewPage(c *fiber.Ctx) (*ListingReviewPage, error) {
	me := currentUser(c)
	id, err := idParam(c, "task")
	if err != nil {
		return nil, err
	}
	ctx := c.UserContext()
	task, _, err := h.store.Task(ctx, me.ID, id)
	if errors.Is(err, store.ErrNotFound) || (err == nil && task.Subject != moderation.SubjectListing) {
		return nil, fiber.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	// The listing with its roles, its producer's record and the earlier
	// decisions, in one round trip.
	rd := h.reads.Batch()
	listing := rd.ListingForModerator(me.ID, task.SubjectID)
	record := rd.ProducerRecord(me.ID, task.OwnerID)
	history := rd.History(me.ID, moderation.SubjectListing, task.SubjectID)
	if err := rd.Send(ctx); err != nil {
		return nil, storeNotFound(err)
	}
	rl, rec := *listing, *record
	now := h.now()
	project := production.Project{ID: rl.Listing.ProjectID, Title: rl.ProjectTitle, Type: rl.ProjectType}
	p := &ListingReviewPage{
		Page: Page{Title: "Review: " + titleOr(rl.Listing)}, Task: queueRows([]moderation.Task{task}, *me, now)[0],
		Opened: when(task.OpenedAt, me.TimeZone), View: NewListingView(rl.Listing, project, now),
		Problems: production.CheckRules(production.Posting{Listing: rl.Listing, ProjectType: rl.ProjectType}, h.rates),
		Producer: rec, Since: rec.Since.In(listingZone(me.TimeZone)).Format("2 Jan 2006"),
		Claim: claimView(task, *me, now), Reasons: moderation.ListingReasons,
		CanDecide: moderation.MayTake(task, *me, now) == nil,
	}
	for _, d := range *history {
		p.History = append(p.History, HistoryRow{Task: d, When: when(*d.DecidedAt, me.TimeZone), Reasons: d.ReasonList()})
	}
	return p, nil
}

// decideListing records approve, request changes or reject. Sending back
// or rejecting without reasons comes back with the message beside the
// list and the input kept; a task another moderator decided first comes
// back naming them (409).
func (h *moderationHandler) decideListing(c *fiber.Ctx) error {
	me := currentUser(c)
	id, err := idParam(c, "task")
	if err != nil {
		return err
	}
	f, err := readForm(c)
	if err != nil {
		return err
	}
	d := store.TaskDecision{Outcome: moderation.Outcome(f.Values.Get("outcome")), AnswerWithin: h.answerWithin}
	errs := f.Bad
	switch d.Outcome {
	case moderation.Approve:
	case moderation.RequestChanges, moderation.Reject:
		var bad map[string]string
		d.Reject, bad = moderation.ParseListingDecision(f.Values["reasons"], f.Values.Get("note"))
		errs = errs.With(bad)
	default:
		errs.Add("outcome", "Approve the listing, request changes or reject it.")
	}
	if len(errs) == 0 {
		if err = h.store.DecideTask(c.UserContext(), *me, id, d, h.now()); err == nil {
			return redirect(c, "/moderation/listings?decided="+string(d.Outcome))
		}
	}
	refusal, err := decisionRefusal(err)
	if err != nil {
		return err
	}
	page, err := h.listingReviewPage(c)
	if err != nil {
		return err
	}
	page.Errors, page.Outcome, page.Ticked, page.Note = errs, string(d.Outcome), f.Values["reasons"], f.Values.Get("note")
	page.Refusal = refuseDecision(c, refusal)
	return renderPage(c, "moderation/listing_review", page)
}

// taskURL is a task's review page, by subject.
func taskURL(subject moderation.Subject, id int64) string {
	if subject == moderation.SubjectListing {
		return "/moderation/listings/" + strconv.FormatInt(id, 10)
	}
	return reviewURL(id)
}

// queueURL is the queue a review page's path belongs to.
func queueURL(path string) string {
	if strings.HasPrefix(path, "/moderation/listings/") {
		return "/moderation/listings"
	}
	return "/moderation"
}

// answerWindow is the configured days a producer has to answer requested
// changes, as a duration (the default when unset).
func answerWindow(days int) time.Duration {
	if days <= 0 {
		days = moderation.ChangesAnswerDays
	}
	return time.Duration(days) * 24 * time.Hour
}
