package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
)

// EmailState is where one e-mail is in its delivery (email_deliveries.state).
type EmailState string

// The delivery states. Pending may be sent; Sending is claimed and, if
// found again by a retry, in doubt; the rest are final.
const (
	EmailPending EmailState = "pending"
	EmailSending EmailState = "sending"
	EmailSent    EmailState = "sent"
	EmailFailed  EmailState = "failed"
	EmailUnknown EmailState = "unknown"
	EmailEmpty   EmailState = "empty"
)

// NotificationEmail is what the delivery worker needs to e-mail one
// notification: the notification, its recipient and the recipient's
// choice for its mail type.
type NotificationEmail struct {
	Notification domain.Notification
	Email, Name  string
	Type         domain.MailType
	Cadence      domain.Cadence
}

// NotificationEmail loads notification id for e-mailing. Type is "" for a
// kind that is never e-mailed; a suspended account gets nothing either.
func (s *Store) NotificationEmail(ctx context.Context, id int64) (NotificationEmail, error) {
	var e NotificationEmail
	n := &e.Notification
	var suspended bool
	err := s.pool.QueryRow(ctx, `
		SELECT n.id, n.account_id, n.kind, n.dedupe_key, n.title, n.body, n.link, n.created_at,
		       a.email, a.name, a.suspended_at IS NOT NULL
		FROM notifications n JOIN accounts a ON a.id = n.account_id
		WHERE n.id = $1`, id).Scan(&n.ID, &n.AccountID, &n.Kind, &n.DedupeKey, &n.Title, &n.Body, &n.Link, &n.CreatedAt,
		&e.Email, &e.Name, &suspended)
	if err != nil {
		return e, notFound(err, "notification", id)
	}
	t, mailed := domain.MailTypeForKind(n.Kind)
	if !mailed || suspended {
		return e, nil
	}
	prefs, err := s.MailPreferences(ctx, n.AccountID)
	if err != nil {
		return e, err
	}
	e.Type, e.Cadence = t, prefs[t]
	return e, nil
}

// ClaimNotificationEmail records, in its own committed transaction, that
// the e-mail of notification id is about to be sent, and returns the
// state it found. Only a caller that gets EmailPending may send. A claim
// that finds EmailSending sends nothing: when the claim is older than
// inDoubtAfter, an earlier attempt died between sending and recording
// and the delivery is marked EmailUnknown (Slate's e-mail is at most
// once); a younger one is an attempt still under way, left to finish.
func (s *Store) ClaimNotificationEmail(ctx context.Context, accountID, id int64) (deliveryID int64, found EmailState, err error) {
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO email_deliveries (account_id, notification_id) VALUES ($1, $2)
			ON CONFLICT (notification_id) DO NOTHING`, accountID, id)
		if err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `SELECT id, state FROM email_deliveries WHERE notification_id = $1 FOR UPDATE`, id).
			Scan(&deliveryID, &found); err != nil {
			return err
		}
		return claim(ctx, tx, deliveryID, found)
	})
	if err != nil {
		return 0, "", fmt.Errorf("store: claim e-mail of notification %d: %w", id, err)
	}
	return deliveryID, found, nil
}

// inDoubtAfter is how old a "sending" claim must be before a retry takes
// its attempt for dead. It is longer than any send (the SMTP timeouts and
// River's job timeout are minutes); River retries a crashed job only
// after rescuing it, later still.
const inDoubtAfter = 10 * time.Minute

// claim moves a locked delivery row on from the state it was found in.
func claim(ctx context.Context, tx pgx.Tx, deliveryID int64, found EmailState) error {
	var err error
	switch found {
	case EmailPending:
		_, err = tx.Exec(ctx, `UPDATE email_deliveries SET state = 'sending', attempts = attempts + 1, updated_at = now() WHERE id = $1`, deliveryID)
	case EmailSending:
		_, err = tx.Exec(ctx, `UPDATE email_deliveries SET state = 'unknown', updated_at = now(),
			reason = 'an earlier attempt stopped between sending and recording; not sent again'
			WHERE id = $1 AND updated_at < now() - $2::interval`, deliveryID, inDoubtAfter.String())
	}
	return err
}

// FinishEmail records how a claimed delivery ended: EmailSent,
// EmailFailed or EmailEmpty for good, or EmailPending (with the reason)
// after a transient failure, so the job's retry may send.
func (s *Store) FinishEmail(ctx context.Context, deliveryID int64, state EmailState, messageID, reason string) error {
	tag, err := s.pool.Exec(ctx, `UPDATE email_deliveries SET state = $2, message_id = $3, reason = $4, updated_at = now()
		WHERE id = $1 AND state = 'sending'`, deliveryID, state, messageID, reason)
	if err != nil {
		return fmt.Errorf("store: finish e-mail %d: %w", deliveryID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: finish e-mail %d: %w", deliveryID, ErrNotFound)
	}
	return nil
}

// EmailDelivery is one delivery row, for tests and progress pages.
type EmailDelivery struct {
	ID       int64
	State    EmailState
	Reason   string
	Attempts int
}

// NotificationEmailState returns the delivery of notification id, or
// ErrNotFound when none was claimed.
func (s *Store) NotificationEmailState(ctx context.Context, id int64) (EmailDelivery, error) {
	var d EmailDelivery
	err := s.pool.QueryRow(ctx, `SELECT id, state, reason, attempts FROM email_deliveries WHERE notification_id = $1`, id).
		Scan(&d.ID, &d.State, &d.Reason, &d.Attempts)
	if err != nil {
		return d, notFound(err, "e-mail of notification", id)
	}
	return d, nil
}

// Digest is one account's daily digest: the notifications it covers.
type Digest struct {
	DeliveryID  int64
	Found       EmailState
	Email, Name string
	Items       []domain.Notification
}

// ClaimDigest claims the account's digest for day (as
// ClaimNotificationEmail does) and, when it may be sent, gathers the
// notifications it covers: those created after the account's previous
// digest (or since the start of the day before day) up to until, whose mail type the
// account gets daily. until is fixed by the first claim, so a retry
// gathers the same notifications.
func (s *Store) ClaimDigest(ctx context.Context, accountID int64, day time.Time, until time.Time) (Digest, error) {
	var d Digest
	var suspended bool
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `SELECT email, name, suspended_at IS NOT NULL FROM accounts WHERE id = $1`, accountID).
			Scan(&d.Email, &d.Name, &suspended)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO email_deliveries (account_id, digest_day, covers_until) VALUES ($1, $2, $3)
			ON CONFLICT (account_id, digest_day) DO NOTHING`, accountID, day, until)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `SELECT id, state, covers_until FROM email_deliveries
			WHERE account_id = $1 AND digest_day = $2 FOR UPDATE`, accountID, day).Scan(&d.DeliveryID, &d.Found, &until)
		if err != nil {
			return err
		}
		return claim(ctx, tx, d.DeliveryID, d.Found)
	})
	if err != nil {
		return d, notFound(err, "digest of account", accountID)
	}
	if d.Found != EmailPending || suspended {
		d.Items = nil
		return d, nil
	}
	d.Items, err = s.digestItems(ctx, accountID, day, until)
	return d, err
}

