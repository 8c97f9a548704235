package workers

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/jobs"
)

// Sweeper deletes what has expired.
type Sweeper interface {
	DeleteExpiredSessions(ctx context.Context) (int64, error)
	DeleteStaleThrottles(ctx context.Context) (int64, error)
}

// SweepWorker runs the sweep; deleting what is already gone is harmless.
type SweepWorker struct {
	river.WorkerDefaults[jobs.SweepArgs]
	Store Sweeper
}

// Work deletes the expired rows.
func (w *SweepWorker) Work(ctx context.Context, _ *river.Job[jobs.SweepArgs]) error {
	if _, err := w.Store.DeleteExpiredSessions(ctx); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	if _, err := w.Store.DeleteStaleThrottles(ctx); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	return nil
}
