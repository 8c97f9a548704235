package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/go-rod/rod"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// The casting call the producer writes through the forms.
const (
	castingTitle = "Fishermen's daughters"
	roleMarta    = "Marta"
	roleDancers  = "Festa dancers"
)

// TestCastingFromListingToTeam runs a casting from start to team in
// Chromium: a producer creates a project and a casting call with two roles
// through the real forms and publishes it; a performer finds it through
// the filters and presses castmi on one role with a note; a crew member
// never sees it; the producer accepts the performer and writes from the
// applicant card; the performer sees the unread badge and replies; the
// team page lists the performer.
func TestCastingFromListingToTeam(t *testing.T) {
	t.Parallel()
	a := startApp(t)

	// Another producer's casting call in Lisbon, for actors only: the
	// filters must hide it.
	other := testapp.Producer(t, a.P.Store, testapp.Name("Other Producer"))
	testapp.Listing(t, a.P.Store, other, testapp.Project(t, a.P.Store, other), production.CastingCall)

	producer := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	maya := testapp.CompleteTalent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"), testapp.Email("maya@example.com"))
	validatedWithPictures(t, a, maya)
	rui := testapp.CompleteTalent(t, a.P.Store, domain.RoleCrew, testapp.Name("Rui Costa"), testapp.Email("rui@example.com"))

	prod := logIn(t, a, producer)
	projectID, listingID := createCastingCall(t, a, prod)

	// The performer finds it through the filters and applies to one role.
	perf := logIn(t, a, maya)
	click(t, perf, perf.MustElement(`.nav-links a[href="/castings"]`))
	waitPath(t, perf, "/castings")
	perf.MustElementR("#results .casting-card h2", castingTitle)
	perf.MustElementR("#results .casting-card h2", "Two sisters")
	perf.MustElement("#f-role_type").MustSelect("Dancer")
	waitGone(t, perf, "#results .casting-card h2", "Two sisters")
	perf.MustElementR("#results .casting-card h2", castingTitle)
	if u := perf.MustInfo().URL; !strings.Contains(u, "role_type=dancer") {
		t.Fatalf("the URL %s does not carry the role type filter", u)
	}
	fill(t, perf, "#f-city", "Por")
	waitJS(t, perf, `() => location.search.includes("city=Por")`, "the city in the URL")
	perf.MustElementR("#results .casting-card h2", castingTitle)
	// Leaving the city field (the click below) must not fetch the same
	// results again and swap them under the note being opened.
	perf.MustEval(`() => { document.querySelector("#results").dataset.kept = "1" }`)
	shoot(t, perf, "castings")

	card := perf.MustElementR("#results .casting-card", castingTitle)
	role := card.MustElementR("li.role-row", roleMarta)
	click(t, perf, role.MustElement("summary"))
	fill(t, perf, "#"+roleID(role)+" textarea[name=note]", "I grew up in a fishing village near Porto.\nI swim well.")
	time.Sleep(600 * time.Millisecond) // longer than the city's 400 ms delay
	if !perf.MustEval(`() => document.querySelector("#results").dataset.kept === "1"`).Bool() {
		t.Fatal("leaving the city field replaced the results")
	}
	click(t, perf, role.MustElement(".btn-castmi"))
	perf.MustElementR("#"+roleID(role)+" .state-applied", "Applied")
	if has, _, _ := perf.Has("#" + roleID(role) + " form[action$=withdraw] button"); !has {
		t.Fatal("no Withdraw button beside Applied")
	}
	// The other role is still open to apply.
	card.MustElementR("li.role-row", roleDancers).MustElement(".btn-castmi")

	click(t, perf, perf.MustElementR("#results .casting-card h2 a", castingTitle))
	waitPath(t, perf, "/castings/"+listingID)
	perf.MustElementR(".role-row", roleMarta).MustElementR(".state-applied", "Applied")
	perf.MustElementR(".listing-facts", "Partial nudity")
	shoot(t, perf, "casting-page")

	// A crew member sees casting calls neither in the list nor by URL.
	crew := logIn(t, a, rui)
	crew.MustNavigate(a.URL + "/castings").MustWaitLoad()
	if has, _, _ := crew.HasR("body", castingTitle); has {
		t.Fatal("a crew member sees the casting call in the list")
	}
	crew.MustNavigate(a.URL + "/castings/" + listingID).MustWaitLoad()
	if code := text(crew, ".error-code"); code != "404" {
		t.Fatalf("a crew member opening the casting call's URL gets %q, want the 404 page", code)
	}
	if has, _, _ := crew.HasR("body", castingTitle); has {
		t.Fatal("the 404 page names the casting call")
	}

	// The producer sees the new application on the dashboard, opens the
	// listing's people from the project page, accepts the performer and
	// writes from the applicant card.
	prod.MustNavigate(a.URL + "/producer").MustWaitLoad()
	prod.MustElementR(".waiting-card li", castingTitle).MustElementR(".badge", "1 new")
	click(t, prod, prod.MustElement(`.nav-links a[href="/projects"]`))
	waitPath(t, prod, "/projects")
	clickThrough(t, prod, prod.MustElementR(".project-card h3 a", "Harbour Lights"))
	waitPath(t, prod, "/projects/"+projectID)
	shoot(t, prod, "project")
	click(t, prod, prod.MustElement(`.listing-row a[href="/listings/`+listingID+`/people"]`))
	waitPath(t, prod, "/listings/"+listingID+"/people")
	prod.MustElementR(".people-tabs a[aria-current=page]", "Applications received")
	applicant := prod.MustElementR(".applicant", "Maya Laurent")
	if note := strings.TrimSpace(applicant.MustElement(".applicant-note").MustText()); !strings.Contains(note, "fishing village") {
		t.Fatalf("the applicant card's note = %q", note)
	}
	applicant.MustElementR(".applicant-role", roleMarta)
	shoot(t, prod, "people-received")
	cardID := "#" + *applicant.MustAttribute("id")
	click(t, prod, applicant.MustElement(`button[name=move][value=accept]`))
	prod.MustElementR(cardID+" .state-badge", "Accepted")
	click(t, prod, prod.MustElement(`.people-tabs a[href*="tab=confirmed"]`))
	waitJS(t, prod, `() => location.search.includes("tab=confirmed")`, "the confirmed tab")
	prod.MustElementR(".applicant h3", "Maya Laurent")
	shoot(t, prod, "people-confirmed")

	click(t, prod, prod.MustElementR(cardID+" a.btn", "Contact"))
	waitPath(t, prod, "/messages/new")
	fill(t, prod, "#f-body", "Hello Maya,\nwe would love you as Marta. Are you free in June?")
	click(t, prod, prod.MustElementR(`button[type=submit]`, "Send message"))
	waitURL(t, prod, `/messages/\d+`)
	prod.MustElementR(".message-mine .message-body", "free in June")

	// The performer sees the unread badge, opens the thread and replies.
	reloadUntil(t, perf, "#nav-unread-messages", "1")
	click(t, perf, perf.MustElement(`.nav-links a[href="/messages"]`))
	waitPath(t, perf, "/messages")
	click(t, perf, perf.MustElementR(".thread-row.unread .thread-with", "Ines Okafor"))
	waitURL(t, perf, `/messages/\d+`)
	perf.MustElementR(".message-body", "free in June")
	if has, _, _ := perf.Has("#nav-unread-messages"); has {
		t.Fatal("the unread badge stays after the thread was read")
	}
	fill(t, perf, "#reply-form textarea[name=body]", "Yes, all of June.\nThank you!")
	click(t, perf, perf.MustElement(`#reply-form button[type=submit]`))
	perf.MustElementR(".message-mine .message-body", "all of June")
	if v := perf.MustElement("#reply-form textarea[name=body]").MustProperty("value").String(); v != "" {
		t.Fatalf("the reply box keeps %q after sending", v)
	}
	shoot(t, perf, "thread")

	// My castings says the application was accepted.
	click(t, perf, perf.MustElement(`.nav-links a[href="/my-castings"]`))
	waitPath(t, perf, "/my-castings")
	perf.MustElementR(".my-row", castingTitle).MustElementR(".state", "Accepted")
	shoot(t, perf, "my-castings")

	// The producer reads the reply and finds the performer on the team.
	reloadUntil(t, prod, ".message:not(.message-mine) .message-body", "all of June")
	prod.MustNavigate(a.URL + "/listings/" + listingID + "/people").MustWaitLoad()
	click(t, prod, prod.MustElementR("a.btn", "Project team"))
	waitPath(t, prod, "/projects/"+projectID+"/team")
	prod.MustElementR(".team-group", roleMarta).MustElementR(".team-name", "Maya Laurent")
	shoot(t, prod, "team")
	prod.MustNavigate(a.URL + "/projects").MustWaitLoad()
	shoot(t, prod, "projects")
}

