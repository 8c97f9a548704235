package testdb

import (
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/jobs/workers"
)

// NewStore returns a store on a new migrated database, with an insert-only
// River client so the jobs it enqueues land in the database as in
// production; the pool is returned for tests that look underneath. The
// client holds the worker bundle, as in production, so a job kind without
// a worker fails its insert; the bundle's workers get no dependencies
// because an insert-only client never runs them.
func NewStore(t testing.TB) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	pool := New(t)
	bundle := river.NewWorkers()
	workers.Register(bundle, workers.Deps{})
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Workers: bundle})
	if err != nil {
		t.Fatalf("testdb: river client: %v", err)
	}
	return store.New(pool, inserter), pool
}
