package handlers

import "testing"

// TestNavSectionMarksOneLink: the link the top bar marks current for a
// path, as the navigation template decided it before it moved to Go.
func TestNavSectionMarksOneLink(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ path, dashboard, want string }{
		{"/performer", "/performer", "dashboard"},
		{"/moderation", "/moderation", "dashboard"},
		{"/moderation/profiles/4", "/moderation", "queue"},
		{"/moderation/changes", "/moderation", "queue"},
		{"/moderation/listings/2", "/moderation", "queue"},
		{"/moderation/reports", "/moderation", "reports"},
		{"/moderation/accounts?q=x", "/moderation", "reports"},
		{"/projects", "/producer", "projects"},
		{"/listings/5/people", "/producer", "projects"},
		{"/profile", "/performer", "profile"},
		{"/profile/media", "/performer", ""},
		{"/castings/3", "/performer", "castings"},
		{"/my-castings", "/performer", "my-castings"},
		{"/admin/outbox/3", "/moderation", "outbox"},
		{"/messages/7", "/crew", "messages"},
		{"/settings", "/crew", "settings"},
		{"/notifications", "/crew", "notifications"},
		{"/talent/9", "/producer", ""},
		{"/", "/producer", ""},
	} {
		if got := navSection(tc.path, tc.dashboard); got != tc.want {
			t.Errorf("navSection(%q, %q) = %q, want %q", tc.path, tc.dashboard, got, tc.want)
		}
	}
}
