// Package mail builds Slate's e-mails and sends them. A Message is
// rendered from the templates in views/mail (a plain-text and an HTML part
// each) and built into MIME with go-mail; a Sender delivers it: SMTP when a
// server is configured, otherwise the Outbox, which keeps the whole
// message in the database for staff to read. Senders classify failures:
// a Permanent error must not be retried, any other may be.
package mail

import (
	"context"
	"errors"
	"fmt"
)

// Message is one e-mail to one person, rendered and ready to build.
type Message struct {
	// To and ToName are the recipient.
	To, ToName string
	// Subject is the subject line.
	Subject string
	// MessageID is the id part of the Message-ID header (no angle
	// brackets), derived from the delivery so a resend carries the same
	// id and sinks can spot it.
	MessageID string
	// Unsubscribe is the one-click https or http URL of List-Unsubscribe;
	// UnsubscribeMailto an optional mailto alternative.
	Unsubscribe, UnsubscribeMailto string
	// Text and HTML are the two bodies.
	Text, HTML string
}

// Sender delivers a message. Implementations are safe for concurrent use.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// PermanentError is a failure that sending again will not cure (an SMTP
// 5xx: unknown mailbox, refused content): the delivery is recorded as
// failed and not retried.
type PermanentError struct {
	// Code is the SMTP reply code, when there is one.
	Code int
	Err  error
}

// Error reads like the server's answer.
func (e *PermanentError) Error() string {
	if e.Code != 0 {
		return fmt.Sprintf("permanent failure (%d): %v", e.Code, e.Err)
	}
	return fmt.Sprintf("permanent failure: %v", e.Err)
}

// Unwrap gives the underlying error.
func (e *PermanentError) Unwrap() error { return e.Err }

// IsPermanent reports whether err must not be retried.
func IsPermanent(err error) bool {
	var p *PermanentError
	return errors.As(err, &p)
}
