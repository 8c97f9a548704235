package domain_test

import (
	"testing"

	"github.com/slatecasting/slate/domain"
)

func TestNotificationKindsMapOntoMailTypes(t *testing.T) {
	t.Parallel()
	for kind, want := range map[string]domain.MailType{
		"application":         domain.MailNewApplication,
		"invitation_answered": domain.MailNewApplication,
		"invitation":          domain.MailInvitation,
		"accepted":            domain.MailDecision,
		"not_selected":        domain.MailDecision,
		"message":             domain.MailMessage,
		"group_message":       domain.MailGroupMessage,
		"match_alert":         domain.MailMatchAlert,
		"welcome":             "",
	} {
		got, mailed := domain.MailTypeForKind(kind)
		if got != want || mailed != (want != "") {
			t.Errorf("%s: %q %v, want %q", kind, got, mailed, want)
		}
		if mailed {
			if _, known := domain.MailTypeOf(got); !known {
				t.Errorf("%s maps onto %q, which the preferences page does not list", kind, got)
			}
		}
	}
	for _, info := range domain.MailTypes {
		if !info.Default.Valid() || info.Label == "" {
			t.Errorf("%s: default %q, label %q", info.Type, info.Default, info.Label)
		}
	}
	if _, known := domain.MailTypeOf(domain.MailDigest); known {
		t.Error("the digest is not a choice of its own")
	}
}