func (s *Store) digestItems(ctx context.Context, accountID int64, day, until time.Time) ([]domain.Notification, error) {
	prefs, err := s.MailPreferences(ctx, accountID)
	if err != nil {
		return nil, err
	}
	rows, err := s.pool.Query(ctx, `
		SELECT id, account_id, kind, dedupe_key, title, body, link, created_at
		FROM notifications
		WHERE account_id = $1 AND created_at <= $3 AND created_at > coalesce(
			(SELECT max(covers_until) FROM email_deliveries WHERE account_id = $1 AND digest_day < $2),
			$2::timestamptz - interval '1 day')
		ORDER BY created_at, id`, accountID, day, until)
	if err != nil {
		return nil, fmt.Errorf("store: digest of %d: %w", accountID, err)
	}
	all, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Notification, error) {
		var n domain.Notification
		err := r.Scan(&n.ID, &n.AccountID, &n.Kind, &n.DedupeKey, &n.Title, &n.Body, &n.Link, &n.CreatedAt)
		return n, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: digest of %d: %w", accountID, err)
	}
	var due []domain.Notification
	for _, n := range all {
		if t, mailed := domain.MailTypeForKind(n.Kind); mailed && prefs[t] == domain.CadenceDaily {
			due = append(due, n)
		}
	}
	return due, nil
}

// DigestAccounts returns the accounts that may be owed a digest for day:
// those with an e-mailable notification since the day before that have
// no digest row for day yet. The digest job decides on preferences.
func (s *Store) DigestAccounts(ctx context.Context, day, until time.Time) ([]int64, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT DISTINCT n.account_id FROM notifications n
		WHERE n.created_at > $2::timestamptz - interval '2 days' AND n.created_at <= $2 AND n.kind = ANY($3)
		  AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.account_id = n.account_id AND d.digest_day = $1)
		ORDER BY 1`, day, until, domain.MailedKinds())
	if err != nil {
		return nil, fmt.Errorf("store: digest accounts: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: digest accounts: %w", err)
	}
	return ids, nil
}
