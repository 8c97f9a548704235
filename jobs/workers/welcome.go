package workers

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// Notifier is what the notification-writing workers need from the store.
type Notifier interface {
	AccountByID(ctx context.Context, id int64) (domain.Account, error)
	AddNotification(ctx context.Context, n domain.Notification) error
}

// WelcomeWorker writes the welcome notification. The notification's dedupe
// key makes a second run harmless.
type WelcomeWorker struct {
	river.WorkerDefaults[jobs.WelcomeArgs]
	Store Notifier
}

// Work writes the notification tailored to the account's role.
func (w *WelcomeWorker) Work(ctx context.Context, job *river.Job[jobs.WelcomeArgs]) error {
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
