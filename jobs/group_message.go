package jobs

import "github.com/riverqueue/river"

// ExpandGroupMessageArgs turns one group message into one delivery per
// recipient, in batches. The store inserts it with the message; unique by
// message, so a second Notify that found the message inserts no second
// expansion, and a second run inserts no second delivery (the deliveries
// are unique per message and recipient in the database).
type ExpandGroupMessageArgs struct {
	MessageID int64 `json:"message_id"`
}

// Kind is the River job kind.
func (ExpandGroupMessageArgs) Kind() string { return "expand_group_message" }

// InsertOpts keep one expansion per message.
func (ExpandGroupMessageArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// DeliverGroupMessageArgs delivers one group message to a batch of its
// recipients, in one transaction: their in-app notifications (whose
// e-mails follow through one deliver_notification job for the batch) and
// their participations marked told. The expansion inserts exactly one
// per batch of delivery rows it creates, so it needs no unique options.
type DeliverGroupMessageArgs struct {
	// DeliveryID is the one delivery of jobs queued before batches; new
	// jobs use DeliveryIDs.
	DeliveryID  int64   `json:"delivery_id,omitempty"`
	DeliveryIDs []int64 `json:"delivery_ids,omitempty"`
}

// Kind is the River job kind.
func (DeliverGroupMessageArgs) Kind() string { return "deliver_group_message" }

// IDs returns every delivery the job is for.
func (a DeliverGroupMessageArgs) IDs() []int64 {
	if a.DeliveryID != 0 {
		return append([]int64{a.DeliveryID}, a.DeliveryIDs...)
	}
	return a.DeliveryIDs
}
