package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain/production"
)

// Team returns the people accepted on the listings of the producer's
// project, grouped by role (casting calls) and department (job
// listings), each with who accepted them and when. Another producer's
// project is ErrNotFound.
func (s *Store) Team(ctx context.Context, producerID, projectID int64) (production.Team, error) {
	var one int
	err := s.pool.QueryRow(ctx, `SELECT 1 FROM projects WHERE id = $1 AND producer_id = $2`, projectID, producerID).Scan(&one)
	if err != nil {
		return production.Team{}, notFound(err, "project", projectID)
	}
	rows, err := s.pool.Query(ctx, `
		SELECT `+applicantColumns+`, l.title, l.kind, l.department, coalesce(d.name, '')
		FROM `+applicantFrom+`
		JOIN listings l ON l.id = pa.listing_id
		LEFT JOIN accounts d ON d.id = pa.decided_by
		WHERE l.project_id = $1 AND l.producer_id = $2 AND pa.producer_id = $2 AND pa.state = 'accepted'
		ORDER BY l.kind, l.created_at, l.id, r.position, lower(`+applicantName+`), pa.id`, projectID, producerID)
	if err != nil {
		return production.Team{}, fmt.Errorf("store: project %d team: %w", projectID, err)
	}
	members, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.TeamMember, error) {
		var m production.TeamMember
		var err error
		m.Applicant, err = scanApplicant(r, &m.ListingTitle, &m.Kind, &m.Department, &m.DecidedByName)
		return m, err
	})
	if err != nil {
		return production.Team{}, fmt.Errorf("store: project %d team: %w", projectID, err)
	}
	return production.GroupTeam(members), nil
}

// WaitingApplications lists the producer's listings with applications no
// one has decided on yet, the most recently applied to first, for the
// dashboard.
func (s *Store) WaitingApplications(ctx context.Context, producerID int64, limit int) ([]production.WaitingListing, error) {
	b := s.Batch()
	list := b.WaitingApplications(producerID, limit)
	if err := b.Send(ctx); err != nil {
		return nil, err
	}
	return *list, nil
}

// WaitingApplications queues Store.WaitingApplications.
func (b *Batch) WaitingApplications(producerID int64, limit int) *[]production.WaitingListing {
	out := new([]production.WaitingListing)
	queueRows(b.b, "store: waiting applications", out, func(r pgx.CollectableRow) (production.WaitingListing, error) {
		var w production.WaitingListing
		err := r.Scan(&w.ListingID, &w.ListingTitle, &w.ProjectTitle, &w.Kind, &w.Waiting)
		return w, err
	}, `
		SELECT l.id, l.title, p.title, l.kind, count(*)
		FROM participations pa
		JOIN listings l ON l.id = pa.listing_id
		JOIN projects p ON p.id = l.project_id
		WHERE pa.producer_id = $1 AND pa.state = 'applied' AND `+talentActiveSQL+`
		GROUP BY l.id, p.title
		ORDER BY max(pa.created_at) DESC, l.id DESC
		LIMIT $2`, producerID, limit)
	return out
}
