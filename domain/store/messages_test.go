package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

// participate puts the talent in the listing's first role as an applicant
// or an invitee, straight in SQL: the apply and invite store functions
// belong to another part of the code.
func participate(t *testing.T, pool *pgxpool.Pool, l production.Listing, talentID int64, origin production.Origin, state production.State) {
	t.Helper()
	_, err := pool.Exec(context.Background(), `
		INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state)
		VALUES ($1, $2, $3, $4, $5, $6)`, l.ID, l.Roles[0].ID, talentID, l.ProducerID, origin, state)
	if err != nil {
		t.Fatalf("participate: %v", err)
	}
}

// casting is a producer's published casting call with one applicant, Maya,
// and a performer who never took part, Tomas; Oscar is another producer.
type casting struct {
	ines, oscar, maya, tomas testapp.User
	listing                  production.Listing
}

func newCasting(t *testing.T, st *store.Store, pool *pgxpool.Pool) casting {
	t.Helper()
	c := casting{
		ines:  testapp.Producer(t, st, testapp.Name("Ines Producer")),
		oscar: testapp.Producer(t, st, testapp.Name("Oscar Other")),
		maya:  testapp.Talent(t, st, domain.RolePerformer, testapp.Name("Maya Laurent")),
		tomas: testapp.Talent(t, st, domain.RolePerformer, testapp.Name("Tomas Stranger")),
	}
	c.listing = testapp.Listing(t, st, c.ines, testapp.Project(t, st, c.ines), production.CastingCall)
	participate(t, pool, c.listing, c.maya.ID, production.FromApplication, production.Applied)
	return c
}

