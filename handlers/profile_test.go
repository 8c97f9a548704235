package handlers_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
)

func TestProfileSectionKeepsTypedInputOnError(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	form := url.Values{"height_cm": {"900"}, "playing_age_min": {"40"}, "playing_age_max": {"25"}, "eye_colour": {"purple"}, "role_types": {"actor"}}
	resp := b.Post("/profile/sections/performer", form, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	if v, _ := d.Find("#f-height_cm").Attr("value"); v != "900" {
		t.Errorf("typed height lost: %q", v)
	}
	for id, want := range map[string]string{"#e-height_cm": "between 50 and 250", "#e-playing_age_max": "at or above the minimum", "#e-eye_colour": "eye colour"} {
		if msg := d.Find(id).Text(); !strings.Contains(msg, want) {
			t.Errorf("%s = %q, want %q", id, msg, want)
		}
	}
	if _, ok := d.Find(`input[name=role_types][value=actor]`).Attr("checked"); !ok {
		t.Error("checked role type lost")
	}
	var p profile.Profile
	if _, err := e.store.Profile(context.Background(), acct.ID, &p); err != nil || p.HeightCM != 0 {
		t.Fatalf("an invalid section was saved: %+v %v", p, err)
	}

	// A valid post saves and re-renders the section with the saved mark.
	form = url.Values{"height_cm": {"168"}, "playing_age_min": {"25"}, "playing_age_max": {"35"}, "role_types": {"actor", "dancer"}, "gender": {"female"}}
	resp = b.Post("/profile/sections/performer", form, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("HX-Trigger") != "profile-changed" {
		t.Fatalf("save: %d trigger %q", resp.StatusCode, resp.Header.Get("HX-Trigger"))
	}
	if !strings.Contains(testapp.Doc(t, resp).Find(".saved").Text(), "Saved") {
		t.Error("no saved mark")
	}
	if _, err := e.store.Profile(context.Background(), acct.ID, &p); err != nil || p.HeightCM != 168 || len(p.RoleTypes) != 2 {
		t.Fatalf("profile = %+v, %v", p, err)
	}

	// Without JavaScript: a full page with the error, then a redirect on success.
	resp = b.Post("/profile/sections/identity", url.Values{"display_name": {""}, "phone": {"abc"}})
	d = testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("html").Length() == 0 || d.Find("#e-phone").Text() == "" {
		t.Fatalf("no-JS error page: %d", resp.StatusCode)
	}
	resp = b.Post("/profile/sections/identity", url.Values{"display_name": {"Maya L."}})
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/profile") {
		t.Fatalf("no-JS save: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func TestProfileListRowsAndOtherUnions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	ctx := context.Background()
	credits := url.Values{
		"credit_year": {"2021", "2023", ""}, "credit_title": {"Hamlet", "Lisbon Nights", ""},
		"credit_role": {"Ophelia", "Ana", ""}, "credit_company": {"", "", ""}, "credit_kind": {"theatre", "film", ""},
	}
	if resp := b.Post("/profile/sections/credits", credits, "HX-Request", "true"); resp.StatusCode != http.StatusOK {
		t.Fatalf("save credits: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, b.Get("/profile"))
	if n := d.Find(`#section-credits button[name=remove][value^="credit:"]`).Length(); n != 2 {
		t.Fatalf("%d remove buttons for 2 credits", n)
	}
	if first, _ := d.Find(`#section-credits form button[type=submit]`).First().Attr("name"); first != "" {
		t.Fatalf("the form's default button is %q: Enter in a field would not save", first)
	}

	// The Remove button of the first credit is a plain submit: it saves the rest.
	credits.Set("remove", "credit:0")
	resp := b.Post("/profile/sections/credits", credits, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("remove: %d", resp.StatusCode)
	}
	if v, _ := testapp.Doc(t, resp).Find("#f-credit_title_0").Attr("value"); v != "Lisbon Nights" {
		t.Fatalf("first row after removing Hamlet = %q", v)
	}
	var p profile.Profile
	if _, err := e.store.Profile(ctx, acct.ID, &p); err != nil || len(p.Credits) != 1 || p.Credits[0].Title != "Lisbon Nights" {
		t.Fatalf("credits = %+v, %v", p.Credits, err)
	}

	// Unions not in the list are typed; the ones that are listed are recognised.
	resp = b.Post("/profile/sections/unions", url.Values{"unions": {"sag_aftra"}, "union_other": {"Sindicato dos Atores, equity (uk)"}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("unions: %d", resp.StatusCode)
	}
	if _, err := e.store.Profile(ctx, acct.ID, &p); err != nil {
		t.Fatal(err)
	}
	if strings.Join(p.Unions, "|") != "sag_aftra|Sindicato dos Atores|equity_uk" {
		t.Fatalf("unions = %q", p.Unions)
	}
	if v, _ := testapp.Doc(t, b.Get("/profile")).Find("#f-union_other").Attr("value"); v != "Sindicato dos Atores" {
		t.Fatalf("other unions shown as %q", v)
	}
}

func TestProfileIsForTalentOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	prod := e.as(testapp.Producer(t, e.store, testapp.Email("ines@example.com")))
	for _, path := range []string{"/profile", "/profile/media"} {
		if resp := prod.Get(path); resp.StatusCode != http.StatusForbidden {
			t.Errorf("producer GET %s: %d", path, resp.StatusCode)
		}
	}
	crew := e.as(testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com")))
	if resp := crew.Post("/profile/sections/performer", url.Values{"height_cm": {"180"}}); resp.StatusCode != http.StatusNotFound {
		t.Errorf("crew posting the performer section: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, crew.Get("/profile"))
	if d.Find("#section-crew").Length() != 1 || d.Find("#section-performer").Length() != 0 {
		t.Error("crew sees the wrong sections")
	}
}

func TestPhotoUploadAndOwnership(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	mayaAcct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	maya := e.as(mayaAcct)
	good := fixtures.JPEG(fixtures.Photo(1200, 1600, 1), 90)
	resp := maya.Upload("/profile/photos", nil, "photos", map[string][]byte{
		"a.jpg": good, "b.jpg": good, "scan.jpg": []byte("%PDF-1.4 not a photo"), "empty.jpg": {},
	}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("mixed upload: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	problems := d.Find("#upload-problems").Text()
	for _, want := range []string{"scan.jpg", "not a JPEG, PNG or WebP", "empty.jpg", "empty"} {
		if !strings.Contains(problems, want) {
			t.Errorf("problems %q lack %q", problems, want)
		}
	}
	if n := d.Find("#book .photo-card").Length(); n != 2 {
		t.Fatalf("book shows %d photos, want the 2 good ones", n)
	}
	if d.Find(`#book .photo-card[hx-trigger="every 1s"]`).Length() != 2 {
		t.Error("pending cards do not poll")
	}
	photos, _ := e.store.Photos(context.Background(), mayaAcct.ID)
	if len(photos) != 2 || photos[0].Status != domain.PhotoPending {
		t.Fatalf("photos = %+v", photos)
	}
	obj, err := e.objects.Get(context.Background(), objstore.PhotoKey(photos[0].ID, "original"))
	if err != nil {
		t.Fatalf("original not stored: %v", err)
	}
	stored, _ := io.ReadAll(obj.Body)
	obj.Body.Close()
	if !bytes.Equal(stored, good) {
		t.Fatal("stored original differs from the upload")
	}

	// Another talent can neither see nor touch Maya's photos.
	tom := e.as(testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com")))
	id := photos[0].ID
	for _, path := range []string{"/caption", "/move", "/headshot", "/delete"} {
		if resp := tom.Post("/profile/photos/"+itoa(id)+path, url.Values{"caption": {"x"}}); resp.StatusCode != http.StatusNotFound {
			t.Errorf("other talent POST %s: %d, want 404", path, resp.StatusCode)
		}
	}
	if resp := tom.Get("/profile/photos/" + itoa(id)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other talent reads the card: %d", resp.StatusCode)
	}
	// Variants do not exist yet (check pending) and a draft profile is private.
	if resp := tom.Get("/media/photos/" + itoa(id) + "/thumb"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("other talent sees a draft profile's photo: %d", resp.StatusCode)
	}
	if resp := tom.Get("/media/photos/" + itoa(id) + "/original"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the original is served: %d", resp.StatusCode)
	}
	if resp := tom.Get("/talent/" + itoa(mayaAcct.ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a draft profile is public: %d", resp.StatusCode)
	}
	if resp := maya.Get("/talent/" + itoa(mayaAcct.ID)); resp.StatusCode != http.StatusOK {
		t.Errorf("owner preview: %d", resp.StatusCode)
	}
	// Only a talent's account has a profile page: a producer's, a
	// moderator's and one that does not exist are all 404.
	for _, id := range []int64{testapp.Producer(t, e.store).ID, testapp.Moderator(t, e.store).ID, mayaAcct.ID + 10_000} {
		if resp := maya.Get("/talent/" + itoa(id)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("/talent/%d, not a talent: %d, want 404", id, resp.StatusCode)
		}
	}

	// Owner: caption, move, headshot, delete.
	if resp := maya.Post("/profile/photos/"+itoa(photos[1].ID)+"/move", url.Values{"dir": {"up"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("move: %d", resp.StatusCode)
	}
	after, _ := e.store.Photos(context.Background(), mayaAcct.ID)
	if after[0].ID != photos[1].ID {
		t.Fatalf("order after move = %d, %d", after[0].ID, after[1].ID)
	}
	resp = maya.Post("/profile/photos/"+itoa(id)+"/caption", url.Values{"caption": {strings.Repeat("x", 141)}}, "HX-Request", "true")
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(testapp.Doc(t, resp).Find(".field-error").Text(), "140") {
		t.Fatalf("long caption: %d", resp.StatusCode)
	}
	if resp := maya.Post("/profile/photos/"+itoa(id)+"/headshot", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("headshot: %d", resp.StatusCode)
	}
	p, _ := e.store.Photo(context.Background(), mayaAcct.ID, id)
	if !p.IsHeadshot || p.CheckedAs != "headshot" {
		t.Fatalf("after make headshot: %+v", p)
	}
	if resp := maya.Post("/profile/photos/"+itoa(id)+"/delete", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if left, _ := e.store.Photos(context.Background(), mayaAcct.ID); len(left) != 1 {
		t.Fatalf("photos after delete: %d", len(left))
	}
}

func TestPixelFloodAndOversizeRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	// A PNG header claiming 100 000 × 100 000 pixels.
	flood := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x01\x86\xa0\x00\x01\x86\xa0\x08\x06\x00\x00\x00\xc2\x8e\x9a\x5c")
	resp := b.Upload("/profile/photos", map[string]string{"headshot": "1"}, "photos", map[string][]byte{"huge.png": flood}, "HX-Request", "true")
	if msg := testapp.Doc(t, resp).Find("#upload-problems").Text(); !strings.Contains(msg, "megapixel") && !strings.Contains(msg, "damaged") {
		t.Errorf("pixel flood message = %q", msg)
	}
	if photos, _ := e.store.Photos(context.Background(), acct.ID); len(photos) != 0 {
		t.Fatal("a refused file left a photo row")
	}
	if resp := b.Upload("/profile/photos", nil, "photos", nil, "HX-Request", "true"); !strings.Contains(testapp.Doc(t, resp).Text(), "Choose at least one photo") {
		t.Error("no message for an empty upload")
	}
}

func TestReels(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	resp := b.Upload("/profile/reels", map[string]string{"title": "Showreel", "url": "https://example.com/video"}, "file", nil, "HX-Request", "true")
	d := testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(d.Find("#e-reel_url").Text(), "YouTube") {
		t.Fatalf("bad link: %d %q", resp.StatusCode, d.Find("#e-reel_url").Text())
	}
	if v, _ := d.Find("#f-reel_url").Attr("value"); v != "https://example.com/video" {
		t.Errorf("typed link lost: %q", v)
	}
	resp = b.Upload("/profile/reels", map[string]string{"title": "Showreel", "url": "https://youtu.be/dQw4w9WgXcQ"}, "file", nil, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK || testapp.Doc(t, resp).Find(".reel").Length() != 1 {
		t.Fatalf("good link: %d", resp.StatusCode)
	}
	resp = b.Upload("/profile/reels", map[string]string{"title": "Not audio"}, "file", map[string][]byte{"voice.mp3": []byte("%PDF-1.4")}, "HX-Request", "true")
	if !strings.Contains(testapp.Doc(t, resp).Find("#e-reel_file").Text(), "not an audio or video file") {
		t.Error("a renamed PDF was accepted as audio")
	}
	mp3 := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x00"), bytes.Repeat([]byte{0xFF, 0xFB, 0x90, 0x44}, 100)...)
	resp = b.Upload("/profile/reels", map[string]string{"title": "Voice demo"}, "file", map[string][]byte{"voice.mp3": mp3}, "HX-Request", "true")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mp3 upload: %d", resp.StatusCode)
	}
	reels, _ := e.store.Reels(context.Background(), acct.ID)
	if len(reels) != 2 || reels[1].ContentType != "audio/mpeg" {
		t.Fatalf("reels = %+v", reels)
	}
	resp = b.Get("/media/reels/" + itoa(reels[1].ID))
	got, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || !bytes.Equal(got, mp3) || resp.Header.Get("Content-Type") != "audio/mpeg" {
		t.Fatalf("serving the upload: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	other := e.as(testapp.Talent(t, e.store, domain.RoleCrew, testapp.Email("tomas@example.com")))
	if resp := other.Get("/media/reels/" + itoa(reels[1].ID)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another talent hears a draft profile's reel: %d", resp.StatusCode)
	}
	if resp := other.Post("/profile/reels/"+itoa(reels[1].ID)+"/delete", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another talent deletes the reel: %d", resp.StatusCode)
	}
}

func TestSubmitNeedsCompleteProfile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	acct := testapp.Talent(t, e.store, domain.RolePerformer, testapp.Email("maya@example.com"))
	b := e.as(acct)
	resp := b.Post("/profile/submit", nil, "HX-Request", "true")
	d := testapp.Doc(t, resp)
	if resp.StatusCode != http.StatusUnprocessableEntity || d.Find("#missing li").Length() == 0 || !strings.Contains(d.Text(), "not complete yet") {
		t.Fatalf("incomplete submit: %d", resp.StatusCode)
	}
	var p profile.Profile
	rec, _ := e.store.Profile(context.Background(), acct.ID, &p)
	if rec.Status != "draft" {
		t.Fatalf("status = %s", rec.Status)
	}
}

// The meter remembers which profiles passed validation (a hash of each),
// never a verdict one talent could see on another's page: two talents
// with the same profile, one of whom then stores a bad value the forms
// would refuse, each see their own meter at every step.
func TestMeterVerdictsNeverCrossAccounts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	maya := testapp.CompleteTalent(t, e.store, domain.RolePerformer, testapp.Name("Maya"))
	ines := testapp.CompleteTalent(t, e.store, domain.RolePerformer, testapp.Name("Ines"))
	bm, bi := e.as(maya), e.as(ines)
	const bad = "Height must be between 50 and 250 cm."
	meter := func(b *testapp.Client) string {
		t.Helper()
		resp := b.Get("/profile/meter")
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("meter: %d", resp.StatusCode)
		}
		return testapp.Doc(t, resp).Find("#meter").Text()
	}
	setHeight := func(u testapp.User, cm int) {
		t.Helper()
		// Around the forms, as a migration or an older rule would.
		if _, err := e.pool.Exec(ctx, `UPDATE profiles SET data = jsonb_set(data, '{height_cm}', to_jsonb($2::int)) WHERE account_id = $1`, u.ID, cm); err != nil {
			t.Fatal(err)
		}
	}
	const blocked = "Complete the required items first."
	for _, b := range []*testapp.Client{bm, bi, bm} {
		if got := meter(b); strings.Contains(got, bad) || strings.Contains(got, blocked) {
			t.Fatalf("a complete profile's meter: %q", got)
		}
	}
	setHeight(ines, 900)
	if got := meter(bi); !strings.Contains(got, bad) || !strings.Contains(got, blocked) {
		t.Errorf("Ines stored a height of 900 after two passing reads, her meter says %q", got)
	}
	if got := meter(bm); strings.Contains(got, bad) || strings.Contains(got, blocked) {
		t.Errorf("Maya's meter after Ines's bad height: %q", got)
	}
	setHeight(maya, 900)
	setHeight(ines, 168)
	if got := meter(bm); !strings.Contains(got, bad) {
		t.Errorf("Maya's bad height is not on her meter: %q", got)
	}
	if got := meter(bi); strings.Contains(got, bad) || strings.Contains(got, blocked) {
		t.Errorf("Ines's meter shows a height problem she fixed: %q", got)
	}
}
