package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/moderation"
)

// TalentRecord is what every talent page shows about one talent: the
// profile's stored state, the photos in book order and the reels.
type TalentRecord struct {
	Profile ProfileRecord
	Photos  []domain.Photo
	Reels   []domain.Reel
	// Validation is the latest validation task (open, or decided with its
	// reasons); nil when the profile was never submitted.
	Validation *moderation.Task
}

// PhotoDetail says how much of each photo Talent reads.
type PhotoDetail bool

const (
	// WithoutReports leaves out the check reports, which only the photo
	// cards show: the editor's meter, the dashboard and the public page
	// need a photo's status, not the JSON of every check.
	WithoutReports PhotoDetail = false
	// WithReports reads them too, for the photos page.
	WithReports PhotoDetail = true
)

// Talent reads a talent's profile (into doc, as Profile does), photos and
// reels in one round trip: the three queries go to the server as one
// pgx batch, on one connection, and their answers come back together.
func (s *Store) Talent(ctx context.Context, accountID int64, doc any, detail PhotoDetail) (TalentRecord, error) {
	r := TalentRecord{Profile: ProfileRecord{AccountID: accountID, Status: domain.ProfileDraft}}
	b := &pgx.Batch{}
	b.Queue(`SELECT data, status, updated_at, submitted_at, validated_at FROM profiles WHERE account_id = $1`, accountID).
		QueryRow(func(row pgx.Row) error {
			p := &r.Profile
			err := row.Scan(&p.Data, &p.Status, &p.UpdatedAt, &p.SubmittedAt, &p.ValidatedAt)
			if errors.Is(err, pgx.ErrNoRows) {
				return nil // never saved: an empty draft
			}
			return err
		})
	cols, scan := photoSummaryColumns, scanPhotoSummary
	if detail == WithReports {
		cols, scan = photoColumns, scanPhoto
	}
	b.Queue(`SELECT `+cols+` FROM photos WHERE account_id = $1 ORDER BY position, id`, accountID).
		Query(func(rows pgx.Rows) error {
			var err error
			r.Photos, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Photo, error) { return scan(row) })
			return err
		})
	b.Queue(`SELECT `+reelColumns+` FROM reels WHERE account_id = $1 ORDER BY created_at, id`, accountID).
		Query(func(rows pgx.Rows) error {
			var err error
			r.Reels, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Reel, error) { return scanReel(row) })
			return err
		})
	// slice validation: the latest task, in the same round trip.
	b.Queue(`SELECT `+taskColumns+taskFrom+` WHERE t.subject = 'profile' AND t.subject_id = $1 AND t.owner_id = $1
		ORDER BY t.opened_at DESC, t.id DESC LIMIT 1`, accountID).QueryRow(func(row pgx.Row) error {
		t, err := scanTask(row)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		r.Validation = &t
		return err
	})
	if err := s.pool.SendBatch(ctx, b).Close(); err != nil {
		return TalentRecord{}, fmt.Errorf("store: talent %d: %w", accountID, err)
	}
	if len(r.Profile.Data) > 0 {
		if err := json.Unmarshal(r.Profile.Data, doc); err != nil {
			return TalentRecord{}, fmt.Errorf("store: talent %d: profile: %w", accountID, err)
		}
	}
	return r, nil
}
