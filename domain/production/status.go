package production

// Status is where a listing is in its life.
type Status string

// The listing statuses. A producer saves a draft, submits it when
// complete; moderators review it (in review, then published, changes
// requested, rejected or hidden); a published listing takes applications
// until it is closed. Lapsed is hidden too, but for another reason: the
// changes a moderator asked for were not made in time, so the producer
// may still make them and submit again; Hidden is a moderator's decision
// on a listing that was out.
const (
	Draft            Status = "draft"
	InReview         Status = "in_review"
	ChangesRequested Status = "changes_requested"
	Rejected         Status = "rejected"
	Published        Status = "published"
	Hidden           Status = "hidden"
	Lapsed           Status = "lapsed"
	Closed           Status = "closed"
)

// Label is the status as the producer reads it.
func (s Status) Label() string {
	switch s {
	case InReview:
		return "In review"
	case ChangesRequested:
		return "Changes requested"
	case Rejected:
		return "Rejected"
	case Published:
		return "Published"
	case Hidden, Lapsed:
		return "Hidden"
	case Closed:
		return "Closed"
	}
	return "Draft"
}

// Event is something that moves a listing from one status to another.
type Event string

// The listing events.
const (
	// Submit sends a complete draft (or one answering requested changes)
	// to the moderators' listing review.
	Submit Event = "submit"
	// Approve publishes a listing in review (moderators).
	Approve Event = "approve"
	// RequestChanges sends a listing in review back to its producer.
	RequestChanges Event = "request_changes"
	// Refuse rejects a listing in review for good.
	Refuse Event = "refuse"
	// Hide takes a published listing off the browse pages (moderators).
	Hide Event = "hide"
	// Lapse hides a listing whose requested changes were not answered in
	// time (the hide-after-no-answer job).
	Lapse Event = "lapse"
	// Unhide publishes a hidden listing again.
	Unhide Event = "unhide"
	// Close stops applications (the producer, or the deadline sweep).
	Close Event = "close"
)

// transitions are the allowed moves: from status, by event, to status.
var transitions = map[Status]map[Event]Status{
	Draft: {Submit: InReview},
	// A request for changes left unanswered hides the listing (the
	// hide-after-no-answer job); its producer may still answer it: edit,
	// and submit to go back to review like any submitted listing.
	ChangesRequested: {Submit: InReview, Lapse: Lapsed},
	Lapsed:           {Submit: InReview},
	InReview:         {Approve: Published, RequestChanges: ChangesRequested, Refuse: Rejected},
	Published:        {Hide: Hidden, Close: Closed},
	Hidden:           {Unhide: Published, Close: Closed},
}

// SubmitPublishes says a submitted listing is published at once. Listing
// review turned it off: submit stops in review, and a moderator publishes.
const SubmitPublishes = false

// Next is the status a listing in s moves to on e, and whether the move
// is allowed at all.
func (s Status) Next(e Event) (Status, bool) {
	to, ok := transitions[s][e]
	if ok && e == Submit && SubmitPublishes {
		to = Published
	}
	return to, ok
}

// Editable reports whether the producer may change the listing's content:
// a draft, or one sent back for changes (answered late or not). A
// published listing's content is fixed: people applied to what it said.
func (s Status) Editable() bool { return s == Draft || s == ChangesRequested || s == Lapsed }

// AwaitsChanges reports whether the listing waits for the changes a
// moderator asked for: the editor shows each reason beside its field.
func (s Status) AwaitsChanges() bool { return s == ChangesRequested || s == Lapsed }

// Visible reports whether talent may see the listing on the browse pages.
func (s Status) Visible() bool { return s == Published }

// Open reports whether the listing takes applications (the deadline is
// checked apart).
func (s Status) Open() bool { return s == Published }
