package jobs

import (
	"time"

	"github.com/riverqueue/river"
)

// CloseCastingsArgs closes the published listings whose application
// deadline has passed. It is a periodic job: River's elected leader
// inserts it, and the store's one UPDATE closes each listing once even if
// two sweeps ever run together.
type CloseCastingsArgs struct{}

// Kind is the River job kind.
func (CloseCastingsArgs) Kind() string { return "close_castings" }

// InsertOpts allows one sweep a minute: a restart's run-on-start and the
// schedule's tick never queue two.
func (CloseCastingsArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: time.Minute}}
}

// TellNotSelectedArgs tells the applicants of a closed listing whom the
// producer left undecided that they were not selected. It is inserted in
// the close's transaction, scheduled at the end of the grace period.
type TellNotSelectedArgs struct {
	ListingID int64 `json:"listing_id"`
}

// Kind is the River job kind.
func (TellNotSelectedArgs) Kind() string { return "tell_not_selected" }

// InsertOpts makes the job unique per listing while it waits or runs; a
// completed one does not count, so a producer who turns the setting off
// and on again after the job ran gets a new one (which tells only those
// not yet told).
// The states are River's own names, appended as untyped constants so this
// package keeps importing river alone.
func (TellNotSelectedArgs) InsertOpts() river.InsertOpts {
	u := river.UniqueOpts{ByArgs: true}
	u.ByState = append(u.ByState, "available", "pending", "retryable", "running", "scheduled")
	return river.InsertOpts{UniqueOpts: u}
}
