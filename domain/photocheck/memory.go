package photocheck

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Memory is bounded by what the header says the decoders will allocate,
// not by the pixel count alone: a 7000×7000 16-bit RGBA PNG is under the
// pixel cap and 381 KB on disk, yet Go's PNG decoder returns it as an
// NRGBA64 (8 bytes a pixel, 392 MB) and normalise then draws it into an
// RGBA (4 more). What would exceed Limits.MaxDecodeBytes is refused
// rather than downscaled while decoding: none of the decoders Process
// uses (image/png, image/jpeg, x/image/webp) can decode at a reduced
// size, and decoding rows of a PNG or DCT blocks of a JPEG into a smaller
// picture ourselves would mean keeping our own copies of those decoders
// for pictures no camera or phone produces (a 16-bit PNG, a 30-megapixel
// progressive JPEG). Exporting the photo again as an ordinary JPEG is a
// fix anyone can make, and the message says so.
//
// The estimate follows the decoders' own allocations (their sources are
// the reference: the planes Go's JPEG decoder pads to whole MCUs, the 4
// bytes a sample a progressive JPEG keeps as coefficients, the passes an
// interlaced PNG decodes into), then adds what Process allocates at full
// size and for its working copies. Every full-size allocation is counted,
// those that are garbage by the time the next one is made included: the
// collector has usually not reclaimed a picture a conversion left behind
// when the next one is allocated, so the heap holds both. The figures
// are calibrated against the peak heap the benchmarks print (`make bench`
// shows the estimate beside it); TestDecodeEstimateFollowsDecoders holds
// the decoding part to what the decoders really allocate.

// DefaultMaxDecodeBytes is the most the estimate may reach: with the
// file itself (up to DefaultMaxBytes, held while decoding) a photo then
// takes at most 200 MB, the most one worker should spend on a picture.
// At 4:3 it lets through baseline JPEGs up to the 50-megapixel cap (37
// when EXIF says to turn them, which copies the picture), progressive
// JPEGs up to 18, 8-bit RGB PNGs up to 30 (4 bytes a pixel decoded) and
// 16-bit PNGs up to 12; a 7000×7000 16-bit RGBA PNG is estimated at 661
// MB, which is what it took before it was refused.
const DefaultMaxDecodeBytes = 200<<20 - DefaultMaxBytes

// CodeTooMuchMemory is the code of a picture whose decoding would take
// more memory than Limits.MaxDecodeBytes.
const CodeTooMuchMemory = "too_much_memory"

// What Process allocates besides the full-size picture, calibrated
// against the peak heap of 12- and 49-megapixel JPEGs (turned and not)
// and 8- and 16-bit PNGs of up to 49 megapixels:
//
//   - the full-size JPEG it encodes, in a bytes.Buffer that may have
//     grown past it: encodeBytesPerPixel (sensor noise encodes to 0.84
//     bytes a pixel at quality 88, a photo to a third of that);
//   - the resizing scratch of fit (fitScratch);
//   - the working copy (at most DefaultDisplayMax on the long side), the
//     display and thumbnail variants, the checks' grey copies and face
//     detection: workBytesPerPixel of the working copy and workReserve.
const (
	encodeBytesPerPixel = 1
	workBytesPerPixel   = 8
	workReserve         = 2 << 20
)

// afterDecode is what Process allocates once the full-size picture full
// is decoded, normalised and upright. It is added to the decoding
// estimate, not compared with it, for the reason above: what decoding
// left behind (a 16-bit picture drawn into an RGBA, the planes a turn
// copied) is usually still on the heap when Process encodes and resizes.
func afterDecode(w, h int, full fullSize) int64 {
	dw, dh := fitSize(w, h, workSide)
	return encodeBytesPerPixel*int64(w)*int64(h) + fitScratch(w, h, full) + workBytesPerPixel*int64(dw)*int64(dh) + workReserve
}

// cost is what a header says decoding a picture takes.
type cost struct {
	decode int64  // what decoding, normalising and turning upright allocate at full size
	bytes  int64  // decode plus what Process allocates after it: the estimate, the file excluded
	why    string // what makes it costly, for the refusal: "" for plain size
}

// newCost adds what Process allocates after decoding to a decoding peak.
func newCost(decode int64, w, h int, full fullSize, why string) cost {
	return cost{decode: decode, bytes: decode + afterDecode(w, h, full), why: why}
}

