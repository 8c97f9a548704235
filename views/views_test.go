package views_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/views"
)

// fixtures gives every template the data its handler passes. A template
// without an entry fails the test, so a new view cannot ship untested.
func fixtures() map[string]fiber.Map {
	now := time.Now()
	user := &domain.Account{ID: 7, Name: "Maya Laurent", Email: "maya@example.com", Role: domain.RolePerformer}
	notes := []domain.Notification{
		{ID: 1, Title: "Welcome to Slate, Maya", Body: "Complete your profile.", Link: "/profile", CreatedAt: now.Add(-2 * time.Hour)},
		{ID: 2, Title: "Read one", Body: "Old news.", CreatedAt: now.Add(-72 * time.Hour), ReadAt: &now},
	}
	base := func(extra fiber.Map) fiber.Map {
		m := fiber.Map{"Title": "Slate", "CSRF": "csrf-token", "Path": "/", "User": user}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	signup := fiber.Map{
		"Form":   domain.Signup{Name: "Maya", Email: "maya@example.com", Role: domain.RoleCrew},
		"Errors": domain.FieldErrors{"email": "An account already uses this e-mail address."},
		"Roles":  domain.SignupRoles,
		"User":   (*domain.Account)(nil),
	}
	photoOK := handlers.NewPhotoView(domain.Photo{ID: 3, Position: 1, Status: domain.PhotoPassed, CheckSeq: 1, Caption: "On set",
		Report: []byte(`{"kind":"book","verdict":"pass","checks":[{"name":"resolution","status":"warn","message":"A little small.","value":800}]}`)}, true, false)
	photoBad := handlers.NewPhotoView(domain.Photo{ID: 4, Position: 2, Status: domain.PhotoFailed, CheckSeq: 2,
		Report: []byte(`{"kind":"book","verdict":"fail","checks":[{"name":"blur","status":"fail","message":"The picture is blurred.","value":3}]}`)}, false, false)
	photoPending := handlers.NewPhotoView(domain.Photo{ID: 5, Position: 3, Status: domain.PhotoPending, CheckSeq: 1}, false, true)
	photoError := handlers.NewPhotoView(domain.Photo{ID: 6, Status: domain.PhotoError, Problem: "This file is damaged.", IsHeadshot: true}, false, false)
	photoError.CaptionError = "Keep captions under 140 characters."
	p := profile.Profile{PublicProfile: profile.PublicProfile{DisplayName: "Maya Laurent", Pronouns: "she/her", Headline: "Actor", Bio: "Ten years on stage.",
		RoleTypes: []string{"actor"}, Gender: "female", PlayingAgeMin: 25, PlayingAgeMax: 35, HeightCM: 168,
		EyeColour: "green", HairColour: "brown", HairLength: "long", Departments: []string{"editing"}, Unions: []string{"sag_aftra"},
		Skills: []string{"Stage combat"}, Languages: []profile.Language{{Name: "French", Level: "native"}}, Accents: []string{"RP"},
		City: "Lisbon", Country: "PT", ExperienceLevel: "professional",
		Credits:  []profile.Credit{{Year: 2024, Title: "Hamlet", Role: "Ophelia", Kind: "theatre"}},
		Training: []profile.Training{{Year: 2015, Institution: "ESTC", Course: "Acting"}},
		Links:    []profile.Link{{Label: "Agency", URL: "https://agency.example.com"}}}}
	var sections []handlers.SectionView
	for _, sec := range profile.Sections {
		sv := handlers.SectionView{Section: sec, Form: profile.Values(sec.Name, p), CSRF: "csrf-token", Kind: profile.KindPerformer}
		if sec.Name == "performer" {
			sv.Form.Set("height_cm", "900")
			sv.Errors = domain.FieldErrors{"height_cm": "Height must be between 50 and 250 cm."}
		}
		if sec.Name == "credits" {
			sv.Errors = domain.FieldErrors{"credit_year_0": "Enter a year between 1900 and 2028."}
		}
		sv.Saved = sec.Name == "about"
		sections = append(sections, sv)
	}
	meter := profile.Completeness(p, profile.KindPerformer, profile.Media{BookPassed: 3}, time.Now())
	reels := []domain.Reel{{ID: 1, Kind: "video", Title: "Showreel", Provider: "vimeo", URL: "https://vimeo.com/1"},
		{ID: 2, Kind: "audio", Title: "Voice demo", ContentType: "audio/mpeg", Bytes: 2 << 20}}
	prof := func(extra fiber.Map) fiber.Map {
		m := base(fiber.Map{"Path": "/profile", "Sections": sections, "Meter": meter, "Status": "draft", "StatusLabel": "Draft",
			"Reels": reels, "ReelErrors": map[string]string{"reel_url": "Paste a link."}, "ReelTitle": "Showreel", "ReelURL": "nope",
			"MaxReelMB": int64(100), "Headshot": &photoError, "Book": []handlers.PhotoView{photoOK, photoBad, photoPending},
			"Problems": []struct{ File, Message string }{{"scan.pdf", "This file is not a JPEG, PNG or WebP photo."}}, "MaxPhotoMB": int64(20),
			"SubmitProblem": "Your profile is not complete yet."})
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	head := domain.Photo{ID: 1, Width: 1000, Height: 1250, CheckSeq: 1}
	login := fiber.Map{"Email": "maya@example.com", "Next": "/performer", "Problem": "That e-mail and password do not match an account.", "Notice": "You are logged out.", "User": (*domain.Account)(nil)}
	return map[string]fiber.Map{
		"layouts/main":                base(nil),
		"partials/nav":                base(nil),
		"partials/csrf":               base(nil),
		"partials/field":              {"Name": "email", "Label": "E-mail", "Type": "email", "Value": "x@example.com", "Error": "Bad."},
		"partials/profile_progress":   base(fiber.Map{"Meter": meter, "StatusLabel": "Draft"}),
		"partials/notifications_card": {"": notes},
		"partials/notification_list":  {"": notes},
		"home/index":                  base(fiber.Map{"Roles": domain.SignupRoles, "User": (*domain.Account)(nil)}),
		"auth/signup":                 base(signup),
		"auth/signup_form":            base(signup),
		"auth/login":                  base(login),
		"auth/login_form":             base(login),
		"dashboard/performer":         base(fiber.Map{"Notifications": notes, "Meter": meter, "StatusLabel": "Draft"}),
		"dashboard/crew":              base(fiber.Map{"Notifications": notes}),
		"dashboard/producer":          base(fiber.Map{"Notifications": notes}),
		"dashboard/moderator":         base(fiber.Map{"Notifications": nil}),
		"notifications/index":         base(fiber.Map{"Notifications": notes}),
		"errors/error":                base(fiber.Map{"Code": 404, "Message": "We could not find this page."}),
		"partials/select":             {"Name": "gender", "Label": "Gender", "Options": "genders", "Value": "female", "Error": "Choose."},
		"partials/checkboxes":         {"Name": "role_types", "Label": "Role types", "Options": "role_types", "Form": profile.Values("performer", p), "Hint": "Pick all."},
		"partials/textarea":           {"Name": "bio", "Label": "Bio", "Value": "Hello", "Error": "Too short."},
		"profile/tabs":                prof(nil),
		"profile/edit":                prof(nil),
		"profile/section":             {"S": sections[2]},
		"profile/meter":               prof(nil),
		"profile/media":               prof(nil),
		"profile/photo_manager":       prof(nil),
		"profile/photo_card":          {"Photo": photoPending, "CSRF": "csrf-token"},
		"profile/reels":               prof(nil),
		"profile/public": prof(fiber.Map{"Talent": domain.Account{ID: 7, Role: domain.RolePerformer}, "P": p.Public(), "Headshot": &head,
			"Book": []domain.Photo{{ID: 2, Caption: "On set"}}, "Preview": true, "Own": true, "Path": "/talent/7"}),
	}
}

func TestEveryViewRenders(t *testing.T) {
	engine := views.Engine()
	if err := engine.Load(); err != nil {
		t.Fatal(err)
	}
	fx := fixtures()
	var names []string
	err := fs.WalkDir(views.FS, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".html") {
			names = append(names, strings.TrimSuffix(path, ".html"))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(names) < len(fx) {
		t.Fatalf("found %d templates, fixtures for %d", len(names), len(fx))
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			data, ok := fx[name]
			if !ok {
				t.Fatalf("no fixture for %s: add one to fixtures()", name)
			}
			var bind any = data
			if list, ok := data[""]; ok { // partials that take a bare value
				bind = list
			}
			var buf bytes.Buffer
			layout := []string{}
			if !strings.HasPrefix(name, "partials/") && !strings.HasPrefix(name, "layouts/") {
				layout = append(layout, "layouts/main")
			}
			if name == "layouts/main" {
				// The layout alone needs something to embed.
				if err := engine.Render(&buf, "errors/error", fx["errors/error"], "layouts/main"); err != nil {
					t.Fatal(err)
				}
			} else if err := engine.Render(&buf, name, bind, layout...); err != nil {
				t.Fatal(err)
			}
			out := buf.String()
			if strings.TrimSpace(out) == "" {
				t.Fatal("rendered nothing")
			}
			if strings.Contains(out, "<no value>") {
				t.Errorf("a field is missing from the fixture or the template:\n%s", out)
			}
		})
	}
}

func TestFormFieldsAreLabelled(t *testing.T) {
	engine := views.Engine()
	fx := fixtures()
	for _, name := range []string{"auth/signup", "auth/login"} {
		var buf bytes.Buffer
		if err := engine.Render(&buf, name, fx[name], "layouts/main"); err != nil {
			t.Fatal(err)
		}
		html := buf.String()
		for _, id := range []string{`id="f-email"`, `id="f-password"`} {
			if !strings.Contains(html, id) {
				t.Errorf("%s lacks %s", name, id)
			}
		}
		if strings.Count(html, `<label for="f-`) < 2 {
			t.Errorf("%s: inputs without labels", name)
		}
	}
}

func renderString(t *testing.T, name string, data any) string {
	t.Helper()
	var buf bytes.Buffer
	if err := views.Engine().Render(&buf, name, data); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func TestSectionShowsTypedValueAndMessage(t *testing.T) {
	fx := fixtures()
	html := renderString(t, "profile/section", fx["profile/section"])
	for _, want := range []string{`value="900"`, "Height must be between 50 and 250 cm.", `aria-describedby="e-height_cm"`, "nothing was saved"} {
		if !strings.Contains(html, want) {
			t.Errorf("performer section lacks %q", want)
		}
	}
}

func TestPhotoCardPollsOnlyWhilePending(t *testing.T) {
	pending := renderString(t, "profile/photo_card", fiber.Map{"Photo": handlers.NewPhotoView(domain.Photo{ID: 9, Status: domain.PhotoPending}, false, false)})
	if !strings.Contains(pending, `hx-trigger="every 1s"`) || !strings.Contains(pending, "Checking") {
		t.Errorf("a pending card does not poll:\n%s", pending)
	}
	done := renderString(t, "profile/photo_card", fiber.Map{"Photo": handlers.NewPhotoView(domain.Photo{ID: 9, Status: domain.PhotoFailed,
		Report: []byte(`{"verdict":"fail","checks":[{"name":"blur","status":"fail","message":"The picture is blurred: upload a sharp, professional photo."}]}`)}, false, false)})
	if strings.Contains(done, "hx-trigger") || !strings.Contains(done, "The picture is blurred: upload a sharp, professional photo.") {
		t.Errorf("a checked card still polls or hides its verdict:\n%s", done)
	}
}
