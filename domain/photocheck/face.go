package photocheck

import (
	"cmp"
	_ "embed"
	"fmt"
	"math"
	"slices"
	"sync"

	pigo "github.com/esimov/pigo/core"
)

// The pigo cascades, shipped with pigo v1.4.6 (MIT, see cascade/): a
// pure-Go detector, so the worker needs no OpenCV or model download.
var (
	//go:embed cascade/facefinder
	facefinderCascade []byte
	//go:embed cascade/puploc
	puplocCascade []byte
)

// Face rules for a headshot. Each threshold names the cases of the
// evaluation set (testdata/eval, `slate media eval`) that fix it.
const (
	// FaceMinShare is the smallest face that passes, as pigo's face box
	// over the picture's short side. A classic head-and-shoulders
	// portrait has its face box at about a fifth of the width
	// (portrait-astronaut-head-and-shoulders measures 0.20, its screenshot
	// 0.22, its bordered copy 0.19); a tight headshot 0.5–0.8.
	FaceMinShare = 0.18
	// FaceFailShare is the size below which a face is refused: a
	// full-length or distant shot where the face is a detail. No real
	// portrait of the set measures under 0.18, so anything under 0.10
	// only warns and nothing a moderator would take is failed.
	FaceFailShare = 0.10
	// FaceCentreBand: the face centre must lie within ±FaceCentreBand of
	// the middle of the width (the middle 60%).
	FaceCentreBand = 0.30
	// FaceMinQuality is the least score (pigo's, summed over a cluster of
	// overlapping detections) of a face; weaker clusters are patterns in
	// hair, clothes or the background. The real portraits of the set
	// score 22–300 (portrait-sample4-2 is the weakest); the no-face
	// pictures (coffee, rocket, cat, shuttle) have no cluster
	// above it at any angle scanned.
	FaceMinQuality = 20.0
	// minorFaceRatio: a second face smaller than this share of the main
	// one is a poster or a crowd far behind, not a second person
	// sharing the portrait. group-small-beside-large (a face 0.45 the
	// size of the main one, as a child beside a parent) counts; no real
	// portrait of the set has a second detection at all.
	minorFaceRatio = 0.4
	// EyeMinContrast is the least standard deviation of luminance (0–255)
	// around an eye for it to look sharp and open; below it the eyes
	// check warns. Real portraits measure 10–51 around their less clear
	// eye (10 for portrait-sample1-3's eye in shadow, which warns; 13 for
	// the thick frames of portrait-glasses, 15 for a soft, half-closed
	// eye in portrait-sample5-4), so low contrast alone never fails.
	EyeMinContrast = 12.0
	// EyeMinBright is the least share of an eye patch (around the pupil
	// and around where the eye should be) that is light, at least
	// eyeBrightLevel of the face's own cheeks: sclera, eyelids and the
	// skin around an open eye make 0.15–0.91 on every real portrait, dark
	// and light skin, low-key and high-key alike (the cheeks are the
	// reference); a tinted lens (eyes-sunglasses-pigo: 0.00 and 0.07) or
	// hair across the eyes (eyes-hair-pigo: 0.00) leaves almost none.
	// Both eyes under it fail: a moderator refuses hidden eyes every time.
	EyeMinBright = 0.10
	// EyeMaxDark is the largest share of the patch a lens would cover
	// (eyeLensWidth × eyeLensHeight around where the eye should be) that
	// may be much darker than the cheeks (eyeDarkLevel) for the eye to
	// count as uncovered: iris, lashes, brows and eye make-up darken
	// 0.02–0.45 of it on the real portraits (0.45 on the heavy make-up of
	// portrait-sample1-1); a dark lens, even graded and streaked with
	// reflections (eyes-reflective-sunglasses-*: 0.72–0.83, with enough
	// light streaks to pass EyeMinBright), covers far more.
	EyeMaxDark = 0.6

	faceSide          = 720  // long side of the grey copy detection runs on: enough for a face of FaceMinShare, fast
	faceMinDetect     = 0.08 // smallest face looked for, as a share of the short side, so small faces are reported as such
	faceIoU           = 0.2  // overlap above which pigo's detections are one face
	pupilPerturbs     = 63   // puploc's random perturbations per eye; 63 is the size of pigo's buffers
	pupilMaxTilt      = 0.15 // largest vertical distance between the pupils, as a share of the face
	pupilMinSpread    = 0.20 // pupil distance as a share of the face: range of a frontal face
	pupilMaxSpread    = 0.60
	eyePatchWidth     = 0.20 // the patch around a pupil measured for contrast, as shares of the face size
	eyePatchHeight    = 0.10
	faceCheckMinPixel = 48 // a grey copy smaller than this has no face to find

	faceMinTilted  = 0.14 // smallest tilted face looked for, as a share of the short side
	tiltedSide     = 480  // long side of the copy the turned scans run on
	faceMinSteep   = 0.3  // smallest face looked for at ±34°: a head leant that far is a portrait's pose, its face large (portrait-sample4-4); in the groups of the set heads lean less
	tiltedShift    = 0.12 // step of the rotated scans, as a share of the window
	tiltedScale    = 1.15 // scale step of the rotated scans
	eyeBrightLevel = 0.6  // "light" in an eye patch: this share of the cheeks' luminance
	eyeDarkLevel   = 0.45 // "dark" in a lens patch: under this share of the cheeks' luminance
	eyeLensWidth   = 0.30 // the patch a lens would cover, as shares of the face size
	eyeLensHeight  = 0.16
)