// fullSize is the full-size picture Process keeps after decoding,
// normalising and turning it upright.
type fullSize struct {
	bytes  int64 // of the picture Process keeps at full size
	planar bool  // YCbCr or Gray planes, reduced plane by plane by fit
}

// fitScratch is the scratch fit needs to reduce the full-size picture to
// the working copy: for planes, the halved copies (a quarter, then a
// sixteenth, of each plane, alive together) and the horizontal pass; for
// RGBA, the horizontal pass at full height (3 bytes a pixel of its width).
func fitScratch(w, h int, full fullSize) int64 {
	dw, dh := fitSize(w, h, workSide)
	if dw == w && dh == h {
		return 0
	}
	if full.planar {
		return full.bytes*5/16 + 2*int64(dw)*int64(dh)
	}
	return 3 * int64(dw) * int64(h)
}

// headerCost walks the header of a picture DecodeConfig has accepted and
// estimates what decoding and processing it will allocate. A header cut
// short before the image data is estimated from what it says: decoding
// it fails before allocating the picture.
func headerCost(r io.Reader, format string, w, h int) (cost, error) {
	br := bufio.NewReaderSize(r, 512)
	switch format {
	case "png":
		return pngCost(br, w, h)
	case "jpeg":
		return jpegCost(br, w, h)
	case "webp":
		return webpCost(br, w, h)
	}
	return cost{}, fmt.Errorf("media: unknown format %q", format)
}

// PNG colour types (IHDR) the estimate tells apart.
const (
	pngGray     = 0
	pngPaletted = 3
)

// pngCost reads IHDR and the chunks before the first IDAT (a tRNS chunk
// turns a grey or true-colour picture into NRGBA) and follows
// image/png's choice of image type.
func pngCost(br *bufio.Reader, w, h int) (cost, error) {
	var hdr [33]byte // signature, IHDR length, type, 13 bytes of data, CRC
	if _, err := io.ReadFull(br, hdr[:]); err != nil {
		return cost{}, fmt.Errorf("media: png header: %w", err)
	}
	depth, ct, interlaced := int(hdr[24]), hdr[25], hdr[28] == 1
	trns, err := pngHasTRNS(br)
	if err != nil {
		return cost{}, err
	}
	// Bytes a pixel of the image type image/png decodes into.
	var decoded int64
	switch {
	case ct == pngPaletted:
		decoded = 1 // Paletted
	case depth == 16 && (ct != pngGray || trns):
		decoded = 8 // NRGBA64 or RGBA64
	case depth == 16:
		decoded = 2 // Gray16
	case ct == pngGray && !trns:
		decoded = 1 // Gray
	default:
		decoded = 4 // NRGBA or RGBA
	}
	px := int64(w) * int64(h)
	peak := decoded * px
	if interlaced {
		// Adam7: each pass is decoded into its own image and merged; the
		// passes add up to the whole picture.
		peak += decoded * px
	}
	full := fullSize{bytes: 4 * px}
	switch {
	case decoded == 1 && ct == pngGray:
		full = fullSize{bytes: px, planar: true} // Gray is kept as it is
	case decoded != 4:
		// normalise draws Paletted, Gray16 and the 16-bit types into a new RGBA.
		peak += 4 * px
	}
	why := ""
	if depth == 16 {
		why = "16bit"
	}
	return newCost(peak, w, h, full, why), nil
}

// pngHasTRNS walks the chunks after IHDR up to the first IDAT and reports
// whether one is tRNS.
func pngHasTRNS(br *bufio.Reader) (bool, error) {
	for {
		var ch [8]byte
		if _, err := io.ReadFull(br, ch[:]); err != nil {
			return false, nil // cut short: nothing will be decoded
		}
		n := int64(binary.BigEndian.Uint32(ch[:4]))
		switch string(ch[4:8]) {
		case "tRNS":
			return true, nil
		case "IDAT", "IEND":
			return false, nil
		}
		if n > 1<<31-1 {
			return false, errors.New("media: png chunk length out of range")
		}
		if _, err := br.Discard(int(n) + 4); err != nil { // data and CRC
			return false, nil
		}
	}
}

// jpegComponent is one component of a JPEG frame: its sampling factors.
type jpegComponent struct{ id, h, v int }

