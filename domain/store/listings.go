package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// ErrTransition means the listing's status does not allow the change
// asked for (publishing a closed listing, editing a published one).
var ErrTransition = errors.New("store: the listing's status does not allow this")

const listingColumns = `l.id, l.project_id, l.producer_id, l.kind, l.status, l.title, l.description, l.works_from, l.works_until,
	l.city, l.country, l.remote, l.pay, l.pay_amount_cents, l.pay_currency, l.pay_unit, l.pay_guaranteed, l.unpaid_kind,
	l.unpaid_offer, l.fee_cents, l.fee_currency, l.fee_for, l.union_status, l.nudity, l.nudity_details, l.student_film,
	l.school, l.deadline, l.time_zone, l.visibility, l.notes, l.department, l.position, l.experience_level, l.own_equipment,
	l.skills, l.created_at, l.updated_at, l.published_at, l.closed_at, l.category, l.submitted_at`

func scanListing(row pgx.Row, extra ...any) (production.Listing, error) {
	var l production.Listing
	dest := append([]any{&l.ID, &l.ProjectID, &l.ProducerID, &l.Kind, &l.Status, &l.Title, &l.Description, &l.WorksFrom,
		&l.WorksUntil, &l.City, &l.Country, &l.Remote, &l.Pay.Kind, &l.Pay.AmountCents, &l.Pay.Currency, &l.Pay.Unit,
		&l.Pay.Guaranteed, &l.Pay.UnpaidKind, &l.Pay.Offer, &l.Fee.AmountCents, &l.Fee.Currency, &l.Fee.For,
		&l.UnionStatus, &l.Nudity, &l.NudityDetails, &l.StudentFilm, &l.School, &l.Deadline, &l.TimeZone,
		&l.Visibility, &l.Notes, &l.Department, &l.Position, &l.ExperienceLevel, &l.OwnEquipment, &l.Skills,
		&l.CreatedAt, &l.UpdatedAt, &l.PublishedAt, &l.ClosedAt, &l.Category, &l.SubmittedAt}, extra...)
	err := row.Scan(dest...)
	return l, err
}

const roleColumns = `r.id, r.listing_id, r.position, r.name, r.role_type, r.gender, r.age_min, r.age_max, r.height_min,
	r.height_max, r.description, r.skills, r.languages, r.openings`

func scanRole(row pgx.Row) (production.Role, error) {
	var r production.Role
	err := row.Scan(&r.ID, &r.ListingID, &r.Position, &r.Name, &r.RoleType, &r.Gender, &r.AgeMin, &r.AgeMax,
		&r.HeightMin, &r.HeightMax, &r.Description, &r.Skills, &r.Languages, &r.Openings)
	return r, err
}

// querier is a pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// withRoles loads the roles of the listings, in place.
func withRoles(ctx context.Context, q querier, listings []production.Listing) error {
	if len(listings) == 0 {
		return nil
	}
	ids := make([]int64, len(listings))
	for i, l := range listings {
		ids[i] = l.ID
	}
	rows, err := q.Query(ctx, rolesOfSQL, ids)
	if err != nil {
		return err
	}
	roles, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.Role, error) { return scanRole(r) })
	if err != nil {
		return err
	}
	by := rolesByListing(roles)
	for i := range listings {
		listings[i].Roles = by[listings[i].ID]
	}
	return nil
}

// rolesOfSQL reads the roles of the listings $1, in each listing's order.
const rolesOfSQL = `SELECT ` + roleColumns + ` FROM listing_roles r WHERE r.listing_id = ANY($1) ORDER BY r.listing_id, r.position`

// rolesByListing groups roles read in order by their listing.
func rolesByListing(roles []production.Role) map[int64][]production.Role {
	by := make(map[int64][]production.Role)
	for _, r := range roles {
		by[r.ListingID] = append(by[r.ListingID], r)
	}
	return by
}

// rolesOf queues the read of the listings' roles, by listing id.
func (b *Batch) rolesOf(listingIDs []int64) *map[int64][]production.Role {
	out := &map[int64][]production.Role{}
	var roles []production.Role
	queueRows(b.b, "store: roles", &roles, func(r pgx.CollectableRow) (production.Role, error) { return scanRole(r) },
		rolesOfSQL, listingIDs)
	b.after(func(*Batch) { *out = rolesByListing(roles) })
	return out
}

// CreateListing starts a draft casting call or job listing in one of the
// producer's projects; a project that is not theirs is ErrNotFound.
func (s *Store) CreateListing(ctx context.Context, producerID, projectID int64, kind production.Kind) (production.Listing, error) {
	if !kind.Valid() {
		return production.Listing{}, fmt.Errorf("store: create listing: unknown kind %q", kind)
	}
	l, err := scanListing(s.pool.QueryRow(ctx, `
		INSERT INTO listings AS l (project_id, producer_id, kind)
		SELECT id, producer_id, $3 FROM projects WHERE id = $1 AND producer_id = $2
		RETURNING `+listingColumns, projectID, producerID, kind))
	if err != nil {
		return production.Listing{}, notFound(err, "project", projectID)
	}
	return l, nil
}

