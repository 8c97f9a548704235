package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/jobs"
)

// openListingTask opens the review task of a listing just submitted, in the
// submit's transaction, with the same reminder and escalation jobs as a
// profile's (scheduleDeadlines). The queue is worked by submission time;
// the due time (moderation.AnswerWithin later) feeds the same figures as
// profiles. A listing already waiting keeps its task and its deadlines.
func (s *Store) openListingTask(ctx context.Context, tx pgx.Tx, producerID, listingID int64) error {
	var id int64
	var due time.Time
	err := tx.QueryRow(ctx, `
		INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at)
		VALUES ('listing', $1, $2, now() + $3::interval)
		ON CONFLICT (subject, subject_id) WHERE decided_at IS NULL DO NOTHING
		RETURNING id, due_at`,
		listingID, producerID, moderation.AnswerWithin.String()).Scan(&id, &due)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open listing task: %w", err)
	}
	return s.scheduleDeadlines(ctx, tx, id, due)
}

// listingEvents are the listing's moves for each moderator outcome.
var listingEvents = map[moderation.Outcome]production.Event{
	moderation.Approve:        production.Approve,
	moderation.RequestChanges: production.RequestChanges,
	moderation.Reject:         production.Refuse,
}

// decideListing moves the listing by the decision (through the status
// machine), tells the producer, and, when changes are requested, schedules
// the hide-after-no-answer job at now + d.AnswerWithin. tell false skips
// the notification (builders' approvals are data, not news).
func (s *Store) decideListing(ctx context.Context, tx pgx.Tx, taskID, listingID, owner int64, d TaskDecision, now time.Time, tell bool) error {
	event, ok := listingEvents[d.Outcome]
	if !ok {
		return fmt.Errorf("outcome %q: %w", d.Outcome, ErrTransition)
	}
	var status production.Status
	var title string
	err := tx.QueryRow(ctx, `SELECT status, title FROM listings WHERE id = $1 FOR UPDATE`, listingID).Scan(&status, &title)
	if err != nil {
		return notFound(err, "listing", listingID)
	}
	to, ok := status.Next(event)
	if !ok {
		return ErrTransition
	}
	if _, err := tx.Exec(ctx, `UPDATE listings SET status = $2, updated_at = $3,
			published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, $3) ELSE published_at END
		WHERE id = $1`, listingID, to, now); err != nil {
		return err
	}
	n := domain.Notification{AccountID: owner, DedupeKey: fmt.Sprintf("listing-decided:%d", taskID),
		Link: fmt.Sprintf("/listings/%d/edit", listingID)}
	why := strings.Join(reasonLabels(d.Reject.Reasons), "; ")
	switch d.Outcome {
	case moderation.Approve:
		n.Kind, n.Title = "listing_approved", "Your listing is published: "+title
		n.Body = "A moderator approved “" + title + "”. Talent can see it and apply."
	case moderation.RequestChanges:
		within := d.AnswerWithin
		if within <= 0 {
			within = moderation.ChangesAnswerDays * 24 * time.Hour
		}
		n.Kind, n.Title = "listing_changes", "Changes requested on "+title
		n.Body = fmt.Sprintf("A moderator asks you to change: %s. Edit the listing and submit it again by %s, or it will be hidden.",
			why, now.Add(within).UTC().Format("2 Jan 15:04 UTC"))
		if _, err := s.jobs.InsertTx(ctx, tx, jobs.HideUnansweredArgs{TaskID: taskID}, &river.InsertOpts{ScheduledAt: now.Add(within)}); err != nil {
			return fmt.Errorf("hide job: %w", err)
		}
	default:
		n.Kind, n.Title = "listing_rejected", "Your listing was not accepted: "+title
		n.Body = "A moderator rejected “" + title + "”: " + why + "."
	}
	if !tell {
		return nil
	}
	return s.notify(ctx, tx, n)
}

// reasonLabels are listing reasons in words.
func reasonLabels(codes []moderation.ReasonCode) []string {
	var out []string
	for _, r := range (moderation.Task{Subject: moderation.SubjectListing, Reasons: codes}).ReasonList() {
		out = append(out, r.Label)
	}
	return out
}

// HideUnanswered hides the listing of a request for changes the producer
// has not answered: still changes_requested and no later submission. It
// lapses (production.Lapse): the producer is told why, and may still edit
// and submit it again. Anything else is a no-op (hidden false), so the
// job is safe to run twice.
func (s *Store) HideUnanswered(ctx context.Context, taskID int64, now time.Time) (hidden bool, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		var listingID, owner int64
		var title string
		err := tx.QueryRow(ctx, `SELECT l.id, l.producer_id, l.title FROM moderation_tasks t JOIN listings l ON l.id = t.subject_id
			WHERE t.id = $1 AND t.subject = 'listing' AND t.outcome = 'changes' AND l.status = 'changes_requested'
			  AND NOT EXISTS (SELECT 1 FROM moderation_tasks n WHERE n.subject = 'listing' AND n.subject_id = t.subject_id AND n.id > t.id)
			FOR UPDATE OF l`, taskID).Scan(&listingID, &owner, &title)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		to, _ := production.ChangesRequested.Next(production.Lapse)
		if _, err := tx.Exec(ctx, `UPDATE listings SET status = $3, updated_at = $2 WHERE id = $1`, listingID, now, to); err != nil {
			return err
		}
		hidden = true
		return s.notify(ctx, tx, domain.Notification{AccountID: owner, Kind: "listing_hidden",
			DedupeKey: fmt.Sprintf("listing-hidden:%d", taskID), Link: fmt.Sprintf("/listings/%d/edit", listingID),
			Title: "Listing hidden: " + title,
			Body: "“" + title + "” is hidden: the changes a moderator asked for were not made in time. " +
				"Make them and submit it again to send it back to review."})
	})
	if err != nil {
		return false, fmt.Errorf("store: hide unanswered task %d: %w", taskID, err)
	}
	return hidden, nil
}

