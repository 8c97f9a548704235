package store

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// ErrCannotSuspend means the account is staff: moderators are not
// suspended from the moderation pages.
var ErrCannotSuspend = errors.New("store: staff accounts cannot be suspended here")

// ErrNotSuspended means there is no suspension to lift.
var ErrNotSuspended = errors.New("store: the account is not suspended")

// SuspendAccount suspends an account with a reason, as a moderator.
// See suspendTx for what it writes.
func (s *Store) SuspendAccount(ctx context.Context, moderatorID, accountID int64, reason string) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := asModerator(ctx, tx, moderatorID); err != nil {
			return err
		}
		return s.suspendTx(ctx, tx, moderatorID, accountID, reason, nil)
	})
}

// suspendTx suspends an account in the caller's transaction: its sessions
// are deleted (so it is logged out everywhere at once), the account row
// records when, by whom and why, and a history row is written. The
// visibility queries skip a suspended owner's listings and profile, so
// nothing else is touched and lifting restores everything. The owner's
// e-mail (jobs.SuspensionMailArgs) is enqueued in the same transaction.
// Suspending an account that is suspended already changes nothing.
func (s *Store) suspendTx(ctx context.Context, tx pgx.Tx, moderatorID, accountID int64, reason string, reportID *int64) error {
	reason, problem := domain.ParseSuspensionReason(reason)
	if problem != "" {
		return fmt.Errorf("store: suspend account %d: %s", accountID, problem)
	}
	var role domain.Role
	var suspended bool
	err := tx.QueryRow(ctx, `SELECT role, suspended_at IS NOT NULL FROM accounts WHERE id = $1 FOR UPDATE`, accountID).Scan(&role, &suspended)
	if err != nil {
		return notFound(err, "account", accountID)
	}
	if role.IsStaff() {
		return ErrCannotSuspend
	}
	if suspended {
		return nil
	}
	if _, err := tx.Exec(ctx, `DELETE FROM sessions WHERE account_id = $1`, accountID); err != nil {
		return fmt.Errorf("store: suspend account %d: sessions: %w", accountID, err)
	}
	if _, err := tx.Exec(ctx, `UPDATE accounts SET suspended_at = now(), suspended_by = $2, suspension_reason = $3 WHERE id = $1`,
		accountID, moderatorID, reason); err != nil {
		return fmt.Errorf("store: suspend account %d: %w", accountID, err)
	}
	var id int64
	if err := tx.QueryRow(ctx, `INSERT INTO account_suspensions (account_id, suspended_by, reason, report_id) VALUES ($1, $2, $3, $4) RETURNING id`,
		accountID, moderatorID, reason, reportID).Scan(&id); err != nil {
		return fmt.Errorf("store: suspend account %d: history: %w", accountID, err)
	}
	if _, err := s.jobs.InsertTx(ctx, tx, jobs.SuspensionMailArgs{SuspensionID: id}, nil); err != nil {
		return fmt.Errorf("store: suspend account %d: mail job: %w", accountID, err)
	}
	return nil
}

// LiftSuspension ends an account's suspension: it can log in again and
// its listings and profile show as before. The history row records who
// lifted it and when; the owner is told.
func (s *Store) LiftSuspension(ctx context.Context, moderatorID, accountID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := asModerator(ctx, tx, moderatorID); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `UPDATE accounts SET suspended_at = NULL, suspended_by = NULL, suspension_reason = ''
			WHERE id = $1 AND suspended_at IS NOT NULL`, accountID)
		if err != nil {
			return fmt.Errorf("store: lift suspension of %d: %w", accountID, err)
		}
		if tag.RowsAffected() == 0 {
			return ErrNotSuspended
		}
		var id int64
		err = tx.QueryRow(ctx, `UPDATE account_suspensions SET lifted_by = $2, lifted_at = now()
			WHERE account_id = $1 AND lifted_at IS NULL RETURNING id`, accountID, moderatorID).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: lift suspension of %d: history: %w", accountID, err)
		}
		// The notification stays in the app only; the mail goes out as an
		// account mail, whatever the preferences say (no mail type fits).
		if _, err := s.jobs.InsertTx(ctx, tx, jobs.SuspensionMailArgs{SuspensionID: id, Lifted: true}, nil); err != nil {
			return fmt.Errorf("store: lift suspension of %d: mail job: %w", accountID, err)
		}
		return s.notify(ctx, tx, domain.Notification{
			AccountID: accountID, Kind: "suspension_lifted", DedupeKey: fmt.Sprintf("suspension-lifted:%d", id),
			Title: "Your account is active again", Body: "A moderator lifted the suspension of your account.", Link: "/",
		})
	})
}

