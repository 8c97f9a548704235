package domain

import (
	"strings"
	"testing"
)

func TestSignupValidate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		in     Signup
		fields []string // fields with an error
	}{
		{"ok", Signup{"Ada Lovelace", "ada@example.com", "longenough", RoleProducer}, nil},
		{"trims", Signup{"  Ada   Lovelace ", " ada@example.com ", "longenough", RolePerformer}, nil},
		{"empty", Signup{}, []string{"name", "email", "password", "role"}},
		{"short password", Signup{"A", "a@example.com", "short", RoleCrew}, []string{"password"}},
		{"64+ password allowed", Signup{"A", "a@example.com", strings.Repeat("p", 100), RoleCrew}, nil},
		{"huge password", Signup{"A", "a@example.com", strings.Repeat("p", 300), RoleCrew}, []string{"password"}},
		{"bad email", Signup{"A", "not-an-email", "longenough", RoleCrew}, []string{"email"}},
		{"display name email", Signup{"A", "Ada <ada@example.com>", "longenough", RoleCrew}, []string{"email"}},
		{"no dot domain", Signup{"A", "ada@localhost", "longenough", RoleCrew}, []string{"email"}},
		{"moderator not allowed", Signup{"A", "a@example.com", "longenough", RoleModerator}, []string{"role"}},
		{"unknown role", Signup{"A", "a@example.com", "longenough", "agent"}, []string{"role"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.in
			errs := s.Validate()
			if len(errs) != len(tt.fields) {
				t.Fatalf("errors = %v, want fields %v", errs, tt.fields)
			}
			for _, f := range tt.fields {
				if errs[f] == "" {
					t.Errorf("no error for %s (got %v)", f, errs)
				}
			}
		})
	}
	s := Signup{"  Ada   Lovelace ", " ada@example.com ", "longenough", RolePerformer}
	s.Validate()
	if s.Name != "Ada Lovelace" || s.Email != "ada@example.com" {
		t.Errorf("not trimmed: %+v", s)
	}
}

// TestEmailProblem covers the one e-mail rule, used by the sign-up form
// and the profile's contact address alike.
func TestEmailProblem(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{
		"maya@example.com": true, "maya.laurent+slate@mail.example.co.uk": true, "maya@example": false, "maya": false,
		"@example.com": false, "maya@@example.com": false, "maya @example.com": false, "<maya@example.com>": false,
		"maya@example..com": false, "maya@.example.com": false, strings.Repeat("m", 250) + "@e.com": false,
	} {
		if ok := EmailProblem(s) == ""; ok != want {
			t.Errorf("EmailProblem(%q) accepts = %v", s, ok)
		}
	}
}

func TestRoles(t *testing.T) {
	t.Parallel()
	if !RolePerformer.IsTalent() || !RoleCrew.IsTalent() || RoleProducer.IsTalent() {
		t.Error("IsTalent wrong")
	}
	if RoleModerator.DashboardPath() != "/moderation" || RoleProducer.DashboardPath() != "/producer" {
		t.Error("DashboardPath wrong")
	}
	if Role("agent").Valid() {
		t.Error("agent is not a role yet")
	}
}
