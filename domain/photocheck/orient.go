package photocheck

import (
	"encoding/binary"
	"image"

	"github.com/disintegration/imaging"
)

// jpegOrientation reads the EXIF Orientation tag (1–8) of a JPEG, or 1 when
// there is none or it cannot be read: an unreadable tag must not refuse a
// photo that decodes fine.
//
// Process reads the tag itself rather than through imaging.Decode with
// AutoOrientation(true): that decoder tees the bytes into a goroutine that
// would leak if the image decoder panicked on a hostile file, it accepts
// every format image.Decode knows (GIF, BMP, TIFF) and it rotates through
// a 4-byte-per-pixel copy. The transforms below are the same as imaging's
// (TestOrientMatchesImaging holds them to it).
func jpegOrientation(b []byte) int {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	i := 2
	for i+4 <= len(b) {
		if b[i] != 0xFF {
			return 1
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			i++
			continue
		case marker == 0xDA || marker == 0xD9: // start of scan or end: EXIF comes before the image data
			return 1
		case marker >= 0xD0 && marker <= 0xD7 || marker == 0x01: // markers without a length
			i += 2
			continue
		}
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		if size < 2 || i+2+size > len(b) {
			return 1
		}
		seg := b[i+4 : i+2+size]
		if marker == 0xE1 && len(seg) > 14 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
		i += 2 + size
	}
	return 1
}

// tiffOrientation finds tag 0x0112 in IFD0 of an EXIF (TIFF) block.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return 1
	}
	ifd := int(bo.Uint32(t[4:]))
	if ifd < 8 || ifd+2 > len(t) {
		return 1
	}
	n := int(bo.Uint16(t[ifd:]))
	for k := 0; k < n; k++ {
		e := ifd + 2 + 12*k
		if e+12 > len(t) {
			return 1
		}
		if bo.Uint16(t[e:]) == 0x0112 {
			v := int(bo.Uint16(t[e+8:]))
			if v >= 1 && v <= 8 {
				return v
			}
			return 1
		}
	}
	return 1
}

// transposes reports whether an EXIF orientation swaps width and height.
func transposes(o int) bool { return o >= 5 && o <= 8 }

// orient applies an EXIF orientation to a normalised picture (see
// normalise). JPEGs, the only pictures with an orientation tag here,
// decode to YCbCr or Gray: their planes are moved directly, which keeps
// 1.5 bytes per pixel instead of imaging's 4 and keeps the JPEG encoder's
// fast path for YCbCr. Anything else goes through imaging.
func orient(img image.Image, o int) image.Image {
	if o <= 1 || o > 8 {
		return img
	}
	switch m := img.(type) {
	case *image.YCbCr:
		if r, ok := orientYCbCr(m, o); ok {
			return r
		}
	case *image.Gray:
		if m.Rect.Min == (image.Point{}) {
			pix, w, h := transformPlane(m.Pix, m.Rect.Dx(), m.Rect.Dy(), m.Stride, o)
			return &image.Gray{Pix: pix, Stride: w, Rect: image.Rect(0, 0, w, h)}
		}
	}
	var n *image.NRGBA
	switch o {
	case 2:
		n = imaging.FlipH(img)
	case 3:
		n = imaging.Rotate180(img)
	case 4:
		n = imaging.FlipV(img)
	case 5:
		n = imaging.Transpose(img)
	case 6:
		n = imaging.Rotate270(img)
	case 7:
		n = imaging.Transverse(img)
	case 8:
		n = imaging.Rotate90(img)
	}
	return opaqueRGBA(n)
}

// orientYCbCr moves the three planes. A transposing orientation swaps the
// chroma subsampling axes (4:2:2 becomes 4:4:0); 4:1:1 and 4:1:0 have no
// transposed counterpart in image.YCbCr and report false. With an odd
// width or height a flipped chroma plane may shift by half a chroma
// sample, which no one can see and the JPEG encoder resamples anyway.
func orientYCbCr(m *image.YCbCr, o int) (*image.YCbCr, bool) {
	if m.Rect.Min != (image.Point{}) {
		return nil, false
	}
	ratio := m.SubsampleRatio
	if transposes(o) {
		switch ratio {
		case image.YCbCrSubsampleRatio444, image.YCbCrSubsampleRatio420:
		case image.YCbCrSubsampleRatio422:
			ratio = image.YCbCrSubsampleRatio440
		case image.YCbCrSubsampleRatio440:
			ratio = image.YCbCrSubsampleRatio422
		default:
			return nil, false
		}
	}
	w, h := m.Rect.Dx(), m.Rect.Dy()
	cw, ch := chromaSize(m.SubsampleRatio, w, h)
	y, dw, dh := transformPlane(m.Y, w, h, m.YStride, o)
	cb, cdw, _ := transformPlane(m.Cb, cw, ch, m.CStride, o)
	cr, _, _ := transformPlane(m.Cr, cw, ch, m.CStride, o)
	return &image.YCbCr{Y: y, Cb: cb, Cr: cr, YStride: dw, CStride: cdw,
		SubsampleRatio: ratio, Rect: image.Rect(0, 0, dw, dh)}, true
}

// chromaSize is the size of a chroma plane of a w×h YCbCr picture whose
// rectangle starts at the origin.
func chromaSize(r image.YCbCrSubsampleRatio, w, h int) (int, int) {
	switch r {
	case image.YCbCrSubsampleRatio422:
		return (w + 1) / 2, h
	case image.YCbCrSubsampleRatio420:
		return (w + 1) / 2, (h + 1) / 2
	case image.YCbCrSubsampleRatio440:
		return w, (h + 1) / 2
	case image.YCbCrSubsampleRatio411:
		return (w + 3) / 4, h
	case image.YCbCrSubsampleRatio410:
		return (w + 3) / 4, (h + 1) / 2
	}
	return w, h
}

// transformPlane returns a tightly packed copy of a w×h 8-bit plane as an
// EXIF orientation o says it should be viewed, and its new size. The
// transposing cases walk 32×32 tiles so both planes stay in cache.
func transformPlane(src []byte, w, h, stride, o int) ([]byte, int, int) {
	dw, dh := w, h
	if transposes(o) {
		dw, dh = h, w
	}
	dst := make([]byte, dw*dh)
	// at(x, y) is the source offset of destination pixel (x, y).
	var at func(x, y int) int
	switch o {
	case 2: // mirror left–right
		at = func(x, y int) int { return y*stride + w - 1 - x }
	case 3: // rotate 180°
		at = func(x, y int) int { return (h-1-y)*stride + w - 1 - x }
	case 4: // mirror top–bottom
		at = func(x, y int) int { return (h-1-y)*stride + x }
	case 5: // transpose
		at = func(x, y int) int { return x*stride + y }
	case 6: // rotate 90° clockwise
		at = func(x, y int) int { return (h-1-x)*stride + y }
	case 7: // transverse
		at = func(x, y int) int { return (h-1-x)*stride + w - 1 - y }
	case 8: // rotate 90° counter-clockwise
		at = func(x, y int) int { return x*stride + w - 1 - y }
	default:
		for y := 0; y < h; y++ {
			copy(dst[y*dw:(y+1)*dw], src[y*stride:])
		}
		return dst, dw, dh
	}
	const tile = 32
	for ty := 0; ty < dh; ty += tile {
		for tx := 0; tx < dw; tx += tile {
			for y := ty; y < min(ty+tile, dh); y++ {
				row := dst[y*dw:]
				for x := tx; x < min(tx+tile, dw); x++ {
					row[x] = src[at(x, y)]
				}
			}
		}
	}
	return dst, dw, dh
}
