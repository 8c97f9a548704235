package media

import (
	_ "embed"
	"fmt"
	"image"
	"sync"

	"github.com/disintegration/imaging"
	pigo "github.com/esimov/pigo/core"
)

// The pigo cascades, shipped with pigo v1.4.6 (MIT, see cascade/).
var (
	//go:embed cascade/facefinder
	facefinderCascade []byte
	//go:embed cascade/puploc
	puplocCascade []byte
)

// Face rules for a headshot.
const (
	faceSide        = 720  // long side of the grey copy detection runs on
	faceMinQuality  = 6.0  // detections below this score are noise
	faceMinFraction = 0.20 // face diameter over the picture's short side
	faceCentreBand  = 0.30 // the face centre must be within ±30% of the middle
	faceIoU         = 0.2  // clustering of overlapping detections
	minorFaceRatio  = 0.35 // a second face smaller than this share of the main one is ignored (a poster, a crowd far behind)
)

type detectors struct {
	face  *pigo.Pigo
	pupil *pigo.PuplocCascade
	err   error
}

// loadDetectors unpacks the cascades once; the unpacked classifiers are
// read-only and safe to share between workers.
var loadDetectors = sync.OnceValue(func() detectors {
	f, err := pigo.NewPigo().Unpack(facefinderCascade)
	if err != nil {
		return detectors{err: fmt.Errorf("media: facefinder cascade: %w", err)}
	}
	p, err := pigo.NewPuplocCascade().UnpackCascade(puplocCascade)
	if err != nil {
		return detectors{err: fmt.Errorf("media: puploc cascade: %w", err)}
	}
	return detectors{face: f, pupil: p}
})

// Face is one detected face on the grey copy.
type Face struct {
	Row, Col, Size int
	Quality        float32
	Eyes           int // pupils found, 0–2
}

// findFaces detects faces and their pupils on a grey copy of img.
func findFaces(img *image.NRGBA) (faces []Face, w, h int, err error) {
	d := loadDetectors()
	if d.err != nil {
		return nil, 0, 0, d.err
	}
	g := grayOf(imaging.Fit(img, faceSide, faceSide, imaging.Linear))
	params := pigo.ImageParams{Pixels: g.pix, Rows: g.h, Cols: g.w, Dim: g.w}
	dets := d.face.RunCascade(pigo.CascadeParams{
		MinSize: max(24, min(g.w, g.h)/10), MaxSize: min(g.w, g.h),
		ShiftFactor: 0.1, ScaleFactor: 1.1, ImageParams: params,
	}, 0)
	dets = d.face.ClusterDetections(dets, faceIoU)
	for _, det := range dets {
		if det.Q < faceMinQuality {
			continue
		}
		f := Face{Row: det.Row, Col: det.Col, Size: det.Scale, Quality: det.Q}
		for _, side := range []float32{-1, 1} {
			pl := pigo.Puploc{
				Row:      det.Row - int(0.085*float32(det.Scale)),
				Col:      det.Col + int(side*0.185*float32(det.Scale)),
				Scale:    float32(det.Scale) * 0.4,
				Perturbs: 50,
			}
			if p := d.pupil.RunDetector(pl, params, 0, false); p != nil && p.Row > 0 && p.Col > 0 {
				f.Eyes++
			}
		}
		faces = append(faces, f)
	}
	return faces, g.w, g.h, nil
}

// faceCheck wants exactly one face, large enough, near the middle, with
// both eyes visible.
func faceCheck(img *image.NRGBA) CheckResult {
	faces, w, h, err := findFaces(img)
	c := CheckResult{Name: "face", Status: Pass}
	if err != nil {
		c.Status, c.Message = Fail, "We could not run the face check on this picture: try another photo."
		return c
	}
	main := -1
	for i, f := range faces {
		if main < 0 || f.Size > faces[main].Size {
			main = i
		}
	}
	significant := 0
	for _, f := range faces {
		if main >= 0 && float64(f.Size) >= minorFaceRatio*float64(faces[main].Size) {
			significant++
		}
	}
	c.Value = float64(significant)
	switch {
	case significant == 0:
		c.Status = Fail
		c.Message = "We could not find a face: upload an individual portrait where your face is clearly visible."
		return c
	case significant > 1:
		c.Status = Fail
		c.Message = fmt.Sprintf("We found %d people in this picture: a headshot shows you alone.", significant)
		return c
	}
	f := faces[main]
	frac := float64(f.Size) / float64(min(w, h))
	offset := float64(f.Col)/float64(w) - 0.5
	c.Detail = fmt.Sprintf("face %.0f%% of the short side, centre at %.0f%% of the width, %d eye(s) found", frac*100, (offset+0.5)*100, f.Eyes)
	switch {
	case frac < faceMinFraction:
		c.Status, c.Message = Fail, "Your face is too small in the frame: use a closer portrait, from the shoulders up."
	case offset < -faceCentreBand || offset > faceCentreBand:
		c.Status, c.Message = Fail, "Your face is off to the side: use a portrait with your face near the centre."
	case f.Eyes < 2:
		c.Status, c.Message = Fail, "Your eyes should be clearly visible: no sunglasses, no hat shading your face."
	}
	return c
}
