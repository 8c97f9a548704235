package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/demo"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
	"github.com/slatecasting/slate/jobs/workers"
)

// The demo promises a newcomer a complete performer whose pictures pass
// and a crew member whose first pictures fail with advice: run the real
// check worker on every seeded photo and hold it to that.
func TestSeedShowsPassingAndFailingChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := testdb.NewStore(t)
	objects, err := objstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	cheap := auth.Params{MemoryKiB: 64, Time: 1, Threads: 1, KeyLen: 32, SaltLen: 16} // fast hashing for a test
	began := time.Now()
	if _, err := demo.Seed(ctx, st, objects, cheap); err != nil {
		t.Fatal(err)
	}
	t.Logf("first seed: %v", time.Since(began))
	first := snapshot(t, pool)
	if _, err := demo.Seed(ctx, st, objects, cheap); err != nil {
		t.Fatalf("a second seed must be harmless: %v", err)
	}
	if again := snapshot(t, pool); again != first {
		t.Errorf("a second seed changed the data:\nafter one: %s\nafter two: %s", first, again)
	}
	checkCastings(t, st)
	checkClosing(t, st)    // slice: closing
	checkValidation(t, st) // slice validation

	checkGroupMessage(t, pool) // slice group message
	checkPolish(t, pool)       // slice polish
	checkSuspended(t, pool)
	// The people, the cast and the suspended agency (SuspendedEmail).
	n, _ := st.CountAccounts(ctx)
	if want := len(demo.People) + len(demo.Cast) + 1; n != want {
		t.Fatalf("%d accounts after two seeds, want %d", n, want)
	}

	worker := &workers.CheckPhotoWorker{Photos: st, Objects: objects, Limits: photocheck.DefaultLimits()}
	photosOf := func(email string) []domain.Photo {
		t.Helper()
		acct, _, err := st.Credentials(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		photos, err := st.Photos(ctx, acct.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range photos {
			if err := worker.Work(ctx, &river.Job[jobs.CheckPhotoArgs]{Args: jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq}}); err != nil {
				t.Fatalf("check photo %d: %v", p.ID, err)
			}
		}
		if photos, err = st.Photos(ctx, acct.ID); err != nil {
			t.Fatal(err)
		}
		return photos
	}

	performer := photosOf(demo.PerformerEmail)
	if len(performer) < 6 {
		t.Fatalf("performer has %d photos, want a headshot and a book of 5+", len(performer))
	}
	for _, p := range performer {
		if p.Status != domain.PhotoPassed {
			t.Errorf("performer photo %d (headshot %v) = %s: %s", p.ID, p.IsHeadshot, p.Status, p.Report)
		}
	}
	// Once the worker has checked them, the demo performer may apply: his
	// profile is complete.
	luca, _, err := st.Credentials(ctx, demo.PerformerEmail)
	if err != nil {
		t.Fatal(err)
	}
	var lucaDoc profile.Profile
	if _, err := st.Profile(ctx, luca.ID, &lucaDoc); err != nil {
		t.Fatal(err)
	}
	if meter := profile.Completeness(lucaDoc, profile.KindPerformer, profile.MediaOf(performer, nil), time.Now()); !meter.CanSubmit {
		t.Errorf("the demo performer cannot apply after the checks: %+v", meter.Missing)
	}

	// The cast's pictures are checked at seed time: they are passed, and
	// their profiles complete, without a job.
	for _, m := range demo.Cast {
		acct, _, err := st.Credentials(ctx, m.Email)
		if err != nil {
			t.Fatal(err)
		}
		photos, _ := st.Photos(ctx, acct.ID)
		var doc profile.Profile
		if _, err := st.Profile(ctx, acct.ID, &doc); err != nil {
			t.Fatal(err)
		}
		kind := profile.KindPerformer
		if m.Role == domain.RoleCrew {
			kind = profile.KindCrew
		}
		if meter := profile.Completeness(doc, kind, profile.MediaOf(photos, nil), time.Now()); !meter.CanSubmit {
			t.Errorf("%s cannot submit: %+v", m.Email, meter.Missing)
		}
		for _, p := range photos {
			if _, err := objects.Stat(ctx, objstore.PhotoKey(p.ID, objstore.Thumb)); err != nil {
				t.Errorf("%s photo %d has no thumbnail: %v", m.Email, p.ID, err)
			}
		}
	}

	crew := photosOf("crew@demo.slate.test")
	if len(crew) != 2 {
		t.Fatalf("crew has %d photos, want 2", len(crew))
	}
	for _, p := range crew {
		want := "upload a sharp, professional photo"
		if p.IsHeadshot {
			want = "could not find a face"
		}
		if p.Status != domain.PhotoFailed || !strings.Contains(string(p.Report), want) {
			t.Errorf("crew photo %d (headshot %v) = %s, want failed saying %q: %s", p.ID, p.IsHeadshot, p.Status, want, p.Report)
		}
	}
}
