package e2e

import (
	"context"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/proto"

	"github.com/slatecasting/slate/internal/testapp"
)

// logIn opens a browser and logs u in through the login page.
func logIn(t *testing.T, a *app, u testapp.User) *rod.Page {
	t.Helper()
	page := newPage(t, a.URL+"/login")
	fill(t, page, "#f-email", u.Email)
	fill(t, page, "#f-password", u.Password)
	page.MustElement(`#login-form button[type=submit]`).MustClick()
	waitPath(t, page, u.Role.DashboardPath())
	return page
}

// blockScripts makes page load no script of Slate's (htmx and app.js are
// refused at the network), as nojs_test.go does, so every form is a plain
// HTML form; it checks on the next page that htmx really is missing.
func blockScripts(t *testing.T, page *rod.Page) {
	t.Helper()
	if err := (proto.NetworkEnable{}).Call(page); err != nil {
		t.Fatal(err)
	}
	if err := (proto.NetworkSetBlockedURLs{Urls: []string{"*.js"}}).Call(page); err != nil {
		t.Fatal(err)
	}
	page.MustReload().MustWaitLoad()
	if page.MustEval(`() => typeof window.htmx !== "undefined"`).Bool() {
		t.Fatal("htmx loaded although scripts are blocked: this test would not test plain forms")
	}
}

// waitURL waits until the browser's path (without the query) matches
// pattern, and returns the path's submatches.
func waitURL(t *testing.T, page *rod.Page, pattern string) []string {
	t.Helper()
	re := regexp.MustCompile(`^` + pattern + `$`)
	deadline := time.Now().Add(20 * time.Second)
	path := ""
	for time.Now().Before(deadline) {
		if info, err := page.Info(); err == nil {
			if u, err := url.Parse(info.URL); err == nil {
				path = u.Path
			}
			if m := re.FindStringSubmatch(path); m != nil {
				page.MustWaitLoad()
				return m
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the browser is on %s, want a path matching %s", path, pattern)
	return nil
}

// waitGone waits until no element matching selector holds text, for a
// list that htmx replaces after a filter changed.
func waitGone(t *testing.T, page *rod.Page, selector, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if has, _, _ := page.HasR(selector, regexp.QuoteMeta(text)); !has {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s still holds %q after 20 s", selector, text)
}

// text is the trimmed visible text of the first element matching selector.
func text(page *rod.Page, selector string) string {
	return strings.TrimSpace(page.MustElement(selector).MustText())
}

// shoot saves the page at desktop (1280 px) and phone (390 px) widths under
// SLATE_SCREENSHOTS, named name-1280.png and name-390.png.
func shoot(t *testing.T, page *rod.Page, name string) {
	t.Helper()
	if os.Getenv("SLATE_SCREENSHOTS") == "" {
		return
	}
	for _, v := range []proto.EmulationSetDeviceMetricsOverride{
		{Width: 1280, Height: 900, DeviceScaleFactor: 1},
		{Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true},
	} {
		if err := page.SetViewport(&v); err != nil {
			t.Fatal(err)
		}
		// Let the layout settle at the new width before the picture.
		page.MustWaitStable()
		screenshot(t, page, name+"-"+strconv.Itoa(v.Width))
	}
	if err := page.SetViewport(&proto.EmulationSetDeviceMetricsOverride{Width: 1280, Height: 900, DeviceScaleFactor: 1}); err != nil {
		t.Fatal(err)
	}
}

// validatedWithPictures makes the profile of a talent made by
// testapp.CompleteTalent public, as a moderator's validation will (nothing
// in the app validates yet; the moderation issue requires it to apply, and
// producers see applicants' pictures only on a validated profile), and
// stores real images behind its photo rows, so applicant cards and the
// team page show a face rather than a broken image.
func validatedWithPictures(t *testing.T, a *app, u testapp.User) {
	t.Helper()
	ctx := context.Background()
	if _, err := a.P.Pool.Exec(ctx, `UPDATE profiles SET status = 'validated', validated_at = now() WHERE account_id = $1`, u.ID); err != nil {
		t.Fatalf("validate the profile of %s: %v", u.Name, err)
	}
	storePictures(t, a, u) // validation_test.go
}

// click clicks el as a person would, failing within seconds (with a
// screenshot under SLATE_SCREENSHOTS) when something covers it, rather
// than waiting out the page's deadline.
func click(t *testing.T, page *rod.Page, el *rod.Element) {
	t.Helper()
	if err := el.Timeout(10*time.Second).Click(proto.InputMouseButtonLeft, 1); err != nil {
		screenshot(t, page, "click-failed")
		_, why := el.Interactable()
		t.Fatalf("click %s: %v (%v)", el.String(), err, why)
	}
}

// waitJS waits until the JavaScript predicate js holds on the page, for
// at most 20 s.
func waitJS(t *testing.T, page *rod.Page, js, what string) {
	t.Helper()
	if err := page.Timeout(20 * time.Second).Wait(rod.Eval(js)); err != nil {
		screenshot(t, page, "wait-failed")
		t.Fatalf("waiting for %s: %v", what, err)
	}
}

// clickThrough clicks at the middle of el with the mouse, for a link
// whose ::after stretches over its card (rod's hit test takes the
// pseudo-element for something covering the link; the browser does not).
func clickThrough(t *testing.T, page *rod.Page, el *rod.Element) {
	t.Helper()
	el.MustScrollIntoView()
	box := el.MustEval(`() => { const r = this.getBoundingClientRect(); return {x: r.x + Math.min(r.width / 2, 40), y: r.y + r.height / 2} }`)
	page.Mouse.MustMoveTo(box.Get("x").Num(), box.Get("y").Num())
	page.Mouse.MustClick(proto.InputMouseButtonLeft)
}

// approveListing approves a submitted listing as a new moderator, through
// the store, as listing review would.
func approveListing(t *testing.T, a *app, listingID string) {
	t.Helper()
	id, err := strconv.ParseInt(listingID, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.P.Store.ApproveListing(context.Background(), testapp.Moderator(t, a.P.Store).Account, id, time.Now()); err != nil {
		t.Fatalf("approve listing %s: %v", listingID, err)
	}
}
