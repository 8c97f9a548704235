package main

import (
	"fmt"
	"image"
	"image/color"

	"github.com/disintegration/imaging"
)

// The faces in the source pictures, as pigo finds them (centre column,
// row, size, in the source's own pixels).
var groupFaces = map[string][]faceBox{
	"sample1": {{472, 477, 245}, {915, 536, 229}, {1573, 323, 224}},
	"sample3": {{1160, 352, 275}, {672, 451, 259}, {1608, 427, 256}},
	"sample4": {{1040, 304, 211}, {363, 317, 253}, {733, 181, 248}, {1336, 264, 200}},
	"sample5": {{1176, 317, 208}, {717, 531, 179}, {467, 995, 275}, {891, 216, 163}},
	"sample6": {{363, 627, 267}, {1269, 448, 259}, {1587, 405, 277}, {744, 472, 269}},
}

var (
	pigoFace      = faceBox{156, 203, 245}
	astronautFace = faceBox{225, 112, 111}
	gocvFace      = faceBox{348, 260, 230}
)

// Expectations: "pass" means no check may fail; "fail:a|b" means at least
// one of the named checks must fail (and the verdict is fail).
const (
	expPass           = "pass"
	expGroup          = "fail:face"
	expGroupLandscape = "fail:face|orientation"
	expEyes           = "fail:eyes|face" // pigo finds no face behind dark glasses on some: refused all the same, the message names sunglasses
	expBlur           = "fail:blur"
	expBorder         = "fail:borders"
	expScreenshot     = "fail:screenshot"
	expNoFace         = "fail:face"
)