// OwnListing returns one of the producer's listings with its roles;
// anyone else's is ErrNotFound.
func (s *Store) OwnListing(ctx context.Context, producerID, listingID int64) (production.Listing, error) {
	return one(ctx, s, func(b *Batch) *production.Listing { return b.OwnListing(producerID, listingID) })
}

// OwnListing queues Store.OwnListing: the listing and its roles in the
// same round trip, each query scoped to the producer.
func (b *Batch) OwnListing(producerID, listingID int64) *production.Listing {
	return b.listingWithRoles(listingID, `l.producer_id = $2`, producerID, "")
}

// listingWithRoles queues a listing and its roles, both kept to the
// listings where scope (an SQL condition on l, with $2 for who) holds;
// with also, the listing's row carries those columns of its project p,
// scanned into extra.
func (b *Batch) listingWithRoles(listingID int64, scope string, who int64, also string, extra ...any) *production.Listing {
	l := &production.Listing{}
	from := ` FROM listings l`
	if also != "" {
		from = `, ` + also + ` FROM listings l JOIN projects p ON p.id = l.project_id`
	}
	b.b.Queue(`SELECT `+listingColumns+from+` WHERE l.id = $1 AND `+scope, listingID, who).
		QueryRow(func(row pgx.Row) error {
			got, err := scanListing(row, extra...)
			if err != nil {
				return notFound(err, "listing", listingID)
			}
			*l = got
			return nil
		})
	var roles []production.Role
	queueRows(b.b, fmt.Sprintf("store: listing %d roles", listingID), &roles,
		func(row pgx.CollectableRow) (production.Role, error) { return scanRole(row) },
		`SELECT `+roleColumns+` FROM listing_roles r
		WHERE r.listing_id = $1 AND EXISTS (SELECT 1 FROM listings l WHERE l.id = r.listing_id AND `+scope+`)
		ORDER BY r.position`, listingID, who)
	b.after(func(*Batch) { l.Roles = roles })
	return l
}

// ProjectListings returns the listings of one of the producer's projects,
// newest first, with their roles.
func (s *Store) ProjectListings(ctx context.Context, producerID, projectID int64) ([]production.Listing, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+listingColumns+` FROM listings l
		WHERE l.project_id = $1 AND l.producer_id = $2 ORDER BY l.created_at DESC, l.id DESC`, projectID, producerID)
	if err != nil {
		return nil, fmt.Errorf("store: project listings: %w", err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (production.Listing, error) { return scanListing(r) })
	if err != nil {
		return nil, fmt.Errorf("store: project listings: %w", err)
	}
	if err := withRoles(ctx, s.pool, list); err != nil {
		return nil, fmt.Errorf("store: project listings: %w", err)
	}
	return list, nil
}

// SaveListing writes the content of one of the producer's listings and
// its roles, while its status allows editing (production.Status.Editable);
// otherwise ErrTransition. Roles keep their ids where the form kept them.
func (s *Store) SaveListing(ctx context.Context, producerID int64, l production.Listing) (production.Listing, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var status production.Status
		err := tx.QueryRow(ctx, `SELECT status FROM listings WHERE id = $1 AND producer_id = $2 FOR UPDATE`, l.ID, producerID).Scan(&status)
		if err != nil {
			return notFound(err, "listing", l.ID)
		}
		if !status.Editable() {
			return ErrTransition
		}
		_, err = tx.Exec(ctx, `
			UPDATE listings SET title = $2, description = $3, works_from = $4, works_until = $5, city = $6, country = $7,
				remote = $8, pay = $9, pay_amount_cents = $10, pay_currency = $11, pay_unit = $12, pay_guaranteed = $13,
				unpaid_kind = $14, unpaid_offer = $15, fee_cents = $16, fee_currency = $17, fee_for = $18,
				union_status = $19, nudity = $20, nudity_details = $21, student_film = $22, school = $23,
				deadline = $24, time_zone = $25, visibility = $26, department = $27, position = $28,
				experience_level = $29, own_equipment = $30, skills = $31, notes = $32, category = $33, updated_at = now()
			WHERE id = $1`,
			l.ID, l.Title, l.Description, l.WorksFrom, l.WorksUntil, l.City, l.Country, l.Remote, l.Pay.Kind,
			l.Pay.AmountCents, l.Pay.Currency, l.Pay.Unit, l.Pay.Guaranteed, l.Pay.UnpaidKind, l.Pay.Offer,
			l.Fee.AmountCents, l.Fee.Currency, l.Fee.For, l.UnionStatus, l.Nudity, l.NudityDetails, l.StudentFilm,
			l.School, l.Deadline, l.TimeZone, l.Visibility, l.Department, l.Position, l.ExperienceLevel,
			l.OwnEquipment, nonNil(l.Skills), l.Notes, categoryOrCasting(l.Category))
		if err != nil {
			return err
		}
		return saveRoles(ctx, tx, l.ID, l.Roles)
	})
	if err != nil {
		return production.Listing{}, fmt.Errorf("store: save listing %d: %w", l.ID, err)
	}
	return s.OwnListing(ctx, producerID, l.ID)
}

