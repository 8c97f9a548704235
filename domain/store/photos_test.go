package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/jobs"
)

func addPhoto(t *testing.T, st *store.Store, accountID int64, headshot bool) domain.Photo {
	t.Helper()
	ctx := context.Background()
	id, err := st.NewPhotoID(ctx, accountID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.AddPhoto(ctx, accountID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: 10, Width: 1200, Height: 1600, Headshot: headshot})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func order(t *testing.T, st *store.Store, accountID int64) []int64 {
	t.Helper()
	list, err := st.Photos(context.Background(), accountID)
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(list))
	for i, p := range list {
		ids[i] = p.ID
	}
	return ids
}

// The object is stored before AddPhoto (handlers/uploads.go), under the id
// NewPhotoID chose; AddPhoto writes the row under that id with its check
// job, and a refused job leaves no row.
func TestAddPhotoQueuesCheckUnderTheChosenID(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")

	storedFor, err := st.NewPhotoID(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.AddPhoto(ctx, acct.ID, store.NewPhoto{ID: storedFor, ContentType: "image/jpeg", Bytes: 1234, Width: 1200, Height: 1600, Headshot: true})
	if err != nil {
		t.Fatal(err)
	}
	if storedFor != p.ID || p.Status != domain.PhotoPending || !p.IsHeadshot || p.CheckedAs != "headshot" || p.Position != 1 {
		t.Fatalf("photo = %+v (stored for %d)", p, storedFor)
	}
	tx, _ := pool.Begin(ctx)
	job := rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, tx, &jobs.CheckPhotoArgs{}, &rivertest.RequireInsertedOpts{Queue: jobs.QueueMedia})
	_ = tx.Rollback(ctx)
	if job.Args.PhotoID != p.ID || job.Args.Seq != p.CheckSeq {
		t.Fatalf("check job args = %+v", job.Args)
	}
	if next := addPhoto(t, st, acct.ID, false); next.ID == p.ID || next.Position != 2 {
		t.Fatalf("next photo = %+v", next)
	}

	if _, err := st.AddPhoto(ctx, acct.ID, store.NewPhoto{ContentType: "image/jpeg", Bytes: 1, Width: 1, Height: 1}); err == nil {
		t.Fatal("AddPhoto succeeded without an id from NewPhotoID")
	}
	noQueue := store.New(pool, failingInserter{})
	id, _ := noQueue.NewPhotoID(ctx, acct.ID)
	if _, err := noQueue.AddPhoto(ctx, acct.ID, store.NewPhoto{ID: id, ContentType: "image/jpeg", Bytes: 1, Width: 1, Height: 1}); err == nil {
		t.Fatal("AddPhoto succeeded although its check could not be queued")
	}
	if ids := order(t, st, acct.ID); len(ids) != 2 {
		t.Fatalf("photos = %v: a refused upload left a row", ids)
	}
}

