package workers_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

func TestSweepOrphansRemovesOnlyOldObjectsNoRowNames(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	dir := t.TempDir()
	objects, err := objstore.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	put := func(key string, age time.Duration) string {
		t.Helper()
		if err := objects.Put(ctx, key, strings.NewReader("data"), 4, ""); err != nil {
			t.Fatal(err)
		}
		if age > 0 { // as if stored that long ago
			when := time.Now().Add(-age)
			if err := os.Chtimes(filepath.Join(dir, filepath.FromSlash(key)), when, when); err != nil {
				t.Fatal(err)
			}
		}
		return key
	}
	old := workers.OrphanGrace + time.Hour
	photoID := func() int64 {
		t.Helper()
		id, err := st.NewPhotoID(ctx, acct.ID)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}
	reelID := func() int64 {
		t.Helper()
		id, err := st.NewReelID(ctx, acct.ID)
		if err != nil {
			t.Fatal(err)
		}
		return id
	}

	named := photoID()
	kept := []string{
		put(objstore.PhotoKey(named, objstore.Original), old),
		put(objstore.PhotoKey(named, objstore.Thumb), old),
	}
	if _, err := st.AddPhoto(ctx, acct.ID, store.NewPhoto{ID: named, ContentType: "image/jpeg", Bytes: 4, Width: 1, Height: 1}); err != nil {
		t.Fatal(err)
	}
	namedReel := reelID()
	kept = append(kept, put(objstore.ReelKey(namedReel), old))
	if _, err := st.AddReel(ctx, acct.ID, domain.Reel{ID: namedReel, Kind: "audio", ContentType: "audio/mpeg", Bytes: 4}); err != nil {
		t.Fatal(err)
	}
	// An upload between its object write and its commit, and files the
	// app never wrote, stay whatever their age.
	kept = append(kept, put(objstore.PhotoKey(photoID(), objstore.Original), 0), put(objstore.ReelKey(reelID()), 0),
		put("photos/notes/readme.txt", old), put("exports/1/archive.zip", old))

	orphan := photoID()
	removed := []string{
		put(objstore.PhotoKey(orphan, objstore.Original), old),
		put(objstore.PhotoKey(orphan, objstore.Display), old),
		put(objstore.ReelKey(reelID()), old),
	}

	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{}, &workers.SweepOrphansWorker{Store: st, Objects: objects})
	for i := range 2 { // safe to run twice
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		res, err := w.Work(ctx, t, tx, jobs.SweepOrphansArgs{}, nil)
		_ = tx.Rollback(ctx)
		if err != nil || res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("run %d: %v %+v", i+1, err, res)
		}
		for _, key := range kept {
			if _, err := objects.Stat(ctx, key); err != nil {
				t.Errorf("run %d removed %s: %v", i+1, key, err)
			}
		}
		for _, key := range removed {
			if _, err := objects.Stat(ctx, key); !errors.Is(err, objstore.ErrNotFound) {
				t.Errorf("run %d kept the orphan %s: %v", i+1, key, err)
			}
		}
	}
}
