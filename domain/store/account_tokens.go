package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/jobs"
)

// ErrAlreadyConfirmed means the account's address needs no confirmation.
var ErrAlreadyConfirmed = errors.New("e-mail address already confirmed")

// ErrUnconfirmed means the account must confirm its address before this
// write (domain.ConfirmationProblem says it in words).
var ErrUnconfirmed = errors.New("e-mail address not confirmed")

// requireConfirmed refuses, in tx, a write that reaches other people from
// an account whose address is unconfirmed: the handlers ask
// domain.ConfirmationProblem first, and this holds whatever calls the store.
func requireConfirmed(ctx context.Context, tx pgx.Tx, accountID int64) error {
	var confirmed bool
	err := tx.QueryRow(ctx, `SELECT email_confirmed_at IS NOT NULL FROM accounts WHERE id = $1`, accountID).Scan(&confirmed)
	if err != nil {
		return notFound(err, "account", accountID)
	}
	if !confirmed {
		return ErrUnconfirmed
	}
	return nil
}

// requestToken asks, in tx, for a token of purpose for acct and inserts the
// job that mints and mails it (and, for a change of address, the notice to
// the old one). The row holds no secret yet: the job makes it.
func (s *Store) requestToken(ctx context.Context, tx pgx.Tx, acct domain.Account, purpose domain.TokenPurpose, newEmail string, now time.Time) error {
	oldEmail := ""
	if purpose == domain.TokenChangeEmail {
		oldEmail = acct.Email
	}
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO account_tokens (account_id, purpose, new_email, old_email, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		acct.ID, purpose, newEmail, oldEmail, now, now.Add(purpose.TTL())).Scan(&id)
	if err != nil {
		return fmt.Errorf("store: request %s token: %w", purpose, err)
	}
	if _, err := s.jobs.InsertTx(ctx, tx, jobs.SendAccountMailArgs{TokenID: id}, nil); err != nil {
		return fmt.Errorf("store: request %s token: enqueue mail: %w", purpose, err)
	}
	if purpose == domain.TokenChangeEmail {
		if _, err := s.jobs.InsertTx(ctx, tx, jobs.SendAccountMailArgs{TokenID: id, Notice: true}, nil); err != nil {
			return fmt.Errorf("store: request %s token: enqueue notice: %w", purpose, err)
		}
	}
	return nil
}

// RequestPasswordReset mails a reset link to the account with this address
// (any case), if there is one that is not suspended. Either way it does the
// same work in one transaction and returns nil, so neither the answer nor
// its timing tells a visitor whether the address has an account.
func (s *Store) RequestPasswordReset(ctx context.Context, email string, now time.Time) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		acct, err := scanAccount(tx.QueryRow(ctx, `
			SELECT `+accountColumns+` FROM accounts
			WHERE lower(email) = lower($1) AND suspended_at IS NULL`, domain.NormalizeEmail(email)))
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.requestToken(ctx, tx, acct, domain.TokenReset, "", now)
	})
	if err != nil {
		return fmt.Errorf("store: request password reset: %w", err)
	}
	return nil
}

// RequestConfirmation mails the account a new confirmation link (the
// "Resend" button); a confirmed account gets ErrAlreadyConfirmed.
func (s *Store) RequestConfirmation(ctx context.Context, accountID int64, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		acct, err := scanAccount(tx.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, accountID))
		if err != nil {
			return notFound(err, "account", accountID)
		}
		if acct.EmailConfirmed() {
			return ErrAlreadyConfirmed
		}
		return s.requestToken(ctx, tx, acct, domain.TokenConfirm, "", now)
	})
}

