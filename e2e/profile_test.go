package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/input"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/fixtures"
	"github.com/slatecasting/slate/internal/testapp"
)

// loginAs creates an account and logs in through the login page.
func loginAs(t *testing.T, a *app, role domain.Role, name, email string) *rod.Page {
	t.Helper()
	u := testapp.Account(t, a.P.Store, role, testapp.Name(name), testapp.Email(email))
	page := newPage(t, a.URL+"/login")
	fill(t, page, "#f-email", u.Email)
	fill(t, page, "#f-password", u.Password)
	page.MustElement(`#login-form button[type=submit]`).MustClick()
	waitPath(t, page, role.DashboardPath())
	return page
}

// saveSection submits one profile section and waits for its saved mark.
func saveSection(t *testing.T, page *rod.Page, name string) {
	t.Helper()
	page.MustElement("#section-" + name + " .form-actions button[type=submit]").MustClick()
	page.MustElement("#section-" + name + " .saved")
}

func writePictures(t *testing.T) (headshot string, book []string) {
	dir := t.TempDir()
	headshot = filepath.Join(dir, "headshot.jpg")
	if err := os.WriteFile(headshot, fixtures.JPEG(fixtures.Headshot(1000, 1250), 90), 0o644); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		p := filepath.Join(dir, "book-"+strconv.Itoa(i)+".jpg")
		if err := os.WriteFile(p, fixtures.JPEG(fixtures.Photo(1200, 1600, uint64(i+1)), 90), 0o644); err != nil {
			t.Fatal(err)
		}
		book = append(book, p)
	}
	return headshot, book
}

func bookOrder(page *rod.Page) []string {
	var ids []string
	for _, el := range page.MustElements("#book .photo-card") {
		ids = append(ids, *el.MustAttribute("data-photo"))
	}
	return ids
}

func TestPerformerCompletesProfile(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	page := loginAs(t, a, domain.RolePerformer, "Maya Laurent", "maya@example.com")
	page.MustElement(`a[href="/profile"]`).MustClick()
	waitPath(t, page, "/profile")
	if got := page.MustElement("#meter-percent").MustText(); got == "100%" {
		t.Fatalf("a new profile starts at %s", got)
	}

	// A bad value is refused beside its field, with what was typed kept.
	fill(t, page, "#f-height_cm", "900")
	page.MustElement("#section-performer .form-actions button[type=submit]").MustClick()
	if msg := page.MustElement("#e-height_cm").MustText(); !strings.Contains(msg, "between 50 and 250") {
		t.Fatalf("height message = %q", msg)
	}
	if v := page.MustElement("#f-height_cm").MustProperty("value").String(); v != "900" {
		t.Fatalf("typed height lost: %q", v)
	}
	screenshot(t, page, "profile-error")

	page.MustElement(`#section-performer input[name=role_types][value=actor]`).MustClick()
	page.MustElement(`#section-performer input[name=role_types][value=dancer]`).MustClick()
	page.MustElement("#f-gender").MustSelect("Female")
	fill(t, page, "#f-playing_age_min", "25")
	fill(t, page, "#f-playing_age_max", "35")
	fill(t, page, "#f-height_cm", "168")
	page.MustElement("#f-eye_colour").MustSelect("Green")
	saveSection(t, page, "performer")

	fill(t, page, "#f-headline", "Actor and dancer based in Lisbon")
	fill(t, page, "#f-bio", "Classically trained actor and contemporary dancer with ten years on stage and screen.")
	saveSection(t, page, "about")

	fill(t, page, "#f-language_name_0", "Portuguese")
	page.MustElement("#f-language_level_0").MustSelect("Native")
	fill(t, page, "#f-skills", "Stage combat, horse riding")
	saveSection(t, page, "skills")

	fill(t, page, "#f-city", "Lisbon")
	page.MustElement("#f-country").MustSelect("Portugal")
	page.MustElement("#f-experience_level").MustSelect("Professional")
	saveSection(t, page, "location")

	fill(t, page, "#f-credit_year_0", "2024")
	fill(t, page, "#f-credit_title_0", "Hamlet")
	fill(t, page, "#f-credit_role_0", "Ophelia")
	saveSection(t, page, "credits")

	// Enter in a field saves the section (it must not press a row's
	// Remove button), and Remove drops just its row.
	fill(t, page, "#f-credit_year_1", "2025")
	fill(t, page, "#f-credit_title_1", "Lisbon Nights")
	page.MustElement("#f-credit_title_1").MustType(input.Enter)
	page.MustWait(`() => document.querySelectorAll("#section-credits button[name=remove]").length === 2`)
	if got := page.MustElement("#f-credit_title_0").MustProperty("value").String(); got != "Hamlet" {
		t.Fatalf("first credit after Enter = %q", got)
	}
	page.MustElement(`#section-credits button[name=remove][value="credit:1"]`).MustClick()
	page.MustWait(`() => document.querySelectorAll("#section-credits button[name=remove]").length === 1`)
	if got := page.MustElement("#f-credit_title_0").MustProperty("value").String(); got != "Hamlet" {
		t.Fatalf("credit left after removing the second = %q", got)
	}

	// Photos: a headshot, then five book photos at once.
	page.MustElement(`a[href="/profile/media"]`).MustClick()
	waitPath(t, page, "/profile/media")
	headshot, book := writePictures(t)
	page.MustElement("#f-headshot").MustSetFiles(headshot)
	page.MustElement(`#f-headshot`).MustElementX("ancestor::form").MustElement("button[type=submit]").MustClick()
	// The verdict appears without a reload.
	page.MustElementR(".headshot-row .verdict", "Passed the checks")

	page.MustElement("#f-book").MustSetFiles(book...)
	page.MustElement(`#f-book`).MustElementX("ancestor::form").MustElement("button[type=submit]").MustClick()
	deadline := time.Now().Add(120 * time.Second)
	for len(page.MustElements("#book .verdict-passed")) < 5 {
		if time.Now().After(deadline) {
			screenshot(t, page, "book-timeout")
			t.Fatalf("only %d of 5 book photos passed", len(page.MustElements("#book .verdict-passed")))
		}
		time.Sleep(200 * time.Millisecond)
	}
	screenshot(t, page, "photos-checked")

	// Reorder: the first photo moves one place later.
	before := bookOrder(page)
	page.MustElement(`#book li:first-child button[aria-label^="Move photo"][aria-label$="later"]`).MustClick()
	page.MustWait(`() => document.querySelector("#book li:first-child .photo-card").dataset.photo !== "` + before[0] + `"`)
	after := bookOrder(page)
	if after[0] != before[1] || after[1] != before[0] {
		t.Fatalf("order %v after moving the first of %v later", after, before)
	}

	// A reel link completes the media.
	fill(t, page, "#f-reel_title", "Showreel 2025")
	fill(t, page, "#f-reel_url", "https://vimeo.com/76979871")
	page.MustElement("#reels button[type=submit].btn-primary").MustClick()
	page.MustElementR("#reels .reel-title", "Showreel 2025")

	// The meter refreshes itself and reaches 100%.
	page.MustWait(`() => document.querySelector("#meter-percent").textContent.trim() === "100%"`)
	page.MustElement("#meter-complete")
	screenshot(t, page, "profile-complete")

	page.MustElement(`#meter button[type=submit]`).MustClick()
	page.MustElementR(".status-pill", "Waiting for validation")
}