// ListingReviews is the review history of one of the producer's listings,
// newest first, the open task included: scoped to the owner in the query,
// so another producer's listing has none.
func (s *Store) ListingReviews(ctx context.Context, producerID, listingID int64) ([]moderation.Task, error) {
	list, err := collectTasks(s.pool.Query(ctx, `SELECT `+taskColumns+taskFrom+`
		WHERE t.subject = 'listing' AND t.subject_id = $1 AND t.owner_id = $2 ORDER BY t.opened_at DESC, t.id DESC`,
		listingID, producerID))
	if err != nil {
		return nil, fmt.Errorf("store: reviews of listing %d: %w", listingID, err)
	}
	return list, nil
}

// ReviewedListing is a listing under review with its project's type and
// title, as the moderator judges it.
type ReviewedListing struct {
	Listing      production.Listing
	ProjectType  string
	ProjectTitle string
}

// ListingForModerator reads any listing, with its roles, for a moderator;
// anyone else gets ErrNotFound.
func (s *Store) ListingForModerator(ctx context.Context, moderatorID, listingID int64) (ReviewedListing, error) {
	return one(ctx, s, func(b *Batch) *ReviewedListing { return b.ListingForModerator(moderatorID, listingID) })
}

// ListingForModerator queues Store.ListingForModerator: the listing and
// its roles in the same round trip, each query scoped to a moderator.
func (b *Batch) ListingForModerator(moderatorID, listingID int64) *ReviewedListing {
	r := &ReviewedListing{}
	l := b.listingWithRoles(listingID, isModerator(2), moderatorID, `p.type, p.title`, &r.ProjectType, &r.ProjectTitle)
	b.after(func(*Batch) { r.Listing = *l })
	return r
}

// ProducerRecord is what a moderator weighs about a listing's producer:
// how old the account is, the decisions on their listings, and reports
// and suspensions against them.
type ProducerRecord struct {
	Name                        string
	Since                       time.Time
	Approved, Changes, Rejected int
	Reports, Suspensions        int
}

// ProducerRecord reads a producer's record for a moderator.
func (s *Store) ProducerRecord(ctx context.Context, moderatorID, producerID int64) (ProducerRecord, error) {
	return one(ctx, s, func(b *Batch) *ProducerRecord { return b.ProducerRecord(moderatorID, producerID) })
}

// ProducerRecord queues Store.ProducerRecord.
func (b *Batch) ProducerRecord(moderatorID, producerID int64) *ProducerRecord {
	r := &ProducerRecord{}
	b.b.Queue(`SELECT a.name, a.created_at,
			(SELECT count(*) FROM moderation_tasks t WHERE t.owner_id = a.id AND t.subject = 'listing' AND t.outcome = 'approve'),
			(SELECT count(*) FROM moderation_tasks t WHERE t.owner_id = a.id AND t.subject = 'listing' AND t.outcome = 'changes'),
			(SELECT count(*) FROM moderation_tasks t WHERE t.owner_id = a.id AND t.subject = 'listing' AND t.outcome = 'reject'),
			(SELECT count(*) FROM reports x WHERE x.owner_id = a.id),
			(SELECT count(*) FROM account_suspensions x WHERE x.account_id = a.id)
		FROM accounts a WHERE a.id = $1 AND`+isModerator(2), producerID, moderatorID).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&r.Name, &r.Since, &r.Approved, &r.Changes, &r.Rejected, &r.Reports, &r.Suspensions); err != nil {
			return notFound(err, "producer", producerID)
		}
		return nil
	})
	return r
}

// ApproveListing approves the listing's open review task as the moderator
// who, as DecideTask does but telling nobody, and returns the listing as
// its producer sees it: builders (test data, the demo) publish the way the
// app does, without news nobody asked for.
func (s *Store) ApproveListing(ctx context.Context, who domain.Account, listingID int64, now time.Time) (production.Listing, error) {
	var taskID, owner int64
	err := s.pool.QueryRow(ctx, `SELECT id, owner_id FROM moderation_tasks
		WHERE subject = 'listing' AND subject_id = $1 AND decided_at IS NULL`, listingID).Scan(&taskID, &owner)
	if err != nil {
		return production.Listing{}, notFound(err, "listing task", listingID)
	}
	if err := s.decideTask(ctx, who, taskID, TaskDecision{Outcome: moderation.Approve}, now, false); err != nil {
		return production.Listing{}, err
	}
	return s.OwnListing(ctx, owner, listingID)
}
