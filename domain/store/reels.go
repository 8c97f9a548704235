package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// ErrTooManyReels means the talent already has MaxReels reels.
var ErrTooManyReels = fmt.Errorf("a profile holds at most %d reels", domain.MaxReels)

const reelColumns = `id, account_id, kind, title, provider, url, content_type, bytes, created_at`

func scanReel(row pgx.Row) (domain.Reel, error) {
	var r domain.Reel
	err := row.Scan(&r.ID, &r.AccountID, &r.Kind, &r.Title, &r.Provider, &r.URL, &r.ContentType, &r.Bytes, &r.CreatedAt)
	return r, err
}

// AddReel inserts a reel. For an upload (no URL), put stores the file under
// a key derived from the new id inside the same transaction, so a failed
// store leaves no row.
func (s *Store) AddReel(ctx context.Context, accountID int64, r domain.Reel, put func(ctx context.Context, reelID int64) error) (domain.Reel, error) {
	var out domain.Reel
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var count int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM reels WHERE account_id = $1 FOR UPDATE) x`, accountID).Scan(&count); err != nil {
			return err
		}
		if count >= domain.MaxReels {
			return ErrTooManyReels
		}
		var err error
		out, err = scanReel(tx.QueryRow(ctx, `
			INSERT INTO reels (account_id, kind, title, provider, url, content_type, bytes)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING `+reelColumns,
			accountID, r.Kind, r.Title, r.Provider, r.URL, r.ContentType, r.Bytes))
		if err != nil {
			return err
		}
		if out.IsUpload() && put != nil {
			return put(ctx, out.ID)
		}
		return nil
	})
	if err != nil {
		return domain.Reel{}, fmt.Errorf("store: add reel: %w", err)
	}
	return out, nil
}

// Reels returns a talent's reels, oldest first.
func (s *Store) Reels(ctx context.Context, accountID int64) ([]domain.Reel, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+reelColumns+` FROM reels WHERE account_id = $1 ORDER BY created_at, id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: reels: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Reel, error) { return scanReel(r) })
	if err != nil {
		return nil, fmt.Errorf("store: reels: %w", err)
	}
	return list, nil
}

// ReelByID returns a reel whoever owns it; callers check who may see it.
func (s *Store) ReelByID(ctx context.Context, reelID int64) (domain.Reel, error) {
	r, err := scanReel(s.pool.QueryRow(ctx, `SELECT `+reelColumns+` FROM reels WHERE id = $1`, reelID))
	if err != nil {
		return domain.Reel{}, notFound(err, "reel", reelID)
	}
	return r, nil
}

// DeleteReel deletes the account's reel and, for an upload, queues the
// removal of its file.
func (s *Store) DeleteReel(ctx context.Context, accountID, reelID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var url string
		err := tx.QueryRow(ctx, `DELETE FROM reels WHERE id = $1 AND account_id = $2 RETURNING url`, reelID, accountID).Scan(&url)
		if err != nil {
			return notFound(err, "reel", reelID)
		}
		if url != "" {
			return nil
		}
		_, err = s.jobs.InsertTx(ctx, tx, jobs.PurgeReelArgs{ReelID: reelID}, nil)
		return err
	})
}
