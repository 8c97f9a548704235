package media_test

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/gif"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/casting/media"
	"github.com/slatecasting/slate/internal/fixtures"
)

func process(t *testing.T, img image.Image, kind media.Kind) *media.Result {
	t.Helper()
	res, err := media.Process(bytes.NewReader(fixtures.JPEG(img, 92)), kind, media.ProcessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func check(r media.Report, name string) media.CheckResult {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return media.CheckResult{Name: name, Status: "missing"}
}

// framed draws img inside a solid frame of the given thickness (px).
func framed(img image.Image, top, side int, c color.Color) *image.NRGBA {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx()+2*side, b.Dy()+2*top))
	draw.Draw(out, out.Bounds(), &image.Uniform{c}, image.Point{}, draw.Src)
	draw.Draw(out, b.Add(image.Pt(side, top)), img, b.Min, draw.Src)
	return out
}

func TestChecks(t *testing.T) {
	t.Parallel()
	photo := fixtures.Photo(1600, 1200, 1)
	portrait := fixtures.Photo(1200, 1600, 2)
	headshot := fixtures.Headshot(1000, 1250)

	// screenshot: an exact iPhone screen with a flat black status bar.
	shot := imaging.Resize(fixtures.Photo(1170, 2532, 3), 1170, 2532, imaging.Box)
	draw.Draw(shot, image.Rect(0, 0, 1170, 110), &image.Uniform{color.Black}, image.Point{}, draw.Src)
	draw.Draw(shot, image.Rect(60, 40, 130, 70), &image.Uniform{color.White}, image.Point{}, draw.Src) // the clock

	twoFaces := imaging.New(2000, 1250, color.NRGBA{128, 128, 128, 255})
	twoFaces = imaging.Paste(twoFaces, headshot, image.Pt(0, 0))
	twoFaces = imaging.Paste(twoFaces, headshot, image.Pt(1000, 0))
	smallFace := imaging.PasteCenter(fixtures.Photo(2400, 3000, 4), fixtures.Headshot(240, 300))

	tests := []struct {
		name    string
		img     image.Image
		kind    media.Kind
		verdict string
		want    map[string]string // check name → status
		message string            // a fragment of a failing check's message
	}{
		{"sharp book photo", photo, media.KindBook, "pass", map[string]string{"resolution": "pass", "blur": "pass", "borders": "pass", "screenshot": "pass", "exposure": "pass", "face": "missing"}, ""},
		{"real headshot", headshot, media.KindHeadshot, "pass", map[string]string{"face": "pass", "orientation": "pass"}, ""},
		{"blurred", imaging.Blur(photo, 8), media.KindBook, "fail", map[string]string{"blur": "fail"}, "blurred: upload a sharp, professional photo"},
		{"white frame", framed(photo, 60, 60, color.White), media.KindBook, "fail", map[string]string{"borders": "fail"}, "must not have borders"},
		{"letterbox", framed(photo, 80, 0, color.Black), media.KindBook, "fail", map[string]string{"borders": "fail"}, "without a frame"},
		{"backdrop headshot is not a frame", headshot, media.KindHeadshot, "pass", map[string]string{"borders": "pass"}, ""},
		{"phone screenshot", shot, media.KindBook, "fail", map[string]string{"screenshot": "fail"}, "screenshot"},
		{"screen size alone", fixtures.Photo(1170, 2532, 5), media.KindBook, "pass", map[string]string{"screenshot": "warn"}, ""},
		{"tiny", fixtures.Photo(300, 400, 6), media.KindBook, "fail", map[string]string{"resolution": "fail"}, "too small"},
		{"small but usable", fixtures.Photo(640, 800, 7), media.KindBook, "pass", map[string]string{"resolution": "warn"}, ""},
		{"landscape headshot", imaging.Resize(headshot, 1600, 1000, imaging.Linear), media.KindHeadshot, "fail", map[string]string{"orientation": "fail"}, "vertical"},
		{"too dark", imaging.AdjustBrightness(portrait, -85), media.KindBook, "fail", map[string]string{"exposure": "fail"}, "too dark"},
		{"blown out", imaging.AdjustBrightness(portrait, 85), media.KindBook, "fail", map[string]string{"exposure": "fail"}, "overexposed"},
		{"no face", portrait, media.KindHeadshot, "fail", map[string]string{"face": "fail"}, "could not find a face"},
		{"two people", twoFaces, media.KindHeadshot, "fail", map[string]string{"face": "fail"}, "2 people"},
		{"face too small", smallFace, media.KindHeadshot, "fail", map[string]string{"face": "fail"}, "too small in the frame"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := process(t, tt.img, tt.kind).Report
			if r.Verdict != tt.verdict {
				t.Errorf("verdict %s, want %s: %+v", r.Verdict, tt.verdict, r.Checks)
			}
			for name, status := range tt.want {
				if c := check(r, name); c.Status != status {
					t.Errorf("%s = %s (%v, %s), want %s", name, c.Status, c.Value, c.Detail, status)
				}
			}
			if tt.message != "" {
				var msgs []string
				for _, c := range r.Checks {
					msgs = append(msgs, c.Message)
				}
				if !strings.Contains(strings.Join(msgs, " | "), tt.message) {
					t.Errorf("no message with %q in %q", tt.message, msgs)
				}
			}
		})
	}
}

