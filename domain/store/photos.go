package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/jobs"
)

// ErrTooManyPhotos means the talent already has MaxPhotos photos.
var ErrTooManyPhotos = fmt.Errorf("a profile holds at most %d photos", domain.MaxPhotos)

const photoColumns = `id, account_id, position, caption, is_headshot, content_type, bytes, width, height,
	status, checked_as, report, problem, check_seq, created_at, checked_at, review, review_reason`

func scanPhoto(row pgx.Row) (domain.Photo, error) {
	var p domain.Photo
	err := row.Scan(&p.ID, &p.AccountID, &p.Position, &p.Caption, &p.IsHeadshot, &p.ContentType, &p.Bytes,
		&p.Width, &p.Height, &p.Status, &p.CheckedAs, &p.Report, &p.Problem, &p.CheckSeq, &p.CreatedAt, &p.CheckedAt, &p.Review, &p.ReviewReason)
	return p, err
}

// photoSummaryColumns are photoColumns without the check report (JSONB,
// the largest column): only the photo cards show it.
const photoSummaryColumns = `id, account_id, position, caption, is_headshot, content_type, bytes, width, height,
	status, checked_as, problem, check_seq, created_at, checked_at, review, review_reason`

// scanPhotoSummary scans photoSummaryColumns; Report stays nil.
func scanPhotoSummary(row pgx.Row) (domain.Photo, error) {
	var p domain.Photo
	err := row.Scan(&p.ID, &p.AccountID, &p.Position, &p.Caption, &p.IsHeadshot, &p.ContentType, &p.Bytes,
		&p.Width, &p.Height, &p.Status, &p.CheckedAs, &p.Problem, &p.CheckSeq, &p.CreatedAt, &p.CheckedAt, &p.Review, &p.ReviewReason)
	return p, err
}

// NewPhoto describes an upload that passed the request-time checks and
// whose original is already stored under objstore.PhotoKey(ID, Original).
type NewPhoto struct {
	// ID comes from NewPhotoID.
	ID          int64
	ContentType string
	Bytes       int64
	Width       int
	Height      int
	Headshot    bool
	Caption     string
}

// NewPhotoID chooses the id of a photo the talent is about to upload, so
// its original can be stored under a key naming the row before the row
// exists, and no object is written inside a transaction. A profile that
// already holds MaxPhotos is refused here with ErrTooManyPhotos, so a full
// profile never uploads in vain; AddPhoto enforces the cap again. An id
// never used is only a gap in the sequence.
func (s *Store) NewPhotoID(ctx context.Context, accountID int64) (int64, error) {
	return s.newID(ctx, "photos", accountID, domain.MaxPhotos, ErrTooManyPhotos)
}

