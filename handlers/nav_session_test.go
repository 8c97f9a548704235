package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/slatecasting/slate/internal/testapp"
)

// The badges a GET reads with its session are the account's own: two
// accounts' requests, interleaved on one server, each show their own
// counts (the per-request read never leaks between accounts), on full
// pages and in the bell.
func TestSessionBadgesNeverLeakBetweenAccounts(t *testing.T) {
	t.Parallel()
	k := newTalk(t, nil)
	k.start("Hello") // Maya: one unread message
	ctx := context.Background()
	for i := 0; i < 3; i++ { // Ines: three unread notifications
		if _, err := k.pool.Exec(ctx, `INSERT INTO notifications (account_id, kind, dedupe_key, title, body)
			VALUES ($1, 'test', $2, 't', 'b')`, k.ines.ID, fmt.Sprint("leak-", i)); err != nil {
			t.Fatal(err)
		}
	}
	badge := func(resp *http.Response, id string) string {
		t.Helper()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
		return testapp.Doc(t, resp).Find("#" + id).Text()
	}
	want := func(n int) string {
		if n == 0 {
			return ""
		}
		return fmt.Sprint(n, " unread")
	}
	for round := 0; round < 2; round++ {
		for _, u := range []testapp.User{k.maya, k.ines} {
			msgs, notes, err := k.store.NavCounts(ctx, u.ID)
			if err != nil {
				t.Fatal(err)
			}
			if (u.ID == k.maya.ID && msgs == 0) || (u.ID == k.ines.ID && notes != 3) {
				t.Fatalf("%s's counts %d, %d: the setup is wrong", u.Name, msgs, notes)
			}
			c := k.as(u)
			for _, path := range []string{"/messages", "/notifications"} {
				resp := c.Get(path)
				d := testapp.Doc(t, resp)
				if got := d.Find("#nav-unread-messages").Text(); got != want(msgs) {
					t.Errorf("%s on %s: messages badge %q, want %q", u.Name, path, got, want(msgs))
				}
				if got := d.Find("#nav-unread-notifications").Text(); got != want(notes) {
					t.Errorf("%s on %s: notifications badge %q, want %q", u.Name, path, got, want(notes))
				}
			}
			if got := badge(hxGet(c, "/notifications/bell"), "nav-unread-notifications"); got != want(notes) {
				t.Errorf("%s's bell: %q, want %q", u.Name, got, want(notes))
			}
		}
	}
}
