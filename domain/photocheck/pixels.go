package photocheck

import (
	"image"
	"image/draw"
	"math"

	"github.com/disintegration/imaging"
)

// normalise returns the decoded picture as one of the three types the rest
// of the package works on fast, all opaque: *image.YCbCr (most JPEGs and
// lossy WebPs, kept as decoded), *image.Gray (greyscale JPEGs) or
// *image.RGBA. Transparency is flattened onto white, as a JPEG cannot
// carry it and a cut-out portrait is meant to be seen on a light page.
// An opaque NRGBA (most PNGs) is reused as RGBA without a copy: the two
// layouts are the same when every alpha is 255.
func normalise(img image.Image) image.Image {
	switch m := img.(type) {
	case *image.YCbCr, *image.Gray:
		return m
	case *image.RGBA:
		if m.Opaque() {
			return m
		}
	case *image.NRGBA:
		flattenNRGBA(m)
		return opaqueRGBA(m)
	}
	b := img.Bounds()
	dst := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(dst, dst.Rect, image.White, image.Point{}, draw.Src)
	draw.Draw(dst, dst.Rect, img, b.Min, draw.Over)
	return dst
}

// flattenNRGBA composites a non-premultiplied picture onto white in place.
func flattenNRGBA(m *image.NRGBA) {
	b := m.Rect
	for y := 0; y < b.Dy(); y++ {
		row := m.Pix[y*m.Stride : y*m.Stride+b.Dx()*4]
		for i := 0; i < len(row); i += 4 {
			a := int(row[i+3])
			if a == 0xFF {
				continue
			}
			for c := 0; c < 3; c++ {
				row[i+c] = uint8((int(row[i+c])*a + 0xFF*(0xFF-a) + 127) / 0xFF)
			}
			row[i+3] = 0xFF
		}
	}
}

// opaqueRGBA views an opaque NRGBA as RGBA, sharing its pixels, so the
// JPEG encoder takes its fast path (it has none for NRGBA).
func opaqueRGBA(m *image.NRGBA) *image.RGBA {
	return &image.RGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}

// opaqueNRGBA is the reverse view, for imaging and the checks.
func opaqueNRGBA(m *image.RGBA) *image.NRGBA {
	return &image.NRGBA{Pix: m.Pix, Stride: m.Stride, Rect: m.Rect}
}

// fit returns an NRGBA copy of a normalised picture whose long side is at
// most max, never enlarged: the one reduced working copy every check and
// the display variant are made from. YCbCr and Gray pictures are reduced
// plane by plane at 8 bits and converted to RGB only at the small size,
// which on a 12-megapixel JPEG is several times faster than resampling at
// full size in RGBA.
func fit(img image.Image, max int) *image.NRGBA {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := fitSize(w, h, max)
	switch m := img.(type) {
	case *image.YCbCr:
		if m.Rect.Min == (image.Point{}) {
			// Chroma is reduced to half the size only: every variant is
			// encoded as 4:2:0 JPEG, which keeps no more than that.
			cw, ch := chromaSize(m.SubsampleRatio, w, h)
			hw, hh := (dw+1)/2, (dh+1)/2
			y := resizePlane(m.Y, w, h, m.YStride, dw, dh)
			cb := resizePlane(m.Cb, cw, ch, m.CStride, hw, hh)
			cr := resizePlane(m.Cr, cw, ch, m.CStride, hw, hh)
			dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
			for yy := 0; yy < dh; yy++ {
				ys := y[yy*dw : (yy+1)*dw]
				cbs, crs := cb[(yy/2)*hw:(yy/2+1)*hw], cr[(yy/2)*hw:(yy/2+1)*hw]
				out := dst.Pix[yy*dst.Stride : yy*dst.Stride+4*dw]
				for x, l := range ys {
					out[4*x], out[4*x+1], out[4*x+2] = ycbcrToRGB(int(l), int(cbs[x/2]), int(crs[x/2]))
					out[4*x+3] = 0xFF
				}
			}
			return dst
		}
	case *image.Gray:
		if m.Rect.Min == (image.Point{}) {
			g := resizePlane(m.Pix, w, h, m.Stride, dw, dh)
			dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
			for i, p := 0, 0; i < len(g); i, p = i+1, p+4 {
				dst.Pix[p], dst.Pix[p+1], dst.Pix[p+2], dst.Pix[p+3] = g[i], g[i], g[i], 0xFF
			}
			return dst
		}
	case *image.RGBA:
		if m.Rect.Min == (image.Point{}) {
			n := opaqueNRGBA(m) // same bytes
			if dw == w && dh == h {
				return imaging.Clone(n)
			}
			return resizeNRGBA(n, dw, dh)
		}
	}
	if dw == w && dh == h {
		return imaging.Clone(img)
	}
	return imaging.Resize(img, dw, dh, imaging.Linear)
}