// createCastingCall makes a project and a casting call with two roles
// through the producer's forms, submits it, has a moderator approve it
// (through the store: the review pages have their own test), and returns
// both ids.
func createCastingCall(t *testing.T, a *app, page *rod.Page) (projectID, listingID string) {
	t.Helper()
	click(t, page, page.MustElement(`.nav-links a[href="/projects"]`))
	waitPath(t, page, "/projects")
	click(t, page, page.MustElement(`a.btn[href="/projects/new"]`))
	waitPath(t, page, "/projects/new")
	fill(t, page, "#f-title", "Harbour Lights")
	page.MustElement("#f-type").MustSelect("Short film")
	fill(t, page, "#f-company", "Norte Films")
	fill(t, page, "#f-description", "A short film about a fishing family in Matosinhos.")
	fill(t, page, "#f-city", "Porto")
	page.MustElement("#f-country").MustSelect("Portugal")
	start := time.Now().AddDate(0, 2, 0)
	page.MustElement("#f-starts_on").MustInputTime(start)
	page.MustElement("#f-ends_on").MustInputTime(start.AddDate(0, 0, 10))
	click(t, page, page.MustElement(`#project-form button[type=submit]`))
	projectID = waitURL(t, page, `/projects/(\d+)`)[1]
	page.MustElementR("h1", "Harbour Lights")

	click(t, page, page.MustElementR("button", "New casting call"))
	listingID = waitURL(t, page, `/listings/(\d+)/edit`)[1]
	fill(t, page, "#f-title", castingTitle)
	fill(t, page, "#f-description", "Two sisters and the village's festa: a week of shooting by the sea in June, "+
		"with one rehearsal day before. We look for a warm, grounded pair who can swim.")

	fill(t, page, "#f-role_name_0", roleMarta)
	page.MustElement("#f-role_type_0").MustSelect("Actor")
	page.MustElement("#f-role_gender_0").MustSelect("Female")
	fill(t, page, "#f-role_age_min_0", "25")
	fill(t, page, "#f-role_age_max_0", "35")
	fill(t, page, "#f-role_description_0", "The elder sister, who stayed in the village.")
	click(t, page, page.MustElement(`button[name=add][value=role]`))
	// The form comes back saved with a blank second row.
	page.MustElement("#f-role_name_1")
	if v := page.MustElement("#f-role_name_0").MustProperty("value").String(); v != roleMarta {
		t.Fatalf("the first role after Add a role = %q", v)
	}
	fill(t, page, "#f-role_name_1", roleDancers)
	page.MustElement("#f-role_type_1").MustSelect("Dancer")
	fill(t, page, "#f-role_openings_1", "4")
	fill(t, page, "#f-role_age_min_1", "18")
	fill(t, page, "#f-role_age_max_1", "40")

	page.MustElement("#f-works_from").MustInputTime(start)
	page.MustElement("#f-works_until").MustInputTime(start.AddDate(0, 0, 6))
	fill(t, page, "#f-city", "Porto")
	page.MustElement("#f-country").MustSelect("Portugal")
	click(t, page, page.MustElement("#f-pay-paid"))
	fill(t, page, "#f-pay_amount", "180")
	page.MustElement("#f-pay_currency").MustSelect("EUR")
	page.MustElement("#f-pay_unit").MustSelect("per day")
	click(t, page, page.MustElement("#f-pay_guaranteed"))
	page.MustElement("#f-nudity").MustSelect("Partial nudity")
	fill(t, page, "#f-nudity_details", "A bathing scene shot from behind, on a closed set.")
	deadline := time.Now().AddDate(0, 0, 10).Truncate(time.Hour)
	page.MustElement("#f-deadline").MustInputTime(deadline)
	shoot(t, page, "listing-editor")

	click(t, page, page.MustElement(`button[formaction$="/submit"]`))
	waitPath(t, page, "/projects/"+projectID)
	page.MustElementR(".listing-row", castingTitle).MustElementR(".badge", "In review")
	approveListing(t, a, listingID)
	page.MustNavigate(a.URL + "/projects/" + projectID).MustWaitLoad()
	page.MustElementR(".listing-row", castingTitle).MustElementR(".badge", "Published")
	return projectID, listingID
}

// roleID is the element id of a role's row on a listing card.
func roleID(role *rod.Element) string { return *role.MustAttribute("id") }
