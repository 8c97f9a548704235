package store

import (
	"context"
	"fmt"
	"strings"
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
	r, err := s.Session(ctx, token, idle, false)
	return r.Account, err
}

// SessionRead is what a request learns from its session's one query: the
// account and, when asked for, the navigation's badges as they stood then.
type SessionRead struct {
	Account domain.Account
	// Counted says Nav (and, for a moderator, Staff) were read.
	Counted bool
	Nav     NavCount
	Staff   StaffCount
}

// sessionSQL checks the session and, when $3 is true, reads the badges of
// the session's own account (a.id, never a parameter) in the same
// statement, so a logged-in page does not wait for a second round trip
// before its own data; the shared queues' counts only for a moderator.
// A CASE arm's subquery runs only when the arm is taken.
var sessionSQL = func() string {
	cols := []string{"s.last_seen_at"}
	for _, c := range navCountsSQL("a.id") {
		cols = append(cols, "CASE WHEN $3 THEN "+c+" END")
	}
	for _, c := range staffCountsSQL {
		cols = append(cols, "CASE WHEN $3 AND a.role = '"+string(domain.RoleModerator)+"' THEN "+c+" END")
	}
	return `
		SELECT a.id, a.email, a.name, a.role, a.time_zone, a.created_at, a.suspended_at, a.email_confirmed_at,
		       ` + strings.Join(cols, ",\n\t\t       ") + `
		FROM sessions s JOIN accounts a ON a.id = s.account_id
		WHERE s.token_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - $2::interval
		  AND a.suspended_at IS NULL`
}()

// Session is SessionAccount with, when counts is set, the navigation's
// badges read in the same statement (see sessionSQL). The badges are as
// of the request's start: a handler that changes them before it renders
// reads them again (handlers.staleNav).
func (s *Store) Session(ctx context.Context, token string, idle time.Duration, counts bool) (SessionRead, error) {
	var (
		r                          SessionRead
		lastSeen                   time.Time
		msgs, notes, tasks, report *int
	)
	hash := auth.TokenHash(token)
	err := s.pool.QueryRow(ctx, sessionSQL, hash, idle, counts).
		Scan(append(accountDest(&r.Account), &lastSeen, &msgs, &notes, &tasks, &report)...)
	if err != nil {
		return SessionRead{}, notFound(err, "session", "by token")
	}
	if msgs != nil && notes != nil {
		r.Counted, r.Nav = true, NavCount{Messages: *msgs, Notifications: *notes}
	}
	if tasks != nil && report != nil {
		r.Staff = StaffCount{OpenTasks: *tasks, OpenReports: *report}
	}
	if time.Since(lastSeen) > touchEvery {
		if _, err := s.pool.Exec(ctx, `UPDATE sessions SET last_seen_at = now() WHERE token_hash = $1`, hash); err != nil {
			return SessionRead{}, fmt.Errorf("store: touch session: %w", err)
		}
	}
	return r, nil
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
