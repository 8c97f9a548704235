package jobs

import "github.com/riverqueue/river"

// HideUnansweredArgs hides a listing whose requested changes the producer
// did not answer in time, as Backstage hides the notices of posters who do
// not reply. Inserted with the request for changes, scheduled for the end
// of the answer window; a no-op if the producer resubmitted.
type HideUnansweredArgs struct {
	// TaskID is the review task that requested the changes.
	TaskID int64 `json:"task_id"`
}

// Kind is the River job kind.
func (HideUnansweredArgs) Kind() string { return "hide_unanswered_listing" }

// InsertOpts makes the job unique per task.
func (HideUnansweredArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
