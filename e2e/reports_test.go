package e2e

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/testapp"
)

// TestReportSuspendAndLift: a performer reports a listing from its page;
// a moderator finds it in the queue with its count in the navigation,
// suspends the producer from the report; the producer cannot log in and
// is told why; the moderator lifts the suspension from the account page.
func TestReportSuspendAndLift(t *testing.T) {
	t.Parallel()
	a := startApp(t)
	producer := testapp.Producer(t, a.P.Store, testapp.Name("Ines Okafor"), testapp.Email("ines@example.com"))
	l := testapp.Listing(t, a.P.Store, producer, testapp.Project(t, a.P.Store, producer), production.CastingCall)
	maya := testapp.Talent(t, a.P.Store, domain.RolePerformer, testapp.Name("Maya Laurent"))
	mod := testapp.Moderator(t, a.P.Store, testapp.Name("Sam Moderator"))

	// A message from the producer, with its Report link beside it.
	ctx := t.Context()
	if _, err := a.P.Pool.Exec(ctx, `INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, 'application', 'applied')`, l.ID, l.Roles[0].ID, maya.ID, producer.ID); err != nil {
		t.Fatal(err)
	}
	msg, err := a.P.Store.StartThread(ctx, producer.ID, l.ID, maya.ID, "Hi Maya, please pay the 40 € registration fee before Friday.")
	if err != nil {
		t.Fatal(err)
	}
	perf := logIn(t, a, maya)
	perf.MustNavigate(a.URL + "/messages/" + strconv.FormatInt(msg.ThreadID, 10)).MustWaitLoad()
	if href := perf.MustElement("#m" + strconv.FormatInt(msg.ID, 10) + " .message-report").MustAttribute("href"); *href != "/report/message/"+strconv.FormatInt(msg.ID, 10) {
		t.Errorf("the message's report link goes to %s", *href)
	}
	shoot(t, perf, "thread-report-link")
	perf.MustNavigate(a.URL + "/castings/" + strconv.FormatInt(l.ID, 10)).MustWaitLoad()
	click(t, perf, perf.MustElement(".report-link a"))
	waitPath(t, perf, "/report/listing/"+strconv.FormatInt(l.ID, 10))
	click(t, perf, perf.MustElement(`#report-form button[type=submit]`))
	perf.MustElementR("#e-reason", "Choose the reason")
	click(t, perf, perf.MustElement(`label.choice:has(#f-reason-money)`))
	fill(t, perf, "#f-details", "They asked me for a 40 € registration fee by e-mail.")
	shoot(t, perf, "report-form")
	click(t, perf, perf.MustElement(`#report-form button[type=submit]`))
	perf.MustElementR("#report-done", "with the moderators")
	shoot(t, perf, "report-sent")

	m := logIn(t, a, mod)
	m.MustElementR(".reports-card h2", "1 open")
	m.MustElementR("#nav-open-reports", "1")
	shoot(t, m, "moderator-dashboard")
	click(t, m, m.MustElement(`.nav-links a[href="/moderation/reports"]`))
	waitPath(t, m, "/moderation/reports")
	shoot(t, m, "reports-queue")
	click(t, m, m.MustElement(".report-queue a.btn"))
	m.MustElementR("h1", "Untitled|.")
	shoot(t, m, "report-case")
	click(t, m, m.MustElement(`label.choice:has(#f-outcome-account_suspended)`))
	fill(t, m, "#f-note", "Asked talent for an undisclosed fee.")
	click(t, m, m.MustElement(`#resolve-form button[type=submit]`))
	waitPath(t, m, "/moderation/reports")
	if _, err := m.Timeout(10*time.Second).ElementR(".empty-state h2", "All clear"); err != nil {
		shoot(t, m, "resolve-failed")
		t.Fatalf("the queue is not empty after the decision: %v", err)
	}

	p := newPage(t, a.URL+"/login")
	fill(t, p, "#f-email", producer.Email)
	fill(t, p, "#f-password", producer.Password)
	click(t, p, p.MustElement(`#login-form button[type=submit]`))
	if txt := text(p, "#login-problem"); !strings.Contains(txt, "suspended") {
		t.Fatalf("login of a suspended producer says %q", txt)
	}
	shoot(t, p, "login-suspended")

	m.MustNavigate(a.URL + "/moderation/accounts?q=ines").MustWaitLoad()
	click(t, m, m.MustElementR(".my-list a", "Ines Okafor"))
	m.MustElementR("#suspension", "undisclosed fee")
	shoot(t, m, "account-suspended")
	click(t, m, m.MustElementR("#suspension button", "Lift"))
	m.MustElementR("#suspension .caption", "Lifted")
	logIn(t, a, producer)
}
