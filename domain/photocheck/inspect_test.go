package photocheck_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain/photocheck"
)

func assertUploadError(t *testing.T, err error, code string) *photocheck.UploadError {
	t.Helper()
	var ue *photocheck.UploadError
	if !errors.As(err, &ue) {
		t.Fatalf("error = %v, want an *UploadError %q", err, code)
	}
	if ue.Code != code {
		t.Fatalf("UploadError code %q (%s), want %q", ue.Code, ue.Message, code)
	}
	if ue.Message == "" || ue.Error() != ue.Message || !strings.Contains(ue.Message, ":") {
		t.Fatalf("message %q: want plain words with what to do after a colon", ue.Message)
	}
	if !photocheck.IsPermanent(err) {
		t.Fatal("an UploadError must be permanent")
	}
	return ue
}

func TestInspectAccepts(t *testing.T) {
	t.Parallel()
	var pngBuf bytes.Buffer
	if err := png.Encode(&pngBuf, photoLike(640, 480, 1)); err != nil {
		t.Fatal(err)
	}
	webp, err := os.ReadFile("testdata/blue-purple-pink.lossy.webp")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, format, ct string
		data             []byte
		w, h             int
	}{
		{"jpeg", "jpeg", "image/jpeg", jpegOf(t, photoLike(800, 1000, 2), 90), 800, 1000},
		{"png", "png", "image/png", pngBuf.Bytes(), 640, 480},
		{"webp", "webp", "image/webp", webp, 0, 0},
		// A JPEG's header is enough: Inspect never decodes the body.
		{"jpeg without its body", "jpeg", "image/jpeg", jpegOf(t, photoLike(800, 1000, 2), 90)[:700], 800, 1000},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			info, err := photocheck.Inspect(bytes.NewReader(tt.data), photocheck.DefaultLimits())
			if err != nil {
				t.Fatal(err)
			}
			if info.Format != tt.format || info.ContentType != tt.ct || info.Width <= 0 || info.Height <= 0 {
				t.Fatalf("Info = %+v", info)
			}
			if tt.w > 0 && (info.Width != tt.w || info.Height != tt.h) {
				t.Fatalf("size %d×%d, want %d×%d", info.Width, info.Height, tt.w, tt.h)
			}
		})
	}
}

func TestInspectRefuses(t *testing.T) {
	t.Parallel()
	good := jpegOf(t, photoLike(800, 1000, 3), 90)
	var gifBuf bytes.Buffer
	if err := gif.Encode(&gifBuf, image.NewPaletted(image.Rect(0, 0, 10, 10), []color.Color{color.Black, color.White}), nil); err != nil {
		t.Fatal(err)
	}
	// A JPEG whose header is padded with a comment segment bigger than
	// the limit: Inspect notices while reading the header.
	padded := append([]byte{0xFF, 0xD8, 0xFF, 0xFE, 0xFF, 0xFF}, make([]byte, 0xFFFD)...)
	padded = append(padded, good[2:]...)
	small := photocheck.Limits{MaxBytes: 10_000, MaxPixels: 500_000}
	// A 12-bit JPEG: valid, but Go's decoder reads 8 bits only.
	twelveBit := append([]byte{}, good...)
	sof := bytes.Index(twelveBit, []byte{0xFF, 0xC0})
	twelveBit[sof+4] = 12

	tests := []struct {
		name, code string
		data       []byte
		lim        photocheck.Limits
		says       string // a fragment of the message
	}{
		{"zero bytes", photocheck.CodeEmpty, nil, photocheck.DefaultLimits(), "empty"},
		{"pdf renamed .jpg", photocheck.CodeUnsupported, []byte("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>"), photocheck.DefaultLimits(), "PDF"},
		{"gif renamed .jpg", photocheck.CodeUnsupported, gifBuf.Bytes(), photocheck.DefaultLimits(), "GIF"},
		{"heic", photocheck.CodeUnsupported, []byte("\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic"), photocheck.DefaultLimits(), "export the photo as JPEG"},
		{"plain text", photocheck.CodeUnsupported, []byte("hello, this is not a photo"), photocheck.DefaultLimits(), "JPEG, PNG or WebP"},
		{"two bytes of a jpeg", photocheck.CodeCorrupt, []byte{0xFF, 0xD8, 0xFF}, photocheck.DefaultLimits(), "damaged"},
		{"truncated jpeg header", photocheck.CodeCorrupt, good[:40], photocheck.DefaultLimits(), "damaged"},
		{"garbage after the jpeg marker", photocheck.CodeCorrupt, []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 2, 1, 2, 3}, photocheck.DefaultLimits(), "damaged"},
		{"png with a bad IHDR checksum", photocheck.CodeCorrupt, append(pngHeader(100, 100)[:29], 0, 0, 0, 0), photocheck.DefaultLimits(), "damaged"},
		{"12-bit jpeg", photocheck.CodeUnsupported, twelveBit, photocheck.DefaultLimits(), "export it again as an ordinary JPEG"},
		{"pixel flood", photocheck.CodeTooManyPixels, pngHeader(100000, 100000), photocheck.DefaultLimits(), "100000 × 100000"},
		{"over a lower pixel limit", photocheck.CodeTooManyPixels, good, small, "over the 0.5-megapixel limit"},
		{"header past the byte limit", photocheck.CodeTooLarge, padded, small, "up to 9 KB"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := photocheck.Inspect(bytes.NewReader(tt.data), tt.lim)
			ue := assertUploadError(t, err, tt.code)
			if !strings.Contains(ue.Message, tt.says) {
				t.Errorf("message %q does not say %q", ue.Message, tt.says)
			}
			// The upload page's tests count on these words for a wrong format.
			if tt.code == photocheck.CodeUnsupported && tt.name != "12-bit jpeg" && !strings.Contains(ue.Message, "not a JPEG, PNG or WebP") {
				t.Errorf("message %q does not say the file is not a JPEG, PNG or WebP", ue.Message)
			}
		})
	}
}

