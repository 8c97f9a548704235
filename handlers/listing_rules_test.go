package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestSubmitRunsThePostingRules: a listing breaking two rules is refused
// with both messages beside their fields and stays a draft; saving shows
// them as advice without refusing; fixed, it publishes.
func TestSubmitRunsThePostingRules(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	ines := testapp.Producer(t, e.store)
	b := e.as(ines)
	id, path := newDraft(t, b, testapp.Project(t, e.store, ines), production.CastingCall)

	broken := with(castingCallForm(), "notes", "One topless scene at the beach. Please e-mail your headshot and CV to casting@example.com.")
	resp := b.Post(path+"/edit", broken)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("saving a draft that breaks rules: %d, want 303", resp.StatusCode)
	}
	d := testapp.Doc(t, b.Get(resp.Header.Get("Location")))
	advice := d.Find(".rules-advice")
	if !strings.Contains(advice.Text(), "Before you submit") || advice.Find("li").Length() != 2 {
		t.Errorf("advice after save: %q", advice.Text())
	}

	resp = b.Post(path+"/submit", broken)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("submit breaking two rules: %d, want 422", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if msg := d.Find("#e-nudity").Text(); !strings.Contains(msg, "mentions nudity") {
		t.Errorf("#e-nudity = %q", msg)
	}
	if msg := d.Find("#e-notes").Text(); !strings.Contains(msg, "already shows") {
		t.Errorf("#e-notes = %q", msg)
	}
	if got := d.Find("#f-notes").Text(); !strings.Contains(got, "topless") {
		t.Errorf("the typed notes were not kept: %q", got)
	}
	if d.Find(".problems li").Length() != 2 {
		t.Errorf("summary: %q", d.Find(".problems").Text())
	}
	if l, _ := e.store.OwnListing(ctx, ines.ID, id); l.Status != production.Draft {
		t.Fatalf("a listing breaking the rules became %s", l.Status)
	}

	fixed := with(broken, "nudity", "partial", "nudity_details", "One topless scene from behind, closed set.",
		"notes", "One topless scene at the beach, closed set.")
	resp = b.Post(path+"/submit", fixed)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("fixed submit: %d, want 303: %s", resp.StatusCode, testapp.Doc(t, resp).Find(".problems").Text())
	}
	if l, _ := e.store.OwnListing(ctx, ines.ID, id); l.Status != production.InReview {
		t.Fatalf("the fixed listing is %s, want in review", l.Status)
	}
}

// TestNoticeCategoryFeesAndMonthlyLimit: a fee is refused beside the
// category on a class and allowed on a workshop; past the month's limit a
// notice is refused beside the category.
func TestNoticeCategoryFeesAndMonthlyLimit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ines := testapp.Producer(t, e.store)
	b := e.as(ines)
	project := testapp.Project(t, e.store, ines)
	notice := func(category string) url.Values {
		return with(castingCallForm(), "category", category, "fee_charged", "1", "fee_amount", "40", "fee_currency", "EUR",
			"fee_for", "The two-day workshop and its materials")
	}
	_, path := newDraft(t, b, project, production.CastingCall)
	d := testapp.Doc(t, b.Post(path+"/submit", notice("class")))
	if msg := d.Find("#e-category").Text(); !strings.Contains(msg, "may charge talent a fee") {
		t.Errorf("fee on a class: #e-category = %q", msg)
	}
	for i := range production.DefaultNoticesPerMonth {
		_, path := newDraft(t, b, project, production.CastingCall)
		if resp := b.Post(path+"/submit", notice("workshop")); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("workshop %d: %d", i, resp.StatusCode)
		}
	}
	_, path = newDraft(t, b, project, production.CastingCall)
	resp := b.Post(path+"/submit", notice("workshop"))
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("a notice past the limit: %d, want 422", resp.StatusCode)
	}
	d = testapp.Doc(t, resp)
	if msg := d.Find("#e-category").Text(); !strings.Contains(msg, "this month") {
		t.Errorf("limit: #e-category = %q", msg)
	}
	if v, _ := d.Find("#f-category option[selected]").Attr("value"); v != "workshop" {
		t.Errorf("the category was not kept: %q", v)
	}
}
