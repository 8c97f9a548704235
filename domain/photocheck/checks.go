package photocheck

import (
	"fmt"
	"image"
	"math"
	"slices"

	"github.com/slatecasting/slate/domain"
)

// Report is the verdict on one picture and every check's result, stored
// as JSON with the photo and shown to its owner.
type Report struct {
	Kind    domain.PhotoKind `json:"kind"`
	Verdict string           `json:"verdict"` // Pass or Fail: Fail if any check failed; a warning does not fail a picture
	Checks  []CheckResult    `json:"checks"`
}

// CheckResult is one check's outcome.
type CheckResult struct {
	Name    string  `json:"name"`    // resolution, orientation, blur, borders, screenshot, exposure, face, face_size, face_position, eyes
	Status  string  `json:"status"`  // Pass, Warn or Fail
	Message string  `json:"message"` // plain words: what was found and, unless it passed, what to do
	Value   float64 `json:"value"`   // the measured figure the status was decided on (see each check)
	Detail  string  `json:"detail,omitempty"`
}

// Check statuses (and the two verdicts, Pass and Fail).
const (
	Pass = "pass"
	Warn = "warn"
	Fail = "fail"
)

// Resolution and orientation rules.
const (
	// MinShortSide is the smallest short side accepted: below it a
	// picture looks pixelated on any screen.
	MinShortSide = 500
	// RecommendedShortSide is what a recruiter's large screen needs.
	RecommendedShortSide = 1000
	// MaxHeadshotAspect is the widest width/height ratio of a headshot:
	// portrait or square, with 5% of tolerance for a square crop.
	MaxHeadshotAspect = 1.05
)

// Sharpness rules. Sharpness is the variance of the Laplacian of a grey
// copy whose long side is blurSide, measured in tiles and averaged over
// the sharpest quarter: a portrait with a soft, out-of-focus background
// is sharp where it matters, while a blurred or shaken photo is soft
// everywhere. Calibrated in TestBlurCalibration: sharp photos and the
// real portrait measure 145–3000; a Gaussian blur of σ = 2 px on a
// 1200–1600 px picture brings them to 40–75 (warn), σ = 3 px to 18–50
// and σ ≥ 5 px under 12 (fail).
const (
	BlurFailBelow = 30.0 // fail: blurred
	BlurWarnBelow = 80.0 // warn: a little soft
	blurSide      = 512  // long side of the grey copy: a fixed scale makes the figure comparable between pictures
	blurTile      = 64   // tile side on that copy
	blurTopShare  = 0.25 // share of the sharpest tiles averaged
)

// Exposure rules, on the luminance (0–255) of the grey copy.
const (
	ExposureDarkMean     = 40.0  // fail below: too dark
	ExposureBrightMean   = 225.0 // fail above: washed out
	ExposureDimMean      = 60.0  // warn below
	ExposureLightMean    = 205.0 // warn above
	ExposureCrushedShare = 0.50  // fail when more than this share is black (<16): detail lost in the shadows
	ExposureBlownShare   = 0.70  // fail when more than this share is white (>245); a high-key studio backdrop can be pure white, hence well over half
	ExposureWarnShare    = 0.30  // warn above this share black, or this share + 0.1 white
	blackLevel           = 16
	whiteLevel           = 245
	faceExposureSpan     = 1.3 // the face box widened by this for faceExposureCheck
)

// workSide is the long side of the working copy Analyze reduces a
// picture to; Process uses its display variant, the same size.
const workSide = DefaultDisplayMax

// Analyze runs every check for kind on an already decoded picture: the
// command line and tests call it; Process runs the same checks on its
// working copy. The picture is taken as it is to be seen (orientation is
// the decoder's business).
func Analyze(img image.Image, kind domain.PhotoKind) Report {
	b := img.Bounds()
	return analyze(fit(normalise(img), workSide), b.Dx(), b.Dy(), kind)
}

