package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// ErrEmailTaken means another account already uses the e-mail address, in
// any letter case.
var ErrEmailTaken = errors.New("e-mail address already registered")

const accountColumns = `id, email, name, role, time_zone, created_at, suspended_at, email_confirmed_at`

func scanAccount(row pgx.Row) (domain.Account, error) {
	var a domain.Account
	err := row.Scan(accountDest(&a)...)
	return a, err
}

// accountDest is where a row of accountColumns scans to.
func accountDest(a *domain.Account) []any {
	return []any{&a.ID, &a.Email, &a.Name, &a.Role, &a.TimeZone, &a.CreatedAt, &a.SuspendedAt, &a.EmailConfirmedAt}
}

// CreateAccount inserts an account with an already-hashed password and, in
// the same transaction, the welcome job and the confirmation of its
// address (a token and the job that mails it). A taken address (any case)
// returns ErrEmailTaken.
func (s *Store) CreateAccount(ctx context.Context, name, email string, role domain.Role, passwordHash string) (domain.Account, error) {
	var acct domain.Account
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		acct, err = scanAccount(tx.QueryRow(ctx, `
			INSERT INTO accounts (name, email, role, password_hash)
			VALUES ($1, $2, $3, $4)
			RETURNING `+accountColumns, name, email, role, passwordHash))
		if err != nil {
			return err
		}
		if _, err = s.jobs.InsertTx(ctx, tx, jobs.WelcomeArgs{AccountID: acct.ID}, nil); err != nil {
			return err
		}
		return s.requestToken(ctx, tx, acct, domain.TokenConfirm, "", time.Now())
	})
	if isUniqueViolation(err, "accounts_email_lower_key") {
		return domain.Account{}, ErrEmailTaken
	}
	if err != nil {
		return domain.Account{}, fmt.Errorf("store: create account: %w", err)
	}
	return acct, nil
}

// AccountByID returns one account.
func (s *Store) AccountByID(ctx context.Context, id int64) (domain.Account, error) {
	return one(ctx, s, func(b *Batch) *domain.Account { return b.AccountByID(id) })
}

// AccountByID queues Store.AccountByID.
func (b *Batch) AccountByID(id int64) *domain.Account {
	a := &domain.Account{}
	b.b.Queue(`SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id).QueryRow(func(row pgx.Row) error {
		got, err := scanAccount(row)
		if err != nil {
			return notFound(err, "account", id)
		}
		*a = got
		return nil
	})
	return a
}

// Credentials returns the account with this e-mail (any case) and its
// password hash, for logging in.
func (s *Store) Credentials(ctx context.Context, email string) (domain.Account, string, error) {
	var hash string
	var a domain.Account
	err := s.pool.QueryRow(ctx, `SELECT `+accountColumns+`, password_hash FROM accounts WHERE lower(email) = lower($1)`,
		strings.TrimSpace(email)).Scan(append(accountDest(&a), &hash)...)
	if err != nil {
		return domain.Account{}, "", notFound(err, "account", "by e-mail")
	}
	return a, hash, nil
}

// CountAccounts returns how many accounts exist; an empty database gets the
// demo data on `make run`.
func (s *Store) CountAccounts(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM accounts`).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count accounts: %w", err)
	}
	return n, nil
}

// SetTimeZone records the zone an account reads dates in (an IANA name the
// caller has checked).
func (s *Store) SetTimeZone(ctx context.Context, accountID int64, zone string) error {
	if _, err := s.pool.Exec(ctx, `UPDATE accounts SET time_zone = $2 WHERE id = $1`, accountID, zone); err != nil {
		return fmt.Errorf("store: set time zone: %w", err)
	}
	return nil
}
