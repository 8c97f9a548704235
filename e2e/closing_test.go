package e2e

import (
	"context"
	"strconv"
	"testing"

	"github.com/go-rod/rod"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestCloseCastingSelectionAndBell runs the close in Chromium: the
// producer presses Close casting on the listing page, confirms, includes
// two candidates and excludes one in place with the counts following;
// the performer's bell counts a new notification without a reload, and
// My castings shows the final state.
func TestCloseCastingSelectionAndBell(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	ctx := context.Background()
	ines := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	l := testapp.Listing(t, a.P.Store, ines, testapp.Project(t, a.P.Store, ines), production.CastingCall)
	maya := testapp.CompleteTalent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"), testapp.Email("maya@example.com"))
	validatedWithPictures(t, a, maya)
	var ids []int64
	for i, who := range []testapp.User{maya,
		testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name("Joana Reis")),
		testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name("Sofia Mendes"))} {
		if _, err := a.P.Store.Apply(ctx, who.Account, l.ID, l.Roles[i%2].ID, "I grew up by the sea."); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.P.Pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM participations WHERE listing_id = $1`, l.ID).Scan(&ids); err != nil {
		t.Fatal(err)
	}
	listing := "/listings/" + strconv.FormatInt(l.ID, 10)

	// The performer sits on her dashboard with the bell in view.
	perf := logIn(t, a, maya)
	before := bellCount(perf)

	prod := logIn(t, a, ines)
	prod.MustNavigate(a.URL + listing + "/edit").MustWaitLoad()
	click(t, prod, prod.MustElementR(".close-listing a", "Close casting"))
	waitPath(t, prod, listing+"/close")
	shoot(t, prod, "closing-confirm")
	click(t, prod, prod.MustElementR(".close-confirm button", "Close casting"))
	waitPath(t, prod, listing+"/selection")
	prod.MustElementR(".flash", "Casting closed")

	for i, choice := range []string{"include", "include", "exclude"} {
		row := "#candidate-" + strconv.FormatInt(ids[i], 10)
		click(t, prod, prod.MustElement(row+" .choice-"+choice))
		waitJS(t, prod, `() => !!document.querySelector("`+row+` .choice-`+choice+`.is-on")`, "the toggle of "+row)
	}
	waitJS(t, prod, `() => document.querySelector("#selection-counts .count-included dd").textContent === "2"
		&& document.querySelector("#selection-counts .count-excluded dd").textContent === "1"
		&& document.querySelector("#selection-counts .count-undecided dd").textContent === "0"`, "the counts: 2 included, 1 excluded")
	shoot(t, prod, "closing-selection")
	sel, err := a.P.Store.FinalSelection(ctx, ines.ID, l.ID, store.SelectionFilter{})
	if err != nil || sel.All != (production.GroupCounts{Included: 2, Excluded: 1}) {
		t.Fatalf("stored selection: %+v, %v", sel.All, err)
	}

	// A notification arrives; the bell shows it without a reload when the
	// tab is (again) visible, the poll's other trigger besides its 30 s.
	if err := a.P.Store.AddNotification(ctx, domain.Notification{AccountID: maya.ID, Kind: "message", DedupeKey: "e2e-bell",
		Title: "New message from Ines Okafor", Body: "See you on Monday.", Link: "/messages"}); err != nil {
		t.Fatal(err)
	}
	perf.MustEval(`() => document.dispatchEvent(new Event("visibilitychange"))`)
	waitJS(t, perf, `() => { const c = document.querySelector("#nav-unread-notifications"); return !!c && parseInt(c.textContent, 10) === `+strconv.Itoa(before+1)+` }`,
		"the bell to count the new notification")

	click(t, perf, perf.MustElement("#nav-bell"))
	waitPath(t, perf, "/notifications")
	perf.MustElementR(".notification-title", "New message from Ines Okafor")
	shoot(t, perf, "closing-notifications")
	perf.MustNavigate(a.URL + "/my-castings").MustWaitLoad()
	perf.MustElementR(".my-row .state", "Closed, awaiting") // included, not told yet
	shoot(t, perf, "closing-my-castings")
}

// bellCount is the unread count the bell shows (0 without a badge).
func bellCount(page *rod.Page) int {
	return page.MustEval(`() => { const c = document.querySelector("#nav-unread-notifications"); return c ? parseInt(c.textContent, 10) : 0 }`).Int()
}

// TestCloseCastingWithoutJavaScript closes a casting and makes the
// selection as plain forms, Slate's scripts blocked: each toggle posts,
// comes back to the screen at the row, and the counts follow.
func TestCloseCastingWithoutJavaScript(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	ctx := context.Background()
	ines := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"))
	l := testapp.Listing(t, a.P.Store, ines, testapp.Project(t, a.P.Store, ines), production.CastingCall)
	var ids []int64
	for _, name := range []string{"Joana Reis", "Sofia Mendes"} {
		p, err := a.P.Store.Apply(ctx, testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name(name)).Account, l.ID, l.Roles[0].ID, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	listing := "/listings/" + strconv.FormatInt(l.ID, 10)
	prod := logIn(t, a, ines)
	prod.MustNavigate(a.URL + listing + "/edit").MustWaitLoad()
	blockScripts(t, prod)
	click(t, prod, prod.MustElementR(".close-listing a", "Close casting"))
	waitPath(t, prod, listing+"/close")
	click(t, prod, prod.MustElement("#f-auto-not-selected")) // off: nobody is told automatically
	click(t, prod, prod.MustElementR(".close-confirm button", "Close casting"))
	waitPath(t, prod, listing+"/selection")
	if prod.MustElement("#f-grace").MustProperty("checked").Bool() {
		t.Error("the grace setting is on although the producer turned it off")
	}
	for i, choice := range []string{"include", "exclude"} {
		row := "#candidate-" + strconv.FormatInt(ids[i], 10)
		click(t, prod, prod.MustElement(row+" .choice-"+choice))
		waitJS(t, prod, `() => !!document.querySelector("`+row+` .choice-`+choice+`.is-on")`, "the page back with "+row+" "+choice+"d")
	}
	if got := text(prod, "#selection-counts .count-included dd") + "/" + text(prod, "#selection-counts .count-excluded dd"); got != "1/1" {
		t.Errorf("counts after the plain toggles: included/excluded = %s, want 1/1", got)
	}
}