// A full profile is refused before the upload is stored (NewPhotoID) and
// again when the row is written, for the upload that raced another.
func TestPhotoCapIsCheckedBeforeAndAtInsert(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	for range domain.MaxPhotos - 1 {
		addPhoto(t, st, acct.ID, false)
	}
	raced, err := st.NewPhotoID(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	addPhoto(t, st, acct.ID, false) // the other upload commits first
	if _, err := st.NewPhotoID(ctx, acct.ID); !errors.Is(err, store.ErrTooManyPhotos) {
		t.Fatalf("NewPhotoID on a full profile = %v, want ErrTooManyPhotos", err)
	}
	if _, err := st.AddPhoto(ctx, acct.ID, store.NewPhoto{ID: raced, ContentType: "image/jpeg", Bytes: 1, Width: 1, Height: 1}); !errors.Is(err, store.ErrTooManyPhotos) {
		t.Fatalf("AddPhoto on a full profile = %v, want ErrTooManyPhotos", err)
	}
	if ids := order(t, st, acct.ID); len(ids) != domain.MaxPhotos {
		t.Fatalf("%d photos, want %d", len(ids), domain.MaxPhotos)
	}
	exist, err := st.ExistingPhotoIDs(ctx, []int64{order(t, st, acct.ID)[0], raced})
	if err != nil || len(exist) != 1 || exist[raced] {
		t.Fatalf("ExistingPhotoIDs = %v, %v; want only the stored photo", exist, err)
	}
}

func TestPhotosBelongToTheirOwner(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	maya, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	tom, _ := st.CreateAccount(ctx, "Tom", "tom@example.com", domain.RoleCrew, "h")
	p := addPhoto(t, st, maya.ID, false)

	if _, err := st.Photo(ctx, tom.ID, p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Photo by another account: %v", err)
	}
	if _, err := st.SetCaption(ctx, tom.ID, p.ID, "mine now"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetCaption by another account: %v", err)
	}
	if err := st.DeletePhoto(ctx, tom.ID, p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("DeletePhoto by another account: %v", err)
	}
	if err := st.SetHeadshot(ctx, tom.ID, p.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetHeadshot by another account: %v", err)
	}
	if err := st.MovePhoto(ctx, tom.ID, p.ID, -1); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MovePhoto by another account: %v", err)
	}
	got, err := st.Photo(ctx, maya.ID, p.ID)
	if err != nil || got.Caption != "" {
		t.Fatalf("owner's photo = %+v, %v", got, err)
	}
}

func TestReorderCaptionDelete(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	a, b, c := addPhoto(t, st, acct.ID, false), addPhoto(t, st, acct.ID, false), addPhoto(t, st, acct.ID, false)

	if err := st.MovePhoto(ctx, acct.ID, c.ID, -1); err != nil {
		t.Fatal(err)
	}
	if got := order(t, st, acct.ID); got[0] != a.ID || got[1] != c.ID || got[2] != b.ID {
		t.Fatalf("after moving c up: %v", got)
	}
	if err := st.MovePhoto(ctx, acct.ID, a.ID, -1); err != nil { // already first
		t.Fatal(err)
	}
	if got := order(t, st, acct.ID); got[0] != a.ID {
		t.Fatalf("moving the first photo up changed the order: %v", got)
	}
	if p, err := st.SetCaption(ctx, acct.ID, b.ID, "On set, 2025"); err != nil || p.Caption != "On set, 2025" {
		t.Fatalf("caption = %+v, %v", p, err)
	}
	if err := st.DeletePhoto(ctx, acct.ID, c.ID); err != nil {
		t.Fatal(err)
	}
	if got := order(t, st, acct.ID); len(got) != 2 {
		t.Fatalf("after delete: %v", got)
	}
	tx, _ := pool.Begin(ctx)
	defer tx.Rollback(ctx)
	job := rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, tx, &jobs.PurgePhotoArgs{}, nil)
	if job.Args.PhotoID != c.ID {
		t.Fatalf("purge job for %d, want %d", job.Args.PhotoID, c.ID)
	}
}

