package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// SweepOrphansArgs removes stored objects no row names: an upload is
// stored before its row commits, so a refused row whose object could not
// be deleted, or a process that died between the two, leaves one behind.
type SweepOrphansArgs struct{}

// Kind is the River job kind.
func (SweepOrphansArgs) Kind() string { return "sweep_orphan_objects" }

// InsertOpts allows one sweep per hour. River's unique states include
// completed, so uniqueness by args alone would block every later sweep
// until the finished one is cleaned out of the job table.
func (SweepOrphansArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Hour}}
}
