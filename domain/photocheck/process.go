package photocheck

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"math"

	"golang.org/x/image/webp"

	"github.com/slatecasting/slate/domain"
)

// Default sizes and qualities of the variants.
const (
	// DefaultOriginalQuality keeps the full-size copy visually lossless
	// for a recruiter who downloads it, at about the size of the upload.
	DefaultOriginalQuality = 88
	// DefaultQuality is for the display and thumbnail variants, which
	// are looked at on screens.
	DefaultQuality = 85
	// DefaultDisplayMax is the long side of the display variant: sharp
	// on a large screen, a few hundred KB.
	DefaultDisplayMax = 1600
	// DefaultThumbMax is the long side of the thumbnail used in lists
	// and search results (a 240 px card on a 2× screen).
	DefaultThumbMax = 480
)

// ProcessOptions tune Process; zero values take the defaults.
type ProcessOptions struct {
	Limits          Limits // DefaultLimits for zero fields
	DisplayMax      int    // long side of the display variant (DefaultDisplayMax)
	ThumbMax        int    // long side of the thumbnail (DefaultThumbMax)
	Quality         int    // JPEG quality of display and thumbnail (DefaultQuality)
	OriginalQuality int    // JPEG quality of the full-size copy (DefaultOriginalQuality)
	// Budget, shared by every worker of the process, is acquired for the
	// photo's estimated memory (Info.DecodeBytes and the file) once its
	// header is read and before it is decoded; nil waits for nothing.
	Budget *Budget
}

func (o *ProcessOptions) defaults() {
	o.Limits = o.Limits.withDefaults()
	if o.DisplayMax <= 0 {
		o.DisplayMax = DefaultDisplayMax
	}
	if o.ThumbMax <= 0 {
		o.ThumbMax = DefaultThumbMax
	}
	if o.Quality <= 0 {
		o.Quality = DefaultQuality
	}
	if o.OriginalQuality <= 0 {
		o.OriginalQuality = DefaultOriginalQuality
	}
}

// Result is a processed photo: three JPEG variants, upright, without any
// metadata of the upload (EXIF, GPS position, camera serial numbers,
// embedded thumbnails, XMP, comments), and the checks' report. The display
// and thumbnail variants are re-encoded from the pixels; the full-size one
// too, unless the upload is an upright YCbCr or grey JPEG, which keeps its
// own compressed data with the metadata segments cut out (stripJPEG). The
// colour profile does not survive either: pictures are taken as sRGB,
// which is what browsers assume for a JPEG without one.
type Result struct {
	Width, Height int    // of the picture as it should be seen, after EXIF orientation
	Original      []byte // JPEG, full size, upright, without metadata
	Display       []byte // JPEG, long side ≤ ProcessOptions.DisplayMax
	Thumb         []byte // JPEG, long side ≤ ProcessOptions.ThumbMax
	Report        Report
}

// ContentType is the type of every variant.
const ContentType = "image/jpeg"

// Process decodes a photo (JPEG, PNG or WebP), turns it upright as its
// EXIF orientation says (JPEG only: cameras and phones write the tag
// there; PNG and WebP are taken as stored), re-encodes the full-size picture without its
// metadata, makes the display and thumbnail variants and runs every check
// for kind. A file that can never be processed (empty, not a photo,
// damaged, too big) returns an *UploadError; only a failing reader
// returns another error, worth retrying. Decoder panics on hostile files
// are recovered and reported as damaged files.
//
// Cost on one core for a 12-megapixel JPEG: see BenchmarkProcess12MP;
// most of it Go's JPEG decoder at full size (an upright JPEG is not
// re-encoded at full size). The picture is decoded once and kept in its decoded YCbCr
// form (1.5 bytes a pixel); one reduced working copy (long side
// DisplayMax) is made straight from its planes and serves the display
// variant, the thumbnail and every check, after which the full-size
// picture is garbage.
//
// A picture whose header says decoding it would take more memory than
// Limits.MaxDecodeBytes (a 16-bit PNG, a large progressive JPEG) is
// refused before it is decoded, with the same *UploadError Inspect gives.
func Process(r io.Reader, kind domain.PhotoKind, opt ProcessOptions) (*Result, error) {
	return ProcessContext(context.Background(), r, kind, opt)
}