func build() {
	const small = 400
	pigo, pigoSrc := load("pigo")
	astro, astroSrc := load("astronaut")
	gocv, gocvSrc := load("gocv-face")

	// Real portraits.
	save("portrait-pigo.jpg", pigo, small, "portrait", expPass, "unchanged", pigoSrc)
	save("portrait-pigo-mirrored.jpg", imaging.FlipH(pigo), small, "portrait", expPass, "mirrored", pigoSrc)
	save("portrait-astronaut-head-and-shoulders.jpg", astro, small, "portrait_head_and_shoulders", expPass, "unchanged: face about a fifth of the width", astroSrc)
	save("portrait-astronaut-tight.jpg", portraitCrop(astro, astronautFace, 2.4), small, "portrait", expPass, "cropped to the head", astroSrc)
	save("portrait-glasses.jpg", portraitCrop(gocv, gocvFace, 1.6), small, "portrait_clear_glasses", expPass, "cropped to a portrait", gocvSrc)
	for name, faces := range groupFaces {
		img, src := load(name)
		for i, f := range faces {
			save(fmt.Sprintf("portrait-%s-%d.jpg", name, i+1), portraitCrop(img, f, 1.7), small, "portrait", expPass, "one person cropped from a group photo", src)
		}
	}
	save("portrait-lowkey-pigo.jpg", shade(pigo, pigoFace, 0.55, 0.8, 0, 0.97), small, "portrait_low_key", expPass, "backdrop darkened to near black around the lit face", pigoSrc)
	save("portrait-lowkey-astronaut.jpg", shade(portraitCrop(astro, astronautFace, 2.4), faceBox{1.2 * 111, 0.96 * 111, 111}, 0.55, 0.8, 0, 0.97), small, "portrait_low_key", expPass, "cropped, backdrop darkened", astroSrc)
	s6, s6src := load("sample6")
	save("portrait-lowkey-sample6.jpg", shade(portraitCrop(s6, groupFaces["sample6"][1], 1.7), faceBox{0.85 * 259, 0.68 * 259, 259}, 0.5, 0.7, 0, 0.95), small, "portrait_low_key", expPass, "one person cropped from a group photo, backdrop darkened", s6src)
	save("portrait-highkey-pigo.jpg", shade(pigo, pigoFace, 0.55, 0.8, 255, 0.95), small, "portrait_high_key", expPass, "backdrop lifted to near white", pigoSrc)
	save("portrait-highkey-gocv.jpg", shade(portraitCrop(gocv, gocvFace, 1.6), faceBox{0.8 * 230, 147, 230}, 0.5, 0.75, 250, 0.95), small, "portrait_high_key", expPass, "cropped, backdrop lifted to near white", gocvSrc)

	// Groups.
	for _, name := range []string{"sample1", "sample2", "sample3", "sample4", "sample5", "sample6"} {
		img, src := load(name)
		save("group-"+name+".jpg", img, small, "group_tilted", expGroupLandscape, "unchanged (landscape, heads tilted)", src)
	}
	s1, s1src := load("sample1")
	save("group-two-sample1.jpg", imaging.Crop(s1, image.Rect(250, 150, 1150, 1300)), small, "group_upright", expGroup, "two people cropped to a portrait", s1src)
	save("group-two-sample6.jpg", imaging.Crop(s6, image.Rect(1080, 150, 1880, 1150)), small, "group_upright", expGroup, "two people cropped to a portrait", s6src)
	s3, s3src := load("sample3")
	save("group-two-tilted-sample3.jpg", imaging.Crop(s3, image.Rect(430, 60, 1430, 1300)), small, "group_tilted", expGroup, "two people, one head tilted, cropped to a portrait", s3src)
	cell := func(img *image.NRGBA) *image.NRGBA {
		return imaging.Fill(img, 200, 250, imaging.Center, imaging.Lanczos)
	}
	s6crop := portraitCrop(s6, groupFaces["sample6"][3], 1.7)
	tile := imaging.New(400, 250, color.White)
	tile = imaging.Paste(tile, cell(pigo), image.Pt(0, 0))
	tile = imaging.Paste(tile, cell(s6crop), image.Pt(200, 0))
	save("group-tiled-two.jpg", tile, small, "group_upright", expGroupLandscape, "two real portraits tiled side by side", pigoSrc, s6src)
	collage := imaging.New(400, 500, color.White)
	for i, img := range []*image.NRGBA{pigo, portraitCrop(astro, astronautFace, 2.4), s6crop, portraitCrop(s3, groupFaces["sample3"][1], 1.7)} {
		collage = imaging.Paste(collage, cell(img), image.Pt(200*(i%2), 250*(i/2)))
	}
	save("group-collage-four.jpg", collage, small, "group_upright", expGroup, "four real portraits tiled two by two", pigoSrc, astroSrc, s6src, s3src)
	pair := imaging.Paste(imaging.Clone(astro), imaging.Resize(pigo, 70, 0, imaging.Lanczos), image.Pt(30, 170))
	save("group-small-beside-large.jpg", pair, small, "group_small_face", expGroup, "a small real face (0.45 of the large one) pasted beside a large one", astroSrc, pigoSrc)

	// Hidden eyes.
	dark := color.NRGBA{28, 28, 34, 255}
	save("eyes-sunglasses-pigo.jpg", sunglasses(pigo, pigoFace, dark, false), small, "sunglasses", expEyes, "pigo's sunglasses pasted with dark lenses", pigoSrc, sourceOf("glasses"))
	save("eyes-sunglasses-astronaut.jpg", sunglasses(portraitCrop(astro, astronautFace, 2.4), faceBox{1.2 * 111, 0.96 * 111, 111}, color.NRGBA{40, 30, 25, 255}, false), small, "sunglasses", expEyes, "cropped, brown sunglasses pasted", astroSrc, sourceOf("glasses"))
	save("eyes-sunglasses-gocv.jpg", sunglasses(portraitCrop(gocv, gocvFace, 1.6), faceBox{0.8 * 230, 147 + 16, 230}, dark, false), small, "sunglasses", expEyes, "cropped, sunglasses pasted over the clear glasses (lowered to his eye line)", gocvSrc, sourceOf("glasses"))
	for i, name := range []string{"sample6", "sample4"} {
		img, src := load(name)
		f := groupFaces[name][1]
		crop := portraitCrop(img, f, 1.7)
		save(fmt.Sprintf("eyes-sunglasses-%s.jpg", name), sunglasses(crop, faceBox{0.85 * f.s, 0.68 * f.s, f.s}, []color.NRGBA{dark, {20, 35, 30, 255}}[i], false), small, "sunglasses", expEyes, "one person cropped, sunglasses pasted", src, sourceOf("glasses"))
	}
	save("eyes-reflective-sunglasses-pigo.jpg", sunglasses(pigo, pigoFace, color.NRGBA{30, 32, 40, 255}, true), small, "sunglasses", expEyes, "pigo's sunglasses pasted with gradient lenses and a reflection", pigoSrc, sourceOf("glasses"))
	save("eyes-reflective-sunglasses-pigo-mirrored.jpg", imaging.FlipH(sunglasses(pigo, pigoFace, color.NRGBA{40, 30, 22, 255}, true)), small, "sunglasses", expEyes, "mirrored, brown gradient sunglasses with a reflection pasted", pigoSrc, sourceOf("glasses"))
	save("eyes-hair-pigo.jpg", hairOver(pigo, pigoFace), small, "hidden_eyes", expEyes, "hair from the same head pasted across both eyes", pigoSrc)
	save("eyes-hair-astronaut.jpg", hairOver(portraitCrop(astro, astronautFace, 2.4), faceBox{1.2 * 111, 0.96 * 111, 111}), small, "hidden_eyes", expEyes, "cropped, hair pasted across both eyes", astroSrc)

	// Blurred.
	save("blurred-pigo.jpg", imaging.Blur(pigo, 3), small, "blurred", expBlur, "Gaussian blur σ 3 px", pigoSrc)
	save("blurred-astronaut.jpg", imaging.Blur(astro, 4), small, "blurred", expBlur, "Gaussian blur σ 4 px", astroSrc)
	save("blurred-glasses.jpg", imaging.Blur(portraitCrop(gocv, gocvFace, 1.6), 4), small, "blurred", expBlur, "cropped, Gaussian blur σ 4 px", gocvSrc)
	s5, s5src := load("sample5")
	save("blurred-sample5.jpg", imaging.Blur(portraitCrop(s5, groupFaces["sample5"][2], 1.7), 6), small, "blurred", expBlur, "one person cropped, Gaussian blur σ 6 px", s5src)

	// Bordered.
	save("border-white-pigo.jpg", frame(imaging.Resize(pigo, 280, 0, imaging.Lanczos), 20, color.White), small, "bordered", expBorder, "white frame", pigoSrc)
	save("border-black-astronaut.jpg", frame(imaging.Resize(astro, 360, 0, imaging.Lanczos), 20, color.Black), small, "bordered", expBorder, "black frame", astroSrc)
	mat := frame(frame(imaging.Resize(portraitCrop(gocv, gocvFace, 1.6), 300, 0, imaging.Lanczos), 3, color.Black), 28, color.NRGBA{240, 236, 226, 255})
	save("border-passepartout-glasses.jpg", mat, small, "bordered", expBorder, "cropped, a cream passe-partout with a black line", gocvSrc)
	s4, s4src := load("sample4")
	save("border-white-sample4.jpg", frame(imaging.Resize(portraitCrop(s4, groupFaces["sample4"][0], 1.7), 300, 0, imaging.Lanczos), 24, color.White), small, "bordered", expBorder, "one person cropped, white frame", s4src)

	// Screenshots of a phone showing a real portrait (kept at the phone's size).
	save("screenshot-iphone8-pigo.jpg", screenshot("a", pigo, 375, 667, 2, "#000"), 2000, "screenshot", expScreenshot, "rendered by chromium at 750×1334 (iPhone 6–8) with a status bar", pigoSrc)
	save("screenshot-android-astronaut.jpg", screenshot("b", astro, 360, 640, 2, "#1a73e8"), 2000, "screenshot", expScreenshot, "rendered by chromium at 720×1280 (Android HD) with a status bar", astroSrc)
	save("screenshot-iphone5-glasses.jpg", screenshot("c", portraitCrop(gocv, gocvFace, 1.6), 320, 568, 2, "#000"), 2000, "screenshot", expScreenshot, "rendered by chromium at 640×1136 (iPhone 5) with a status bar", gocvSrc)
	faceid, fsrc := load("faceid")
	save("screenshot-desktop-faceid.jpg", faceid, small, "screenshot_desktop", "fail:screenshot|orientation|face|face_size", "unchanged: a desktop app's screenshot with a small face", fsrc)

	// No face.
	for _, n := range []string{"coffee", "rocket", "chelsea", "gocv-shuttle"} {
		img, src := load(n)
		save("noface-"+n+".jpg", img, small, "no_face", expNoFace, "unchanged", src)
	}
}

func sourceOf(name string) source {
	_, s := sources[name]()
	return s
}
