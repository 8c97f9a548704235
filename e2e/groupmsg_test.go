package e2e

import (
	"context"
	"strconv"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestNotifyEachGroupInTheBrowser: the producer closes a casting,
// includes two and excludes one, notifies each group from its template
// with a preview, and watches the progress reach 100% without a reload;
// the included performer's bell counts the message without a reload and
// the centre shows it; staff find the e-mail in the outbox.
func TestNotifyEachGroupInTheBrowser(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	ctx := context.Background()
	ines := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	l := testapp.Listing(t, a.P.Store, ines, testapp.Project(t, a.P.Store, ines), production.CastingCall)
	maya := testapp.CompleteTalent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"), testapp.Email("maya@example.com"))
	validatedWithPictures(t, a, maya)
	for i, who := range []testapp.User{maya,
		testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name("Joana Reis")),
		testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name("Sofia Mendes"))} {
		if _, err := a.P.Store.Apply(ctx, who.Account, l.ID, l.Roles[i%2].ID, "I grew up by the sea."); err != nil {
			t.Fatal(err)
		}
	}
	var ids []int64
	if err := a.P.Pool.QueryRow(ctx, `SELECT array_agg(id ORDER BY id) FROM participations WHERE listing_id = $1`, l.ID).Scan(&ids); err != nil {
		t.Fatal(err)
	}
	listing := "/listings/" + strconv.FormatInt(l.ID, 10)

	perf := logIn(t, a, maya)
	before := bellCount(perf)

	prod := logIn(t, a, ines)
	prod.MustNavigate(a.URL + listing + "/close").MustWaitLoad()
	click(t, prod, prod.MustElementR(".close-confirm button", "Close casting"))
	waitPath(t, prod, listing+"/selection")
	for i, choice := range []string{"include", "include", "exclude"} {
		row := "#candidate-" + strconv.FormatInt(ids[i], 10)
		click(t, prod, prod.MustElement(row+" .choice-"+choice))
		waitJS(t, prod, `() => !!document.querySelector("`+row+` .choice-`+choice+`.is-on")`, "the toggle of "+row)
	}

	for _, g := range []struct{ link, subject string }{
		{"Message the included", "You are selected"}, {"Message the excluded", "Not selected this time"},
	} {
		prod.MustNavigate(a.URL + listing + "/selection").MustWaitLoad()
		click(t, prod, prod.MustElementR(".notify-card a", g.link))
		waitPath(t, prod, listing+"/notify")
		fill(t, prod, `textarea[name="body"]`, "Hello from the e2e test: "+g.subject+".\n\nThank you.")
		click(t, prod, prod.MustElementR(".notify-form button", "Preview"))
		prod.MustElementR(".mail-preview", "Hello from the e2e test")
		if g.subject == "You are selected" {
			shoot(t, prod, "groupmsg-compose")
		}
		click(t, prod, prod.MustElementR(".notify-form button", "Send to"))
		waitURL(t, prod, listing+`/notify/\d+`)
		waitJS(t, prod, `() => { const p = document.querySelector("#group-progress"); return !!p && p.textContent.includes("100%") && !p.hasAttribute("hx-trigger") }`,
			"the progress to reach 100% and stop polling")
		if g.subject == "You are selected" {
			shoot(t, prod, "groupmsg-progress")
		}
	}
	prod.MustNavigate(a.URL + listing + "/selection").MustWaitLoad()
	if n := len(prod.MustElements(".sent-messages li")); n != 2 {
		t.Fatalf("the selection lists %d sent messages, want 2", n)
	}
	shoot(t, prod, "groupmsg-selection")

	perf.MustEval(`() => document.dispatchEvent(new Event("visibilitychange"))`)
	waitJS(t, perf, `() => { const c = document.querySelector("#nav-unread-notifications"); return !!c && parseInt(c.textContent, 10) > `+strconv.Itoa(before)+` }`,
		"the bell to count the group message")
	click(t, perf, perf.MustElement("#nav-bell"))
	waitPath(t, perf, "/notifications")
	perf.MustElementR(".notification-title", "You are selected")
	if has, _, _ := perf.HasR(".notification-title", "Not selected this time"); has {
		t.Error("the included performer got the excluded's message")
	}
	perf.MustNavigate(a.URL + "/my-castings").MustWaitLoad()
	perf.MustElementR(".my-row .state", "Selected")

	staff := logIn(t, a, testapp.Moderator(t, a.P.Store))
	staff.MustNavigate(a.URL + "/admin/outbox").MustWaitLoad()
	reloadUntil(t, staff, ".outbox-table", "You are selected")
}
