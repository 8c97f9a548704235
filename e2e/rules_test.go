package e2e

import (
	"strconv"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestPostingRulesInTheEditor: a producer's draft breaks two posting
// rules; saving shows them as "Before you submit"; submitting refuses it
// with each message beside its field; fixed, it goes to listing review; a
// moderator claims and approves it; a performer finds it, and a workshop
// notice on its own tab, apart from the casting calls.
func TestPostingRulesInTheEditor(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	producer := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"))
	project := testapp.Project(t, a.P.Store, producer)
	draft := testapp.Listing(t, a.P.Store, producer, project, production.CastingCall, testapp.Draft(), func(l *production.Listing) {
		l.Title = "Two sisters by the sea"
		l.Notes = "One topless scene at dawn. Please e-mail your headshot and CV to casting@example.com."
	})
	testapp.Listing(t, a.P.Store, producer, project, production.CastingCall, func(l *production.Listing) {
		l.Title, l.Category = "Acting for camera weekend", "workshop"
		l.Fee = production.Fee{AmountCents: 12000, Currency: "EUR", For: "Two days of tuition and the studio"}
	})

	page := logIn(t, a, producer)
	path := "/listings/" + strconv.FormatInt(draft.ID, 10)
	page.MustNavigate(a.URL + path + "/edit").MustWaitLoad()
	click(t, page, page.MustElementR(".editor-actions button", "Save draft"))
	page.MustElementR(".rules-advice", "Before you submit")

	click(t, page, page.MustElement(`button[formaction$="/submit"]`))
	page.MustElementR("#e-nudity", "mentions nudity")
	page.MustElementR("#e-notes", "already shows")
	shoot(t, page, "rules-refused")
	if v := page.MustElement("#f-notes").MustProperty("value").String(); v != draft.Notes {
		t.Fatalf("the notes after the refusal = %q", v)
	}

	page.MustElement("#f-nudity").MustSelect("Partial nudity")
	fill(t, page, "#f-nudity_details", "One topless scene at dawn, shot from behind on a closed set.")
	fill(t, page, "#f-notes", "One topless scene at dawn, on a closed set with an intimacy coordinator.")
	click(t, page, page.MustElement(`button[formaction$="/submit"]`))
	waitPath(t, page, "/projects/"+strconv.FormatInt(project.ID, 10))
	page.MustElementR(".listing-row", "Two sisters by the sea").MustElementR(".badge", "In review")
	page.MustElementR(".listing-row", "In review since")

	// slice listing review: a moderator claims it from the queue and approves.
	mod := logIn(t, a, testapp.Moderator(t, a.P.Store, testapp.Name("Sam Moderator")))
	mod.MustNavigate(a.URL + "/moderation/listings").MustWaitLoad()
	shoot(t, mod, "listing-queue")
	click(t, mod, mod.MustElementR("#queue .mod-row", "Two sisters by the sea").MustElement("button[type=submit]"))
	waitURL(t, mod, `/moderation/listings/\d+`)
	mod.MustElementR("#claim", "You are reviewing this listing")
	mod.MustElementR("#rules", "Every posting rule passes")
	mod.MustElementR(".listing-details h2", "Two sisters by the sea")
	shoot(t, mod, "listing-review")
	// First it goes back with a reason; the producer sees it beside its
	// field and the note above the form, and submits again.
	click(t, mod, mod.MustElement(`#decide input[value="vague"]`))
	fill(t, mod, "#note", "Say which beach, and how many days of shooting.")
	click(t, mod, mod.MustElementR("#decide button", "Request changes"))
	waitPath(t, mod, "/moderation/listings")
	page.MustNavigate(a.URL + path + "/edit").MustWaitLoad()
	page.MustElementR("#review-notice", "Say which beach")
	page.MustElementR("#e-description", "Moderator:")
	shoot(t, page, "listing-changes")
	fill(t, page, "#f-description", draft.Description+" We shoot three days on the beach of Comporta.")
	click(t, page, page.MustElement(`button[formaction$="/submit"]`))
	waitPath(t, page, "/projects/"+strconv.FormatInt(project.ID, 10))

	mod.MustNavigate(a.URL + "/moderation/listings").MustWaitLoad()
	click(t, mod, mod.MustElementR("#queue .mod-row", "Two sisters by the sea").MustElement("button[type=submit]"))
	waitURL(t, mod, `/moderation/listings/\d+`)
	mod.MustElementR(".mod-history", "Changes requested")
	click(t, mod, mod.MustElementR("#decide button", "Approve"))
	waitPath(t, mod, "/moderation/listings")
	mod.MustElementR("#queue", "No listing is waiting")
	page.MustNavigate(a.URL + "/projects/" + strconv.FormatInt(project.ID, 10)).MustWaitLoad()
	page.MustElementR(".listing-row", "Two sisters by the sea").MustElementR(".badge", "Published")

	maya := testapp.CompleteTalent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	perf := logIn(t, a, maya)
	perf.MustNavigate(a.URL + "/castings").MustWaitLoad()
	perf.MustElementR("#results .casting-card h2", "Two sisters by the sea")
	if has, _, _ := perf.HasR("#results .casting-card h2", "Acting for camera"); has {
		t.Fatal("the workshop shows among the casting calls")
	}
	click(t, perf, perf.MustElementR(".browse-tabs a", "Workshops"))
	waitGone(t, perf, "#results .casting-card h2", "Two sisters by the sea")
	perf.MustElementR("#results .casting-card h2", "Acting for camera")
	shoot(t, perf, "rules-notices")
}
