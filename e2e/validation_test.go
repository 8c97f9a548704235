package e2e

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/go-rod/rod"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/demo"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestProfileValidation is the validation flow in Chromium: a talent
// submits; a moderator rejects with two reasons; the talent sees both
// with what to change, fixes, resubmits; the moderator approves; the
// public page is visible logged out.
func TestProfileValidation(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	talent := testapp.CompleteTalent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	storePictures(t, a, talent)
	mod := testapp.Moderator(t, a.P.Store, testapp.Name("Ana Moderator"))

	me := logIn(t, a, talent)
	me.MustNavigate(a.URL + "/profile").MustWaitLoad()
	click(t, me, me.MustElement(`#meter form[action="/profile/submit"] button`))
	waitJS(t, me, `() => !!document.querySelector("#in-validation")`, "the validation notice")
	if got := text(me, "#in-validation"); !strings.Contains(got, "In validation since") || !strings.Contains(got, "answer by") {
		t.Fatalf("talent reads %q", got)
	}

	ana := logIn(t, a, mod)
	if got := text(ana, "#nav-open-tasks"); !strings.HasPrefix(got, "1") {
		t.Errorf("nav count %q", got)
	}
	shoot(t, ana, "validation-queue")
	review(t, ana, "Maya Laurent")
	shoot(t, ana, "validation-review")
	ana.MustElement(`input[name=reasons][value=blurred_pixelated]`).MustClick()
	ana.MustElement(`input[name=reasons][value=missing_info]`).MustClick()
	fill(t, ana, "#note", "Add your height and a sharper third photo.")
	click(t, ana, ana.MustElement(`button[name=outcome][value=reject]`))
	waitPath(t, ana, "/moderation")
	if got := text(ana, ".flash"); !strings.Contains(got, "Changes requested") {
		t.Errorf("flash %q", got)
	}

	me.MustNavigate(a.URL + "/profile").MustWaitLoad()
	notice := text(me, "#changes-requested")
	for _, want := range []string{"Blurred or pixelated", "Upload sharp, full-resolution pictures", "Missing information", "Add your height"} {
		if !strings.Contains(notice, want) {
			t.Errorf("the talent's notice lacks %q: %q", want, notice)
		}
	}
	shoot(t, me, "validation-talent-reasons")
	fill(t, me, "#f-headline", "Actor, dancer, 168 cm")
	saveSection(t, me, "about")
	me.MustNavigate(a.URL + "/profile").MustWaitLoad()
	click(t, me, me.MustElement(`#meter form[action="/profile/submit"] button`))
	waitJS(t, me, `() => !!document.querySelector("#in-validation")`, "the validation notice after resubmitting")
	// Editing while the task is open is allowed; the review shows it.
	fill(t, me, "#f-headline", "Actor and dancer, 168 cm")
	saveSection(t, me, "about")

	ana.MustNavigate(a.URL + "/moderation").MustWaitLoad()
	review(t, ana, "Maya Laurent")
	if got := text(ana, "#history-h + .mod-history"); !strings.Contains(got, "Blurred or pixelated") {
		t.Errorf("history %q", got)
	}
	if has, el, _ := ana.Has("#changed"); !has || !strings.Contains(el.MustText(), "About") {
		t.Errorf("the review does not say the About section changed since submission")
	}
	click(t, ana, ana.MustElement(`button[name=outcome][value=approve]`))
	waitPath(t, ana, "/moderation")

	visitor := newPage(t, a.URL+"/talent/"+strconv.FormatInt(talent.ID, 10))
	if got := text(visitor, "h1"); !strings.Contains(got, "Maya Laurent") {
		t.Fatalf("public page h1 %q", got)
	}
	if has, _, _ := visitor.Has(".alert-info"); has {
		t.Error("the public page still says preview")
	}
}

// review opens the queue row of name and waits for its review page, claimed.
func review(t *testing.T, page *rod.Page, name string) {
	t.Helper()
	row := page.MustElementR("#queue .mod-row", name)
	click(t, page, row.MustElement("button[type=submit]"))
	waitURL(t, page, `/moderation/profiles/\d+`)
	if got := text(page, "#claim"); !strings.Contains(got, "You are reviewing") {
		t.Fatalf("claim banner %q", got)
	}
}

// storePictures puts real images behind a testapp.CompleteTalent's photo
// rows (no check runs), so pages show faces rather than broken images.
func storePictures(t *testing.T, a *app, u testapp.User) {
	t.Helper()
	ctx := context.Background()
	photos, err := a.P.Store.Photos(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range photos {
		img := fixtures.JPEG(fixtures.Photo(1200, 1500, uint64(i+1)), 85)
		if p.IsHeadshot {
			img = fixtures.JPEG(fixtures.Headshot(1200, 1500), 85)
		}
		for _, v := range []string{objstore.Display, objstore.Thumb} {
			if err := a.P.Objects.Put(ctx, objstore.PhotoKey(p.ID, v), bytes.NewReader(img), int64(len(img)), "image/jpeg"); err != nil {
				t.Fatalf("store picture %d: %v", p.ID, err)
			}
		}
	}
}

// TestDemoValidationQueue opens the demo's queue as its moderator: one
// overdue task marked, one due soon, real check results on the review,
// and the rejected talent reading their reasons on the photos page.
func TestDemoValidationQueue(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	ctx := context.Background()
	if _, err := demo.Seed(ctx, a.P.Store, a.P.Objects, *testapp.PasswordParams()); err != nil {
		t.Fatal(err)
	}
	demoUser := func(email string) testapp.User {
		acct, _, err := a.P.Store.Credentials(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		return testapp.User{Account: acct, Password: demo.Password}
	}
	sam := logIn(t, a, demoUser("moderator@demo.slate.test"))
	if n := len(sam.MustElements("#queue .mod-row")); n != 2 {
		t.Fatalf("%d tasks in the demo queue", n)
	}
	if got := text(sam, "#queue .mod-overdue"); !strings.Contains(got, "overdue by") {
		t.Errorf("overdue row %q", got)
	}
	review(t, sam, "Kiara Santos")
	if n := len(sam.MustElements(".mod-checks tbody tr")); n < 6 {
		t.Errorf("%d check rows on the review, want the real reports", n)
	}
	shoot(t, sam, "validation-demo-review")

	iris := logIn(t, a, demoUser("iris.novak@demo.slate.test"))
	iris.MustNavigate(a.URL + "/profile/media").MustWaitLoad()
	if got := text(iris, "#changes-requested"); !strings.Contains(got, "Selfie, sunglasses, hat or holiday photo") {
		t.Errorf("photos page notice %q", got)
	}
	shoot(t, iris, "validation-demo-media")
}
