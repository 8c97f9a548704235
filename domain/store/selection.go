package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain/production"
)

// candidateSQL is production.Candidate for participations pa: applications
// not withdrawn, and invitations the talent accepted.
const candidateSQL = `((pa.origin = 'application' AND pa.state IN ('applied', 'accepted', 'rejected'))
	OR (pa.origin = 'invitation' AND pa.state = 'accepted'))`

// MaxSelectionRows bounds the candidates one selection screen lists; the
// role and choice filters narrow a larger casting, and the counts always
// cover every candidate.
const MaxSelectionRows = 1000

// SelectionFilter narrows the final selection screen: one role (0: all)
// and one choice ("": all; production.Undecided is asked for with
// Undecided true).
type SelectionFilter struct {
	RoleID    int64
	Choice    production.Choice
	Undecided bool
	// CountsOnly reads the counts and lists no candidate (a toggle's
	// answer redraws the counts alone).
	CountsOnly bool
}

// FinalSelection returns the final selection of one of the producer's
// listings: its candidates (narrowed by f, by role then name), the counts
// per role and over all, and the grace setting. Another producer's
// listing is ErrNotFound. The listing may still be open: the screen then
// only says to close it first.
func (s *Store) FinalSelection(ctx context.Context, producerID, listingID int64, f SelectionFilter) (production.Selection, error) {
	var sel production.Selection
	l, err := s.OwnListing(ctx, producerID, listingID)
	if err != nil {
		return sel, err
	}
	sel.Listing = l
	if err := s.pool.QueryRow(ctx, `SELECT auto_not_selected, grace_days FROM listings WHERE id = $1`, listingID).
		Scan(&sel.AutoNotSelected, &sel.GraceDays); err != nil {
		return sel, fmt.Errorf("store: selection of listing %d: %w", listingID, err)
	}
	rows, err := s.pool.Query(ctx, `SELECT pa.role_id, coalesce(pa.selection, ''), count(*) FROM participations pa
		WHERE pa.listing_id = $1 AND pa.producer_id = $2 AND `+candidateSQL+` GROUP BY 1, 2`, listingID, producerID)
	if err != nil {
		return sel, fmt.Errorf("store: selection counts of listing %d: %w", listingID, err)
	}
	counts := map[int64]*production.GroupCounts{}
	defer rows.Close()
	for rows.Next() {
		var role int64
		var c production.Choice
		var n int
		if err := rows.Scan(&role, &c, &n); err != nil {
			return sel, fmt.Errorf("store: selection counts of listing %d: %w", listingID, err)
		}
		if counts[role] == nil {
			counts[role] = &production.GroupCounts{}
		}
		counts[role].Add(c, n)
		sel.All.Add(c, n)
	}
	if err := rows.Err(); err != nil {
		return sel, fmt.Errorf("store: selection counts of listing %d: %w", listingID, err)
	}
	for _, r := range l.Roles {
		sr := production.SelectionRole{ID: r.ID, Name: r.Name}
		if c := counts[r.ID]; c != nil {
			sr.Counts = *c
		}
		sel.Roles = append(sel.Roles, sr)
	}
	if f.CountsOnly {
		return sel, nil
	}
	choice := string(f.Choice)
	if f.Undecided {
		choice = "undecided"
	}
	rows, err = s.pool.Query(ctx, `SELECT `+applicantColumns+`, coalesce(pa.selection, ''), pa.not_selected_told_at
		FROM `+applicantFrom+`
		WHERE pa.listing_id = $1 AND pa.producer_id = $2 AND `+candidateSQL+`
		  AND ($3 = 0 OR pa.role_id = $3)
		  AND ($4 = '' OR coalesce(pa.selection, 'undecided') = $4)
		ORDER BY r.position, `+applicantName+`, pa.id LIMIT $5`, listingID, producerID, f.RoleID, choice, MaxSelectionRows)
	if err != nil {
		return sel, fmt.Errorf("store: selection of listing %d: %w", listingID, err)
	}
	sel.Candidates, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.SelectionCandidate, error) { return scanCandidate(r) })
	if err != nil {
		return sel, fmt.Errorf("store: selection of listing %d: %w", listingID, err)
	}
	return sel, nil
}

func scanCandidate(r pgx.Row) (production.SelectionCandidate, error) {
	var c production.SelectionCandidate
	var err error
	var choice production.Choice
	var told *time.Time
	c.Applicant, err = scanApplicant(r, &choice, &told)
	c.Choice, c.ToldNotSelectedAt = choice, told
	return c, err
}

// SetChoice includes, excludes or un-decides one candidate of the
// producer's closed listing, and returns the candidate as it now is.
// Another producer's participation is ErrNotFound; an open listing is
// ErrTransition (close it first); a participation that is not a candidate
// (a withdrawn application, an invitation not accepted) is ErrMove.
// Setting the same choice twice changes nothing.
func (s *Store) SetChoice(ctx context.Context, producerID, participationID int64, c production.Choice) (production.SelectionCandidate, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status production.Status
		var origin production.Origin
		var state production.State
		err := tx.QueryRow(ctx, `SELECT l.status, pa.origin, pa.state FROM participations pa JOIN listings l ON l.id = pa.listing_id
			WHERE pa.id = $1 AND pa.producer_id = $2 AND l.producer_id = $2 FOR UPDATE OF pa FOR SHARE OF l`,
			participationID, producerID).Scan(&status, &origin, &state)
		if err != nil {
			return notFound(err, "participation", participationID)
		}
		if status != production.Closed {
			return ErrTransition
		}
		if !production.Candidate(origin, state) {
			return ErrMove
		}
		_, err = tx.Exec(ctx, `UPDATE participations SET selection = nullif($2, ''), selected_at = now()
			WHERE id = $1 AND selection IS DISTINCT FROM nullif($2, '')`, participationID, string(c))
		return err
	})
	if err != nil {
		return production.SelectionCandidate{}, fmt.Errorf("store: choose %q for participation %d: %w", c, participationID, err)
	}
	cand, err := scanCandidate(s.pool.QueryRow(ctx, `SELECT `+applicantColumns+`, coalesce(pa.selection, ''), pa.not_selected_told_at
		FROM `+applicantFrom+` WHERE pa.id = $1 AND pa.producer_id = $2`, participationID, producerID))
	if err != nil {
		return cand, notFound(err, "participation", participationID)
	}
	return cand, nil
}

// SetAutoNotSelected changes the producer's grace setting of one of their
// listings. Turned on for a closed listing, it schedules the grace job
// (due at closed_at + grace, at once when that has passed) in the same
// transaction; turned off, the waiting job finds it off and tells nobody.
// Another producer's listing is ErrNotFound.
func (s *Store) SetAutoNotSelected(ctx context.Context, producerID, listingID int64, on bool) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status production.Status
		var closedAt *time.Time
		var graceDays int
		err := tx.QueryRow(ctx, `UPDATE listings SET auto_not_selected = $3 WHERE id = $1 AND producer_id = $2
			RETURNING status, closed_at, grace_days`, listingID, producerID, on).Scan(&status, &closedAt, &graceDays)
		if err != nil {
			return notFound(err, "listing", listingID)
		}
		if !on || status != production.Closed || closedAt == nil {
			return nil
		}
		return s.scheduleTellNotSelected(ctx, tx, listingID, production.GraceDue(*closedAt, graceDays))
	})
	if err != nil {
		return fmt.Errorf("store: grace setting of listing %d: %w", listingID, err)
	}
	return nil
}
