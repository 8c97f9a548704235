package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// AddNotification writes a notification once: a second write with the same
// account and dedupe key changes nothing (and e-mails nobody twice).
func (s *Store) AddNotification(ctx context.Context, n domain.Notification) error {
	return s.inTx(ctx, func(tx pgx.Tx) error { return s.notify(ctx, tx, n) })
}

// notify is the one way a notification is written: in the transaction of
// the change that causes it, once per account and dedupe key, so a
// retried request or job never tells anyone twice. A row actually
// inserted gets its e-mail job in the same transaction: the mail goes
// out after commit, and only for a change that committed; whether it
// goes at once, in a digest or not at all is the worker's business (the
// account's preferences may change before it runs).
func (s *Store) notify(ctx context.Context, tx pgx.Tx, n domain.Notification) error {
	return s.notifyMany(ctx, tx, n.Kind, n.Title, n.Body, n.Link, []int64{n.AccountID}, []string{n.DedupeKey})
}

// notifyMany is notify for many accounts told the same thing (a group
// message's batch of recipients), in one statement: accounts[i] gets the
// notification under keys[i]. The rows actually inserted share one
// e-mail job, so a batch costs one job however many it tells.
func (s *Store) notifyMany(ctx context.Context, tx pgx.Tx, kind, title, body, link string, accounts []int64, keys []string) error {
	rows, err := tx.Query(ctx, `
		INSERT INTO notifications (account_id, kind, dedupe_key, title, body, link)
		SELECT a, $1, k, $2, $3, $4 FROM unnest($5::bigint[], $6::text[]) AS t (a, k)
		ON CONFLICT (account_id, dedupe_key) DO NOTHING
		RETURNING id`, kind, title, body, link, accounts, keys)
	if err != nil {
		return fmt.Errorf("store: notify %d of %s: %w", len(accounts), kind, err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("store: notify %d of %s: %w", len(accounts), kind, err)
	}
	if _, mailed := domain.MailTypeForKind(kind); !mailed || len(ids) == 0 {
		return nil // not e-mailed, or written before: its job was inserted then
	}
	if _, err := s.jobs.InsertTx(ctx, tx, jobs.DeliverNotificationArgs{NotificationIDs: ids}, nil); err != nil {
		return fmt.Errorf("store: notify %d of %s: enqueue delivery: %w", len(accounts), kind, err)
	}
	return nil
}

// Notifications returns an account's latest notifications, newest first.
func (s *Store) Notifications(ctx context.Context, accountID int64, limit int) ([]domain.Notification, error) {
	b := s.Batch()
	list := b.Notifications(accountID, limit)
	return *list, b.Send(ctx)
}

// Notifications queues Store.Notifications.
func (b *Batch) Notifications(accountID int64, limit int) *[]domain.Notification {
	out := new([]domain.Notification)
	queueRows(b.b, "store: notifications", out, func(r pgx.CollectableRow) (domain.Notification, error) { return scanNotification(r) }, `
		SELECT `+notificationColumns+`
		FROM notifications WHERE account_id = $1
		ORDER BY created_at DESC, id DESC LIMIT $2`, accountID, limit)
	return out
}

// MarkNotificationsRead marks every notification of the account read.
func (s *Store) MarkNotificationsRead(ctx context.Context, accountID int64) error {
	if _, err := s.pool.Exec(ctx, `UPDATE notifications SET read_at = now() WHERE account_id = $1 AND read_at IS NULL`, accountID); err != nil {
		return fmt.Errorf("store: mark notifications read: %w", err)
	}
	return nil
}
