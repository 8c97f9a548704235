package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/jobs"
)

// CloseListing closes one of the producer's listings at now: applications
// stop (Apply answers ErrListingClosed), it leaves the browse pages, and,
// when the producer keeps autoNotSelected on, the job that tells the
// undecided applicants "not selected" is scheduled at the end of the grace
// period, in the same transaction. Closing a closed listing changes
// nothing and returns it; a status that cannot close (a draft) is
// ErrTransition; another producer's listing is ErrNotFound.
func (s *Store) CloseListing(ctx context.Context, producerID, listingID int64, autoNotSelected bool, now time.Time) (production.Listing, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status production.Status
		err := tx.QueryRow(ctx, `SELECT status FROM listings WHERE id = $1 AND producer_id = $2 FOR UPDATE`,
			listingID, producerID).Scan(&status)
		if err != nil {
			return notFound(err, "listing", listingID)
		}
		if status == production.Closed {
			return nil // a double click, or the sweep got there first
		}
		if _, ok := status.Next(production.Close); !ok {
			return ErrTransition
		}
		var graceDays int
		err = tx.QueryRow(ctx, `UPDATE listings SET status = 'closed', closed_at = $2, updated_at = $2, auto_not_selected = $3
			WHERE id = $1 RETURNING grace_days`, listingID, now, autoNotSelected).Scan(&graceDays)
		if err != nil {
			return err
		}
		if !autoNotSelected {
			return nil
		}
		return s.scheduleTellNotSelected(ctx, tx, listingID, production.GraceDue(now, graceDays))
	})
	if err != nil {
		return production.Listing{}, fmt.Errorf("store: close listing %d: %w", listingID, err)
	}
	return s.OwnListing(ctx, producerID, listingID)
}

// scheduleTellNotSelected inserts the grace job of a listing, due at;
// unique per listing, so a second insert while one waits is a no-op.
func (s *Store) scheduleTellNotSelected(ctx context.Context, tx pgx.Tx, listingID int64, at time.Time) error {
	if _, err := s.jobs.InsertTx(ctx, tx, jobs.TellNotSelectedArgs{ListingID: listingID}, &river.InsertOpts{ScheduledAt: at}); err != nil {
		return fmt.Errorf("schedule tell not selected: %w", err)
	}
	return nil
}

// MaxSweepCloses bounds one sweep's transaction; the next run takes the
// rest.
const MaxSweepCloses = 500

// CloseDueListings is the deadline sweep: one UPDATE closes every
// published listing whose deadline is before now, and each closure's
// grace job and its producer's notification commit in the same
// transaction. Rows another sweep holds are skipped (SKIP LOCKED) and the
// UPDATE re-checks the status, so two sweeps at once close each listing
// once. It returns the ids it closed.
func (s *Store) CloseDueListings(ctx context.Context, now time.Time) ([]int64, error) {
	type closed struct {
		id, producerID int64
		title          string
		auto           bool
		graceDays      int
	}
	var done []closed
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `
			UPDATE listings l SET status = 'closed', closed_at = $1, updated_at = $1
			WHERE l.id IN (SELECT id FROM listings WHERE status = 'published' AND deadline IS NOT NULL AND deadline < $1
			               ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED)
			  AND l.status = 'published'
			RETURNING l.id, l.producer_id, l.title, l.auto_not_selected, l.grace_days`, now, MaxSweepCloses)
		if err != nil {
			return err
		}
		done, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (closed, error) {
			var c closed
			err := r.Scan(&c.id, &c.producerID, &c.title, &c.auto, &c.graceDays)
			return c, err
		})
		if err != nil {
			return err
		}
		for _, c := range done {
			if c.auto {
				if err := s.scheduleTellNotSelected(ctx, tx, c.id, production.GraceDue(now, c.graceDays)); err != nil {
					return err
				}
			}
			err := s.notify(ctx, tx, domain.Notification{AccountID: c.producerID, Kind: "casting_closed",
				DedupeKey: fmt.Sprintf("closed:%d", c.id),
				Title:     "Closed at its deadline: " + c.title,
				Body:      "Applications have stopped. Make your final selection: include or exclude each candidate.",
				Link:      SelectionPath(c.id)})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: close due listings: %w", err)
	}
	ids := make([]int64, len(done))
	for i, c := range done {
		ids[i] = c.id
	}
	return ids, nil
}

// SelectionPath is a listing's final selection screen.
func SelectionPath(listingID int64) string {
	return fmt.Sprintf("/listings/%d/selection", listingID)
}

// TellNotSelected is the grace job's work for one listing at now: each
// applicant the producer left undecided (no decision before the close,
// nothing chosen in the final selection) and not yet told is told "not
// selected" once per listing (a talent who applied for two roles gets one
// notification) and recorded as told. Someone included or accepted for
// another role of the listing is not told. It tells nobody when the listing is
// not closed or the producer turned the setting off. Before the grace
// period ends it tells nobody and returns when it does end, so a job run
// early snoozes until then.
func (s *Store) TellNotSelected(ctx context.Context, listingID int64, now time.Time) (told int, due time.Time, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		var title string
		var status production.Status
		var closedAt *time.Time
		var auto bool
		var graceDays int
		err := tx.QueryRow(ctx, `SELECT title, status, closed_at, auto_not_selected, grace_days FROM listings WHERE id = $1 FOR UPDATE`,
			listingID).Scan(&title, &status, &closedAt, &auto, &graceDays)
		if err != nil {
			return notFound(err, "listing", listingID)
		}
		if status != production.Closed || closedAt == nil || !auto {
			return nil
		}
		if d := production.GraceDue(*closedAt, graceDays); now.Before(d) {
			due = d
			return nil
		}
		rows, err := tx.Query(ctx, `
			UPDATE participations SET not_selected_told_at = $2
			WHERE listing_id = $1 AND origin = 'application' AND state = 'applied'
			  AND selection IS NULL AND not_selected_told_at IS NULL AND told_at IS NULL
			  AND NOT EXISTS (SELECT 1 FROM participations o WHERE o.listing_id = $1 AND o.talent_id = participations.talent_id
			                  AND (o.selection = 'included' OR o.state = 'accepted'))
			RETURNING talent_id`, listingID, now)
		if err != nil {
			return err
		}
		talents, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		ntitle, body := production.NotSelectedNotice(title)
		seen := make(map[int64]bool, len(talents))
		for _, id := range talents {
			if seen[id] {
				continue
			}
			seen[id] = true
			err := s.notify(ctx, tx, domain.Notification{AccountID: id, Kind: "not_selected",
				DedupeKey: fmt.Sprintf("not_selected:%d:%d", listingID, id), Title: ntitle, Body: body, Link: MyCastingsPath})
			if err != nil {
				return err
			}
		}
		told = len(seen)
		return nil
	})
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("store: tell not selected of listing %d: %w", listingID, err)
	}
	return told, due, nil
}
