package domain

import "testing"

func TestSuspendedLogin(t *testing.T) {
	for _, c := range []struct{ reason, want string }{
		{"Asked talent for an undisclosed fee.", "This account is suspended by Slate's moderators. Their reason: “Asked talent for an undisclosed fee.” To appeal, write to appeals@slate.test from this address."},
		{"  ", "This account is suspended by Slate's moderators. To appeal, write to appeals@slate.test from this address."},
	} {
		if got := SuspendedLogin(c.reason, "appeals@slate.test"); got != c.want {
			t.Errorf("SuspendedLogin(%q) = %q", c.reason, got)
		}
	}
}
