package workers

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/jobs"
)

// Hider is what the hide-after-no-answer worker needs from the store.
type Hider interface {
	HideUnanswered(ctx context.Context, taskID int64, now time.Time) (bool, error)
}

// HideUnansweredWorker hides a listing still waiting for the producer's
// changes at the end of the answer window and tells the producer why.
// A resubmitted or otherwise moved listing makes it a no-op, and so does a
// second run.
type HideUnansweredWorker struct {
	river.WorkerDefaults[jobs.HideUnansweredArgs]
	Store Hider
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
}

// Work hides the listing if it is still unanswered.
func (w *HideUnansweredWorker) Work(ctx context.Context, job *river.Job[jobs.HideUnansweredArgs]) error {
	if _, err := w.Store.HideUnanswered(ctx, job.Args.TaskID, clock(w.Now)); err != nil {
		return fmt.Errorf("hide unanswered listing: %w", err)
	}
	return nil
}
