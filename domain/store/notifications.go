package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/slatecasting/slate/domain"
)

// AddNotification writes a notification once: a second write with the same
// account and dedupe key changes nothing.
func (s *Store) AddNotification(ctx context.Context, n domain.Notification) error {
	return notify(ctx, s.pool, n)
}

// execer is a pool or a transaction.
type execer interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
}

// notify is the one way a notification is written: in the transaction of
// the change that causes it (pass the tx), once per account and dedupe
// key, so a retried request or job never tells anyone twice. E-mail
// delivery is added here, as a job inserted beside the row.
func notify(ctx context.Context, q execer, n domain.Notification) error {
	_, err := q.Exec(ctx, `
		INSERT INTO notifications (account_id, kind, dedupe_key, title, body, link)
		VALUES ($1, $2, $3, $4, $5, $6)
		ON CONFLICT (account_id, dedupe_key) DO NOTHING`,
		n.AccountID, n.Kind, n.DedupeKey, n.Title, n.Body, n.Link)
	if err != nil {
		return fmt.Errorf("store: notify %d of %s: %w", n.AccountID, n.Kind, err)
	}
	return nil
}

// Notifications returns an account's latest notifications, newest first.
func (s *Store) Notifications(ctx context.Context, accountID int64, limit int) ([]domain.Notification, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT id, account_id, kind, dedupe_key, title, body, link, created_at, read_at
		FROM notifications WHERE account_id = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, accountID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Notification, error) { return scanNotification(r) })
	if err != nil {
		return nil, fmt.Errorf("store: notifications: %w", err)
	}
	return list, nil
}

// MarkNotificationsRead marks every notification of the account read.
func (s *Store) MarkNotificationsRead(ctx context.Context, accountID int64) error {
	if _, err := s.pool.Exec(ctx, `UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL`, accountID); err != nil {
		return fmt.Errorf("store: mark notifications read: %w", err)
	}
	return nil
}