// ProcessContext is Process for a worker: ctx bounds the wait for
// opt.Budget, and its error (not an *UploadError, so worth retrying) is
// returned when it ends first.
func ProcessContext(ctx context.Context, r io.Reader, kind domain.PhotoKind, opt ProcessOptions) (*Result, error) {
	opt.defaults()
	up, err := load(ctx, r, opt.Limits, opt.Budget)
	if err != nil {
		return nil, err
	}
	defer up.release()
	img := up.img
	b := img.Bounds()
	res := &Result{Width: b.Dx(), Height: b.Dy(), Original: up.stripped}
	if res.Original == nil {
		if res.Original, err = encodeJPEG(img, opt.OriginalQuality, up.sizeHint); err != nil {
			return nil, err
		}
	}
	work := fit(img, opt.DisplayMax)
	if res.Display, err = encodeJPEG(work, opt.Quality, 0); err != nil {
		return nil, err
	}
	thumb := work
	if tw, th := fitSize(work.Rect.Dx(), work.Rect.Dy(), opt.ThumbMax); tw != work.Rect.Dx() || th != work.Rect.Dy() {
		thumb = resizeNRGBA(work, tw, th)
	}
	if res.Thumb, err = encodeJPEG(thumb, opt.Quality, 0); err != nil {
		return nil, err
	}
	// The checks always look at a workSide copy, whatever the display
	// size, so `slate media check` (CheckFiles) judges exactly as here.
	checked := work
	if opt.DisplayMax != workSide {
		checked = fit(img, workSide)
	}
	res.Report = analyze(checked, res.Width, res.Height, kind)
	return res, nil
}

// upload is a decoded upload, upright.
type upload struct {
	img image.Image
	// stripped is the upload itself without its metadata when it is an
	// upright JPEG (stripJPEG), the full-size variant as it is; nil when
	// the pixels must be re-encoded.
	stripped []byte
	// sizeHint guesses the size of the re-encoded JPEG, to pre-size the
	// buffer.
	sizeHint int
	// release gives back the memory budget, once the caller is done with
	// the picture.
	release func()
}

// load reads a whole upload within the limits, checks its header,
// acquires its estimated memory from budget and decodes it upright.
func load(ctx context.Context, r io.Reader, lim Limits, budget *Budget) (upload, error) {
	data, err := io.ReadAll(io.LimitReader(r, min(lim.MaxBytes, math.MaxInt64-1)+1)) // one byte more tells "too large" from "exactly the limit"
	if err != nil {
		return upload{}, fmt.Errorf("media: read: %w", err)
	}
	if err := CheckSize(int64(len(data)), lim); err != nil {
		return upload{}, err
	}
	info, err := inspectData(data, lim)
	if err != nil {
		return upload{}, err
	}
	release, err := budget.Acquire(ctx, info.DecodeBytes+int64(len(data)))
	if err != nil {
		return upload{}, err
	}
	img, err := decode(data, info.Format)
	if err != nil {
		release()
		return upload{}, err
	}
	up := upload{img: img, sizeHint: len(data) + len(data)/4, release: release}
	if info.Format == "jpeg" {
		o := jpegOrientation(data)
		if strippable(img, o) {
			if s, ok := stripJPEG(data); ok {
				up.stripped = s
			}
		}
		up.img = orient(img, o)
	}
	return up, nil
}

// decode decodes the whole picture with the sniffed format's decoder and
// normalises it.
func decode(data []byte, format string) (image.Image, error) {
	dec := map[string]func(io.Reader) (image.Image, error){"jpeg": jpeg.Decode, "png": png.Decode, "webp": webp.Decode}[format]
	if dec == nil {
		return nil, uploadErr(CodeUnsupported, msgUnsupported)
	}
	return decodeWith(data, dec)
}

// decodeWith runs dec, turning a decoder panic (seen on hostile files)
// into the same refusal as a damaged file, and a decoding error into a
// refusal (see decodeRefusal).
func decodeWith(data []byte, dec func(io.Reader) (image.Image, error)) (img image.Image, err error) {
	defer func() {
		if recover() != nil {
			img, err = nil, uploadErr(CodeCorrupt, msgCorrupt)
		}
	}()
	img, err = dec(bytes.NewReader(data))
	if err != nil {
		return nil, decodeRefusal(err)
	}
	return normalise(img), nil
}

// encodeJPEG encodes a picture as baseline JPEG. An opaque NRGBA is
// handed over as RGBA, the encoder's fast path. sizeHint pre-sizes the
// buffer so a 12-megapixel picture is not copied while it grows.
func encodeJPEG(img image.Image, quality, sizeHint int) ([]byte, error) {
	if n, ok := img.(*image.NRGBA); ok && n.Opaque() {
		img = opaqueRGBA(n)
	}
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality}); err != nil {
		return nil, fmt.Errorf("media: encode: %w", err)
	}
	return buf.Bytes(), nil
}