// analyze checks work, the reduced copy of a width×height picture. The
// checks that depend on exact pixel sizes (resolution, orientation,
// screenshot) take the full size; the others look at the copy, where a
// fixed scale keeps their figures comparable.
func analyze(work *image.NRGBA, width, height int, kind domain.PhotoKind) Report {
	g := grayOf(work)
	small := g.fit(blurSide)
	checks := []CheckResult{resolutionCheck(width, height)}
	var faces []CheckResult
	exposure := exposureCheck(small)
	if kind == domain.PhotoHeadshot {
		checks = append(checks, orientationCheck(width, height))
		s, err := scanFaces(g)
		faces = faceChecks(s, err)
		if err == nil && s.count == 1 {
			exposure = faceExposureCheck(s)
		}
	}
	checks = append(checks,
		blurCheck(small),
		borderCheck(work),
		screenshotCheck(work, width, height),
		exposure,
	)
	checks = append(checks, faces...)
	r := Report{Kind: kind, Verdict: Pass, Checks: checks}
	for _, c := range checks {
		if c.Status == Fail {
			r.Verdict = Fail
		}
	}
	return r
}

// resolutionCheck measures the short side in pixels.
func resolutionCheck(w, h int) CheckResult {
	short := min(w, h)
	c := CheckResult{Name: "resolution", Status: Pass, Value: float64(short),
		Detail:  fmt.Sprintf("%d × %d px", w, h),
		Message: "The picture is large enough."}
	switch {
	case short < MinShortSide:
		c.Status = Fail
		c.Message = fmt.Sprintf("The picture is too small (%d × %d pixels) and will look pixelated: upload a photo at least %d pixels on its short side, %d or more is best.", w, h, MinShortSide, RecommendedShortSide)
	case short < RecommendedShortSide:
		c.Status = Warn
		c.Message = fmt.Sprintf("The picture is a little small (%d pixels on its short side): %d pixels or more looks best to recruiters.", short, RecommendedShortSide)
	}
	return c
}

// orientationCheck measures width/height: a headshot is a portrait.
func orientationCheck(w, h int) CheckResult {
	ratio := float64(w) / float64(h)
	c := CheckResult{Name: "orientation", Status: Pass, Value: round2(ratio), Message: "The picture is upright (portrait or square)."}
	if ratio > MaxHeadshotAspect {
		c.Status = Fail
		c.Message = "A headshot is a portrait: upload a vertical (or square) photo of your face and shoulders."
	}
	return c
}

// grayImage is a tightly packed 8-bit luminance raster.
type grayImage struct {
	w, h int
	pix  []uint8
}

// grayOf is the Rec. 601 luma of an opaque NRGBA picture.
func grayOf(img *image.NRGBA) grayImage {
	b := img.Bounds()
	g := grayImage{w: b.Dx(), h: b.Dy(), pix: make([]uint8, b.Dx()*b.Dy())}
	for y := 0; y < g.h; y++ {
		row := img.Pix[y*img.Stride : y*img.Stride+g.w*4]
		out := g.pix[y*g.w : (y+1)*g.w]
		for x := range out {
			p := row[x*4 : x*4+3]
			out[x] = uint8((19595*int(p[0]) + 38470*int(p[1]) + 7471*int(p[2]) + 1<<15) >> 16)
		}
	}
	return g
}

// fit is a copy reduced so its long side is at most max.
func (g grayImage) fit(max int) grayImage {
	w, h := fitSize(g.w, g.h, max)
	return grayImage{w: w, h: h, pix: resizePlane(g.pix, g.w, g.h, g.w, w, h)}
}

// sharpness is the variance of the 4-neighbour Laplacian in blurTile
// tiles, averaged over the sharpest blurTopShare of them (at least one).
func sharpness(g grayImage) float64 {
	if g.w < 3 || g.h < 3 {
		return 0
	}
	tx, ty := max(1, (g.w-2)/blurTile), max(1, (g.h-2)/blurTile)
	type acc struct{ sum, sq, n float64 }
	tiles := make([]acc, tx*ty)
	for y := 1; y < g.h-1; y++ {
		t := min(ty-1, (y-1)/blurTile) * tx
		for x := 1; x < g.w-1; x++ {
			i := y*g.w + x
			l := float64(int(g.pix[i-1]) + int(g.pix[i+1]) + int(g.pix[i-g.w]) + int(g.pix[i+g.w]) - 4*int(g.pix[i]))
			a := &tiles[t+min(tx-1, (x-1)/blurTile)]
			a.sum += l
			a.sq += l * l
			a.n++
		}
	}
	vars := make([]float64, 0, len(tiles))
	for _, a := range tiles {
		if a.n > 0 {
			m := a.sum / a.n
			vars = append(vars, a.sq/a.n-m*m)
		}
	}
	slices.Sort(vars)
	k := max(1, int(math.Round(float64(len(vars))*blurTopShare)))
	var s float64
	for _, v := range vars[len(vars)-k:] {
		s += v
	}
	return s / float64(k)
}

