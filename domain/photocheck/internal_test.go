package photocheck

import (
	"bytes"
	"encoding/binary"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/disintegration/imaging"
)

func randomYCbCr(w, h int, ratio image.YCbCrSubsampleRatio, seed uint64) *image.YCbCr {
	rng := rand.New(rand.NewPCG(seed, 1))
	m := image.NewYCbCr(image.Rect(0, 0, w, h), ratio)
	for _, p := range [][]byte{m.Y, m.Cb, m.Cr} {
		for i := range p {
			p[i] = uint8(rng.IntN(256))
		}
	}
	return m
}

// The plane transforms must show a picture exactly as imaging's
// AutoOrientation does, for every EXIF orientation.
func TestOrientMatchesImaging(t *testing.T) {
	t.Parallel()
	ref := map[int]func(image.Image) *image.NRGBA{
		1: imaging.Clone, 2: imaging.FlipH, 3: imaging.Rotate180, 4: imaging.FlipV,
		5: imaging.Transpose, 6: imaging.Rotate270, 7: imaging.Transverse, 8: imaging.Rotate90,
	}
	gray := image.NewGray(image.Rect(0, 0, 7, 5))
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i * 7)
	}
	rgba := image.NewRGBA(image.Rect(0, 0, 5, 3))
	for i := range rgba.Pix {
		rgba.Pix[i] = uint8(i * 5)
		if i%4 == 3 {
			rgba.Pix[i] = 0xFF
		}
	}
	pictures := map[string]image.Image{
		"ycbcr 4:4:4 odd size":   randomYCbCr(7, 5, image.YCbCrSubsampleRatio444, 1),
		"ycbcr 4:2:0":            randomYCbCr(8, 6, image.YCbCrSubsampleRatio420, 2),
		"ycbcr 4:2:2":            randomYCbCr(8, 6, image.YCbCrSubsampleRatio422, 3),
		"ycbcr 4:4:0":            randomYCbCr(8, 6, image.YCbCrSubsampleRatio440, 4),
		"ycbcr 4:1:1 (fallback)": randomYCbCr(8, 6, image.YCbCrSubsampleRatio411, 5),
		"gray":                   gray,
		"rgba":                   rgba,
	}
	for name, img := range pictures {
		for o := 1; o <= 8; o++ {
			got := orient(img, o)
			want := ref[o](img)
			if got.Bounds() != want.Bounds() {
				t.Fatalf("%s, orientation %d: bounds %v, want %v", name, o, got.Bounds(), want.Bounds())
			}
			for y := 0; y < want.Rect.Dy(); y++ {
				for x := 0; x < want.Rect.Dx(); x++ {
					g := color.NRGBAModel.Convert(got.At(x, y)).(color.NRGBA)
					if w := want.NRGBAAt(x, y); g != w {
						t.Fatalf("%s, orientation %d: pixel (%d, %d) = %v, want %v", name, o, x, y, g, w)
					}
				}
			}
		}
	}
}

// exifJPEG is an SOI, optional junk segments and an APP1 EXIF block with
// the given TIFF body.
func exifJPEG(tiff []byte, before ...[]byte) []byte {
	b := []byte{0xFF, 0xD8}
	for _, seg := range before {
		b = append(b, seg...)
	}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	b = append(b, 0xFF, 0xE1, 0, 0)
	binary.BigEndian.PutUint16(b[len(b)-2:], uint16(len(payload)+2))
	b = append(b, payload...)
	return append(b, 0xFF, 0xDA, 0, 2)
}

func tiffWith(bo binary.ByteOrder, tag, value uint16) []byte {
	var t bytes.Buffer
	if bo == binary.LittleEndian {
		t.WriteString("II\x2a\x00")
	} else {
		t.WriteString("MM\x00\x2a")
	}
	binary.Write(&t, bo, uint32(8))
	binary.Write(&t, bo, uint16(1))
	binary.Write(&t, bo, []uint16{tag, 3})
	binary.Write(&t, bo, uint32(1))
	binary.Write(&t, bo, []uint16{value, 0})
	binary.Write(&t, bo, uint32(0))
	return t.Bytes()
}

func TestJPEGOrientation(t *testing.T) {
	t.Parallel()
	app0 := []byte{0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0}
	full := exifJPEG(tiffWith(binary.BigEndian, 0x0112, 6))
	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"big-endian 6", full, 6},
		{"little-endian 8", exifJPEG(tiffWith(binary.LittleEndian, 0x0112, 8)), 8},
		{"after a JFIF segment and fill bytes", exifJPEG(tiffWith(binary.BigEndian, 0x0112, 3), app0, []byte{0xFF}), 3},
		{"no orientation tag", exifJPEG(tiffWith(binary.BigEndian, 0x010F, 6)), 1},
		{"out-of-range value", exifJPEG(tiffWith(binary.LittleEndian, 0x0112, 9)), 1},
		{"bad byte order", exifJPEG([]byte("XX\x00\x2a\x00\x00\x00\x08\x00\x00")), 1},
		{"IFD offset past the end", exifJPEG([]byte("MM\x00\x2a\x7f\x00\x00\x00\x00\x00")), 1},
		{"truncated inside the EXIF block", full[:len(full)-12], 1},
		{"no EXIF", []byte{0xFF, 0xD8, 0xFF, 0xDA, 0, 2}, 1},
		{"not a JPEG", []byte("GIF89a"), 1},
		{"empty", nil, 1},
	}
	for _, tt := range tests {
		if got := jpegOrientation(tt.data); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
	// Whatever the bytes, the reader must not panic.
	rng := rand.New(rand.NewPCG(7, 7))
	for i := 0; i < 2000; i++ {
		b := append([]byte{}, full...)
		for k := 0; k < 4; k++ {
			b[2+rng.IntN(len(b)-2)] = uint8(rng.IntN(256))
		}
		if o := jpegOrientation(b[:rng.IntN(len(b)+1)]); o < 1 || o > 8 {
			t.Fatalf("orientation %d", o)
		}
	}
}

