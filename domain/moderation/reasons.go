// Package moderation holds the pure rules of the moderators' work: the
// reasons a profile is sent back with (drawn from KastingKafé's quality
// rules), the validation task's states and deadlines, and who may decide.
// Listing review builds on the same Task.
package moderation

import (
	"strings"
	"unicode/utf8"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/profile"
)

// ReasonCode identifies a rejection reason; codes are stored in
// moderation_tasks.reasons, so they never change meaning.
type ReasonCode string

// The rejection reasons, from the seed's rules for the profile picture and
// the book.
const (
	NotPortrait     ReasonCode = "not_portrait"
	NotRecent       ReasonCode = "not_recent"
	HeavyMakeup     ReasonCode = "heavy_makeup"
	FaceNotVisible  ReasonCode = "face_not_visible"
	SelfieOrHat     ReasonCode = "selfie_sunglasses_hat_holiday"
	Background      ReasonCode = "background_not_neutral"
	Blurred         ReasonCode = "blurred_pixelated"
	Borders         ReasonCode = "borders"
	Screenshot      ReasonCode = "screenshot"
	FewBookPhotos   ReasonCode = "book_too_few"
	NotCentre       ReasonCode = "book_not_centre"
	MissingInfo     ReasonCode = "missing_info"
	OtherReason     ReasonCode = "other"
	mediaPage                  = "/profile/media"
	editorPage                 = "/profile"
	maxNote                    = 2000
	maxPhotoReason             = 300
	sectionAnywhere            = ""
)

// Reason is one thing a moderator can send a profile back for: what the
// moderator ticks (Label), what the talent is told to change (Change), and
// the profile section it concerns, where the editor shows it.
type Reason struct {
	Code   ReasonCode
	Label  string
	Change string
	// Section is a profile section name, profile.SectionMedia for
	// pictures, or "" for the profile as a whole.
	Section string
	// Photo says the reason can be given for one photo too.
	Photo bool
}

// Reasons lists every reason in the order the moderator's form shows them.
var Reasons = []Reason{
	{NotPortrait, "Picture not an individual portrait", "Use a portrait of you alone, your face filling the frame, as your headshot.", profile.SectionMedia, true},
	{NotRecent, "Picture not recent", "Upload pictures taken in the last year or two, so recruiters see you as you are today.", profile.SectionMedia, true},
	{HeavyMakeup, "Heavy make-up or filters", "Choose pictures with natural make-up and no filters or retouching effects.", profile.SectionMedia, true},
	{FaceNotVisible, "Face or eyes not clearly visible", "Use pictures where your face is lit and your eyes are clearly visible.", profile.SectionMedia, true},
	{SelfieOrHat, "Selfie, sunglasses, hat or holiday photo", "Replace selfies, holiday snaps and pictures with sunglasses or a hat with professional shots.", profile.SectionMedia, true},
	{Background, "Background not neutral", "Take your headshot in front of a plain, neutral background.", profile.SectionMedia, true},
	{Blurred, "Blurred or pixelated", "Upload sharp, full-resolution pictures: not blurred, not pixelated.", profile.SectionMedia, true},
	{Borders, "Borders", "Remove the borders or frames around your pictures.", profile.SectionMedia, true},
	{Screenshot, "Screenshot", "Upload the original photo, not a screenshot from a phone or tablet.", profile.SectionMedia, true},
	{FewBookPhotos, "Book has fewer than 5 good photos", "Add good professional photos until your book holds at least 5, in different looks and settings.", profile.SectionMedia, false},
	{NotCentre, "Book photos where you are not the centre of attention", "Keep only book photos where you are the centre of attention.", profile.SectionMedia, true},
	{MissingInfo, "Missing information", "Fill in the information the moderator names below, so recruiters can find you.", sectionAnywhere, false},
	{OtherReason, "Other", "Read the moderator's note below and change what it asks.", sectionAnywhere, true},
}

// ReasonByCode returns the profile reason with code.
func ReasonByCode(code ReasonCode) (Reason, bool) { return reasonIn(Reasons, code) }