func TestStartThreadOnlyByTheListingsProducerToAParticipant(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	refused := []struct {
		name                      string
		producer, listing, talent int64
	}{
		{"another producer", c.oscar.ID, c.listing.ID, c.maya.ID},
		{"a talent who never took part", c.ines.ID, c.listing.ID, c.tomas.ID},
		{"the talent as producer", c.maya.ID, c.listing.ID, c.maya.ID},
		{"a listing that does not exist", c.ines.ID, c.listing.ID + 1000, c.maya.ID},
	}
	for _, r := range refused {
		if _, err := st.StartThread(ctx, r.producer, r.listing, r.talent, "Hello"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s: StartThread = %v, want ErrNotFound", r.name, err)
		}
	}
	if _, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, " \n "); !errors.Is(err, store.ErrBadMessage) {
		t.Errorf("empty message: %v, want ErrBadMessage", err)
	}
	if _, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, strings.Repeat("a", production.MaxMessage+1)); !errors.Is(err, store.ErrBadMessage) {
		t.Errorf("long message: %v, want ErrBadMessage", err)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM threads`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("refused messages left %d threads (%v)", n, err)
	}

	first, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "  Hello Maya,\r\ncan you come on Monday?  ")
	if err != nil {
		t.Fatal(err)
	}
	if first.Body != "Hello Maya,\ncan you come on Monday?" || first.SenderID != c.ines.ID {
		t.Errorf("stored message = %+v", first)
	}
	again, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "One more thing.")
	if err != nil || again.ThreadID != first.ThreadID {
		t.Fatalf("a second first message opened thread %d (%v), want %d", again.ThreadID, err, first.ThreadID)
	}

	// An invitation is a participation too, in any state.
	bea := testapp.Talent(t, st, domain.RolePerformer)
	participate(t, pool, c.listing, bea.ID, production.FromInvitation, production.Declined)
	if _, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, bea.ID, "Sorry to hear it."); err != nil {
		t.Errorf("to a talent who declined an invitation: %v", err)
	}
}

func TestReplyOnlyByTheTwoSides(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	m, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "Hello")
	if err != nil {
		t.Fatal(err)
	}
	for name, who := range map[string]int64{"another talent": c.tomas.ID, "another producer": c.oscar.ID} {
		if _, err := st.Reply(ctx, who, m.ThreadID, "Let me in"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s replies: %v, want ErrNotFound", name, err)
		}
		if _, err := st.Thread(ctx, who, m.ThreadID, 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s reads the thread: %v, want ErrNotFound", name, err)
		}
		if err := st.MarkRead(ctx, who, m.ThreadID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("%s marks it read: %v, want ErrNotFound", name, err)
		}
		if list, err := st.Threads(ctx, who, 0); err != nil || len(list) != 0 {
			t.Errorf("%s lists %d threads (%v)", name, len(list), err)
		}
	}
	if _, err := st.Reply(ctx, c.maya.ID, m.ThreadID, "Yes, Monday works."); err != nil {
		t.Fatalf("the talent replies: %v", err)
	}
	if _, err := st.Reply(ctx, c.ines.ID, m.ThreadID, "Great."); err != nil {
		t.Fatalf("the producer replies: %v", err)
	}
	if _, err := st.Reply(ctx, c.maya.ID, m.ThreadID, ""); !errors.Is(err, store.ErrBadMessage) {
		t.Errorf("an empty reply: %v", err)
	}
	v, err := st.Thread(ctx, c.maya.ID, m.ThreadID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range v.Messages {
		got = append(got, m.Body)
	}
	if strings.Join(got, "|") != "Hello|Yes, Monday works.|Great." || v.With != "Ines Producer" || v.ListingTitle != c.listing.Title {
		t.Errorf("thread as Maya reads it: with %q about %q: %q", v.With, v.ListingTitle, got)
	}
	if v, _ := st.Thread(ctx, c.ines.ID, m.ThreadID, 0); v.With != "Maya Laurent" {
		t.Errorf("the producer's thread is with %q", v.With)
	}
}

func TestUnreadCountsAndMarkRead(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	m, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "Hello Maya")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Reply(ctx, c.ines.ID, m.ThreadID, "Callback on Monday at 10.\nBring the sides."); err != nil {
		t.Fatal(err)
	}
	unread := func(who testapp.User, wantMessages, wantNotes int) {
		t.Helper()
		n, err := st.UnreadMessages(ctx, who.ID)
		msgs, notes, err2 := st.NavCounts(ctx, who.ID)
		if err != nil || err2 != nil || n != wantMessages || msgs != wantMessages || notes != wantNotes {
			t.Errorf("%s: UnreadMessages %d, NavCounts %d, %d (%v, %v); want %d messages, %d notifications",
				who.Name, n, msgs, notes, err, err2, wantMessages, wantNotes)
		}
	}
	unread(c.maya, 2, 2)
	unread(c.ines, 0, 0)

	list, err := st.Threads(ctx, c.maya.ID, 0)
	if err != nil || len(list) != 1 {
		t.Fatalf("Threads = %+v, %v", list, err)
	}
	if th := list[0]; th.Unread != 2 || th.Preview != "Callback on Monday at 10." || th.With != "Ines Producer" || th.LastSenderID != c.ines.ID {
		t.Errorf("Maya's inbox row = %+v", th)
	}
	notes, err := st.Notifications(ctx, c.maya.ID, 10)
	if err != nil || len(notes) < 2 || notes[0].Kind != "message" || notes[0].Link != "/messages/"+strconv.FormatInt(m.ThreadID, 10) ||
		!strings.Contains(notes[0].Title, "Ines Producer") || notes[0].Body != "Callback on Monday at 10." {
		t.Errorf("Maya's notifications = %+v, %v", notes, err)
	}

	if err := st.MarkRead(ctx, c.maya.ID, m.ThreadID); err != nil {
		t.Fatal(err)
	}
	unread(c.maya, 0, 0) // the message notifications are read with the thread
	if list, _ := st.Threads(ctx, c.maya.ID, 0); list[0].Unread != 0 {
		t.Errorf("still %d unread after MarkRead", list[0].Unread)
	}
	var lastRead, lastID int64
	if err := pool.QueryRow(ctx, `SELECT r.last_read_id, (SELECT max(id) FROM messages) FROM thread_reads r WHERE account_id = $1`,
		c.maya.ID).Scan(&lastRead, &lastID); err != nil || lastRead != lastID {
		t.Errorf("last_read_id %d, last message %d (%v)", lastRead, lastID, err)
	}

	if _, err := st.Reply(ctx, c.maya.ID, m.ThreadID, "See you then."); err != nil {
		t.Fatal(err)
	}
	unread(c.ines, 1, 1)
	unread(c.maya, 0, 0) // one's own message is never unread
	if err := st.MarkNotificationsRead(ctx, c.ines.ID); err != nil {
		t.Fatal(err)
	}
	unread(c.ines, 1, 0) // "mark all read" is the notifications only
}

func TestThreadsNewestActivityFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	bea := testapp.Talent(t, st, domain.RolePerformer, testapp.Name("Bea Santos"))
	participate(t, pool, c.listing, bea.ID, production.FromInvitation, production.Invited)
	toMaya, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "Hello Maya")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, bea.ID, "Hello Bea"); err != nil {
		t.Fatal(err)
	}
	names := func() string {
		list, err := st.Threads(ctx, c.ines.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, th := range list {
			out = append(out, th.With)
		}
		return strings.Join(out, ",")
	}
	if got := names(); got != "Bea Santos,Maya Laurent" {
		t.Errorf("inbox order %q", got)
	}
	// now() is the transaction's start: move Bea's thread back so the
	// reply below is later whatever the clock's resolution.
	if _, err := pool.Exec(ctx, `UPDATE threads SET last_message_at = last_message_at - interval '1 minute' WHERE talent_id = $1`, bea.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Reply(ctx, c.maya.ID, toMaya.ThreadID, "Hi!"); err != nil {
		t.Fatal(err)
	}
	if got := names(); got != "Maya Laurent,Bea Santos" {
		t.Errorf("after Maya's reply the inbox order is %q", got)
	}
	if list, _ := st.Threads(ctx, c.ines.ID, 1); len(list) != 1 {
		t.Errorf("limit 1 lists %d", len(list))
	}
}

func TestThreadPagesBackFiftyAtATime(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	c := newCasting(t, st, pool)
	m, err := st.StartThread(ctx, c.ines.ID, c.listing.ID, c.maya.ID, "message 1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `INSERT INTO messages (thread_id, sender_id, body)
		SELECT $1, $2, 'message ' || n FROM generate_series(2, 120) n`, m.ThreadID, c.maya.ID); err != nil {
		t.Fatal(err)
	}
	var pages [][]production.Message
	before := int64(0)
	for {
		v, err := st.Thread(ctx, c.ines.ID, m.ThreadID, before)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, v.Messages)
		if v.Older == 0 {
			break
		}
		before = v.Older
	}
	if len(pages) != 3 || len(pages[0]) != 50 || len(pages[1]) != 50 || len(pages[2]) != 20 {
		t.Fatalf("pages of %d", len(pages))
	}
	if pages[0][0].Body != "message 71" || pages[0][49].Body != "message 120" || pages[2][0].Body != "message 1" || pages[1][49].Body != "message 70" {
		t.Errorf("pages run %q..%q, %q..%q, from %q", pages[0][0].Body, pages[0][49].Body, pages[1][0].Body, pages[1][49].Body, pages[2][0].Body)
	}
}
