package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
)

// The dashboards' batch readers read what the store's single calls read.
// StaffCounts, queued beside the nav counts, reads what OpenTaskCount and
// OpenReportCount read one by one: open profile tasks only, open reports
// only.
func TestDashboardBatchReadersMatchTheSingleCalls(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	due := time.Now().Add(time.Hour)
	for _, q := range []string{
		`INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at) VALUES ('profile', $1, $1, $2)`,
		`INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at) VALUES ('listing', $1, $1, $2)`,
		`INSERT INTO moderation_tasks (subject, subject_id, owner_id, due_at, decided_at, outcome) VALUES ('profile', $1 + 1000, $1, $2, now(), 'approve')`,
	} {
		if _, err := pool.Exec(ctx, q, c.maya.ID, due); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.CreateReport(ctx, c.maya.ID, domain.ReportListing, c.listing.ID, spam); err != nil {
		t.Fatal(err)
	}
	b := st.Batch()
	nav, staff := b.NavCounts(c.maya.ID), b.StaffCounts()
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	tasks, _ := st.OpenTaskCount(ctx)
	reports, _ := st.OpenReportCount(ctx)
	// The open profile and listing tasks count; the decided one does not.
	if staff.OpenTasks != tasks || staff.OpenReports != reports || tasks != 2 || reports != 1 {
		t.Errorf("staff counts %+v, single counts %d tasks %d reports; want 2 and 1", *staff, tasks, reports)
	}
	if msgs, notes, _ := st.NavCounts(ctx, c.maya.ID); nav.Messages != msgs || nav.Notifications != notes {
		t.Errorf("nav counts in the batch %+v, alone %d %d", *nav, msgs, notes)
	}
	// The producer dashboard's reads, queued in one batch, return what
	// the single calls return, each scoped to the producer it names: the
	// other producer's batch sees no project and nothing waiting.
	b = st.Batch()
	projects, waiting, nav := b.Projects(c.ines.ID), b.WaitingApplications(c.ines.ID, 6), b.NavCounts(c.ines.ID)
	otherProjects, otherWaiting := b.Projects(c.oscar.ID), b.WaitingApplications(c.oscar.ID, 6)
	if err := b.Send(ctx); err != nil {
		t.Fatal(err)
	}
	if len(*projects) != 1 || (*projects)[0].Applications != 1 {
		t.Errorf("Ines's projects %+v, want one with one application", *projects)
	}
	if len(*waiting) != 1 || (*waiting)[0].ListingID != c.listing.ID || (*waiting)[0].Waiting != 1 {
		t.Errorf("Ines's waiting applications %+v, want Maya's on the listing", *waiting)
	}
	if len(*otherProjects) != 0 || len(*otherWaiting) != 0 {
		t.Errorf("Oscar's batch read Ines's rows: %+v %+v", *otherProjects, *otherWaiting)
	}
	one, _ := st.Projects(ctx, c.ines.ID)
	w, _ := st.WaitingApplications(ctx, c.ines.ID, 6)
	if len(one) != len(*projects) || one[0].ID != (*projects)[0].ID || len(w) != len(*waiting) || nav.Messages != 0 {
		t.Errorf("single calls %+v %+v differ from the batch", one, w)
	}
}
