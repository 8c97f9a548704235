package demo_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
)

// checkGroupMessage holds the demo to the README: the closed casting has
// one sent group message to its two included, whatever the seeds run.
func checkGroupMessage(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	var n, total, jobs int
	err := pool.QueryRow(context.Background(), `SELECT count(*), coalesce(sum(total), 0),
		(SELECT count(*) FROM river_job WHERE kind = 'expand_group_message') FROM group_messages`).Scan(&n, &total, &jobs)
	if err != nil || n != 1 || total != 2 || jobs != 1 {
		t.Errorf("demo group messages = %d to %d with %d expansions (%v); want 1 to the 2 included, expanded once", n, total, jobs, err)
	}
}