// fitSize is the size of a w×h picture reduced so its long side is at
// most max, keeping the proportions (never enlarged, at least 1×1).
func fitSize(w, h, max int) (int, int) {
	if w <= max && h <= max {
		return w, h
	}
	if w >= h {
		return max, int(math.Max(1, math.Round(float64(h)*float64(max)/float64(w))))
	}
	return int(math.Max(1, math.Round(float64(w)*float64(max)/float64(h)))), max
}

// ycbcrToRGB is the JFIF conversion in integers, as image/color does it.
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

// weightBits is the fixed-point precision of the resampling weights.
const weightBits = 14

// kernel is a resampling filter as fixed-point weights: destination
// sample v is the sum over k < taps of weights[v*taps+k] times source
// sample start[v]+k. Every destination sample has the same number of
// taps (padded with zero weights), which keeps the inner loops short and
// free of per-sample slices.
type kernel struct {
	taps    int
	start   []int
	weights []int32
}

// tentKernel is a triangle filter whose support widens with the reduction
// factor, so each output sample averages the whole area it covers:
// imaging.Linear's filter, in fixed point. Each sample's weights sum to
// exactly 1<<weightBits, so flat areas stay exactly flat.
func tentKernel(src, dst int) kernel {
	scale := float64(src) / float64(dst)
	support := math.Max(scale, 1)
	taps := min(src, int(math.Ceil(2*support))+1)
	k := kernel{taps: taps, start: make([]int, dst), weights: make([]int32, dst*taps)}
	ws := make([]float64, taps)
	for v := 0; v < dst; v++ {
		centre := (float64(v)+0.5)*scale - 0.5
		lo := min(max(0, int(math.Ceil(centre-support))), src-taps)
		var sum float64
		for i := range ws {
			ws[i] = math.Max(0, 1-math.Abs(float64(lo+i)-centre)/support)
			sum += ws[i]
		}
		if sum == 0 { // cannot happen with taps ≥ 2·support, kept for safety
			ws[min(taps-1, max(0, int(math.Round(centre))-lo))], sum = 1, 1
		}
		k.start[v] = lo
		row := k.weights[v*taps : (v+1)*taps]
		var total, big int32
		for i, w := range ws {
			row[i] = int32(math.Round(w / sum * (1 << weightBits)))
			total += row[i]
			if row[i] > row[big] {
				big = int32(i)
			}
		}
		row[big] += 1<<weightBits - total
	}
	return k
}

// halve averages 2×2 blocks of a w×h plane: a cheap, exact first step
// for large reductions, which leaves the tent filter a factor under 2
// and so few taps.
func halve(src []byte, w, h, stride int) ([]byte, int, int) {
	dw, dh := w/2, h/2
	dst := make([]byte, dw*dh)
	for y := 0; y < dh; y++ {
		a := src[2*y*stride : 2*y*stride+2*dw]
		b := src[(2*y+1)*stride : (2*y+1)*stride+2*dw]
		out := dst[y*dw : (y+1)*dw]
		for x := range out {
			out[x] = uint8((int(a[2*x]) + int(a[2*x+1]) + int(b[2*x]) + int(b[2*x+1]) + 2) >> 2)
		}
	}
	return dst, dw, dh
}

