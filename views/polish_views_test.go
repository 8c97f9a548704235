package views_test

import (
	"strings"
	"testing"

	"github.com/slatecasting/slate/handlers"
)

// Slice polish: a suspended account reads as such on the team page, the
// thread, the inbox and the new-message form, with no way offered to
// message it.
func TestSuspendedAccountsReadAsSuspended(t *testing.T) {
	fx := fixtures()
	team := *fx["team/team"].(*handlers.TeamPage)
	team.Team.Cast[0].Members[0].Suspended = true
	html := renderString(t, "team/team", &team)
	if !strings.Contains(html, "Account suspended") || strings.Contains(html, "talent=12\"") || strings.Contains(html, `href="/talent/12"`) {
		t.Errorf("the team page offers the suspended member:\n%s", html)
	}
	thread := *fx["messages/thread"].(*handlers.ThreadPage)
	thread.Thread.WithSuspended = true
	if html := renderString(t, "messages/thread", &thread); !strings.Contains(html, "Account suspended") || strings.Contains(html, `name="body"`) {
		t.Errorf("the thread with a suspended account offers a reply:\n%s", html)
	}
	inbox := *fx["messages/inbox"].(*handlers.InboxPage)
	inbox.Threads[0].WithSuspended = true
	if html := renderString(t, "messages/inbox", &inbox); !strings.Contains(html, "Account suspended") {
		t.Error("the inbox does not mark the suspended account")
	}
	to := *fx["messages/new"].(*handlers.NewThreadPage)
	to.To.WithSuspended = true
	if html := renderString(t, "messages/new", &to); !strings.Contains(html, "messages cannot reach it") || strings.Contains(html, `name="body"`) {
		t.Errorf("the new-message form for a suspended account:\n%s", html)
	}
}
