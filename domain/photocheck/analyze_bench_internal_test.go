package photocheck

import (
	"image"
	"os"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain"
)

// BenchmarkAnalyzeHeadshot is every headshot check on the working copy
// (1600 px long side, what Process hands them), for a real portrait and
// a real group photo: the checks' share of the 12-megapixel budget, the
// decoding and the variants excluded. It does not depend on the
// original's size.
func BenchmarkAnalyzeHeadshot(b *testing.B) {
	for _, tc := range []struct{ name, file string }{
		{"portrait", "testdata/sample.jpg"},
		{"group", "testdata/eval/group-sample6.jpg"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f, err := os.Open(tc.file)
			if err != nil {
				b.Fatal(err)
			}
			defer f.Close()
			img, _, err := image.Decode(f)
			if err != nil {
				b.Fatal(err)
			}
			work := imaging.Fit(imaging.Resize(img, workSide, 0, imaging.Lanczos), workSide, workSide, imaging.Lanczos)
			if _, err := loadDetectors(); err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			for range b.N {
				analyze(work, 4000, 3000, domain.PhotoHeadshot)
			}
		})
	}
}
