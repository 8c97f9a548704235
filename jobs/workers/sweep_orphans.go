package workers

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/jobs"
)

// OrphanGrace is how old an object must be before the sweep may remove it.
// An upload is stored a moment before its row commits; an hour leaves that
// moment, and any slow commit, far behind.
const OrphanGrace = time.Hour

// orphanBatch is how many listed ids are checked against the database at
// once, so a large bucket is swept in bounded memory.
const orphanBatch = 500

// ObjectOwners is what the orphan sweep needs from the store: which ids
// still have a row.
type ObjectOwners interface {
	ExistingPhotoIDs(ctx context.Context, ids []int64) (map[int64]bool, error)
	ExistingReelIDs(ctx context.Context, ids []int64) (map[int64]bool, error)
}

// SweepOrphansWorker deletes the photo and reel objects older than
// OrphanGrace whose id has no row. Objects under those prefixes whose key
// it cannot parse are left alone: the sweep only removes what it knows
// the app wrote. Running it twice is harmless: deleting a missing object
// is not an error.
type SweepOrphansWorker struct {
	river.WorkerDefaults[jobs.SweepOrphansArgs]
	Store   ObjectOwners
	Objects objstore.Store
}

// Timeout leaves room to list a large bucket.
func (w *SweepOrphansWorker) Timeout(*river.Job[jobs.SweepOrphansArgs]) time.Duration {
	return 30 * time.Minute
}

// Work sweeps the photos, then the reels.
func (w *SweepOrphansWorker) Work(ctx context.Context, _ *river.Job[jobs.SweepOrphansArgs]) error {
	cutoff := time.Now().Add(-OrphanGrace)
	photoID := func(key string) (int64, bool) {
		id, _, ok := objstore.ParsePhotoKey(key)
		return id, ok
	}
	if err := w.sweep(ctx, objstore.PhotoPrefix, photoID, w.Store.ExistingPhotoIDs, cutoff); err != nil {
		return fmt.Errorf("sweep orphan photos: %w", err)
	}
	if err := w.sweep(ctx, objstore.ReelPrefix, objstore.ParseReelKey, w.Store.ExistingReelIDs, cutoff); err != nil {
		return fmt.Errorf("sweep orphan reels: %w", err)
	}
	return nil
}

// sweep lists prefix and deletes the objects last written before cutoff
// whose id (parsed from the key) exist does not find.
func (w *SweepOrphansWorker) sweep(ctx context.Context, prefix string, parse func(key string) (int64, bool),
	exist func(ctx context.Context, ids []int64) (map[int64]bool, error), cutoff time.Time,
) error {
	batch := map[int64][]string{} // id → its old objects
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		found, err := exist(ctx, slices.Collect(maps.Keys(batch)))
		if err != nil {
			return err
		}
		for id, keys := range batch {
			if found[id] {
				continue
			}
			for _, key := range keys {
				if err := w.Objects.Delete(ctx, key); err != nil {
					return err
				}
			}
		}
		clear(batch)
		return nil
	}
	for info, err := range w.Objects.List(ctx, prefix) {
		if err != nil {
			return err
		}
		id, ok := parse(info.Key)
		if !ok || !info.ModTime.Before(cutoff) {
			continue
		}
		batch[id] = append(batch[id], info.Key)
		if len(batch) >= orphanBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}
