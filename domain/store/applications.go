package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// ErrListingClosed means the listing is closed (or, for applying, past
// its deadline): it takes no more applications or invitations, and the
// decisions on its people no longer change.
var ErrListingClosed = errors.New("store: the listing is closed")

// ErrMove means the participation's state does not allow the move asked
// for (production.State.Next): withdrawing an accepted application,
// applying to a role one was invited to, accepting a withdrawn
// application, undoing what was never decided.
var ErrMove = errors.New("store: the participation's state does not allow this")

const participationColumns = `pa.id, pa.listing_id, pa.role_id, pa.talent_id, pa.producer_id, pa.origin, pa.state, pa.note,
	pa.decided_by, pa.decided_at, pa.created_at, pa.updated_at, coalesce(pa.selection, ''), coalesce(pa.told_at, pa.not_selected_told_at)`

func scanParticipation(row pgx.Row, extra ...any) (production.Participation, error) {
	var p production.Participation
	dest := append([]any{&p.ID, &p.ListingID, &p.RoleID, &p.TalentID, &p.ProducerID, &p.Origin, &p.State, &p.Note,
		&p.DecidedBy, &p.DecidedAt, &p.CreatedAt, &p.UpdatedAt, &p.Choice, &p.ToldNotSelectedAt}, extra...)
	err := row.Scan(dest...)
	return p, err
}

// listingOpenSQL is true while listing l takes applications: the same
// rule as production.Status.Open and the deadline check of ApplyProblem,
// evaluated by the database in the transaction that acts on it.
const listingOpenSQL = `(l.status = 'published' AND (l.deadline IS NULL OR l.deadline > now()))`

// Apply records the talent's application to one role of a listing, with
// the producer's notification, in one transaction. The handler has
// already asked production.ApplyProblem; this re-checks in SQL what a
// race could change (the listing's kind, status, deadline, and the
// invitation of a private one) with the listing row locked against a
// concurrent close. A listing or role the talent may not see is
// ErrNotFound; one no longer open is ErrListingClosed.
//
// Applying twice (a double click, two tabs) returns the one application:
// UNIQUE(role_id, talent_id) makes the second insert a no-op. Applying
// after withdrawing moves the application back to applied; a role the
// talent holds in any other state is ErrMove, with that participation.
func (s *Store) Apply(ctx context.Context, talent domain.Account, listingID, roleID int64, note string) (production.Participation, error) {
	kind, ok := production.KindFor(talent.Role)
	if !ok {
		return production.Participation{}, fmt.Errorf("store: apply to listing %d: %w", listingID, ErrNotFound)
	}
	var p production.Participation
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		if err := requireConfirmed(ctx, tx, talent.ID); err != nil {
			return err
		}
		var producerID int64
		var title, roleName string
		var open bool
		err := tx.QueryRow(ctx, `
			SELECT l.producer_id, l.title, r.name, `+listingOpenSQL+`
			FROM listings l JOIN listing_roles r ON r.listing_id = l.id AND r.id = $2
			WHERE l.id = $1 AND l.kind = $3 AND l.status IN ('published', 'closed') AND `+ownerActiveSQL+`
			  AND (l.visibility = 'public' OR EXISTS (
				SELECT 1 FROM participations pa WHERE pa.listing_id = l.id AND pa.talent_id = $4 AND pa.origin = 'invitation' AND pa.state <> 'withdrawn'))
			FOR SHARE OF l`, listingID, roleID, kind, talent.ID).Scan(&producerID, &title, &roleName, &open)
		if err != nil {
			return notFound(err, "listing role", roleID)
		}
		if !open {
			return ErrListingClosed
		}
		p, err = scanParticipation(tx.QueryRow(ctx, `
			INSERT INTO participations AS pa (listing_id, role_id, talent_id, producer_id, origin, state, note)
			VALUES ($1, $2, $3, $4, 'application', 'applied', $5)
			ON CONFLICT (role_id, talent_id) DO NOTHING
			RETURNING `+participationColumns, listingID, roleID, talent.ID, producerID, note))
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			// The talent already holds this role: take that row as it is now.
			p, err = scanParticipation(tx.QueryRow(ctx, `SELECT `+participationColumns+` FROM participations pa
				WHERE pa.role_id = $1 AND pa.talent_id = $2 FOR UPDATE`, roleID, talent.ID))
			if err != nil {
				return err
			}
			if p.State == production.Applied {
				return nil // a double click: one application, no second notification
			}
			to, ok := p.State.Next(production.ByTalent, production.Apply, p.Origin)
			if !ok {
				return ErrMove
			}
			if p, err = scanParticipation(tx.QueryRow(ctx, `UPDATE participations pa SET state = $2, note = $3, updated_at = now()
				WHERE pa.id = $1 RETURNING `+participationColumns, p.ID, to, note)); err != nil {
				return err
			}
		case err != nil:
			return err
		}
		return s.notify(ctx, tx, domain.Notification{
			AccountID: producerID,
			Kind:      "application",
			DedupeKey: changeKey("application", p),
			Title:     fmt.Sprintf("New application: %s for %s", talent.Name, roleName),
			Body:      fmt.Sprintf("%s applied to “%s”.", talent.Name, title),
			Link:      fmt.Sprintf("/listings/%d/people?tab=received", listingID),
		})
	})
	if err != nil {
		return p, fmt.Errorf("store: apply to role %d: %w", roleID, err)
	}
	return p, nil
}

