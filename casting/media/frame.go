package media

import (
	"fmt"
	"image"
	"math"
)

// Border detection: a frame is a band along an edge that is perfectly
// flat (a digital colour, not a backdrop, which always has some grain or
// gradient) and at least minBorderFrac of the side.
const (
	minBorderFrac   = 0.03
	maxBorderFrac   = 0.40
	flatTolerance   = 6.0 // max distance of a band pixel from the band colour
	flatShare       = 0.995
	screenBandFrac  = 0.035 // a phone status bar is about this tall
	statusBarShare  = 0.85  // share of the band in its dominant colour
	statusBarSpread = 10.0
)

// borderCheck fails pictures with a frame: on all four sides, or on two
// opposite sides of about the same thickness (letterboxing).
func borderCheck(img *image.NRGBA) CheckResult {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	top := bandDepth(img, h, func(i, j int) (int, int) { return j, i }, w)
	bottom := bandDepth(img, h, func(i, j int) (int, int) { return j, h - 1 - i }, w)
	left := bandDepth(img, w, func(i, j int) (int, int) { return i, j }, h)
	right := bandDepth(img, w, func(i, j int) (int, int) { return w - 1 - i, j }, h)

	has := func(d, side int) bool {
		f := float64(d) / float64(side)
		return f >= minBorderFrac && f <= maxBorderFrac
	}
	similar := func(a, b int) bool { return math.Abs(float64(a-b)) <= 0.3*float64(max(a, b)) }
	sides := 0
	for _, ok := range []bool{has(top, h), has(bottom, h), has(left, w), has(right, w)} {
		if ok {
			sides++
		}
	}
	framed := sides == 4 ||
		(has(top, h) && has(bottom, h) && similar(top, bottom)) ||
		(has(left, w) && has(right, w) && similar(left, right))
	c := CheckResult{Name: "borders", Status: Pass, Value: float64(sides),
		Detail: fmt.Sprintf("top %d, bottom %d, left %d, right %d px", top, bottom, left, right)}
	if framed {
		c.Status = Fail
		c.Message = "Pictures must not have borders: upload the photo without a frame."
	}
	return c
}

// bandDepth counts how many lines from one edge are flat in the colour of
// the edge's first line. at(i, j) maps line i, position j to x, y.
func bandDepth(img *image.NRGBA, lines int, at func(i, j int) (int, int), length int) int {
	x0, y0 := at(0, length/2)
	ref := img.NRGBAAt(x0, y0)
	depth := 0
	for i := 0; i < lines/2; i++ {
		off := 0
		for j := 0; j < length; j++ {
			x, y := at(i, j)
			if colourDist(img.NRGBAAt(x, y), ref) > flatTolerance {
				off++
			}
		}
		if float64(length-off)/float64(length) < flatShare {
			break
		}
		depth++
	}
	return depth
}

func colourDist(a, b interface{ RGBA() (r, g, b, a uint32) }) float64 {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	dr := float64(ar>>8) - float64(br>>8)
	dg := float64(ag>>8) - float64(bg>>8)
	db := float64(ab>>8) - float64(bb>>8)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// screenSizes are the full-screen capture sizes of common phones and
// tablets, portrait (landscape is matched by swapping).
var screenSizes = map[[2]int]string{
	{640, 1136}: "iPhone SE (1st gen)", {750, 1334}: "iPhone 6–8/SE", {1080, 1920}: "Full HD phone",
	{1242, 2208}: "iPhone Plus", {1125, 2436}: "iPhone X/XS/11 Pro", {828, 1792}: "iPhone XR/11",
	{1242, 2688}: "iPhone XS Max/11 Pro Max", {1170, 2532}: "iPhone 12–14", {1284, 2778}: "iPhone 12–13 Pro Max",
	{1179, 2556}: "iPhone 14 Pro–16", {1290, 2796}: "iPhone 14 Pro Max–16 Plus", {1206, 2622}: "iPhone 16 Pro",
	{1320, 2868}: "iPhone 16 Pro Max", {1080, 2340}: "Android phone", {1080, 2400}: "Android phone",
	{1440, 3200}: "Android phone (QHD+)", {1440, 3088}: "Galaxy Note", {1440, 2960}: "Galaxy S8/S9",
	{720, 1600}: "Android phone (HD+)", {1080, 2280}: "Android phone", {1536, 2048}: "iPad",
	{1620, 2160}: "iPad (10.2\")", {1668, 2224}: "iPad Pro 10.5\"", {1668, 2388}: "iPad Pro 11\"",
	{2048, 2732}: "iPad Pro 12.9\"", {1640, 2360}: "iPad Air", {1488, 2266}: "iPad mini",
}

// screenshotCheck spots captures of a phone or tablet screen: an exact
// screen size is suspicious; with a flat status-bar band along the top it
// is a screenshot.
func screenshotCheck(img *image.NRGBA, w, h int) CheckResult {
	device, exact := screenSizes[[2]int{min(w, h), max(w, h)}]
	bar := statusBar(img)
	c := CheckResult{Name: "screenshot", Status: Pass}
	switch {
	case exact && bar:
		c.Status, c.Value = Fail, 1
		c.Detail = device + " screen size with a status bar"
		c.Message = "This looks like a screenshot from a phone or tablet: upload the original photo instead."
	case exact:
		c.Status, c.Value = Warn, 0.5
		c.Detail = device + " screen size"
		c.Message = "This picture has the exact size of a phone screen: if it is a screenshot, upload the original photo instead."
	}
	return c
}

// statusBar reports whether the top band is nearly one flat colour (a
// status bar, with only its small icons and clock in other colours) and
// differs from the picture just below it.
func statusBar(img *image.NRGBA) bool {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	band := int(math.Max(4, float64(h)*screenBandFrac))
	if band*3 > h {
		return false
	}
	ref := img.NRGBAAt(w/2, 1)
	in := 0
	for y := 0; y < band; y++ {
		for x := 0; x < w; x++ {
			if colourDist(img.NRGBAAt(x, y), ref) <= statusBarSpread {
				in++
			}
		}
	}
	if float64(in)/float64(band*w) < statusBarShare {
		return false
	}
	// The content below must not simply continue the band's colour.
	below := 0
	for y := band; y < 2*band; y++ {
		for x := 0; x < w; x++ {
			if colourDist(img.NRGBAAt(x, y), ref) <= statusBarSpread {
				below++
			}
		}
	}
	return float64(below)/float64(band*w) < 0.9
}
