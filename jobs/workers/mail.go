package workers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/mail"
)

// MailStore is what the e-mail workers need from the store.
type MailStore interface {
	ClaimNotificationEmails(ctx context.Context, ids []int64) ([]store.EmailClaim, error)
	ClaimDigest(ctx context.Context, accountID int64, day, until time.Time) (store.Digest, error)
	DigestAccounts(ctx context.Context, now time.Time) ([]store.DigestDue, error)
	FinishEmail(ctx context.Context, deliveryID int64, state store.EmailState, messageID, reason string) error
}

// Mail is how the workers compose and send e-mail: the sender (SMTP or
// the outbox), the templates, and what links and ids are made of.
type Mail struct {
	Sender    mail.Sender
	Templates *mail.Templates
	// BaseURL is the site's public address, for absolute links.
	BaseURL string
	// Secret signs the unsubscribe links.
	Secret string
	// Domain ends every Message-ID.
	Domain string
	// Now is the clock (tests move it).
	Now func() time.Time
}

func (m *Mail) now() time.Time {
	if m.Now != nil {
		return m.Now()
	}
	return time.Now()
}

// url makes a site path absolute.
func (m *Mail) url(path string) string {
	if strings.HasPrefix(path, "http://") || strings.HasPrefix(path, "https://") {
		return path
	}
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	return strings.TrimRight(m.BaseURL, "/") + path
}

// compose renders template name for one delivery: the Message-ID is the
// delivery's, so every attempt of it carries the same one.
func (m *Mail) compose(deliveryID int64, r recipient, subject, template string, t domain.MailType, data map[string]any) (mail.Message, error) {
	unsubscribe := m.url("/unsubscribe/" + mail.UnsubscribeToken(m.Secret, r.accountID, t))
	msg := mail.Message{To: r.email, ToName: r.name, Subject: subject, Unsubscribe: unsubscribe,
		MessageID: fmt.Sprintf("delivery-%d@%s", deliveryID, m.Domain)}
	data["Name"] = r.name
	data["Subject"] = subject
	data["SettingsURL"] = m.url("/settings")
	data["UnsubscribeURL"] = unsubscribe
	if err := m.Templates.Render(template, data, &msg); err != nil {
		return msg, err
	}
	return msg, nil
}

// recipient is who an e-mail goes to.
type recipient struct {
	accountID   int64
	email, name string
}

// send sends a claimed delivery and records the outcome. A permanent
// failure, or a transient one on the job's last attempt, is recorded as
// failed; any other transient failure puts the delivery back to pending
// (nothing was sent) and is returned as transient, for River's retry. The
// outcome is recorded even when the job's context ended: if it cannot be
// (err), the row stays "sending" and a retry long after sends it again
// under the same Message-ID.
func send(ctx context.Context, st MailStore, m *Mail, last bool, deliveryID int64, msg mail.Message) (transient, err error) {
	serr := m.Sender.Send(ctx, msg)
	rec, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	switch {
	case serr == nil:
		return nil, st.FinishEmail(rec, deliveryID, store.EmailSent, msg.MessageID, "")
	case mail.IsPermanent(serr) || last:
		return nil, st.FinishEmail(rec, deliveryID, store.EmailFailed, msg.MessageID, serr.Error())
	default:
		if err := st.FinishEmail(rec, deliveryID, store.EmailPending, msg.MessageID, serr.Error()); err != nil {
			return nil, err
		}
		return fmt.Errorf("e-mail %d: %w", deliveryID, serr), nil
	}
}
