package jobs

import "github.com/riverqueue/river"

// ValidationOverdueArgs escalates a moderation task (a profile's
// validation or a listing's review) at its deadline: the task is marked
// overdue and every moderator is told. Inserted with the
// task, scheduled for its due time; a no-op once the task is decided.
type ValidationOverdueArgs struct {
	TaskID int64 `json:"task_id"`
}

// Kind is the River job kind.
func (ValidationOverdueArgs) Kind() string { return "validation_overdue" }

// InsertOpts makes the job unique per task.
func (ValidationOverdueArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
