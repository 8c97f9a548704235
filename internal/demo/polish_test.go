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

// checkSuspended: the demo's agency account is suspended by the demo
// moderator with its reason, with one mail to its owner queued however
// often the demo was seeded.
func checkSuspended(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	var suspended bool
	var reason string
	var mails int
	err := pool.QueryRow(context.Background(), `SELECT a.suspended_at IS NOT NULL, a.suspension_reason,
			(SELECT count(*) FROM river_job WHERE kind = 'suspension_mail')
		FROM accounts a WHERE a.email = $1`, demo.SuspendedEmail).Scan(&suspended, &reason, &mails)
	if err != nil || !suspended || reason == "" || mails != 1 {
		t.Errorf("%s: suspended %v (%q), %d suspension mails, %v; want suspended with a reason and one mail",
			demo.SuspendedEmail, suspended, reason, mails, err)
	}
}
