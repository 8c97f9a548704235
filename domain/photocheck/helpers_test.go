package photocheck_test

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain/photocheck"
)

// The test pictures are generated, except the real portrait in testdata
// (see testdata/README.md).

var (
	sampleOnce sync.Once
	sampleImg  image.Image
)

// sample is pigo's real portrait: 320×400, one face, light backdrop.
func sample(t testing.TB) image.Image {
	t.Helper()
	sampleOnce.Do(func() {
		data, err := os.ReadFile("testdata/sample.jpg")
		if err != nil {
			return
		}
		sampleImg, _ = jpeg.Decode(bytes.NewReader(data))
	})
	if sampleImg == nil {
		t.Fatal("testdata/sample.jpg cannot be read")
	}
	return sampleImg
}

// portrait is the real portrait enlarged to a headshot size that passes
// the resolution check (as a photographer's export would be).
func portrait(t testing.TB, w, h int) *image.NRGBA {
	return imaging.Resize(sample(t), w, h, imaging.Lanczos)
}

// photoLike is a w×h photo-like picture: smooth lighting gradients, a
// horizon, hard-edged shapes and sensor-like grain. Sharp, well exposed,
// no flat edge, no face. seed varies it.
func photoLike(w, h int, seed uint64) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, seed*7919+1))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	hue := rng.Float64()
	sky, ground := hsv(hue, 0.35, 0.85), hsv(math.Mod(hue+0.3, 1), 0.45, 0.45)
	horizon := h/2 + rng.IntN(h/5) - h/10
	for y := 0; y < h; y++ {
		base, t := sky, float64(y)/float64(horizon)
		if y >= horizon {
			base, t = ground, float64(y-horizon)/float64(h-horizon)
		}
		row := img.Pix[y*img.Stride:]
		for x := 0; x < w; x++ {
			shade := 0.85 + 0.15*t + 0.1*math.Sin(float64(x)/float64(w)*math.Pi)
			n := rng.NormFloat64() * 6
			p := row[4*x : 4*x+4]
			p[0], p[1], p[2], p[3] = clamp(float64(base.R)*shade+n), clamp(float64(base.G)*shade+n), clamp(float64(base.B)*shade+n), 255
		}
	}
	for i := 0; i < 14; i++ {
		c := hsv(rng.Float64(), 0.6, 0.3+0.6*rng.Float64())
		cx, cy, r := rng.IntN(w), rng.IntN(h), (w+h)/(12+rng.IntN(20))
		for y := max(0, cy-r); y < min(h, cy+r); y++ {
			for x := max(0, cx-r); x < min(w, cx+r); x++ {
				if (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r || i%3 == 0 {
					o := img.PixOffset(x, y)
					n := rng.NormFloat64() * 4
					img.Pix[o], img.Pix[o+1], img.Pix[o+2] = clamp(float64(c.R)+n), clamp(float64(c.G)+n), clamp(float64(c.B)+n)
				}
			}
		}
	}
	return img
}

// texture is a sharp high-frequency grey texture: 2×2 random blocks.
func texture(w, h int, seed uint64) *image.NRGBA {
	rng := rand.New(rand.NewPCG(seed, 99))
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y += 2 {
		for x := 0; x < w; x += 2 {
			v := uint8(40 + rng.IntN(176))
			for dy := 0; dy < 2 && y+dy < h; dy++ {
				for dx := 0; dx < 2 && x+dx < w; dx++ {
					o := img.PixOffset(x+dx, y+dy)
					img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = v, v, v, 255
				}
			}
		}
	}
	return img
}

func clamp(v float64) uint8 { return uint8(math.Max(0, math.Min(255, v))) }

func hsv(h, s, v float64) color.NRGBA {
	i := math.Floor(h * 6)
	f := h*6 - i
	p, q, t := v*(1-s), v*(1-f*s), v*(1-(1-f)*s)
	rgb := [6][3]float64{{v, t, p}, {q, v, p}, {p, v, t}, {p, q, v}, {t, p, v}, {v, p, q}}[int(i)%6]
	return color.NRGBA{uint8(rgb[0] * 255), uint8(rgb[1] * 255), uint8(rgb[2] * 255), 255}
}