// AddPhoto inserts a photo under the id NewPhotoID chose and enqueues its
// check, in one short transaction: the original is already stored, so
// nothing slow holds the talent's photos locked, and if the row cannot be
// committed the job is not queued either. A new headshot sends the
// previous one back to the book, re-checked by the book rules.
func (s *Store) AddPhoto(ctx context.Context, accountID int64, np NewPhoto) (domain.Photo, error) {
	if np.ID <= 0 {
		return domain.Photo{}, fmt.Errorf("store: add photo: id %d was not chosen by NewPhotoID", np.ID)
	}
	var p domain.Photo
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		// Serialise a talent's photo writes: positions and the headshot
		// flag are per account.
		var count int
		if err := tx.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM photos WHERE account_id = $1 FOR UPDATE) x`, accountID).Scan(&count); err != nil {
			return err
		}
		if count >= domain.MaxPhotos {
			return ErrTooManyPhotos
		}
		if np.Headshot {
			if err := s.demoteHeadshot(ctx, tx, accountID); err != nil {
				return err
			}
		}
		checkedAs := domain.PhotoBook
		if np.Headshot {
			checkedAs = domain.PhotoHeadshot
		}
		var err error
		p, err = scanPhoto(tx.QueryRow(ctx, `
			INSERT INTO photos (id, account_id, position, caption, is_headshot, content_type, bytes, width, height, checked_as)
			OVERRIDING SYSTEM VALUE
			VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM photos WHERE account_id = $2), $3, $4, $5, $6, $7, $8, $9)
			RETURNING `+photoColumns,
			np.ID, accountID, np.Caption, np.Headshot, np.ContentType, np.Bytes, np.Width, np.Height, checkedAs))
		if err != nil {
			return err
		}
		_, err = s.jobs.InsertTx(ctx, tx, jobs.CheckPhotoArgs{PhotoID: p.ID, Seq: p.CheckSeq}, nil)
		return err
	})
	if err != nil {
		return domain.Photo{}, fmt.Errorf("store: add photo %d: %w", np.ID, err)
	}
	return p, nil
}

// recheck marks a photo pending under the rules it now needs and queues
// its check.
func (s *Store) recheck(ctx context.Context, tx pgx.Tx, photoID int64, headshot bool) error {
	checkedAs := domain.PhotoBook
	if headshot {
		checkedAs = domain.PhotoHeadshot
	}
	var seq int
	err := tx.QueryRow(ctx, `
		UPDATE photos SET is_headshot = $2, checked_as = $3, status = 'pending', problem = '',
			check_seq = check_seq + 1, review = '', review_reason = '', reviewed_by = NULL, reviewed_at = NULL
		WHERE id = $1 RETURNING check_seq`, photoID, headshot, checkedAs).Scan(&seq)
	if err != nil {
		return err
	}
	_, err = s.jobs.InsertTx(ctx, tx, jobs.CheckPhotoArgs{PhotoID: photoID, Seq: seq}, nil)
	return err
}

func (s *Store) demoteHeadshot(ctx context.Context, tx pgx.Tx, accountID int64) error {
	var id int64
	err := tx.QueryRow(ctx, `SELECT id FROM photos WHERE account_id = $1 AND is_headshot`, accountID).Scan(&id)
	if err == pgx.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return s.recheck(ctx, tx, id, false)
}

// Photos returns a talent's photos in book order.
func (s *Store) Photos(ctx context.Context, accountID int64) ([]domain.Photo, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+photoColumns+` FROM photos WHERE account_id = $1 ORDER BY position, id`, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: photos: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Photo, error) { return scanPhoto(r) })
	if err != nil {
		return nil, fmt.Errorf("store: photos: %w", err)
	}
	return list, nil
}

// Photo returns one photo of the account: another talent's photo is
// ErrNotFound, so nobody can act on a photo that is not theirs.
func (s *Store) Photo(ctx context.Context, accountID, photoID int64) (domain.Photo, error) {
	p, err := scanPhoto(s.pool.QueryRow(ctx, `SELECT `+photoColumns+` FROM photos WHERE id = $1 AND account_id = $2`, photoID, accountID))
	if err != nil {
		return domain.Photo{}, notFound(err, "photo", photoID)
	}
	return p, nil
}

// BookPlace says where a photo stands in the book: the first and the
// last can move only one way. The headshot is neither.
type BookPlace struct {
	First, Last bool
}

// PhotoInBook returns one photo of the account, as Photo does, with its
// place in the book, in one query: what its card shows.
func (s *Store) PhotoInBook(ctx context.Context, accountID, photoID int64) (domain.Photo, BookPlace, error) {
	var p domain.Photo
	var at BookPlace
	err := s.pool.QueryRow(ctx, `
		SELECT `+photoColumns+`,
			NOT is_headshot AND id = (SELECT b.id FROM photos b WHERE b.account_id = $2 AND NOT b.is_headshot ORDER BY b.position, b.id LIMIT 1),
			NOT is_headshot AND id = (SELECT b.id FROM photos b WHERE b.account_id = $2 AND NOT b.is_headshot ORDER BY b.position DESC, b.id DESC LIMIT 1)
		FROM photos WHERE id = $1 AND account_id = $2`, photoID, accountID).
		Scan(&p.ID, &p.AccountID, &p.Position, &p.Caption, &p.IsHeadshot, &p.ContentType, &p.Bytes,
			&p.Width, &p.Height, &p.Status, &p.CheckedAs, &p.Report, &p.Problem, &p.CheckSeq, &p.CreatedAt, &p.CheckedAt, &p.Review, &p.ReviewReason,
			&at.First, &at.Last)
	if err != nil {
		return domain.Photo{}, BookPlace{}, notFound(err, "photo", photoID)
	}
	return p, at, nil
}

// PhotoByID returns a photo whoever owns it, for the workers and for
// serving images after the caller checked who may see them.
func (s *Store) PhotoByID(ctx context.Context, photoID int64) (domain.Photo, error) {
	p, err := scanPhoto(s.pool.QueryRow(ctx, `SELECT `+photoColumns+` FROM photos WHERE id = $1`, photoID))
	if err != nil {
		return domain.Photo{}, notFound(err, "photo", photoID)
	}
	return p, nil
}

// SetCaption changes a photo's caption.
func (s *Store) SetCaption(ctx context.Context, accountID, photoID int64, caption string) (domain.Photo, error) {
	p, err := scanPhoto(s.pool.QueryRow(ctx, `UPDATE photos SET caption = $3 WHERE id = $1 AND account_id = $2 RETURNING `+photoColumns,
		photoID, accountID, caption))
	if err != nil {
		return domain.Photo{}, notFound(err, "photo", photoID)
	}
	return p, nil
}

// MovePhoto swaps a photo with its neighbour before (delta < 0) or after
// it in the book. Moving past either end changes nothing.
func (s *Store) MovePhoto(ctx context.Context, accountID, photoID int64, delta int) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, position FROM photos WHERE account_id = $1 ORDER BY position, id FOR UPDATE`, accountID)
		if err != nil {
			return err
		}
		type slot struct{ id int64 }
		ids, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (slot, error) {
			var s slot
			var pos int
			return s, r.Scan(&s.id, &pos)
		})
		if err != nil {
			return err
		}
		at := -1
		for i, sl := range ids {
			if sl.id == photoID {
				at = i
			}
		}
		if at < 0 {
			return fmt.Errorf("store: move photo %d: %w", photoID, ErrNotFound)
		}
		to := at + delta
		if to < 0 || to >= len(ids) {
			return nil
		}
		ids[at], ids[to] = ids[to], ids[at]
		// Rewrite positions 1..n: the order stays dense after deletes.
		for i, sl := range ids {
			if _, err := tx.Exec(ctx, `UPDATE photos SET position = $2 WHERE id = $1`, sl.id, i+1); err != nil {
				return err
			}
		}
		return nil
	})
}