func TestOneHeadshotAndStaleChecksAreDropped(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	first := addPhoto(t, st, acct.ID, true)
	book := addPhoto(t, st, acct.ID, false)

	// A second headshot upload sends the first back to the book.
	second := addPhoto(t, st, acct.ID, true)
	old, _ := st.Photo(ctx, acct.ID, first.ID)
	if old.IsHeadshot || old.CheckedAs != "book" || old.Status != domain.PhotoPending || old.CheckSeq != 2 {
		t.Fatalf("previous headshot = %+v, want a pending book photo with a new check", old)
	}

	// Choosing a book photo as headshot re-checks both.
	if err := st.SetHeadshot(ctx, acct.ID, book.ID); err != nil {
		t.Fatal(err)
	}
	var headshots int
	if err := pool.QueryRow(ctx, "SELECT count(*) FROM photos WHERE is_headshot").Scan(&headshots); err != nil || headshots != 1 {
		t.Fatalf("headshots = %d, %v", headshots, err)
	}
	nb, _ := st.Photo(ctx, acct.ID, book.ID)
	if !nb.IsHeadshot || nb.CheckedAs != "headshot" || nb.CheckSeq != 2 {
		t.Fatalf("new headshot = %+v", nb)
	}

	// The result of the book check asked for before is stale now.
	saved, err := st.SavePhotoCheck(ctx, book.ID, 1, domain.PhotoCheck{Status: domain.PhotoPassed, CheckedAs: "book"})
	if err != nil || saved {
		t.Fatalf("stale check saved = %v, %v", saved, err)
	}
	saved, err = st.SavePhotoCheck(ctx, book.ID, 2, domain.PhotoCheck{Status: domain.PhotoFailed, CheckedAs: "headshot",
		Report: []byte(`{"verdict":"fail"}`), Width: 1600, Height: 1200})
	if err != nil || !saved {
		t.Fatalf("current check saved = %v, %v", saved, err)
	}
	got, _ := st.Photo(ctx, acct.ID, book.ID)
	if got.Status != domain.PhotoFailed || got.Width != 1600 || string(got.Report) != `{"verdict": "fail"}` || got.CheckedAt == nil {
		t.Fatalf("after check: %+v report=%s", got, got.Report)
	}
	_ = second
}

func TestReels(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	other, _ := st.CreateAccount(ctx, "Tom", "tom@example.com", domain.RoleCrew, "h")
	link, err := st.AddReel(ctx, acct.ID, domain.Reel{Kind: "video", Title: "Showreel", Provider: "vimeo", URL: "https://vimeo.com/1"})
	if err != nil || link.IsUpload() {
		t.Fatalf("link = %+v, %v", link, err)
	}
	putFor, err := st.NewReelID(ctx, acct.ID)
	if err != nil {
		t.Fatal(err)
	}
	up, err := st.AddReel(ctx, acct.ID, domain.Reel{ID: putFor, Kind: "audio", Title: "Voice demo", ContentType: "audio/mpeg", Bytes: 99})
	if err != nil || !up.IsUpload() || putFor != up.ID {
		t.Fatalf("upload = %+v, %v (put for %d)", up, err, putFor)
	}
	if _, err := st.AddReel(ctx, acct.ID, domain.Reel{Kind: "audio", ContentType: "audio/mpeg"}); err == nil {
		t.Fatal("AddReel stored an upload without an id from NewReelID")
	}
	if exist, err := st.ExistingReelIDs(ctx, []int64{up.ID, up.ID + 1000}); err != nil || len(exist) != 1 || !exist[up.ID] {
		t.Fatalf("ExistingReelIDs = %v, %v", exist, err)
	}
	list, _ := st.Reels(ctx, acct.ID)
	if len(list) != 2 {
		t.Fatalf("reels = %+v", list)
	}
	if err := st.DeleteReel(ctx, other.ID, up.ID); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("delete by another account: %v", err)
	}
	if err := st.DeleteReel(ctx, acct.ID, up.ID); err != nil {
		t.Fatal(err)
	}
	tx, _ := pool.Begin(ctx)
	defer tx.Rollback(ctx)
	rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, tx, &jobs.PurgeReelArgs{}, nil)
	var _ pgx.Tx = tx

	for range domain.MaxReels - 1 {
		if _, err := st.AddReel(ctx, acct.ID, domain.Reel{Kind: "video", Provider: "vimeo", URL: "https://vimeo.com/2"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.NewReelID(ctx, acct.ID); !errors.Is(err, store.ErrTooManyReels) {
		t.Fatalf("NewReelID on a full profile = %v, want ErrTooManyReels", err)
	}
	if _, err := st.AddReel(ctx, acct.ID, domain.Reel{Kind: "video", Provider: "vimeo", URL: "https://vimeo.com/3"}); !errors.Is(err, store.ErrTooManyReels) {
		t.Fatalf("AddReel on a full profile = %v, want ErrTooManyReels", err)
	}
}
