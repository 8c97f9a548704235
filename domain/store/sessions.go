package store

import (
	"context"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
)

// touchEvery limits last_seen_at writes to one a minute per session, so
// browsing does not turn every page view into a write.
const touchEvery = time.Minute

// CreateSession starts a session for the account and returns the token for
// the cookie; only its hash is stored. The session ends at the latest after
// maxAge.
func (s *Store) CreateSession(ctx context.Context, accountID int64, ip, userAgent string, maxAge time.Duration) (string, error) {
	token := auth.NewToken()
	if len(userAgent) > 300 {
		userAgent = userAgent[:300]
	}
	_, err := s.pool.Exec(ctx, `
		WITH session AS (
			INSERT INTO sessions (token_hash, account_id, expires_at, ip, user_agent)
			VALUES ($1, $2, now() + $3::interval, $4, $5)
		)
		INSERT INTO login_addresses (account_id, ip) VALUES ($2, $4)
		ON CONFLICT (account_id, ip) DO UPDATE SET last_login_at = now()`,
		auth.TokenHash(token), accountID, maxAge, ip, userAgent)
	if err != nil {
		return "", fmt.Errorf("store: create session: %w", err)
	}
	return token, nil
}

// KnownAddress reports whether the account has logged in from ip within
// the last 90 days.
func (s *Store) KnownAddress(ctx context.Context, accountID int64, ip string) (bool, error) {
	var known bool
	err := s.pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM login_addresses
		               WHERE account_id = $1 AND ip = $2 AND last_login_at > now() - interval '90 days')`,
		accountID, ip).Scan(&known)
	if err != nil {
		return false, fmt.Errorf("store: known address: %w", err)
	}
	return known, nil
}

// SessionAccount returns the account behind a session token if the session
// has neither passed its absolute expiry nor been idle longer than idle, and
// the account is not suspended. It refreshes the idle clock.
func (s *Store) SessionAccount(ctx context.Context, token string, idle time.Duration) (domain.Account, error) {
	var lastSeen time.Time
	var a domain.Account
	hash := auth.TokenHash(token)
	err := s.pool.QueryRow(ctx, `
		SELECT a.id, a.email, a.name, a.role, a.time_zone, a.created_at, a.suspended_at, a.email_confirmed_at,
		       s.last_seen_at
		FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2::interval
		  AND a.suspended_at IS NULL`, hash, idle).
		Scan(append(accountDest(&a), &lastSeen)...)
	if err != nil {
		return domain.Account{}, notFound(err, "session", "by token")
	}
	if time.Since(lastSeen) > touchEvery {
		if _, err := s.pool.Exec(ctx, `UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, hash); err != nil {
			return domain.Account{}, fmt.Errorf("store: touch session: %w", err)
		}
	}
	return a, nil
}

// DeleteSession ends a session (log out). Ending an unknown one is not an error.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE token_hash = $1`, auth.TokenHash(token)); err != nil {
		return fmt.Errorf("store: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions past their absolute expiry.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at <= now()`)
	if err != nil {
		return 0, fmt.Errorf("store: delete expired sessions: %w", err)
	}
	return tag.RowsAffected(), nil
}
