// Package store is Slate's data layer: SQL beside the method that runs it,
// one file per aggregate, on PostgreSQL through pgx. Jobs a write needs are
// enqueued in the write's own transaction.
package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/slatecasting/slate/domain"
)

// ErrNotFound means the row asked for does not exist (or is not visible to
// the caller). It is domain.ErrNotFound, so workers can test for it
// without importing the store.
var ErrNotFound = domain.ErrNotFound

// Inserter enqueues River jobs inside a caller's transaction; a
// *river.Client[pgx.Tx] is one.
type Inserter interface {
	InsertTx(ctx context.Context, tx pgx.Tx, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
}

// Store reads and writes Slate's tables.
type Store struct {
	pool *pgxpool.Pool
	jobs Inserter
}

// New returns a store on pool; jobs enqueues the work writes start.
func New(pool *pgxpool.Pool, jobs Inserter) *Store {
	return &Store{pool: pool, jobs: jobs}
}

// Ping checks the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

// inTx runs fn in a transaction, committed when fn returns nil.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginFunc(ctx, s.pool, fn)
}

// isUniqueViolation reports whether err is a unique-constraint error on the
// named constraint (any constraint when name is "").
func isUniqueViolation(err error, name string) bool {
	var pgErr *pgconn.PgError
	return errors.As(err, &pgErr) && pgErr.Code == "23505" && (name == "" || pgErr.ConstraintName == name)
}

// notFound turns pgx.ErrNoRows into ErrNotFound with context.
func notFound(err error, what string, id any) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("store: %s %v: %w", what, id, ErrNotFound)
	}
	return fmt.Errorf("store: %s %v: %w", what, id, err)
}

// newID draws the next id of table for an account that holds fewer than
// limit rows of it, or returns tooMany. table is one of this package's
// table names, never input.
func (s *Store) newID(ctx context.Context, table string, accountID int64, limit int, tooMany error) (int64, error) {
	var count int
	var id int64
	err := s.pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM `+table+` WHERE account_id = $1), nextval(pg_get_serial_sequence($2, 'id'))`,
		accountID, table).Scan(&count, &id)
	if err != nil {
		return 0, fmt.Errorf("store: new %s id: %w", table, err)
	}
	if count >= limit {
		return 0, fmt.Errorf("store: new %s id: %w", table, tooMany)
	}
	return id, nil
}

// existingIDs reports which of ids are rows of table (one of this
// package's table names, never input).
func (s *Store) existingIDs(ctx context.Context, table string, ids []int64) (map[int64]bool, error) {
	rows, err := s.pool.Query(ctx, `SELECT id FROM `+table+` WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("store: existing %s: %w", table, err)
	}
	found, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: existing %s: %w", table, err)
	}
	out := make(map[int64]bool, len(found))
	for _, id := range found {
		out[id] = true
	}
	return out, nil
}
