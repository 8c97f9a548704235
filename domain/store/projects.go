package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain/production"
)

const projectColumns = `p.id, p.producer_id, p.title, p.type, p.company, p.description, p.city, p.country, p.remote,
	p.starts_on, p.ends_on, p.archived_at, p.created_at, p.updated_at`

func scanProject(row pgx.Row, extra ...any) (production.Project, error) {
	var p production.Project
	dest := append([]any{&p.ID, &p.ProducerID, &p.Title, &p.Type, &p.Company, &p.Description, &p.City, &p.Country,
		&p.Remote, &p.StartsOn, &p.EndsOn, &p.ArchivedAt, &p.CreatedAt, &p.UpdatedAt}, extra...)
	err := row.Scan(dest...)
	return p, err
}

// CreateProject stores a new project of the producer.
func (s *Store) CreateProject(ctx context.Context, producerID int64, p production.Project) (production.Project, error) {
	out, err := scanProject(s.pool.QueryRow(ctx, `
		INSERT INTO projects AS p (producer_id, title, type, company, description, city, country, remote, starts_on, ends_on)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
		RETURNING `+projectColumns,
		producerID, p.Title, p.Type, p.Company, p.Description, p.City, p.Country, p.Remote, p.StartsOn, p.EndsOn))
	if err != nil {
		return production.Project{}, fmt.Errorf("store: create project: %w", err)
	}
	return out, nil
}

// UpdateProject saves the producer's project; anyone else's is ErrNotFound.
func (s *Store) UpdateProject(ctx context.Context, producerID int64, p production.Project) (production.Project, error) {
	out, err := scanProject(s.pool.QueryRow(ctx, `
		UPDATE projects AS p SET title = $3, type = $4, company = $5, description = $6, city = $7, country = $8,
			remote = $9, starts_on = $10, ends_on = $11, updated_at = now()
		WHERE id = $1 AND producer_id = $2
		RETURNING `+projectColumns,
		p.ID, producerID, p.Title, p.Type, p.Company, p.Description, p.City, p.Country, p.Remote, p.StartsOn, p.EndsOn))
	if err != nil {
		return production.Project{}, notFound(err, "project", p.ID)
	}
	return out, nil
}

// SetProjectArchived archives the producer's project, or brings it back.
func (s *Store) SetProjectArchived(ctx context.Context, producerID, projectID int64, archived bool) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE projects SET archived_at = CASE WHEN $3 THEN coalesce(archived_at, now()) END, updated_at = now()
		WHERE id = $1 AND producer_id = $2`, projectID, producerID, archived)
	if err != nil {
		return fmt.Errorf("store: archive project %d: %w", projectID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("store: archive project %d: %w", projectID, ErrNotFound)
	}
	return nil
}

// Project returns one of the producer's projects; anyone else's is
// ErrNotFound.
func (s *Store) Project(ctx context.Context, producerID, projectID int64) (production.Project, error) {
	p, err := scanProject(s.pool.QueryRow(ctx, `SELECT `+projectColumns+` FROM projects p WHERE p.id = $1 AND p.producer_id = $2`,
		projectID, producerID))
	if err != nil {
		return production.Project{}, notFound(err, "project", projectID)
	}
	return p, nil
}

// Projects lists the producer's projects, newest first (archived ones
// last), with how many listings, applications and team members each has.
func (s *Store) Projects(ctx context.Context, producerID int64) ([]production.ProjectSummary, error) {
	b := s.Batch()
	list := b.Projects(producerID)
	if err := b.Send(ctx); err != nil {
		return nil, err
	}
	return *list, nil
}

// Projects queues Store.Projects.
func (b *Batch) Projects(producerID int64) *[]production.ProjectSummary {
	out := new([]production.ProjectSummary)
	queueRows(b.b, "store: projects", out, func(r pgx.CollectableRow) (production.ProjectSummary, error) {
		var ps production.ProjectSummary
		var err error
		ps.Project, err = scanProject(r, &ps.Listings, &ps.Applications, &ps.Team)
		return ps, err
	}, `
		SELECT `+projectColumns+`,
			(SELECT count(*) FROM listings l WHERE l.project_id = p.id),
			(SELECT count(*) FROM participations pa JOIN listings l ON l.id = pa.listing_id
			 WHERE l.project_id = p.id AND pa.origin = 'application' AND pa.state <> 'withdrawn'),
			(SELECT count(DISTINCT pa.talent_id) FROM participations pa JOIN listings l ON l.id = pa.listing_id
			 WHERE l.project_id = p.id AND pa.state = 'accepted')
		FROM projects p WHERE p.producer_id = $1
		ORDER BY p.archived_at IS NOT NULL, p.created_at DESC, p.id DESC`, producerID)
	return out
}
