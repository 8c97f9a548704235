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

// Face rules for a headshot.
const (
	// FaceMinShare is the smallest face accepted, as the face's height
	// over the picture's short side: a headshot shows the head and
	// shoulders, where the face is a third or more of the width.
	FaceMinShare = 0.20
	// FaceCentreBand: the face centre must lie within ±FaceCentreBand of
	// the middle of the width (the middle 60%).
	FaceCentreBand = 0.30
	// FaceMinQuality is the least score (pigo's, summed over a cluster of
	// overlapping detections) of a face; weaker clusters are patterns in
	// hair, clothes or the background. The real portrait scores 180–450
	// at every size, tilt, exposure and contrast tried; generated photos
	// and noise score nothing.
	FaceMinQuality = 20.0
	// minorFaceRatio: a second face smaller than this share of the main
	// one is a poster or a crowd far behind, not a second person
	// sharing the portrait.
	minorFaceRatio = 0.4
	// EyeMinContrast is the least standard deviation of luminance (0–255)
	// around an eye for it to count as visible: sclera, iris, lashes and
	// brow give 30–45 on the real portrait (and 21 under a moderate
	// shade); a sunglasses lens gives under 10 and a deep hat shadow 13.
	EyeMinContrast = 15.0

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
// square around the face) and pigo's score.
type face struct {
	row, col, size int
	q              float32
}

// eye is a pupil found by puploc and the contrast around it.
type eye struct {
	row, col int
	contrast float64
}

// faceScan is what the detector saw on one grey copy.
type faceScan struct {
	g      grayImage
	faces  []face // every detection above FaceMinQuality, best first
	main   int    // index of the largest face, -1 if none
	count  int    // faces at least minorFaceRatio of the main one
	eyes   [2]eye // left and right pupil of the main face (as seen)
	eyesOK [2]bool
}

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
	dets := d.face.RunCascade(pigo.CascadeParams{
		MinSize:     max(20, int(faceMinDetect*float64(short))),
		MaxSize:     short,
		ShiftFactor: 0.1,
		ScaleFactor: 1.1,
		ImageParams: params,
	}, 0)
	var found []face
	for _, det := range d.face.ClusterDetections(dets, faceIoU) {
		if det.Q >= FaceMinQuality {
			found = append(found, face{row: det.Row, col: det.Col, size: det.Scale, q: det.Q})
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
	for _, f := range s.faces {
		if float64(f.size) >= minorFaceRatio*float64(m.size) {
			s.count++
		}
	}
	// puploc starts where pigo's own examples start it: a quarter of the
	// face size around each expected eye position. The eye's contrast is
	// the lower of the contrast around the pupil it returns and around
	// the expected position: with sunglasses puploc settles on the edge
	// of a lens, which has contrast, while the expected position is
	// inside the flat, dark lens.
	pw, ph := int(eyePatchWidth*float64(m.size)), int(eyePatchHeight*float64(m.size))
	for i, dx := range []float64{-0.175, 0.185} {
		row, col := m.row-int(0.075*float64(m.size)), m.col+int(dx*float64(m.size))
		p := d.pupil.RunDetector(pigo.Puploc{Row: row, Col: col, Scale: float32(m.size) * 0.25, Perturbs: pupilPerturbs}, params, 0, false)
		if p == nil {
			continue
		}
		s.eyes[i] = eye{row: p.Row, col: p.Col, contrast: math.Min(g.contrast(p.Col, p.Row, pw, ph), g.contrast(col, row, pw, ph))}
	}
	s.eyesOK = s.pupilsPlausible(m)
	return s, nil
}

// suppress keeps the best of overlapping detections. pigo's clustering
// leaves nested boxes of one face (a cluster is grown from its weakest
// member only), so a detection whose centre lies inside a stronger one's
// box is the same face.
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
	size := float64(m.size)
	for i, e := range s.eyes {
		dx := float64(e.col - m.col)
		dy := float64(e.row - m.row)
		side := dx < 0
		if i == 1 {
			side = dx > 0
		}
		ok[i] = side && math.Abs(dx) <= 0.4*size && dy >= -0.4*size && dy <= 0.1*size
	}
	l, r := s.eyes[0], s.eyes[1]
	spread := math.Abs(float64(r.col-l.col)) / size
	tilt := math.Abs(float64(r.row-l.row)) / size
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

// faceChecks are the headshot's face rules: exactly one face ("face"),
// large enough ("face_size"), near the middle ("face_position"), with
// both eyes visible ("eyes"). The last three are reported only when there
// is exactly one face to judge.
func faceChecks(work grayImage) []CheckResult {
	s, err := scanFaces(work)
	if err != nil { // the embedded cascades are broken: a build problem, not the user's
		return []CheckResult{{Name: "face", Status: Warn, Message: "We could not run the face check: our team will look at this picture.", Detail: err.Error()}}
	}
	c := CheckResult{Name: "face", Status: Pass, Value: float64(s.count), Message: "One face found."}
	switch {
	case s.count == 0:
		c.Status = Fail
		c.Message = "We could not find a face: upload an individual portrait where your face is clearly visible, looking at the camera."
		return []CheckResult{c}
	case s.count > 1:
		c.Status = Fail
		c.Message = fmt.Sprintf("We found %d faces: a headshot shows only you, so upload a portrait with no more than one person.", s.count)
		return []CheckResult{c}
	}
	m := s.faces[s.main]
	c.Detail = fmt.Sprintf("score %.1f at (%d, %d), %d px on a %d × %d copy", m.q, m.col, m.row, m.size, s.g.w, s.g.h)

	share := float64(m.size) / float64(min(s.g.w, s.g.h))
	size := CheckResult{Name: "face_size", Status: Pass, Value: round2(share),
		Message: "Your face is large enough in the frame.",
		Detail:  fmt.Sprintf("face %.0f%% of the short side", 100*share)}
	if share < FaceMinShare {
		size.Status = Fail
		size.Message = "Your face is too small in the frame: use a closer portrait, from the shoulders up."
	}

	centre := float64(m.col) / float64(s.g.w)
	pos := CheckResult{Name: "face_position", Status: Pass, Value: round2(centre),
		Message: "Your face is near the centre.",
		Detail:  fmt.Sprintf("face centre at %.0f%% of the width", 100*centre)}
	if math.Abs(centre-0.5) > FaceCentreBand {
		pos.Status = Fail
		pos.Message = "Your face is off to the side: use a portrait with your face near the centre."
	}

	visible := 0
	for i, e := range s.eyes {
		if s.eyesOK[i] && e.contrast >= EyeMinContrast {
			visible++
		}
	}
	eyes := CheckResult{Name: "eyes", Status: Pass, Value: float64(visible),
		Message: "Your eyes are visible.",
		Detail: fmt.Sprintf("pupils at (%d, %d) and (%d, %d), plausible %v, contrast %.1f and %.1f",
			s.eyes[0].col, s.eyes[0].row, s.eyes[1].col, s.eyes[1].row, s.eyesOK, s.eyes[0].contrast, s.eyes[1].contrast)}
	if visible < 2 {
		eyes.Status = Fail
		eyes.Message = "Your eyes should be clearly visible: no sunglasses, no hat or hair shading them, looking at the camera."
	}
	return []CheckResult{c, size, pos, eyes}
}