// reasonIn finds code in a reason list.
func reasonIn(list []Reason, code ReasonCode) (Reason, bool) {
	for _, r := range list {
		if r.Code == code {
			return r, true
		}
	}
	return Reason{}, false
}

// PhotoReasons are the reasons a moderator may give for one photo.
func PhotoReasons() []Reason {
	var out []Reason
	for _, r := range Reasons {
		if r.Photo {
			out = append(out, r)
		}
	}
	return out
}

// Link is where the talent fixes what the reason is about.
func (r Reason) Link() string {
	switch r.Section {
	case profile.SectionMedia:
		return mediaPage
	case sectionAnywhere:
		return editorPage
	}
	return editorPage + "#section-" + r.Section
}

// Rejection is what a moderator sends a profile back with.
type Rejection struct {
	Reasons []ReasonCode
	Note    string
}

// ParseRejection checks a rejection form: at least one known reason,
// each once, and a note when a reason needs one (missing information must
// say which; "other" must say what). Field keys are "reasons" and "note".
func ParseRejection(codes []string, note string) (Rejection, domain.FieldErrors) {
	return parseReasons(Reasons, "talent", codes, note)
}

// parseReasons checks ticked codes from list and the note; who is the
// person told ("talent", "producer").
func parseReasons(list []Reason, who string, codes []string, note string) (Rejection, domain.FieldErrors) {
	errs := domain.FieldErrors{}
	r := Rejection{Note: strings.TrimSpace(note)}
	seen := map[ReasonCode]bool{}
	for _, c := range codes {
		code := ReasonCode(c)
		if _, ok := reasonIn(list, code); !ok {
			errs.Add("reasons", "Choose reasons from the list.")
			continue
		}
		if !seen[code] {
			seen[code] = true
			r.Reasons = append(r.Reasons, code)
		}
	}
	if len(r.Reasons) == 0 {
		errs.Add("reasons", "Tick at least one reason, so the "+who+" knows what to change.")
	}
	switch {
	case utf8.RuneCountInString(r.Note) > maxNote:
		errs.Add("note", "Keep the note under 2,000 characters.")
	case r.Note == "" && seen[MissingInfo]:
		errs.Add("note", "Say which information is missing.")
	case r.Note == "" && seen[OtherReason]:
		errs.Add("note", "Say what the "+who+" should change.")
	}
	return r, errs
}

// PhotoVerdict is a moderator's decision on one photo, beside its
// automatic check; it is stored on the photo as domain.PhotoReview.
type PhotoVerdict = domain.PhotoReview

// The photo verdicts; "" is no decision (the check stands).
const (
	PhotoAccepted = domain.PhotoAccepted
	PhotoRejected = domain.PhotoRejected
)

// PhotoDecision is what the moderator posts about one photo.
type PhotoDecision struct {
	Verdict PhotoVerdict
	Reason  string // the reason's label, or the moderator's words
}

// ParsePhotoDecision checks a photo decision: accepting needs nothing more
// (the moderator overrides the check), rejecting needs a photo reason, and
// "other" a few words. Field keys are "verdict" and "reason".
func ParsePhotoDecision(verdict, code, text string) (PhotoDecision, domain.FieldErrors) {
	errs := domain.FieldErrors{}
	d := PhotoDecision{Verdict: PhotoVerdict(verdict)}
	switch d.Verdict {
	case PhotoAccepted:
		d.Reason = strings.TrimSpace(text)
	case PhotoRejected:
		r, ok := ReasonByCode(ReasonCode(code))
		switch {
		case !ok || !r.Photo:
			errs.Add("reason", "Choose why this photo cannot be used.")
		case r.Code == OtherReason:
			d.Reason = strings.TrimSpace(text)
			if d.Reason == "" {
				errs.Add("reason", "Say why this photo cannot be used.")
			}
		default:
			d.Reason = r.Label
			if t := strings.TrimSpace(text); t != "" {
				d.Reason += ": " + t
			}
		}
	default:
		errs.Add("verdict", "Accept or reject the photo.")
	}
	if utf8.RuneCountInString(d.Reason) > maxPhotoReason {
		errs.Add("reason", "Keep the reason under 300 characters.")
	}
	return d, errs
}
