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
	b := s.Batch()
	r := b.Talent(accountID, doc, detail)
	if err := b.Send(ctx); err != nil {
		return TalentRecord{}, err
	}
	return *r, nil
}

// Talent queues Store.Talent.
func (b *Batch) Talent(accountID int64, doc any, detail PhotoDetail) *TalentRecord {
	r := &TalentRecord{Profile: ProfileRecord{AccountID: accountID, Status: domain.ProfileDraft}}
	b.b.Queue(`SELECT data, status, updated_at, submitted_at, validated_at FROM profiles WHERE account_id = $1`, accountID).
		QueryRow(func(row pgx.Row) error {
			p := &r.Profile
			err := row.Scan(&p.Data, &p.Status, &p.UpdatedAt, &p.SubmittedAt, &p.ValidatedAt)
			switch {
			case errors.Is(err, pgx.ErrNoRows):
				return nil // never saved: an empty draft
			case err != nil:
				return fmt.Errorf("store: talent %d: %w", accountID, err)
			}
			if len(p.Data) == 0 {
				return nil
			}
			if err := json.Unmarshal(p.Data, doc); err != nil {
				return fmt.Errorf("store: talent %d: profile: %w", accountID, err)
			}
			return nil
		})
	cols, scan := photoSummaryColumns, scanPhotoSummary
	if detail == WithReports {
		cols, scan = photoColumns, scanPhoto
	}
	queueRows(b.b, fmt.Sprintf("store: talent %d: photos", accountID), &r.Photos,
		func(row pgx.CollectableRow) (domain.Photo, error) { return scan(row) },
		`SELECT `+cols+` FROM photos WHERE account_id = $1 ORDER BY position, id`, accountID)
	queueRows(b.b, fmt.Sprintf("store: talent %d: reels", accountID), &r.Reels,
		func(row pgx.CollectableRow) (domain.Reel, error) { return scanReel(row) },
		`SELECT `+reelColumns+` FROM reels WHERE account_id = $1 ORDER BY created_at, id`, accountID)
	// The latest validation task, in the same round trip.
	b.b.Queue(`SELECT `+taskColumns+taskFrom+` WHERE t.subject = 'profile' AND t.subject_id = $1 AND t.owner_id = $1
		ORDER BY t.opened_at DESC, t.id DESC LIMIT 1`, accountID).QueryRow(func(row pgx.Row) error {
		t, err := scanTask(row)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return nil
		case err != nil:
			return fmt.Errorf("store: talent %d: validation: %w", accountID, err)
		}
		r.Validation = &t
		return nil
	})
	return r
}