// detectors are pigo's unpacked classifiers: unpacked once (they are
// 1.5 MB of trees), then read-only and safe to share between workers.
type detectors struct {
	face  *pigo.Pigo
	pupil *pigo.PuplocCascade
}

var loadDetectors = sync.OnceValues(func() (*detectors, error) {
	f, err := pigo.NewPigo().Unpack(facefinderCascade)
	if err != nil {
		return nil, fmt.Errorf("media: facefinder cascade: %w", err)
	}
	p, err := pigo.NewPuplocCascade().UnpackCascade(puplocCascade)
	if err != nil {
		return nil, fmt.Errorf("media: puploc cascade: %w", err)
	}
	return &detectors{face: f, pupil: p}, nil
})

// face is one detection on the grey copy: centre, size (the side of the
// square around the face), pigo's score and the in-plane rotation it was
// found at (in turns, as pigo takes it: 0 upright, 1/32 a little
// clockwise on screen, 31/32 a little anticlockwise).
type face struct {
	row, col, size int
	q              float32
	angle          float64
}

// toImage turns an offset in the face's own frame (rows down the face,
// columns across it, in face sizes) into a pixel position on the copy,
// with the rotation pigo's classifier applies.
func (f face) toImage(dr, dc float64) (row, col int) {
	sin, cos := math.Sincos(2 * math.Pi * f.angle)
	s := float64(f.size)
	return f.row + int(math.Round(s*(cos*dr-sin*dc))), f.col + int(math.Round(s*(sin*dr+cos*dc)))
}

// toFace is toImage's inverse: a pixel position as an offset in the
// face's frame, in face sizes.
func (f face) toFace(row, col int) (dr, dc float64) {
	sin, cos := math.Sincos(2 * math.Pi * f.angle)
	r, c := float64(row-f.row)/float64(f.size), float64(col-f.col)/float64(f.size)
	return cos*r + sin*c, -sin*r + cos*c
}

// eye is a pupil found by puploc and what its surroundings look like:
// contrast (the spread of luminance), bright, the share of the patch at
// least as light as the face's skin would be in shade (see
// EyeMinBright), and dark, the share of the larger patch a lens would
// cover that is much darker than the skin (see EyeMaxDark).
type eye struct {
	row, col int
	contrast float64
	bright   float64
	dark     float64
}

// faceScan is what the detector saw on one grey copy.
type faceScan struct {
	g      grayImage
	faces  []face // every detection above FaceMinQuality, best first
	main   int    // index of the largest face, -1 if none
	count  int    // faces at least minorFaceRatio of the main one
	eyes   [2]eye // left and right pupil of the main face (as seen)
	eyesOK [2]bool
	skin   float64 // median luminance of the main face's cheeks
}

