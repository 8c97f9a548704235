package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
)

// StaffCounts, queued beside the nav counts, reads what OpenTaskCount and
// OpenReportCount read one by one: open profile tasks only, open reports
// only.
func TestStaffCountsMatchTheSingleCounts(t *testing.T) {
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
	if staff.OpenTasks != tasks || staff.OpenReports != reports || tasks != 1 || reports != 1 {
		t.Errorf("staff counts %+v, single counts %d tasks %d reports; want 1 and 1", *staff, tasks, reports)
	}
	if msgs, notes, _ := st.NavCounts(ctx, c.maya.ID); nav.Messages != msgs || nav.Notifications != notes {
		t.Errorf("nav counts in the batch %+v, alone %d %d", *nav, msgs, notes)
	}
}
