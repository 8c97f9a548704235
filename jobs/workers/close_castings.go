package workers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// Closer is what the closing workers need from the store.
type Closer interface {
	CloseDueListings(ctx context.Context, now time.Time) ([]int64, error)
	TellNotSelected(ctx context.Context, listingID int64, now time.Time) (told int, due time.Time, err error)
}

// CloseCastingsWorker is the deadline sweep. Running it twice closes
// nothing twice: the store's UPDATE only takes listings still published.
type CloseCastingsWorker struct {
	river.WorkerDefaults[jobs.CloseCastingsArgs]
	Store Closer
	// Now is the clock (tests fix it); nil is time.Now.
	Now func() time.Time
}

// Work closes the listings whose deadline has passed.
func (w *CloseCastingsWorker) Work(ctx context.Context, _ *river.Job[jobs.CloseCastingsArgs]) error {
	if _, err := w.Store.CloseDueListings(ctx, clock(w.Now)); err != nil {
		return fmt.Errorf("close castings: %w", err)
	}
	return nil
}

// TellNotSelectedWorker tells a closed listing's undecided applicants
// they were not selected, at the end of the grace period. Running it twice
// tells nobody twice: the store records who was told and skips them, and
// each notification's dedupe key is per listing and talent.
type TellNotSelectedWorker struct {
	river.WorkerDefaults[jobs.TellNotSelectedArgs]
	Store Closer
	// Now is the clock (tests fix it); nil is time.Now.
	Now func() time.Time
}

// Work tells the undecided, or snoozes until the grace period ends when
// run early (a clock skew between processes, a manual retry).
func (w *TellNotSelectedWorker) Work(ctx context.Context, job *river.Job[jobs.TellNotSelectedArgs]) error {
	now := clock(w.Now)
	_, due, err := w.Store.TellNotSelected(ctx, job.Args.ListingID, now)
	switch {
	case errors.Is(err, domain.ErrNotFound):
		return nil // the listing was deleted: nobody is left to tell
	case err != nil:
		return fmt.Errorf("tell not selected: %w", err)
	case !due.IsZero():
		return river.JobSnooze(due.Sub(now))
	}
	return nil
}

// clock reads now, or the real time without one.
func clock(now func() time.Time) time.Time {
	if now == nil {
		return time.Now()
	}
	return now()
}
