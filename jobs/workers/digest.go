package workers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/jobs"
)

// dayLayout is how DigestArgs.Day is written.
const dayLayout = "2006-01-02"

// DigestSweepWorker enqueues the digest of every account owed one now
// (past 8:00 in its own zone, with something daily to tell); the digests'
// uniqueness per local day makes a second sweep harmless.
type DigestSweepWorker struct {
	river.WorkerDefaults[jobs.DigestSweepArgs]
	Store MailStore
	Mail  *Mail
}

// Work inserts one DigestArgs per account, in one batch.
func (w *DigestSweepWorker) Work(ctx context.Context, job *river.Job[jobs.DigestSweepArgs]) error {
	due, err := w.Store.DigestAccounts(ctx, w.Mail.now())
	if err != nil || len(due) == 0 {
		return err
	}
	params := make([]river.InsertManyParams, len(due))
	for i, d := range due {
		params[i] = river.InsertManyParams{Args: jobs.DigestArgs{AccountID: d.AccountID, Day: d.Day.Format(dayLayout)}}
	}
	if _, err := river.ClientFromContext[pgx.Tx](ctx).InsertMany(ctx, params); err != nil {
		return fmt.Errorf("digest sweep: %w", err)
	}
	return nil
}

// DigestWorker e-mails one account's daily digest at most once.
type DigestWorker struct {
	river.WorkerDefaults[jobs.DigestArgs]
	Store MailStore
	Mail  *Mail
}

// Work claims the digest, gathers what it covers and sends it; a day with
// nothing due is recorded empty and sends nothing.
func (w *DigestWorker) Work(ctx context.Context, job *river.Job[jobs.DigestArgs]) error {
	day, err := time.Parse(dayLayout, job.Args.Day)
	if err != nil {
		return river.JobCancel(fmt.Errorf("digest: day %q: %w", job.Args.Day, err))
	}
	d, err := w.Store.ClaimDigest(ctx, job.Args.AccountID, day, w.Mail.now())
	if errors.Is(err, domain.ErrNotFound) {
		return nil // the account is gone
	}
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	if !d.Send {
		return nil
	}
	if len(d.Items) == 0 {
		return w.Store.FinishEmail(ctx, d.DeliveryID, store.EmailEmpty, "", "")
	}
	items := make([]map[string]string, len(d.Items))
	for i, n := range d.Items {
		items[i] = map[string]string{"Title": n.Title, "Body": n.Body, "Link": w.Mail.url(n.Link)}
	}
	subject := fmt.Sprintf("Your Slate digest: %d update", len(items))
	if len(items) > 1 {
		subject += "s"
	}
	msg, err := w.Mail.compose(d.DeliveryID, recipient{job.Args.AccountID, d.Email, d.Name}, subject, "digest", domain.MailDigest,
		map[string]any{"Items": items})
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	transient, err := send(ctx, w.Store, w.Mail, job.Attempt >= job.MaxAttempts, d.DeliveryID, msg)
	if err != nil {
		return fmt.Errorf("digest: %w", err)
	}
	return transient
}
