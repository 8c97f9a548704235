// Command rebuild makes the headshot evaluation set (../*.jpg and
// ../manifest.tsv) from real photographs shipped in public packages, so
// every picture can be traced to its source and licence. It is kept in
// testdata so `go build ./...` and `go vet ./...` skip it; run it with
//
//	go run ./domain/photocheck/testdata/eval/rebuild -npm DIR -deb DIR
//
// where -npm holds the unpacked `npm pack` tarballs of @vladmandic/face-api
// 1.7.15 (as vladmandic-face-api-1.7.15/package) and @vladmandic/human 3.3.6,
// and -deb the `dpkg -x` of Debian bookworm's python3-skimage 0.19.3-8; the
// Go modules (github.com/esimov/pigo v1.4.6, gocv.io/x/gocv v0.41.0) are read
// from the module cache (`go mod download`). Screenshots are rendered by
// Debian's chromium. The output is deterministic apart from chromium's
// rendering.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"log"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/disintegration/imaging"
)

// source is where a picture comes from and under which licence.
type source struct{ where, licence string }

var (
	npmDir = flag.String("npm", "", "folder with the unpacked npm tarballs (required)")
	debDir = flag.String("deb", "", "folder with the dpkg -x of python3-skimage (required)")
	modDir = flag.String("mod", filepath.Join(os.Getenv("HOME"), "go/pkg/mod"), "Go module cache")
	outDir = flag.String("out", "domain/photocheck/testdata/eval", "output folder")
)

// The sources: the file inside its package, the package and version, and
// its licence.
var sources = map[string]func() (string, source){
	"pigo": func() (string, source) {
		return mod("github.com/esimov/pigo@v1.4.6/testdata/sample.jpg"), source{"github.com/esimov/pigo v1.4.6 testdata/sample.jpg", "MIT (the module's licence, Copyright Endre Simo)"}
	},
	"glasses": func() (string, source) {
		return mod("github.com/esimov/pigo@v1.4.6/examples/puploc_masquerade/images/sunglasses.png"), source{"github.com/esimov/pigo v1.4.6 examples/puploc_masquerade/images/sunglasses.png", "MIT (the module's licence, Copyright Endre Simo)"}
	},
	"gocv-face": func() (string, source) {
		return mod("gocv.io/x/gocv@v0.41.0/images/face.jpg"), source{"gocv.io/x/gocv v0.41.0 images/face.jpg", "Apache-2.0 (the module's licence, Copyright The Hybrid Group and friends)"}
	},
	"gocv-shuttle": func() (string, source) {
		return mod("gocv.io/x/gocv@v0.41.0/images/space_shuttle.jpg"), source{"gocv.io/x/gocv v0.41.0 images/space_shuttle.jpg", "Apache-2.0 (the module's licence, Copyright The Hybrid Group and friends)"}
	},
	"astronaut": func() (string, source) {
		return skimage("astronaut.png"), source{"Debian python3-skimage 0.19.3-8 skimage/data/astronaut.png", "public domain (NASA)"}
	},
	"coffee": func() (string, source) {
		return skimage("coffee.png"), source{"Debian python3-skimage 0.19.3-8 skimage/data/coffee.png", "CC0 (Rachel Michetti)"}
	},
	"rocket": func() (string, source) {
		return skimage("rocket.jpg"), source{"Debian python3-skimage 0.19.3-8 skimage/data/rocket.jpg", "public domain (SpaceX)"}
	},
	"chelsea": func() (string, source) {
		return skimage("chelsea.png"), source{"Debian python3-skimage 0.19.3-8 skimage/data/chelsea.png", "CC0 (Stefan van der Walt)"}
	},
	"faceid": func() (string, source) {
		return filepath.Join(*npmDir, "vladmandic-human-3.3.6/package/assets/screenshot-faceid.jpg"), source{"npm @vladmandic/human 3.3.6 assets/screenshot-faceid.jpg", "MIT (the package's licence, Copyright Vladimir Mandic)"}
	},
}