// jpegOf encodes a picture at quality q.
func jpegOf(t testing.TB, img image.Image, q int) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// framed draws img inside a solid frame: top/bottom and left/right
// thickness in pixels.
func framed(img image.Image, top, side int, c color.Color) *image.NRGBA {
	b := img.Bounds()
	out := image.NewNRGBA(image.Rect(0, 0, b.Dx()+2*side, b.Dy()+2*top))
	draw.Draw(out, out.Bounds(), &image.Uniform{c}, image.Point{}, draw.Src)
	draw.Draw(out, b.Sub(b.Min).Add(image.Pt(side, top)), img, b.Min, draw.Src)
	return out
}

// fill paints r of img in c.
func fill(img draw.Image, r image.Rectangle, c color.Color) {
	draw.Draw(img, r, &image.Uniform{c}, image.Point{}, draw.Src)
}

// withOrientation inserts an EXIF APP1 segment whose IFD0 holds the
// Orientation tag, as a phone writes it, right after the SOI marker.
func withOrientation(jpg []byte, o uint16) []byte {
	var tiff bytes.Buffer
	tiff.WriteString("MM\x00\x2a\x00\x00\x00\x08")
	binary.Write(&tiff, binary.BigEndian, uint16(2))                       // two entries
	binary.Write(&tiff, binary.BigEndian, []uint16{0x010F, 2, 0, 4})       // Make, ASCII, count 4, offset…
	binary.Write(&tiff, binary.BigEndian, uint32(38))                      // …to "Cam\0" after the IFD
	binary.Write(&tiff, binary.BigEndian, []uint16{0x0112, 3, 0, 1, o, 0}) // Orientation, SHORT, count 1, value
	binary.Write(&tiff, binary.BigEndian, uint32(0))                       // no next IFD
	tiff.WriteString("Cam\x00")                                            // at offset 8+2+24+4 = 38
	payload := append([]byte("Exif\x00\x00"), tiff.Bytes()...)
	seg := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(seg[2:], uint16(len(payload)+2))
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, jpg[2:]...)
}

// pngHeader is a PNG signature and a valid IHDR claiming w×h RGBA pixels,
// with no image data: what a pixel-flood attack sends.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

// check finds a check by name in a report ("missing" if absent).
// expectReport checks a report's verdict, the status of each named check
// in want, and that one of its messages says says.
func expectReport(t *testing.T, r photocheck.Report, verdict string, want map[string]string, says string) {
	t.Helper()
	if r.Verdict != verdict {
		t.Errorf("verdict %s, want %s:\n%s", r.Verdict, verdict, dump(r))
	}
	for name, status := range want {
		if c := check(r, name); c.Status != status {
			t.Errorf("%s = %s (value %v, %s), want %s", name, c.Status, c.Value, c.Detail, status)
		}
	}
	if !strings.Contains(messages(r), says) {
		t.Errorf("no message with %q in %q", says, messages(r))
	}
}

func check(r photocheck.Report, name string) photocheck.CheckResult {
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	return photocheck.CheckResult{Name: name, Status: "missing"}
}

// messages joins every check's message.
func messages(r photocheck.Report) string {
	var m []string
	for _, c := range r.Checks {
		m = append(m, c.Message)
	}
	return strings.Join(m, " | ")
}

// markers lists the marker segments of a JPEG up to the start of scan.
func markers(jpg []byte) []byte {
	var out []byte
	for i := 2; i+4 <= len(jpg) && jpg[i] == 0xFF; {
		m := jpg[i+1]
		out = append(out, m)
		if m == 0xDA {
			break
		}
		i += 2 + int(binary.BigEndian.Uint16(jpg[i+2:]))
	}
	return out
}

// hasMetadata reports whether a JPEG carries an APP1 (EXIF, XMP) segment
// or the EXIF signature anywhere.
func hasMetadata(jpg []byte) bool {
	return bytes.IndexByte(markers(jpg), 0xE1) >= 0 || bytes.Contains(jpg, []byte("Exif\x00\x00"))
}

// variantsOf names a result's three pictures, for tests that check each.
func variantsOf(r *photocheck.Result) map[string][]byte {
	return map[string][]byte{"original": r.Original, "display": r.Display, "thumb": r.Thumb}
}
