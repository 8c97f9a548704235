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

// NewReelID chooses the id of a reel file the talent is about to upload,
// so the file can be stored under objstore.ReelKey(id) before the row
// exists. A profile that already holds MaxReels is refused here with
// ErrTooManyReels, before the upload; AddReel enforces the cap again.
func (s *Store) NewReelID(ctx context.Context, accountID int64) (int64, error) {
	return s.newID(ctx, "reels", accountID, domain.MaxReels, ErrTooManyReels)
}

// AddReel inserts a reel in one short transaction: a link, which gets a
// new id, or an upload whose file is already stored under
// objstore.ReelKey(r.ID), with r.ID from NewReelID.
func (s *Store) AddReel(ctx context.Context, accountID int64, r domain.Reel) (domain.Reel, error) {
	if r.IsUpload() && r.ID <= 0 {
		return domain.Reel{}, fmt.Errorf("store: add reel: an upload's id %d was not chosen by NewReelID", r.ID)
	}
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
			INSERT INTO reels (id, account_id, kind, title, provider, url, content_type, bytes)
			OVERRIDING SYSTEM VALUE
			VALUES (coalesce(nullif($1::bigint, 0), nextval(pg_get_serial_sequence('reels', 'id'))), $2, $3, $4, $5, $6, $7, $8)
			RETURNING `+reelColumns,
			r.ID, accountID, r.Kind, r.Title, r.Provider, r.URL, r.ContentType, r.Bytes))
		return err
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

// ExistingReelIDs reports which of ids name a reel row, for the sweep
// that removes stored files no row names.
func (s *Store) ExistingReelIDs(ctx context.Context, ids []int64) (map[int64]bool, error) {
	return s.existingIDs(ctx, "reels", ids)
}
