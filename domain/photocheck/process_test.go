package photocheck_test

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"slices"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

// decodeJPEG decodes a variant, failing the test if it is not a JPEG.
func decodeJPEG(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	if !bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}) {
		t.Fatalf("%s variant is not a JPEG", name)
	}
	img, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s variant: %v", name, err)
	}
	return img
}

func TestProcessRefuses(t *testing.T) {
	t.Parallel()
	good := jpegOf(t, photoLike(1200, 1600, 4), 90)
	var gifHead = []byte("GIF89a\x0a\x00\x0a\x00\x00\x00\x00;")
	tests := []struct {
		name, code string
		data       []byte
		opt        photocheck.ProcessOptions
	}{
		{"zero bytes", photocheck.CodeEmpty, nil, photocheck.ProcessOptions{}},
		{"truncated jpeg (first half)", photocheck.CodeCorrupt, good[:len(good)/2], photocheck.ProcessOptions{}},
		{"truncated jpeg (first third)", photocheck.CodeCorrupt, good[:len(good)/3], photocheck.ProcessOptions{}},
		{"jpeg body garbled", photocheck.CodeCorrupt, append(append([]byte{}, good[:len(good)/2]...), bytes.Repeat([]byte{0xFF, 0x00, 0xFF, 0xD9}, 64)...), photocheck.ProcessOptions{}},
		{"pdf renamed .jpg", photocheck.CodeUnsupported, []byte("%PDF-1.4\n1 0 obj"), photocheck.ProcessOptions{}},
		{"gif renamed .jpg", photocheck.CodeUnsupported, gifHead, photocheck.ProcessOptions{}},
		{"pixel flood", photocheck.CodeTooManyPixels, pngHeader(100000, 100000), photocheck.ProcessOptions{}},
		{"too many bytes", photocheck.CodeTooLarge, good, photocheck.ProcessOptions{Limits: photocheck.Limits{MaxBytes: int64(len(good)) - 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res, err := photocheck.Process(bytes.NewReader(tt.data), domain.PhotoBook, tt.opt)
			if res != nil {
				t.Fatal("a refused file returned a result")
			}
			assertUploadError(t, err, tt.code)
		})
	}
}

// Degenerate but valid pictures are judged, not crashed on.
func TestProcessDegenerateSizes(t *testing.T) {
	t.Parallel()
	for _, size := range []image.Point{{1, 1}, {3000, 2}, {2, 3000}, {17, 9}} {
		img := texture(size.X, size.Y, 60)
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		for _, kind := range []domain.PhotoKind{domain.PhotoBook, domain.PhotoHeadshot} {
			res, err := photocheck.Process(bytes.NewReader(buf.Bytes()), kind, photocheck.ProcessOptions{})
			if err != nil {
				t.Fatalf("%v %s: %v", size, kind, err)
			}
			if res.Report.Verdict != photocheck.Fail || check(res.Report, "resolution").Status != photocheck.Fail {
				t.Errorf("%v %s: %s", size, kind, dump(res.Report))
			}
			if got := decodeJPEG(t, "thumb", res.Thumb).Bounds().Size(); max(got.X, got.Y) > photocheck.DefaultThumbMax || got.X < 1 || got.Y < 1 {
				t.Errorf("%v: thumbnail %v", size, got)
			}
		}
	}
}

func TestProcessReaderErrorIsRetryable(t *testing.T) {
	t.Parallel()
	good := jpegOf(t, photoLike(600, 800, 5), 90)
	_, err := photocheck.Process(&failingReader{data: good[:1000]}, domain.PhotoBook, photocheck.ProcessOptions{})
	if err == nil || photocheck.IsPermanent(err) {
		t.Fatalf("a failing reader gave %v: want a plain, retryable error", err)
	}
}

func TestProcessVariants(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name           string
		w, h           int
		opt            photocheck.ProcessOptions
		display, thumb image.Point
	}{
		{"large portrait", 1800, 2250, photocheck.ProcessOptions{}, image.Pt(1280, 1600), image.Pt(384, 480)},
		{"large landscape", 2100, 1400, photocheck.ProcessOptions{}, image.Pt(1600, 1067), image.Pt(480, 320)},
		{"smaller than the display size", 900, 600, photocheck.ProcessOptions{}, image.Pt(900, 600), image.Pt(480, 320)},
		{"smaller than the thumbnail", 400, 300, photocheck.ProcessOptions{}, image.Pt(400, 300), image.Pt(400, 300)},
		{"custom sizes", 1000, 1000, photocheck.ProcessOptions{DisplayMax: 800, ThumbMax: 100}, image.Pt(800, 800), image.Pt(100, 100)},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := withOrientation(jpegOf(t, photoLike(tt.w, tt.h, uint64(10+i)), 92), 1)
			if !hasMetadata(in) {
				t.Fatal("test setup: the upload has no EXIF")
			}
			res, err := photocheck.Process(bytes.NewReader(in), domain.PhotoBook, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if res.Width != tt.w || res.Height != tt.h {
				t.Errorf("size %d×%d, want %d×%d", res.Width, res.Height, tt.w, tt.h)
			}
			want := map[string]image.Point{
				"original": image.Pt(tt.w, tt.h), "display": tt.display, "thumb": tt.thumb,
			}
			variants := variantsOf(res)
			if len(variants) != 3 {
				t.Fatalf("variants %v", len(variants))
			}
			for name, data := range variants {
				img := decodeJPEG(t, name, data)
				if got := img.Bounds().Size(); got != want[name] {
					t.Errorf("%s variant is %v, want %v", name, got, want[name])
				}
				if hasMetadata(data) {
					t.Errorf("%s variant still carries metadata", name)
				}
			}
			if res.Report.Kind != domain.PhotoBook || len(res.Report.Checks) == 0 {
				t.Errorf("report %+v", res.Report)
			}
		})
	}
}

