package photocheck

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// segment is one JPEG marker segment with its payload.
func segment(marker byte, payload string) []byte {
	b := []byte{0xFF, marker, 0, 0}
	binary.BigEndian.PutUint16(b[2:], uint16(len(payload)+2))
	return append(b, payload...)
}

// withMetadata inserts, after SOI, what cameras and editors write: EXIF
// with a GPS tag name, XMP, an ICC profile, a comment; and bytes after the
// end of the picture.
func withMetadata(jpg []byte) []byte {
	var b bytes.Buffer
	b.Write(jpg[:2])
	b.Write(segment(0xE1, "Exif\x00\x00MM\x00\x2a GPSLatitude 38.72 serial 12345"))
	b.Write(segment(0xE1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>Creator: Maya</x:xmpmeta>"))
	b.Write(segment(0xE2, "ICC_PROFILE\x00\x01\x01profile"))
	b.Write(segment(0xFE, "<script>alert(1)</script>"))
	b.Write(jpg[2:])
	b.WriteString("trailing <html>")
	return b.Bytes()
}

// samePixels decodes both and compares every pixel.
func samePixels(t *testing.T, name string, a, b []byte) {
	t.Helper()
	ia, err := jpeg.Decode(bytes.NewReader(a))
	if err != nil {
		t.Fatalf("%s: original: %v", name, err)
	}
	ib, err := jpeg.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: stripped does not decode: %v", name, err)
	}
	if ia.Bounds() != ib.Bounds() {
		t.Fatalf("%s: bounds %v, want %v", name, ib.Bounds(), ia.Bounds())
	}
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				t.Fatalf("%s: pixel (%d, %d) differs", name, x, y)
			}
		}
	}
}

// TestStripJPEGKeepsThePictureAndDropsTheRest runs on real camera and web
// JPEGs (the evaluation set, a progressive one) with metadata added: the
// stripped file decodes to the same pixels, and none of the metadata, the
// comment or the trailing bytes is left.
func TestStripJPEGKeepsThePictureAndDropsTheRest(t *testing.T) {
	t.Parallel()
	files, _ := filepath.Glob("testdata/eval/*.jpg")
	files = append(files, "testdata/video-001.progressive.jpeg", "testdata/sample.jpg")
	if len(files) < 10 {
		t.Fatalf("only %d JPEGs to test on", len(files))
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		in := withMetadata(raw)
		out, ok := stripJPEG(in)
		if !ok {
			t.Errorf("%s: not stripped", f)
			continue
		}
		samePixels(t, f, raw, out)
		for _, leak := range []string{"Exif", "GPS", "xmpmeta", "ICC_PROFILE", "<script>", "<html>"} {
			if bytes.Contains(out, []byte(leak)) {
				t.Errorf("%s: %q survived", f, leak)
			}
		}
		if !bytes.HasSuffix(out, []byte{0xFF, 0xD9}) || len(out) >= len(in) {
			t.Errorf("%s: %d bytes from %d, ends % x", f, len(out), len(in), out[len(out)-2:])
		}
	}
}

// TestStripJPEGRefusesWhatItCannotWalk: anything but a whole JPEG goes
// back to being re-encoded.
func TestStripJPEGRefusesWhatItCannotWalk(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/sample.jpg")
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"empty":         nil,
		"not a jpeg":    []byte("\x89PNG\r\n\x1a\n"),
		"truncated":     raw[:len(raw)/2],
		"no end marker": raw[:len(raw)-2],
		"bad length":    append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}, raw[2:]...),
		"junk segment":  append([]byte{0xFF, 0xD8, 0x12, 0x34}, raw[2:]...),
	} {
		if _, ok := stripJPEG(b); ok {
			t.Errorf("%s: stripped", name)
		}
	}
}

// TestProcessKeepsAnUprightJPEGsCompression: the full-size variant of an
// upright JPEG is the upload without its metadata, not a re-encode; a
// rotated one is re-encoded upright.
func TestProcessKeepsAnUprightJPEGsCompression(t *testing.T) {
	t.Parallel()
	raw, err := os.ReadFile("testdata/sample.jpg")
	if err != nil {
		t.Fatal(err)
	}
	res, err := Process(bytes.NewReader(withMetadata(raw)), "book", ProcessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := stripJPEG(raw); !bytes.Equal(res.Original, want) {
		t.Errorf("the original variant is not the stripped upload (%d bytes, want %d)", len(res.Original), len(want))
	}
	if strings.Contains(string(res.Original), "GPS") {
		t.Error("metadata in the original variant")
	}
	img, _ := jpeg.Decode(bytes.NewReader(raw))
	if !strippable(img, 1) || strippable(img, 6) || strippable(image.NewCMYK(image.Rect(0, 0, 1, 1)), 1) {
		t.Error("strippable: want upright YCbCr only")
	}
}
