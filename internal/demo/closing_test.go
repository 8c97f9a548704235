package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/demo"
)

// checkClosing holds the closing demo to what the README says: a closed
// casting with its final selection, and an overdue one the first sweep
// closes.
func checkClosing(t *testing.T, st *store.Store) {
	t.Helper()
	ctx := context.Background()
	producer, _, err := st.Credentials(ctx, demo.ProducerEmail)
	if err != nil {
		t.Fatal(err)
	}
	projects, err := st.Projects(ctx, producer.ID)
	if err != nil {
		t.Fatal(err)
	}
	listings := map[string]production.Listing{}
	for _, p := range projects {
		if p.Title != demo.HarbourLights {
			continue
		}
		list, err := st.ProjectListings(ctx, producer.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range list {
			listings[l.Title] = l
		}
	}
	closed, late := listings[demo.HarbourClosed], listings[demo.HarbourLate]
	if closed.Status != production.Closed || late.Status != production.Published {
		t.Fatalf("the closing demo: %q %s, %q %s; want closed and published", demo.HarbourClosed, closed.Status, demo.HarbourLate, late.Status)
	}
	sel, err := st.FinalSelection(ctx, producer.ID, closed.ID, store.SelectionFilter{})
	if err != nil || sel.All != (production.GroupCounts{Included: 2, Excluded: 1, Undecided: 1}) {
		t.Errorf("the closed casting's selection = %+v, %v", sel.All, err)
	}
	ids, err := st.CloseDueListings(ctx, time.Now())
	if err != nil || len(ids) != 1 || ids[0] != late.ID {
		t.Errorf("the first sweep closed %v, %v; want the overdue casting %d", ids, err, late.ID)
	}
}
