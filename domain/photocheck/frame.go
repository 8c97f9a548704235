package photocheck

import (
	"fmt"
	"image"
	"strings"
)

// Border rules. A border is a band along an edge, at least
// MinBorderShare of the side deep, that is one flat colour and ends on a
// straight line where the picture inside is clearly different. The last
// condition is what tells a frame from a plain studio backdrop: a
// backdrop also gives flat lines along the top, but they end where the
// head enters, which changes only a small part of the line.
const (
	MinBorderShare     = 0.02  // shallowest band counted, as a share of the side (and at least minBorderPixels)
	MaxBorderShare     = 0.40  // deeper than this it is the picture's own flat area, not a frame
	minBorderPixels    = 3     // on the working copy: thinner is resampling or JPEG noise at the edge
	borderTolerance    = 12    // largest channel difference from the band colour that counts as the same colour
	borderFlatShare    = 0.98  // share of a line in the band colour for the line to belong to the band
	borderInsideShare  = 0.50  // share of the first lines inside that must differ from the band colour
	borderInsideLines  = 3     // lines looked at past the band (the edge may be softened by resampling)
	MinFramedSides     = 2     // fail from this many framed sides
	statusBarShare     = 0.85  // share of the top band in one colour for a status bar (its clock and icons are the rest)
	statusBarHeight    = 0.025 // an Android status bar is 2.6–3% of a phone screen's height, an iPhone's 5–6%
	statusBarTolerance = 12
	statusBarBelowFrom = 0.07 // the rows compared with the status bar, as shares of the height: below the tallest status bar
	statusBarBelowTo   = 0.10
)

// rgb is a colour of the working copy.
type rgb [3]uint8

// near reports whether two colours are within tol on every channel.
func near(a, b rgb, tol int) bool {
	for c := range a {
		if d := int(a[c]) - int(b[c]); d > tol || d < -tol {
			return false
		}
	}
	return true
}

// edgeLines walks a picture from one edge inwards: line i of n lines, each
// length pixels long.
type edgeLines struct {
	img           *image.NRGBA
	n, length     int
	first, stride int // Pix offset of pixel 0 of line 0, and from one line to the next
	step          int // Pix offset from one pixel of a line to the next
}

// edges are the four ways into a picture, by the name of their edge.
func edges(img *image.NRGBA) map[string]edgeLines {
	w, h, s := img.Rect.Dx(), img.Rect.Dy(), img.Stride
	return map[string]edgeLines{
		"top":    {img, h, w, 0, s, 4},
		"bottom": {img, h, w, (h - 1) * s, -s, 4},
		"left":   {img, w, h, 0, 4, s},
		"right":  {img, w, h, (w - 1) * 4, -4, s},
	}
}

// pixel is pixel j of line.
func (e edgeLines) pixel(line, j int) rgb {
	o := e.first + line*e.stride + j*e.step
	p := e.img.Pix[o : o+3]
	return rgb{p[0], p[1], p[2]}
}

// shareNear is the share of line's pixels within tol of ref.
func (e edgeLines) shareNear(line int, ref rgb, tol int) float64 {
	in := 0
	for j := 0; j < e.length; j++ {
		if near(e.pixel(line, j), ref, tol) {
			in++
		}
	}
	return float64(in) / float64(e.length)
}

// median is the per-channel median colour of lines [from, to).
func (e edgeLines) median(from, to int) rgb {
	var hist [3][256]int
	for i := from; i < to; i++ {
		for j := 0; j < e.length; j++ {
			p := e.pixel(i, j)
			for c := range p {
				hist[c][p[c]]++
			}
		}
	}
	half := (to - from) * e.length / 2
	var m rgb
	for c := range hist {
		n := 0
		for v, k := range hist[c] {
			n += k
			if n > half {
				m[c] = uint8(v)
				break
			}
		}
	}
	return m
}

// frameDepth is the depth in lines of the frame along this edge, or 0.
func (e edgeLines) frameDepth() int {
	if e.n < 8 || e.length < 8 {
		return 0
	}
	ref := e.median(0, 1)
	depth := 0
	for depth < e.n/2 && e.shareNear(depth, ref, borderTolerance) >= borderFlatShare {
		depth++
	}
	if depth < minBorderPixels || float64(depth) < MinBorderShare*float64(e.n) || float64(depth) > MaxBorderShare*float64(e.n) {
		return 0
	}
	// The inside must differ from the band along most of the edge.
	differs := 0.0
	for i := depth; i < min(e.n, depth+borderInsideLines); i++ {
		differs = max(differs, 1-e.shareNear(i, ref, borderTolerance))
	}
	if differs < borderInsideShare {
		return 0
	}
	return depth
}

// borderCheck fails a picture framed on MinFramedSides sides or more (a
// frame, a passe-partout, letterboxing) and warns about a single band.
// The value is the number of framed sides.
func borderCheck(img *image.NRGBA) CheckResult {
	var framed, detail []string
	all := edges(img)
	for _, name := range []string{"top", "bottom", "left", "right"} {
		e := all[name]
		if d := e.frameDepth(); d > 0 {
			framed = append(framed, name)
			detail = append(detail, fmt.Sprintf("%s %.0f%%", name, 100*float64(d)/float64(e.n)))
		}
	}
	c := CheckResult{Name: "borders", Status: Pass, Value: float64(len(framed)), Message: "The picture has no border."}
	switch {
	case len(framed) >= MinFramedSides:
		c.Status = Fail
		c.Message = "Pictures must not have borders: upload the photo without a frame."
	case len(framed) == 1:
		c.Status = Warn
		c.Message = fmt.Sprintf("The %s edge of the picture is a plain band: crop it off so the photo fills the frame.", framed[0])
	}
	if len(detail) > 0 {
		c.Detail = "solid band: " + strings.Join(detail, ", ")
	}
	return c
}

