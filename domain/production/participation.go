package production

import (
	"time"

	"github.com/slatecasting/slate/domain"
)

// Origin is how a talent came to a role.
type Origin string

// The origins: the talent pressed castmi, or the producer invited them.
const (
	FromApplication Origin = "application"
	FromInvitation  Origin = "invitation"
)

// State is where a talent's participation in a role stands.
type State string

// The participation states.
const (
	Applied     State = "applied"   // waiting for the producer
	Invited     State = "invited"   // waiting for the talent
	Accepted    State = "accepted"  // confirmed: on the project's team
	NotSelected State = "rejected"  // not selected
	Withdrawn   State = "withdrawn" // the talent withdrew, or the producer took the invitation back
	Declined    State = "declined"  // the talent declined the invitation
)

// Actor is who acts on a participation.
type Actor string

// The actors.
const (
	ByTalent   Actor = "talent"
	ByProducer Actor = "producer"
)

// Move is one change of state a person may ask for.
type Move string

// The moves.
const (
	Apply    Move = "apply"    // talent: apply, or apply again after withdrawing
	Withdraw Move = "withdraw" // talent: withdraw an application
	Accept   Move = "accept"   // producer: accept an applicant; talent: accept an invitation
	Reject   Move = "reject"   // producer: not selected
	Undo     Move = "undo"     // producer: take an accept or a reject back
	Decline  Move = "decline"  // talent: decline an invitation
	Uninvite Move = "uninvite" // producer: take an invitation back
)

type moveKey struct {
	from State
	by   Actor
	move Move
}

// moves are the allowed changes. Accept and reject can be undone (and
// flipped) while the casting is open; every decision records who made it.
var moves = map[moveKey]State{
	{Withdrawn, ByTalent, Apply}:      Applied,
	{Applied, ByTalent, Withdraw}:     Withdrawn,
	{Applied, ByProducer, Accept}:     Accepted,
	{Applied, ByProducer, Reject}:     NotSelected,
	{NotSelected, ByProducer, Accept}: Accepted,
	{Accepted, ByProducer, Reject}:    NotSelected,
	{Accepted, ByProducer, Undo}:      Applied,
	{NotSelected, ByProducer, Undo}:   Applied,
	{Invited, ByTalent, Accept}:       Accepted,
	{Invited, ByTalent, Decline}:      Declined,
	{Invited, ByProducer, Uninvite}:   Withdrawn,
}

// Next is the state a participation in s moves to when by asks for m, and
// whether that is allowed. An undone decision of an invitation goes back
// to invited, of an application back to applied.
func (s State) Next(by Actor, m Move, origin Origin) (State, bool) {
	to, ok := moves[moveKey{s, by, m}]
	if ok && m == Undo && origin == FromInvitation {
		to = Invited
	}
	return to, ok
}

// Label is the state as the talent reads it on "My castings"; closed
// says the casting closed without selecting them.
func (s State) Label(closed bool) string {
	switch s {
	case Accepted:
		return "Accepted"
	case NotSelected:
		return "Not selected"
	case Withdrawn:
		return "Withdrawn"
	case Declined:
		return "Declined"
	}
	if closed {
		return "Closed"
	}
	if s == Invited {
		return "Invited"
	}
	return "Applied"
}

// Confirmed reports whether the talent is on the team.
func (s State) Confirmed() bool { return s == Accepted }

// Participation is a talent's part in one role of a listing.
type Participation struct {
	ID         int64
	ListingID  int64
	RoleID     int64
	TalentID   int64
	ProducerID int64
	Origin     Origin
	State      State
	Note       string
	DecidedBy  *int64
	DecidedAt  *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
	// Choice is the final selection's choice once the listing closed;
	// ToldNotSelectedAt is when the grace period told them "not selected".
	Choice            Choice
	ToldNotSelectedAt *time.Time
}

// FinalLabel is the participation as the talent reads it: State.Label
// while the listing is open, the final selection's answer once closed.
func (p Participation) FinalLabel(closed bool) string {
	return FinalLabel(p.State, closed, p.Choice, p.ToldNotSelectedAt != nil)
}

// Applicant is the profile facts an applicant card shows.
type Applicant struct {
	Participation
	Name       string
	RoleName   string
	HeadshotID int64 // 0: no passed headshot
	HeadshotV  int   // the headshot's check sequence, for cache busting
	AgeMin     int
	AgeMax     int
	HeightCM   int
	City       string
	// Suspended says the talent's account is suspended: shown so on the
	// team page, with nothing offered to reach them.
	Suspended bool
}

// Eligibility is what CanApply needs to know about the talent.
type Eligibility struct {
	Role domain.Role
	// ProfileComplete says the completeness meter allows submitting: a
	// passed headshot and enough passed book photos included.
	ProfileComplete bool
	// Invited says the talent holds an invitation to this listing.
	Invited bool
}

// ApplyProblem returns why the talent may not apply to the listing now,
// as a sentence saying what to do, or "" when they may.
func ApplyProblem(l Listing, who Eligibility, now time.Time) string {
	kind, ok := KindFor(who.Role)
	switch {
	case !ok:
		return "Only performers and crew apply to listings."
	case kind != l.Kind:
		if kind == CastingCall {
			return "This is a job listing for crew: performers apply to casting calls."
		}
		return "This is a casting call for performers: crew apply to job listings."
	case l.Status == Closed:
		return "This casting is closed: it no longer takes applications."
	case !l.Status.Open():
		return "This listing is not open for applications."
	case l.Deadline != nil && !now.Before(*l.Deadline):
		return "The deadline for this listing has passed."
	case l.Private() && !who.Invited:
		return "This is a private casting: only invited members can apply."
	case !who.ProfileComplete:
		return "Complete your profile first: a headshot and at least 5 book photos that passed their checks, and the required sections. Then press castmi again."
	}
	return ""
}

// MayView reports whether the talent may see the listing at all: the kind
// they work in, published (or closed, for those holding its link), and,
// when private, invited. Anyone else gets a 404.
func MayView(l Listing, role domain.Role, invited bool) bool {
	kind, ok := KindFor(role)
	if !ok || kind != l.Kind {
		return false
	}
	if l.Status != Published && l.Status != Closed {
		return false
	}
	return !l.Private() || invited
}