// changeKey is a notification's dedupe key for one state change of a
// participation: the same change retried writes nothing new, a later
// change (applying again after withdrawing) notifies again.
func changeKey(kind string, p production.Participation) string {
	return fmt.Sprintf("%s:%d:%s:%d", kind, p.ID, p.State, p.UpdatedAt.UnixMicro())
}

// owned is one of the talent's participations, locked, with what its
// answers need to say.
type owned struct {
	production.Participation
	open         bool // the listing still takes applications and answers
	listingTitle string
	roleName     string
	talentName   string
}

// lockOwn reads one of the talent's participations for update, its
// listing locked against a concurrent close; anyone else's is
// ErrNotFound.
func lockOwn(ctx context.Context, tx pgx.Tx, talentID, participationID int64) (owned, error) {
	var o owned
	var err error
	o.Participation, err = scanParticipation(tx.QueryRow(ctx, `
		SELECT `+participationColumns+`, `+listingOpenSQL+`, l.title, r.name, a.name
		FROM participations pa
		JOIN listings l ON l.id = pa.listing_id
		JOIN listing_roles r ON r.id = pa.role_id
		JOIN accounts a ON a.id = pa.talent_id
		WHERE pa.id = $1 AND pa.talent_id = $2
		FOR UPDATE OF pa FOR SHARE OF l`, participationID, talentID), &o.open, &o.listingTitle, &o.roleName, &o.talentName)
	if err != nil {
		return o, notFound(err, "participation", participationID)
	}
	return o, nil
}

// Withdraw takes back one of the talent's applications while its listing
// is open. Anyone else's participation is ErrNotFound; a closed listing is
// ErrListingClosed; a participation that is not an application waiting
// for the producer is ErrMove. Withdrawing twice returns the withdrawn
// application.
func (s *Store) Withdraw(ctx context.Context, talentID, participationID int64) (production.Participation, error) {
	var p production.Participation
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		o, err := lockOwn(ctx, tx, talentID, participationID)
		if err != nil {
			return err
		}
		p = o.Participation
		if p.State == production.Withdrawn && p.Origin == production.FromApplication {
			return nil // a double click
		}
		to, ok := p.State.Next(production.ByTalent, production.Withdraw, p.Origin)
		if !ok {
			return ErrMove
		}
		if !o.open {
			return ErrListingClosed
		}
		p, err = scanParticipation(tx.QueryRow(ctx, `UPDATE participations pa SET state = $2, updated_at = now()
			WHERE pa.id = $1 RETURNING `+participationColumns, p.ID, to))
		return err
	})
	if err != nil {
		return p, fmt.Errorf("store: withdraw participation %d: %w", participationID, err)
	}
	return p, nil
}