// A decoder that panics on a hostile file must give a refusal, not take
// the worker down.
func TestDecoderPanicIsRecovered(t *testing.T) {
	t.Parallel()
	boom := func(io.Reader) (image.Image, error) { panic("index out of range") }
	_, err := decodeWith([]byte{0xFF, 0xD8, 0xFF}, boom)
	var ue *UploadError
	if !errors.As(err, &ue) || ue.Code != CodeCorrupt {
		t.Fatalf("decodeWith = %v", err)
	}
	boomCfg := func(io.Reader) (image.Config, error) { panic("slice bounds out of range") }
	if _, err := decodeConfigWith(bytes.NewReader(nil), boomCfg); err == nil {
		t.Fatal("decodeConfigWith swallowed the panic without an error")
	}
}

func TestResizePlane(t *testing.T) {
	t.Parallel()
	for _, sz := range [][4]int{{4000, 3000, 1600, 1200}, {1001, 7, 480, 3}, {10, 10, 3, 7}, {5, 5, 5, 5}, {640, 480, 639, 479}} {
		k := tentKernel(sz[0], sz[2])
		for v := 0; v < sz[2]; v++ {
			var sum int32
			for _, w := range k.weights[v*k.taps : (v+1)*k.taps] {
				sum += w
			}
			if sum != 1<<weightBits || k.start[v] < 0 || k.start[v]+k.taps > sz[0] {
				t.Fatalf("%v: sample %d: weights sum to %d, start %d", sz, v, sum, k.start[v])
			}
		}
		flat := bytes.Repeat([]byte{137}, sz[0]*sz[1])
		out := resizePlane(flat, sz[0], sz[1], sz[0], sz[2], sz[3])
		if len(out) != sz[2]*sz[3] || !bytes.Equal(out, bytes.Repeat([]byte{137}, len(out))) {
			t.Fatalf("%v: a flat plane did not stay flat", sz)
		}
	}
	// A horizontal ramp stays a monotonic ramp.
	w, h := 1000, 4
	ramp := make([]byte, w*h)
	for i := range ramp {
		ramp[i] = uint8((i % w) * 255 / (w - 1))
	}
	out := resizePlane(ramp, w, h, w, 300, 2)
	for x := 1; x < 300; x++ {
		if out[x] < out[x-1] {
			t.Fatalf("ramp not monotonic at %d: %v", x, out[:300])
		}
	}
	if out[0] > 3 || out[299] < 252 {
		t.Fatalf("ramp ends %d…%d", out[0], out[299])
	}
}

// The working copy made from YCbCr planes must look like imaging's
// resize of the same picture.
func TestFitMatchesImaging(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/sample.jpg")
	if err != nil {
		t.Fatal(err)
	}
	src, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := src.(*image.YCbCr); !ok {
		t.Fatalf("sample decodes to %T", src)
	}
	got := fit(src, 200)
	want := imaging.Resize(src, 160, 200, imaging.Linear)
	if got.Rect != want.Rect {
		t.Fatalf("fit %v, imaging %v", got.Rect, want.Rect)
	}
	var diff, n float64
	for i := range got.Pix {
		d := float64(got.Pix[i]) - float64(want.Pix[i])
		diff += d * d
		n++
	}
	if rms := diff / n; rms > 9 { // RMS under 3 levels of 255
		t.Fatalf("mean squared difference %.1f", rms)
	}
}

// TestBlurCalibration documents the sharpness figures the thresholds are
// set from: sharp pictures well above BlurWarnBelow, Gaussian blurs of
// σ ≥ 5 px well under BlurFailBelow.
func TestBlurCalibration(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/sample.jpg")
	if err != nil {
		t.Fatal(err)
	}
	face, err := jpeg.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 3))
	tex := image.NewGray(image.Rect(0, 0, 1000, 1250))
	for i := range tex.Pix {
		tex.Pix[i] = uint8(40 + rng.IntN(176))
	}
	pictures := map[string]image.Image{
		"real portrait 320×400":   face,
		"real portrait 1000×1250": imaging.Resize(face, 1000, 1250, imaging.Lanczos),
		"noise texture 1000×1250": tex,
	}
	for name, img := range pictures {
		measure := func(sigma float64) float64 {
			m := img
			if sigma > 0 {
				m = imaging.Blur(img, sigma)
			}
			return sharpness(grayOf(fit(normalise(m), workSide)).fit(blurSide))
		}
		sharp, soft := measure(0), measure(5)
		t.Logf("%s: sharpness %.0f, after a σ=5 blur %.1f", name, sharp, soft)
		if sharp < 1.5*BlurWarnBelow {
			t.Errorf("%s: sharp picture measures %.0f, too close to the warning level", name, sharp)
		}
		if soft > BlurFailBelow/2 {
			t.Errorf("%s: blurred picture measures %.1f, too close to the failing level", name, soft)
		}
	}
}
