package e2e

import (
	"strconv"
	"strings"
	"testing"

	"github.com/go-rod/rod"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestApplyAndAcceptWithoutJavaScript does the castmi and the accept of
// TestCastingFromListingToTeam in browsers that load none of Slate's
// scripts: the filters are a GET form, castmi and accept plain posts
// whose redirects land back where the person was, with the new state.
func TestApplyAndAcceptWithoutJavaScript(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	producer := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"))
	project := testapp.Project(t, a.P.Store, producer)
	call := testapp.Listing(t, a.P.Store, producer, project, production.CastingCall) // "Two sisters": Ana and Bea, in Lisbon
	listingID := strconv.FormatInt(call.ID, 10)
	maya := testapp.CompleteTalent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	validatedWithPictures(t, a, maya)

	// The performer filters with the plain GET form and applies to Ana.
	perf := logInWithoutScripts(t, a, maya)
	perf.MustNavigate(a.URL + "/castings").MustWaitLoad()
	fill(t, perf, "#f-city", "Lis")
	submitAndWait(perf, `#filters button[type=submit]`)
	if u := perf.MustInfo().URL; !strings.Contains(u, "city=Lis") {
		t.Fatalf("the filters' GET form led to %s, without the city", u)
	}
	role := perf.MustElementR("#results .casting-card", "Two sisters").MustElementR("li.role-row", "Ana")
	id := roleID(role)
	click(t, perf, role.MustElement("summary"))
	fill(t, perf, "#"+id+" textarea[name=note]", "Without scripts, still keen.")
	wait := perf.MustWaitNavigation()
	click(t, perf, role.MustElement(".btn-castmi"))
	wait()
	waitPath(t, perf, "/castings/"+listingID)
	perf.MustElementR("#"+id+" .state-applied", "Applied")
	if has, _, _ := perf.Has("#" + id + " form[action$=withdraw] button"); !has {
		t.Fatal("no Withdraw button beside Applied after a plain post")
	}

	// The producer accepts her with the plain form, from the project page.
	prod := logInWithoutScripts(t, a, producer)
	prod.MustNavigate(a.URL + "/projects/" + strconv.FormatInt(project.ID, 10)).MustWaitLoad()
	click(t, prod, prod.MustElement(`.listing-row a[href="/listings/`+listingID+`/people"]`))
	waitPath(t, prod, "/listings/"+listingID+"/people")
	applicant := prod.MustElementR(".applicant", "Maya Laurent")
	applicant.MustElementR(".applicant-note", "still keen")
	cardID := "#" + *applicant.MustAttribute("id")
	submitAndWait(prod, cardID+` button[name=move][value=accept]`)
	waitPath(t, prod, "/listings/"+listingID+"/people")
	prod.MustElementR(cardID+" .state-badge", "Accepted")
	if got := text(prod, "#count-confirmed"); got != "1" {
		t.Fatalf("confirmed count after a plain accept = %q", got)
	}
	click(t, prod, prod.MustElement(`.people-tabs a[href*="tab=confirmed"]`))
	waitPath(t, prod, "/listings/"+listingID+"/people")
	prod.MustElementR(".applicant h3", "Maya Laurent")
	click(t, prod, prod.MustElementR("a.btn", "Project team"))
	waitPath(t, prod, "/projects/"+strconv.FormatInt(project.ID, 10)+"/team")
	prod.MustElementR(".team-group", "Ana").MustElementR(".team-name", "Maya Laurent")

	// My castings says so.
	perf.MustNavigate(a.URL + "/my-castings").MustWaitLoad()
	perf.MustElementR(".my-row", "Two sisters").MustElementR(".state", "Accepted")
}

// logInWithoutScripts opens a browser that loads none of Slate's scripts
// and logs u in through the login page.
func logInWithoutScripts(t *testing.T, a *app, u testapp.User) *rod.Page {
	t.Helper()
	page := newPage(t, a.URL+"/login")
	blockScripts(t, page)
	fill(t, page, "#f-email", u.Email)
	fill(t, page, "#f-password", u.Password)
	submitAndWait(page, `#login-form button[type=submit]`)
	waitPath(t, page, u.Role.DashboardPath())
	return page
}
