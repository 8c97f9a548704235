package workers

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/jobs"
)

// AccountMailStore is what the account-mail worker needs from the store.
type AccountMailStore interface {
	MintAccountToken(ctx context.Context, tokenID int64, now time.Time) (domain.AccountToken, string, error)
	AccountTokenByID(ctx context.Context, tokenID int64) (domain.AccountToken, error)
	RecordAccountMail(ctx context.Context, tokenID int64, notice bool, problem string) error
}

// AccountMailWorker sends the transactional account mail: reset,
// confirmation and change-of-address links, and the notice to an address
// being replaced. These are not notifications: no preference or
// unsubscribe applies. A transient failure returns the error for River to
// retry; a permanent one is recorded on the token and the job cancelled.
type AccountMailWorker struct {
	river.WorkerDefaults[jobs.SendAccountMailArgs]
	Store  AccountMailStore
	Sender mail.Sender
	// Templates render views/mail/account.*; nil loads them on first use.
	Templates *mail.Templates
	// BaseURL is the site's public address, for the links.
	BaseURL string
	// Now is the clock (tests fix it).
	Now func() time.Time

	loaded accountTemplates
}

// Work mints the token's secret (a fresh one on every run, so a retry's
// mail carries the only link that works) and sends the mail. A token used
// or expired before the job ran needs no mail.
func (w *AccountMailWorker) Work(ctx context.Context, job *river.Job[jobs.SendAccountMailArgs]) error {
	now := time.Now
	if w.Now != nil {
		now = w.Now
	}
	var (
		t      domain.AccountToken
		secret string
		err    error
	)
	if job.Args.Notice {
		t, err = w.Store.AccountTokenByID(ctx, job.Args.TokenID)
	} else {
		t, secret, err = w.Store.MintAccountToken(ctx, job.Args.TokenID, now())
	}
	if errors.Is(err, domain.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("account mail: %w", err)
	}
	if w.Sender == nil {
		return errors.New("account mail: no mail sender configured")
	}
	m, err := w.message(t, secret, job.Args.Notice)
	if err != nil {
		return fmt.Errorf("account mail %d: %w", t.ID, err)
	}
	if err := w.Sender.Send(ctx, m); err != nil {
		if !mail.IsPermanent(err) {
			return fmt.Errorf("account mail %d: %w", t.ID, err)
		}
		if rerr := w.Store.RecordAccountMail(ctx, t.ID, job.Args.Notice, err.Error()); rerr != nil {
			return fmt.Errorf("account mail %d: %w", t.ID, rerr)
		}
		return river.JobCancel(fmt.Errorf("account mail %d: %w", t.ID, err))
	}
	if err := w.Store.RecordAccountMail(ctx, t.ID, job.Args.Notice, ""); err != nil {
		return fmt.Errorf("account mail %d: %w", t.ID, err)
	}
	return nil
}

// accountMail is the data of views/mail/account.*.
type accountMail struct {
	Name, Subject, Lead, Action, Link, Note string
}

// message renders the mail for token t (secret is "" for the notice).
func (w *AccountMailWorker) message(t domain.AccountToken, secret string, notice bool) (mail.Message, error) {
	base := strings.TrimRight(w.BaseURL, "/")
	to := t.Email
	d := accountMail{Name: t.Name}
	switch {
	case notice:
		to = t.OldEmail
		d.Subject = "Your Slate address is being changed"
		d.Lead = "Someone signed in to your Slate account asked to change its e-mail address from " + t.OldEmail +
			" to " + t.NewEmail + ". The change happens when the link we sent to the new address is followed."
		d.Action, d.Link = "Reset your password", base+"/password/forgot"
		d.Note = "If this was you, there is nothing to do. If it was not you, reset your password now: that ends every session of your account."
	case t.Purpose == domain.TokenReset:
		d.Subject = "Reset your Slate password"
		d.Lead = "Someone asked to reset the password of the Slate account for this address. Choose a new password with the link below; it works once, within an hour."
		d.Action, d.Link = "Choose a new password", base+"/password/reset/"+secret
		d.Note = "If you did not ask, ignore this e-mail: your password stays as it is."
	case t.Purpose == domain.TokenConfirm:
		d.Subject = "Confirm your e-mail address"
		d.Lead = "Welcome to Slate. Confirm this is your address, so producers and talent can reach you: then you can apply, post and send messages."
		d.Action, d.Link = "Confirm my address", base+"/confirm/"+secret
		d.Note = "If you did not sign up for Slate, ignore this e-mail."
	case t.Purpose == domain.TokenChangeEmail:
		to = t.NewEmail
		d.Subject = "Confirm your new e-mail address"
		d.Lead = "You asked to use this address for your Slate account instead of " + t.OldEmail + ". Follow the link within 24 hours to switch."
		d.Action, d.Link = "Use this address", base+"/email/change/"+secret
		d.Note = "If you did not ask, ignore this e-mail: nothing changes."
	default:
		return mail.Message{}, fmt.Errorf("unknown purpose %q", t.Purpose)
	}
	return w.loaded.render(w.Templates, d, mail.Message{To: to, ToName: t.Name, Subject: d.Subject, MessageID: messageID(t.ID, notice, secret)})
}

// accountTemplates loads views/mail/account.* once for a worker whose
// Templates field was left nil, and renders account mails with them.
type accountTemplates struct {
	once sync.Once
	tpl  *mail.Templates
	err  error
}

// render fills m's bodies with the account mail d, from given templates
// or, when given is nil, the ones loaded on first use.
func (a *accountTemplates) render(given *mail.Templates, d accountMail, m mail.Message) (mail.Message, error) {
	a.once.Do(func() {
		if a.tpl = given; a.tpl == nil {
			a.tpl, a.err = mail.LoadTemplates()
		}
	})
	if a.err != nil {
		return mail.Message{}, a.err
	}
	if err := a.tpl.Render("account", d, &m); err != nil {
		return mail.Message{}, err
	}
	return m, nil
}

// messageID names one mail: the token, and which secret it carries, so the
// outbox keeps a retry's mail (with the link that works) beside the first.
func messageID(tokenID int64, notice bool, secret string) string {
	id := "account-" + strconv.FormatInt(tokenID, 10)
	if notice {
		return id + "-notice@slate"
	}
	// A digest of the secret, never the secret: message ids end up in logs.
	return id + "-" + hex.EncodeToString(auth.TokenHash(secret)[:6]) + "@slate"
}
