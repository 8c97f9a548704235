package store

import (
	"context"
	"fmt"

	"github.com/slatecasting/slate/internal/mail"
)

// SaveOutbox keeps a message instead of sending it (no SMTP server
// configured); a second save of the same Message-ID changes nothing, so a
// retried job stores its mail once.
func (s *Store) SaveOutbox(ctx context.Context, m mail.OutboxMail) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO outbox (message_id, to_addr, subject, raw) VALUES ($1, $2, $3, $4)
		ON CONFLICT (message_id) DO NOTHING`, m.MessageID, m.To, m.Subject, m.Raw)
	if err != nil {
		return fmt.Errorf("store: save outbox %s: %w", m.MessageID, err)
	}
	return nil
}