// resizePlane resamples a w×h 8-bit plane (rows stride apart) to dw×dh:
// halved while it is more than twice too large, then tent-filtered
// horizontally and vertically. The vertical pass accumulates whole rows,
// which keeps memory access sequential.
func resizePlane(src []byte, w, h, stride, dw, dh int) []byte {
	for w >= 2*dw && h >= 2*dh && w >= 4 && h >= 4 {
		src, w, h = halve(src, w, h, stride)
		stride = w
	}
	if dw == w && dh == h {
		dst := make([]byte, w*h)
		for y := 0; y < h; y++ {
			copy(dst[y*w:(y+1)*w], src[y*stride:])
		}
		return dst
	}
	const half = 1 << (weightBits - 1)
	xk := tentKernel(w, dw)
	tmp := make([]byte, dw*h)
	for y := 0; y < h; y++ {
		row := src[y*stride : y*stride+w]
		out := tmp[y*dw : (y+1)*dw]
		for x := range out {
			in := row[xk.start[x] : xk.start[x]+xk.taps]
			ws := xk.weights[x*xk.taps : (x+1)*xk.taps]
			ws = ws[:len(in)] // lets the compiler drop the bounds check below
			var acc int32
			for i, p := range in {
				acc += int32(p) * ws[i]
			}
			out[x] = uint8((acc + half) >> weightBits)
		}
	}
	dst := make([]byte, dw*dh)
	resampleRows(tmp, dw, h, dh, func(y int, acc []int32) {
		out := dst[y*dw : (y+1)*dw]
		for x, a := range acc {
			out[x] = uint8((a + half) >> weightBits)
		}
	})
	return dst
}

// resampleRows is the vertical pass of both resizers: it tent-filters h
// rows of rowLen values in tmp down to dh rows, accumulating whole rows
// (sequential memory access), and hands each output row's fixed-point
// sums to emit, which must not keep acc.
func resampleRows(tmp []byte, rowLen, h, dh int, emit func(y int, acc []int32)) {
	yk := tentKernel(h, dh)
	acc := make([]int32, rowLen)
	for y := 0; y < dh; y++ {
		clear(acc)
		for i, wt := range yk.weights[y*yk.taps : (y+1)*yk.taps] {
			if wt == 0 {
				continue
			}
			r := yk.start[y] + i
			for x, p := range tmp[r*rowLen : (r+1)*rowLen] {
				acc[x] += int32(p) * wt
			}
		}
		emit(y, acc)
	}
}

// resizeNRGBA resamples an opaque NRGBA picture with the same filter as
// resizePlane, at 8 bits per channel; the result is opaque.
func resizeNRGBA(src *image.NRGBA, dw, dh int) *image.NRGBA {
	w, h := src.Rect.Dx(), src.Rect.Dy()
	const half = 1 << (weightBits - 1)
	xk := tentKernel(w, dw)
	tmp := make([]byte, dw*h*3)
	for y := 0; y < h; y++ {
		row := src.Pix[y*src.Stride : y*src.Stride+4*w]
		out := tmp[y*dw*3 : (y+1)*dw*3]
		for x := 0; x < dw; x++ {
			ws := xk.weights[x*xk.taps : (x+1)*xk.taps]
			in := row[4*xk.start[x] : 4*(xk.start[x]+xk.taps)]
			var r, g, b int32
			for i, wt := range ws {
				p := in[4*i : 4*i+3]
				r += int32(p[0]) * wt
				g += int32(p[1]) * wt
				b += int32(p[2]) * wt
			}
			out[3*x], out[3*x+1], out[3*x+2] = uint8((r+half)>>weightBits), uint8((g+half)>>weightBits), uint8((b+half)>>weightBits)
		}
	}
	dst := image.NewNRGBA(image.Rect(0, 0, dw, dh))
	resampleRows(tmp, dw*3, h, dh, func(y int, acc []int32) {
		out := dst.Pix[y*dst.Stride : y*dst.Stride+4*dw]
		for x := 0; x < dw; x++ {
			out[4*x] = uint8((acc[3*x] + half) >> weightBits)
			out[4*x+1] = uint8((acc[3*x+1] + half) >> weightBits)
			out[4*x+2] = uint8((acc[3*x+2] + half) >> weightBits)
			out[4*x+3] = 0xFF
		}
	})
	return dst
}
