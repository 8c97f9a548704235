package photocheck_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

// screenshot is a w×h phone capture: a photo under a flat status bar
// with a clock and a battery icon.
func screenshot(w, h int, bar color.Color) *image.NRGBA {
	img := photoLike(w, h, 30)
	barH := h * 45 / 1000
	fill(img, image.Rect(0, 0, w, barH), bar)
	fill(img, image.Rect(w/12, barH/3, w/12+w/16, 2*barH/3), color.White)       // the clock
	fill(img, image.Rect(w-w/8, barH/3, w-w/8+w/20, 2*barH/3), color.White)     // the battery
	fill(img, image.Rect(w-w/4, barH/3, w-w/4+w/40, 2*barH/3), color.Gray{200}) // the signal
	return img
}

// cutOut is a headshot-like silhouette (a head and shoulders in textured
// tones) on a perfectly flat white backdrop, as a studio cut-out is:
// flat along the top and sides, yet not framed.
func cutOut(w, h int) *image.NRGBA {
	img := imaging.New(w, h, color.White)
	tex := photoLike(w, h, 31)
	in := func(x, y int) bool {
		hx, hy := float64(x-w/2)/(0.26*float64(w)), float64(y-int(0.42*float64(h)))/(0.28*float64(h))
		if hx*hx+hy*hy <= 1 {
			return true
		}
		sx, sy := float64(x-w/2)/(0.47*float64(w)), float64(y-h)/(0.35*float64(h))
		return sx*sx+sy*sy <= 1
	}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if in(x, y) {
				o := img.PixOffset(x, y)
				copy(img.Pix[o:o+4], tex.Pix[o:o+4])
			}
		}
	}
	return img
}

// withFaceOn pastes the real portrait (scaled to fit h) centred on a
// photo-like w×h background.
func withFaceOn(t *testing.T, w, h int) *image.NRGBA {
	bg := photoLike(w, h, 32)
	face := portrait(t, h*4/5, h)
	return imaging.PasteCenter(bg, face)
}

func TestChecks(t *testing.T) {
	t.Parallel()
	photo := photoLike(1250, 1000, 1)
	upright := photoLike(1000, 1250, 2)
	tex := texture(1000, 1250, 3)
	face := portrait(t, 1000, 1250)

	twoSides := imaging.Clone(photo)
	fill(twoSides, image.Rect(0, 0, 1250, 50), color.Black)
	fill(twoSides, image.Rect(0, 0, 50, 1000), color.Black)
	oneSide := imaging.Clone(photo)
	fill(oneSide, image.Rect(0, 930, 1250, 1000), color.NRGBA{20, 40, 160, 255})

	sky := photoLike(750, 1334, 9)
	fill(sky, image.Rect(0, 0, 750, 200), color.NRGBA{150, 190, 235, 255})

	tests := []struct {
		name    string
		img     image.Image
		kind    domain.PhotoKind
		verdict string
		want    map[string]string // check name → status ("missing" if not run)
		says    string            // a fragment of a message
	}{
		{"sharp photo", photo, domain.PhotoBook, photocheck.Pass,
			map[string]string{"resolution": "pass", "blur": "pass", "borders": "pass", "screenshot": "pass", "exposure": "pass", "orientation": "missing", "face": "missing"}, ""},
		{"sharp texture", tex, domain.PhotoBook, photocheck.Pass, map[string]string{"blur": "pass"}, ""},
		{"blurred texture", imaging.Blur(tex, 5), domain.PhotoBook, photocheck.Fail, map[string]string{"blur": "fail"},
			"The picture is blurred: upload a sharp, professional photo."},
		{"blurred photo", imaging.Blur(upright, 5), domain.PhotoBook, photocheck.Fail, map[string]string{"blur": "fail"}, "blurred"},
		{"blurred portrait", imaging.Blur(face, 5), domain.PhotoHeadshot, photocheck.Fail, map[string]string{"blur": "fail"}, "blurred"},
		{"white frame", framed(photo, 50, 50, color.White), domain.PhotoBook, photocheck.Fail, map[string]string{"borders": "fail"},
			"Pictures must not have borders: upload the photo without a frame."},
		{"thin black frame", framed(upright, 30, 30, color.Black), domain.PhotoBook, photocheck.Fail, map[string]string{"borders": "fail"}, "without a frame"},
		{"letterbox", framed(photo, 120, 0, color.Black), domain.PhotoBook, photocheck.Fail, map[string]string{"borders": "fail"}, "borders"},
		{"frame on two sides", twoSides, domain.PhotoBook, photocheck.Fail, map[string]string{"borders": "fail"}, "borders"},
		{"band along one edge", oneSide, domain.PhotoBook, photocheck.Pass, map[string]string{"borders": "warn"}, "bottom edge"},
		{"flat studio backdrop is not a frame", cutOut(1000, 1250), domain.PhotoBook, photocheck.Pass, map[string]string{"borders": "pass"}, ""},
		{"real portrait's backdrop is not a frame", face, domain.PhotoHeadshot, photocheck.Pass, map[string]string{"borders": "pass"}, ""},
		{"iPhone screenshot", screenshot(1170, 2532, color.Black), domain.PhotoBook, photocheck.Fail, map[string]string{"screenshot": "fail"},
			"This looks like a screenshot from a phone or tablet: upload the original photo."},
		{"Android screenshot, light bar", screenshot(720, 1600, color.NRGBA{240, 240, 245, 255}), domain.PhotoBook, photocheck.Fail, map[string]string{"screenshot": "fail"}, "screenshot"},
		{"landscape iPad screenshot", imaging.Rotate90(screenshot(768, 1024, color.Black)), domain.PhotoBook, photocheck.Pass, map[string]string{"screenshot": "warn"}, ""},
		{"screen size alone", photoLike(750, 1334, 5), domain.PhotoBook, photocheck.Pass, map[string]string{"screenshot": "warn"}, "exact size of a phone"},
		{"screen size with a plain sky, no status bar", sky, domain.PhotoBook, photocheck.Pass, map[string]string{"screenshot": "warn"}, ""},
		{"status bar without a screen size", screenshot(760, 1334, color.Black), domain.PhotoBook, photocheck.Pass, map[string]string{"screenshot": "pass"}, ""},
		{"tiny", photoLike(300, 400, 6), domain.PhotoBook, photocheck.Fail, map[string]string{"resolution": "fail"}, "too small (300 × 400 pixels)"},
		{"small but usable", photoLike(640, 800, 7), domain.PhotoBook, photocheck.Pass, map[string]string{"resolution": "warn"}, "a little small"},
		{"landscape headshot", withFaceOn(t, 1600, 1000), domain.PhotoHeadshot, photocheck.Fail, map[string]string{"orientation": "fail", "face": "pass"},
			"A headshot is a portrait"},
		{"landscape book photo", photo, domain.PhotoBook, photocheck.Pass, map[string]string{"orientation": "missing"}, ""},
		{"too dark", imaging.AdjustBrightness(upright, -80), domain.PhotoBook, photocheck.Fail, map[string]string{"exposure": "fail"}, "too dark"},
		{"blown out", imaging.AdjustBrightness(upright, 80), domain.PhotoBook, photocheck.Fail, map[string]string{"exposure": "fail"}, "overexposed"},
		{"rather dim", imaging.AdjustBrightness(upright, -25), domain.PhotoBook, photocheck.Pass, map[string]string{"exposure": "warn"}, "rather dark"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			expectReport(t, photocheck.Analyze(tt.img, tt.kind), tt.verdict, tt.want, tt.says)
		})
	}
}