func TestAnalyzeMatchesProcess(t *testing.T) {
	t.Parallel()
	img := fixtures.Photo(1200, 900, 9)
	a := media.Analyze(img, media.KindBook)
	p := process(t, img, media.KindBook).Report
	if a.Verdict != p.Verdict || len(a.Checks) != len(p.Checks) {
		t.Fatalf("Analyze %+v vs Process %+v", a, p)
	}
}

// pngHeader is a PNG signature and IHDR claiming w×h pixels, with no data.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestRefusedFiles(t *testing.T) {
	t.Parallel()
	good := fixtures.JPEG(fixtures.Photo(800, 1000, 10), 90)
	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 10, 10), []color.Color{color.Black}), nil); err != nil {
		t.Fatal(err)
	}
	lim := media.DefaultLimits()
	tests := []struct {
		name, code string
		data       []byte
		inspectOK  bool // the header alone is fine; only the full decode fails
	}{
		{"zero bytes", "empty", nil, false},
		{"truncated jpeg", "corrupt", good[:len(good)/2], true},
		{"pdf renamed .jpg", "unsupported", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), false},
		{"gif", "unsupported", gifBuf.Bytes(), false},
		{"heic", "unsupported", append([]byte{0, 0, 0, 0x18}, []byte("ftypheic\x00\x00\x00\x00mif1heic")...), false},
		{"pixel flood", "too_many_pixels", pngHeader(100000, 100000), false},
		{"garbage after a jpeg marker", "corrupt", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 2, 1, 2, 3}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := media.Inspect(bytes.NewReader(tt.data), lim)
			if tt.inspectOK {
				if err != nil {
					t.Fatalf("Inspect: %v", err)
				}
			} else {
				assertUploadError(t, err, tt.code)
			}
			_, err = media.Process(bytes.NewReader(tt.data), media.KindBook, media.ProcessOptions{})
			assertUploadError(t, err, tt.code)
		})
	}
	if err := media.CheckSize(21<<20, lim); !strings.Contains(errString(err), "up to 20.0 MB") {
		t.Errorf("oversized: %v", err)
	}
	if err := media.CheckSize(0, lim); err == nil {
		t.Error("zero bytes accepted")
	}
	info, err := media.Inspect(bytes.NewReader(good), lim)
	if err != nil || info.ContentType != "image/jpeg" || info.Width != 800 || info.Height != 1000 {
		t.Fatalf("Inspect(good) = %+v, %v", info, err)
	}
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func assertUploadError(t *testing.T, err error, code string) {
	t.Helper()
	var ue *media.UploadError
	if !errors.As(err, &ue) {
		t.Fatalf("error = %v, want an UploadError %s", err, code)
	}
	if ue.Code != code || ue.Message == "" {
		t.Fatalf("UploadError = %+v, want code %s", ue, code)
	}
	if !media.IsPermanent(err) {
		t.Fatal("not permanent")
	}
}

