package testdb

import (
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain/store"
)

// NewStore returns a store on a new migrated database, with an insert-only
// River client so the jobs it enqueues land in the database as in
// production; the pool is returned for tests that look underneath.
func NewStore(t testing.TB) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	pool := New(t)
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		t.Fatalf("testdb: river client: %v", err)
	}
	return store.New(pool, inserter), pool
}
