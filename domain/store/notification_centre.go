package store

import (
	"context"
	"fmt"
	"math"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
)

const notificationColumns = `id, account_id, kind, dedupe_key, title, body, link, created_at, read_at`

func scanNotification(r pgx.Row) (domain.Notification, error) {
	var n domain.Notification
	err := r.Scan(&n.ID, &n.AccountID, &n.Kind, &n.DedupeKey, &n.Title, &n.Body, &n.Link, &n.CreatedAt, &n.ReadAt)
	return n, err
}

// NotificationPage is one page of the notification centre, newest first;
// Next is the id to page on from (0: no more).
type NotificationPage struct {
	Notifications []domain.Notification
	Next          int64
}

// NotificationsPage returns up to limit of the account's notifications of
// the given kinds (nil: all), older than id before (0: from the newest),
// cut by keyset on id (migration 0013's indexes), so a long history pages
// as fast at the end as at the start.
func (s *Store) NotificationsPage(ctx context.Context, accountID int64, kinds []string, before int64, limit int) (NotificationPage, error) {
	var page NotificationPage
	if before <= 0 {
		before = math.MaxInt64
	}
	// Two fixed statements rather than one with "$2 IS NULL OR …", so
	// each keeps a plan on its own index.
	where, args := `account_id = $1 AND id < $2`, []any{accountID, before, limit + 1}
	if kinds != nil {
		where, args = where+` AND kind = ANY($4)`, append(args, kinds)
	}
	rows, err := s.pool.Query(ctx, `SELECT `+notificationColumns+` FROM notifications
		WHERE `+where+` ORDER BY id DESC LIMIT $3`, args...)
	if err != nil {
		return page, fmt.Errorf("store: notifications page: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Notification, error) { return scanNotification(r) })
	if err != nil {
		return page, fmt.Errorf("store: notifications page: %w", err)
	}
	if len(list) > limit {
		list = list[:limit]
		page.Next = list[limit-1].ID
	}
	page.Notifications = list
	return page, nil
}

// MarkNotificationRead marks one of the account's notifications read and
// returns it; anyone else's is ErrNotFound. Marking it twice keeps the
// first time.
func (s *Store) MarkNotificationRead(ctx context.Context, accountID, id int64) (domain.Notification, error) {
	n, err := scanNotification(s.pool.QueryRow(ctx, `
		UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND account_id = $2
		RETURNING `+notificationColumns, id, accountID))
	if err != nil {
		return n, notFound(err, "notification", id)
	}
	return n, nil
}

// UnreadNotifications counts the account's unread notifications: the
// bell's poll, one lookup in the partial index of unread rows (migration
// 0005).
func (s *Store) UnreadNotifications(ctx context.Context, accountID int64) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM notifications WHERE account_id = $1 AND read_at IS NULL`, accountID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unread notifications of %d: %w", accountID, err)
	}
	return n, nil
}
