package workers

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/jobs"
)

// SuspensionMailStore is what the suspension mail needs from the store.
type SuspensionMailStore interface {
	SuspensionNotice(ctx context.Context, suspensionID int64) (domain.SuspensionNotice, error)
	RecordSuspensionMail(ctx context.Context, suspensionID int64, lifted bool, problem string) error
}

// SuspensionMailWorker tells the owner of a suspended account why and how
// to appeal, and later that it is active again, in the account-mail
// template: a suspended account receives no notification mail, so without
// it nobody would know until they tried to log in. A run after the mail
// went out, or a suspension mail after the lift, sends nothing; a
// permanent refusal is recorded, not retried.
type SuspensionMailWorker struct {
	river.WorkerDefaults[jobs.SuspensionMailArgs]
	Store  SuspensionMailStore
	Sender mail.Sender
	// Templates render views/mail/account.*; nil loads them on first use.
	Templates *mail.Templates
	// Appeal is the address an owner writes to (config's AppealEmail).
	Appeal string

	loaded accountTemplates
}

// Work sends the mail once.
func (w *SuspensionMailWorker) Work(ctx context.Context, job *river.Job[jobs.SuspensionMailArgs]) error {
	n, err := w.Store.SuspensionNotice(ctx, job.Args.SuspensionID)
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("suspension mail: %w", err)
	}
	lift := job.Args.Lifted
	if (lift && (n.LiftMailed || !n.Lifted)) || (!lift && (n.Mailed || n.Lifted)) {
		return nil
	}
	if w.Sender == nil {
		return errors.New("suspension mail: no mail sender configured")
	}
	m, err := w.message(n, lift)
	if err != nil {
		return fmt.Errorf("suspension mail %d: %w", n.SuspensionID, err)
	}
	problem := ""
	if err := w.Sender.Send(ctx, m); err != nil {
		if !mail.IsPermanent(err) {
			return fmt.Errorf("suspension mail %d: %w", n.SuspensionID, err)
		}
		problem = err.Error()
	}
	if err := w.Store.RecordSuspensionMail(ctx, n.SuspensionID, lift, problem); err != nil {
		return fmt.Errorf("suspension mail %d: %w", n.SuspensionID, err)
	}
	if problem != "" {
		return river.JobCancel(fmt.Errorf("suspension mail %d: %s", n.SuspensionID, problem))
	}
	return nil
}

// message renders the mail; its Message-ID names the suspension and the
// mail, so a resend after a crash carries the same id.
func (w *SuspensionMailWorker) message(n domain.SuspensionNotice, lift bool) (mail.Message, error) {
	d := accountMail{
		Name:    n.Name,
		Subject: "Your Slate account is suspended",
		Lead: domain.SuspendedLogin(n.Reason, w.Appeal) + " While it is suspended you cannot log in, " +
			"and your listings and profile are hidden from everyone.",
		Note: "When you write, say which decision you would like the moderators to look at again and why. " +
			"If the suspension is lifted, everything comes back as it was and we tell you by e-mail.",
	}
	id := "suspension-" + strconv.FormatInt(n.SuspensionID, 10)
	if lift {
		d = accountMail{Name: n.Name, Subject: "Your Slate account is active again",
			Lead: "Slate's moderators lifted the suspension of your account: you can log in again, " +
				"and your listings and profile show as they did before.",
			Note: "Thank you for your patience."}
		id += "-lifted"
	}
	return w.loaded.render(w.Templates, d, mail.Message{To: n.Email, ToName: n.Name, Subject: d.Subject, MessageID: id + "@slate"})
}
