package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// groupCast is a closed casting with two included (Ana, Bea) and one
// excluded (Cara) candidate.
type groupCast struct {
	*people
	ana, bea, cara int64
}

func newGroupCast(t *testing.T) *groupCast {
	t.Helper()
	ctx := context.Background()
	g := &groupCast{people: newPeople(t)}
	at := time.Now().Add(-time.Hour)
	g.ana = g.talent(t, domain.RolePerformer, "Ana Included")
	g.bea = g.talent(t, domain.RolePerformer, "Bea Included")
	g.cara = g.talent(t, domain.RolePerformer, "Cara Excluded")
	pa := g.participation(t, g.call, 0, g.ana, production.FromApplication, production.Applied, at)
	pb := g.participation(t, g.call, 1, g.bea, production.FromInvitation, production.Accepted, at)
	pc := g.participation(t, g.call, 0, g.cara, production.FromApplication, production.Applied, at)
	if _, err := g.st.CloseListing(ctx, g.ines.ID, g.call.ID, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	for id, c := range map[int64]production.Choice{pa: production.Included, pb: production.Included, pc: production.Excluded} {
		if _, err := g.st.SetChoice(ctx, g.ines.ID, id, c); err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// jobIDs returns the args' id field of the jobs of kind, in order.
func (p *people) jobIDs(t *testing.T, kind, field string) []int64 {
	t.Helper()
	rows, err := p.pool.Query(context.Background(), `SELECT (args->>$2)::bigint FROM river_job WHERE kind = $1 ORDER BY id`, kind, field)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// jobIDLists returns field, a list of ids, of every job of kind.
func (p *people) jobIDLists(t *testing.T, kind, field string) [][]int64 {
	t.Helper()
	rows, err := p.pool.Query(context.Background(), `SELECT ARRAY(SELECT jsonb_array_elements_text(args->$2)::bigint)
		FROM river_job WHERE kind = $1 ORDER BY id`, kind, field)
	if err != nil {
		t.Fatal(err)
	}
	lists, err := pgx.CollectRows(rows, pgx.RowTo[[]int64])
	if err != nil {
		t.Fatal(err)
	}
	return lists
}

func (p *people) count(t *testing.T, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := p.pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestGroupMessageSendsOncePerRecipient(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := newGroupCast(t)
	msg := production.GroupMessage{Group: production.Included, Subject: "You are selected", Body: "Monday 9:00, Studio 4."}

	if _, err := g.st.SendGroupMessage(ctx, g.oscar.ID, g.call.ID, msg, "k1"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("another producer sends: %v, want ErrNotFound", err)
	}
	id, err := g.st.SendGroupMessage(ctx, g.ines.ID, g.call.ID, msg, "k1")
	if err != nil {
		t.Fatal(err)
	}
	// A second press of the same form finds the first message.
	if again, err := g.st.SendGroupMessage(ctx, g.ines.ID, g.call.ID, msg, "k1"); err != nil || again != id {
		t.Fatalf("second press = %d, %v, want %d", again, err, id)
	}
	if n := len(g.jobIDs(t, "expand_group_message", "message_id")); n != 1 {
		t.Fatalf("expansion jobs = %d, want 1", n)
	}
	// Two expansions (a retry, a killed worker's rescue) with a batch of 1.
	for range 2 {
		for {
			done, err := g.st.ExpandGroupMessage(ctx, id, 1)
			if err != nil {
				t.Fatal(err)
			}
			if done {
				break
			}
		}
	}
	jobs := g.jobIDLists(t, "deliver_group_message", "delivery_ids")
	if len(jobs) != 2 || len(jobs[0]) != 1 || len(jobs[1]) != 1 || g.count(t, `SELECT count(*) FROM group_deliveries WHERE message_id = $1`, id) != 2 {
		t.Fatalf("delivery jobs = %v, want 2 of one delivery (Ana, Bea: batches of 1)", jobs)
	}
	deliveries := append(jobs[0], jobs[1]...)
	m, err := g.st.GroupMessage(ctx, g.ines.ID, g.call.ID, id)
	if err != nil || m.Progress.Total != 2 || m.Progress.Sent != 0 || m.Progress.Done() {
		t.Fatalf("progress before delivery = %+v, %v", m.Progress, err)
	}
	// Both deliveries as one batch, run twice: one notification each.
	for range 2 {
		if err := g.st.DeliverGroupMessage(ctx, deliveries); err != nil {
			t.Fatal(err)
		}
	}
	for _, who := range []int64{g.ana, g.bea} {
		if n := kinds(g.notifications(t, who), "group_message"); n != 1 {
			t.Errorf("account %d has %d group messages, want 1", who, n)
		}
	}
	if n := kinds(g.notifications(t, g.cara), "group_message"); n != 0 {
		t.Errorf("the excluded got %d of the included's message", n)
	}
	if mails := g.jobIDLists(t, "deliver_notification", "notification_ids"); len(mails) != 1 || len(mails[0]) != 2 {
		t.Errorf("e-mail jobs = %v, want one for the batch's two notifications", mails)
	}
	if n := g.count(t, `SELECT count(*) FROM participations WHERE listing_id = $1 AND told_at IS NOT NULL`, g.call.ID); n != 2 {
		t.Errorf("told = %d, want 2", n)
	}
	m, err = g.st.GroupMessage(ctx, g.ines.ID, g.call.ID, id)
	if err != nil || m.Progress.Sent != 2 || m.Progress.EmailWaiting() != 2 || m.Progress.Done() || m.Progress.Percent() != 0 {
		t.Fatalf("progress in the app, e-mails waiting = %+v, %v", m.Progress, err)
	}
	// Bea gets group messages in her daily digest: her e-mail is skipped,
	// Ana's is claimed and sent; then every delivery has ended.
	if err := g.st.SetMailPreferences(ctx, g.bea, map[domain.MailType]domain.Cadence{domain.MailGroupMessage: domain.CadenceDaily}); err != nil {
		t.Fatal(err)
	}
	mails := g.jobIDLists(t, "deliver_notification", "notification_ids")
	claims, err := g.st.ClaimNotificationEmails(ctx, mails[0])
	if err != nil || len(claims) != 1 || claims[0].Notification.AccountID != g.ana || claims[0].InDoubt {
		t.Fatalf("claims = %+v, %v, want Ana's alone", claims, err)
	}
	if again, err := g.st.ClaimNotificationEmails(ctx, mails[0]); err != nil || len(again) != 0 {
		t.Fatalf("a second claim while the first is under way = %+v, %v, want none", again, err)
	}
	if err := g.st.FinishEmail(ctx, claims[0].DeliveryID, store.EmailSent, "delivery-1@slate.test", ""); err != nil {
		t.Fatal(err)
	}
	m, err = g.st.GroupMessage(ctx, g.ines.ID, g.call.ID, id)
	if p := m.Progress; err != nil || p.Emailed != 1 || p.EmailSkipped != 1 || !p.Done() || p.Percent() != 100 {
		t.Fatalf("progress after the e-mails = %+v, %v", p, err)
	}
	if _, err := g.st.GroupMessage(ctx, g.oscar.ID, g.call.ID, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another producer's progress: %v, want ErrNotFound", err)
	}
	list, err := g.st.GroupMessages(ctx, g.ines.ID, g.call.ID)
	if err != nil || len(list) != 1 || list[0].Progress.Sent != 2 {
		t.Errorf("listed = %+v, %v", list, err)
	}
	if list, _ := g.st.GroupMessages(ctx, g.oscar.ID, g.call.ID); len(list) != 0 {
		t.Errorf("another producer lists %d messages", len(list))
	}
}

func TestGroupMessageSubsetFailuresAndGuards(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := newGroupCast(t)
	excl := production.GroupMessage{Group: production.Excluded, Subject: "Not this time", Body: "Thank you."}

	// A hand-picked subset keeps only members of the group.
	sub := production.GroupMessage{Group: production.Included, Subject: "Call", Body: "Details", Recipients: []int64{g.ana, g.cara}}
	id, err := g.st.SendGroupMessage(ctx, g.ines.ID, g.call.ID, sub, "sub")
	if err != nil {
		t.Fatal(err)
	}
	if n := g.count(t, `SELECT total FROM group_messages WHERE id = $1`, id); n != 1 {
		t.Errorf("subset total = %d, want 1 (Ana; Cara is not included)", n)
	}
	if _, err := g.st.SendGroupMessage(ctx, g.ines.ID, g.call.ID, production.GroupMessage{Group: production.Included,
		Subject: "x", Body: "y", Recipients: []int64{g.cara}}, "none"); !errors.Is(err, store.ErrNoRecipients) {
		t.Errorf("nobody picked in the group: %v, want ErrNoRecipients", err)
	}
	// A suspended recipient fails with the reason.
	if _, err := g.pool.Exec(ctx, `UPDATE accounts SET suspended_at = now() WHERE id = $1`, g.cara); err != nil {
		t.Fatal(err)
	}
	eid, err := g.st.SendGroupMessage(ctx, g.ines.ID, g.call.ID, excl, "excl")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.st.ExpandGroupMessage(ctx, eid, store.GroupExpandBatch); err != nil {
		t.Fatal(err)
	}
	var d int64
	if err := g.pool.QueryRow(ctx, `SELECT id FROM group_deliveries WHERE message_id = $1`, eid).Scan(&d); err != nil {
		t.Fatal(err)
	}
	if err := g.st.DeliverGroupMessage(ctx, []int64{d}); err != nil {
		t.Fatal(err)
	}
	m, err := g.st.GroupMessage(ctx, g.ines.ID, g.call.ID, eid)
	if err != nil || m.Progress.Failed != 1 || !m.Progress.Done() || len(m.Progress.Reasons) != 1 || m.Progress.Reasons[0].Count != 1 {
		t.Fatalf("failed progress = %+v, %v", m.Progress, err)
	}
	// An open listing sends nothing.
	open := newPeople(t)
	if _, err := open.st.SendGroupMessage(ctx, open.ines.ID, open.call.ID, excl, "open"); !errors.Is(err, store.ErrTransition) {
		t.Errorf("sending on an open casting: %v, want ErrTransition", err)
	}
}

func TestGroupMessageToldSkipsTheGraceJob(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	g := newGroupCast(t)
	id, err := g.st.SendGroupMessage(ctx, g.ines.ID, g.call.ID,
		production.GroupMessage{Group: production.Excluded, Subject: "Not this time", Body: "Thank you."}, "k")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.st.ExpandGroupMessage(ctx, id, 10); err != nil {
		t.Fatal(err)
	}
	for _, batch := range g.jobIDLists(t, "deliver_group_message", "delivery_ids") {
		if err := g.st.DeliverGroupMessage(ctx, batch); err != nil {
			t.Fatal(err)
		}
	}
	// The producer un-decides Cara after telling her: the grace job must
	// not tell her a second time.
	if _, err := g.pool.Exec(ctx, `UPDATE participations SET selection = NULL WHERE talent_id = $1`, g.cara); err != nil {
		t.Fatal(err)
	}
	if told, _, err := g.st.TellNotSelected(ctx, g.call.ID, time.Now().AddDate(0, 0, 8)); err != nil || told != 0 {
		t.Errorf("grace job told %d (%v), want 0", told, err)
	}
}
