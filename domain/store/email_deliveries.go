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
// found again by a retry long after, in doubt; the rest are final.
// Skipped is a notification the account does not get by e-mail now (a
// daily digest, "never", a suspended account); Unknown is only on rows
// written before in-doubt attempts were sent again.
const (
	EmailPending EmailState = "pending"
	EmailSending EmailState = "sending"
	EmailSent    EmailState = "sent"
	EmailFailed  EmailState = "failed"
	EmailSkipped EmailState = "skipped"
	EmailUnknown EmailState = "unknown"
	EmailEmpty   EmailState = "empty"
)

// EmailClaim is one notification's e-mail, claimed for sending: the
// caller sends it and records the outcome with FinishEmail.
type EmailClaim struct {
	DeliveryID   int64
	Notification domain.Notification
	Email, Name  string
	Type         domain.MailType
	// InDoubt is an earlier attempt that stopped between sending and
	// recording: the caller sends again under the same Message-ID.
	InDoubt bool
}

// The reasons a notification is not e-mailed now.
const (
	skipDigest    = "in the daily digest"
	skipNever     = "not wanted by e-mail (settings)"
	skipSuspended = "the account is suspended"
)

// ClaimNotificationEmails decides, in one committed transaction, the
// e-mail of each notification in ids, and returns those the caller must
// send. Every e-mailed kind gets its email_deliveries row (unique per
// notification), so each ends recorded: claimed for sending when its
// account wants that type immediately, skipped with the reason when not.
// A row found Sending younger than inDoubtAfter is an attempt still under
// way, left alone; an older one stopped between sending and recording,
// and is claimed again as InDoubt (sent again under the same Message-ID,
// so the recipient's mail store, and the test sink, see one message).
// Final rows are never claimed.
func (s *Store) ClaimNotificationEmails(ctx context.Context, ids []int64) ([]EmailClaim, error) {
	var claims []EmailClaim
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		claims = claims[:0]
		rows, err := tx.Query(ctx, `
			SELECT n.id, n.account_id, n.kind, n.dedupe_key, n.title, n.body, n.link, n.created_at,
			       a.email, a.name, a.suspended_at IS NOT NULL
			FROM notifications n JOIN accounts a ON a.id = n.account_id
			WHERE n.id = ANY($1) AND n.kind = ANY($2)
			ORDER BY n.id`, ids, domain.MailedKinds())
		if err != nil {
			return err
		}
		type candidate struct {
			claim     EmailClaim
			suspended bool
		}
		list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (candidate, error) {
			var c candidate
			n := &c.claim.Notification
			err := r.Scan(&n.ID, &n.AccountID, &n.Kind, &n.DedupeKey, &n.Title, &n.Body, &n.Link, &n.CreatedAt,
				&c.claim.Email, &c.claim.Name, &c.suspended)
			c.claim.Type, _ = domain.MailTypeForKind(n.Kind)
			return c, err
		})
		if err != nil || len(list) == 0 {
			return err
		}
		accounts, notes := make([]int64, len(list)), make([]int64, len(list))
		for i, c := range list {
			accounts[i], notes[i] = c.claim.Notification.AccountID, c.claim.Notification.ID
		}
		prefs, err := mailPreferencesOf(ctx, tx, accounts)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO email_deliveries (account_id, notification_id)
			SELECT * FROM unnest($1::bigint[], $2::bigint[]) ON CONFLICT (notification_id) DO NOTHING`, accounts, notes); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT notification_id, id, state, updated_at < now() - $2::interval
			FROM email_deliveries WHERE notification_id = ANY($1) ORDER BY id FOR UPDATE`, notes, inDoubtAfter.String())
		if err != nil {
			return err
		}
		type found struct {
			id    int64
			state EmailState
			stale bool
		}
		byNote := make(map[int64]found, len(list))
		var note int64
		var f found
		if _, err := pgx.ForEachRow(rows, []any{&note, &f.id, &f.state, &f.stale}, func() error {
			byNote[note] = f
			return nil
		}); err != nil {
			return err
		}
		var moved []int64
		var states []EmailState
		var reasons []string
		move := func(id int64, state EmailState, reason string) {
			moved, states, reasons = append(moved, id), append(states, state), append(reasons, reason)
		}
		for _, c := range list {
			f := byNote[c.claim.Notification.ID]
			c.claim.DeliveryID = f.id
			switch {
			case f.state == EmailPending && c.suspended:
				move(f.id, EmailSkipped, skipSuspended)
			case f.state == EmailPending && prefs.of(c.claim.Notification.AccountID, c.claim.Type) == domain.CadenceDaily:
				move(f.id, EmailSkipped, skipDigest)
			case f.state == EmailPending && prefs.of(c.claim.Notification.AccountID, c.claim.Type) != domain.CadenceImmediately:
				move(f.id, EmailSkipped, skipNever)
			case f.state == EmailPending:
				move(f.id, EmailSending, "")
				claims = append(claims, c.claim)
			case f.state == EmailSending && f.stale:
				move(f.id, EmailSending, inDoubtReason)
				c.claim.InDoubt = true
				claims = append(claims, c.claim)
			}
		}
		if len(moved) == 0 {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE email_deliveries d SET state = t.state, reason = t.reason, updated_at = now(),
				attempts = d.attempts + (t.state = 'sending')::int
			FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t (id, state, reason) WHERE d.id = t.id`,
			moved, states, reasons)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim e-mails of %d notifications: %w", len(ids), err)
	}
	return claims, nil
}

// inDoubtReason is kept on a delivery claimed again after an attempt in
// doubt, until the outcome replaces it.
const inDoubtReason = "an earlier attempt stopped between sending and recording; sent again under the same Message-ID"

// inDoubtAfter is how old a "sending" claim must be before a retry takes
// its attempt for dead. It is longer than any send (the SMTP timeouts and
// River's job timeout are minutes); River retries a crashed job only
// after rescuing it, later still.
const inDoubtAfter = 10 * time.Minute

// claim moves a locked digest row on from the state it was found in, and
// says whether the caller sends: a pending row, or one in doubt (sent
// again under the same Message-ID).
func claim(ctx context.Context, tx pgx.Tx, deliveryID int64, found EmailState) (send bool, err error) {
	switch found {
	case EmailPending:
		_, err = tx.Exec(ctx, `UPDATE email_deliveries SET state = 'sending', attempts = attempts + 1, updated_at = now() WHERE id = $1`, deliveryID)
		return err == nil, err
	case EmailSending:
		tag, err := tx.Exec(ctx, `UPDATE email_deliveries SET attempts = attempts + 1, updated_at = now(), reason = $3
			WHERE id = $1 AND updated_at < now() - $2::interval`, deliveryID, inDoubtAfter.String(), inDoubtReason)
		return err == nil && tag.RowsAffected() == 1, err
	}
	return false, nil
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
	DeliveryID int64
	// Send is whether the caller sends it: claimed now, or again after an
	// attempt in doubt.
	Send        bool
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
		var found EmailState
		err = tx.QueryRow(ctx, `SELECT id, state, covers_until FROM email_deliveries
			WHERE account_id = $1 AND digest_day = $2 FOR UPDATE`, accountID, day).Scan(&d.DeliveryID, &found, &until)
		if err != nil {
			return err
		}
		d.Send, err = claim(ctx, tx, d.DeliveryID, found)
		return err
	})
	if err != nil {
		return d, notFound(err, "digest of account", accountID)
	}
	if !d.Send || suspended {
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

// DigestHour is the local hour from which an account's daily digest goes
// out: the hourly sweep sends it within the hour after 8:00 in the
// account's own time zone.
const DigestHour = 8

// DigestDue is one account owed its digest, and the local day it is for.
type DigestDue struct {
	AccountID int64
	Day       time.Time
}

// DigestAccounts returns the accounts owed a digest at now: those whose
// local time (their time zone, as their browser last said; UTC until
// then) is DigestHour or later, with a notification in the two days
// before whose mail type they get daily (their saved choice, else the
// type's default), and no digest row for their local day yet. An account
// that gets everything at once costs the sweep no job. A zone PostgreSQL
// does not know is read as UTC rather than failing everyone's digest.
func (s *Store) DigestAccounts(ctx context.Context, now time.Time) ([]DigestDue, error) {
	var kinds, types, defaults []string
	for _, kind := range domain.MailedKinds() {
		t, _ := domain.MailTypeForKind(kind)
		info, _ := domain.MailTypeOf(t)
		kinds, types, defaults = append(kinds, kind), append(types, string(t)), append(defaults, string(info.Default))
	}
	rows, err := s.pool.Query(ctx, `
		WITH due AS (
			SELECT DISTINCT n.account_id, coalesce(z.name, 'UTC') AS zone
			FROM notifications n
			JOIN accounts a ON a.id = n.account_id
			LEFT JOIN pg_timezone_names z ON z.name = a.time_zone
			JOIN unnest($2::text[], $3::text[], $4::text[]) AS k (kind, mail_type, cadence) ON k.kind = n.kind
			LEFT JOIN mail_preferences p ON p.account_id = n.account_id AND p.mail_type = k.mail_type
			WHERE n.created_at > $1::timestamptz - interval '2 days' AND n.created_at <= $1
			  AND coalesce(p.cadence, k.cadence) = 'daily'),
		local AS (SELECT account_id, ($1::timestamptz AT TIME ZONE zone) AS at FROM due)
		SELECT account_id, at::date FROM local
		WHERE extract(hour FROM at) >= $5
		  AND NOT EXISTS (SELECT 1 FROM email_deliveries d WHERE d.account_id = local.account_id AND d.digest_day = at::date)
		ORDER BY 1`, now, kinds, types, defaults, DigestHour)
	if err != nil {
		return nil, fmt.Errorf("store: digest accounts: %w", err)
	}
	due, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (DigestDue, error) {
		var d DigestDue
		err := r.Scan(&d.AccountID, &d.Day)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: digest accounts: %w", err)
	}
	return due, nil
}
