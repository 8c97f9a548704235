package workers

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/jobs"
)

// Deadliner is what the deadline workers need from the store. They serve
// profile validation and listing review alike: the store words the
// notice by the task's subject.
type Deadliner interface {
	RemindTask(ctx context.Context, taskID int64, now time.Time) (bool, error)
	MarkOverdue(ctx context.Context, taskID int64, now time.Time) (time.Duration, error)
}

// ValidationReminderWorker reminds moderators of a task due in 4 hours.
// A decided task makes it a no-op; the notifications' dedupe keys make a
// second run harmless.
type ValidationReminderWorker struct {
	river.WorkerDefaults[jobs.ValidationReminderArgs]
	Store Deadliner
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
}

// Work sends the reminder.
func (w *ValidationReminderWorker) Work(ctx context.Context, job *river.Job[jobs.ValidationReminderArgs]) error {
	if _, err := w.Store.RemindTask(ctx, job.Args.TaskID, clock(w.Now)); err != nil {
		return fmt.Errorf("validation reminder: %w", err)
	}
	return nil
}

// ValidationOverdueWorker escalates a task at its deadline: marked overdue,
// every moderator told. It snoozes if it runs before the deadline.
type ValidationOverdueWorker struct {
	river.WorkerDefaults[jobs.ValidationOverdueArgs]
	Store Deadliner
	// Now is the clock (tests inject one); nil is time.Now.
	Now func() time.Time
}

// Work marks the task overdue.
func (w *ValidationOverdueWorker) Work(ctx context.Context, job *river.Job[jobs.ValidationOverdueArgs]) error {
	wait, err := w.Store.MarkOverdue(ctx, job.Args.TaskID, clock(w.Now))
	if err != nil {
		return fmt.Errorf("validation overdue: %w", err)
	}
	if wait > 0 {
		return river.JobSnooze(wait)
	}
	return nil
}
