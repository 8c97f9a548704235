package views_test

import (
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/views"
)

// accountFixtures are the pages of accounts by e-mail: an unconfirmed
// account, so every page in the layout shows the confirmation banner.
func accountFixtures() map[string]any {
	user := &domain.Account{ID: 7, Name: "Maya Laurent", Email: "maya@example.com", Role: domain.RolePerformer}
	visitor := handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: "/password/forgot"}
	page := handlers.Page{Title: "Slate", CSRF: "csrf-token", Path: "/settings", User: user}
	forgot := &handlers.ForgotPage{Page: visitor, Email: views.Field{Name: "email", Label: "E-mail", Type: "email", Error: "Enter your e-mail address."}}
	reset := &handlers.ResetPage{Page: visitor, Action: "/password/reset/abc", Fields: []views.Field{
		{Name: "password", Label: "New password", Type: "password", Error: "Use at least 8 characters."},
		{Name: "password2", Label: "New password again", Type: "password"}}}
	settings := &handlers.SettingsPage{Page: page, Email: handlers.EmailSection{Current: "maya@example.com", Sent: "new@example.com",
		Fields: []views.Field{{Name: "new_email", Label: "New e-mail address", Type: "email", Value: "new@example.com"}}}}
	confirmedAt := time.Now()
	return map[string]any{
		"account/forgot":          forgot,
		"account/forgot_form":     &handlers.ForgotPage{Page: visitor, Sent: "maya@example.com"},
		"account/reset":           reset,
		"account/reset_form":      reset,
		"account/token_problem":   &handlers.TokenProblemPage{Page: visitor, Again: "/password/forgot", AgainLabel: "Ask for a new reset link"},
		"account/confirmed":       &handlers.ConfirmedPage{Page: page, Account: domain.Account{Email: "maya@example.com", EmailConfirmedAt: &confirmedAt}},
		"account/confirm_needed":  &handlers.ConfirmNeededPage{Page: page, Problem: domain.ConfirmationProblem(*user, domain.ActionApply), Next: "/castings/3"},
		"account/confirm_banner":  &handlers.ConfirmBanner{Page: page, Next: "/castings", Sent: "We sent a new link to maya@example.com."},
		"account/change_email":    &handlers.ChangeEmailPage{Page: visitor, Action: "/email/change/abc", NewEmail: "new@example.com", Problem: "Taken."},
		"partials/confirm_banner": map[string]any{"User": user, "CSRF": "csrf-token", "Path": "/castings", "Problem": "Try later."},
		"settings/index":          settings,
		"settings/email":          settings,
		"mail/account": map[string]any{"Name": "Maya", "Subject": "Reset your Slate password", "Lead": "Choose a <new> password.",
			"Action": "Choose a new password", "Link": "https://slate.test/password/reset/abc", "Note": "Ignore it if not you."},
	}
}

func TestConfirmBannerShowsOnlyUnconfirmed(t *testing.T) {
	user := &domain.Account{ID: 7, Name: "Maya", Email: "maya@example.com", Role: domain.RolePerformer}
	html := renderString(t, "partials/confirm_banner", map[string]any{"User": user, "CSRF": "t", "Path": "/profile"})
	for _, want := range []string{"we sent a link to <strong>maya@example.com</strong>", `action="/confirm-resend"`, `name="next" value="/profile"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the banner lacks %q:\n%s", want, html)
		}
	}
	now := time.Now()
	user.EmailConfirmedAt = &now
	if html := renderString(t, "partials/confirm_banner", map[string]any{"User": user}); strings.Contains(html, "confirm-banner") {
		t.Errorf("a confirmed account sees the banner:\n%s", html)
	}
}
