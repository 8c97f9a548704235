package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// TakeMailTokens reserves up to want sends to server in the rate window
// that starts at window, of which there are capacity in all, shared by
// every process that sends to that server; it returns how many it got (0:
// wait for the next window). A process whose clock is behind the window
// already recorded gets none until its clock catches up.
func (s *Store) TakeMailTokens(ctx context.Context, server string, window time.Time, want, capacity int) (int, error) {
	var granted int
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO mail_rate (server, window_start, used) VALUES ($1, $2, 0)
			ON CONFLICT (server) DO NOTHING`, server, window); err != nil {
			return err
		}
		var start time.Time
		var used int
		if err := tx.QueryRow(ctx, `SELECT window_start, used FROM mail_rate WHERE server = $1 FOR UPDATE`, server).
			Scan(&start, &used); err != nil {
			return err
		}
		switch {
		case window.After(start):
			start, used = window, 0
		case window.Before(start):
			return nil
		}
		granted = max(0, min(want, capacity-used))
		_, err := tx.Exec(ctx, `UPDATE mail_rate SET window_start = $2, used = $3 WHERE server = $1`, server, start, used+granted)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: mail rate of %s: %w", server, err)
	}
	return granted, nil
}
