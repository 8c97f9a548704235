package photocheck_test

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

// Positions on the real portrait (320×400): the pupils are at about
// (115, 185) and (205, 185).
const sampleW = 320

// withSunglasses paints dark lenses and a bridge over the eyes of a
// portrait scaled from the sample.
func withSunglasses(img *image.NRGBA) *image.NRGBA {
	out := imaging.Clone(img)
	k := float64(out.Rect.Dx()) / sampleW
	lens := color.NRGBA{25, 24, 30, 255}
	for _, cx := range []float64{115, 205} {
		rx, ry, cy := 36*k, 21*k, 185*k
		for y := int(cy - ry); y <= int(cy+ry); y++ {
			for x := int(cx*k - rx); x <= int(cx*k+rx); x++ {
				dx, dy := (float64(x)-cx*k)/rx, (float64(y)-cy)/ry
				if dx*dx+dy*dy <= 1 {
					out.Set(x, y, lens)
				}
			}
		}
	}
	fill(out, image.Rect(int(148*k), int(181*k), int(172*k), int(186*k)), lens)
	return out
}

// withHatShadow darkens everything above the lower eyelids to a quarter,
// as the brim of a hat in sunlight does.
func withHatShadow(img *image.NRGBA) *image.NRGBA {
	out := imaging.Clone(img)
	until := int(205 * float64(out.Rect.Dx()) / sampleW)
	for i := range out.Pix[:until*out.Stride] {
		if i%4 != 3 {
			out.Pix[i] /= 4
		}
	}
	return out
}

func TestFaceChecks(t *testing.T) {
	t.Parallel()
	face := portrait(t, 1000, 1250)

	// Two people side by side in a portrait frame.
	two := photoLike(1200, 1250, 40)
	two = imaging.Paste(two, portrait(t, 600, 750), image.Pt(0, 250))
	two = imaging.Paste(two, imaging.FlipH(portrait(t, 600, 750)), image.Pt(600, 250))

	far := imaging.PasteCenter(photoLike(1200, 1500, 41), portrait(t, 200, 250))
	distant := imaging.PasteCenter(photoLike(1200, 1500, 46), portrait(t, 110, 138))
	aside := imaging.Paste(photoLike(1000, 1250, 42), portrait(t, 360, 450), image.Pt(0, 400))

	tests := []struct {
		name    string
		img     image.Image
		verdict string
		want    map[string]string
		says    string
	}{
		{"real portrait", face, photocheck.Pass,
			map[string]string{"face": "pass", "face_size": "pass", "face_position": "pass", "eyes": "pass", "orientation": "pass", "blur": "pass", "borders": "pass"}, "One face found."},
		{"real portrait, mirrored", imaging.FlipH(face), photocheck.Pass, map[string]string{"face": "pass", "eyes": "pass"}, ""},
		{"real portrait, head tilted", imaging.Rotate(face, 6, color.White), photocheck.Pass, map[string]string{"face": "pass", "eyes": "pass"}, ""},
		{"two people", two, photocheck.Fail, map[string]string{"face": "fail", "face_size": "missing"},
			"We found 2 faces: a headshot shows only you"},
		{"landscape photo without a face", photoLike(1600, 1200, 43), photocheck.Fail, map[string]string{"face": "fail", "orientation": "fail", "eyes": "missing"},
			"We could not find a face: upload an individual portrait where your whole face is clearly visible"},
		{"texture without a face", texture(1000, 1250, 44), photocheck.Fail, map[string]string{"face": "fail"}, "could not find a face"},
		// A face box 13% of the short side was a failure until issue 10:
		// a head-and-shoulders portrait measures about 20%, so 13% is a
		// warning now, and only a distant face (7%) fails.
		{"face rather small", far, photocheck.Pass, map[string]string{"face": "pass", "face_size": "warn"},
			"Your face is rather small in the frame: a closer portrait, from the shoulders up"},
		{"face too small", distant, photocheck.Fail, map[string]string{"face": "pass", "face_size": "fail"},
			"Your face is too small in the frame: upload a portrait of your head and shoulders"},
		{"face off to the side", aside, photocheck.Fail, map[string]string{"face": "pass", "face_size": "pass", "face_position": "fail"}, "off to the side"},
		{"sunglasses", withSunglasses(face), photocheck.Fail, map[string]string{"face": "pass", "eyes": "fail"},
			"Your eyes must be visible: upload a portrait without sunglasses"},
		{"hat shadow", withHatShadow(face), photocheck.Fail, map[string]string{"face": "pass", "eyes": "fail"}, "hat shadow"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel() // also runs the shared detectors concurrently under -race
			expectReport(t, photocheck.Analyze(tt.img, domain.PhotoHeadshot), tt.verdict, tt.want, tt.says)
		})
	}
}

// The real portrait through the whole pipeline, as the worker runs it,
// and at its own small size (the face rules hold; only resolution fails).
func TestRealPortraitProcessed(t *testing.T) {
	t.Parallel()
	res, err := photocheck.Process(bytes.NewReader(jpegOf(t, portrait(t, 1000, 1250), 90)), domain.PhotoHeadshot, photocheck.ProcessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Report.Verdict != photocheck.Pass {
		t.Fatalf("the real portrait fails:\n%s", dump(res.Report))
	}
	small := photocheck.Analyze(sample(t), domain.PhotoHeadshot)
	for _, name := range []string{"face", "face_size", "face_position", "eyes"} {
		if c := check(small, name); c.Status != photocheck.Pass {
			t.Errorf("native sample: %s = %s (%s)", name, c.Status, c.Detail)
		}
	}
	if c := check(small, "resolution"); c.Status != photocheck.Fail {
		t.Errorf("native sample 320×400: resolution %s", c.Status)
	}
}

// Book pictures are not held to the face rules.
func TestBookSkipsFaceRules(t *testing.T) {
	t.Parallel()
	r := photocheck.Analyze(photoLike(1600, 1200, 45), domain.PhotoBook)
	for _, name := range []string{"orientation", "face", "face_size", "face_position", "eyes"} {
		if c := check(r, name); c.Status != "missing" {
			t.Errorf("book picture ran %s", name)
		}
	}
	if r.Verdict != photocheck.Pass {
		t.Errorf("verdict %s:\n%s", r.Verdict, dump(r))
	}
}
