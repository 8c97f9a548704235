package domain

import "strings"

// SuspensionNotice is what the suspension e-mail says to an account's
// owner, read when the job runs: Lifted or Mailed make the mail moot.
type SuspensionNotice struct {
	SuspensionID int64
	Name, Email  string
	// Reason is the moderator's reason, as the account page shows it.
	Reason string
	// Lifted says the suspension ended (a suspension mail not sent yet is
	// moot: the owner is told of the lift instead); Mailed and LiftMailed
	// that each mail went out already.
	Lifted, Mailed, LiftMailed bool
}

// SuspendedLogin is the one line the login form says to a suspended
// account, and the gist of its e-mail: that it is suspended, the
// moderator's reason, and where to appeal.
func SuspendedLogin(reason, appeal string) string {
	line := "This account is suspended by Slate's moderators."
	if r := strings.TrimRight(strings.TrimSpace(reason), "."); r != "" {
		line += " Their reason: “" + r + ".”"
	}
	return line + " To appeal, write to " + appeal + " from this address."
}
