package store

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// MyCastingsPath is where a talent reads the state of their applications
// and invitations: the notifications a producer's decision sends link
// there.
const MyCastingsPath = "/my-castings"

// producerMoves are the moves Decide and DecideMany take.
var producerMoves = []production.Move{production.Accept, production.Reject, production.Undo}

// decisionListing is what a decision needs to know of its listing.
type decisionListing struct {
	id     int64
	title  string
	status production.Status
}

// lockDecisionListing reads the producer's listing and holds it (FOR
// SHARE) until the decision commits, so closing it waits for the decision
// and a decision that waited on a close sees it closed.
func lockDecisionListing(ctx context.Context, tx pgx.Tx, producerID, listingID int64) (decisionListing, error) {
	l := decisionListing{id: listingID}
	err := tx.QueryRow(ctx, `SELECT title, status FROM listings WHERE id = $1 AND producer_id = $2 FOR SHARE`,
		listingID, producerID).Scan(&l.title, &l.status)
	if err != nil {
		return l, notFound(err, "listing", listingID)
	}
	if l.status == production.Closed {
		return l, ErrListingClosed
	}
	return l, nil
}

// Decide accepts, rejects or undoes the decision on one participation in
// the producer's listings, by production.State.Next for the producer,
// recording who decided and when, and tells the talent (accepted, not
// selected) in the same transaction. It returns the card as it now is.
// Another producer's participation is ErrNotFound; a closed listing is
// ErrListingClosed; a move the state does not allow is ErrMove.
func (s *Store) Decide(ctx context.Context, producerID, participationID int64, m production.Move) (production.Applicant, error) {
	if !slices.Contains(producerMoves, m) {
		return production.Applicant{}, fmt.Errorf("store: decide %d: %q: %w", participationID, m, ErrMove)
	}
	if err := s.moveOne(ctx, producerID, participationID, m); err != nil {
		return production.Applicant{}, fmt.Errorf("store: %s participation %d: %w", m, participationID, err)
	}
	return s.Applicant(ctx, producerID, participationID)
}

// Uninvite takes back an invitation the talent has not answered yet.
// Errors as Decide's.
func (s *Store) Uninvite(ctx context.Context, producerID, participationID int64) (production.Applicant, error) {
	if err := s.moveOne(ctx, producerID, participationID, production.Uninvite); err != nil {
		return production.Applicant{}, fmt.Errorf("store: uninvite participation %d: %w", participationID, err)
	}
	return s.Applicant(ctx, producerID, participationID)
}

func (s *Store) moveOne(ctx context.Context, producerID, participationID int64, m production.Move) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var listingID int64
		err := tx.QueryRow(ctx, `SELECT listing_id FROM participations WHERE id = $1 AND producer_id = $2`,
			participationID, producerID).Scan(&listingID)
		if err != nil {
			return notFound(err, "participation", participationID)
		}
		l, err := lockDecisionListing(ctx, tx, producerID, listingID)
		if err != nil {
			return err
		}
		n, err := s.move(ctx, tx, producerID, l, []int64{participationID}, m)
		if err == nil && n == 0 {
			err = ErrMove
		}
		return err
	})
}

// DecideMany applies one move to several participations of the
// producer's listing in one transaction ("accept selected"). Those whose
// state does not allow the move, or that are not of this listing, are
// skipped and counted. The listing must be the producer's (ErrNotFound)
// and not closed (ErrListingClosed).
func (s *Store) DecideMany(ctx context.Context, producerID, listingID int64, ids []int64, m production.Move) (production.Decided, error) {
	var d production.Decided
	if !slices.Contains(producerMoves, m) {
		return d, fmt.Errorf("store: decide many: %q: %w", m, ErrMove)
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		l, err := lockDecisionListing(ctx, tx, producerID, listingID)
		if err != nil {
			return err
		}
		d.Changed, err = s.move(ctx, tx, producerID, l, ids, m)
		return err
	})
	if err != nil {
		return production.Decided{}, fmt.Errorf("store: %s %d participations of listing %d: %w", m, len(ids), listingID, err)
	}
	d.Skipped = len(ids) - d.Changed
	return d, nil
}

// move locks the participations (in id order, so two bulk decisions never
// deadlock), moves those whose state allows m, and writes each one's
// notification. It returns how many moved.
func (s *Store) move(ctx context.Context, tx pgx.Tx, producerID int64, l decisionListing, ids []int64, m production.Move) (int, error) {
	type target struct {
		id, talentID int64
		state        production.State
		origin       production.Origin
		role         string
	}
	rows, err := tx.Query(ctx, `
		SELECT pa.id, pa.talent_id, pa.state, pa.origin, r.name
		FROM participations pa JOIN listing_roles r ON r.id = pa.role_id
		WHERE pa.listing_id = $1 AND pa.producer_id = $2 AND pa.id = ANY($3)
		ORDER BY pa.id FOR UPDATE OF pa`, l.id, producerID, ids)
	if err != nil {
		return 0, err
	}
	targets, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (target, error) {
		var t target
		err := r.Scan(&t.id, &t.talentID, &t.state, &t.origin, &t.role)
		return t, err
	})
	if err != nil {
		return 0, err
	}
	moved := 0
	for _, t := range targets {
		to, ok := t.state.Next(production.ByProducer, m, t.origin)
		if !ok {
			continue
		}
		var decidedAt int64
		err := tx.QueryRow(ctx, `
			UPDATE participations SET state = $2, decided_by = $3, decided_at = now(), updated_at = now()
			WHERE id = $1 RETURNING (extract(epoch FROM decided_at) * 1000000)::bigint`, t.id, to, producerID).Scan(&decidedAt)
		if err != nil {
			return 0, err
		}
		moved++
		kind, title, body, tell := production.Decision(to, l.title, t.role)
		if !tell {
			continue
		}
		// One notification per decision: a retried transaction writes
		// the same key, a later decision (accepted again after an undo)
		// a new one.
		err = s.notify(ctx, tx, domain.Notification{AccountID: t.talentID, Kind: kind,
			DedupeKey: fmt.Sprintf("decision:%d:%s:%d", t.id, to, decidedAt), Title: title, Body: body, Link: MyCastingsPath})
		if err != nil {
			return 0, err
		}
	}
	return moved, nil
}
