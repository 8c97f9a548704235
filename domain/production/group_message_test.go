package production_test

import (
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain/production"
)

func TestGroupMessageCheck(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", production.MaxGroupSubject+1)
	for _, c := range []struct {
		name string
		m    production.GroupMessage
		bad  []string
	}{
		{"complete", production.GroupMessage{Group: production.Included, Subject: "Hi", Body: "Monday"}, nil},
		{"no group", production.GroupMessage{Subject: "Hi", Body: "Monday"}, []string{"group"}},
		{"blank", production.GroupMessage{Group: production.Excluded, Subject: "  ", Body: "\n"}, []string{"subject", "body"}},
		{"long subject", production.GroupMessage{Group: production.Excluded, Subject: long, Body: "x"}, []string{"subject"}},
		{"long body", production.GroupMessage{Group: production.Excluded, Subject: "x", Body: strings.Repeat("é", production.MaxGroupBody+1)}, []string{"body"}},
	} {
		errs := c.m.Check()
		if len(errs) != len(c.bad) {
			t.Errorf("%s: %v, want messages for %v", c.name, errs, c.bad)
		}
		for _, k := range c.bad {
			if errs[k] == "" {
				t.Errorf("%s: no message for %s", c.name, k)
			}
		}
	}
}

func TestGroupTemplatesAndProgress(t *testing.T) {
	t.Parallel()
	if s, b := production.GroupTemplate(production.Included, "Two sisters"); !strings.Contains(s, "selected") || !strings.Contains(b, "What to bring") {
		t.Errorf("the included's template: %q / %q", s, b)
	}
	if s, b := production.GroupTemplate(production.Excluded, "Two sisters"); !strings.Contains(s, "Not selected this time") || !strings.Contains(b, "Thank you") {
		t.Errorf("the excluded's template: %q / %q", s, b)
	}
	// Of 4: one failed in the app, two told in the app with one e-mail
	// sent and one skipped (a digest), one waiting for the app.
	p := production.GroupProgress{Total: 4, Sent: 2, Failed: 1, Emailed: 1, EmailSkipped: 1}
	if p.Done() || p.Percent() != 75 || p.EmailWaiting() != 0 {
		t.Errorf("3 of 4 ended: done %v, %d%%, %d e-mails waiting", p.Done(), p.Percent(), p.EmailWaiting())
	}
	// The last one told in the app, its e-mail not decided yet: the card
	// keeps polling.
	p.Sent = 3
	if p.Done() || p.Percent() != 75 || p.EmailWaiting() != 1 {
		t.Errorf("an e-mail waiting: done %v, %d%%, %d waiting", p.Done(), p.Percent(), p.EmailWaiting())
	}
	p.EmailFailed = 1
	if !p.Done() || p.Percent() != 100 || p.AllFailed() != 2 || (production.GroupProgress{}).Percent() != 100 {
		t.Errorf("all ended: done %v, %d%%, %d failed", p.Done(), p.Percent(), p.AllFailed())
	}
}
