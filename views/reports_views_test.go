package views_test

import (
	"strings"
	"testing"
)

func TestReportViewsShowBothStates(t *testing.T) {
	fx := fixtures()
	html := renderString(t, "moderation/account", ReportFixtureSuspended)
	for _, want := range []string{"Lift the suspension", "Suspended since", "Lifted", "In force"} {
		if !strings.Contains(html, want) {
			t.Errorf("suspended account page lacks %q", want)
		}
	}
	html = renderString(t, "moderation/account", fx["moderation/account"])
	if !strings.Contains(html, `action="/moderation/accounts/8/suspend"`) || !strings.Contains(html, `id="e-reason"`) {
		t.Errorf("active account page lacks the suspend form with its message:\n%s", html)
	}
	html = renderString(t, "moderation/resolve_form", fx["moderation/resolve_form"])
	if !strings.Contains(html, "Dismissed") || strings.Contains(html, "<form") {
		t.Errorf("a resolved report still shows its form:\n%s", html)
	}
	html = renderString(t, "moderation/report", fx["moderation/resolve_form"])
	if !strings.Contains(html, "message-reported") || !strings.Contains(html, "Send 50 €") {
		t.Errorf("a reported message's page lacks its thread:\n%s", html)
	}
	html = renderString(t, "reports/form", fx["reports/new"])
	for _, want := range []string{`id="e-reason"`, `id="e-details"`, `value="other" id="f-reason-other" checked`} {
		if !strings.Contains(html, want) {
			t.Errorf("refused report form lacks %q", want)
		}
	}
}