func dump(r photocheck.Report) string {
	b, _ := json.MarshalIndent(r, "", "  ")
	return string(b)
}

func TestCheckBoundaries(t *testing.T) {
	t.Parallel()
	tests := []struct {
		w, h   int
		kind   domain.PhotoKind
		check  string
		status string
	}{
		{499, 700, domain.PhotoBook, "resolution", photocheck.Fail},
		{500, 700, domain.PhotoBook, "resolution", photocheck.Warn},
		{999, 1300, domain.PhotoBook, "resolution", photocheck.Warn},
		{1000, 1300, domain.PhotoBook, "resolution", photocheck.Pass},
		{1300, 1000, domain.PhotoBook, "resolution", photocheck.Pass},
		{1050, 1000, domain.PhotoHeadshot, "orientation", photocheck.Pass}, // square-ish
		{1060, 1000, domain.PhotoHeadshot, "orientation", photocheck.Fail},
		{1000, 1000, domain.PhotoHeadshot, "orientation", photocheck.Pass},
	}
	for _, tt := range tests {
		r := photocheck.Analyze(texture(tt.w, tt.h, 7), tt.kind)
		if c := check(r, tt.check); c.Status != tt.status {
			t.Errorf("%d×%d %s: %s = %s (%v), want %s", tt.w, tt.h, tt.kind, tt.check, c.Status, c.Value, tt.status)
		}
	}
}

// The report is stored as JSON and read back by the web handlers.
func TestReportJSON(t *testing.T) {
	t.Parallel()
	r := photocheck.Analyze(photoLike(300, 400, 8), domain.PhotoBook)
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"kind":"book"`, `"verdict":"fail"`, `"checks":[`, `"name":"resolution"`, `"status":"fail"`, `"message":"`, `"value":300`, `"detail":"300 × 400 px"`} {
		if !bytes.Contains(data, []byte(key)) {
			t.Errorf("JSON lacks %s: %s", key, data)
		}
	}
	var back photocheck.Report
	if err := json.Unmarshal(data, &back); err != nil || back.Verdict != r.Verdict || len(back.Checks) != len(r.Checks) {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
	for _, c := range r.Checks {
		if c.Message == "" {
			t.Errorf("%s has no message", c.Name)
		}
		if c.Status != photocheck.Pass && !strings.Contains(c.Message, ":") {
			t.Errorf("%s message %q does not say what to do", c.Name, c.Message)
		}
	}
}