// scanAngles are the in-plane rotations the face detector scans, in
// turns (pigo quantises them to 1/32 of a turn, 11.25°). Upright alone
// finds heads up to about 10° off: on the evaluation set it finds no face
// on the tilted heads of portrait-sample1-2, -sample1-3 and -sample4-3,
// and one face only on group-two-sample1 (the other head leans), which
// ±11.25° and ±22.5° find; ±33.75° (large faces only, faceMinSteep)
// finds portrait-sample4-4's head leant on a shoulder.
var scanAngles = []float64{0, 1.0 / 32, 31.0 / 32, 2.0 / 32, 30.0 / 32, 3.0 / 32, 29.0 / 32}

// scanFaces runs face and pupil detection on a grey copy of the working
// picture reduced to faceSide.
func scanFaces(work grayImage) (faceScan, error) {
	d, err := loadDetectors()
	if err != nil {
		return faceScan{}, err
	}
	g := work.fit(faceSide)
	s := faceScan{g: g, main: -1}
	short := min(g.w, g.h)
	if short < faceCheckMinPixel {
		return s, nil
	}
	params := pigo.ImageParams{Pixels: g.pix, Rows: g.h, Cols: g.w, Dim: g.w}
	found := d.detect(params, 0, max(20, int(faceMinDetect*float64(short))), short, 0.1, 1.1, 1)
	// Two upright faces already fail the picture: turned faces could
	// only add to them.
	if counted(suppress(found)) < 2 {
		found = append(found, d.detectTurned(g, found)...)
	}
	for i := len(found) - 1; i >= 0; i-- { // a detection in the padding is none
		if found[i].row >= g.h || found[i].col >= g.w {
			found = slices.Delete(found, i, i+1)
		}
	}
	s.faces = suppress(found)
	for i, f := range s.faces {
		if s.main < 0 || f.size > s.faces[s.main].size {
			s.main = i
		}
	}
	if s.main < 0 {
		return s, nil
	}
	m := s.faces[s.main]
	s.count = counted(s.faces)
	s.skin = g.skin(m)
	// puploc starts where pigo's own examples start it: a quarter of the
	// face size around each expected eye position. The eye's contrast is
	// the lower of the contrast around the pupil it returns and around
	// the expected position: with sunglasses puploc settles on the edge
	// of a lens, which has contrast, while the expected position is
	// inside the flat, dark lens. The same goes for the light share; the
	// dark share is measured where a lens would be.
	pw, ph := int(eyePatchWidth*float64(m.size)), int(eyePatchHeight*float64(m.size))
	pparams := params
	if m.angle != 0 {
		sq := g.square()
		pparams = pigo.ImageParams{Pixels: sq.pix, Rows: sq.h, Cols: sq.w, Dim: sq.w}
	}
	for i, dx := range []float64{-0.175, 0.185} {
		row, col := m.toImage(-0.075, dx)
		p := d.pupil.RunDetector(pigo.Puploc{Row: row, Col: col, Scale: float32(m.size) * 0.25, Perturbs: pupilPerturbs}, pparams, m.angle, false)
		if p == nil {
			continue
		}
		s.eyes[i] = eye{row: p.Row, col: p.Col,
			contrast: math.Min(g.contrast(p.Col, p.Row, pw, ph), g.contrast(col, row, pw, ph)),
			bright:   math.Min(g.brightShare(p.Col, p.Row, pw, ph, s.skin), g.brightShare(col, row, pw, ph, s.skin)),
			dark:     g.darkShare(col, row, int(eyeLensWidth*float64(m.size)), int(eyeLensHeight*float64(m.size)), s.skin)}
	}
	s.eyesOK = s.pupilsPlausible(m)
	return s, nil
}

