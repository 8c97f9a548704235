package moderation

import (
	"errors"
	"fmt"
	"time"

	"github.com/slatecasting/slate/domain"
)

// Deadlines of a validation task.
const (
	// ClaimFor is how long opening a task keeps it for one moderator; the
	// review page renews it while it is open and visible.
	ClaimFor = 15 * time.Minute
	// AnswerWithin is the promise made to talent: an answer within 24 hours.
	AnswerWithin = 24 * time.Hour
	// RemindBefore is when moderators are reminded of a task still open.
	RemindBefore = 4 * time.Hour
)

// Subject is what a task is about.
type Subject string

// The subjects: profiles now, listings with listing review.
const (
	SubjectProfile Subject = "profile"
	SubjectListing Subject = "listing"
)

// Outcome is a decision's result.
type Outcome string

// The outcomes.
const (
	Approve Outcome = "approve"
	Reject  Outcome = "reject"
)

// State is where a task is. Claimed and overdue are derived from the
// clock, never stored, so an expired claim needs no job to release it.
type State string

// The task states.
const (
	Open    State = "open"
	Claimed State = "claimed"
	Decided State = "decided"
)

// Task is one submission waiting for (or having had) a moderator's decision.
type Task struct {
	ID           int64
	Subject      Subject
	SubjectID    int64
	OwnerID      int64
	OwnerName    string
	OpenedAt     time.Time
	DueAt        time.Time
	ClaimedBy    *int64
	ClaimerName  string
	ClaimedUntil *time.Time
	DecidedBy    *int64
	DeciderName  string
	DecidedAt    *time.Time
	Outcome      Outcome
	Reasons      []ReasonCode
	Note         string
	OverdueAt    *time.Time
	// Title is a listing task's listing title ("" for profiles).
	Title string
}

// State is the task's state at now.
func (t Task) State(now time.Time) State {
	switch {
	case t.DecidedAt != nil:
		return Decided
	case t.ClaimedBy != nil && t.ClaimedUntil != nil && t.ClaimedUntil.After(now):
		return Claimed
	}
	return Open
}

// Overdue reports whether the task is still undecided past its deadline.
func (t Task) Overdue(now time.Time) bool { return t.DecidedAt == nil && !now.Before(t.DueAt) }

// TimeLeft is the time until the deadline (negative once overdue).
func (t Task) TimeLeft(now time.Time) time.Duration { return t.DueAt.Sub(now) }

// ClaimedByOther reports whether someone other than moderatorID holds a
// live claim.
func (t Task) ClaimedByOther(moderatorID int64, now time.Time) bool {
	return t.State(now) == Claimed && *t.ClaimedBy != moderatorID
}

// ReasonList is the task's reasons with their labels and changes.
func (t Task) ReasonList() []Reason {
	out := make([]Reason, 0, len(t.Reasons))
	for _, c := range t.Reasons {
		if r, ok := reasonIn(ReasonsFor(t.Subject), c); ok {
			out = append(out, r)
		}
	}
	return out
}

// Refusals of a decision or a claim.
var (
	// ErrNotModerator: only moderators work the queues.
	ErrNotModerator = errors.New("moderation: only moderators decide")
	// ErrOwnTask: nobody reviews their own submission.
	ErrOwnTask = errors.New("moderation: a moderator cannot review their own submission")
	// ErrDecided: the task already has its decision.
	ErrDecided = errors.New("moderation: the task is already decided")
	// ErrClaimed: another moderator holds the task.
	ErrClaimed = errors.New("moderation: another moderator holds the task")
)

// MayTake says whether who may claim or decide t at now: a moderator, not
// the task's owner, while the task is undecided and not held by another.
// The store enforces the same in its UPDATE; this names the refusal.
func MayTake(t Task, who domain.Account, now time.Time) error {
	switch {
	case who.Role != domain.RoleModerator:
		return ErrNotModerator
	case who.ID == t.OwnerID:
		return ErrOwnTask
	case t.DecidedAt != nil:
		return ErrDecided
	case t.ClaimedByOther(who.ID, now):
		return ErrClaimed
	}
	return nil
}

// Refusal is a refused claim or decision told to the moderator: who
// decided, or who holds the task.
type Refusal struct {
	Err error
	// Subject names what the task is about in the words ("profile", "listing").
	Subject Subject
	Name    string
	At      time.Time
}

// Error words the refusal for the moderator.
func (r *Refusal) Error() string {
	switch r.Err {
	case ErrDecided:
		return fmt.Sprintf("%s already decided this task.", orSomeone(r.Name))
	case ErrClaimed:
		return fmt.Sprintf("%s is reviewing this %s until %s.", orSomeone(r.Name), r.noun(), r.At.UTC().Format("15:04 UTC"))
	case ErrOwnTask:
		return "You cannot review your own " + r.noun() + ": another moderator will."
	}
	return "Only moderators review " + r.noun() + "s."
}

// noun is the subject in words, a profile unless told otherwise.
func (r *Refusal) noun() string {
	if r.Subject == SubjectListing {
		return "listing"
	}
	return "profile"
}

// Unwrap lets errors.Is see the reason.
func (r *Refusal) Unwrap() error { return r.Err }

func orSomeone(name string) string {
	if name == "" {
		return "Another moderator"
	}
	return name
}

// FormatLeft words a time left for the queue: "3 h 20 min left" or
// "overdue by 1 h 5 min".
func FormatLeft(d time.Duration) string {
	late := d < 0
	if late {
		d = -d
	}
	d = d.Round(time.Minute)
	h, m := int(d.Hours()), int(d.Minutes())%60
	s := fmt.Sprintf("%d min", m)
	if h > 0 {
		s = fmt.Sprintf("%d h %d min", h, m)
	}
	if late {
		return "overdue by " + s
	}
	return s + " left"
}
