package jobs

import "github.com/riverqueue/river"

// SuspensionMailArgs e-mails the owner of a suspended account: that it is
// suspended, the moderator's reason and how to appeal; with Lifted, that
// it is active again. A suspended account gets no notification mail
// (deliver_notification skips it by design), and both are about the
// account itself, so they go out whatever the mail preferences say. The
// store inserts the job in the transaction of the suspension or the lift.
type SuspensionMailArgs struct {
	SuspensionID int64 `json:"suspension_id"`
	Lifted       bool  `json:"lifted,omitempty"`
}

// Kind is the River job kind.
func (SuspensionMailArgs) Kind() string { return "suspension_mail" }

// InsertOpts keep one job per suspension and mail.
func (SuspensionMailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 10, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
