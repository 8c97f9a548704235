package moderation

import (
	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// RequestChanges sends a listing back to its producer with reasons; the
// listing stays unpublished until the producer answers by resubmitting.
const RequestChanges Outcome = "changes"

// ChangesAnswerDays is how long a producer has to answer requested changes
// before the listing is hidden (Backstage hides the notices of posters who
// do not answer); config may set another number.
const ChangesAnswerDays = 3

// ListingReasons are the reasons a moderator sends a listing back or
// rejects it for: one per posting rule (the code is the rule's
// identifier), each with the sentence the producer reads and the editor's
// field it shows beside, then "other".
var ListingReasons = []Reason{
	{ReasonCode(production.RulePaidNotGuaranteed), "Paid but not guaranteed", "A Paid listing guarantees its pay: tick that it is guaranteed, or choose Not paid with the kind that fits.", "pay_guaranteed", false},
	{ReasonCode(production.RulePaidBelowMinimum), "Paid below the minimum rate", "Raise the pay to the minimum rate at least, or choose Not paid with “Low pay” or “Stipend”.", "pay_amount", false},
	{ReasonCode(production.RuleFeeNotAllowedCategory), "Fee in a category that may not charge", "Only competitions, events and workshops may charge talent: take the fee out, or choose the category the notice really is.", "category", false},
	{ReasonCode(production.RuleFeeNotDisclosed), "Fee asked but not declared", "Declare the fee talent pay with its amount and purpose, or take the request for money out.", "fee_charged", false},
	{ReasonCode(production.RuleNudityNotDeclared), "Nudity or sexual content not declared", "Declare the nudity or sexual content the work involves, so talent know before they apply.", "nudity", false},
	{ReasonCode(production.RuleAsksEmailProfileItems), "Asks to send what a profile shows", "Do not ask applicants to e-mail headshots, showreels, CVs or measurements: you see them when they apply.", "description", false},
	{ReasonCode(production.RuleThirdPartySignup), "Sign-up elsewhere required", "Applicants apply on Slate: take out the request to sign up on, download or apply through another site or app.", "description", false},
	{ReasonCode(production.RuleVague), "Too vague to judge", "Say what the work is, when and where it takes place and what it pays, so talent can judge it.", "description", false},
	{ReasonCode(production.RuleStudentFilmNotMarked), "Student film not marked", "Tick “This is a student film” and name the school.", "student_film", false},
	{OtherReason, "Other", "Read the moderator's note below and change what it asks.", sectionAnywhere, false},
}

// ReasonsFor is the reason list of a subject.
func ReasonsFor(s Subject) []Reason {
	if s == SubjectListing {
		return ListingReasons
	}
	return Reasons
}

// ParseListingDecision checks a moderator's request for changes or
// rejection of a listing: at least one known reason, and a note for
// "other". Field keys are "reasons" and "note".
func ParseListingDecision(codes []string, note string) (Rejection, domain.FieldErrors) {
	return parseReasons(ListingReasons, "producer", codes, note)
}

// FieldReasons groups a decision's listing reasons by the editor field
// they show beside ("" is the top of the form).
func FieldReasons(t Task) map[string][]Reason {
	out := map[string][]Reason{}
	for _, r := range t.ReasonList() {
		out[r.Section] = append(out[r.Section], r)
	}
	return out
}