// detectTurned runs the turned scans of scanAngles on g, knowing the
// upright detections. pigo's rotated classifiers clamp columns to the
// row count, so they read the wrong pixels (or past the end) on a
// picture that is not square: they run on a copy padded to a square. The
// rotated classifier costs more per window and a tilted head counts only
// when it is at least minorFaceRatio of a face large enough to judge:
// the copy is smaller, the steps coarser, and the smallest size is
// faceMinTilted of the short side, or minorFaceRatio of the largest
// upright face (on a headshot, where the face is large, that skips most
// of the small windows, which are most of the cost).
func (d *detectors) detectTurned(g grayImage, upright []face) []face {
	t := g.fit(tiltedSide)
	tsq := t.square()
	p := pigo.ImageParams{Pixels: tsq.pix, Rows: tsq.h, Cols: tsq.w, Dim: tsq.w}
	short, k := min(t.w, t.h), float64(g.w)/float64(t.w)
	least := faceMinTilted * float64(short)
	for _, f := range upright {
		least = max(least, minorFaceRatio*float64(f.size)/k)
	}
	var found []face
	for _, a := range scanAngles[1:] {
		lo := least
		if a == 3.0/32 || a == 29.0/32 {
			lo = max(lo, faceMinSteep*float64(short))
		}
		found = append(found, d.detect(p, a, max(20, int(lo)), short, tiltedShift, tiltedScale, k)...)
	}
	return found
}

// counted is the number of faces at least minorFaceRatio of the largest.
func counted(faces []face) int {
	largest := 0
	for _, f := range faces {
		largest = max(largest, f.size)
	}
	n := 0
	for _, f := range faces {
		if float64(f.size) >= minorFaceRatio*float64(largest) {
			n++
		}
	}
	return n
}

// detect runs the face cascade at angle a over a (square) picture and
// returns the clusters above FaceMinQuality, their coordinates
// multiplied by k (the ratio of the grey copy to the one scanned).
func (d *detectors) detect(p pigo.ImageParams, a float64, minSize, maxSize int, shift, scale, k float64) []face {
	cp := pigo.CascadeParams{MinSize: minSize, MaxSize: maxSize, ShiftFactor: shift, ScaleFactor: scale, ImageParams: p}
	var found []face
	for _, det := range d.face.ClusterDetections(d.face.RunCascade(cp, a), faceIoU) {
		if det.Q >= FaceMinQuality {
			found = append(found, face{row: int(float64(det.Row) * k), col: int(float64(det.Col) * k), size: int(float64(det.Scale) * k), q: det.Q, angle: a})
		}
	}
	return found
}

// square is the picture padded with black to a square, its content at
// the top left so coordinates are unchanged.
func (g grayImage) square() grayImage {
	side := max(g.w, g.h)
	if g.w == g.h {
		return g
	}
	sq := grayImage{w: side, h: side, pix: make([]uint8, side*side)}
	for y := 0; y < g.h; y++ {
		copy(sq.pix[y*side:y*side+g.w], g.pix[y*g.w:(y+1)*g.w])
	}
	return sq
}

// skin is the median luminance of two cheek patches of face f, the
// face's own reference for what "light" means: a dark skin, a low-key
// light or a high-key one move it, the eye check compares to it.
func (g grayImage) skin(f face) float64 {
	var vals []uint8
	half := max(1, int(0.06*float64(f.size)))
	for _, dc := range []float64{-0.2, 0.2} {
		r, c := f.toImage(0.12, dc)
		for y := max(0, r-half); y < min(g.h, r+half+1); y++ {
			for x := max(0, c-half); x < min(g.w, c+half+1); x++ {
				vals = append(vals, g.pix[y*g.w+x])
			}
		}
	}
	if len(vals) == 0 {
		return 0
	}
	slices.Sort(vals)
	return float64(vals[len(vals)/2])
}

// darkShare is the share of the w×h patch centred on (x, y) under
// eyeDarkLevel × skin: a lens covers most of it, an open eye little.
func (g grayImage) darkShare(x, y, w, h int, skin float64) float64 {
	return g.share(x, y, w, h, func(v float64) bool { return v < eyeDarkLevel*skin })
}

