package views_test

import (
	"strings"
	"testing"
	"time"
)

func TestListingEditorShowsMessagesBesideFields(t *testing.T) {
	pf := producerFixtures(time.Now(), nil)
	html := renderString(t, "listings/form", pf.castingEdit)
	for _, want := range []string{
		`value="2020-01-01T10:00"`, `id="e-deadline"`, "The deadline has passed",
		`id="e-role_age_max_0"`, `aria-describedby="e-role_age_max_0"`, `href="#f-role_age_max_0"`, "Role 1: The oldest",
		"Nothing was saved", `name="remove" value="role:0"`, `name="add" value="role"`,
		`name="time_zone" value="Europe/Lisbon" data-time-zone`, `<strong data-tz-label>Europe/Lisbon</strong>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("the refused editor lacks %q", want)
		}
	}
	if strings.Contains(html, `value="role:1"`) {
		t.Error("the blank row has a Remove button")
	}
	if strings.Contains(html, "<script") || strings.Contains(html, " style=") || strings.Contains(html, " onclick=") {
		t.Error("inline script or style in the editor (CSP)")
	}
}

func TestPublishedListingEditorIsReadOnly(t *testing.T) {
	pf := producerFixtures(time.Now(), nil)
	html := renderString(t, "listings/edit", pf.jobEdit)
	if strings.Contains(html, `id="listing-form"`) || !strings.Contains(html, `href="/listings/12/close"`) {
		t.Errorf("a published listing's editor is not read-only with a close button:\n%s", html)
	}
	for _, want := range []string{"NOT PAID", "Deferred pay — Credit", "Editor", "Needed"} {
		if !strings.Contains(html, want) {
			t.Errorf("the read-only page lacks %q", want)
		}
	}
}

func TestListingSummaryCard(t *testing.T) {
	pf := producerFixtures(time.Now(), nil)
	html := renderString(t, "listings/summary", pf.castingEdit.View)
	for _, want := range []string{"PAID", "Nudity: Partial nudity", "Student film", "Private", "closes in ",
		"Europe/Lisbon", `href="/listings/11"`, "Ana", "25–35 yrs", "150 EUR per day"} {
		if !strings.Contains(html, want) {
			t.Errorf("the card lacks %q:\n%s", want, html)
		}
	}
}
