package mail

import (
	"context"
	"fmt"
	"time"
)

// OutboxStore keeps outbox mail (raw is the whole message); a second
// save of the same Message-ID changes nothing.
type OutboxStore interface {
	SaveOutbox(ctx context.Context, messageID, to, subject string, raw []byte) error
}

// Outbox is the Sender when no SMTP server is configured: it builds the
// message exactly as SMTP would send it and stores the bytes, so staff
// read at /admin/outbox what a user would have received.
type Outbox struct {
	From  string
	Store OutboxStore
	Now   func() time.Time
}

// Send stores m.
func (o *Outbox) Send(ctx context.Context, m Message) error {
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	msg, err := Build(o.From, m, now())
	if err != nil {
		return &PermanentError{Err: err}
	}
	raw, err := Raw(msg)
	if err != nil {
		return &PermanentError{Err: err}
	}
	if err := o.Store.SaveOutbox(ctx, m.MessageID, m.To, m.Subject, raw); err != nil {
		return fmt.Errorf("mail: outbox: %w", err)
	}
	return nil
}
