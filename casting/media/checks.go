package media

import (
	"fmt"
	"image"
	"math"

	"github.com/disintegration/imaging"
)

// Report is the verdict on one picture and every check's result.
type Report struct {
	Kind    Kind          `json:"kind"`
	Verdict string        `json:"verdict"` // pass or fail
	Checks  []CheckResult `json:"checks"`
}

// CheckResult is one check's outcome. Message says, in plain words, what
// is wrong and what to do; it is empty when the check passed.
type CheckResult struct {
	Name    string  `json:"name"`
	Status  string  `json:"status"` // pass, warn or fail
	Message string  `json:"message,omitempty"`
	Value   float64 `json:"value"`
	Detail  string  `json:"detail,omitempty"`
}

// Check statuses.
const (
	Pass = "pass"
	Warn = "warn"
	Fail = "fail"
)

// Thresholds, named so they can be read and tuned in one place.
const (
	MinShortSide         = 500  // below: fail
	RecommendedShortSide = 1000 // below: warn
	MaxHeadshotAspect    = 1.05 // width/height above this is landscape
	BlurMinVariance      = 25.0 // variance of the Laplacian on a 512 px grey copy
	BlurWarnVariance     = 50.0
	blurSide             = 512
)

// Analyze runs every check for kind on an already decoded picture, at its
// full size. The worker runs the same checks through Process, on the
// reduced working copy.
func Analyze(img image.Image, kind Kind) Report {
	b := img.Bounds()
	return analyze(shrink(img, 1600), b.Dx(), b.Dy(), kind)
}

// analyze checks work, a reduced copy of a width×height picture.
func analyze(work *image.NRGBA, width, height int, kind Kind) Report {
	gray := grayOf(imaging.Fit(work, blurSide, blurSide, imaging.Box))
	checks := []CheckResult{resolutionCheck(width, height)}
	if kind == KindHeadshot {
		checks = append(checks, orientationCheck(width, height))
	}
	checks = append(checks,
		blurCheck(gray),
		borderCheck(work),
		screenshotCheck(work, width, height),
		exposureCheck(gray),
	)
	if kind == KindHeadshot {
		checks = append(checks, faceCheck(work))
	}
	r := Report{Kind: kind, Verdict: Pass, Checks: checks}
	for _, c := range checks {
		if c.Status == Fail {
			r.Verdict = Fail
		}
	}
	return r
}

func resolutionCheck(w, h int) CheckResult {
	short := min(w, h)
	c := CheckResult{Name: "resolution", Status: Pass, Value: float64(short), Detail: fmt.Sprintf("%d × %d px", w, h)}
	switch {
	case short < MinShortSide:
		c.Status = Fail
		c.Message = fmt.Sprintf("The picture is too small (%d × %d pixels): upload a photo at least %d pixels on its short side, %d or more is best.", w, h, MinShortSide, RecommendedShortSide)
	case short < RecommendedShortSide:
		c.Status = Warn
		c.Message = fmt.Sprintf("The picture is a little small (%d pixels on its short side): %d pixels or more looks best to recruiters.", short, RecommendedShortSide)
	}
	return c
}

func orientationCheck(w, h int) CheckResult {
	ratio := float64(w) / float64(h)
	c := CheckResult{Name: "orientation", Status: Pass, Value: ratio}
	if ratio > MaxHeadshotAspect {
		c.Status = Fail
		c.Message = "A headshot is a portrait: upload a vertical (or square) photo of your face."
	}
	return c
}

// grayImage is an 8-bit luminance raster.
type grayImage struct {
	w, h int
	pix  []uint8
}

func grayOf(img *image.NRGBA) grayImage {
	b := img.Bounds()
	g := grayImage{w: b.Dx(), h: b.Dy(), pix: make([]uint8, b.Dx()*b.Dy())}
	for y := 0; y < g.h; y++ {
		row := img.Pix[y*img.Stride:]
		for x := 0; x < g.w; x++ {
			p := row[x*4:]
			g.pix[y*g.w+x] = uint8((299*int(p[0]) + 587*int(p[1]) + 114*int(p[2])) / 1000)
		}
	}
	return g
}

// blurCheck measures sharpness as the variance of the Laplacian: a sharp
// photo has strong local edges, a blurred one almost none.
func blurCheck(g grayImage) CheckResult {
	var sum, sumSq float64
	n := 0
	for y := 1; y < g.h-1; y++ {
		for x := 1; x < g.w-1; x++ {
			i := y*g.w + x
			l := float64(int(g.pix[i-1]) + int(g.pix[i+1]) + int(g.pix[i-g.w]) + int(g.pix[i+g.w]) - 4*int(g.pix[i]))
			sum += l
			sumSq += l * l
			n++
		}
	}
	v := 0.0
	if n > 0 {
		mean := sum / float64(n)
		v = sumSq/float64(n) - mean*mean
	}
	c := CheckResult{Name: "blur", Status: Pass, Value: math.Round(v*10) / 10}
	switch {
	case v < BlurMinVariance:
		c.Status = Fail
		c.Message = "The picture is blurred: upload a sharp, professional photo."
	case v < BlurWarnVariance:
		c.Status = Warn
		c.Message = "The picture is a little soft: a sharper photo will make a better impression."
	}
	return c
}

// exposureCheck looks at the luminance histogram for pictures that are
// too dark or blown out.
func exposureCheck(g grayImage) CheckResult {
	var sum, dark, bright int
	for _, p := range g.pix {
		sum += int(p)
		if p < 16 {
			dark++
		}
		if p > 240 {
			bright++
		}
	}
	n := float64(len(g.pix))
	mean := float64(sum) / n
	darkF, brightF := float64(dark)/n, float64(bright)/n
	c := CheckResult{Name: "exposure", Status: Pass, Value: math.Round(mean*10) / 10,
		Detail: fmt.Sprintf("%.0f%% black, %.0f%% white", darkF*100, brightF*100)}
	switch {
	case mean < 40 || darkF > 0.5:
		c.Status, c.Message = Fail, "The picture is too dark: take it again in good light, with your face well lit."
	case mean > 220 || brightF > 0.5:
		c.Status, c.Message = Fail, "The picture is overexposed (washed out): take it again with less light or a lower exposure."
	case mean < 60 || darkF > 0.25:
		c.Status, c.Message = Warn, "The picture is rather dark: a brighter photo shows you better."
	case mean > 200 || brightF > 0.25:
		c.Status, c.Message = Warn, "The picture is rather bright: some details are lost in the highlights."
	}
	return c
}
