// Package photocheck checks and processes the photos talent upload: a headshot
// and the pictures of their book.
//
// It does no I/O of its own (CheckFiles, for the command line, is the one
// exception): the web handler calls CheckSize and Inspect on the upload
// (the header only, never a full decode, so a hostile file costs nothing),
// and the River worker and `slate media check` call Process or Analyze, so
// the command line and the worker judge a picture with the same code.
//
// The checks follow the platform's rules for a good profile picture and
// book: an individual portrait with the face clear and the eyes visible,
// professional quality (neither blurred nor pixelated), no phone
// screenshots, no borders. Every check is a small pure function with its
// thresholds as named constants, and says in plain words what to do.
package photocheck

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"strconv"

	"golang.org/x/image/webp"
)

// Limits bound what one upload may cost. A zero field means "use the
// default" wherever Limits are taken.
type Limits struct {
	MaxBytes  int64 // size of the file
	MaxPixels int   // width × height, checked from the header before anything is decoded
	// MaxDecodeBytes bounds the memory decoding and processing the picture
	// would take, estimated from its header (bit depth, channels,
	// subsampling, progressive coding: see memory.go) before anything is
	// decoded; the file itself comes on top.
	MaxDecodeBytes int64
}

// The default limits: a 12-megapixel phone photo is 3–6 MB and a
// 50-megapixel camera file stays under 20 MB as a good JPEG. The pixel
// cap alone does not bound memory (a 16-bit PNG takes three times what a
// JPEG of the same size does), which is what DefaultMaxDecodeBytes is for.
const (
	DefaultMaxBytes  = 20 << 20
	DefaultMaxPixels = 50_000_000
)

// DefaultLimits are 20 MB, 50 megapixels and 180 MB of decoding per photo.
func DefaultLimits() Limits {
	return Limits{MaxBytes: DefaultMaxBytes, MaxPixels: DefaultMaxPixels, MaxDecodeBytes: DefaultMaxDecodeBytes}
}

// PhotoMemory is the most one photo may hold while Process runs: its
// file and its decoding. A Budget of this size lets a picture at the
// limit run alone and smaller ones side by side.
func (l Limits) PhotoMemory() int64 {
	l = l.withDefaults()
	return l.MaxBytes + l.MaxDecodeBytes
}

// withDefaults fills zero fields, so a caller that sets only one limit
// does not switch the other one off.
func (l Limits) withDefaults() Limits {
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	if l.MaxDecodeBytes <= 0 {
		l.MaxDecodeBytes = DefaultMaxDecodeBytes
	}
	return l
}

// Codes of an UploadError, stable so handlers and tests can switch on
// them while the messages stay free to change.
const (
	CodeEmpty         = "empty"           // zero-byte file
	CodeUnsupported   = "unsupported"     // not a JPEG, PNG or WebP picture
	CodeCorrupt       = "corrupt"         // damaged or truncated header or body
	CodeTooLarge      = "too_large"       // more bytes than Limits.MaxBytes
	CodeTooManyPixels = "too_many_pixels" // more pixels than Limits.MaxPixels
	// CodeTooMuchMemory (memory.go): more memory to decode than Limits.MaxDecodeBytes
)

// UploadError is a refusal a person can act on: the file can never be
// processed, and Message says in plain words what is wrong and what to do,
// ready to show next to the upload field.
type UploadError struct {
	Code    string // one of the Code constants
	Message string
}

// Error returns the plain message, so wrapping code shows people the same
// words.
func (e *UploadError) Error() string { return e.Message }

