package jobs

import "github.com/riverqueue/river"

// ValidationReminderArgs reminds moderators of a moderation task (a
// profile's validation or a listing's review) still open 4 hours before
// its deadline. It is inserted with the task, scheduled for then, and does
// nothing once the task is decided.
type ValidationReminderArgs struct {
	TaskID int64 `json:"task_id"`
}

// Kind is the River job kind.
func (ValidationReminderArgs) Kind() string { return "validation_reminder" }

// InsertOpts makes the job unique per task: one reminder, however often
// the insert is retried.
func (ValidationReminderArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
