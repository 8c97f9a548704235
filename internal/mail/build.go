package mail

import (
	"bytes"
	"fmt"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// Build turns m into a MIME message from the address from: a
// multipart/alternative with the plain-text part first (the fallback) and
// the HTML part last (preferred), the deterministic Message-ID, and the
// RFC 8058 one-click unsubscribe headers.
func Build(from string, m Message, date time.Time) (*gomail.Msg, error) {
	msg := gomail.NewMsg()
	if err := msg.From(from); err != nil {
		return nil, fmt.Errorf("mail: from %q: %w", from, err)
	}
	if err := msg.AddToFormat(m.ToName, m.To); err != nil {
		return nil, fmt.Errorf("mail: to %q: %w", m.To, err)
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	msg.SetDateWithValue(date)
	msg.SetUserAgent("Slate")
	if m.Unsubscribe != "" {
		value := "<" + m.Unsubscribe + ">"
		if m.UnsubscribeMailto != "" {
			value += ", <" + m.UnsubscribeMailto + ">"
		}
		msg.SetGenHeaderPreformatted("List-Unsubscribe", value)
		msg.SetGenHeaderPreformatted("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	// Automated mail: no out-of-office answers back.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	return msg, nil
}

// Raw is the whole message as it goes on the wire.
func Raw(msg *gomail.Msg) ([]byte, error) {
	var buf bytes.Buffer
	if _, err := msg.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("mail: write message: %w", err)
	}
	return buf.Bytes(), nil
}
