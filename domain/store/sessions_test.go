package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// The session's query reads the badges of the session's own account only,
// the moderators' queue counts only for a moderator, and nothing when not
// asked; it ends a session exactly as SessionAccount does.
func TestSessionReadsItsOwnAccountsBadges(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ada, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	bo, err := st.CreateAccount(ctx, "Bo", "bo@example.com", domain.RoleModerator, "h")
	if err != nil {
		t.Fatal(err)
	}
	// Ada has three unread notifications and one read; Bo has one unread.
	for i, n := range []struct {
		account int64
		read    bool
	}{{ada.ID, false}, {ada.ID, false}, {ada.ID, false}, {ada.ID, true}, {bo.ID, false}} {
		_, err := pool.Exec(ctx, `INSERT INTO notifications (account_id, kind, dedupe_key, title, body, read_at)
			VALUES ($1, 'test', $2::int::text, 't', 'b', CASE WHEN $3 THEN now() END)`, n.account, i, n.read)
		if err != nil {
			t.Fatal(err)
		}
	}
	adaTok, _ := st.CreateSession(ctx, ada.ID, "", "", time.Hour)
	boTok, _ := st.CreateSession(ctx, bo.ID, "", "", time.Hour)

	rd := st.Batch()
	staff := rd.StaffCounts()
	if err := rd.Send(ctx); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name  string
		token string
		want  store.SessionRead
	}{
		{"a performer", adaTok, store.SessionRead{Counted: true, Nav: store.NavCount{Notifications: 3}}},
		{"a moderator", boTok, store.SessionRead{Counted: true, Nav: store.NavCount{Notifications: 1}, Staff: *staff}},
	} {
		got, err := st.Session(ctx, c.token, time.Hour, true)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		c.want.Account = got.Account
		if got != c.want {
			t.Errorf("%s: Session = %+v, want %+v", c.name, got, c.want)
		}
		plain, err := st.Session(ctx, c.token, time.Hour, false)
		if err != nil || plain.Counted || plain.Nav != (store.NavCount{}) || plain.Staff != (store.StaffCount{}) {
			t.Errorf("%s without counts: %+v, %v", c.name, plain, err)
		}
		if n, m, err := st.NavCounts(ctx, got.Account.ID); err != nil || n != got.Nav.Messages || m != got.Nav.Notifications {
			t.Errorf("%s: NavCounts = %d, %d, %v; the session read %+v", c.name, n, m, err, got.Nav)
		}
	}

	// Suspension and logout end the session with its counts at once.
	if _, err := pool.Exec(ctx, "UPDATE accounts SET suspended_at = now() WHERE id = $1", ada.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Session(ctx, adaTok, time.Hour, true); err == nil {
		t.Error("a suspended account's session still reads")
	}
	if err := st.DeleteSession(ctx, boTok); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Session(ctx, boTok, time.Hour, true); err == nil {
		t.Error("a logged-out session still reads")
	}
}

// A session's idle clock is written at most once a minute, so browsing is
// not a write per page view, and the idle expiry still holds.
func TestSessionTouchesAtMostOnceAMinute(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := st.CreateSession(ctx, acct.ID, "", "", time.Hour)
	idle := func() time.Duration {
		var d time.Duration
		if err := pool.QueryRow(ctx, "SELECT now() - last_seen_at FROM sessions").Scan(&d); err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, c := range []struct {
		ago     string
		touched bool
	}{{"30 seconds", false}, {"2 minutes", true}} {
		if _, err := pool.Exec(ctx, "UPDATE sessions SET last_seen_at = now() - $1::interval", c.ago); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Session(ctx, tok, time.Hour, true); err != nil {
			t.Fatal(err)
		}
		if got := idle() < 10*time.Second; got != c.touched {
			t.Errorf("last seen %s ago: touched = %v, want %v", c.ago, got, c.touched)
		}
	}
	if _, err := pool.Exec(ctx, "UPDATE sessions SET last_seen_at = now() - interval '61 minutes'"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Session(ctx, tok, time.Hour, true); err == nil {
		t.Error("a session idle for longer than the idle limit still reads")
	}
}
