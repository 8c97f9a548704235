package jobs

import "github.com/riverqueue/river"

// WelcomeArgs greets a new account. It is inserted in the same transaction
// as the account, so an account never exists without its welcome.
type WelcomeArgs struct {
	AccountID int64 `json:"account_id"`
}

// Kind is the River job kind.
func (WelcomeArgs) Kind() string { return "welcome" }

// InsertOpts makes the job unique per account: inserting it twice is a no-op.
func (WelcomeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