func init() {
	for i := 1; i <= 6; i++ {
		name := fmt.Sprintf("sample%d", i)
		sources[name] = func() (string, source) {
			return filepath.Join(*npmDir, "vladmandic-face-api-1.7.15/package/demo", name+".jpg"),
				source{"npm @vladmandic/face-api 1.7.15 demo/" + name + ".jpg", "MIT (the package's licence, Copyright Vladimir Mandic)"}
		}
	}
}

func mod(p string) string { return filepath.Join(*modDir, p) }
func skimage(p string) string {
	return filepath.Join(*debDir, "usr/lib/python3/dist-packages/skimage/data", p)
}

// load opens a source picture.
func load(name string) (*image.NRGBA, source) {
	path, src := sources[name]()
	img, err := imaging.Open(path)
	if err != nil {
		log.Fatalf("%s: %v", name, err)
	}
	return imaging.Clone(img), src
}

// faceBox is a face in a source picture: centre and size as pigo reports it.
type faceBox struct{ c, r, s float64 }

// portraitCrop is a head-and-shoulders crop around f: w faces wide.
func portraitCrop(img *image.NRGBA, f faceBox, w float64) *image.NRGBA {
	half := w * f.s / 2
	top := f.r - 0.8*half
	rect := image.Rect(int(f.c-half), int(top), int(f.c+half), int(top+2.5*half))
	return imaging.Crop(img, rect.Intersect(img.Bounds()))
}

// item is one picture of the set and its labels.
type item struct {
	file, label, expect, edit string
	src                       []source
}

var items []item

// save writes img reduced to maxSide as a JPEG and records it.
func save(file string, img image.Image, maxSide int, label, expect, edit string, src ...source) {
	b := img.Bounds()
	if max(b.Dx(), b.Dy()) > maxSide {
		img = imaging.Fit(img, maxSide, maxSide, imaging.Lanczos)
	}
	if err := imaging.Save(img, filepath.Join(*outDir, file), imaging.JPEGQuality(85)); err != nil {
		log.Fatal(err)
	}
	items = append(items, item{file, label, expect, edit, src})
}

// shade multiplies the picture outside an ellipse around f (radii rx, ry
// in face sizes) towards k, over a soft edge: a low-key backdrop when k
// is small, a high-key one when towards is white.
func shade(img *image.NRGBA, f faceBox, rx, ry float64, towards float64, k float64) *image.NRGBA {
	out := imaging.Clone(img)
	b := out.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			dx, dy := (float64(x)-f.c)/(rx*f.s), (float64(y)-f.r-0.2*f.s)/(ry*f.s)
			d := math.Sqrt(dx*dx + dy*dy)
			t := math.Min(1, math.Max(0, (d-1)/0.5)) * k
			o := out.PixOffset(x, y)
			for i := 0; i < 3; i++ {
				v := float64(out.Pix[o+i])
				out.Pix[o+i] = uint8(v + (towards-v)*t)
			}
		}
	}
	return out
}

// sunglasses pastes pigo's sunglasses picture, its red lenses turned into
// dark tinted glass, over the eyes of face f. A reflective pair has
// gradient lenses (dark at the top, lighter below) with a bright
// reflection across them, as sunglasses in daylight have: contrast
// inside the lens, yet no eye.
func sunglasses(img *image.NRGBA, f faceBox, tint color.NRGBA, reflective bool) *image.NRGBA {
	g, _ := load("glasses")
	b := g.Bounds()
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			o := g.PixOffset(x, y)
			r, gg, bb := g.Pix[o], g.Pix[o+1], g.Pix[o+2]
			if int(r) > int(gg)+60 && int(r) > int(bb)+60 { // lens
				shine := 1 + 0.25*float64(b.Dy()-y)/float64(b.Dy()) // a faint reflection towards the top
				if reflective {
					shine = 0.8 + 1.6*float64(y)/float64(b.Dy())
				}
				c := [3]float64{float64(tint.R) * shine, float64(tint.G) * shine, float64(tint.B) * shine}
				if reflective && (x+y)%90 < 14 { // a streak of reflected sky
					c = [3]float64{150, 160, 175}
				}
				g.Pix[o], g.Pix[o+1], g.Pix[o+2] = uint8(min(255, c[0])), uint8(min(255, c[1])), uint8(min(255, c[2]))
			}
		}
	}
	w := int(1.0 * f.s)
	g = imaging.Resize(g, w, 0, imaging.Lanczos)
	at := image.Pt(int(f.c)-w/2, int(f.r-0.12*f.s)-g.Bounds().Dy()/2)
	return imaging.Overlay(img, g, at, 1)
}

