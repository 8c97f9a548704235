package domain

// MailType is a kind of e-mail a person chooses how often to receive
// (the preferences page has one choice per type). Several notification
// kinds map onto one type, so the choice stays short.
type MailType string

// The mail types, in the order the preferences page lists them.
const (
	MailNewApplication MailType = "new_application"
	MailInvitation     MailType = "invitation"
	MailDecision       MailType = "decision"
	MailMessage        MailType = "message"
	MailGroupMessage   MailType = "group_message"
	MailValidation     MailType = "validation"
	MailListingReview  MailType = "listing_review"
	MailMatchAlert     MailType = "match_alert"
)

// Cadence is how often a person gets e-mail of one type: every
// notification at once, gathered in a daily digest, or never (the
// in-app notification stays in every case).
type Cadence string

// The cadences.
const (
	CadenceImmediately Cadence = "immediately"
	CadenceDaily       Cadence = "daily"
	CadenceNever       Cadence = "never"
)

// Cadences lists the cadences in the order a select shows them.
var Cadences = []Cadence{CadenceImmediately, CadenceDaily, CadenceNever}

// Label is how a cadence reads in a select.
func (c Cadence) Label() string {
	switch c {
	case CadenceImmediately:
		return "Immediately"
	case CadenceDaily:
		return "Daily digest"
	case CadenceNever:
		return "Never"
	}
	return string(c)
}

// Valid reports whether c is one of the cadences.
func (c Cadence) Valid() bool {
	return c == CadenceImmediately || c == CadenceDaily || c == CadenceNever
}

// MailTypeInfo describes one mail type: its label, a hint and the
// cadence an account has until it chooses.
type MailTypeInfo struct {
	Type    MailType
	Label   string
	Hint    string
	Default Cadence
}

// MailTypes is every mail type with its default. Match alerts default to
// the daily digest: they are many and rarely urgent; everything else is
// about a person waiting for an answer, so it goes at once.
var MailTypes = []MailTypeInfo{
	{MailNewApplication, "New applications", "Someone applied to one of your listings, or answered your invitation.", CadenceImmediately},
	{MailInvitation, "Invitations", "A producer invites you to apply.", CadenceImmediately},
	{MailDecision, "Decisions", "You are accepted, or not selected this time.", CadenceImmediately},
	{MailMessage, "Messages", "Someone wrote to you in Slate's messages.", CadenceImmediately},
	{MailGroupMessage, "Casting messages", "A producer writes to a group of a closed casting you are in.", CadenceImmediately},
	{MailValidation, "Profile validation", "A moderator validated your profile or asked for changes.", CadenceImmediately},
	{MailListingReview, "Your listings", "A moderator reviewed one of your listings, or one closed at its deadline.", CadenceImmediately},
	{MailMatchAlert, "Match alerts", "A new listing matches your profile.", CadenceDaily},
}

// MailTypeOf returns the description of t, and false for an unknown type.
func MailTypeOf(t MailType) (MailTypeInfo, bool) {
	for _, info := range MailTypes {
		if info.Type == t {
			return info, true
		}
	}
	return MailTypeInfo{}, false
}

// notificationMail maps each notification kind onto the mail type whose
// preference decides its e-mail. A kind missing here (welcome) is shown
// in the app only.
var notificationMail = map[string]MailType{
	"application":         MailNewApplication,
	"invitation_answered": MailNewApplication,
	"invitation":          MailInvitation,
	"accepted":            MailDecision,
	"not_selected":        MailDecision,
	"message":             MailMessage,
	"group_message":       MailGroupMessage,
	"validation":          MailValidation, // approved or changes asked (store.decideProfile)
	"validation_reminder": MailValidation, // to moderators: a task due in 4 hours
	"validation_overdue":  MailValidation, // to moderators: a task past its 24 hours
	"listing_approved":    MailListingReview,
	"listing_rejected":    MailListingReview,
	"listing_changes":     MailListingReview,
	"listing_hidden":      MailListingReview, // changes not answered in time (store.HideUnanswered)
	"casting_closed":      MailListingReview, // to the producer: the sweep closed it at its deadline
	"match_alert":         MailMatchAlert,
}

// MailTypeForKind returns the mail type of a notification kind, and false
// when that kind is never e-mailed.
func MailTypeForKind(kind string) (MailType, bool) {
	t, ok := notificationMail[kind]
	return t, ok
}

// MailDigest names the daily digest where a mail type is expected (its
// unsubscribe link): stopping it stops every type the account gets daily.
// It is not a choice of its own on the preferences page.
const MailDigest MailType = "digest"

// MailedKinds lists the notification kinds that can be e-mailed, for
// queries that look only at those.
func MailedKinds() []string {
	kinds := make([]string, 0, len(notificationMail))
	for k := range notificationMail {
		kinds = append(kinds, k)
	}
	return kinds
}
