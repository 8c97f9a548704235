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

// ProfileStatus reads only a profile's validation status (draft when the
// talent never saved a section), for the checks of who may see a
// talent's photos and reels, which need nothing of the document. A
// suspended talent's profile reads as a draft: not public while the
// suspension lasts, validated again once it is lifted.
func (s *Store) ProfileStatus(ctx context.Context, accountID int64) (domain.ProfileStatus, error) {
	status := domain.ProfileDraft
	err := s.pool.QueryRow(ctx, `SELECT CASE WHEN a.suspended_at IS NULL THEN p.status ELSE 'draft' END
		FROM profiles p JOIN accounts a ON a.id = p.account_id WHERE p.account_id = $1`, accountID).Scan(&status)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("store: profile status %d: %w", accountID, err)
	}
	return status, nil
}

// SaveProfile writes the whole profile document and moves the status on
// by domain.ProfileStatus.AfterEdit: a rejected profile the talent edits
// goes back to draft, ready to be resubmitted; a validated one stays
// validated. The row is locked while the rule decides, so a moderator's
// decision landing meanwhile is never overwritten with a stale status.
func (s *Store) SaveProfile(ctx context.Context, accountID int64, doc any) error {
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("store: save profile: %w", err)
	}
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		status, found, err := lockProfileStatus(ctx, tx, accountID)
		if err != nil {
			return err
		}
		if !found {
			tag, err := tx.Exec(ctx, `
				INSERT INTO profiles (account_id, data, status) VALUES ($1, $2, $3)
				ON CONFLICT (account_id) DO NOTHING`, accountID, data, status.AfterEdit())
			if err != nil || tag.RowsAffected() == 1 {
				return err
			}
			// A concurrent first save created the row: edit that one.
			if status, _, err = lockProfileStatus(ctx, tx, accountID); err != nil {
				return err
			}
		}
		_, err = tx.Exec(ctx, `UPDATE profiles SET data = $2, status = $3, updated_at = now() WHERE account_id = $1`,
			accountID, data, status.AfterEdit())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: save profile: %w", err)
	}
	return nil
}

// SubmitProfile marks a profile submitted for validation when
// domain.ProfileStatus.CanSubmit allows it (a draft or a rejected one);
// otherwise, or when the talent never saved a section, it is ErrNotFound.
// The caller has checked the profile is complete. The validation task and
// its deadline jobs are opened in the same transaction.
func (s *Store) SubmitProfile(ctx context.Context, accountID int64) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		status, found, err := lockProfileStatus(ctx, tx, accountID)
		if err != nil {
			return err
		}
		if !found || !status.CanSubmit() {
			return fmt.Errorf("store: submit profile %d: %w", accountID, ErrNotFound)
		}
		_, err = tx.Exec(ctx, `UPDATE profiles SET status = $2, submitted_at = now() WHERE account_id = $1`,
			accountID, domain.ProfileSubmitted)
		if err != nil {
			return err
		}
		return s.openProfileTask(ctx, tx, accountID) // slice validation: the task and its deadline jobs
	})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("store: submit profile: %w", err)
	}
	return err
}

// lockProfileStatus reads a profile's status and locks its row until the
// transaction ends; found is false when the talent never saved a section.
func lockProfileStatus(ctx context.Context, tx pgx.Tx, accountID int64) (status domain.ProfileStatus, found bool, err error) {
	err = tx.QueryRow(ctx, `SELECT status FROM profiles WHERE account_id = $1 FOR UPDATE`, accountID).Scan(&status)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	return status, err == nil, err
}
