package jobs

import "github.com/riverqueue/river"

// SweepArgs deletes expired sessions and stale login-throttle rows.
type SweepArgs struct{}

// Kind is the River job kind.
func (SweepArgs) Kind() string { return "sweep_expired" }

// InsertOpts keeps one sweep queued at a time.
func (SweepArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