// jpegCost walks the markers up to the frame header (SOF), noting the
// JFIF and Adobe segments (they decide whether three components are RGB)
// and the EXIF orientation (turning a picture copies it), and follows
// image/jpeg's allocations: every component's plane padded to whole
// MCUs, 4 more bytes a sample of coefficients for a progressive picture,
// and a 4-byte-a-pixel RGBA or CMYK for RGB and 4-component pictures.
func jpegCost(br *bufio.Reader, w, h int) (cost, error) {
	var soi [2]byte
	if _, err := io.ReadFull(br, soi[:]); err != nil || soi != [2]byte{0xFF, 0xD8} {
		return cost{}, errors.New("media: jpeg: no start of image")
	}
	jfif, adobe, adobeTransform, orientation, exifSeen := false, false, byte(0), 1, false
	var frame []byte
	progressive := false
	done := func() (cost, error) {
		if frame == nil {
			return cost{}, errors.New("media: jpeg: no frame header before the image data")
		}
		return jpegFrameCost(frame, progressive, w, h, jfif, adobe, adobeTransform, orientation)
	}
	// A header cut short after its frame header is judged by what it
	// says; before it, it is damaged.
	fail := func(err error) (cost, error) {
		if frame != nil {
			return done()
		}
		return cost{}, err
	}
	// The walk goes on past the frame header to the image data, as
	// jpegOrientation does, in case the EXIF segment comes after it.
	for {
		marker, err := nextJPEGMarker(br)
		if err != nil {
			return fail(err)
		}
		switch {
		case marker >= 0xD0 && marker <= 0xD8 || marker == 0x01: // no length
			continue
		case marker == 0xD9 || marker == 0xDA:
			return done()
		}
		var l [2]byte
		if _, err := io.ReadFull(br, l[:]); err != nil {
			return fail(fmt.Errorf("media: jpeg segment: %w", err))
		}
		n := int(binary.BigEndian.Uint16(l[:])) - 2
		if n < 0 {
			return cost{}, errors.New("media: jpeg: bad segment length")
		}
		if frame != nil && marker != 0xE1 {
			// Past the frame header only the EXIF segment matters.
			if _, err := br.Discard(n); err != nil {
				return done()
			}
			continue
		}
		switch {
		case marker == 0xC0 || marker == 0xC1 || marker == 0xC2:
			frame = make([]byte, n)
			if _, err := io.ReadFull(br, frame); err != nil {
				return cost{}, fmt.Errorf("media: jpeg frame header: %w", err)
			}
			progressive = marker == 0xC2
		case marker == 0xE0 || marker == 0xEE:
			// JFIF and Adobe say what they say in their first 12 bytes.
			seg, err := br.Peek(min(n, 12))
			if err != nil {
				return fail(fmt.Errorf("media: jpeg segment: %w", err))
			}
			if marker == 0xE0 {
				jfif = jfif || len(seg) >= 5 && string(seg[:5]) == "JFIF\x00"
			} else if len(seg) >= 12 && string(seg[:5]) == "Adobe" {
				adobe, adobeTransform = true, seg[11]
			}
			if _, err := br.Discard(n); err != nil {
				return fail(fmt.Errorf("media: jpeg segment: %w", err))
			}
		case marker == 0xE1 && !exifSeen && n > 14:
			// The first EXIF segment counts, as for jpegOrientation;
			// others (XMP) are skipped without being read into memory.
			if tag, err := br.Peek(6); err != nil || string(tag) != "Exif\x00\x00" {
				if _, err := br.Discard(n); err != nil {
					return fail(fmt.Errorf("media: jpeg segment: %w", err))
				}
				continue
			}
			seg := make([]byte, n)
			if _, err := io.ReadFull(br, seg); err != nil {
				return fail(fmt.Errorf("media: jpeg segment: %w", err))
			}
			exifSeen, orientation = true, tiffOrientation(seg[6:])
		default:
			if _, err := br.Discard(n); err != nil {
				return fail(fmt.Errorf("media: jpeg segment: %w", err))
			}
		}
	}
}

// nextJPEGMarker skips to the next marker as image/jpeg does: bytes
// before a 0xFF are ignored, fill bytes (0xFF 0xFF) and stuffed zeros
// (0xFF 0x00) are not markers.
func nextJPEGMarker(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.ReadByte()
		if err != nil {
			return 0, fmt.Errorf("media: jpeg marker: %w", err)
		}
		if b != 0xFF {
			continue
		}
		for b == 0xFF {
			if b, err = br.ReadByte(); err != nil {
				return 0, fmt.Errorf("media: jpeg marker: %w", err)
			}
		}
		if b != 0x00 {
			return b, nil
		}
	}
}

