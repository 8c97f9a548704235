package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// SaveOutbox keeps a message instead of sending it; the same Message-ID
// twice keeps the first.
func (s *Store) SaveOutbox(ctx context.Context, messageID, to, subject string, raw []byte) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO outbox (message_id, to_addr, subject, raw) VALUES ($1, $2, $3, $4)
		ON CONFLICT (message_id) DO NOTHING`, messageID, to, subject, raw)
	if err != nil {
		return fmt.Errorf("store: save outbox %s: %w", messageID, err)
	}
	return nil
}

// OutboxEntry is one stored mail, without its bytes.
type OutboxEntry struct {
	ID        int64
	MessageID string
	To        string
	Subject   string
	CreatedAt time.Time
}

// Outbox lists stored mail newest first. It is for staff only: the
// handler lets no one else reach it.
func (s *Store) Outbox(ctx context.Context, limit int) ([]OutboxEntry, error) {
	rows, err := s.pool.Query(ctx, `SELECT id, message_id, to_addr, subject, created_at FROM outbox
		ORDER BY created_at DESC, id DESC LIMIT $1`, limit)
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (OutboxEntry, error) {
		var e OutboxEntry
		err := r.Scan(&e.ID, &e.MessageID, &e.To, &e.Subject, &e.CreatedAt)
		return e, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: outbox: %w", err)
	}
	return list, nil
}

// OutboxMail returns one stored mail with its bytes.
func (s *Store) OutboxMail(ctx context.Context, id int64) (OutboxEntry, []byte, error) {
	var e OutboxEntry
	var raw []byte
	err := s.pool.QueryRow(ctx, `SELECT id, message_id, to_addr, subject, created_at, raw FROM outbox WHERE id = $1`, id).
		Scan(&e.ID, &e.MessageID, &e.To, &e.Subject, &e.CreatedAt, &raw)
	if err != nil {
		return e, nil, notFound(err, "outbox mail", id)
	}
	return e, raw, nil
}