// saveRoles replaces a listing's roles: kept ids are updated in their new
// place, new roles inserted, the others deleted.
func saveRoles(ctx context.Context, tx pgx.Tx, listingID int64, roles []production.Role) error {
	var keep []int64
	for _, r := range roles {
		if r.ID != 0 {
			keep = append(keep, r.ID)
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM listing_roles WHERE listing_id = $1 AND NOT (id = ANY($2))`, listingID, nonNilIDs(keep)); err != nil {
		return err
	}
	// Positions are unique per listing: move the kept rows out of the way first.
	if _, err := tx.Exec(ctx, `UPDATE listing_roles SET position = -position WHERE listing_id = $1`, listingID); err != nil {
		return err
	}
	for i, r := range roles {
		args := []any{listingID, i + 1, r.Name, r.RoleType, r.Gender, r.AgeMin, r.AgeMax, r.HeightMin, r.HeightMax,
			r.Description, nonNil(r.Skills), nonNil(r.Languages), r.Openings}
		var err error
		if r.ID != 0 {
			_, err = tx.Exec(ctx, `
				UPDATE listing_roles SET position = $2, name = $3, role_type = $4, gender = $5, age_min = $6, age_max = $7,
					height_min = $8, height_max = $9, description = $10, skills = $11, languages = $12, openings = $13
				WHERE listing_id = $1 AND id = $14`, append(args, r.ID)...)
		} else {
			_, err = tx.Exec(ctx, `
				INSERT INTO listing_roles (listing_id, position, name, role_type, gender, age_min, age_max, height_min,
					height_max, description, skills, languages, openings)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`, args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// TransitionListing moves one of the producer's listings by event, if its
// status allows it (production.Status.Next); otherwise ErrTransition.
// Submitting also needs a complete listing: the caller checks
// production.Missing first.
func (s *Store) TransitionListing(ctx context.Context, producerID, listingID int64, e production.Event) (production.Listing, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error { return s.transitionTx(ctx, tx, producerID, listingID, e) })
	if err != nil {
		return production.Listing{}, fmt.Errorf("store: %s listing %d: %w", e, listingID, err)
	}
	return s.OwnListing(ctx, producerID, listingID)
}

// transitionTx is TransitionListing inside the caller's transaction. A
// submit records when, for the monthly limit on non-casting notices.
func (s *Store) transitionTx(ctx context.Context, tx pgx.Tx, producerID, listingID int64, e production.Event) error {
	var status production.Status
	err := tx.QueryRow(ctx, `SELECT status FROM listings WHERE id = $1 AND producer_id = $2 FOR UPDATE`, listingID, producerID).Scan(&status)
	if err != nil {
		return notFound(err, "listing", listingID)
	}
	to, ok := status.Next(e)
	if !ok {
		return ErrTransition
	}
	if e == production.Submit {
		if err := requireConfirmed(ctx, tx, producerID); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `
		UPDATE listings SET status = $2, updated_at = now(),
			published_at = CASE WHEN $2 = 'published' THEN coalesce(published_at, now()) ELSE published_at END,
			closed_at = CASE WHEN $2 = 'closed' THEN now() ELSE closed_at END,
			submitted_at = CASE WHEN $3 THEN now() ELSE submitted_at END
		WHERE id = $1`, listingID, to, e == production.Submit)
	if err != nil || to != production.InReview {
		return err
	}
	return s.openListingTask(ctx, tx, producerID, listingID)
}

// ListingForTalent returns a listing as the talent may see it: of the
// kind their role works in, published or closed, and, when private, only
// if they were invited to it. Anything else is ErrNotFound, so a performer
// cannot read a job listing by its URL, nor anyone a private casting.
func (s *Store) ListingForTalent(ctx context.Context, talent domain.Account, listingID int64) (production.Listing, error) {
	kind, ok := production.KindFor(talent.Role)
	if !ok {
		return production.Listing{}, fmt.Errorf("store: listing %d: %w", listingID, ErrNotFound)
	}
	l, err := scanListing(s.pool.QueryRow(ctx, `SELECT `+listingColumns+` FROM listings l
		WHERE l.id = $1 AND l.kind = $2 AND l.status IN ('published', 'closed') AND `+ownerActiveSQL+`
		  AND (l.visibility = 'public' OR EXISTS (
			SELECT 1 FROM participations pa WHERE pa.listing_id = l.id AND pa.talent_id = $3 AND pa.origin = 'invitation' AND pa.state <> 'withdrawn'))`,
		listingID, kind, talent.ID))
	if err != nil {
		return production.Listing{}, notFound(err, "listing", listingID)
	}
	list := []production.Listing{l}
	if err := withRoles(ctx, s.pool, list); err != nil {
		return production.Listing{}, fmt.Errorf("store: listing %d roles: %w", listingID, err)
	}
	return list[0], nil
}

// nonNil keeps a nil list from being stored as NULL.
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func nonNilIDs(s []int64) []int64 {
	if s == nil {
		return []int64{}
	}
	return s
}