// withOrientation inserts an EXIF APP1 segment with the Orientation tag.
func withOrientation(jpg []byte, o uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a\x00\x00\x00\x08")
	binary.Write(&tiff, binary.BigEndian, uint16(1))                       // one entry
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3, 0, 1, o, 0}) // tag, SHORT, count 1, value
	binary.Write(&tiff, binary.BigEndian, uint32(0))                       // no next IFD
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

func TestExifOrientationAndStripping(t *testing.T) {
	t.Parallel()
	// A portrait taken with the phone on its side: stored 1600×1200,
	// Orientation=6 says "rotate 90° clockwise to view".
	stored := fixtures.Photo(1600, 1200, 11)
	draw.Draw(stored, image.Rect(0, 0, 100, 100), &image.Uniform{color.NRGBA{255, 0, 0, 255}}, image.Point{}, draw.Src)
	data := withOrientation(fixtures.JPEG(stored, 92), 6)
	if !bytes.Contains(data, []byte("Exif\x00\x00")) {
		t.Fatal("test setup: no EXIF")
	}
	res, err := media.Process(bytes.NewReader(data), media.KindBook, media.ProcessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Width != 1200 || res.Height != 1600 {
		t.Fatalf("oriented size = %d×%d, want 1200×1600", res.Width, res.Height)
	}
	for name, v := range map[string][]byte{"display": res.Display, "thumb": res.Thumb} {
		if bytes.Contains(v, []byte("Exif")) {
			t.Errorf("%s variant still carries EXIF", name)
		}
		img, err := imaging.Decode(bytes.NewReader(v))
		if err != nil {
			t.Fatal(err)
		}
		b := img.Bounds()
		if b.Dx() >= b.Dy() {
			t.Errorf("%s variant is %d×%d: not rotated upright", name, b.Dx(), b.Dy())
		}
		// The red corner (top-left as stored) is top-right once rotated clockwise.
		r, g, _, _ := img.At(b.Max.X-3, b.Min.Y+3).RGBA()
		if r>>8 < 200 || g>>8 > 60 {
			t.Errorf("%s variant: top-right pixel is not the red corner", name)
		}
	}
	if d, _ := imaging.Decode(bytes.NewReader(res.Display)); max(d.Bounds().Dx(), d.Bounds().Dy()) > 1600 {
		t.Error("display variant larger than 1600 px")
	}
	if d, _ := imaging.Decode(bytes.NewReader(res.Thumb)); max(d.Bounds().Dx(), d.Bounds().Dy()) > 480 {
		t.Error("thumbnail larger than 480 px")
	}
}

func TestCheckFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := filepath.Join(dir, "headshot.jpg")
	bad := filepath.Join(dir, "notes.jpg")
	os.WriteFile(good, fixtures.JPEG(fixtures.Headshot(1000, 1250), 90), 0o644)
	os.WriteFile(bad, []byte("just text"), 0o644)
	var out bytes.Buffer
	if err := media.CheckFiles([]string{good, bad, filepath.Join(dir, "missing.jpg")}, media.KindHeadshot, media.DefaultLimits(), &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines:\n%s", len(lines), out.String())
	}
	var reports []media.FileReport
	for _, l := range lines {
		var fr media.FileReport
		if err := json.Unmarshal([]byte(l), &fr); err != nil {
			t.Fatalf("not JSON: %s", l)
		}
		reports = append(reports, fr)
	}
	if reports[0].Verdict != "pass" || len(reports[0].Checks) == 0 || reports[0].Width != 1000 {
		t.Errorf("good file: %+v", reports[0])
	}
	if reports[1].Verdict != "error" || !strings.Contains(reports[1].Error, "not a JPEG") {
		t.Errorf("text file: %+v", reports[1])
	}
	if reports[2].Verdict != "error" {
		t.Errorf("missing file: %+v", reports[2])
	}
}
