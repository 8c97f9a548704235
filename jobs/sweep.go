package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"
)

// SweepArgs deletes expired sessions and stale login-throttle rows.
type SweepArgs struct{}

// Kind is the River job kind.
func (SweepArgs) Kind() string { return "sweep_expired" }

// InsertOpts keeps one sweep queued at a time.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// SweepWorker runs the sweep; deleting what is already gone is harmless.
type SweepWorker struct {
	river.WorkerDefaults[SweepArgs]
	Store Sweeper
}

// Work deletes the expired rows.
func (w *SweepWorker) Work(ctx context.Context, _ *river.Job[SweepArgs]) error {
	if _, err := w.Store.DeleteExpiredSessions(ctx); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	if _, err := w.Store.DeleteStaleThrottles(ctx); err != nil {
		return fmt.Errorf("sweep: %w", err)
	}
	return nil
}
