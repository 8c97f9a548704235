package handlers_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// castingCallForm is a complete casting call with two roles, as the
// editor posts it (with its blank row to add a role).
func castingCallForm() url.Values {
	start := time.Now().AddDate(0, 2, 0)
	return url.Values{
		"editor": {"1"}, "title": {"Two sisters"}, "description": {strings.Repeat("A tender story about two sisters. ", 5)},
		"works_from": {start.Format("2006-01-02")}, "works_until": {start.AddDate(0, 0, 9).Format("2006-01-02")},
		"city": {"Porto"}, "country": {"PT"},
		"pay": {"paid"}, "pay_amount": {"150"}, "pay_currency": {"EUR"}, "pay_unit": {"day"}, "pay_guaranteed": {"1"},
		"nudity": {"none"}, "deadline": {start.AddDate(0, -1, 0).Format("2006-01-02") + "T18:00"}, "time_zone": {"Europe/Lisbon"},
		"visibility": {"public"}, "notes": {"Bring a swimsuit."},
		"role_name": {"Ana", "Bea", ""}, "role_type": {"actor", "actor", ""}, "role_gender": {"female", "female", "any"},
		"role_age_min": {"25", "30", ""}, "role_age_max": {"35", "40", ""}, "role_height_min": {"", "", ""},
		"role_height_max": {"", "", ""}, "role_description": {"The elder sister.", "", ""},
		"role_skills": {"Swimming", "", ""}, "role_languages": {"Portuguese", "", ""}, "role_openings": {"1", "1", "1"},
	}
}

func with(v url.Values, kv ...string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out.Set(kv[i], kv[i+1])
	}
	return out
}

// newDraft makes a project and opens a new draft of kind through the
// project page's button; it returns the listing's path.
func newDraft(t *testing.T, b *testapp.Client, project production.Project, kind production.Kind) (int64, string) {
	t.Helper()
	id := idAfter(t, b.Post(projectPathOf(project)+"/listings", url.Values{"kind": {string(kind)}}), "/listings/")
	return id, "/listings/" + strconv.FormatInt(id, 10)
}

func projectPathOf(p production.Project) string { return "/projects/" + strconv.FormatInt(p.ID, 10) }

