package media

import (
	"bytes"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"github.com/disintegration/imaging"
	"golang.org/x/image/webp"
)

// ProcessOptions tune Process; zero values take the defaults.
type ProcessOptions struct {
	Limits     Limits
	DisplayMax int // long side of the display variant (1600)
	ThumbMax   int // long side of the thumbnail (480)
	Quality    int // JPEG quality of the variants (85)
}

func (o *ProcessOptions) defaults() {
	if o.Limits == (Limits{}) {
		o.Limits = DefaultLimits()
	}
	if o.DisplayMax == 0 {
		o.DisplayMax = 1600
	}
	if o.ThumbMax == 0 {
		o.ThumbMax = 480
	}
	if o.Quality == 0 {
		o.Quality = 85
	}
}

// Result is a processed photo: the variants people are shown, re-encoded
// from pixels so no metadata (EXIF, GPS, camera serials) survives, and the
// check report.
type Result struct {
	Width, Height int    // of the picture as it should be seen (after EXIF orientation)
	Display       []byte // JPEG, long side ≤ DisplayMax
	Thumb         []byte // JPEG, long side ≤ ThumbMax
	Report        Report
}

// Process decodes a photo, orients it, makes its variants and checks it.
// A file that can never be processed returns an *UploadError.
func Process(r io.Reader, kind Kind, opt ProcessOptions) (*Result, error) {
	opt.defaults()
	data, err := io.ReadAll(io.LimitReader(r, opt.Limits.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("media: read: %w", err)
	}
	if err := CheckSize(int64(len(data)), opt.Limits); err != nil {
		return nil, err
	}
	info, err := Inspect(bytes.NewReader(data), opt.Limits)
	if err != nil {
		return nil, err
	}
	src, err := decode(data, info.Format)
	if err != nil {
		return nil, err
	}
	orientation := 1
	if info.Format == "jpeg" {
		orientation = jpegOrientation(data)
	}
	data = nil // the encoded bytes are not needed past here

	b := src.Bounds()
	width, height := b.Dx(), b.Dy()
	// One reduced working copy serves the display variant and every check;
	// the full-size picture is dropped as soon as it exists.
	work := orient(shrink(src, opt.DisplayMax), orientation)
	src = nil
	if orientation >= 5 {
		width, height = height, width
	}

	res := &Result{Width: width, Height: height}
	if res.Display, err = encodeJPEG(work, opt.Quality); err != nil {
		return nil, err
	}
	thumb := imaging.Fit(work, opt.ThumbMax, opt.ThumbMax, imaging.Linear)
	if res.Thumb, err = encodeJPEG(thumb, opt.Quality); err != nil {
		return nil, err
	}
	res.Report = analyze(work, width, height, kind)
	return res, nil
}

// decode decodes the whole picture, turning a decoder panic (seen on
// hostile files) into the same refusal as a damaged file.
func decode(data []byte, format string) (img image.Image, err error) {
	defer func() {
		if recover() != nil {
			img, err = nil, uploadErr("corrupt", "This file is damaged or incomplete: export the photo again and upload it.")
		}
	}()
	r := bytes.NewReader(data)
	switch format {
	case "jpeg":
		img, err = jpeg.Decode(r)
	case "png":
		img, err = png.Decode(r)
	case "webp":
		img, err = webp.Decode(r)
	default:
		err = fmt.Errorf("unknown format %q", format)
	}
	if err != nil {
		return nil, uploadErr("corrupt", "This file is damaged or incomplete: export the photo again and upload it.")
	}
	return img, nil
}

// shrink returns an NRGBA copy whose long side is at most max. Large JPEGs
// (YCbCr) are first halved with an integer box filter straight from their
// planes, which is several times faster than a general resampler over
// twelve million pixels; the remaining step uses a linear filter.
func shrink(src image.Image, max int) *image.NRGBA {
	b := src.Bounds()
	long := b.Dx()
	if b.Dy() > long {
		long = b.Dy()
	}
	if y, ok := src.(*image.YCbCr); ok {
		if k := long / max; k >= 2 {
			src = boxYCbCr(y, k)
		}
	}
	b = src.Bounds()
	if b.Dx() <= max && b.Dy() <= max {
		return imaging.Clone(src)
	}
	return imaging.Fit(src, max, max, imaging.Linear)
}

// boxYCbCr averages k×k blocks of a YCbCr picture into an NRGBA one.
func boxYCbCr(src *image.YCbCr, k int) *image.NRGBA {
	b := src.Bounds()
	w, h := b.Dx()/k, b.Dy()/k
	dst := image.NewNRGBA(image.Rect(0, 0, w, h))
	n := k * k
	for oy := 0; oy < h; oy++ {
		row := dst.Pix[oy*dst.Stride:]
		for ox := 0; ox < w; ox++ {
			var sy, scb, scr int
			for dy := 0; dy < k; dy++ {
				y := b.Min.Y + oy*k + dy
				for dx := 0; dx < k; dx++ {
					x := b.Min.X + ox*k + dx
					sy += int(src.Y[src.YOffset(x, y)])
					ci := src.COffset(x, y)
					scb += int(src.Cb[ci])
					scr += int(src.Cr[ci])
				}
			}
			r, g, bl := ycbcrToRGB(sy/n, scb/n, scr/n)
			p := row[ox*4:]
			p[0], p[1], p[2], p[3] = r, g, bl, 0xFF
		}
	}
	return dst
}

// ycbcrToRGB is the JFIF conversion, in integers as image/color does it.
func ycbcrToRGB(y, cb, cr int) (uint8, uint8, uint8) {
	yy := y * 0x10101
	cb -= 128
	cr -= 128
	r := yy + 91881*cr
	g := yy - 22554*cb - 46802*cr
	b := yy + 116130*cb
	return clamp16(r), clamp16(g), clamp16(b)
}

func clamp16(v int) uint8 {
	if uint32(v)&0xff000000 == 0 {
		return uint8(v >> 16)
	}
	if v < 0 {
		return 0
	}
	return 0xFF
}

// orient applies an EXIF orientation to the picture.
func orient(img *image.NRGBA, o int) *image.NRGBA {
	switch o {
	case 2:
		return imaging.FlipH(img)
	case 3:
		return imaging.Rotate180(img)
	case 4:
		return imaging.FlipV(img)
	case 5:
		return imaging.Transpose(img)
	case 6:
		return imaging.Rotate270(img)
	case 7:
		return imaging.Transverse(img)
	case 8:
		return imaging.Rotate90(img)
	}
	return img
}

func encodeJPEG(img image.Image, quality int) ([]byte, error) {
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("media: encode: %w", err)
	}
	return buf.Bytes(), nil
}
