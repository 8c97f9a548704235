package store

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
)

// StaffCount is what the moderators' navigation shows beside "Queue"
// (profiles and listings waiting) and "Reports".
type StaffCount struct{ OpenTasks, OpenReports int }

// staffCountsSQL is the shared queues' counts (open tasks, open reports),
// one column each: the one definition StaffCounts and the session's read
// (Session) share.
var staffCountsSQL = []string{
	`(SELECT count(*) FROM moderation_tasks WHERE decided_at IS NULL)`, // profiles and listings: OpenTaskCount
	`(SELECT count(*) FROM reports WHERE resolved_at IS NULL)`,
}

// StaffCounts queues OpenTaskCount and OpenReportCount as one query, so a
// moderator's page reads its badges in the round trip of its nav counts
// instead of two more. The counts are the same for every staff account
// (the queues are shared), so there is nothing to scope.
func (b *Batch) StaffCounts() *StaffCount {
	out := &StaffCount{}
	b.b.Queue("SELECT " + strings.Join(staffCountsSQL, ", ")).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&out.OpenTasks, &out.OpenReports); err != nil {
			return fmt.Errorf("store: staff counts: %w", err)
		}
		return nil
	})
	return out
}
