//go:build faults || bench

package faults

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// closedGroup makes a producer's closed casting with n included
// performers (rows in bulk: no password hashing), empties the job table of
// the accounts' own mail, and returns the producer and the listing.
func closedGroup(t *testing.T, st *store.Store, pool *pgxpool.Pool, n int) (producerID, listingID int64) {
	t.Helper()
	ctx := context.Background()
	ines := testapp.Producer(t, st)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	if _, err := pool.Exec(ctx, `
		WITH a AS (INSERT INTO accounts (email, name, role, password_hash)
			SELECT 'p' || i || '@example.com', 'Performer ' || i, 'performer', 'h' FROM generate_series(1, $1) i RETURNING id)
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, selection)
		SELECT $2, $3, id, $4, 'application', 'applied', 'included' FROM a`, n, l.ID, l.Roles[0].ID, ines.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CloseListing(ctx, ines.ID, l.ID, false, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `DELETE FROM river_job`); err != nil {
		t.Fatal(err)
	}
	return ines.ID, l.ID
}

// selected is the message both runs send.
var selected = production.GroupMessage{Group: production.Included, Subject: "You are selected", Body: "Monday 9:00, Studio 4."}