// AnswerInvitation accepts or declines one of the talent's invitations
// while its listing is open, telling the producer in the same
// transaction. Answering the same way twice returns the answer; anyone
// else's participation is ErrNotFound; one that is not a waiting
// invitation is ErrMove; a closed listing is ErrListingClosed. The talent
// is recorded as who decided, and when.
func (s *Store) AnswerInvitation(ctx context.Context, talentID, participationID int64, accept bool) (production.Participation, error) {
	move, want, verb := production.Decline, production.Declined, "declined"
	if accept {
		move, want, verb = production.Accept, production.Accepted, "accepted"
	}
	var p production.Participation
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		o, err := lockOwn(ctx, tx, talentID, participationID)
		if err != nil {
			return err
		}
		p = o.Participation
		if p.Origin != production.FromInvitation {
			return ErrMove
		}
		if p.State == want {
			return nil // answered already, the same way
		}
		to, ok := p.State.Next(production.ByTalent, move, p.Origin)
		if !ok {
			return ErrMove
		}
		if !o.open {
			return ErrListingClosed
		}
		p, err = scanParticipation(tx.QueryRow(ctx, `UPDATE participations pa
			SET state = $2, decided_by = $3, decided_at = now(), updated_at = now()
			WHERE pa.id = $1 RETURNING `+participationColumns, p.ID, to, talentID))
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, domain.Notification{
			AccountID: p.ProducerID,
			Kind:      "invitation_answered",
			DedupeKey: changeKey("invitation_answered", p),
			Title:     fmt.Sprintf("%s %s your invitation", o.talentName, verb),
			Body:      fmt.Sprintf("%s in “%s”.", o.roleName, o.listingTitle),
			Link:      fmt.Sprintf("/listings/%d/people?tab=invitations", p.ListingID),
		})
	})
	if err != nil {
		return p, fmt.Errorf("store: answer invitation %d: %w", participationID, err)
	}
	return p, nil
}

// MyCasting is one of the talent's participations as "My castings" lists
// it: the role, its listing and project, and whether the listing is
// closed (closed, hidden, or past its deadline).
type MyCasting struct {
	production.Participation
	ListingTitle string
	ListingKind  production.Kind
	Deadline     *time.Time
	TimeZone     string
	RoleName     string
	ProjectTitle string
	ProjectType  string
	Closed       bool
}

// Label is the participation's state as the talent reads it, final once
// the listing closed (production.FinalLabel).
func (m MyCasting) Label() string { return m.FinalLabel(m.Closed) }

// MaxMyCastings bounds "My castings": a talent with more sees the latest.
const MaxMyCastings = 500

// MyCastings returns every participation of the talent (applications and
// invitations), latest change first, with its listing, role and project.
// It reads only the talent's own rows.
func (s *Store) MyCastings(ctx context.Context, talentID int64) ([]MyCasting, error) {
	b := s.Batch()
	list := b.MyCastings(talentID)
	return *list, b.Send(ctx)
}

// MyCastings queues Store.MyCastings.
func (b *Batch) MyCastings(talentID int64) *[]MyCasting {
	out := new([]MyCasting)
	queueRows(b.b, "store: my castings", out, func(r pgx.CollectableRow) (MyCasting, error) {
		var m MyCasting
		var err error
		m.Participation, err = scanParticipation(r, &m.ListingTitle, &m.ListingKind, &m.Deadline, &m.TimeZone,
			&m.RoleName, &m.ProjectTitle, &m.ProjectType, &m.Closed)
		return m, err
	}, `
		SELECT `+participationColumns+`, l.title, l.kind, l.deadline, l.time_zone, r.name, p.title, p.type,
			NOT `+listingOpenSQL+`
		FROM participations pa
		JOIN listings l ON l.id = pa.listing_id
		JOIN listing_roles r ON r.id = pa.role_id
		JOIN projects p ON p.id = l.project_id
		WHERE pa.talent_id = $1
		ORDER BY pa.updated_at DESC, pa.id DESC
		LIMIT $2`, talentID, MaxMyCastings)
	return out
}