func TestListingDraftSavesHalfFilledAndRefusesBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store)
	project := testapp.Project(t, e.store, ines)
	b := e.as(ines)
	id, path := newDraft(t, b, project, production.CastingCall)

	d := testapp.Doc(t, b.Get(path+"/edit"))
	if d.Find("#listing-form").Length() != 1 || d.Find("#f-role_name_0").Length() != 1 || d.Find("#f-role_name_1").Length() != 0 {
		t.Fatal("a new casting call's editor does not show one blank role row")
	}
	if v, ok := d.Find(`input[name=time_zone]`).Attr("value"); !ok || v != "" {
		t.Errorf("a new draft's time zone is %q: the browser should fill it", v)
	}
	if d.Find(`input[name=time_zone][data-time-zone]`).Length() != 1 || d.Find("[data-tz-label]").Text() != "UTC" {
		t.Error("no hidden time zone field for the script, or the zone is not named beside the deadline")
	}

	// Half filled: saved as it is.
	resp := b.Post(path+"/edit", url.Values{"editor": {"1"}, "title": {"Two sisters"}, "role_name": {""}, "role_gender": {"any"}, "role_openings": {"1"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"/edit?saved=1" {
		t.Fatalf("half-filled save: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if l, _ := e.store.OwnListing(ctx, ines.ID, id); l.Title != "Two sisters" || l.Status != production.Draft {
		t.Fatalf("draft = %+v", l)
	}
	if !strings.Contains(testapp.Doc(t, b.Get(path+"/edit?saved=1")).Find(".flash").Text(), "Draft saved") {
		t.Error("no confirmation after a plain save")
	}

	past := time.Now().AddDate(0, 0, -2).Format("2006-01-02") + "T10:00"
	tests := []struct {
		name   string
		form   url.Values
		field  string // the message's element is #e-<field>
		kept   string // a field whose typed value must come back…
		value  string // …with this value
		inform string // part of the message
	}{
		{"reversed ages", with(castingCallForm(), "title", "Changed"), "", "", "", ""},
		{"past deadline", with(castingCallForm(), "title", "Changed", "deadline", past), "deadline", "f-deadline", past, "passed"},
		{"end before start", with(castingCallForm(), "title", "Changed", "works_until", "2020-01-01"), "works_until", "f-works_until", "2020-01-01", "before"},
		{"paid with zero", with(castingCallForm(), "title", "Changed", "pay_amount", "0"), "pay_amount", "f-pay_amount", "0", "above zero"},
		{"unknown enum", with(castingCallForm(), "title", "Changed", "nudity", "some"), "nudity", "f-title", "Changed", "from the list"},
		{"unknown role type", with(castingCallForm(), "title", "Changed"), "role_type_1", "f-role_name_1", "Bea", "from the list"},
	}
	tests[0].form["role_age_min"] = []string{"40", "30", ""}
	tests[0].form["role_age_max"] = []string{"30", "40", ""}
	tests[0].field, tests[0].kept, tests[0].value, tests[0].inform = "role_age_max_0", "f-role_age_min_0", "40", "below the youngest"
	tests[5].form["role_type"] = []string{"actor", "wizard", ""}
	for _, tt := range tests {
		for _, hx := range []bool{false, true} {
			var headers []string
			if hx {
				headers = []string{"HX-Request", "true"}
			}
			resp := b.Post(path+"/edit", tt.form, headers...)
			if resp.StatusCode != http.StatusUnprocessableEntity {
				t.Errorf("%s (htmx %v): %d, want 422", tt.name, hx, resp.StatusCode)
				continue
			}
			d := testapp.Doc(t, resp)
			if hx && d.Find("nav").Length() != 0 {
				t.Errorf("%s: htmx got a whole page", tt.name)
			}
			if msg := d.Find("#e-" + tt.field).Text(); !strings.Contains(msg, tt.inform) {
				t.Errorf("%s: message at #e-%s = %q, want %q", tt.name, tt.field, msg, tt.inform)
			}
			if v, _ := d.Find("#" + tt.kept).Attr("value"); v != tt.value {
				t.Errorf("%s: #%s = %q, want the typed %q", tt.name, tt.kept, v, tt.value)
			}
			if !strings.Contains(d.Find(".problems").Text(), "Nothing was saved") {
				t.Errorf("%s: no summary saying nothing was saved", tt.name)
			}
		}
		if l, _ := e.store.OwnListing(ctx, ines.ID, id); l.Title != "Two sisters" || len(l.Roles) != 0 {
			t.Errorf("%s: a refused form was saved: %q, %d roles", tt.name, l.Title, len(l.Roles))
		}
	}
}

func TestListingRoleRows(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store)
	b := e.as(ines)
	id, path := newDraft(t, b, testapp.Project(t, e.store, ines), production.CastingCall)

	// "Add a role" with the blank row filled: saved, and a new blank row.
	form := url.Values{"editor": {"1"}, "add": {"role"}, "role_name": {"Ana"}, "role_type": {"actor"}, "role_gender": {"female"}, "role_openings": {"1"}}
	resp := b.Post(path+"/edit", form)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("add: %d", resp.StatusCode)
	}
	d := testapp.Doc(t, b.Get(resp.Header.Get("Location")))
	if v, _ := d.Find("#f-role_name_0").Attr("value"); v != "Ana" {
		t.Errorf("row 0 = %q", v)
	}
	if d.Find("#f-role_name_1").Length() != 1 || d.Find("#f-role_name_2").Length() != 0 {
		t.Error("after adding Ana: want Ana and one blank row")
	}
	// "Add a role" with the blank row still blank: one blank row more.
	form = url.Values{"editor": {"1"}, "add": {"role"}, "role_name": {"Ana", ""}, "role_type": {"actor", ""},
		"role_gender": {"female", "any"}, "role_openings": {"1", "1"}}
	resp = b.Post(path+"/edit", form)
	d = testapp.Doc(t, b.Get(resp.Header.Get("Location")))
	if d.Find("#f-role_name_2").Length() != 1 || d.Find("#f-role_name_3").Length() != 0 {
		t.Errorf("add with a blank row: want Ana and two blank rows, got %d rows", d.Find(".role-row").Length())
	}
	if d.Find(`button[name=remove][value="role:0"]`).Length() != 1 || d.Find(`button[name=remove][value="role:1"]`).Length() != 0 {
		t.Error("Remove buttons: want one on Ana's row, none on the blank rows")
	}
	// With htmx the form comes back in place with the rows.
	resp = b.Post(path+"/edit", form, "HX-Request", "true")
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || strings.Contains(string(body), "<html") || strings.Count(string(body), `class="role-row`) != 3 {
		t.Errorf("htmx add: %d, want the form with three role rows:\n%s", resp.StatusCode, body)
	}

	// A save in place retitles the page around the form (out of band).
	resp = b.Post(path+"/edit", url.Values{"editor": {"1"}, "title": {"Dancers for a festa"}, "role_name": {"Ana"},
		"role_type": {"actor"}, "role_gender": {"female"}, "role_openings": {"1"}}, "HX-Request", "true")
	d = testapp.Doc(t, resp)
	if h := d.Find(`#listing-heading[hx-swap-oob="true"]`); !strings.Contains(h.Text(), "Dancers for a festa") {
		t.Errorf("the htmx save does not retitle the page: %q", h.Text())
	}
	if d := testapp.Doc(t, b.Get(path+"/edit")); d.Find(`#listing-heading[hx-swap-oob]`).Length() != 0 || !strings.Contains(d.Find("#listing-heading").Text(), "Dancers for a festa") {
		t.Error("the full page's heading is wrong or marked out of band")
	}

	// Remove: the row goes, the others stay.
	form = url.Values{"editor": {"1"}, "remove": {"role:0"}, "role_name": {"Ana", "Bea", ""}, "role_type": {"actor", "extra", ""},
		"role_gender": {"female", "any", "any"}, "role_openings": {"1", "3", "1"}}
	if resp := b.Post(path+"/edit", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("remove: %d", resp.StatusCode)
	}
	l, _ := e.store.OwnListing(ctx, ines.ID, id)
	if len(l.Roles) != 1 || l.Roles[0].Name != "Bea" || l.Roles[0].Openings != 3 {
		t.Fatalf("after removing Ana: %+v", l.Roles)
	}
	d = testapp.Doc(t, b.Get(path+"/edit"))
	if v, _ := d.Find("#f-role_name_0").Attr("value"); v != "Bea" || d.Find(".role-row").Length() != 2 {
		t.Errorf("after remove: row 0 %q, %d rows", v, d.Find(".role-row").Length())
	}
}

func TestListingSubmitAndClose(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store)
	project := testapp.Project(t, e.store, ines)
	b := e.as(ines)
	id, path := newDraft(t, b, project, production.CastingCall)

	// Missing items: the draft is saved, the editor comes back with each
	// item beside its field and a summary.
	partial := url.Values{"editor": {"1"}, "title": {"Two sisters"}, "pay": {"paid"}, "pay_amount": {"150"},
		"role_name": {"Ana", ""}, "role_gender": {"female", "any"}, "role_openings": {"1", "1"}}
	resp := b.Post(path+"/submit", partial)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("incomplete submit: %d, want 422", resp.StatusCode)
	}
	d := testapp.Doc(t, resp)
	for id, want := range map[string]string{"#e-deadline": "deadline", "#e-nudity": "nudity", "#e-description": "Describe",
		"#e-pay_currency": "currency", "#e-pay_guaranteed": "guarantees", "#e-role_type_0": "role type", "#e-works_from": "first work day"} {
		if msg := d.Find(id).Text(); !strings.Contains(msg, want) {
			t.Errorf("%s = %q, want %q", id, msg, want)
		}
	}
	summary := d.Find(".problems")
	if !strings.Contains(summary.Text(), "not ready to publish") || summary.Find("li").Length() < 7 {
		t.Errorf("summary: %q", summary.Text())
	}
	if summary.Find(`a[href="#f-role_type_0"]`).Length() != 1 || !strings.Contains(summary.Text(), "Role 1: Choose the role type") {
		t.Error("the summary does not link the role's missing type to its field")
	}
	if l, _ := e.store.OwnListing(ctx, ines.ID, id); l.Status != production.Draft || l.Title != "Two sisters" || len(l.Roles) != 1 {
		t.Fatalf("after an incomplete submit: %+v", l)
	}
	// A submit without the editor's fields checks the stored draft.
	if resp := b.Post(path+"/submit", nil); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bare submit of an incomplete draft: %d", resp.StatusCode)
	}
	// No roles at all: the message sits on the blank row.
	noRoles := with(castingCallForm())
	for _, k := range []string{"role_name", "role_type", "role_gender", "role_age_min", "role_age_max", "role_height_min", "role_height_max",
		"role_description", "role_skills", "role_languages", "role_openings"} {
		noRoles[k] = []string{""}
	}
	d = testapp.Doc(t, b.Post(path+"/submit", noRoles))
	if msg := d.Find("#e-role_name_0").Text(); !strings.Contains(msg, "at least one role") {
		t.Errorf("no roles: #e-role_name_0 = %q", msg)
	}

	// Complete: sent to listing review, back on the project page; a
	// moderator approves it and it is published.
	resp = b.Post(path+"/submit", castingCallForm())
	want := projectPathOf(project) + "?done=submitted"
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Fatalf("submit: %d to %q, want %s", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	d = testapp.Doc(t, b.Get(want))
	if !strings.Contains(d.Find(".flash").Text(), "review") || !strings.Contains(d.Find(".listing-row").Text(), "In review since") {
		t.Errorf("project page after submit: %q", d.Find("main").Text())
	}
	if !strings.Contains(testapp.Doc(t, b.Get(path+"/edit")).Find("#review-notice").Text(), "In review since") {
		t.Error("the editor does not say since when the listing is in review")
	}
	if _, err := e.store.ApproveListing(ctx, testapp.Moderator(t, e.store).Account, id, time.Now()); err != nil {
		t.Fatal(err)
	}
	l, _ := e.store.OwnListing(ctx, ines.ID, id)
	if l.Status != production.Published || l.TimeZone != "Europe/Lisbon" || len(l.Roles) != 2 || l.Notes != "Bring a swimsuit." {
		t.Fatalf("published = %+v", l)
	}
	d = testapp.Doc(t, b.Get(projectPathOf(project)+"?done=published"))
	if !strings.Contains(d.Find(".flash").Text(), "published") || !strings.Contains(d.Find(".listing-row").Text(), "Published") {
		t.Errorf("project page after approval: %q", d.Find("main").Text())
	}
	if !strings.Contains(d.Find(".listing-row").Text(), "2 roles") || !strings.Contains(d.Find(".listing-row .zone").Text(), "Europe/Lisbon") {
		t.Errorf("listing row lacks roles count or deadline zone: %q", d.Find(".listing-row").Text())
	}

	// Published: the editor is read-only with a close button (to the
	// confirm step); posts are refused.
	d = testapp.Doc(t, b.Get(path+"/edit"))
	if d.Find("#listing-form").Length() != 0 || d.Find(`a[href="`+path+`/close"]`).Length() != 1 {
		t.Error("a published listing's editor is not read-only with a close button")
	}
	if !strings.Contains(d.Find(".listing-details").Text(), "Two sisters") {
		t.Error("the read-only page does not show the content")
	}
	if resp := b.Post(path+"/edit", with(castingCallForm(), "title", "Changed")); resp.StatusCode != http.StatusConflict {
		t.Errorf("editing a published listing: %d, want 409", resp.StatusCode)
	}
	if resp := b.Post(path+"/submit", nil); resp.StatusCode != http.StatusConflict {
		t.Errorf("submitting a published listing: %d, want 409", resp.StatusCode)
	}

	resp = b.Post(path+"/close", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != path+"/selection?closed=1" {
		t.Fatalf("close: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if l, _ := e.store.OwnListing(ctx, ines.ID, id); l.Status != production.Closed {
		t.Errorf("after close: %s", l.Status)
	}
	// Closing twice (a double click) lands on the selection again.
	if resp := b.Post(path+"/close", nil); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("closing twice: %d, want 303", resp.StatusCode)
	}
}

func TestListingPreviewAndJobListingEditor(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	project := testapp.Project(t, e.store, ines)
	b := e.as(ines)
	listing := testapp.Listing(t, e.store, ines, project, production.CastingCall, testapp.Draft(), func(l *production.Listing) {
		l.Nudity, l.NudityDetails, l.StudentFilm, l.School = "partial", "A bathing scene.", true, "ESTC"
	})
	d := testapp.Doc(t, b.Get("/listings/"+strconv.FormatInt(listing.ID, 10)+"/preview"))
	card := d.Find(".listing-card")
	for _, want := range []string{"PAID", "Nudity: Partial nudity", "Student film", "closes in 7 days", "Europe/Lisbon", "Ana", "Bea", "The Long Night"} {
		if !strings.Contains(card.Text(), want) {
			t.Errorf("preview card lacks %q:\n%s", want, card.Text())
		}
	}
	if !strings.Contains(d.Find(".listing-details").Text(), "A bathing scene.") {
		t.Error("the preview's page lacks the nudity details")
	}

	_, path := newDraft(t, b, project, production.JobListing)
	d = testapp.Doc(t, b.Get(path+"/edit"))
	if d.Find("#f-department").Length() != 1 || d.Find("#f-openings").Length() != 1 || d.Find("#listing-roles").Length() != 0 {
		t.Error("a job listing's editor shows roles instead of the position")
	}
	resp := b.Post(path+"/edit", url.Values{"editor": {"1"}, "department": {"catering"}, "position": {"Editor"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || testapp.Doc(t, resp).Find("#e-department").Text() == "" {
		t.Errorf("unknown department: %d", resp.StatusCode)
	}
	d = testapp.Doc(t, b.Get(path+"/preview"))
	if !strings.Contains(d.Find(".listing-card").Text(), "NOT PAID") {
		t.Error("a job listing without pay is not tagged NOT PAID")
	}
}

func TestListingEditorTakesAFullCastingCall(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	b := e.as(ines)
	id, path := newDraft(t, b, testapp.Project(t, e.store, ines), production.CastingCall)
	form := url.Values{"editor": {"1"}, "title": {"A big crowd"}, "description": {strings.Repeat("Long description. ", 250)}}
	for i := range production.MaxRoles {
		form.Add("role_name", "Role "+strconv.Itoa(i))
		form.Add("role_type", "extra")
		form.Add("role_description", strings.Repeat("Ça va très bien. ", 100))
	}
	if len(form.Encode()) < 64<<10 {
		t.Fatalf("the form is only %d bytes: not a test of the limit", len(form.Encode()))
	}
	if resp := b.Post(path+"/edit", form); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("a full casting call: %d, want 303", resp.StatusCode)
	}
	if l, _ := e.store.OwnListing(context.Background(), ines.ID, id); len(l.Roles) != production.MaxRoles {
		t.Errorf("%d roles saved, want %d", len(l.Roles), production.MaxRoles)
	}
}
