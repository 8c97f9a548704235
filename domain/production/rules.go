package production

import (
	"fmt"
	"strings"
	"time"
)

// The posting-rule identifiers: the form, the moderators' queue and
// `slate listing check` name a problem by one of these.
const (
	RulePaidNotGuaranteed      = "paid_not_guaranteed"
	RulePaidBelowMinimum       = "paid_below_minimum"
	RuleFeeNotAllowedCategory  = "fee_not_allowed_category"
	RuleFeeNotDisclosed        = "fee_not_disclosed"
	RuleNudityNotDeclared      = "nudity_not_declared"
	RuleAsksEmailProfileItems  = "asks_email_profile_items"
	RuleThirdPartySignup       = "third_party_signup"
	RuleVague                  = "vague"
	RuleStudentFilmNotMarked   = "student_film_not_marked"
	minDescriptionWords        = 25
	profileItemSpan            = 6
	feeCategoriesForTheMessage = "competitions, events and workshops"
)

// RuleProblem is one posting rule a listing breaks: Field is the editor's
// field it shows beside, Message says in plain words what to change.
type RuleProblem struct {
	Rule    string `json:"rule"`
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Rates are minimum pay, in cents, by currency then unit (hour, day, week,
// flat: a flat fee is judged per day worked). A currency without rates is
// not judged on its amount. Config supplies them: the domain reads no
// environment.
type Rates map[string]map[string]int64

// Posting is what the rules read: the listing, its project's type (a
// "student_film" project is a student film), and, from `slate listing
// check`, its dates as free text when they are not a date range.
type Posting struct {
	Listing     Listing
	ProjectType string
	Dates       string
}

// textField is one of the listing's free-text fields, by form name.
type textField struct {
	name  string
	words []string
}

// texts are the listing's free texts a rule reads, in form order.
func (p Posting) texts() []textField {
	l := p.Listing
	out := []textField{{"title", words(l.Title)}, {"description", words(l.Description)}}
	for i, r := range l.Roles {
		out = append(out, textField{fmt.Sprintf("role_description_%d", i), words(r.Description)})
	}
	return append(out, textField{"unpaid_offer", words(l.Pay.Offer)}, textField{"fee_for", words(l.Fee.For)},
		textField{"notes", words(l.Notes)})
}

// firstIn is the first text field where an entry of p is said (and not
// ruled out), "" if none.
func firstIn(fields []textField, p phrases) string {
	for _, f := range fields {
		if p.find(f.words) >= 0 {
			return f.name
		}
	}
	return ""
}

// CheckRules runs every posting rule on p with the minimum rates min and
// returns the problems, in rule order; none means the listing may be
// sent on. It runs on submit (blocking), on save (as advice), and from
// `slate listing check`.
func CheckRules(p Posting, min Rates) []RuleProblem {
	texts := p.texts()
	var out []RuleProblem
	add := func(rule, field, msg string) { out = append(out, RuleProblem{Rule: rule, Field: field, Message: msg}) }
	l := p.Listing

	if l.Pay.Kind == "paid" {
		if !l.Pay.Guaranteed || l.Pay.AmountCents <= 0 {
			add(RulePaidNotGuaranteed, "pay_guaranteed", "A Paid listing guarantees an amount whatever becomes of the production. Tick that the pay is guaranteed, or choose Not paid (deferred or prospective pay is Not paid).")
		} else if f := firstIn(texts, prospectivePay); f != "" {
			add(RulePaidNotGuaranteed, f, "This text says the pay is deferred, prospective, not decided or only food and transport: that is Not paid. Choose Not paid with the kind that fits, or take those words out if the pay is guaranteed.")
		}
		if rates, ok := min[l.Pay.Currency]; ok && l.Pay.AmountCents > 0 {
			if floor, ok := rates[l.Pay.Unit]; ok {
				days := int64(workDays(l))
				if l.Pay.Unit != "flat" {
					days = 1
				}
				if l.Pay.AmountCents < floor*days {
					add(RulePaidBelowMinimum, "pay_amount", belowMinimumMessage(l, floor, days))
				}
			}
		}
	}

	category := l.Category
	if category == "" {
		category = CategoryCasting
	}
	if l.Fee.Charged() && !FeeAllowed(category) {
		add(RuleFeeNotAllowedCategory, "category", "Only "+feeCategoriesForTheMessage+" may charge talent a fee. Untick the fee, or choose the category this notice really is.")
	}
	if !l.Fee.Charged() {
		if f := firstIn(texts, feeAsks); f != "" {
			add(RuleFeeNotDisclosed, "fee_charged", "The text asks talent to pay (a registration, participation, casting or photo fee), but no fee is declared. Tick “Talent pay a fee” and give its amount and purpose, or take the request out.")
		}
	}
	if l.Nudity == "none" || l.Nudity == "" {
		if f := firstIn(texts, nudity); f != "" {
			add(RuleNudityNotDeclared, "nudity", "The text mentions nudity or sexual content, but the declaration says none. Declare what the work involves so talent know before they apply.")
		}
	}
	for _, f := range texts {
		if near(f.words, sendVerbs, profileItems, profileItemSpan) || near(f.words, profileItems, sendTargets, profileItemSpan) {
			add(RuleAsksEmailProfileItems, f.name, "Do not ask applicants to e-mail or send elsewhere what their profile already shows (headshot, photos, showreel, CV, height, measurements): you see it when they apply. You may ask for what a profile cannot show, like a self-tape of a skill or answers to questions.")
			break
		}
	}
	if f := firstIn(texts, thirdParty); f != "" {
		add(RuleThirdPartySignup, f, "Applicants apply here, on Slate: do not ask them to sign up on, download or apply through another site, app or platform.")
	}
	out = append(out, vague(p, texts)...)
	if !l.StudentFilm && (p.ProjectType == "student_film" || firstIn(texts, studentWork) != "") {
		add(RuleStudentFilmNotMarked, "student_film", "This is a student or film-school project: tick “This is a student film” and name the school.")
	}
	return out
}

// vague finds what leaves too little to judge: a short description, no
// dates, no place, pay not said or "TBD".
func vague(p Posting, texts []textField) []RuleProblem {
	l := p.Listing
	var out []RuleProblem
	add := func(field, msg string) { out = append(out, RuleProblem{Rule: RuleVague, Field: field, Message: msg}) }
	if n := len(strings.Fields(l.Description)); n < minDescriptionWords {
		add("description", fmt.Sprintf("Say more about the work (%d words at least, this has %d): what it is, when, what it asks of people, what they get.", minDescriptionWords, n))
	}
	if l.WorksFrom == nil && strings.TrimSpace(p.Dates) == "" {
		add("works_from", "Give the dates of the work (the first work day at least).")
	}
	if !l.Remote && strings.TrimSpace(l.City) == "" {
		add("city", "Say where the work takes place, or tick Remote.")
	}
	if l.Pay.Kind == "" {
		add("pay", "Say whether the work is paid, and how much.")
	} else if f := firstIn(texts, payTBD); f != "" {
		add(f, "Pay “to be decided” leaves talent unable to judge: give the amount, or choose Not paid.")
	}
	return out
}

// workDays counts the days from the first to the last work day (one when
// only the first is known): a flat fee is judged per day worked.
func workDays(l Listing) int {
	if l.WorksFrom == nil || l.WorksUntil == nil || l.WorksUntil.Before(*l.WorksFrom) {
		return 1
	}
	return int(l.WorksUntil.Sub(*l.WorksFrom)/(24*time.Hour)) + 1
}

func belowMinimumMessage(l Listing, floor, days int64) string {
	unit := map[string]string{"hour": "an hour", "day": "a day", "week": "a week", "flat": "a day worked"}[l.Pay.Unit]
	msg := fmt.Sprintf("A Paid listing pays at least %s %s %s", FormatMoney(floor), l.Pay.Currency, unit)
	if l.Pay.Unit == "flat" && days > 1 {
		msg += fmt.Sprintf(" (%s %s for these %d days)", FormatMoney(floor*days), l.Pay.Currency, days)
	}
	return msg + ". Raise the amount, or choose Not paid with “Low pay” or “Stipend”."
}

// RuleErrors are the problems as form messages by field, the first per
// field kept, for the editor.
func RuleErrors(problems []RuleProblem) map[string]string {
	out := map[string]string{}
	for _, p := range problems {
		if _, ok := out[p.Field]; !ok {
			out[p.Field] = p.Message
		}
	}
	return out
}
