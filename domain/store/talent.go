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
	// The profile and its latest validation task in one statement: either
	// may be missing (a talent who never saved, a profile never
	// submitted), and a missing one's columns are skipped, not scanned.
	b.b.Queue(`SELECT p.status, p.data, p.updated_at, p.submitted_at, p.validated_at, v.*
		FROM (SELECT $1::bigint AS id) me
		LEFT JOIN profiles p ON p.account_id = me.id
		LEFT JOIN LATERAL (SELECT `+taskColumns+taskFrom+`
			WHERE t.subject = 'profile' AND t.subject_id = me.id AND t.owner_id = me.id
			ORDER BY t.opened_at DESC, t.id DESC LIMIT 1) v ON true`, accountID).
		Query(func(rows pgx.Rows) error {
			if err := r.scanProfileAndValidation(rows, doc); err != nil {
				return fmt.Errorf("store: talent %d: %w", accountID, err)
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
	return r
}

// scanProfileAndValidation reads the one row of Talent's profile query:
// the profile's columns when it was ever saved (else an empty draft, as
// r starts), its data decoded into doc, and the validation task when
// there is one.
func (r *TalentRecord) scanProfileAndValidation(rows pgx.Rows, doc any) error {
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return err
		}
		return errors.New("no row")
	}
	raw := rows.RawValues()
	const profileCols = 5
	p := &r.Profile
	dest := []any{&p.Status, &p.Data, &p.UpdatedAt, &p.SubmittedAt, &p.ValidatedAt}
	if raw[0] == nil { // never saved
		dest = make([]any, profileCols)
	}
	var t moderation.Task
	var reasons []string
	task := taskDest(&t, &reasons)
	hasTask := raw[profileCols] != nil
	if !hasTask {
		task = make([]any, len(task))
	}
	if err := rows.Scan(append(dest, task...)...); err != nil {
		return err
	}
	if hasTask {
		t.Reasons = reasonCodes(reasons)
		r.Validation = &t
	}
	if len(p.Data) > 0 {
		if err := json.Unmarshal(p.Data, doc); err != nil {
			return fmt.Errorf("profile: %w", err)
		}
	}
	return rows.Err()
}
