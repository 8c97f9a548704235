package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

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

// GroupDeliverBatch is how many recipients one delivery job takes: its
// notifications are one statement and one e-mail job, so a 10,000-person
// message costs a hundred delivery jobs, not ten thousand.
const GroupDeliverBatch = 100

// ExpandGroupMessage takes the next batch of a group message's recipients:
// in one transaction it inserts their delivery rows (unique per message
// and recipient: one that exists is skipped), one delivery job for each
// GroupDeliverBatch rows actually inserted, and moves the checkpoint on. The message row is
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
		var params []river.InsertManyParams
		for chunk := range slices.Chunk(ids, GroupDeliverBatch) {
			params = append(params, river.InsertManyParams{Args: jobs.DeliverGroupMessageArgs{DeliveryIDs: chunk}})
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

// DeliverGroupMessage delivers a batch of one group message's deliveries,
// in one transaction: the in-app notifications (kind group_message, one
// statement, whose e-mail job notify inserts with them), the
// participations of the recipients in the group marked told, and each
// delivery recorded sent, or failed with the reason (a suspended account
// gets nothing). Deliveries already recorded change nothing, so a
// retried job writes no second notification.
func (s *Store) DeliverGroupMessage(ctx context.Context, deliveryIDs []int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Not waiting for this commit's flush is safe: River records the
		// job complete in a later, flushed commit, which flushes this one
		// first (the WAL is in order); a crash before it loses both, and
		// the job runs again. It spares one disk flush per batch.
		if _, err := tx.Exec(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT gd.id, gd.message_id, gd.recipient_id, gm.listing_id, gm.recipient_group, gm.subject, gm.body,
				a.suspended_at IS NOT NULL
			FROM group_deliveries gd JOIN group_messages gm ON gm.id = gd.message_id JOIN accounts a ON a.id = gd.recipient_id
			WHERE gd.id = ANY($1) AND gd.state = 'pending'
			ORDER BY gd.id FOR UPDATE OF gd`, deliveryIDs)
		if err != nil {
			return err
		}
		type pending struct {
			id, messageID, recipientID, listingID int64
			group                                 production.Choice
			subject, body                         string
			suspended                             bool
		}
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (pending, error) {
			var p pending
			err := r.Scan(&p.id, &p.messageID, &p.recipientID, &p.listingID, &p.group, &p.subject, &p.body, &p.suspended)
			return p, err
		})
		if err != nil {
			return err
		}
		// The expansion batches per message; a job that names deliveries of
		// several messages (by hand) is told message by message.
		var suspended []int64
		byMessage := map[int64][]pending{}
		var order []int64
		for _, p := range list {
			if p.suspended {
				suspended = append(suspended, p.id)
				continue
			}
			if byMessage[p.messageID] == nil {
				order = append(order, p.messageID)
			}
			byMessage[p.messageID] = append(byMessage[p.messageID], p)
		}
		if len(suspended) > 0 {
			if _, err := tx.Exec(ctx, `UPDATE group_deliveries SET state = 'failed', reason = 'the account is suspended', updated_at = now()
				WHERE id = ANY($1)`, suspended); err != nil {
				return err
			}
		}
		for _, mid := range order {
			group := byMessage[mid]
			ids, recipients, keys := make([]int64, len(group)), make([]int64, len(group)), make([]string, len(group))
			for i, p := range group {
				ids[i], recipients[i], keys[i] = p.id, p.recipientID, GroupDedupeKey(p.messageID, p.recipientID)
			}
			m := group[0]
			if err := s.notifyMany(ctx, tx, "group_message", m.subject, m.body, MyCastingsPath, recipients, keys); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE group_deliveries gd SET state = 'sent', updated_at = now(), notification_id = n.id
				FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS t (delivery, account, key)
				JOIN notifications n ON n.account_id = t.account AND n.dedupe_key = t.key
				WHERE gd.id = t.delivery`, ids, recipients, keys); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `UPDATE participations SET told_at = now()
				WHERE listing_id = $1 AND talent_id = ANY($2) AND selection = $3 AND told_at IS NULL`,
				m.listingID, recipients, string(m.group)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: deliver %d group deliveries from %d: %w", len(deliveryIDs), deliveryIDs[0], err)
	}
	return nil
}
