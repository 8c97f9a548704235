package photocheck_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"io"
)

// PNG colour types, as IHDR names them.
const (
	pngGray      = 0
	pngRGB       = 2
	pngGrayAlpha = 4
	pngRGBA      = 6
)

// channels is the number of samples a pixel of colour type ct holds.
func channels(ct byte) int {
	return map[byte]int{pngGray: 1, pngRGB: 3, pngGrayAlpha: 2, pngRGBA: 4}[ct]
}

// chunkWriter writes PNG chunks.
type chunkWriter struct{ w io.Writer }

func (c chunkWriter) chunk(typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	c.w.Write(n[:])
	body := append([]byte(typ), data...)
	c.w.Write(body)
	binary.BigEndian.PutUint32(n[:], crc32.ChecksumIEEE(body))
	c.w.Write(n[:])
}

// ihdr is an IHDR chunk's data.
func ihdr(w, h int, depth, ct, interlace byte) []byte {
	d := make([]byte, 13)
	binary.BigEndian.PutUint32(d[0:], uint32(w))
	binary.BigEndian.PutUint32(d[4:], uint32(h))
	d[8], d[9], d[12] = depth, ct, interlace
	return d
}

// idatWriter turns what is written to it into IDAT chunks of at most
// 64 KB, so a stream of any size needs no more memory than that.
type idatWriter struct {
	c   chunkWriter
	buf []byte
}

func (i *idatWriter) Write(p []byte) (int, error) {
	i.buf = append(i.buf, p...)
	for len(i.buf) >= 64<<10 {
		i.c.chunk("IDAT", i.buf[:64<<10])
		i.buf = i.buf[64<<10:]
	}
	return len(p), nil
}

func (i *idatWriter) flush() {
	if len(i.buf) > 0 {
		i.c.chunk("IDAT", i.buf)
	}
}

// streamPNG writes a non-interlaced w×h PNG row by row: row fills the
// samples of row y (big-endian for 16 bits), so a picture of any size is
// written holding one row, never the whole image: how the benchmark
// makes a real 7000×7000 16-bit PNG without spending the 392 MB it
// decodes to.
func streamPNG(out io.Writer, w, h int, depth, ct byte, row func(y int, samples []byte)) error {
	c := chunkWriter{out}
	out.Write([]byte("\x89PNG\r\n\x1a\n"))
	c.chunk("IHDR", ihdr(w, h, depth, ct, 0))
	iw := &idatWriter{c: c}
	zw, err := zlib.NewWriterLevel(iw, zlib.BestSpeed)
	if err != nil {
		return err
	}
	bpp := channels(ct) * int(depth) / 8
	raw, line := make([]byte, w*bpp), make([]byte, 1+w*bpp)
	for y := 0; y < h; y++ {
		row(y, raw)
		// Filter Sub: each byte minus the one a pixel to its left, which
		// turns a smooth gradient into a run of equal bytes.
		line[0] = 1
		for i := range raw {
			line[1+i] = raw[i]
			if i >= bpp {
				line[1+i] -= raw[i-bpp]
			}
		}
		if _, err := zw.Write(line); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	iw.flush()
	c.chunk("IEND", nil)
	return nil
}

// gradientPNG is a w×h PNG of a smooth diagonal gradient, the kind of
// picture that compresses to a few bytes a row whatever its size.
func gradientPNG(w, h int, depth, ct byte) []byte {
	return rampPNG(w, h, depth, ct, max(1, 65535/(w+h))) // whole steps: the Sub filter then leaves runs of equal bytes
}

// flatPNG is a w×h PNG of one grey: at 7000×7000 and 16 bits, the 381 KB
// file of issue 8 (deflate's best ratio is about 1000 to 1).
func flatPNG(w, h int, depth, ct byte) []byte { return rampPNG(w, h, depth, ct, 0) }

// rampPNG is a w×h PNG whose samples grow by step from one pixel to the next.
func rampPNG(w, h int, depth, ct byte, step int) []byte {
	var buf bytes.Buffer
	n, bytesPer := channels(ct), int(depth)/8
	err := streamPNG(&buf, w, h, depth, ct, func(y int, s []byte) {
		for x := 0; x < w; x++ {
			v := uint16((x + y) * step)
			if step == 0 {
				v = 0x8000 // mid grey
			}
			for c := 0; c < n; c++ {
				s := s[(x*n+c)*bytesPer:]
				if c == 3 || (ct == pngGrayAlpha && c == 1) {
					v = 0xFFFF // opaque
				}
				if bytesPer == 2 {
					binary.BigEndian.PutUint16(s, v)
				} else {
					s[0] = uint8(v >> 8)
				}
			}
		}
	})
	if err != nil {
		panic(err)
	}
	return buf.Bytes()
}
