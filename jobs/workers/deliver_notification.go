package workers

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/jobs"
)

// DeliverNotificationWorker e-mails one notification at most once, when
// its recipient wants that type immediately; "daily" leaves it to the
// digest and "never" to the app alone.
type DeliverNotificationWorker struct {
	river.WorkerDefaults[jobs.DeliverNotificationArgs]
	Store MailStore
	Mail  *Mail
}

// Work loads, claims, sends and records.
func (w *DeliverNotificationWorker) Work(ctx context.Context, job *river.Job[jobs.DeliverNotificationArgs]) error {
	e, err := w.Store.NotificationEmail(ctx, job.Args.NotificationID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil // the account is gone, and its notifications with it
	}
	if err != nil {
		return fmt.Errorf("deliver notification: %w", err)
	}
	if e.Type == "" || e.Cadence != domain.CadenceImmediately {
		return nil
	}
	n := e.Notification
	deliveryID, found, err := w.Store.ClaimNotificationEmail(ctx, n.AccountID, n.ID)
	if err != nil {
		return fmt.Errorf("deliver notification: %w", err)
	}
	if found != store.EmailPending {
		return nil // sent, failed for good, or in doubt: never again
	}
	info, _ := domain.MailTypeOf(e.Type)
	msg, err := w.Mail.compose(deliveryID, recipient{n.AccountID, e.Email, e.Name}, n.Title, "notification", e.Type, map[string]any{
		"Title": n.Title, "Body": n.Body, "Link": w.Mail.url(n.Link), "TypeLabel": info.Label,
	})
	if err != nil {
		return fmt.Errorf("deliver notification: %w", err)
	}
	return send(ctx, w.Store, w.Mail, job, deliveryID, msg)
}