// SetHeadshot makes a photo the headshot. The previous headshot goes back
// to the book; both are re-checked by their new rules.
func (s *Store) SetHeadshot(ctx context.Context, accountID, photoID int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var isHeadshot bool
		err := tx.QueryRow(ctx, `SELECT is_headshot FROM photos WHERE id = $1 AND account_id = $2 FOR UPDATE`, photoID, accountID).Scan(&isHeadshot)
		if err != nil {
			return notFound(err, "photo", photoID)
		}
		if isHeadshot {
			return nil
		}
		if err := s.demoteHeadshot(ctx, tx, accountID); err != nil {
			return err
		}
		return s.recheck(ctx, tx, photoID, true)
	})
	if err != nil {
		return fmt.Errorf("store: set headshot: %w", err)
	}
	return nil
}

// DeletePhoto deletes a photo and queues the removal of its stored files.
func (s *Store) DeletePhoto(ctx context.Context, accountID, photoID int64) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `DELETE FROM photos WHERE id = $1 AND account_id = $2`, photoID, accountID)
		if err != nil {
			return fmt.Errorf("store: delete photo: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("store: delete photo %d: %w", photoID, ErrNotFound)
		}
		_, err = s.jobs.InsertTx(ctx, tx, jobs.PurgePhotoArgs{PhotoID: photoID}, nil)
		return err
	})
}

// SavePhotoCheck records a check's outcome if the photo still exists and
// no newer check was requested since (seq). It reports whether it saved.
func (s *Store) SavePhotoCheck(ctx context.Context, photoID int64, seq int, c domain.PhotoCheck) (bool, error) {
	tag, err := s.pool.Exec(ctx, `
		UPDATE photos SET status = $3, checked_as = $4, report = $5, problem = $6,
			width = CASE WHEN $7 > 0 THEN $7 ELSE width END,
			height = CASE WHEN $8 > 0 THEN $8 ELSE height END,
			checked_at = now()
		WHERE id = $1 AND check_seq = $2`,
		photoID, seq, c.Status, c.CheckedAs, c.Report, c.Problem, c.Width, c.Height)
	if err != nil {
		return false, fmt.Errorf("store: save photo check %d: %w", photoID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// ExistingPhotoIDs reports which of ids name a photo row, for the sweep
// that removes stored objects no row names.
func (s *Store) ExistingPhotoIDs(ctx context.Context, ids []int64) (map[int64]bool, error) {
	return s.existingIDs(ctx, "photos", ids)
}
