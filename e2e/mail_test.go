package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testapp"
)

// An application e-mails the producer through the workers into the
// outbox; staff read it there; the producer changes a preference in
// place; the mail's unsubscribe link works logged out.
func TestMailOutboxPreferencesAndUnsubscribe(t *testing.T) {
	ctx := context.Background()
	a := startApp(t)
	st := a.P.Store
	ines := testapp.Producer(t, st, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	maya := testapp.Talent(t, st, domain.RolePerformer, testapp.Name("Maya Laurent"))
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	if _, err := st.Apply(ctx, maya.Account, l.ID, l.Roles[0].ID, "I grew up by the sea."); err != nil {
		t.Fatal(err)
	}

	staff := logIn(t, a, testapp.Moderator(t, st))
	staff.MustNavigate(a.URL + "/admin/outbox").MustWaitLoad()
	reloadUntil(t, staff, ".outbox-table a", "Maya Laurent")
	row := staff.MustElementR(".outbox-table tbody tr", "Maya Laurent")
	if to := row.MustElement(".outbox-to").MustText(); to != "ines@example.com" {
		t.Fatalf("the mail went to %q", to)
	}
	shoot(t, staff, "mail-outbox")
	click(t, staff, row.MustElement("a"))
	waitURL(t, staff, `/admin/outbox/\d+$`)
	if !strings.Contains(text(staff, ".outbox-text"), "Open it in Slate") || !strings.Contains(text(staff, ".outbox-headers"), "List-Unsubscribe-Post") {
		t.Fatal("the mail's text or headers are missing")
	}
	shoot(t, staff, "mail-outbox-show")

	// The producer's mail (the moderator's own confirmation mail may be
	// there too, as its job ran or not yet).
	list, err := st.Outbox(ctx, 10)
	var toInes []int64
	for _, m := range list {
		if m.To == "ines@example.com" {
			toInes = append(toInes, m.ID)
		}
	}
	if err != nil || len(toInes) != 1 {
		t.Fatalf("outbox = %+v, %v; want the one mail to the producer", list, err)
	}
	_, raw, err := st.OutboxMail(ctx, toInes[0])
	if err != nil {
		t.Fatal(err)
	}
	parsed, err := mail.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	unsubscribe := strings.Trim(parsed.Header.Get("List-Unsubscribe"), "<>")

	prod := logIn(t, a, ines)
	prod.MustNavigate(a.URL + "/settings").MustWaitLoad()
	prod.MustElement("#mail_message").MustSelect("Daily digest")
	prod.MustElementR(".mail-prefs .badge", "Saved")
	shoot(t, prod, "mail-settings")

	visitor := newPage(t, unsubscribe)
	if !strings.Contains(text(visitor, "h1"), "Stop these e-mails?") {
		t.Fatalf("the unsubscribe link shows %q", text(visitor, "h1"))
	}
	shoot(t, visitor, "mail-unsubscribe")
	click(t, visitor, visitor.MustElement(".unsubscribe button"))
	visitor.MustElementR("h1", "You are unsubscribed")
	shoot(t, visitor, "mail-unsubscribed")
	prefs, err := st.MailPreferences(ctx, ines.ID)
	if err != nil || prefs[domain.MailNewApplication] != domain.CadenceNever || prefs[domain.MailMessage] != domain.CadenceDaily {
		t.Fatalf("preferences = %v, %v", prefs, err)
	}
}