// jpegFrameCost is jpegCost's arithmetic on the frame header seg.
func jpegFrameCost(seg []byte, progressive bool, w, h int, jfif, adobe bool, adobeTransform byte, orientation int) (cost, error) {
	if len(seg) < 6 || len(seg) < 6+3*int(seg[5]) {
		return cost{}, errors.New("media: jpeg: short frame header")
	}
	n := int(seg[5])
	comps := make([]jpegComponent, n)
	for i := range comps {
		c := seg[6+3*i:]
		comps[i] = jpegComponent{id: int(c[0]), h: max(1, int(c[1]>>4)), v: max(1, int(c[1]&0x0F))}
	}
	if n == 1 {
		comps[0].h, comps[0].v = 1, 1 // non-interleaved by definition, as image/jpeg reads it
	}
	mxx := (w + 8*comps[0].h - 1) / (8 * comps[0].h)
	myy := (h + 8*comps[0].v - 1) / (8 * comps[0].v)
	var planes int64
	for _, c := range comps {
		planes += int64(8*c.h*mxx) * int64(8*c.v*myy)
	}
	px := int64(w) * int64(h)
	peak := planes
	if progressive {
		peak += 4 * planes // a [64]int32 block per 8×8 samples, kept across scans
	}
	rgb := n == 3 && !jfif && (adobe && adobeTransform == 0 || comps[0].id == 'R' && comps[1].id == 'G' && comps[2].id == 'B')
	full := fullSize{bytes: planes, planar: true}
	if rgb || n == 4 {
		peak += 4 * px // converted to RGBA (RGB) or CMYK while the planes live
		full = fullSize{bytes: 4 * px}
		if n == 4 {
			peak += 4 * px // normalise draws the CMYK into a new RGBA
		}
	}
	if orientation >= 2 && orientation <= 8 {
		// orient copies the planes, or goes through imaging's NRGBA for
		// 4:1:1 and 4:1:0 turned sideways and for RGBA.
		turned := full
		if !full.planar || transposes(orientation) && comps[0].h == 4 {
			turned = fullSize{bytes: 4 * px}
		}
		peak += turned.bytes
		full = turned
	}
	why := ""
	if progressive && 4*planes > full.bytes+afterDecode(w, h, full) {
		why = "progressive" // the coefficients outweigh the rest
	}
	return newCost(peak, w, h, full, why), nil
}

// webpCost reads the RIFF chunks up to the image data and follows
// x/image/webp: a lossy picture decodes to YCbCr 4:2:0 padded to whole
// 16×16 macroblocks; a lossless one (VP8L) to NRGBA, with up to as much
// again while its colour-indexing transform is undone; a compressed
// alpha plane is decoded as a lossless picture too, then copied out, and
// normalise draws a picture with alpha into a new RGBA.
func webpCost(br *bufio.Reader, w, h int) (cost, error) {
	var riff [12]byte
	if _, err := io.ReadFull(br, riff[:]); err != nil {
		return cost{}, fmt.Errorf("media: webp header: %w", err)
	}
	px := int64(w) * int64(h)
	mbw, mbh := int64((w+15)/16), int64((h+15)/16)
	lossy := fullSize{bytes: 256*mbw*mbh + 2*64*mbw*mbh, planar: true}
	rgba := fullSize{bytes: 4 * px}
	lossless := newCost(8*px, w, h, rgba, "")
	withAlpha := newCost(8*px+px+lossy.bytes+4*px, w, h, rgba, "")
	alpha := false
	for {
		var ch [8]byte
		if _, err := io.ReadFull(br, ch[:]); err != nil {
			// Cut short before the image data: take the dearest kind it
			// can still be.
			if alpha {
				return withAlpha, nil
			}
			return lossless, nil
		}
		n := int64(binary.LittleEndian.Uint32(ch[4:]))
		switch string(ch[:4]) {
		case "VP8 ":
			if alpha {
				return withAlpha, nil
			}
			return newCost(lossy.bytes, w, h, lossy, ""), nil
		case "VP8L":
			return lossless, nil
		case "ALPH":
			return withAlpha, nil
		case "VP8X":
			var x [10]byte
			if n != 10 {
				return cost{}, errors.New("media: webp: bad VP8X chunk")
			}
			if _, err := io.ReadFull(br, x[:]); err != nil {
				return lossless, nil
			}
			alpha = x[0]&(1<<4) != 0
			continue
		}
		if _, err := br.Discard(int(n + n&1)); err != nil { // chunks are padded to an even length
			if alpha {
				return withAlpha, nil
			}
			return lossless, nil
		}
	}
}