// hairOver pastes a band of real hair, cut from the top of the same
// head, across both eyes (a fringe hiding them).
func hairOver(img *image.NRGBA, f faceBox) *image.NRGBA {
	hair := imaging.Crop(img, image.Rect(int(f.c-0.3*f.s), int(f.r-0.62*f.s), int(f.c+0.3*f.s), int(f.r-0.45*f.s)))
	band := imaging.Resize(hair, int(0.8*f.s), int(0.2*f.s), imaging.Lanczos)
	return imaging.Paste(img, band, image.Pt(int(f.c-0.4*f.s), int(f.r-0.18*f.s)))
}

// frame adds a border of width px around img.
func frame(img image.Image, px int, c color.Color) *image.NRGBA {
	b := img.Bounds()
	return imaging.PasteCenter(imaging.New(b.Dx()+2*px, b.Dy()+2*px, c), img)
}

// screenshot renders a phone page showing the picture, with a status bar,
// in Debian's chromium at the phone's pixel size.
func screenshot(file string, img image.Image, cssW, cssH int, scale float64, bar string) *image.NRGBA {
	tmp, err := os.MkdirTemp("", "evalshot")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	if err := imaging.Save(img, filepath.Join(tmp, "p.jpg")); err != nil {
		log.Fatal(err)
	}
	page := fmt.Sprintf(`<!doctype html><html><body style="margin:0;font-family:sans-serif;background:#fff">
<div style="height:24px;background:%s;color:#fff;font-size:12px;display:flex;justify-content:space-between;padding:0 10px;align-items:center"><b>9:41</b><span>&#9650; 87%%</span></div>
<div style="height:44px;border-bottom:1px solid #ddd;display:flex;align-items:center;padding:0 12px;font-weight:bold">&lsaquo; Photos</div>
<img src="p.jpg" style="width:100%%;display:block">
<div style="padding:12px;color:#333">128 likes &middot; Share &middot; Edit</div></body></html>`, bar)
	if err := os.WriteFile(filepath.Join(tmp, "p.html"), []byte(page), 0o600); err != nil {
		log.Fatal(err)
	}
	out := filepath.Join(tmp, "shot.png")
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--hide-scrollbars",
		fmt.Sprintf("--window-size=%d,%d", cssW, cssH), fmt.Sprintf("--force-device-scale-factor=%g", scale),
		"--screenshot="+out, "file://"+filepath.Join(tmp, "p.html"))
	if b, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("chromium: %v\n%s", err, b)
	}
	shot, err := imaging.Open(out)
	if err != nil {
		log.Fatal(err)
	}
	return imaging.Clone(shot)
}

func main() {
	flag.Parse()
	if *npmDir == "" || *debDir == "" {
		log.Fatal("usage: rebuild -npm DIR -deb DIR [-mod DIR] [-out DIR]")
	}
	if err := os.MkdirAll(*outDir, 0o755); err != nil {
		log.Fatal(err)
	}
	build()
	var sb strings.Builder
	sb.WriteString("# file\tlabel\texpect\tsource\tlicence\tedit\n")
	for _, it := range items {
		var where, lic []string
		for _, s := range it.src {
			where, lic = append(where, s.where), append(lic, s.licence)
		}
		fmt.Fprintf(&sb, "%s\t%s\t%s\t%s\t%s\t%s\n", it.file, it.label, it.expect, strings.Join(where, " + "), strings.Join(lic, " + "), it.edit)
	}
	if err := os.WriteFile(filepath.Join(*outDir, "manifest.tsv"), []byte(sb.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("%d pictures", len(items))
}
