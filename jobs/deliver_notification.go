package jobs

import "github.com/riverqueue/river"

// DeliverNotificationArgs e-mails one notification to its account, as its
// preferences say. The store inserts it in the transaction that writes the
// notification, so the mail never goes out for a change that rolled back
// and never goes missing for one that committed. A group message's
// deliveries reuse it: one notification, one job, per recipient.
type DeliverNotificationArgs struct {
	NotificationID int64 `json:"notification_id"`
}

// Kind is the River job kind.
func (DeliverNotificationArgs) Kind() string { return "deliver_notification" }

// InsertOpts keep one job per notification; retries back off (River's
// default), since a transient SMTP error usually clears within minutes.
func (DeliverNotificationArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{MaxAttempts: 8, UniqueOpts: river.UniqueOpts{ByArgs: true}}
}