// share is the share of the w×h patch centred on (x, y), clipped to the
// picture, whose luminance satisfies in.
func (g grayImage) share(x, y, w, h int, in func(float64) bool) float64 {
	x0, x1 := max(0, x-w/2), min(g.w, x+w/2+1)
	y0, y1 := max(0, y-h/2), min(g.h, y+h/2+1)
	var k, n float64
	for yy := y0; yy < y1; yy++ {
		for _, p := range g.pix[yy*g.w+x0 : yy*g.w+x1] {
			if in(float64(p)) {
				k++
			}
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return k / n
}

// brightShare is the share of the w×h patch centred on (x, y) at least
// eyeBrightLevel × skin: the white of the eye, the eyelids and the skin
// around an open eye are, the tinted glass of a lens or a lock of hair
// over the eye is not.
func (g grayImage) brightShare(x, y, w, h int, skin float64) float64 {
	return g.share(x, y, w, h, func(v float64) bool { return v >= eyeBrightLevel*skin })
}

// suppress keeps the best of overlapping detections. pigo's clustering
// leaves nested boxes of one face (a cluster is grown from its weakest
// member only), so a detection whose centre lies inside a stronger one's
// box is the same face (or a pattern in the hair, found at an angle:
// portrait-highkey-gocv).
func suppress(faces []face) []face {
	slices.SortFunc(faces, func(a, b face) int { return cmp.Compare(b.q, a.q) })
	var kept []face
	for _, f := range faces {
		inside := false
		for _, k := range kept {
			if abs(f.row-k.row) <= k.size/2 && abs(f.col-k.col) <= k.size/2 {
				inside = true
				break
			}
		}
		if !inside {
			kept = append(kept, f)
		}
	}
	return kept
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

// pupilsPlausible checks the geometry puploc returned: puploc always
// answers with a position, so an eye hidden by sunglasses still gets one;
// a position outside the upper face, tilted or with the wrong spread is
// no eye. The contrast is checked separately.
func (s faceScan) pupilsPlausible(m face) [2]bool {
	var ok [2]bool
	var at [2][2]float64 // each pupil in the face's frame: row, column offsets in face sizes
	for i, e := range s.eyes {
		dy, dx := m.toFace(e.row, e.col)
		at[i] = [2]float64{dy, dx}
		side := dx < 0
		if i == 1 {
			side = dx > 0
		}
		ok[i] = side && math.Abs(dx) <= 0.4 && dy >= -0.4 && dy <= 0.1
	}
	spread := math.Abs(at[1][1] - at[0][1])
	tilt := math.Abs(at[1][0] - at[0][0])
	if spread < pupilMinSpread || spread > pupilMaxSpread || tilt > pupilMaxTilt {
		ok = [2]bool{}
	}
	return ok
}

// contrast is the standard deviation of luminance in the w×h patch
// centred on (x, y), clipped to the picture.
func (g grayImage) contrast(x, y, w, h int) float64 {
	x0, x1 := max(0, x-w/2), min(g.w, x+w/2+1)
	y0, y1 := max(0, y-h/2), min(g.h, y+h/2+1)
	var sum, sq, n float64
	for yy := y0; yy < y1; yy++ {
		for _, p := range g.pix[yy*g.w+x0 : yy*g.w+x1] {
			v := float64(p)
			sum += v
			sq += v * v
			n++
		}
	}
	if n == 0 {
		return 0
	}
	m := sum / n
	return math.Sqrt(math.Max(0, sq/n-m*m))
}

// faceChecks are the headshot's face rules on the scan of its working
// copy: exactly one face ("face"), large enough ("face_size"), near the
// middle ("face_position"), with both eyes visible ("eyes"). The last
// three are reported only when there is exactly one face to judge.
func faceChecks(s faceScan, err error) []CheckResult {
	if err != nil { // the embedded cascades are broken: a build problem, not the user's
		return []CheckResult{{Name: "face", Status: Warn, Message: "We could not run the face check: our team will look at this picture.", Detail: err.Error()}}
	}
	c := CheckResult{Name: "face", Status: Pass, Value: float64(s.count), Message: "One face found."}
	switch {
	case s.count == 0:
		// Dark sunglasses or hair over the eyes also hide a face from the
		// detector (eyes-sunglasses-gocv, -sample4, -sample6), hence the
		// advice about the eyes.
		c.Status = Fail
		c.Message = "We could not find a face: upload an individual portrait where your whole face is clearly visible, eyes uncovered (no sunglasses), looking at the camera."
		return []CheckResult{c}
	case s.count > 1:
		c.Status = Fail
		c.Message = fmt.Sprintf("We found %d faces: a headshot shows only you, so upload a portrait with no more than one person.", s.count)
		return []CheckResult{c}
	}
	m := s.faces[s.main]
	c.Detail = fmt.Sprintf("score %.1f at (%d, %d), %d px on a %d × %d copy, turned %.0f°", m.q, m.col, m.row, m.size, s.g.w, s.g.h, m.degrees())
	return []CheckResult{c, faceSizeCheck(s, m), facePositionCheck(s, m), eyesCheck(s)}
}

// faceSizeCheck: the value is the face box over the short side.
func faceSizeCheck(s faceScan, m face) CheckResult {
	share := float64(m.size) / float64(min(s.g.w, s.g.h))
	size := CheckResult{Name: "face_size", Status: Pass, Value: round2(share),
		Message: "Your face is large enough in the frame.",
		Detail:  fmt.Sprintf("face %.0f%% of the short side", 100*share)}
	switch {
	case share < FaceFailShare:
		size.Status = Fail
		size.Message = "Your face is too small in the frame: upload a portrait of your head and shoulders, not a full-length or distant photo."
	case share < FaceMinShare:
		size.Status = Warn
		size.Message = "Your face is rather small in the frame: a closer portrait, from the shoulders up, shows you better."
	}
	return size
}

// facePositionCheck: the value is the face centre's share of the width.
func facePositionCheck(s faceScan, m face) CheckResult {
	centre := float64(m.col) / float64(s.g.w)
	pos := CheckResult{Name: "face_position", Status: Pass, Value: round2(centre),
		Message: "Your face is near the centre.",
		Detail:  fmt.Sprintf("face centre at %.0f%% of the width", 100*centre)}
	if math.Abs(centre-0.5) > FaceCentreBand {
		pos.Status = Fail
		pos.Message = "Your face is off to the side: use a portrait with your face near the centre."
	}
	return pos
}

// eyesCheck fails when both eyes are covered (a dark lens, hair, a hand:
// almost nothing light where the eyes are) and warns when they are not
// clearly seen (soft, half closed, behind thick frames, or not where a
// frontal face has them). The value is the number of eyes seen clearly.
func eyesCheck(s faceScan) CheckResult {
	visible, hidden := 0, 0
	for i, e := range s.eyes {
		if e.bright < EyeMinBright || e.dark > EyeMaxDark {
			hidden++
		} else if s.eyesOK[i] && e.contrast >= EyeMinContrast {
			visible++
		}
	}
	eyes := CheckResult{Name: "eyes", Status: Pass, Value: float64(visible),
		Message: "Your eyes are visible.",
		Detail: fmt.Sprintf("pupils at (%d, %d) and (%d, %d), plausible %v, contrast %.1f and %.1f, light %.2f and %.2f, dark %.2f and %.2f of the patch (cheeks %.0f)",
			s.eyes[0].col, s.eyes[0].row, s.eyes[1].col, s.eyes[1].row, s.eyesOK, s.eyes[0].contrast, s.eyes[1].contrast, s.eyes[0].bright, s.eyes[1].bright, s.eyes[0].dark, s.eyes[1].dark, s.skin)}
	switch {
	case hidden == 2:
		eyes.Status = Fail
		eyes.Message = "Your eyes must be visible: upload a portrait without sunglasses, and with no hair, hand or hat shadow over your eyes."
	case visible < 2:
		eyes.Status = Warn
		eyes.Message = "We could not see both of your eyes clearly: a portrait looking at the camera, eyes open and in focus, makes a better impression."
	}
	return eyes
}

// degrees is the face's in-plane rotation, signed (clockwise on screen
// positive).
func (f face) degrees() float64 {
	a := f.angle
	if a > 0.5 {
		a--
	}
	return 360 * a
}
