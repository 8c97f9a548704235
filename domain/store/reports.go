package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
)

// ErrAlreadyReported means the reporter has an open report on the object:
// one open report per reporter and object.
var ErrAlreadyReported = errors.New("store: already reported")

// ErrReportResolved means another moderator resolved the report first.
var ErrReportResolved = errors.New("store: report already resolved")

// reportOwnerSQL finds, per kind, the account behind an object the
// reporter ($2) may see and did not make: a published or closed listing
// (public, or one they take part in) of an active producer; a talent's
// profile that is public, or shared with them by an application; a
// message of a thread they are a side of, sent by the other side. Anything
// else has no row, so it cannot be reported (ErrNotFound).
var reportOwnerSQL = map[domain.ReportKind]string{
	domain.ReportListing: `
		SELECT l.producer_id, coalesce(nullif(l.title, ''), 'Untitled listing'), 0::bigint FROM listings l
		WHERE l.id = $1 AND l.producer_id <> $2 AND l.status IN ('published', 'closed') AND ` + ownerActiveSQL + `
		  AND (l.visibility = 'public' OR EXISTS (SELECT 1 FROM participations pa WHERE pa.listing_id = l.id AND pa.talent_id = $2))`,
	domain.ReportProfile: `
		SELECT a.id, coalesce(nullif(pr.data->>'display_name', ''), a.name), 0::bigint FROM accounts a
			LEFT JOIN profiles pr ON pr.account_id = a.id
		WHERE a.id = $1 AND a.id <> $2 AND a.role IN ('performer', 'crew') AND a.suspended_at IS NULL
		  AND (pr.status = 'validated' OR EXISTS (SELECT 1 FROM participations pa
			WHERE pa.talent_id = a.id AND pa.producer_id = $2 AND pa.state NOT IN ('withdrawn', 'declined')))`,
	domain.ReportMessage: `
		SELECT m.sender_id, 'Message from ' || a.name, m.thread_id FROM messages m
			JOIN threads t ON t.id = m.thread_id JOIN accounts a ON a.id = m.sender_id
		WHERE m.id = $1 AND m.sender_id <> $2 AND $2 IN (t.producer_id, t.talent_id) AND m.removed_at IS NULL`,
}

// ownerActiveSQL is true when listing l's producer is not suspended: every
// query that shows listings to others carries it, so a suspension hides
// them all and lifting it shows them again, with nothing rewritten.
//
// It is NOT IN over the few suspended ids (a hashed subplan read once per
// query, from a partial index), not a NOT EXISTS per row: an anti-join
// would take browse off its ordered index walk (TestBrowsePlanAt20000Listings).
const ownerActiveSQL = `l.producer_id NOT IN (SELECT so.id FROM accounts so WHERE so.suspended_at IS NOT NULL)`

// ReportTarget is what the report form shows: the object in one line and
// the reporter's open report on it, if any.
type ReportTarget struct {
	Kind    domain.ReportKind
	ID      int64
	OwnerID int64
	Title   string
	// ThreadID is a message's thread (0 for the other kinds), where the
	// form goes back to.
	ThreadID int64
	// Open is the reporter's open report on the object, nil when none.
	Open *domain.Report
}

// ReportTarget returns the object the reporter is about to report, or
// ErrNotFound when they may not see it (or made it).
func (s *Store) ReportTarget(ctx context.Context, reporterID int64, kind domain.ReportKind, objectID int64) (ReportTarget, error) {
	t := ReportTarget{Kind: kind, ID: objectID}
	q, ok := reportOwnerSQL[kind]
	if !ok {
		return t, fmt.Errorf("store: report target %s: %w", kind, ErrNotFound)
	}
	if err := s.pool.QueryRow(ctx, q, objectID, reporterID).Scan(&t.OwnerID, &t.Title, &t.ThreadID); err != nil {
		return t, notFound(err, "report target "+string(kind), objectID)
	}
	r, err := scanReport(s.pool.QueryRow(ctx, `SELECT `+reportColumns+` FROM `+reportFrom+`
		WHERE r.reporter_id = $1 AND r.object_kind = $2 AND r.object_id = $3 AND r.resolved_at IS NULL`, reporterID, kind, objectID))
	switch {
	case errors.Is(err, pgx.ErrNoRows):
	case err != nil:
		return t, fmt.Errorf("store: open report on %s %d: %w", kind, objectID, err)
	default:
		t.Open = &r
	}
	return t, nil
}

// CreateReport records a report on an object the reporter may see. A
// second report while the first is open is ErrAlreadyReported (the
// partial unique index decides, so two tabs make one report).
func (s *Store) CreateReport(ctx context.Context, reporterID int64, kind domain.ReportKind, objectID int64, f domain.ReportForm) (domain.Report, error) {
	t, err := s.ReportTarget(ctx, reporterID, kind, objectID)
	if err != nil {
		return domain.Report{}, err
	}
	if t.Open != nil {
		return *t.Open, ErrAlreadyReported
	}
	var id int64
	err = s.pool.QueryRow(ctx, `
		INSERT INTO reports (reporter_id, object_kind, object_id, owner_id, reason, details)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, reporterID, kind, objectID, t.OwnerID, f.Reason, f.Details).Scan(&id)
	if isUniqueViolation(err, "reports_one_open_key") {
		return domain.Report{}, ErrAlreadyReported
	}
	if err != nil {
		return domain.Report{}, fmt.Errorf("store: report %s %d: %w", kind, objectID, err)
	}
	return s.report(ctx, s.pool, id)
}

const reportColumns = `r.id, r.reporter_id, rp.name, r.object_kind, r.object_id, r.owner_id, ow.name, r.reason, r.details,
	r.created_at, coalesce(r.outcome, ''), r.note, coalesce(rb.name, ''), r.resolved_at`

const reportFrom = `reports r JOIN accounts rp ON rp.id = r.reporter_id JOIN accounts ow ON ow.id = r.owner_id
	LEFT JOIN accounts rb ON rb.id = r.resolved_by`

func scanReport(row pgx.Row) (domain.Report, error) {
	var r domain.Report
	err := row.Scan(&r.ID, &r.ReporterID, &r.ReporterName, &r.Kind, &r.ObjectID, &r.OwnerID, &r.OwnerName, &r.Reason, &r.Details,
		&r.CreatedAt, &r.Outcome, &r.Note, &r.ResolvedBy, &r.ResolvedAt)
	return r, err
}

func (s *Store) report(ctx context.Context, q querier, id int64) (domain.Report, error) {
	r, err := scanReport(q.QueryRow(ctx, `SELECT `+reportColumns+` FROM `+reportFrom+` WHERE r.id = $1`, id))
	if err != nil {
		return r, notFound(err, "report", id)
	}
	return r, nil
}

func collectReports(rows pgx.Rows, err error) ([]domain.Report, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(r pgx.CollectableRow) (domain.Report, error) { return scanReport(r) })
}

// MyReports returns the reports the account filed, newest first: a
// reporter sees their own and nobody else's.
func (s *Store) MyReports(ctx context.Context, reporterID int64, limit int) ([]domain.Report, error) {
	list, err := collectReports(s.pool.Query(ctx, `SELECT `+reportColumns+` FROM `+reportFrom+`
		WHERE r.reporter_id = $1 ORDER BY r.created_at DESC, r.id DESC LIMIT $2`, reporterID, limit))
	if err != nil {
		return nil, fmt.Errorf("store: my reports: %w", err)
	}
	return list, nil
}
