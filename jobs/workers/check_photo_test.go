package workers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"image"
	"image/jpeg"
	"io"
	"testing"

	"github.com/disintegration/imaging"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

func setupPhotos(t *testing.T) (*store.Store, objstore.Store, domain.Account, func(args jobs.CheckPhotoArgs) *rivertest.WorkResult) {
	t.Helper()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	objects, err := objstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	w := rivertest.NewWorker(t, riverpgxv5.New(pool), &river.Config{},
		&workers.CheckPhotoWorker{Photos: st, Objects: objects, Limits: photocheck.DefaultLimits()})
	work := func(args jobs.CheckPhotoArgs) *rivertest.WorkResult {
		t.Helper()
		tx, err := pool.Begin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback(ctx)
		res, err := w.Work(ctx, t, tx, args, nil)
		if err != nil && res == nil {
			t.Fatal(err)
		}
		return res
	}
	return st, objects, acct, work
}

func addPhoto(t *testing.T, st *store.Store, objects objstore.Store, accountID int64, data []byte, headshot bool) domain.Photo {
	t.Helper()
	ctx := context.Background()
	id, err := st.NewPhotoID(ctx, accountID)
	if err != nil {
		t.Fatal(err)
	}
	if err := objects.Put(ctx, objstore.PhotoKey(id, "original"), bytes.NewReader(data), int64(len(data)), "image/jpeg"); err != nil {
		t.Fatal(err)
	}
	p, err := st.AddPhoto(ctx, accountID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: int64(len(data)), Width: 1, Height: 1, Headshot: headshot})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCheckPhotoWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, objects, acct, work := setupPhotos(t)

	t.Run("a good headshot passes and gets its variants", func(t *testing.T) {
		p := addPhoto(t, st, objects, acct.ID, withGPS(fixtures.JPEG(fixtures.Headshot(1000, 1250), 90)), true)
		for i := 0; i < 2; i++ { // safe to run twice
			if res := work(jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq}); res.EventKind != river.EventKindJobCompleted {
				t.Fatalf("run %d: %s", i, res.EventKind)
			}
		}
		got, _ := st.Photo(ctx, acct.ID, p.ID)
		if got.Status != domain.PhotoPassed || got.CheckedAs != "headshot" || got.Width != 1000 || got.Height != 1250 || got.CheckedAt == nil {
			t.Fatalf("photo after check = %+v", got)
		}
		var r photocheck.Report
		if err := json.Unmarshal(got.Report, &r); err != nil || r.Verdict != "pass" || len(r.Checks) < 6 {
			t.Fatalf("report = %+v, %v", r, err)
		}
		for _, v := range []string{objstore.Display, objstore.Thumb, objstore.Original} {
			obj, err := objects.Get(ctx, objstore.PhotoKey(p.ID, v))
			if err != nil {
				t.Fatalf("%s variant: %v", v, err)
			}
			data, _ := io.ReadAll(obj.Body)
			obj.Body.Close()
			if obj.ContentType != "image/jpeg" || len(data) == 0 {
				t.Errorf("%s variant: %s, %d bytes", v, obj.ContentType, len(data))
			}
			if bytes.Contains(data, []byte(gpsMarker)) || bytes.Contains(data, []byte("Exif\x00\x00")) {
				t.Errorf("%s variant still carries the upload's metadata", v)
			}
		}
		if obj, err := objects.Get(ctx, objstore.PhotoKey(p.ID, objstore.Original)); err == nil {
			cfg, err := jpeg.DecodeConfig(obj.Body)
			obj.Body.Close()
			if err != nil || cfg.Width != 1000 || cfg.Height != 1250 {
				t.Errorf("stripped original = %dx%d, %v; want the full 1000x1250", cfg.Width, cfg.Height, err)
			}
		}
	})

	t.Run("a blurred book photo fails with advice", func(t *testing.T) {
		blurred := fixtures.JPEG(imagingBlur(fixtures.Photo(1200, 1600, 3)), 90)
		p := addPhoto(t, st, objects, acct.ID, blurred, false)
		work(jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq})
		got, _ := st.Photo(ctx, acct.ID, p.ID)
		if got.Status != domain.PhotoFailed || !bytes.Contains(got.Report, []byte("upload a sharp, professional photo")) {
			t.Fatalf("blurred photo = %s %s", got.Status, got.Report)
		}
	})

	t.Run("a damaged file is cancelled with its reason", func(t *testing.T) {
		good := fixtures.JPEG(fixtures.Photo(1200, 1600, 4), 90)
		p := addPhoto(t, st, objects, acct.ID, good[:len(good)/3], false)
		res := work(jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq})
		if res.EventKind != river.EventKindJobCancelled {
			t.Fatalf("event = %s, want cancelled", res.EventKind)
		}
		got, _ := st.Photo(ctx, acct.ID, p.ID)
		if got.Status != domain.PhotoError || got.Problem == "" {
			t.Fatalf("damaged photo = %+v", got)
		}
	})

	t.Run("a stale check changes nothing", func(t *testing.T) {
		p := addPhoto(t, st, objects, acct.ID, fixtures.JPEG(fixtures.Photo(1200, 1600, 5), 90), false)
		if err := st.SetHeadshot(ctx, acct.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		work(jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq}) // the book check asked for first
		got, _ := st.Photo(ctx, acct.ID, p.ID)
		if got.Status != domain.PhotoPending {
			t.Fatalf("a stale check wrote its result: %+v", got)
		}
		work(jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: got.CheckSeq})
		got, _ = st.Photo(ctx, acct.ID, p.ID)
		if got.Status != domain.PhotoFailed || got.CheckedAs != "headshot" || !bytes.Contains(got.Report, []byte("could not find a face")) {
			t.Fatalf("headshot check of a faceless photo = %s %s %s", got.Status, got.CheckedAs, got.Report)
		}
	})

	t.Run("a deleted photo is skipped and purged", func(t *testing.T) {
		p := addPhoto(t, st, objects, acct.ID, fixtures.JPEG(fixtures.Photo(800, 1000, 6), 90), false)
		if err := st.DeletePhoto(ctx, acct.ID, p.ID); err != nil {
			t.Fatal(err)
		}
		if res := work(jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq}); res.EventKind != river.EventKindJobCompleted {
			t.Fatalf("event = %s", res.EventKind)
		}
		purge := &workers.PurgePhotoWorker{Objects: objects}
		if err := purge.Work(ctx, &river.Job[jobs.PurgePhotoArgs]{Args: jobs.PurgePhotoArgs{PhotoID: p.ID}}); err != nil {
			t.Fatal(err)
		}
		if _, err := objects.Stat(ctx, objstore.PhotoKey(p.ID, "original")); !errors.Is(err, objstore.ErrNotFound) {
			t.Fatalf("original still stored: %v", err)
		}
	})
}

// gpsMarker stands for the position a phone writes into its photos.
const gpsMarker = "GPS 38.7223N 9.1393W"

// withGPS inserts an EXIF segment carrying gpsMarker right after the
// JPEG's start-of-image marker, as a phone's camera would.
func withGPS(jpg []byte) []byte {
	payload := append([]byte("Exif\x00\x00"), []byte(gpsMarker)...)
	n := len(payload) + 2
	seg := append([]byte{0xFF, 0xE1, byte(n >> 8), byte(n)}, payload...)
	return append(append(append([]byte{}, jpg[:2]...), seg...), jpg[2:]...)
}

func imagingBlur(img image.Image) image.Image { return imaging.Blur(img, 8) }
