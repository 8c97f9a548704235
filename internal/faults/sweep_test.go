//go:build faults

package faults

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestTheSweepWithTwoWorkerProcesses runs two `slate worker` processes on
// one database with a casting whose application deadline has passed:
// River's elected leader runs the periodic sweep, which closes it once
// and schedules one grace job; then the clock moves past the grace
// period (the listing's closing and the job's time moved eight days
// back, as an injected clock would move now on) and each undecided
// applicant gets exactly one "not selected", in the app and by e-mail,
// while the included hear nothing from the sweep.
func TestTheSweepWithTwoWorkerProcesses(t *testing.T) {
	ctx := context.Background()
	pool, url, st, sink := newFaultDB(t)
	ines := testapp.Producer(t, st)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	const undecided, included = 40, 3
	if _, err := pool.Exec(ctx, `
		WITH a AS (INSERT INTO accounts (email, name, role, password_hash)
			SELECT 's' || i || '@example.com', 'Performer ' || i, 'performer', 'h' FROM generate_series(1, $1::int + $2::int) i RETURNING id)
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, selection)
		SELECT $3, $4, id, $5, 'application', 'applied', CASE WHEN row_number() OVER (ORDER BY id) <= $2::int THEN 'included' END FROM a`,
		undecided, included, l.ID, l.Roles[0].ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE listings SET deadline = now() - interval '1 hour' WHERE id = $1`, l.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM river_job`); err != nil { // the accounts' own mail
		t.Fatal(err)
	}
	startWorker(t, url, sink)
	startWorker(t, url, sink)

	waitFor(t, pool, 60*time.Second, "the sweep to close the casting",
		`SELECT status = 'closed' FROM listings WHERE id = $1`, l.ID)
	waitFor(t, pool, 30*time.Second, "the producer's notice", `SELECT count(*) = 1 FROM notifications WHERE kind = 'casting_closed'`)
	var graceJobs int
	var due time.Time
	if err := pool.QueryRow(ctx, `SELECT count(*), max(scheduled_at) FROM river_job WHERE kind = 'tell_not_selected'`).
		Scan(&graceJobs, &due); err != nil {
		t.Fatal(err)
	}
	if graceJobs != 1 || time.Until(due) < 6*24*time.Hour {
		t.Fatalf("grace jobs = %d due %v, want one due in 7 days", graceJobs, due)
	}

	// Eight days later.
	if _, err := pool.Exec(ctx, `UPDATE listings SET closed_at = closed_at - interval '8 days' WHERE id = $1`, l.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE river_job SET scheduled_at = now() WHERE kind = 'tell_not_selected'`); err != nil {
		t.Fatal(err)
	}
	waitFor(t, pool, 60*time.Second, "the grace job and its e-mails", `SELECT
		(SELECT count(*) FROM email_deliveries WHERE state = 'sent') >= $1 + 1
		AND NOT EXISTS (SELECT 1 FROM river_job WHERE state IN ('available', 'running', 'retryable', 'pending')
		                AND kind <> 'mail_digest_sweep')`, undecided)

	var notes, people, toIncluded, closedNotes int
	if err := pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM notifications WHERE kind = 'not_selected'),
		(SELECT count(DISTINCT account_id) FROM notifications WHERE kind = 'not_selected'),
		(SELECT count(*) FROM notifications n JOIN participations p ON p.talent_id = n.account_id
		 WHERE n.kind = 'not_selected' AND p.selection = 'included'),
		(SELECT count(*) FROM notifications WHERE kind = 'casting_closed')`).Scan(&notes, &people, &toIncluded, &closedNotes); err != nil {
		t.Fatal(err)
	}
	if notes != undecided || people != undecided || toIncluded != 0 || closedNotes != 1 {
		t.Errorf("not selected: %d notifications to %d people (%d to the included); %d closing notices; want %d, %d, 0, 1",
			notes, people, toIncluded, closedNotes, undecided, undecided)
	}
	// The producer's closing notice and each applicant's "not selected",
	// once each.
	if got := len(sink.Messages()); got != undecided+1 || sink.Unique() != got {
		t.Errorf("the sink received %d mails under %d Message-IDs, want %d", got, sink.Unique(), undecided+1)
	}
}
