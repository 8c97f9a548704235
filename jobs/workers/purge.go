package workers

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/jobs"
)

// PurgePhotoWorker deletes a deleted photo's objects.
type PurgePhotoWorker struct {
	river.WorkerDefaults[jobs.PurgePhotoArgs]
	Objects objstore.Store
}

// Work deletes every variant; missing ones are fine.
func (w *PurgePhotoWorker) Work(ctx context.Context, job *river.Job[jobs.PurgePhotoArgs]) error {
	for _, v := range []string{objstore.Original, objstore.Display, objstore.Thumb} {
		if err := w.Objects.Delete(ctx, objstore.PhotoKey(job.Args.PhotoID, v)); err != nil {
			return fmt.Errorf("purge photo %d: %w", job.Args.PhotoID, err)
		}
	}
	return nil
}

// PurgeReelWorker deletes a deleted reel's file.
type PurgeReelWorker struct {
	river.WorkerDefaults[jobs.PurgeReelArgs]
	Objects objstore.Store
}

// Work deletes the file; a missing one is fine.
func (w *PurgeReelWorker) Work(ctx context.Context, job *river.Job[jobs.PurgeReelArgs]) error {
	if err := w.Objects.Delete(ctx, objstore.ReelKey(job.Args.ReelID)); err != nil {
		return fmt.Errorf("purge reel %d: %w", job.Args.ReelID, err)
	}
	return nil
}
