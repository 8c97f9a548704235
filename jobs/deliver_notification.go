package jobs

import "github.com/riverqueue/river"

// DeliverNotificationArgs e-mails notifications to their accounts, as
// their preferences say. The store inserts it in the transaction that
// writes the notifications, so a mail never goes out for a change that
// rolled back and never goes missing for one that committed. A change
// that tells one person inserts one with one id; a group message's batch
// of recipients inserts one for the whole batch, so ten thousand
// recipients cost a hundred jobs, not ten thousand.
type DeliverNotificationArgs struct {
	// NotificationID is the one notification of jobs queued before
	// batches; new jobs use NotificationIDs.
	NotificationID  int64   `json:"notification_id,omitempty"`
	NotificationIDs []int64 `json:"notification_ids,omitempty"`
}

// Kind is the River job kind.
func (DeliverNotificationArgs) Kind() string { return "deliver_notification" }

// InsertOpts keep one job per set of notifications; retries back off
// (River's default), since a transient SMTP error usually clears within
// minutes.
func (DeliverNotificationArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// IDs returns every notification the job is for.
func (a DeliverNotificationArgs) IDs() []int64 {
	if a.NotificationID != 0 {
		return append([]int64{a.NotificationID}, a.NotificationIDs...)
	}
	return a.NotificationIDs
}
