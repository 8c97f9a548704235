package photocheck

import (
	"image"
	"os"
	"testing"

	"github.com/disintegration/imaging"
)

// BenchmarkScanFaces is the face and pupil search alone on the working
// copy of a 4:3 group photo of the evaluation set (its cost does not
// depend on the original's size: it runs on a fixed-size copy).
func BenchmarkScanFaces(b *testing.B) {
	f, err := os.Open("testdata/eval/group-sample6.jpg")
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		b.Fatal(err)
	}
	g := grayOf(imaging.Resize(img, workSide, 0, imaging.Lanczos))
	if _, err := loadDetectors(); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := scanFaces(g); err != nil {
			b.Fatal(err)
		}
	}
}