// RequestEmailChange mails a confirmation link to newEmail and a notice to
// the account's current address; nothing changes until the link is
// followed. An address another account uses is ErrEmailTaken (checked
// again when the link is followed).
func (s *Store) RequestEmailChange(ctx context.Context, accountID int64, newEmail string, now time.Time) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		acct, err := scanAccount(tx.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, accountID))
		if err != nil {
			return notFound(err, "account", accountID)
		}
		var taken bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM accounts WHERE lower(email) = lower($1) AND id <> $2)`,
			newEmail, accountID).Scan(&taken); err != nil {
			return fmt.Errorf("store: request e-mail change: %w", err)
		}
		if taken {
			return ErrEmailTaken
		}
		return s.requestToken(ctx, tx, acct, domain.TokenChangeEmail, newEmail, now)
	})
}

const tokenColumns = `t.id, t.account_id, t.purpose, a.name, a.email, t.new_email, t.old_email, t.expires_at`

func tokenDest(t *domain.AccountToken) []any {
	return []any{&t.ID, &t.AccountID, &t.Purpose, &t.Name, &t.Email, &t.NewEmail, &t.OldEmail, &t.ExpiresAt}
}

// MintAccountToken makes the secret of a token that is still unused and
// unexpired, stores its hash and returns it with the token, for the mail.
// Minting again (a retried job) replaces the secret, so only the newest
// mail's link works. A used or expired token is ErrNotFound: nothing to
// mail.
func (s *Store) MintAccountToken(ctx context.Context, tokenID int64, now time.Time) (domain.AccountToken, string, error) {
	secret := auth.NewToken()
	var t domain.AccountToken
	err := s.pool.QueryRow(ctx, `
		UPDATE account_tokens t SET token_hash = $2
		FROM accounts a
		WHERE t.id = $1 AND a.id = t.account_id AND t.used_at IS NULL AND t.expires_at > $3
		RETURNING `+tokenColumns, tokenID, auth.TokenHash(secret), now).Scan(tokenDest(&t)...)
	if err != nil {
		return domain.AccountToken{}, "", notFound(err, "account token", tokenID)
	}
	return t, secret, nil
}

// AccountTokenByID returns a token whatever its state, for the notice of a
// change of address (which carries no link).
func (s *Store) AccountTokenByID(ctx context.Context, tokenID int64) (domain.AccountToken, error) {
	var t domain.AccountToken
	err := s.pool.QueryRow(ctx, `
		SELECT `+tokenColumns+` FROM account_tokens t JOIN accounts a ON a.id = t.account_id
		WHERE t.id = $1`, tokenID).Scan(tokenDest(&t)...)
	if err != nil {
		return domain.AccountToken{}, notFound(err, "account token", tokenID)
	}
	return t, nil
}

// RecordAccountMail records what became of a token's mail (notice: of the
// notice to the old address): sent when problem is "", otherwise the
// permanent failure, for staff to see.
func (s *Store) RecordAccountMail(ctx context.Context, tokenID int64, notice bool, problem string) error {
	q := `UPDATE account_tokens SET mailed_at = CASE WHEN $2 = '' THEN now() END, mail_error = $2 WHERE id = $1`
	if notice {
		q = `UPDATE account_tokens SET notice_mailed_at = CASE WHEN $2 = '' THEN now() END, notice_error = $2 WHERE id = $1`
	}
	if _, err := s.pool.Exec(ctx, q, tokenID, problem); err != nil {
		return fmt.Errorf("store: record account mail %d: %w", tokenID, err)
	}
	return nil
}

// tokenWhere selects a usable token: the secret's hash, the purpose it was
// made for, unused, unexpired at $3, and the caller's own when the caller
// is logged in ($4 > 0): another account's link never works for you.
const tokenWhere = `t.token_hash = $1 AND t.purpose = $2 AND t.used_at IS NULL AND t.expires_at > $3
	AND ($4::bigint = 0 OR t.account_id = $4) AND a.suspended_at IS NULL`

// AccountToken returns the usable token behind secret without using it (the
// reset form shows only for a link that works); anything else is
// ErrNotFound.
func (s *Store) AccountToken(ctx context.Context, secret string, purpose domain.TokenPurpose, asAccount int64, now time.Time) (domain.AccountToken, error) {
	var t domain.AccountToken
	err := s.pool.QueryRow(ctx, `
		SELECT `+tokenColumns+` FROM account_tokens t JOIN accounts a ON a.id = t.account_id
		WHERE `+tokenWhere, auth.TokenHash(secret), purpose, now, asAccount).Scan(tokenDest(&t)...)
	if err != nil {
		return domain.AccountToken{}, notFound(err, "account token", purpose)
	}
	return t, nil
}

// useToken marks the usable token behind secret used, in tx, and returns
// it: of two concurrent uses one wins, the other finds nothing.
func useToken(ctx context.Context, tx pgx.Tx, secret string, purpose domain.TokenPurpose, asAccount int64, now time.Time) (domain.AccountToken, error) {
	var t domain.AccountToken
	err := tx.QueryRow(ctx, `
		UPDATE account_tokens t SET used_at = $3
		FROM accounts a
		WHERE a.id = t.account_id AND `+tokenWhere+`
		RETURNING `+tokenColumns, auth.TokenHash(secret), purpose, now, asAccount).Scan(tokenDest(&t)...)
	if err != nil {
		return domain.AccountToken{}, notFound(err, "account token", purpose)
	}
	return t, nil
}

// ResetPassword uses a reset token: it sets the new password hash, spends
// every other reset link of the account and ends every session of the
// account, all in one transaction, so a thief holding a session is out
// the moment the owner takes the account back.
func (s *Store) ResetPassword(ctx context.Context, secret, passwordHash string, asAccount int64, now time.Time) (domain.Account, error) {
	var acct domain.Account
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		t, err := useToken(ctx, tx, secret, domain.TokenReset, asAccount, now)
		if err != nil {
			return err
		}
		// The link came to the address: following it confirms it too.
		acct, err = scanAccount(tx.QueryRow(ctx, `
			UPDATE accounts SET password_hash = $2, email_confirmed_at = coalesce(email_confirmed_at, $3)
			WHERE id = $1 RETURNING `+accountColumns, t.AccountID, passwordHash, now))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE account_tokens SET used_at = $2
			WHERE account_id = $1 AND purpose = 'reset' AND used_at IS NULL`, t.AccountID, now); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE account_id = $1`, t.AccountID)
		return err
	})
	if err != nil {
		return domain.Account{}, fmt.Errorf("store: reset password: %w", err)
	}
	return acct, nil
}

// ConfirmEmail uses a confirmation token and marks the account's address
// confirmed (a link sent to an address the account has since left is
// spent by the change, see ChangeEmail).
func (s *Store) ConfirmEmail(ctx context.Context, secret string, asAccount int64, now time.Time) (domain.Account, error) {
	var acct domain.Account
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		t, err := useToken(ctx, tx, secret, domain.TokenConfirm, asAccount, now)
		if err != nil {
			return err
		}
		acct, err = confirmAccount(ctx, tx, t.AccountID, now)
		return err
	})
	if err != nil {
		return domain.Account{}, fmt.Errorf("store: confirm e-mail: %w", err)
	}
	return acct, nil
}

// ChangeEmail uses a change-of-address token: the account moves to the new
// address (confirmed, since the link reached it) if no other account took
// it meanwhile (ErrEmailTaken, and the token stays unused), every other
// pending confirmation or change link of the account is spent, and every session but keepSession
// (the one that followed the link, if any) ends.
func (s *Store) ChangeEmail(ctx context.Context, secret string, asAccount int64, keepSession string, now time.Time) (domain.Account, error) {
	var acct domain.Account
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		t, err := useToken(ctx, tx, secret, domain.TokenChangeEmail, asAccount, now)
		if err != nil {
			return err
		}
		acct, err = scanAccount(tx.QueryRow(ctx, `
			UPDATE accounts SET email = $2, email_confirmed_at = $3
			WHERE id = $1 RETURNING `+accountColumns, t.AccountID, t.NewEmail, now))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE account_tokens SET used_at = $2
			WHERE account_id = $1 AND purpose IN ('confirm', 'change_email') AND used_at IS NULL`, t.AccountID, now); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2`,
			t.AccountID, auth.TokenHash(keepSession))
		return err
	})
	if isUniqueViolation(err, "accounts_email_lower_key") {
		return domain.Account{}, ErrEmailTaken
	}
	if err != nil {
		return domain.Account{}, fmt.Errorf("store: change e-mail: %w", err)
	}
	return acct, nil
}

// confirmAccount marks the account's address confirmed and spends its
// other confirmation links, so their pending mails are not sent.
func confirmAccount(ctx context.Context, tx pgx.Tx, accountID int64, now time.Time) (domain.Account, error) {
	if _, err := tx.Exec(ctx, `UPDATE account_tokens SET used_at = $2
		WHERE account_id = $1 AND purpose = 'confirm' AND used_at IS NULL`, accountID, now); err != nil {
		return domain.Account{}, err
	}
	return scanAccount(tx.QueryRow(ctx, `
		UPDATE accounts SET email_confirmed_at = coalesce(email_confirmed_at, $2)
		WHERE id = $1 RETURNING `+accountColumns, accountID, now))
}

// MarkEmailConfirmed confirms an account's address without a link: for
// the demo's accounts and the test builders, whose addresses are made up.
func (s *Store) MarkEmailConfirmed(ctx context.Context, accountID int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		_, err := confirmAccount(ctx, tx, accountID, time.Now())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: mark e-mail confirmed: %w", err)
	}
	return nil
}