// TestInspectPixelFloodAllocatesNothing is not parallel: it reads the
// process-wide allocation counter.
func TestInspectPixelFloodAllocatesNothing(t *testing.T) {
	flood := pngHeader(100000, 100000) // 10 gigapixels, 40 GB decoded, in 33 bytes
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := photocheck.Inspect(bytes.NewReader(flood), photocheck.DefaultLimits())
	runtime.ReadMemStats(&after)
	assertUploadError(t, err, photocheck.CodeTooManyPixels)
	if n := after.TotalAlloc - before.TotalAlloc; n > 256<<10 {
		t.Fatalf("Inspect allocated %d bytes on a pixel flood", n)
	}
}

// failingReader fails after its data, like a dropped connection.
type failingReader struct{ data []byte }

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, io.ErrUnexpectedEOF
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestInspectReaderErrorIsNotAnUploadError(t *testing.T) {
	t.Parallel()
	_, err := photocheck.Inspect(&failingReader{}, photocheck.DefaultLimits())
	if err == nil || photocheck.IsPermanent(err) {
		t.Fatalf("a failing reader gave %v: want a plain, retryable error", err)
	}
}

func TestCheckSize(t *testing.T) {
	t.Parallel()
	lim := photocheck.DefaultLimits()
	if lim.MaxBytes != 20<<20 || lim.MaxPixels != 50_000_000 {
		t.Fatalf("DefaultLimits = %+v", lim)
	}
	tests := []struct {
		n    int64
		lim  photocheck.Limits
		code string // "" for accepted
	}{
		{0, lim, photocheck.CodeEmpty},
		{1, lim, ""},
		{20 << 20, lim, ""},
		{20<<20 + 1, lim, photocheck.CodeTooLarge},
		{5 << 20, photocheck.Limits{MaxBytes: 1 << 20}, photocheck.CodeTooLarge},
		{5 << 20, photocheck.Limits{}, ""}, // zero limits mean the defaults, not "nothing allowed"
	}
	for _, tt := range tests {
		err := photocheck.CheckSize(tt.n, tt.lim)
		if tt.code == "" {
			if err != nil {
				t.Errorf("CheckSize(%d) = %v", tt.n, err)
			}
			continue
		}
		assertUploadError(t, err, tt.code)
	}
	if err := photocheck.CheckSize(21<<20, lim); !strings.Contains(err.Error(), "21.0 MB") || !strings.Contains(err.Error(), "up to 20.0 MB") {
		t.Errorf("oversized message: %v", err)
	}
}