// SearchAccounts finds accounts by e-mail or name (any case, any part),
// for moderators, suspended ones first.
func (s *Store) SearchAccounts(ctx context.Context, moderatorID int64, q string, limit int) ([]domain.Account, error) {
	if err := asModerator(ctx, s.pool, moderatorID); err != nil {
		return nil, err
	}
	pattern := "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(strings.TrimSpace(q))) + "%"
	rows, err := s.pool.Query(ctx, `SELECT `+accountColumns+` FROM accounts
		WHERE lower(email) LIKE $1 OR lower(name) LIKE $1
		ORDER BY suspended_at IS NULL, lower(name), id LIMIT $2`, pattern, limit)
	if err != nil {
		return nil, fmt.Errorf("store: search accounts: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Account, error) { return scanAccount(r) })
	if err != nil {
		return nil, fmt.Errorf("store: search accounts: %w", err)
	}
	return list, nil
}

// AccountCase is what a moderator reads on an account's page.
type AccountCase struct {
	Account domain.Account
	// SuspensionReason is why it is suspended now ("" when it is not).
	SuspensionReason string
	Suspensions      []domain.Suspension
	// Reports are the reports about its listings, profile and messages.
	Reports []domain.Report
	// Filed counts the reports it filed.
	Filed int
}

// AccountCase reads one account with its suspensions and the reports
// about it; for moderators only.
func (s *Store) AccountCase(ctx context.Context, moderatorID, accountID int64) (AccountCase, error) {
	var c AccountCase
	if err := asModerator(ctx, s.pool, moderatorID); err != nil {
		return c, err
	}
	var err error
	if c.Account, c.SuspensionReason, err = s.accountWithReason(ctx, accountID); err != nil {
		return c, err
	}
	if c.Suspensions, err = s.suspensions(ctx, accountID); err != nil {
		return c, err
	}
	if c.Reports, err = collectReports(s.pool.Query(ctx, `SELECT `+reportColumns+` FROM `+reportFrom+`
		WHERE r.owner_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT 50`, accountID)); err != nil {
		return c, fmt.Errorf("store: reports about %d: %w", accountID, err)
	}
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM reports WHERE reporter_id = $1`, accountID).Scan(&c.Filed); err != nil {
		return c, fmt.Errorf("store: reports by %d: %w", accountID, err)
	}
	return c, nil
}

func (s *Store) accountWithReason(ctx context.Context, id int64) (domain.Account, string, error) {
	var a domain.Account
	var reason string
	err := s.pool.QueryRow(ctx, `SELECT `+accountColumns+`, suspension_reason FROM accounts WHERE id = $1`, id).
		Scan(append(accountDest(&a), &reason)...)
	if err != nil {
		return a, "", notFound(err, "account", id)
	}
	return a, reason, nil
}

// suspensions are an account's suspensions, newest first.
func (s *Store) suspensions(ctx context.Context, accountID int64) ([]domain.Suspension, error) {
	rows, err := s.pool.Query(ctx, `SELECT su.id, su.account_id, coalesce(sb.name, ''), su.suspended_at, su.reason, su.report_id,
			coalesce(lb.name, ''), su.lifted_at
		FROM account_suspensions su LEFT JOIN accounts sb ON sb.id = su.suspended_by LEFT JOIN accounts lb ON lb.id = su.lifted_by
		WHERE su.account_id = $1 ORDER BY su.suspended_at DESC, su.id DESC`, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: suspensions of %d: %w", accountID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Suspension, error) {
		var x domain.Suspension
		err := r.Scan(&x.ID, &x.AccountID, &x.SuspendedBy, &x.SuspendedAt, &x.Reason, &x.ReportID, &x.LiftedBy, &x.LiftedAt)
		return x, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: suspensions of %d: %w", accountID, err)
	}
	return list, nil
}
