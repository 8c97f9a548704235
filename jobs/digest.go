package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// DigestSweepArgs finds the accounts owed a daily digest and enqueues one
// DigestArgs each. It runs hourly on River's leader; the per-account
// jobs' uniqueness makes a second sweep in a day insert nothing.
type DigestSweepArgs struct{}

// Kind is the River job kind.
func (DigestSweepArgs) Kind() string { return "mail_digest_sweep" }

// InsertOpts keep one sweep an hour whatever the number of processes.
func (DigestSweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}

// DigestArgs e-mails one account the notifications it chose to get daily,
// gathered since its last digest. Day (YYYY-MM-DD, the account's local
// day) makes it unique per account per day.
type DigestArgs struct {
	AccountID int64  `json:"account_id"`
	Day       string `json:"day"`
}

// Kind is the River job kind.
func (DigestArgs) Kind() string { return "mail_digest" }

// InsertOpts make the digest unique per account and day.
func (DigestArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
