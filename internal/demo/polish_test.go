package demo_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/internal/demo"
)

// checkPolish: the demo producer has one listing hidden for unanswered
// changes, with the moderator's request on record, to bring back.
func checkPolish(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	var status string
	var requests int
	err := pool.QueryRow(context.Background(), `SELECT l.status,
			(SELECT count(*) FROM moderation_tasks t WHERE t.subject = 'listing' AND t.subject_id = l.id AND t.outcome = 'changes')
		FROM listings l WHERE l.title = $1`, demo.SaltNets).Scan(&status, &requests)
	if err != nil || status != "lapsed" || requests != 1 {
		t.Errorf("demo listing %q: %s with %d requests for changes, %v; want lapsed with 1", demo.SaltNets, status, requests, err)
	}
}
