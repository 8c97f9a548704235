// Package domain holds Slate's domain types and the pure rules that do not
// need a database: who may do what, and what a valid sign-up is. Its
// subpackages hold the profile rules (profile), reel links and files
// (reel), the photo checks (photocheck) and the data layer (store).
package domain

import (
	"errors"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what an account is on the platform. One account has one role: a
// second role needs a second e-mail address.
type Role string

// The roles. Moderators are never created by sign-up.
const (
	RolePerformer Role = "performer"
	RoleCrew      Role = "crew"
	RoleProducer  Role = "producer"
	RoleModerator Role = "moderator"
)

// SignupRoles are the roles a visitor may choose, in the order the form shows them.
var SignupRoles = []RoleOption{
	{RolePerformer, "Performer", "Actor, extra, model, dancer, voice-over artist, singer…"},
	{RoleCrew, "Crew", "Editor, screenwriter, camera, sound, make-up…"},
	{RoleProducer, "Producer", "I run projects and cast talent and crew."},
}

// RoleOption describes a role for the sign-up form.
type RoleOption struct {
	Role  Role
	Label string
	Hint  string
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	switch r {
	case RolePerformer, RoleCrew, RoleProducer, RoleModerator:
		return true
	}
	return false
}

// IsTalent reports whether the role keeps a talent profile.
func (r Role) IsTalent() bool { return r == RolePerformer || r == RoleCrew }

// IsStaff reports whether the role works the moderation queues.
func (r Role) IsStaff() bool { return r == RoleModerator }

// Label is the role's human name.
func (r Role) Label() string {
	switch r {
	case RolePerformer:
		return "Performer"
	case RoleCrew:
		return "Crew"
	case RoleProducer:
		return "Producer"
	case RoleModerator:
		return "Moderator"
	}
	return string(r)
}

// DashboardPath is where the role lands after logging in.
func (r Role) DashboardPath() string {
	switch r {
	case RoleModerator:
		return "/moderation"
	case "":
		return "/"
	}
	return "/" + string(r)
}

// Account is a person who can log in.
type Account struct {
	ID    int64
	Email string
	Name  string
	Role  Role
	// TimeZone is the IANA zone the person reads dates in: the browser's,
	// sent by Slate's script, UTC until then.
	TimeZone    string
	CreatedAt   time.Time
	SuspendedAt *time.Time
	// EmailConfirmedAt is when the owner followed the confirmation link
	// sent to Email; nil until then (see ConfirmationProblem).
	EmailConfirmedAt *time.Time
}

// Password length bounds: at least 8 characters (NIST SP 800-63B), and a
// generous maximum so passphrases fit while a megabyte "password" cannot tie
// up the hasher.
const (
	MinPasswordLen = 8
	MaxPasswordLen = 256
)

// Signup is what the sign-up form posts.
type Signup struct {
	Name     string
	Email    string
	Password string
	Role     Role
}

// FieldErrors maps a form field to the message shown beside it, in plain
// words; an empty map means the form was accepted. Every form (sign-up,
// profile sections, reels, and the forms to come) reports its problems in
// this one type, so templates look messages up the same way everywhere.
// Fields of a list's rows are keyed <prefix>_<field>_<index>
// (credit_title_2, see domain/profile).
type FieldErrors map[string]string

// With adds the messages of more that e does not have yet (the first
// message for a field is the one shown) and returns e.
func (e FieldErrors) With(more FieldErrors) FieldErrors {
	for k, v := range more {
		e.Add(k, v)
	}
	return e
}

// Add records msg for field unless the field already has one: the first
// problem found is the one to fix first.
func (e FieldErrors) Add(field, msg string) {
	if _, ok := e[field]; !ok {
		e[field] = msg
	}
}

// NormalizeEmail trims an address; case is kept as typed, and uniqueness is
// enforced case-insensitively by the database.
func NormalizeEmail(s string) string { return strings.TrimSpace(s) }

// Validate checks a sign-up and returns the problems per field. It trims
// the name and e-mail in place.
func (s *Signup) Validate() FieldErrors {
	errs := FieldErrors{}
	s.Name = strings.Join(strings.Fields(s.Name), " ")
	s.Email = NormalizeEmail(s.Email)
	switch n := utf8.RuneCountInString(s.Name); {
	case n == 0:
		errs["name"] = "Enter your name."
	case n > 100:
		errs["name"] = "Keep your name under 100 characters."
	}
	if msg := EmailProblem(s.Email); msg != "" {
		errs["email"] = msg
	}
	if msg := PasswordProblem(s.Password); msg != "" {
		errs["password"] = msg
	}
	if s.Role != RolePerformer && s.Role != RoleCrew && s.Role != RoleProducer {
		errs["role"] = "Choose whether you are a performer, crew or a producer."
	}
	return errs
}

// EmailProblem returns why s is not a usable e-mail address, or "": it
// wants a bare address (name@example.com, no display name or angle
// brackets) of at most 254 bytes with a dotted domain. It is the one
// e-mail rule: the sign-up form and the profile's contact address both
// use it.
func EmailProblem(s string) string {
	if s == "" {
		return "Enter your e-mail address."
	}
	if len(s) > 254 {
		return "This e-mail address is too long."
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") {
		return "Enter an e-mail address like name@example.com."
	}
	return ""
}

// PasswordProblem returns why p is not an acceptable password, or "".
func PasswordProblem(p string) string {
	switch n := utf8.RuneCountInString(p); {
	case n < MinPasswordLen:
		return "Use at least 8 characters."
	case n > MaxPasswordLen:
		return "Use at most 256 characters."
	}
	return ""
}

// Notification is something the app tells one person, shown in their
// notifications list. DedupeKey is unique per account, so writers are
// idempotent.
type Notification struct {
	ID        int64
	AccountID int64
	Kind      string
	DedupeKey string
	Title     string
	Body      string
	Link      string
	CreatedAt time.Time
	ReadAt    *time.Time
}

// PhotoStatus is where a photo is in its checks.
type PhotoStatus string

// The photo statuses.
const (
	PhotoPending PhotoStatus = "pending" // waiting for its check job
	PhotoPassed  PhotoStatus = "passed"  // every check passed (warnings allowed)
	PhotoFailed  PhotoStatus = "failed"  // a check failed: the report says what to do
	PhotoError   PhotoStatus = "error"   // the file can never be processed: Problem says why
)

// PhotoKind says which rules a picture is judged by: the headshot's or the
// book's.
type PhotoKind string

// The photo kinds.
const (
	// PhotoHeadshot is the profile picture: portrait orientation and one
	// clear, centred face with visible eyes.
	PhotoHeadshot PhotoKind = "headshot"
	// PhotoBook is a picture of the talent's book.
	PhotoBook PhotoKind = "book"
)

// Photo limits.
const (
	// MaxPhotos caps a talent's photos (headshot and book together).
	MaxPhotos = 40
	// MaxCaption bounds a photo's caption, in characters.
	MaxCaption = 140
)

// Photo is one picture of a talent: the headshot or a book photo.
type Photo struct {
	ID          int64
	AccountID   int64
	Position    int
	Caption     string
	IsHeadshot  bool
	ContentType string
	Bytes       int64
	Width       int
	Height      int
	Status      PhotoStatus
	CheckedAs   PhotoKind // the rules the last check applied
	Report      []byte    // the photo check report (JSON), nil until checked
	Problem     string
	CheckSeq    int
	CreatedAt   time.Time
	CheckedAt   *time.Time
	// Review is a moderator's decision beside the automatic check ("" when
	// none): automatic checks advise, moderators decide.
	Review       PhotoReview
	ReviewReason string
}

// PhotoReview is a moderator's decision on one photo.
type PhotoReview string

// The photo reviews: accepted makes a failed check count as passed,
// rejected takes a passed photo out.
const (
	PhotoAccepted PhotoReview = "accepted"
	PhotoRejected PhotoReview = "rejected"
)

// Passed is the one place that says whether a photo counts: its check
// passed and no moderator rejected it, or a moderator accepted it after its
// check failed. The meter's five book photos and the public pages agree
// because both ask here.
func (p Photo) Passed() bool {
	switch p.Review {
	case PhotoAccepted:
		return p.Status == PhotoPassed || p.Status == PhotoFailed
	case PhotoRejected:
		return false
	}
	return p.Status == PhotoPassed
}

// Done reports whether the photo's check has finished.
func (p Photo) Done() bool { return p.Status != PhotoPending }

// Kind is the rule set the photo is checked by now.
func (p Photo) Kind() PhotoKind {
	if p.IsHeadshot {
		return PhotoHeadshot
	}
	return PhotoBook
}

// Public reports whether others may see the photo: only a photo that
// Passed (its check, or a moderator's acceptance) is public.
func (p Photo) Public() bool { return p.Passed() }

// PublicPhotos picks what a public page shows: the headshot and the book
// photos that Passed, in book order.
func PublicPhotos(photos []Photo) (headshot *Photo, book []Photo) {
	for _, p := range photos {
		if !p.Public() {
			continue
		}
		if p.IsHeadshot {
			headshot = &p
		} else {
			book = append(book, p)
		}
	}
	return headshot, book
}

// CaptionProblem returns why a caption cannot be saved, or "".
func CaptionProblem(caption string) string {
	if utf8.RuneCountInString(caption) > MaxCaption {
		return "Keep captions under 140 characters."
	}
	return ""
}

// ReelKind is what a reel holds.
type ReelKind string

// The reel kinds.
const (
	// ReelVideo is a video reel (showreel, self-tape…).
	ReelVideo ReelKind = "video"
	// ReelAudio is an audio reel (voice demo, song…).
	ReelAudio ReelKind = "audio"
)

// Reel limits.
const (
	// MaxReels caps a talent's reels.
	MaxReels = 20
	// MaxReelTitle bounds a reel's title, in characters.
	MaxReelTitle = 100
)

// Reel is a video or audio reel: a link to a known platform or an
// uploaded file.
type Reel struct {
	ID        int64
	AccountID int64
	Kind      ReelKind
	Title     string
	// Provider is a value of reel.Providers, for links.
	Provider string
	// URL is the canonical address of a link: https, the platform's main
	// host, the item's id and nothing else.
	URL         string
	ContentType string // for uploads
	Bytes       int64
	CreatedAt   time.Time
}

// IsUpload reports whether the reel is a stored file rather than a link.
func (r Reel) IsUpload() bool { return r.URL == "" }

// ReelTitleProblem returns why a reel title cannot be saved, or "".
func ReelTitleProblem(title string) string {
	if utf8.RuneCountInString(title) > MaxReelTitle {
		return "Keep the title under 100 characters."
	}
	return ""
}

// Problem is a refusal worded for the person who made the mistake: its
// text can be shown as it is.
type Problem string

// Error returns the message.
func (p Problem) Error() string { return string(p) }

// ErrNotFound means the thing asked for does not exist, or is not the
// caller's to see.
var ErrNotFound = errors.New("not found")

// PhotoCheck is the outcome of a photo's check job.
type PhotoCheck struct {
	Status    PhotoStatus
	CheckedAs PhotoKind
	Report    []byte // the photo check report, JSON
	Problem   string // why the file can never be processed
	Width     int    // after auto-orientation
	Height    int
}
