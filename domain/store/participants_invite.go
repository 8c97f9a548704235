package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// ErrNotPublished means the listing is not published: nobody can be
// invited to a draft or a listing in review.
var ErrNotPublished = errors.New("store: the listing is not published")

// ErrKindMismatch means the talent does not work in the listing's kind:
// performers are invited to casting calls, crew to job listings.
var ErrKindMismatch = errors.New("store: the talent does not work in this kind of listing")

// InviteResult is what an invitation did: a new participation, or the one
// the talent already held in the role, left as it was.
type InviteResult struct {
	Participation production.Participation
	Created       bool
}

// Invite invites a talent to a role of the producer's published listing:
// a participation of origin invitation, state invited, whose note holds
// the producer's message, and an "invitation" notification to the talent,
// in one transaction. Holding it is what lets the talent see a private
// listing. A talent who already holds a participation in the role keeps
// it as it is (Created false says so). Another producer's listing, a role
// not of the listing or an account that is not talent is ErrNotFound; a
// closed listing ErrListingClosed, another unpublished one
// ErrNotPublished; a performer to a job listing or crew to a casting call
// ErrKindMismatch.
func (s *Store) Invite(ctx context.Context, producerID, listingID, roleID, talentID int64, message string) (InviteResult, error) {
	var res InviteResult
	if len([]rune(message)) > production.MaxApplicationMsg {
		return res, fmt.Errorf("store: invite: message over %d characters", production.MaxApplicationMsg)
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var kind production.Kind
		var status production.Status
		var title, roleName string
		err := tx.QueryRow(ctx, `
			SELECT l.kind, l.status, l.title, r.name
			FROM listings l JOIN listing_roles r ON r.listing_id = l.id AND r.id = $3
			WHERE l.id = $1 AND l.producer_id = $2 FOR SHARE OF l`, listingID, producerID, roleID).Scan(&kind, &status, &title, &roleName)
		if err != nil {
			return notFound(err, "listing role", fmt.Sprintf("%d/%d", listingID, roleID))
		}
		switch {
		case status == production.Closed:
			return ErrListingClosed
		case status != production.Published:
			return ErrNotPublished
		}
		var role domain.Role
		if err := tx.QueryRow(ctx, `SELECT role FROM accounts WHERE id = $1 AND suspended_at IS NULL`, talentID).Scan(&role); err != nil {
			return notFound(err, "talent", talentID)
		}
		talentKind, ok := production.KindFor(role)
		if !ok {
			return fmt.Errorf("talent %d: %w", talentID, ErrNotFound)
		}
		if talentKind != kind {
			return ErrKindMismatch
		}
		res.Participation, err = scanParticipation(tx.QueryRow(ctx, `
			INSERT INTO participations AS pa (listing_id, role_id, talent_id, producer_id, origin, state, note)
			VALUES ($1, $2, $3, $4, 'invitation', 'invited', $5)
			ON CONFLICT (role_id, talent_id) DO NOTHING
			RETURNING `+participationColumns, listingID, roleID, talentID, producerID, message))
		if errors.Is(err, pgx.ErrNoRows) {
			res.Participation, err = scanParticipation(tx.QueryRow(ctx, `SELECT `+participationColumns+`
				FROM participations pa WHERE pa.role_id = $1 AND pa.talent_id = $2`, roleID, talentID))
			return err
		}
		if err != nil {
			return err
		}
		res.Created = true
		t, body := production.InvitationNotice(title, roleName, message)
		return s.notify(ctx, tx, domain.Notification{AccountID: talentID, Kind: "invitation",
			DedupeKey: fmt.Sprintf("invitation:%d", res.Participation.ID), Title: t, Body: body, Link: MyCastingsPath})
	})
	if err != nil {
		return InviteResult{}, fmt.Errorf("store: invite %d to listing %d role %d: %w", talentID, listingID, roleID, err)
	}
	return res, nil
}

// InviteOptions lists the roles of the producer's published listings of
// one kind, newest listing first, for the invite form on a talent's page.
func (s *Store) InviteOptions(ctx context.Context, producerID int64, kind production.Kind) ([]production.InviteOption, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT l.id, r.id, l.title, r.name, l.visibility = 'private'
		FROM listings l JOIN listing_roles r ON r.listing_id = l.id
		WHERE l.producer_id = $1 AND l.kind = $2 AND l.status = 'published'
		ORDER BY l.published_at DESC NULLS LAST, l.id DESC, r.position`, producerID, kind)
	if err != nil {
		return nil, fmt.Errorf("store: invite options: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.InviteOption, error) {
		var o production.InviteOption
		err := r.Scan(&o.ListingID, &o.RoleID, &o.ListingTitle, &o.RoleName, &o.Private)
		return o, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: invite options: %w", err)
	}
	return list, nil
}
