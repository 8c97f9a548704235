package views_test

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/views"
)

// fixtures gives every template the data its handler passes: the
// handler's own page type, so a template that asks for a field the page
// does not have fails here. A template without an entry fails the test,
// so a new view cannot ship untested.
func fixtures() map[string]any {
	now := time.Now()
	user := &domain.Account{ID: 7, Name: "Maya Laurent", Email: "maya@example.com", Role: domain.RolePerformer}
	notes := []domain.Notification{
		{ID: 1, Title: "Welcome to Slate, Maya", Body: "Complete your profile.", Link: "/profile", CreatedAt: now.Add(-2 * time.Hour)},
		{ID: 2, Title: "Read one", Body: "Old news.", CreatedAt: now.Add(-72 * time.Hour), ReadAt: &now},
	}
	base := func(path string) handlers.Page {
		return handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: path, User: user}
	}
	visitor := handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: "/"}
	signup := &handlers.SignupPage{
		Page:   visitor,
		Form:   domain.Signup{Name: "Maya", Email: "maya@example.com", Role: domain.RoleCrew},
		Errors: domain.FieldErrors{"email": "An account already uses this e-mail address."},
		Roles:  domain.SignupRoles,
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
	summary := handlers.TalentSummary{Meter: meter, Status: domain.ProfileDraft, SubmitProblem: "Your profile is not complete yet."}
	reels := handlers.ReelsSection{
		Reels: []domain.Reel{{ID: 1, Kind: "video", Title: "Showreel", Provider: "vimeo", URL: "https://vimeo.com/1"},
			{ID: 2, Kind: "audio", Title: "Voice demo", ContentType: "audio/mpeg", Bytes: 2 << 20}},
		ReelErrors: domain.FieldErrors{"reel_url": "Paste a link."}, ReelTitle: "Showreel", ReelURL: "nope", MaxReelMB: 100,
	}
	media := &handlers.MediaPage{Page: base("/profile/media"), TalentSummary: summary, ReelsSection: reels,
		PhotoManager: handlers.PhotoManager{Headshot: &photoError, Book: []handlers.PhotoView{photoOK, photoBad, photoPending},
			Problems: []handlers.FileProblem{{File: "scan.pdf", Message: "This file is not a JPEG, PNG or WebP photo."}}, MaxPhotoMB: 20}}
	edit := &handlers.ProfileEditPage{Page: base("/profile"), TalentSummary: summary, Sections: sections}
	head := domain.Photo{ID: 1, Width: 1000, Height: 1250, CheckSeq: 1}
	login := &handlers.LoginPage{Page: visitor, Email: "maya@example.com", Next: "/performer",
		Problem: "That e-mail and password do not match an account.", Notice: "You are logged out."}
	dash := func(withSummary bool, notes []domain.Notification) *handlers.DashboardPage {
		d := &handlers.DashboardPage{Page: base("/performer"), Notifications: notes}
		if withSummary {
			d.TalentSummary = summary
		}
		return d
	}
	threads := []production.Thread{
		{ID: 3, ListingID: 4, ListingTitle: "Two sisters", ProducerID: 9, TalentID: 7, With: "Ines Okafor", LastMessageAt: now.Add(-time.Hour),
			Preview: "Can you come to a callback on Monday?", LastSenderID: 9, Unread: 2},
		{ID: 5, ListingID: 6, ListingTitle: "Editor for a short", ProducerID: 9, TalentID: 7, With: "Oscar Ruiz", LastMessageAt: now.Add(-50 * time.Hour),
			Preview: "Thanks, see you there.", LastSenderID: 7},
	}
	msgs := []handlers.MessageView{
		{Message: production.Message{ID: 11, ThreadID: 3, SenderID: 9, Body: "Hello Maya,\n\nCan you come to a callback on Monday?", CreatedAt: now.Add(-2 * time.Hour)}, From: "Ines Okafor"},
		{Message: production.Message{ID: 12, ThreadID: 3, SenderID: 7, Body: "Yes! <b>10am</b> works.", CreatedAt: now.Add(-time.Hour)}, From: "You", Mine: true},
	}
	threadPage := &handlers.ThreadPage{Page: base("/messages/3"), Thread: threads[0], Messages: msgs, Older: 10, Paged: true,
		Reply: handlers.ReplyForm{ThreadID: 3, Body: "", Error: "Write a message before sending it."}}
	producerDash := dash(false, notes)
	producerDash.User = &domain.Account{ID: 9, Name: "Ines Okafor", Role: domain.RoleProducer}
	producerDash.Threads, producerDash.UnreadMessages = threads, 2
	return map[string]any{
		"messages/inbox":              &handlers.InboxPage{Page: base("/messages"), Threads: threads},
		"messages/thread":             threadPage,
		"messages/reply_form":         threadPage,
		"messages/reply":              &handlers.ReplyPage{Page: base("/messages/3"), Reply: handlers.ReplyForm{ThreadID: 3}, Sent: &msgs[1]},
		"messages/new":                &handlers.NewThreadPage{Page: base("/messages/new"), To: threads[0], Body: "Hi", Error: "Keep a message under 5000 characters."},
		"messages/dashboard_card":     producerDash,
		"partials/message":            msgs[0],
		"partials/thread_list":        map[string]any{"Threads": threads, "Me": int64(7), "Empty": "Nothing yet."},
		"layouts/main":                &handlers.ErrorPage{Page: base("/"), Code: 404, Message: "We could not find this page."},
		"partials/nav":                dash(false, nil),
		"partials/csrf":               dash(false, nil),
		"partials/field":              map[string]any{"Name": "email", "Label": "E-mail", "Type": "email", "Value": "x@example.com", "Error": "Bad."},
		"partials/profile_progress":   dash(true, notes),
		"partials/notifications_card": notes,
		"partials/notification_list":  notes,
		"home/index":                  &handlers.HomePage{Page: visitor, Roles: domain.SignupRoles},
		"auth/signup":                 signup,
		"auth/signup_form":            signup,
		"auth/login":                  login,
		"auth/login_form":             login,
		"dashboard/performer":         dash(true, notes),
		"dashboard/crew":              dash(true, notes),
		"dashboard/producer":          dash(false, notes),
		"dashboard/moderator":         dash(false, nil),
		"notifications/index":         &handlers.NotificationsPage{Page: base("/notifications"), Notifications: notes},
		"errors/error":                &handlers.ErrorPage{Page: base("/"), Code: 404, Message: "We could not find this page."},
		"partials/select":             map[string]any{"Name": "gender", "Label": "Gender", "Options": "genders", "Value": "female", "Error": "Choose."},
		"partials/option":             map[string]any{"Value": "PT", "Label": "Portugal", "Selected": true},
		"partials/check":              map[string]any{"Name": "unions", "Value": "sag_aftra", "Label": "SAG-AFTRA", "Checked": true},
		"partials/checkboxes":         map[string]any{"Name": "role_types", "Label": "Role types", "Options": "role_types", "Form": profile.Values("performer", p), "Hint": "Pick all."},
		"partials/textarea":           map[string]any{"Name": "bio", "Label": "Bio", "Value": "Hello", "Error": "Too short."},
		"profile/tabs":                edit,
		"profile/edit":                edit,
		"profile/section":             &handlers.SectionPage{Page: base("/profile"), S: sections[2]},
		"profile/meter":               &handlers.MeterPage{Page: base("/profile"), TalentSummary: summary},
		"profile/media":               media,
		"profile/photo_manager":       media,
		"profile/photo_card":          &handlers.PhotoCardPage{Page: base("/profile/media"), Photo: photoPending},
		"profile/reels":               &handlers.ReelsPage{Page: base("/profile/media"), ReelsSection: reels},
		"profile/public": &handlers.PublicProfilePage{Page: base("/talent/7"), TalentSummary: summary,
			Talent: domain.Account{ID: 7, Role: domain.RolePerformer}, P: p.Public(), Headshot: &head,
			Book: []domain.Photo{{ID: 2, Caption: "On set"}}, Reels: reels.Reels, Preview: true, Own: true},
	}
}

