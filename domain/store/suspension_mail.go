package store

import (
	"context"
	"fmt"

	"github.com/slatecasting/slate/domain"
)

// SuspensionNotice reads what the suspension e-mail needs: the owner, the
// reason, and whether the mail is still due.
func (s *Store) SuspensionNotice(ctx context.Context, suspensionID int64) (domain.SuspensionNotice, error) {
	n := domain.SuspensionNotice{SuspensionID: suspensionID}
	err := s.pool.QueryRow(ctx, `SELECT a.name, a.email, su.reason, su.lifted_at IS NOT NULL, su.mailed_at IS NOT NULL,
			su.lift_mailed_at IS NOT NULL
		FROM account_suspensions su JOIN accounts a ON a.id = su.account_id WHERE su.id = $1`, suspensionID).
		Scan(&n.Name, &n.Email, &n.Reason, &n.Lifted, &n.Mailed, &n.LiftMailed)
	if err != nil {
		return n, notFound(err, "suspension", suspensionID)
	}
	return n, nil
}

// RecordSuspensionMail marks the suspension's mail (or, lifted, the
// lift's) sent, or refused for good with the server's problem; either way
// it is not sent again.
func (s *Store) RecordSuspensionMail(ctx context.Context, suspensionID int64, lifted bool, problem string) error {
	col := "mailed_at"
	if lifted {
		col = "lift_mailed_at"
	}
	if _, err := s.pool.Exec(ctx, `UPDATE account_suspensions SET `+col+` = now(), mail_problem = $2 WHERE id = $1`,
		suspensionID, problem); err != nil {
		return fmt.Errorf("store: record suspension mail %d: %w", suspensionID, err)
	}
	return nil
}

// SuspensionReason is why the account is suspended now, "" when it is
// not: the login form says it.
func (s *Store) SuspensionReason(ctx context.Context, accountID int64) (string, error) {
	_, reason, err := s.accountWithReason(ctx, accountID)
	return reason, err
}
