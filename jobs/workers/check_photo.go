package workers

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/jobs"
)

// PhotoStore is what the photo workers need from the store.
type PhotoStore interface {
	PhotoByID(ctx context.Context, photoID int64) (domain.Photo, error)
	SavePhotoCheck(ctx context.Context, photoID int64, seq int, c domain.PhotoCheck) (bool, error)
}

// CheckPhotoWorker processes and checks one photo: it writes the display
// and thumbnail variants, replaces the upload with a full-size copy
// stripped of its metadata, and saves each check's result. Running it
// twice is harmless: variants are written under deterministic keys and
// the result is saved only for the check it was asked for.
type CheckPhotoWorker struct {
	river.WorkerDefaults[jobs.CheckPhotoArgs]
	Photos  PhotoStore
	Objects objstore.Store
	Limits  photocheck.Limits
	// Budget is the process's photo memory, shared by every media worker,
	// so two workers never hold more than one photo at the limits would.
	Budget *photocheck.Budget
}

// Timeout bounds one check.
func (w *CheckPhotoWorker) Timeout(*river.Job[jobs.CheckPhotoArgs]) time.Duration {
	return photoCheckTimeout
}

// Work runs the check. A file that can never be processed (damaged,
// not an image) is recorded with its reason and the job is cancelled
// rather than retried; a storage or database hiccup is retried.
func (w *CheckPhotoWorker) Work(ctx context.Context, job *river.Job[jobs.CheckPhotoArgs]) error {
	p, err := w.Photos.PhotoByID(ctx, job.Args.PhotoID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // deleted since: nothing to check
	}
	if err != nil {
		return fmt.Errorf("check photo: %w", err)
	}
	if p.CheckSeq != job.Args.Seq {
		return nil // a newer check was asked for; it will do the work
	}
	if p.Done() {
		return nil // this check's result is saved already (a retry after it, or a seeded verdict)
	}
	kind := p.Kind()
	obj, err := w.Objects.Get(ctx, objstore.PhotoKey(p.ID, objstore.Original))
	if err != nil {
		return fmt.Errorf("check photo %d: %w", p.ID, err)
	}
	res, err := photocheck.ProcessContext(ctx, obj.Body, kind, photocheck.ProcessOptions{Limits: w.Limits, Budget: w.Budget})
	obj.Body.Close()
	if photocheck.IsPermanent(err) {
		if _, serr := w.Photos.SavePhotoCheck(ctx, p.ID, p.CheckSeq, domain.PhotoCheck{
			Status: domain.PhotoError, CheckedAs: kind, Problem: err.Error(),
		}); serr != nil {
			return fmt.Errorf("check photo %d: %w", p.ID, serr)
		}
		return river.JobCancel(fmt.Errorf("photo %d cannot be processed: %w", p.ID, err))
	}
	if err != nil {
		return fmt.Errorf("check photo %d: %w", p.ID, err)
	}
	// The metadata-free full-size copy replaces the upload, so no GPS
	// position or camera serial outlives the check. It is written last: a
	// retry after a failure here still reads a picture, the same one.
	for _, v := range []struct {
		name string
		data []byte
	}{{objstore.Display, res.Display}, {objstore.Thumb, res.Thumb}, {objstore.Original, res.Original}} {
		if err := w.Objects.Put(ctx, objstore.PhotoKey(p.ID, v.name), bytes.NewReader(v.data), int64(len(v.data)), photocheck.ContentType); err != nil {
			return fmt.Errorf("check photo %d: %w", p.ID, err)
		}
	}
	report, err := json.Marshal(res.Report)
	if err != nil {
		return fmt.Errorf("check photo %d: %w", p.ID, err)
	}
	status := domain.PhotoPassed
	if res.Report.Verdict == photocheck.Fail {
		status = domain.PhotoFailed
	}
	if _, err := w.Photos.SavePhotoCheck(ctx, p.ID, p.CheckSeq, domain.PhotoCheck{
		Status: status, CheckedAs: kind, Report: report, Width: res.Width, Height: res.Height,
	}); err != nil {
		return fmt.Errorf("check photo %d: %w", p.ID, err)
	}
	return nil
}

// photoCheckTimeout bounds one photo check: a 50-megapixel picture takes
// a few seconds; anything slower is stuck.
const photoCheckTimeout = 2 * time.Minute
