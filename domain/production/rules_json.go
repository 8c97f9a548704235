package production

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/slatecasting/slate/domain/profile"
)

// ListingJSON is one listing as `slate listing check` reads it (the issue's
// format): the fields a moderator or an import would hand over, with pay,
// fees and nudity as small objects. Amounts are numbers or numeric
// strings; anything the form would refuse is reported as a problem by
// Posting, never a failure.
type ListingJSON struct {
	ID          any         `json:"id"`
	Kind        string      `json:"kind"`
	Category    string      `json:"category"`
	ProjectType string      `json:"project_type"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Location    string      `json:"location"`
	Dates       string      `json:"dates"`
	Pay         *PayJSON    `json:"pay"`
	Fees        *FeeJSON    `json:"fees"`
	Nudity      *NudityJSON `json:"nudity"`
	StudentFilm bool        `json:"student_film"`
}

// PayJSON is {tag "paid", amount, currency, unit, guaranteed} or {tag
// "not_paid", kind, amount and unit when there is one}.
type PayJSON struct {
	Tag        string `json:"tag"`
	Amount     any    `json:"amount"`
	Currency   string `json:"currency"`
	Unit       string `json:"unit"`
	Guaranteed bool   `json:"guaranteed"`
	Kind       string `json:"kind"`
}

// FeeJSON is what talent are charged: {amount, currency, purpose}.
type FeeJSON struct {
	Amount   any    `json:"amount"`
	Currency string `json:"currency"`
	Purpose  string `json:"purpose"`
}

// NudityJSON is the declaration: none, partial, full or simulated_sex.
type NudityJSON struct {
	Declared string `json:"declared"`
	Details  string `json:"details"`
}

// CheckResult is `slate listing check`'s line for one listing.
type CheckResult struct {
	ID       any           `json:"id"`
	Verdict  string        `json:"verdict"` // "pass" or "fail"
	Problems []RuleProblem `json:"problems"`
}

// errNotJSON means the input is not a JSON listing nor an array of them.
var errNotJSON = errors.New("not a JSON listing or array of listings")

// DecodeListingsJSON reads one listing as JSON, or a JSON array of them.
// It fails only when data is not JSON at all (or JSON that is neither an
// object nor an array); a listing whose fields have the wrong JSON types
// still comes back, with the problem in its bad list, so one odd listing
// does not hide the others.
func DecodeListingsJSON(data []byte) ([]ListingJSON, [][]RuleProblem, error) {
	data = bytes.TrimSpace(data)
	var raws []json.RawMessage
	switch {
	case len(data) > 0 && data[0] == '[':
		if err := json.Unmarshal(data, &raws); err != nil {
			return nil, nil, fmt.Errorf("%w: %w", errNotJSON, err)
		}
	case len(data) > 0 && data[0] == '{':
		if !json.Valid(data) {
			return nil, nil, fmt.Errorf("%w: invalid JSON", errNotJSON)
		}
		raws = []json.RawMessage{data}
	default:
		return nil, nil, errNotJSON
	}
	out := make([]ListingJSON, len(raws))
	bad := make([][]RuleProblem, len(raws))
	for i, raw := range raws {
		if err := json.Unmarshal(raw, &out[i]); err != nil {
			field := ""
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				field = te.Field
			}
			bad[i] = []RuleProblem{{Rule: RuleVague, Field: field, Message: "This value has the wrong type: " + plainJSONError(err) + "."}}
		}
	}
	return out, bad, nil
}

// CheckListingsJSON decodes data (DecodeListingsJSON) and checks every
// listing in it, in order; a listing that decoded badly fails with that
// problem first. The error is DecodeListingsJSON's: data is unreadable.
func CheckListingsJSON(data []byte, min Rates) ([]CheckResult, error) {
	ls, bad, err := DecodeListingsJSON(data)
	if err != nil {
		return nil, err
	}
	out := make([]CheckResult, len(ls))
	for i, l := range ls {
		out[i] = l.Check(min)
		if bad[i] != nil {
			out[i].Verdict = "fail"
			out[i].Problems = append(bad[i], out[i].Problems...)
		}
	}
	return out, nil
}

func plainJSONError(err error) string { return strings.TrimPrefix(err.Error(), "json: ") }

// Check runs the posting rules on j with the minimum rates min: the
// problems of its mapping to a Listing (values the form would refuse)
// first, then the rules'.
func (j ListingJSON) Check(min Rates) CheckResult {
	p, problems := j.Posting()
	said := map[[2]string]bool{}
	for _, pr := range problems {
		said[[2]string{pr.Rule, pr.Field}] = true
	}
	for _, pr := range CheckRules(p, min) {
		if !said[[2]string{pr.Rule, pr.Field}] { // the mapping already said it, in its words
			problems = append(problems, pr)
		}
	}
	res := CheckResult{ID: j.ID, Verdict: "pass", Problems: problems}
	if len(problems) > 0 {
		res.Verdict = "fail"
	}
	if res.Problems == nil {
		res.Problems = []RuleProblem{}
	}
	return res
}

// remoteWords mark a location as remote work.
var remoteWords = list("remote", "online", "anywhere", "a distance", "en ligne", "remoto", "a distancia", "teletrabalho")

// Posting maps j to what the rules read, with a problem for each value
// the listing form would refuse (an unknown unit, a Paid amount that is
// not a number, dates that are not dates), keyed by the form's field.
func (j ListingJSON) Posting() (Posting, []RuleProblem) {
	var problems []RuleProblem
	refuse := func(rule, field, msg string) {
		problems = append(problems, RuleProblem{Rule: rule, Field: field, Message: msg})
	}
	l := Listing{Kind: Kind(j.Kind), Category: j.Category, Title: strings.TrimSpace(j.Title),
		Description: strings.TrimSpace(j.Description), StudentFilm: j.StudentFilm, Visibility: "public"}
	if l.Kind == "" {
		l.Kind = CastingCall
	}
	if !l.Kind.Valid() {
		refuse(RuleVague, "kind", `Say what the listing is: "casting_call" or "job_listing".`)
		l.Kind = CastingCall
	}
	if l.Category == "" {
		l.Category = CategoryCasting
	}
	if !profile.Valid(Categories, l.Category) {
		refuse(RuleVague, "category", `Choose a category: "casting", "workshop", "class", "event", "competition" or "training".`)
		l.Category = CategoryCasting
	}
	loc := strings.TrimSpace(j.Location)
	if remoteWords.find(words(loc)) >= 0 {
		l.Remote = true
	} else {
		l.City = loc
	}
	p := Posting{ProjectType: j.ProjectType}
	if from, until, ok := dateRange(j.Dates); ok {
		l.WorksFrom, l.WorksUntil = from, until
		if until != nil && until.Before(*from) {
			refuse(RuleVague, "works_until", "The last work day is before the first.")
		}
	} else {
		p.Dates = j.Dates
	}
	if j.Pay != nil {
		l.Pay = j.Pay.pay(refuse)
	}
	if j.Fees != nil {
		cents, ok := cents(j.Fees.Amount)
		switch {
		case !ok:
			refuse(RuleFeeNotDisclosed, "fee_amount", "Give the fee as an amount, like 25.")
		case cents == 0:
			refuse(RuleFeeNotDisclosed, "fee_amount", "A fee is declared without its amount: give the amount talent pay.")
		}
		l.Fee = Fee{AmountCents: cents, Currency: orEUR(j.Fees.Currency), For: strings.TrimSpace(j.Fees.Purpose)}
		if cents > 0 && l.Fee.For == "" {
			refuse(RuleFeeNotDisclosed, "fee_for", "Spell out what the fee is for.")
		}
		if !profile.Valid(Currencies, l.Fee.Currency) {
			refuse(RuleFeeNotDisclosed, "fee_currency", "Give the fee's currency as one of EUR, GBP, USD, CAD, AUD or CHF.")
		}
	}
	if j.Nudity != nil {
		l.Nudity, l.NudityDetails = j.Nudity.Declared, strings.TrimSpace(j.Nudity.Details)
		if l.Nudity != "" && !profile.Valid(NudityLevels, l.Nudity) {
			refuse(RuleNudityNotDeclared, "nudity", `Declare the nudity as "none", "partial", "full" or "simulated_sex".`)
			l.Nudity = ""
		}
		if l.Nudity != "" && l.Nudity != "none" && l.NudityDetails == "" {
			refuse(RuleNudityNotDeclared, "nudity_details", "Say what the nudity or sexual content involves.")
		}
	}
	p.Listing = l
	return p, problems
}

// pay maps the pay object, refusing what the form would.
func (j PayJSON) pay(refuse func(rule, field, msg string)) Pay {
	amount, ok := cents(j.Amount)
	if !ok {
		refuse(RulePaidNotGuaranteed, "pay_amount", "Give the pay as an amount, like 150 or 150.50.")
	}
	switch j.Tag {
	case "paid":
		p := Pay{Kind: "paid", AmountCents: amount, Currency: orEUR(j.Currency), Unit: j.Unit, Guaranteed: j.Guaranteed}
		if !profile.Valid(Currencies, p.Currency) {
			refuse(RulePaidBelowMinimum, "pay_currency", "Give the currency as one of EUR, GBP, USD, CAD, AUD or CHF.")
		}
		if !profile.Valid(PayUnits, p.Unit) {
			refuse(RulePaidBelowMinimum, "pay_unit", `Say what the amount is for: "hour", "day", "week" or "flat".`)
		}
		return p
	case "not_paid":
		p := Pay{Kind: "not_paid", UnpaidKind: j.Kind, AmountCents: amount, Currency: orEUR(j.Currency), Unit: j.Unit}
		if !profile.Valid(UnpaidKinds, p.UnpaidKind) {
			refuse(RuleVague, "unpaid_kind", `Say what kind of unpaid work this is: "volunteer", "stipend", "deferred" or "low_pay".`)
		}
		return p
	case "":
		return Pay{}
	}
	refuse(RuleVague, "pay", `Tag the pay "paid" or "not_paid".`)
	return Pay{}
}

// cents reads an amount given as a JSON number or a numeric string; none
// is 0.
func cents(v any) (int64, bool) {
	var x float64
	switch a := v.(type) {
	case nil:
		return 0, true
	case float64:
		x = a
	case string:
		s := strings.ReplaceAll(strings.TrimSpace(a), ",", ".")
		if s == "" {
			return 0, true
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return 0, false
		}
		x = f
	default:
		return 0, false
	}
	if x < 0 || x > 10_000_000 || math.IsNaN(x) {
		return 0, false
	}
	return int64(math.Round(x * 100)), true
}

func orEUR(currency string) string {
	if c := strings.ToUpper(strings.TrimSpace(currency)); c != "" {
		return c
	}
	return "EUR"
}

// dateRange reads "YYYY-MM-DD" or "YYYY-MM-DD to YYYY-MM-DD"; ok is false
// for free text (which the rules still count as dates given).
func dateRange(s string) (from, until *time.Time, ok bool) {
	parts := strings.SplitN(strings.TrimSpace(s), " to ", 2)
	f, err := time.Parse(DateLayout, strings.TrimSpace(parts[0]))
	if err != nil {
		return nil, nil, false
	}
	if len(parts) == 1 {
		return &f, nil, true
	}
	u, err := time.Parse(DateLayout, strings.TrimSpace(parts[1]))
	if err != nil {
		return nil, nil, false
	}
	return &f, &u, true
}
