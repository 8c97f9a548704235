// Package media checks and processes the photos talent upload, with no
// I/O of its own: the web handler calls Inspect on the request (header
// only, never a full decode), and the River worker and `slate media check`
// call Process/Analyze, so the command line and the worker run the same
// code.
package media

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"

	"golang.org/x/image/webp"
)

// Kind says which rules a picture is judged by.
type Kind string

// The kinds of picture.
const (
	KindHeadshot Kind = "headshot"
	KindBook     Kind = "book"
)

// Limits bound what an upload may cost.
type Limits struct {
	MaxBytes  int64 // per file
	MaxPixels int   // width × height, checked from the header before decoding
}

// DefaultLimits are 20 MB and 50 megapixels per photo.
func DefaultLimits() Limits { return Limits{MaxBytes: 20 << 20, MaxPixels: 50_000_000} }

// UploadError is a refusal a person can act on: Message says what is wrong
// in plain words and what to do.
type UploadError struct {
	Code    string // empty, unsupported, corrupt, too_large, too_many_pixels
	Message string
}

func (e *UploadError) Error() string { return e.Message }

func uploadErr(code, format string, args ...any) *UploadError {
	return &UploadError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// IsPermanent reports whether err means the file can never be processed
// (so a job should give up rather than retry).
func IsPermanent(err error) bool {
	var ue *UploadError
	return errors.As(err, &ue)
}

// Info is what the header of an accepted picture says.
type Info struct {
	Format      string // jpeg, png, webp
	ContentType string
	Width       int
	Height      int
}

// CheckSize refuses empty and oversized files.
func CheckSize(n int64, lim Limits) error {
	switch {
	case n <= 0:
		return uploadErr("empty", "This file is empty: choose the photo again.")
	case lim.MaxBytes > 0 && n > lim.MaxBytes:
		return uploadErr("too_large", "This file is %s: photos can be up to %s. Export it at a smaller size.", humanBytes(n), humanBytes(lim.MaxBytes))
	}
	return nil
}

// sniff names the format from the first bytes, whatever the file is called.
func sniff(head []byte) (format, contentType string, err error) {
	switch {
	case len(head) == 0:
		return "", "", uploadErr("empty", "This file is empty: choose the photo again.")
	case bytes.HasPrefix(head, []byte{0xFF, 0xD8, 0xFF}):
		return "jpeg", "image/jpeg", nil
	case bytes.HasPrefix(head, []byte("\x89PNG\r\n\x1a\n")):
		return "png", "image/png", nil
	case len(head) >= 12 && bytes.Equal(head[:4], []byte("RIFF")) && bytes.Equal(head[8:12], []byte("WEBP")):
		return "webp", "image/webp", nil
	case len(head) >= 12 && bytes.Equal(head[4:8], []byte("ftyp")) && (bytes.Contains(head[8:12], []byte("hei")) || bytes.Contains(head[8:12], []byte("mif"))):
		return "", "", uploadErr("unsupported", "HEIC photos are not supported: export the photo as JPEG and upload it again.")
	case bytes.HasPrefix(head, []byte("GIF8")):
		return "", "", uploadErr("unsupported", "GIF files are not accepted: upload a JPEG, PNG or WebP photo.")
	}
	return "", "", uploadErr("unsupported", "This file is not a JPEG, PNG or WebP photo, whatever its name says: upload a photo in one of those formats.")
}

// Inspect sniffs the content and reads the dimensions from the header
// alone, refusing pixel floods before anything is decoded.
func Inspect(r io.Reader, lim Limits) (Info, error) {
	br := bufio.NewReaderSize(r, 4096)
	head, _ := br.Peek(32)
	format, ct, err := sniff(head)
	if err != nil {
		return Info{}, err
	}
	var cfg image.Config
	switch format {
	case "jpeg":
		cfg, err = jpeg.DecodeConfig(br)
	case "png":
		cfg, err = png.DecodeConfig(br)
	case "webp":
		cfg, err = webp.DecodeConfig(br)
	}
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return Info{}, uploadErr("corrupt", "This file is damaged or incomplete: export the photo again and upload it.")
	}
	if lim.MaxPixels > 0 && int64(cfg.Width)*int64(cfg.Height) > int64(lim.MaxPixels) {
		return Info{}, uploadErr("too_many_pixels", "This picture is %d × %d pixels, over the %d-megapixel limit: resize it and upload it again.",
			cfg.Width, cfg.Height, lim.MaxPixels/1_000_000)
	}
	return Info{Format: format, ContentType: ct, Width: cfg.Width, Height: cfg.Height}, nil
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