// screenSizes are the full-screen capture sizes of common phones and
// tablets in pixels, portrait (landscape is matched by swapping). A
// camera never produces these sizes, except 1080×1920 and 1536×2048,
// which is why the size alone only warns.
var screenSizes = map[[2]int]string{
	{640, 960}: "iPhone 4", {640, 1136}: "iPhone 5/SE (1st gen)", {750, 1334}: "iPhone 6–8/SE",
	{1242, 2208}: "iPhone 6–8 Plus", {1125, 2436}: "iPhone X/XS/11 Pro", {828, 1792}: "iPhone XR/11",
	{1242, 2688}: "iPhone XS Max/11 Pro Max", {1080, 2340}: "iPhone 12/13 mini or Android phone",
	{1170, 2532}: "iPhone 12–14", {1284, 2778}: "iPhone 12/13 Pro Max, 14 Plus", {1179, 2556}: "iPhone 14 Pro–16",
	{1290, 2796}: "iPhone 14 Pro Max–16 Plus", {1206, 2622}: "iPhone 16 Pro", {1320, 2868}: "iPhone 16 Pro Max",
	{720, 1280}: "Android phone (HD)", {1080, 1920}: "Full HD phone", {1440, 2560}: "Android phone (QHD)",
	{1080, 2160}: "Android phone (18:9)", {1080, 2220}: "Galaxy S8/S9", {1080, 2280}: "Android phone (19:9)",
	{1080, 2400}: "Android phone (20:9)", {1080, 2408}: "Android phone (20:9)", {1080, 2424}: "Pixel 7/8",
	{720, 1520}: "Android phone (HD+ 19:9)", {720, 1600}: "Android phone (HD+ 20:9)",
	{1440, 2960}: "Galaxy S8/S9 (QHD+)", {1440, 3040}: "Galaxy S10", {1440, 3088}: "Galaxy Note 20/S22 Ultra",
	{1440, 3120}: "Android phone (QHD+ 19.5:9)", {1440, 3200}: "Galaxy S20/S21 Ultra", {1344, 2992}: "Pixel 8 Pro",
	{1280, 2856}: "Pixel 9 Pro",
	{768, 1024}:  "iPad (1st–2nd gen)", {1536, 2048}: "iPad (Retina)", {1620, 2160}: "iPad 10.2\"",
	{1640, 2360}: "iPad Air/iPad 10.9\"", {1668, 2224}: "iPad Pro 10.5\"", {1668, 2388}: "iPad Pro 11\"",
	{1668, 2420}: "iPad Pro 11\" (M4)", {2048, 2732}: "iPad Pro 12.9\"", {2064, 2752}: "iPad Pro 13\" (M4)",
	{1488, 2266}: "iPad mini", {800, 1280}: "Android tablet", {1200, 1920}: "Android tablet",
	{1200, 2000}: "Android tablet", {1600, 2560}: "Android tablet", {1752, 2800}: "Galaxy Tab S8/S9",
	{1848, 2960}: "Galaxy Tab S8+/S9+",
}

// screenDevice names the device whose screen is exactly w×h, if any.
func screenDevice(w, h int) (string, bool) {
	d, ok := screenSizes[[2]int{min(w, h), max(w, h)}]
	return d, ok
}

// screenshotCheck spots captures of a phone or tablet screen: an exact
// screen size is suspicious (warn); with a status bar along the top it
// is a screenshot (fail). The value is 0 (no), 0.5 (size only) or 1.
func screenshotCheck(img *image.NRGBA, w, h int) CheckResult {
	device, exact := screenDevice(w, h)
	c := CheckResult{Name: "screenshot", Status: Pass, Message: "The picture does not look like a screenshot."}
	switch {
	case exact && statusBar(img):
		c.Status, c.Value = Fail, 1
		c.Detail = device + " screen size with a status bar"
		c.Message = "This looks like a screenshot from a phone or tablet: upload the original photo."
	case exact:
		c.Status, c.Value = Warn, 0.5
		c.Detail = device + " screen size"
		c.Message = "This picture has the exact size of a phone or tablet screen: if it is a screenshot, upload the original photo instead."
	}
	return c
}

// statusBar reports whether the top band (statusBarHeight of the height:
// all of an Android status bar, the upper half of an iPhone's) is nearly
// one flat colour, with only small icons and the clock in other colours,
// and the picture further down, below any status bar, does not simply
// carry on in that colour (as a plain sky or backdrop would).
func statusBar(img *image.NRGBA) bool {
	top := edges(img)["top"]
	band := max(4, int(float64(top.n)*statusBarHeight))
	below, end := int(float64(top.n)*statusBarBelowFrom), int(float64(top.n)*statusBarBelowTo)
	if end <= below || end > top.n {
		return false
	}
	ref := top.median(0, band)
	share := func(from, to int) float64 {
		in := 0.0
		for i := from; i < to; i++ {
			in += top.shareNear(i, ref, statusBarTolerance)
		}
		return in / float64(to-from)
	}
	return share(0, band) >= statusBarShare && share(below, end) < 0.9
}
