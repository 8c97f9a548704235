package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/jobs"
)

// manyInserter is the batch insert a *river.Client[pgx.Tx] has: one round
// trip for a batch of delivery jobs instead of one per recipient.
type manyInserter interface {
	InsertManyTx(ctx context.Context, tx pgx.Tx, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
}

// insertMany inserts params in tx, in one statement when the inserter can.
func (s *Store) insertMany(ctx context.Context, tx pgx.Tx, params []river.InsertManyParams) error {
	if len(params) == 0 {
		return nil
	}
	if m, ok := s.jobs.(manyInserter); ok {
		_, err := m.InsertManyTx(ctx, tx, params)
		return err
	}
	for _, p := range params {
		if _, err := s.jobs.InsertTx(ctx, tx, p.Args, p.InsertOpts); err != nil {
			return err
		}
	}
	return nil
}

// GroupExpandBatch is how many recipients one expansion transaction takes.
const GroupExpandBatch = 1000

// ExpandGroupMessage takes the next batch of a group message's recipients:
// in one transaction it inserts their delivery rows (unique per message
// and recipient: one that exists is skipped), one delivery job for each row
// actually inserted, and moves the checkpoint on. The message row is
// locked, so two expansions at once take turns. done is true once every
// recipient has a delivery; a message that is gone is done.
func (s *Store) ExpandGroupMessage(ctx context.Context, messageID int64, batch int) (done bool, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		var expanded, total int
		err := tx.QueryRow(ctx, `SELECT expanded, total FROM group_messages WHERE id = $1 FOR UPDATE`, messageID).Scan(&expanded, &total)
		if errors.Is(err, pgx.ErrNoRows) {
			done = true
			return nil
		}
		if err != nil {
			return err
		}
		if expanded >= total {
			done = true
			return nil
		}
		rows, err := tx.Query(ctx, `INSERT INTO group_deliveries (message_id, recipient_id)
			SELECT m.id, r FROM group_messages m, unnest(m.recipients[$2 + 1 : $2 + $3]) r WHERE m.id = $1
			ON CONFLICT (message_id, recipient_id) DO NOTHING
			RETURNING id`, messageID, expanded, batch)
		if err != nil {
			return err
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
		if err != nil {
			return err
		}
		params := make([]river.InsertManyParams, len(ids))
		for i, id := range ids {
			params[i] = river.InsertManyParams{Args: jobs.DeliverGroupMessageArgs{DeliveryID: id}}
		}
		if err := s.insertMany(ctx, tx, params); err != nil {
			return fmt.Errorf("enqueue deliveries: %w", err)
		}
		next := min(total, expanded+batch)
		done = next >= total
		_, err = tx.Exec(ctx, `UPDATE group_messages SET expanded = $2 WHERE id = $1`, messageID, next)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: expand group message %d: %w", messageID, err)
	}
	return done, nil
}

// GroupDedupeKey is the notification key of one group message to one
// recipient: whatever runs twice, they read it once.
func GroupDedupeKey(messageID, recipientID int64) string {
	return fmt.Sprintf("group_message:%d:%d", messageID, recipientID)
}

// DeliverGroupMessage delivers one group delivery, in one transaction: the
// in-app notification (kind group_message, whose e-mail job notify inserts
// with it), the participations of the recipient in the group marked told,
// and the delivery recorded sent, or failed with the reason (a suspended
// account gets nothing). A delivery already recorded changes nothing, so
// a retried job writes no second notification.
func (s *Store) DeliverGroupMessage(ctx context.Context, deliveryID int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Not waiting for this commit's flush is safe: River records the
		// job complete in a later, flushed commit, which flushes this one
		// first (the WAL is in order); a crash before it loses both, and
		// the job runs again. It spares one disk flush per recipient.
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		var state string
		var messageID, recipientID, listingID int64
		var group production.Choice
		var subject, body string
		var suspended bool
		err := tx.QueryRow(ctx, `SELECT gd.state, gd.message_id, gd.recipient_id, gm.listing_id, gm.recipient_group, gm.subject, gm.body,
				a.suspended_at IS NOT NULL
			FROM group_deliveries gd JOIN group_messages gm ON gm.id = gd.message_id JOIN accounts a ON a.id = gd.recipient_id
			WHERE gd.id = $1 FOR UPDATE OF gd`, deliveryID).
			Scan(&state, &messageID, &recipientID, &listingID, &group, &subject, &body, &suspended)
		if err != nil {
			return notFound(err, "group delivery", deliveryID)
		}
		if state != "pending" {
			return nil
		}
		if suspended {
			_, err := tx.Exec(ctx, `UPDATE group_deliveries SET state = 'failed', reason = 'the account is suspended', updated_at = now()
				WHERE id = $1`, deliveryID)
			return err
		}
		key := GroupDedupeKey(messageID, recipientID)
		if err := s.notify(ctx, tx, domain.Notification{AccountID: recipientID, Kind: "group_message", DedupeKey: key,
			Title: subject, Body: body, Link: MyCastingsPath}); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE group_deliveries SET state = 'sent', updated_at = now(),
				notification_id = (SELECT id FROM notifications WHERE account_id = $2 AND dedupe_key = $3)
			WHERE id = $1`, deliveryID, recipientID, key); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE participations SET told_at = now()
			WHERE listing_id = $1 AND talent_id = $2 AND selection = $3 AND told_at IS NULL`, listingID, recipientID, string(group))
		return err
	})
	if err != nil {
		return fmt.Errorf("store: deliver group message %d: %w", deliveryID, err)
	}
	return nil
}
