package photocheck

import (
	"encoding/binary"
	"image"
)

// stripJPEG returns an upright JPEG's bytes without its metadata, losslessly:
// every segment the picture needs (quantisation and Huffman tables, frame
// and scan headers, restart interval, the entropy-coded data, JFIF's APP0
// and Adobe's APP14, which says how the colour planes are coded) is
// copied as it is, and every other application segment (EXIF with its GPS
// position and serial numbers, XMP, the embedded thumbnail, ICC profiles,
// vendor notes) and every comment is left out, as are bytes after the end
// of the picture. ok is false for anything it does not walk cleanly to its
// end marker; the caller then re-encodes the pixels instead.
//
// Re-encoding a 12-megapixel picture is about half of what Process costs,
// and loses a generation of quality, so an upload that is already an
// upright JPEG keeps its own compression. Only a picture Go's decoder has
// just decoded is passed here.
func stripJPEG(b []byte) (out []byte, ok bool) {
	if len(b) < 4 || b[0] != 0xFF || b[1] != 0xD8 {
		return nil, false
	}
	out = make([]byte, 0, len(b))
	out = append(out, 0xFF, 0xD8)
	i := 2
	for i+2 <= len(b) {
		if b[i] != 0xFF {
			return nil, false
		}
		marker := b[i+1]
		switch {
		case marker == 0xFF: // fill byte before a marker
			i++
			continue
		case marker == 0xD9: // end of image: nothing after it is kept
			return append(out, 0xFF, 0xD9), true
		case marker >= 0xD0 && marker <= 0xD7 || marker == 0x01 || marker == 0xD8:
			return nil, false // no standalone marker belongs here
		}
		if i+4 > len(b) {
			return nil, false
		}
		size := int(binary.BigEndian.Uint16(b[i+2:]))
		end := i + 2 + size
		if size < 2 || end > len(b) {
			return nil, false
		}
		keep := !(marker >= 0xE1 && marker <= 0xEF && marker != 0xEE) && marker != 0xFE
		if keep {
			out = append(out, b[i:end]...)
		}
		i = end
		if marker == 0xDA { // start of scan: its entropy-coded data runs to the next marker
			j := i
			for j+1 < len(b) && (b[j] != 0xFF || b[j+1] == 0x00 || (b[j+1] >= 0xD0 && b[j+1] <= 0xD7)) {
				j++
			}
			if j+1 >= len(b) {
				return nil, false
			}
			out = append(out, b[i:j]...)
			i = j
		}
	}
	return nil, false
}

// strippable says a decoded JPEG may keep its own compression: upright
// (no EXIF rotation to apply to the pixels) and in YCbCr or grey, which
// browsers read the same with or without the segments left out. A CMYK
// picture is re-encoded as RGB.
func strippable(img image.Image, orientation int) bool {
	if orientation > 1 {
		return false
	}
	switch img.(type) {
	case *image.YCbCr, *image.Gray:
		return true
	}
	return false
}
