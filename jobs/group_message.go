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

// DeliverGroupMessageArgs delivers one group message to one recipient: the
// in-app notification (whose e-mail follows through deliver_notification)
// and the participation marked told. The expansion inserts exactly one per
// delivery row it creates, so it needs no unique options of its own.
type DeliverGroupMessageArgs struct {
	DeliveryID int64 `json:"delivery_id"`
}

// Kind is the River job kind.
func (DeliverGroupMessageArgs) Kind() string { return "deliver_group_message" }
