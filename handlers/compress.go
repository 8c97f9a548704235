package handlers

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/andybalholm/brotli"
	"github.com/gofiber/fiber/v2"
	"github.com/klauspost/compress/gzip"
)

// Text responses are compressed: the profile editor is 42 KB of HTML and
// about a fifth of that compressed. Both encodings run at their fastest
// level, because on a busy web process CPU is dearer than the few extra
// kilobytes a higher level saves (brotli's quality 0 and gzip's level 1
// both cost about as much as rendering the page, and a higher quality
// several times more).
const (
	brotliQuality = 0
	gzipLevel     = gzip.BestSpeed
	// minCompress is the smallest body worth compressing: below a
	// kilobyte the response's headers (CSP and the rest, about 700 bytes)
	// outweigh the body, the answer fits in one packet either way, and
	// gzip's tables cost more CPU than the body itself (the meter
	// fragment's 0.8 KB took a tenth of its request's time to compress).
	minCompress = 1024
	// maxCompressStream bounds a streamed text body read whole to be
	// compressed (the largest static file is htmx, about 50 KB).
	maxCompressStream = 1 << 20
)

// compressText compresses the response of every route below it when it
// is text (HTML, CSS, JavaScript, JSON, SVG) and the browser accepts
// brotli or gzip. Media are never compressed: photos are JPEG, reels are
// compressed audio or video, and compressing them again costs CPU for
// nothing. fasthttp's own compressor (which Fiber's compress middleware
// calls) would compress every application/* and multipart/* type, an
// uploaded file's type included; this one compresses only what it knows
// to be text. Error pages pass through uncompressed: the error handler
// renders them after this middleware has returned.
func compressText(c *fiber.Ctx) error {
	if err := c.Next(); err != nil {
		return err
	}
	resp := c.Response()
	if !compressible(string(resp.Header.ContentType())) {
		return nil
	}
	// Caches must keep the encodings apart, whether or not this request
	// got one.
	c.Vary(fiber.HeaderAcceptEncoding)
	if len(resp.Header.ContentEncoding()) > 0 {
		return nil
	}
	if resp.IsBodyStream() {
		// A static file, streamed from the embedded folder: read it
		// (Body drains the stream) unless its size is unknown or large.
		if n := resp.Header.ContentLength(); n < 0 || n > maxCompressStream {
			return nil
		}
	}
	if len(resp.Body()) < minCompress {
		return nil
	}
	enc := negotiateEncoding(c.Get(fiber.HeaderAcceptEncoding))
	if enc == "" {
		return nil
	}
	buf := compressBufs.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		compressBufs.Put(buf)
	}()
	if err := encode(buf, enc, resp.Body()); err != nil {
		return err
	}
	resp.SetBody(buf.Bytes())
	resp.Header.Set(fiber.HeaderContentEncoding, enc)
	return nil
}

// compressible reports whether a content type is text that compresses
// well. Anything else, media first, is sent as it is.
func compressible(contentType string) bool {
	ct, _, _ := strings.Cut(contentType, ";")
	ct = strings.TrimSpace(strings.ToLower(ct))
	switch ct {
	case "application/json", "application/javascript", "application/xml", "image/svg+xml":
		return true
	}
	return strings.HasPrefix(ct, "text/")
}

// negotiateEncoding picks the encoding for an Accept-Encoding header:
// brotli or gzip, whichever the browser weighs higher (a "*" stands for
// both, q=0 refuses one); on a tie, gzip, which compresses as well as
// brotli's fastest quality in less CPU. "" means identity.
func negotiateEncoding(accept string) string {
	q := map[string]float64{}
	star := -1.0
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.ToLower(strings.TrimSpace(name))
		weight := 1.0
		if k, v, ok := strings.Cut(strings.TrimSpace(params), "="); ok && strings.TrimSpace(k) == "q" {
			w, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err != nil {
				continue
			}
			weight = w
		}
		if name == "*" {
			star = weight
			continue
		}
		q[name] = weight
	}
	weigh := func(name string) float64 {
		if w, ok := q[name]; ok {
			return w
		}
		return star
	}
	gz, br := weigh("gzip"), weigh("br")
	switch {
	case gz <= 0 && br <= 0:
		return ""
	case br > gz:
		return "br"
	}
	return "gzip"
}

// encode writes body to w in the named encoding with a pooled writer:
// a new brotli or gzip writer allocates far more than the page itself.
func encode(w io.Writer, enc string, body []byte) error {
	pool := &gzipWriters
	if enc == "br" {
		pool = &brotliWriters
	}
	zw := pool.Get().(encoder)
	defer pool.Put(zw)
	zw.Reset(w)
	if _, err := zw.Write(body); err != nil {
		return err
	}
	return zw.Close()
}

// encoder is a brotli or gzip writer, reusable after Reset.
type encoder interface {
	io.WriteCloser
	Reset(io.Writer)
}

var (
	compressBufs  = sync.Pool{New: func() any { return new(bytes.Buffer) }}
	brotliWriters = sync.Pool{New: func() any { return brotli.NewWriterLevel(io.Discard, brotliQuality) }}
	gzipWriters   = sync.Pool{New: func() any {
		w, _ := gzip.NewWriterLevel(io.Discard, gzipLevel) // a valid level: never an error
		return w
	}}
)
