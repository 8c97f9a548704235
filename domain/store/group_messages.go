package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/jobs"
)

// groupSQL picks the talent of group $3 among the candidates of listing
// $1 owned by producer $2, narrowed to $4 when it is not empty. Someone
// excluded for one role but included for another is in the included group
// only: they must never read both messages.
const groupSQL = `SELECT DISTINCT pa.talent_id FROM participations pa
	WHERE pa.listing_id = $1 AND pa.producer_id = $2 AND pa.selection = $3 AND ` + candidateSQL + `
	  AND (cardinality($4::bigint[]) = 0 OR pa.talent_id = ANY($4))
	  AND ($3 = 'included' OR NOT EXISTS (SELECT 1 FROM participations o
	       WHERE o.listing_id = $1 AND o.talent_id = pa.talent_id AND o.selection = 'included'))`

// GroupRecipient is one person Notify can write to: a talent of a group,
// with the roles they are in it for.
type GroupRecipient struct {
	TalentID int64
	Name     string
	Roles    string
}

// GroupRecipients lists the talent of one group of the producer's listing,
// by name, for Notify's checkboxes. Another producer's listing is
// ErrNotFound.
func (s *Store) GroupRecipients(ctx context.Context, producerID, listingID int64, group production.Choice) ([]GroupRecipient, error) {
	if _, err := s.OwnListing(ctx, producerID, listingID); err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `SELECT pa.talent_id, min(`+applicantName+`), string_agg(r.name, ', ' ORDER BY r.position)
		FROM `+applicantFrom+` WHERE pa.talent_id IN (`+groupSQL+`)
		  AND pa.listing_id = $1 AND pa.selection = $3
		GROUP BY pa.talent_id ORDER BY 2, 1 LIMIT $5`, listingID, producerID, string(group), []int64{}, MaxSelectionRows)
	if err != nil {
		return nil, fmt.Errorf("store: recipients of listing %d: %w", listingID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (GroupRecipient, error) {
		var g GroupRecipient
		err := r.Scan(&g.TalentID, &g.Name, &g.Roles)
		return g, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: recipients of listing %d: %w", listingID, err)
	}
	return list, nil
}

// ErrNoRecipients means the group (or the subset picked of it) is empty.
var ErrNoRecipients = errors.New("store: nobody to send to")

// SendGroupMessage records the producer's message to a group of one of
// their closed listings and enqueues its expansion, in one transaction.
// The recipients are frozen now. key is the compose form's idempotency
// key: a second send with the same key returns the first message's id and
// inserts nothing. Another producer's listing is ErrNotFound, an open one
// ErrTransition, an empty group ErrNoRecipients.
func (s *Store) SendGroupMessage(ctx context.Context, producerID, listingID int64, m production.GroupMessage, key string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status production.Status
		err := tx.QueryRow(ctx, `SELECT status FROM listings WHERE id = $1 AND producer_id = $2 FOR SHARE`, listingID, producerID).Scan(&status)
		if err != nil {
			return notFound(err, "listing", listingID)
		}
		err = tx.QueryRow(ctx, `SELECT id FROM group_messages WHERE producer_id = $1 AND idempotency_key = $2`, producerID, key).Scan(&id)
		if err == nil {
			return nil // the same form pressed twice
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		if status != production.Closed {
			return ErrTransition
		}
		picked := m.Recipients
		if picked == nil {
			picked = []int64{}
		}
		err = tx.QueryRow(ctx, `INSERT INTO group_messages (listing_id, producer_id, recipient_group, subject, body, recipients, total, idempotency_key)
			SELECT $1, $2, $3, $5, $6, r.ids, cardinality(r.ids), $7
			FROM (SELECT coalesce(array_agg(talent_id ORDER BY talent_id), '{}') AS ids FROM (`+groupSQL+`) g) r
			WHERE cardinality(r.ids) > 0
			RETURNING id`, listingID, producerID, string(m.Group), picked,
			strings.TrimSpace(m.Subject), strings.TrimSpace(m.Body), key).Scan(&id)
		if errors.Is(err, pgx.ErrNoRows) {
			return ErrNoRecipients
		}
		if err != nil {
			return err
		}
		_, err = s.jobs.InsertTx(ctx, tx, jobs.ExpandGroupMessageArgs{MessageID: id}, nil)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: group message to listing %d: %w", listingID, err)
	}
	return id, nil
}

// progressSQL counts the deliveries of each message in gm, from the rows
// alone (any web process shows the same), with the e-mail of each.
const progressSQL = `SELECT gm.id, gm.listing_id, gm.recipient_group, gm.subject, gm.body, gm.created_at, gm.total,
	count(gd.id) FILTER (WHERE gd.state = 'sent'), count(gd.id) FILTER (WHERE gd.state = 'failed'),
	count(ed.id) FILTER (WHERE ed.state = 'sent'), count(ed.id) FILTER (WHERE ed.state IN ('failed', 'unknown')),
	count(ed.id) FILTER (WHERE ed.state = 'skipped')
	FROM group_messages gm
	LEFT JOIN group_deliveries gd ON gd.message_id = gm.id
	LEFT JOIN email_deliveries ed ON ed.notification_id = gd.notification_id`

func scanSent(r pgx.Row) (production.SentGroupMessage, error) {
	var m production.SentGroupMessage
	p := &m.Progress
	err := r.Scan(&m.ID, &m.ListingID, &m.Group, &m.Subject, &m.Body, &m.CreatedAt, &p.Total,
		&p.Sent, &p.Failed, &p.Emailed, &p.EmailFailed, &p.EmailSkipped)
	return m, err
}

// GroupMessage returns one of the producer's group messages with its
// progress and the reasons of its failures; anyone else's is ErrNotFound.
func (s *Store) GroupMessage(ctx context.Context, producerID, listingID, messageID int64) (production.SentGroupMessage, error) {
	m, err := scanSent(s.pool.QueryRow(ctx, progressSQL+`
		WHERE gm.id = $1 AND gm.listing_id = $2 AND gm.producer_id = $3 GROUP BY gm.id`, messageID, listingID, producerID))
	if err != nil {
		return m, notFound(err, "group message", messageID)
	}
	rows, err := s.pool.Query(ctx, `SELECT reason, count(*) FROM (
			SELECT gd.reason FROM group_deliveries gd WHERE gd.message_id = $1 AND gd.state = 'failed'
			UNION ALL
			SELECT ed.reason FROM group_deliveries gd JOIN email_deliveries ed ON ed.notification_id = gd.notification_id
			WHERE gd.message_id = $1 AND ed.state IN ('failed', 'unknown')) f
		GROUP BY reason ORDER BY 2 DESC, 1 LIMIT 5`, messageID)
	if err != nil {
		return m, fmt.Errorf("store: failures of group message %d: %w", messageID, err)
	}
	m.Progress.Reasons, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.FailureReason, error) {
		var f production.FailureReason
		err := r.Scan(&f.Reason, &f.Count)
		return f, err
	})
	if err != nil {
		return m, fmt.Errorf("store: failures of group message %d: %w", messageID, err)
	}
	return m, nil
}

// MaxListedGroupMessages bounds the sent messages the selection screen
// lists.
const MaxListedGroupMessages = 20

// GroupMessages lists the group messages of the producer's listing, newest
// first, with their progress.
func (s *Store) GroupMessages(ctx context.Context, producerID, listingID int64) ([]production.SentGroupMessage, error) {
	rows, err := s.pool.Query(ctx, progressSQL+`
		WHERE gm.listing_id = $1 AND gm.producer_id = $2 GROUP BY gm.id ORDER BY gm.id DESC LIMIT $3`,
		listingID, producerID, MaxListedGroupMessages)
	if err != nil {
		return nil, fmt.Errorf("store: group messages of listing %d: %w", listingID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.SentGroupMessage, error) { return scanSent(r) })
	if err != nil {
		return nil, fmt.Errorf("store: group messages of listing %d: %w", listingID, err)
	}
	return list, nil
}
