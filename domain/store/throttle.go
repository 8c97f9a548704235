package store

import (
	"context"
	"fmt"
	"time"
)

// ThrottleRule says how many failures a key may have within Window before
// it is locked for Lockout.
type ThrottleRule struct {
	MaxFailures int
	Window      time.Duration
	Lockout     time.Duration
}

// LockedUntil returns the latest lock among keys, or the zero time when none
// of them is locked.
func (s *Store) LockedUntil(ctx context.Context, keys ...string) (time.Time, error) {
	var until *time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT max(locked_until) FROM login_throttle
		WHERE key = ANY($1) AND locked_until > now()`, keys).Scan(&until)
	if err != nil {
		return time.Time{}, fmt.Errorf("store: throttle: %w", err)
	}
	if until == nil {
		return time.Time{}, nil
	}
	return *until, nil
}

// RecordFailure counts a failed login against key under rule, locking the
// key when it reaches the limit. One statement, so concurrent failures are
// all counted.
func (s *Store) RecordFailure(ctx context.Context, key string, rule ThrottleRule) error {
	_, err := s.pool.Exec(ctx, `
		INSERT INTO login_throttle AS t (key, failures, window_start)
		VALUES ($1, 1, now())
		ON CONFLICT (key) DO UPDATE SET
			failures     = CASE WHEN t.window_start < now() - $2::interval THEN 1 ELSE t.failures + 1 END,
			window_start = CASE WHEN t.window_start < now() - $2::interval THEN now() ELSE t.window_start END,
			locked_until = CASE WHEN t.window_start >= now() - $2::interval AND t.failures + 1 >= $3
			                    THEN now() + $4::interval ELSE t.locked_until END`,
		key, rule.Window, rule.MaxFailures, rule.Lockout)
	if err != nil {
		return fmt.Errorf("store: record login failure: %w", err)
	}
	return nil
}

// ClearFailures forgets the failures of key after a successful login.
func (s *Store) ClearFailures(ctx context.Context, key string) error {
	if _, err := s.pool.Exec(ctx, `DELETE FROM login_throttle WHERE key = $1`, key); err != nil {
		return fmt.Errorf("store: clear login failures: %w", err)
	}
	return nil
}

// DeleteStaleThrottles removes rows whose window and lock are both long past.
func (s *Store) DeleteStaleThrottles(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `
		DELETE FROM login_throttle
		WHERE window_start < now() - interval '1 day' AND (locked_until IS NULL OR locked_until < now())`)
	if err != nil {
		return 0, fmt.Errorf("store: delete stale throttles: %w", err)
	}
	return tag.RowsAffected(), nil
}
