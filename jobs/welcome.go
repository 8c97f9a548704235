package jobs

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"
)

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

// WelcomeWorker writes the welcome notification. The notification's dedupe
// key makes a second run harmless.
type WelcomeWorker struct {
	river.WorkerDefaults[WelcomeArgs]
	Store Notifier
}

// Work writes the notification tailored to the account's role.
func (w *WelcomeWorker) Work(ctx context.Context, job *river.Job[WelcomeArgs]) error {
	acct, err := w.Store.AccountByID(ctx, job.Args.AccountID)
	if err != nil {
		return fmt.Errorf("welcome: %w", err)
	}
	n := welcomeNotice(acct.Name, acct.Role)
	n.AccountID = acct.ID
	if err := w.Store.AddNotification(ctx, n); err != nil {
		return fmt.Errorf("welcome: %w", err)
	}
	return nil
}
