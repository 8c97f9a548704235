package photocheck

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"runtime"
	"testing"
)

// withTRNS inserts a tRNS chunk after IHDR, which turns a grey PNG into
// NRGBA when decoded (Go's encoder never writes one).
func withTRNS(p []byte, value []byte) []byte {
	chunk := binary.BigEndian.AppendUint32(nil, uint32(len(value)))
	body := append([]byte("tRNS"), value...)
	chunk = append(chunk, body...)
	chunk = binary.BigEndian.AppendUint32(chunk, crc32.ChecksumIEEE(body))
	out := append([]byte{}, p[:33]...) // signature and IHDR
	out = append(out, chunk...)
	return append(out, p[33:]...)
}

// TestDecodeEstimateFollowsDecoders holds the decoding part of the
// estimate to what image/png, image/jpeg and x/image/webp allocate for
// each kind of picture, decoding, normalising and turning included: never
// below it (the decoders' own tables and buffers, a few tens of KB, aside)
// and not far above it. It is not parallel: it reads the process-wide
// allocation counter.
func TestDecodeEstimateFollowsDecoders(t *testing.T) {
	const side = 512
	r := image.Rect(0, 0, side, side)
	encode := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	jpg := func(img image.Image) []byte {
		var b bytes.Buffer
		if err := jpeg.Encode(&b, img, &jpeg.Options{Quality: 90}); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	opaque := image.NewRGBA(r)
	translucent := image.NewNRGBA(r)
	deep := image.NewRGBA64(r)
	deepTranslucent := image.NewNRGBA64(r)
	for i := range opaque.Pix {
		opaque.Pix[i], translucent.Pix[i] = uint8(i*7), uint8(i*5)
	}
	for i := 3; i < len(opaque.Pix); i += 4 {
		opaque.Pix[i], translucent.Pix[i] = 0xFF, 0x80
	}
	for i := range deep.Pix {
		deep.Pix[i], deepTranslucent.Pix[i] = uint8(i*3), uint8(i*11)
	}
	for i := 6; i < len(deep.Pix); i += 8 {
		deep.Pix[i], deep.Pix[i+1], deepTranslucent.Pix[i] = 0xFF, 0xFF, 0x80
	}
	gray := image.NewGray(r)
	for i := range gray.Pix {
		gray.Pix[i] = uint8(i)
	}
	gray16 := image.NewGray16(r)
	for i := range gray16.Pix {
		gray16.Pix[i] = uint8(i * 3)
	}
	pal := image.NewPaletted(r, color.Palette{color.Black, color.White, color.Gray{Y: 0x80}})
	for i := range pal.Pix {
		pal.Pix[i] = uint8(i % 3)
	}
	color420 := jpg(opaque)
	exif := exifJPEG(tiffWith(binary.BigEndian, 0x0112, 6)) // orientation 6: turned, so copied
	turned := append(exif[:len(exif)-4:len(exif)-4], color420[2:]...)
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"png grey", encode(gray)},
		{"png grey with tRNS", withTRNS(encode(gray), []byte{0, 0})},
		{"png grey 16-bit", encode(gray16)},
		{"png RGB", encode(opaque)},
		{"png RGBA", encode(translucent)},
		{"png RGB 16-bit", encode(deep)},
		{"png RGBA 16-bit", encode(deepTranslucent)},
		{"png paletted", encode(pal)},
		{"jpeg grey", jpg(gray)},
		{"jpeg 4:2:0", color420},
		{"jpeg 4:2:0 turned by EXIF", turned},
		{"jpeg progressive", read("video-001.progressive.jpeg")},
		{"webp lossy", read("blue-purple-pink.lossy.webp")},
		{"webp lossy with alpha", read("yellow_rose.lossy-with-alpha.webp")},
		{"webp lossless", read("blue-purple-pink.lossless.webp")},
	}
	const slack = 64 << 10 // the decoders' tables, zlib's window
	for _, tt := range tests {
		info, err := inspectData(tt.data, Limits{})
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		c, err := headerCost(bytes.NewReader(tt.data), info.Format, info.Width, info.Height)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		img, err := decode(tt.data, info.Format)
		if err == nil && info.Format == "jpeg" {
			img = orient(img, jpegOrientation(tt.data))
		}
		runtime.ReadMemStats(&after)
		if err != nil || img == nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		// The estimate counts every full-size allocation (see
		// memory.go), so the total allocated, the slack aside, bounds
		// it from below.
		alloc := int64(after.TotalAlloc - before.TotalAlloc)
		if c.decode < alloc-slack || c.decode > 2*alloc {
			t.Errorf("%s: estimated %d bytes to decode, the decoder allocated %d", tt.name, c.decode, alloc)
		}
		if c.bytes <= c.decode || info.DecodeBytes != c.bytes {
			t.Errorf("%s: estimate %d, decoding %d, Info.DecodeBytes %d", tt.name, c.bytes, c.decode, info.DecodeBytes)
		}
	}
}

// The header walk reads the EXIF orientation as jpegOrientation does,
// since Process turns by the one and the estimate counts by the other.
func TestJPEGCostReadsOrientation(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewGray(image.Rect(0, 0, 64, 48)), nil); err != nil {
		t.Fatal(err)
	}
	plain := b.Bytes()
	base, err := headerCost(bytes.NewReader(plain), "jpeg", 64, 48)
	if err != nil {
		t.Fatal(err)
	}
	for o := uint16(1); o <= 8; o++ {
		exif := exifJPEG(tiffWith(binary.LittleEndian, 0x0112, o), []byte{0xFF, 0xE0, 0, 4, 0, 0})
		data := append(exif[:len(exif)-4:len(exif)-4], plain[2:]...)
		if got := jpegOrientation(data); got != int(o) {
			t.Fatalf("jpegOrientation = %d, want %d", got, o)
		}
		c, err := headerCost(bytes.NewReader(data), "jpeg", 64, 48)
		if err != nil {
			t.Fatal(err)
		}
		if turned := c.decode > base.decode; turned != (o > 1) {
			t.Errorf("orientation %d: decoding estimated at %d bytes, %d unturned", o, c.decode, base.decode)
		}
	}
	// After the frame header, where jpegOrientation still finds it.
	sos := bytes.Index(plain, []byte{0xFF, 0xDA})
	exif := exifJPEG(tiffWith(binary.BigEndian, 0x0112, 6))
	late := append(append(append([]byte{}, plain[:sos]...), exif[2:len(exif)-4]...), plain[sos:]...)
	c, err := headerCost(bytes.NewReader(late), "jpeg", 64, 48)
	if err != nil || jpegOrientation(late) != 6 || c.decode <= base.decode {
		t.Errorf("EXIF after the frame header: orientation %d, decoding %d bytes (%d unturned), %v", jpegOrientation(late), c.decode, base.decode, err)
	}
}
