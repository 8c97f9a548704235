package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
)

// ProfileRecord is a profile's stored state; Data is the JSON document of
// its sections.
type ProfileRecord struct {
	AccountID   int64
	Data        []byte
	Status      domain.ProfileStatus
	UpdatedAt   time.Time
	SubmittedAt *time.Time
	ValidatedAt *time.Time
}

// Profile loads the account's profile into doc (a pointer to the profile
// struct). A talent who never saved a section has an empty draft: doc is
// left as is and the record says draft.
func (s *Store) Profile(ctx context.Context, accountID int64, doc any) (ProfileRecord, error) {
	r := ProfileRecord{AccountID: accountID, Status: domain.ProfileDraft}
	err := s.pool.QueryRow(ctx, `SELECT data, status, updated_at, submitted_at, validated_at FROM profiles WHERE account_id = $1`, accountID).
		Scan(&r.Data, &r.Status, &r.UpdatedAt, &r.SubmittedAt, &r.ValidatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("store: profile %d: %w", accountID, err)
	}
	if err := json.Unmarshal(r.Data, doc); err != nil {
		return r, fmt.Errorf("store: profile %d: %w", accountID, err)
	}
	return r, nil
}

// SaveProfile writes the whole profile document. A rejected profile that
// the talent edits goes back to draft, ready to be resubmitted; a
// validated one stays validated.
func (s *Store) SaveProfile(ctx context.Context, accountID int64, doc any) error {
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("store: save profile: %w", err)
	}
	_, err = s.pool.Exec(ctx, `
		INSERT INTO profiles (account_id, data) VALUES ($1, $2)
		ON CONFLICT (account_id) DO UPDATE SET data = excluded.data, updated_at = now(),
			status = CASE WHEN profiles.status = 'rejected' THEN 'draft' ELSE profiles.status END`,
		accountID, data)
	if err != nil {
		return fmt.Errorf("store: save profile: %w", err)
	}
	return nil
}

// SubmitProfile marks a draft or rejected profile submitted for
// validation. The caller has checked the profile is complete.
func (s *Store) SubmitProfile(ctx context.Context, accountID int64) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE profiles SET status = 'submitted', submitted_at = now()
		WHERE account_id = $1 AND status IN ('draft', 'rejected')`, accountID)
	if err != nil {
		return fmt.Errorf("store: submit profile: %w", err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: submit profile %d: %w", accountID, ErrNotFound)
	}
	return nil
}
