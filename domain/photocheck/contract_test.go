package photocheck_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/internal/fixtures"
)

// The worker, command-line, handler and browser tests and the demo data
// use the shared fixtures and count on these verdicts: keep them.
func TestFixturesContract(t *testing.T) {
	t.Parallel()
	run := func(t *testing.T, data []byte, kind domain.PhotoKind) photocheck.Report {
		t.Helper()
		res, err := photocheck.Process(bytes.NewReader(data), kind, photocheck.ProcessOptions{})
		if err != nil {
			t.Fatal(err)
		}
		return res.Report
	}
	t.Run("headshot passes", func(t *testing.T) {
		t.Parallel()
		r := run(t, fixtures.JPEG(fixtures.Headshot(1000, 1250), 90), domain.PhotoHeadshot)
		if r.Verdict != photocheck.Pass || len(r.Checks) < 6 || check(r, "face").Status != photocheck.Pass {
			t.Fatalf("%s", dump(r))
		}
	})
	// The sizes and seeds the browser tests (1200×1600, 1–5), the demo
	// (both orientations, 100–105) and the worker tests (800×1000) use.
	for _, p := range [][3]int{{1200, 1600, 1}, {1200, 1600, 5}, {1200, 1600, 100}, {1600, 1200, 101}, {800, 1000, 6}} {
		t.Run("book photo passes", func(t *testing.T) {
			t.Parallel()
			if r := run(t, fixtures.JPEG(fixtures.Photo(p[0], p[1], uint64(p[2])), 90), domain.PhotoBook); r.Verdict != photocheck.Pass {
				t.Fatalf("Photo(%d, %d, %d): %s", p[0], p[1], p[2], dump(r))
			}
		})
	}
	t.Run("blurred photo fails", func(t *testing.T) {
		t.Parallel()
		r := run(t, fixtures.JPEG(imaging.Blur(fixtures.Photo(1200, 1600, 3), 8), 90), domain.PhotoBook)
		if r.Verdict != photocheck.Fail || !strings.Contains(messages(r), "upload a sharp, professional photo") {
			t.Fatalf("%s", dump(r))
		}
	})
	t.Run("faceless headshot fails", func(t *testing.T) {
		t.Parallel()
		r := run(t, fixtures.JPEG(fixtures.Photo(1200, 1600, 5), 90), domain.PhotoHeadshot)
		if r.Verdict != photocheck.Fail || !strings.Contains(messages(r), "could not find a face") {
			t.Fatalf("%s", dump(r))
		}
	})
}