func uploadErr(code, format string, args ...any) *UploadError {
	return &UploadError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// The messages, in one place so the same problem reads the same wherever
// it is found.
const (
	msgEmpty       = "This file is empty: choose the photo again and upload it."
	msgUnsupported = "This file is not a JPEG, PNG or WebP photo, whatever its name says: upload a photo in one of those formats."
	msgCorrupt     = "This file is damaged or incomplete: export the photo again from your camera or phone and upload it."
)

// IsPermanent reports whether err means the file can never be processed,
// so a job should record the reason and give up rather than retry.
func IsPermanent(err error) bool {
	var ue *UploadError
	return errors.As(err, &ue)
}

// Info is what the header of an accepted picture says.
type Info struct {
	Format      string // jpeg, png or webp
	ContentType string // image/jpeg, image/png or image/webp
	Width       int    // as stored: EXIF orientation is applied by Process
	Height      int
	// DecodeBytes is the estimated memory decoding and processing it
	// takes, the file excluded: what Process acquires from a Budget.
	DecodeBytes int64
}

// CheckSize refuses empty and oversized files from their size alone, for
// a handler that knows the size before reading (a multipart header).
func CheckSize(n int64, lim Limits) error {
	lim = lim.withDefaults()
	switch {
	case n <= 0:
		return uploadErr(CodeEmpty, msgEmpty)
	case n > lim.MaxBytes:
		return uploadErr(CodeTooLarge, "This file is %s: photos can be up to %s. Export it at a smaller size and upload it again.",
			humanBytes(n), humanBytes(lim.MaxBytes))
	}
	return nil
}

// sniffLen is how many bytes sniff needs: WebP's "WEBP" tag ends at 12
// and HEIC's brand at 12.
const sniffLen = 12

// sniff names the format from the magic bytes, whatever the file is
// called: a PDF or a GIF renamed .jpg is refused here. Formats people
// commonly try get their own message, since "export it as JPEG" is the
// fix; each of these refusals says "not a JPEG, PNG or WebP", which the
// upload page's tests look for.
func sniff(head []byte) (format, contentType string, err error) {
	switch {
	case len(head) == 0:
		return "", "", uploadErr(CodeEmpty, msgEmpty)
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg", "image/jpeg", nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "png", "image/png", nil
	case len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP":
		return "webp", "image/webp", nil
	case len(head) >= 12 && string(head[4:8]) == "ftyp" && (bytes.Contains(head[8:12], []byte("hei")) || bytes.Contains(head[8:12], []byte("mif")) || bytes.Contains(head[8:12], []byte("avi"))):
		return "", "", uploadErr(CodeUnsupported, "This is a HEIC or AVIF photo, not a JPEG, PNG or WebP one: export the photo as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) and upload it again.")
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "", "", uploadErr(CodeUnsupported, "This is a GIF, not a JPEG, PNG or WebP photo: upload the photo in one of those formats.")
	case bytes.HasPrefix(head, []byte("%PDF")):
		return "", "", uploadErr(CodeUnsupported, "This is a PDF document, not a JPEG, PNG or WebP photo: upload the photo itself.")
	}
	return "", "", uploadErr(CodeUnsupported, msgUnsupported)
}

// countingReader counts the bytes read through it, so Inspect notices a
// header that runs past MaxBytes (a JPEG padded with huge metadata).
type countingReader struct {
	r io.Reader
	n int64
}

// Read reads from the underlying reader and counts.
func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// Inspect sniffs the content (JPEG, PNG or WebP, by magic bytes only) and
// reads the dimensions from the header alone with DecodeConfig, refusing
// pixel floods (a small file claiming a huge picture) before anything is
// decoded or allocated. It then estimates from the same header what
// decoding would cost in memory (bit depth and channels, not only pixels)
// and refuses what would exceed MaxDecodeBytes, as Process does. Every
// refusal is an *UploadError; an error from r itself is returned as it is.
func Inspect(r io.Reader, lim Limits) (Info, error) {
	lim = lim.withDefaults()
	cr := &countingReader{r: r}
	br := bufio.NewReaderSize(cr, 4096)
	head, err := br.Peek(sniffLen)
	if err != nil && !errors.Is(err, io.EOF) {
		return Info{}, fmt.Errorf("media: read: %w", err)
	}
	// The header is read twice, by DecodeConfig and by headerCost; what
	// the first read consumed (the header only, within MaxBytes, checked
	// below) is kept for the second, so any reader will do.
	var seen bytes.Buffer
	again := func() io.Reader { return io.MultiReader(&seen, br) }
	return inspect(head, io.TeeReader(br, &seen), again, func() int64 { return cr.n }, lim)
}

// inspectData is Inspect over a file already in memory, which reads the
// header twice without keeping a copy of it.
func inspectData(data []byte, lim Limits) (Info, error) {
	lim = lim.withDefaults()
	head := data[:min(len(data), sniffLen)]
	again := func() io.Reader { return bytes.NewReader(data) }
	return inspect(head, bytes.NewReader(data), again, func() int64 { return int64(len(data)) }, lim)
}

// inspect is Inspect's judgement: sniff the head, read the header with
// the format's DecodeConfig from hdr, then again from again() for the
// memory estimate. read tells how many bytes of the file were read.
func inspect(head []byte, hdr io.Reader, again func() io.Reader, read func() int64, lim Limits) (Info, error) {
	format, ct, err := sniff(head)
	if err != nil {
		return Info{}, err
	}
	cfg, err := decodeConfig(hdr, format)
	if read() > lim.MaxBytes {
		return Info{}, CheckSize(read(), lim)
	}
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, decodeRefusal(err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > int64(lim.MaxPixels) {
		return Info{}, uploadErr(CodeTooManyPixels, "This picture is %d × %d pixels, over the %s-megapixel limit: resize it and upload it again.",
			cfg.Width, cfg.Height, strconv.FormatFloat(float64(lim.MaxPixels)/1e6, 'g', 3, 64))
	}
	c, err := headerCost(again(), format, cfg.Width, cfg.Height)
	if read() > lim.MaxBytes {
		return Info{}, CheckSize(read(), lim)
	}
	if err != nil {
		return Info{}, decodeRefusal(err)
	}
	if c.bytes > lim.MaxDecodeBytes {
		return Info{}, memoryRefusal(c, cfg.Width, cfg.Height, lim)
	}
	return Info{Format: format, ContentType: ct, Width: cfg.Width, Height: cfg.Height, DecodeBytes: c.bytes}, nil
}

// memoryRefusal says what makes a picture too costly to open and the
// export that fixes it.
func memoryRefusal(c cost, w, h int, lim Limits) *UploadError {
	fix := "export it as a JPEG, or at a smaller size, and upload it again."
	switch c.why {
	case "16bit":
		fix = "it is saved with 16 bits per colour, which photos do not need: export it as a JPEG (or an 8-bit PNG) and upload it again."
	case "progressive":
		fix = "it is saved as a progressive JPEG, which takes several times more memory to open: export it as a standard (baseline) JPEG, or at a smaller size, and upload it again."
	}
	return uploadErr(CodeTooMuchMemory, "This %d × %d picture would take about %s of memory to open, more than the %s a photo may use: %s",
		w, h, humanBytes(c.bytes), humanBytes(lim.MaxDecodeBytes), fix)
}

// decodeConfig reads the header with the sniffed format's own decoder
// (never image.DecodeConfig, which would accept any registered format).
func decodeConfig(r io.Reader, format string) (image.Config, error) {
	dec := map[string]func(io.Reader) (image.Config, error){"jpeg": jpeg.DecodeConfig, "png": png.DecodeConfig, "webp": webp.DecodeConfig}[format]
	if dec == nil {
		return image.Config{}, fmt.Errorf("media: unknown format %q", format)
	}
	return decodeConfigWith(r, dec)
}

// decodeConfigWith runs dec, turning a panic on a hostile header into an
// error.
func decodeConfigWith(r io.Reader, dec func(io.Reader) (image.Config, error)) (cfg image.Config, err error) {
	defer func() {
		if p := recover(); p != nil {
			cfg, err = image.Config{}, fmt.Errorf("media: header decoder panic: %v", p)
		}
	}()
	return dec(r)
}

// decodeRefusal is the refusal for a file its decoder rejected: a valid
// file using a feature Go's decoders lack (a 12-bit or lossless JPEG) is
// told apart from a damaged one, since exporting it again as an ordinary
// JPEG fixes it.
func decodeRefusal(err error) *UploadError {
	var je jpeg.UnsupportedError
	var pe png.UnsupportedError
	if errors.As(err, &je) || errors.As(err, &pe) {
		return uploadErr(CodeUnsupported, "This photo is saved in an unusual variant of its format that we cannot read: export it again as an ordinary JPEG and upload it.")
	}
	return uploadErr(CodeCorrupt, msgCorrupt)
}

// humanBytes writes a size the way people read it.
func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
