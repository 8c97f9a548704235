package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// SweepArgs deletes expired sessions and stale login-throttle rows.
type SweepArgs struct{}

// Kind is the River job kind.
func (SweepArgs) Kind() string { return "sweep_expired" }

// InsertOpts allows one sweep per hour: unique by args alone would skip
// every hourly insert until River cleaned out the finished job (a day
// later), since a completed job still counts for uniqueness.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}
