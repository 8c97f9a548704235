package domain

import (
	"strings"
	"time"
	"unicode/utf8"
)

// ReportKind is what a report is about.
type ReportKind string

// The things anyone logged in can report.
const (
	ReportListing ReportKind = "listing"
	ReportProfile ReportKind = "profile"
	ReportMessage ReportKind = "message"
)

// ParseReportKind reads a kind from a URL; ok is false for anything else.
func ParseReportKind(s string) (ReportKind, bool) {
	switch k := ReportKind(s); k {
	case ReportListing, ReportProfile, ReportMessage:
		return k, true
	}
	return "", false
}

// Label is the kind as a moderator reads it.
func (k ReportKind) Label() string {
	switch k {
	case ReportListing:
		return "Listing"
	case ReportProfile:
		return "Talent profile"
	}
	return "Message"
}

// Noun is the kind inside a sentence ("a report on a listing").
func (k ReportKind) Noun() string {
	switch k {
	case ReportListing:
		return "listing"
	case ReportProfile:
		return "talent profile"
	}
	return "message"
}

// ReportReason is the short list a reporter picks from.
type ReportReason struct {
	Value, Label string
}

// ReportReasons are the reasons offered, in the order the form shows them.
var ReportReasons = []ReportReason{
	{"spam", "Spam or scam"},
	{"money", "Asks for money"},
	{"inappropriate", "Inappropriate or sexual content"},
	{"misleading", "Misleading or fake"},
	{"harassment", "Harassment"},
	{"other", "Other"},
}

// ReasonLabel is a reason's label ("" for an unknown one).
func ReasonLabel(v string) string {
	for _, r := range ReportReasons {
		if r.Value == v {
			return r.Label
		}
	}
	return ""
}

// ReportOutcome is how a moderator resolved a report.
type ReportOutcome string

// The outcomes of a report.
const (
	OutcomeDismissed        ReportOutcome = "dismissed"
	OutcomeContentRemoved   ReportOutcome = "content_removed"
	OutcomeAccountSuspended ReportOutcome = "account_suspended"
)

// ReportOutcomes are the outcomes a moderator picks from.
var ReportOutcomes = []ReportOutcome{OutcomeDismissed, OutcomeContentRemoved, OutcomeAccountSuspended}

// Label is the outcome as the reporter and moderators read it.
func (o ReportOutcome) Label() string {
	switch o {
	case OutcomeDismissed:
		return "Dismissed: no rule broken"
	case OutcomeContentRemoved:
		return "Content removed"
	case OutcomeAccountSuspended:
		return "Account suspended"
	}
	return "Open"
}

// Valid reports whether o is one of ReportOutcomes.
func (o ReportOutcome) Valid() bool {
	for _, v := range ReportOutcomes {
		if o == v {
			return true
		}
	}
	return false
}

// MaxReportText bounds a report's details, a resolution's note and a
// suspension's reason: enough to explain, small enough for the default
// form body limit in any script.
const MaxReportText = 1000

// ReportForm is what a reporter sends.
type ReportForm struct {
	Reason  string
	Details string
}

// Validate returns the messages beside the fields: a reason from the list,
// details within MaxReportText, and details required for "other" so a
// moderator knows what to look for.
func (f *ReportForm) Validate() FieldErrors {
	errs := FieldErrors{}
	f.Details = strings.TrimSpace(f.Details)
	if ReasonLabel(f.Reason) == "" {
		errs.Add("reason", "Choose the reason closest to what is wrong.")
	}
	if n := utf8.RuneCountInString(f.Details); n > MaxReportText {
		errs.Add("details", "Keep this under 1000 characters.")
	}
	if f.Reason == "other" && f.Details == "" {
		errs.Add("details", "Tell us what is wrong, so a moderator knows what to look for.")
	}
	return errs
}

// Report is one report as moderators and its reporter read it.
type Report struct {
	ID           int64
	ReporterID   int64
	ReporterName string
	Kind         ReportKind
	ObjectID     int64
	OwnerID      int64
	OwnerName    string
	Reason       string
	Details      string
	CreatedAt    time.Time
	Outcome      ReportOutcome
	Note         string
	ResolvedBy   string
	ResolvedAt   *time.Time
}

// Open reports whether no moderator has resolved the report yet.
func (r Report) Open() bool { return r.ResolvedAt == nil }

// ReasonLabel is the report's reason as people read it.
func (r Report) ReasonLabel() string { return ReasonLabel(r.Reason) }

// Suspension is one suspension of an account, lifted or in force.
type Suspension struct {
	ID          int64
	AccountID   int64
	SuspendedBy string
	SuspendedAt time.Time
	Reason      string
	ReportID    *int64
	LiftedBy    string
	LiftedAt    *time.Time
}

// InForce reports whether the suspension has not been lifted.
func (s Suspension) InForce() bool { return s.LiftedAt == nil }

// ParseSuspensionReason trims a moderator's reason; problem says why it
// cannot be used, or is "".
func ParseSuspensionReason(s string) (reason, problem string) {
	reason = strings.TrimSpace(s)
	switch {
	case reason == "":
		return reason, "Say why: the account's owner reads this reason."
	case utf8.RuneCountInString(reason) > MaxReportText:
		return reason, "Keep the reason under 1000 characters."
	}
	return reason, ""
}