func TestEveryViewRenders(t *testing.T) {
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	fx := fixtures()
	var names []string
	err = fs.WalkDir(views.FS, ".", func(path string, d fs.DirEntry, err error) error {
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
			bind := data
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
				if out := buf.String(); !strings.Contains(out, "skip-link") || !strings.Contains(out, "We could not find this page.") {
					t.Fatalf("the page is not inside its layout:\n%s", out)
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
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
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
	engine, err := views.NewRenderer()
	if err != nil {
		t.Fatal(err)
	}
	if err := engine.Render(&buf, name, data); err != nil {
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
	pending := renderString(t, "profile/photo_card", &handlers.PhotoCardPage{Photo: handlers.NewPhotoView(domain.Photo{ID: 9, Status: domain.PhotoPending}, false, false)})
	if !strings.Contains(pending, `hx-trigger="every 1s"`) || !strings.Contains(pending, "Checking") {
		t.Errorf("a pending card does not poll:\n%s", pending)
	}
	done := renderString(t, "profile/photo_card", &handlers.PhotoCardPage{Photo: handlers.NewPhotoView(domain.Photo{ID: 9, Status: domain.PhotoFailed,
		Report: []byte(`{"verdict":"fail","checks":[{"name":"blur","status":"fail","message":"The picture is blurred: upload a sharp, professional photo."}]}`)}, false, false)})
	if strings.Contains(done, "hx-trigger") || !strings.Contains(done, "The picture is blurred: upload a sharp, professional photo.") {
		t.Errorf("a checked card still polls or hides its verdict:\n%s", done)
	}
}