// blurCheck fails a blurred picture: the value is sharpness.
func blurCheck(g grayImage) CheckResult {
	v := sharpness(g)
	c := CheckResult{Name: "blur", Status: Pass, Value: math.Round(v*10) / 10, Message: "The picture is sharp."}
	switch {
	case v < BlurFailBelow:
		c.Status = Fail
		c.Message = "The picture is blurred: upload a sharp, professional photo."
	case v < BlurWarnBelow:
		c.Status = Warn
		c.Message = "The picture is a little soft: a sharper photo, in focus on your eyes, makes a better impression."
	}
	return c
}

// exposure is the luminance histogram's summary of some pixels: the
// mean and the shares that are black and white.
type exposure struct{ mean, dark, bright float64 }

// add counts the pixels of row.
func (e *exposure) add(row []uint8) {
	for _, p := range row {
		e.mean += float64(p)
		if p < blackLevel {
			e.dark++
		}
		if p > whiteLevel {
			e.bright++
		}
	}
}

// done turns the sums of n pixels into means and shares.
func (e exposure) done(n int) exposure {
	k := float64(max(1, n))
	return exposure{e.mean / k, e.dark / k, e.bright / k}
}

// exposureCheck reads the whole picture's luminance histogram: a book
// photo, or a headshot whose face was not found. The value is the mean.
func exposureCheck(g grayImage) CheckResult {
	var e exposure
	e.add(g.pix)
	e = e.done(len(g.pix))
	c := judgeExposure(e, "The picture")
	c.Detail = fmt.Sprintf("mean luminance %.0f/255, %.0f%% black, %.0f%% white", e.mean, e.dark*100, e.bright*100)
	return c
}

// faceExposureCheck reads the histogram of the face and its
// surroundings (the face box widened to faceExposureSpan: hair, neck and
// the backdrop just around the head) when there is one face: a low-key
// portrait (portrait-lowkey-*, portrait-sample1-2, -sample5-3: dark
// backdrop, lit face, 40–68% of the frame black) or a high-key one
// (portrait-highkey-*) is judged by the face, as a photographer lights
// it, not by the backdrop. The same thresholds as for the whole frame
// hold on the face (the real portraits' faces measure a mean of 70–200).
func faceExposureCheck(s faceScan) CheckResult {
	m := s.faces[s.main]
	half := int(faceExposureSpan * float64(m.size) / 2)
	x0, x1 := max(0, m.col-half), min(s.g.w, m.col+half+1)
	y0, y1 := max(0, m.row-half), min(s.g.h, m.row+half+1)
	var e exposure
	for y := y0; y < y1; y++ {
		e.add(s.g.pix[y*s.g.w+x0 : y*s.g.w+x1])
	}
	e = e.done((x1 - x0) * (y1 - y0))
	c := judgeExposure(e, "Your face")
	c.Detail = fmt.Sprintf("face and its surroundings: mean luminance %.0f/255, %.0f%% black, %.0f%% white", e.mean, e.dark*100, e.bright*100)
	return c
}

// judgeExposure applies the exposure rules to a summary; what names the
// part judged in the messages.
func judgeExposure(e exposure, what string) CheckResult {
	c := CheckResult{Name: "exposure", Status: Pass, Value: math.Round(e.mean*10) / 10, Message: what + " is well exposed."}
	switch {
	case e.mean < ExposureDarkMean || e.dark > ExposureCrushedShare:
		c.Status, c.Message = Fail, what+" is too dark: take the photo again in good light, with your face well lit."
	case e.mean > ExposureBrightMean || e.bright > ExposureBlownShare:
		c.Status, c.Message = Fail, what+" is overexposed (washed out): take the photo again with less light or a lower exposure."
	case e.mean < ExposureDimMean || e.dark > ExposureWarnShare:
		c.Status, c.Message = Warn, what+" is rather dark: a brighter photo shows you better."
	case e.mean > ExposureLightMean || e.bright > ExposureWarnShare+0.1:
		c.Status, c.Message = Warn, what+" is rather bright: some details are lost in the highlights."
	}
	return c
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