// The stored top-left corner is painted red; where it must end up once
// the picture is upright, for each EXIF orientation.
func TestProcessEXIFOrientation(t *testing.T) {
	t.Parallel()
	const w, h = 800, 600
	stored := photoLike(w, h, 20)
	fill(stored, image.Rect(0, 0, 100, 100), color.NRGBA{230, 20, 20, 255})
	plain := jpegOf(t, stored, 92)
	corners := map[string]func(b image.Rectangle) image.Point{
		"top-left":     func(b image.Rectangle) image.Point { return image.Pt(b.Min.X+4, b.Min.Y+4) },
		"top-right":    func(b image.Rectangle) image.Point { return image.Pt(b.Max.X-5, b.Min.Y+4) },
		"bottom-right": func(b image.Rectangle) image.Point { return image.Pt(b.Max.X-5, b.Max.Y-5) },
		"bottom-left":  func(b image.Rectangle) image.Point { return image.Pt(b.Min.X+4, b.Max.Y-5) },
	}
	tests := []struct {
		o      uint16
		w, h   int
		corner string
	}{
		{1, w, h, "top-left"},
		{2, w, h, "top-right"},    // mirrored
		{3, w, h, "bottom-right"}, // upside down
		{4, w, h, "bottom-left"},  // flipped
		{5, h, w, "top-left"},     // transposed
		{6, h, w, "top-right"},    // phone held upright: rotate 90° clockwise
		{7, h, w, "bottom-right"}, // transverse
		{8, h, w, "bottom-left"},  // rotate 90° counter-clockwise
	}
	for _, tt := range tests {
		t.Run(tt.corner+string(rune('0'+tt.o)), func(t *testing.T) {
			t.Parallel()
			in := withOrientation(plain, tt.o)
			res, err := photocheck.Process(bytes.NewReader(in), domain.PhotoBook, photocheck.ProcessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Width != tt.w || res.Height != tt.h {
				t.Fatalf("orientation %d: %d×%d, want %d×%d", tt.o, res.Width, res.Height, tt.w, tt.h)
			}
			for name, data := range variantsOf(res) {
				if hasMetadata(data) {
					t.Errorf("%s variant carries EXIF", name)
				}
				img := decodeJPEG(t, name, data)
				b := img.Bounds()
				if (b.Dx() > b.Dy()) != (tt.w > tt.h) {
					t.Errorf("%s variant is %v: not upright", name, b.Size())
				}
				for corner, at := range corners {
					r, g, _, _ := img.At(at(b).X, at(b).Y).RGBA()
					red := r>>8 > 180 && g>>8 < 90
					if red != (corner == tt.corner) {
						t.Errorf("orientation %d, %s variant: red at %s = %v", tt.o, name, corner, red)
					}
				}
			}
		})
	}
}

func TestProcessFlattensTransparency(t *testing.T) {
	t.Parallel()
	img := photoLike(600, 750, 21)
	fill(img, image.Rect(0, 0, 600, 150), color.NRGBA{0, 0, 0, 0})       // transparent band
	fill(img, image.Rect(0, 650, 600, 750), color.NRGBA{0, 0, 255, 128}) // half-transparent blue
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	res, err := photocheck.Process(bytes.NewReader(buf.Bytes()), domain.PhotoBook, photocheck.ProcessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	out := decodeJPEG(t, "original", res.Original)
	if r, g, b, _ := out.At(300, 75).RGBA(); r>>8 < 245 || g>>8 < 245 || b>>8 < 245 {
		t.Errorf("transparent area is (%d, %d, %d), want white", r>>8, g>>8, b>>8)
	}
	if r, g, b, _ := out.At(300, 700).RGBA(); r>>8 < 110 || r>>8 > 145 || b>>8 < 240 || g>>8 > 145 {
		t.Errorf("half-transparent blue is (%d, %d, %d), want light blue", r>>8, g>>8, b>>8)
	}
}

func TestProcessWebP(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"blue-purple-pink.lossy.webp", "yellow_rose.lossy-with-alpha.webp"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile("testdata/" + name)
			if err != nil {
				t.Fatal(err)
			}
			info, err := photocheck.Inspect(bytes.NewReader(data), photocheck.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			res, err := photocheck.Process(bytes.NewReader(data), domain.PhotoBook, photocheck.ProcessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if res.Width != info.Width || res.Height != info.Height {
				t.Errorf("size %d×%d, header says %d×%d", res.Width, res.Height, info.Width, info.Height)
			}
			if got := decodeJPEG(t, "original", res.Original).Bounds().Size(); got != image.Pt(info.Width, info.Height) {
				t.Errorf("original variant %v", got)
			}
			// Both files are small: the resolution check must say so.
			if c := check(res.Report, "resolution"); c.Status != photocheck.Fail || res.Report.Verdict != photocheck.Fail {
				t.Errorf("resolution %+v, verdict %s", c, res.Report.Verdict)
			}
		})
	}
}

// Process and Analyze must judge a picture alike: the command line and
// the worker run the same checks.
func TestAnalyzeMatchesProcess(t *testing.T) {
	t.Parallel()
	for _, kind := range []domain.PhotoKind{domain.PhotoBook, domain.PhotoHeadshot} {
		data := jpegOf(t, portrait(t, 1000, 1250), 92)
		img, err := jpeg.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		a := photocheck.Analyze(img, kind)
		res, err := photocheck.Process(bytes.NewReader(data), kind, photocheck.ProcessOptions{})
		if err != nil {
			t.Fatal(err)
		}
		p := res.Report
		if a.Verdict != p.Verdict || a.Kind != kind || p.Kind != kind || len(a.Checks) != len(p.Checks) {
			t.Fatalf("%s: Analyze %+v\nProcess %+v", kind, a, p)
		}
		for i := range a.Checks {
			ac, pc := a.Checks[i], p.Checks[i]
			if ac.Name != pc.Name || ac.Status != pc.Status {
				t.Errorf("%s: check %d: Analyze %s %s, Process %s %s", kind, i, ac.Name, ac.Status, pc.Name, pc.Status)
			}
			if ac.Name != "eyes" && ac.Value != pc.Value { // puploc perturbs at random
				t.Errorf("%s: %s value: Analyze %v, Process %v", kind, ac.Name, ac.Value, pc.Value)
			}
		}
		names := []string{}
		for _, c := range p.Checks {
			names = append(names, c.Name)
		}
		want := []string{"resolution", "blur", "borders", "screenshot", "exposure"}
		if kind == domain.PhotoHeadshot {
			want = []string{"resolution", "orientation", "blur", "borders", "screenshot", "exposure", "face", "face_size", "face_position", "eyes"}
		}
		if !slices.Equal(names, want) {
			t.Errorf("%s checks %v, want %v", kind, names, want)
		}
	}
}
