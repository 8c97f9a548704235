package domain

import (
	"strings"
	"testing"
)

func TestReportFormValidate(t *testing.T) {
	for _, tc := range []struct {
		name   string
		form   ReportForm
		fields []string
	}{
		{"spam, no details", ReportForm{Reason: "spam"}, nil},
		{"no reason", ReportForm{Details: "odd"}, []string{"reason"}},
		{"unknown reason", ReportForm{Reason: "boring"}, []string{"reason"}},
		{"other needs details", ReportForm{Reason: "other", Details: "  "}, []string{"details"}},
		{"other with details", ReportForm{Reason: "other", Details: "Asks to pay on another site"}, nil},
		{"details too long", ReportForm{Reason: "money", Details: strings.Repeat("é", MaxReportText+1)}, []string{"details"}},
		{"details at the limit", ReportForm{Reason: "money", Details: strings.Repeat("é", MaxReportText)}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := tc.form.Validate()
			if len(errs) != len(tc.fields) {
				t.Fatalf("errors %v, want fields %v", errs, tc.fields)
			}
			for _, f := range tc.fields {
				if errs[f] == "" {
					t.Errorf("no message for %s: %v", f, errs)
				}
			}
		})
	}
}

func TestParseReportKindAndOutcome(t *testing.T) {
	for _, s := range []string{"listing", "profile", "message"} {
		if _, ok := ParseReportKind(s); !ok {
			t.Errorf("%s refused", s)
		}
	}
	if _, ok := ParseReportKind("project"); ok {
		t.Error("project accepted")
	}
	if ReportOutcome("deleted").Valid() || !OutcomeDismissed.Valid() {
		t.Error("outcome validity wrong")
	}
	if _, p := ParseSuspensionReason(" "); p == "" {
		t.Error("empty reason accepted")
	}
}
