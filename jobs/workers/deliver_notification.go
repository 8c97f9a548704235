package workers

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// DeliverNotificationWorker e-mails a job's notifications, each exactly
// once as its Message-ID counts: when its recipient wants that type
// immediately; "daily" leaves it to the digest and "never" to the app
// alone (the claim records both). A group message's batch is one job, so
// its claims and most of its records are one statement each.
type DeliverNotificationWorker struct {
	river.WorkerDefaults[jobs.DeliverNotificationArgs]
	Store MailStore
	Mail  *Mail
}

// Work claims, sends and records each e-mail of the job. The outcome of
// every mail is recorded right after its send, so a process killed
// mid-batch leaves at most the mail in flight in doubt. Transient
// failures are back to pending, and the job's error makes River retry
// them (the retry claims only what is still pending); permanent ones,
// and transient ones on the last attempt, are recorded failed.
func (w *DeliverNotificationWorker) Work(ctx context.Context, job *river.Job[jobs.DeliverNotificationArgs]) error {
	claims, err := w.Store.ClaimNotificationEmails(ctx, job.Args.IDs())
	if err != nil {
		return fmt.Errorf("deliver notifications: %w", err)
	}
	last := job.Attempt >= job.MaxAttempts
	var retry error
	for _, c := range claims {
		n := c.Notification
		info, _ := domain.MailTypeOf(c.Type)
		msg, err := w.Mail.compose(c.DeliveryID, recipient{n.AccountID, c.Email, c.Name}, n.Title, "notification", c.Type, map[string]any{
			"Title": n.Title, "Body": n.Body, "Link": w.Mail.url(n.Link), "TypeLabel": info.Label,
		})
		if err != nil {
			return fmt.Errorf("deliver notification %d: %w", n.ID, err)
		}
		transient, err := send(ctx, w.Store, w.Mail, last, c.DeliveryID, msg)
		if err != nil {
			return fmt.Errorf("deliver notification %d: %w", n.ID, err)
		}
		if transient != nil && retry == nil {
			retry = transient // once the job's time is up, every send fails fast and goes back to pending
		}
	}
	if retry != nil {
		return fmt.Errorf("deliver notifications: %w", retry)
	}
	return nil
}
