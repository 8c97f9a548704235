package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

func TestNotificationCentrePagesFiltersAndReadsOwnOnly(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	rui := testapp.Talent(t, st, domain.RoleCrew)
	for i := range 7 {
		kind := "message"
		if i%3 == 0 {
			kind = "invitation"
		}
		if err := st.AddNotification(ctx, domain.Notification{AccountID: maya.ID, Kind: kind, DedupeKey: fmt.Sprint(i), Title: "t", Body: "b"}); err != nil {
			t.Fatal(err)
		}
	}
	var seen []int64
	before := int64(0)
	for {
		page, err := st.NotificationsPage(ctx, maya.ID, nil, before, 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range page.Notifications {
			seen = append(seen, n.ID)
		}
		if page.Next == 0 {
			break
		}
		before = page.Next
	}
	// The welcome notification is a job's, and no worker runs here.
	if len(seen) != 7 {
		t.Fatalf("paged through %d notifications, want 7: %v", len(seen), seen)
	}
	for i := 1; i < len(seen); i++ {
		if seen[i] >= seen[i-1] {
			t.Fatalf("pages are not newest first without repeats: %v", seen)
		}
	}
	inv, err := st.NotificationsPage(ctx, maya.ID, []string{"invitation"}, 0, 10)
	if err != nil || len(inv.Notifications) != 3 || inv.Next != 0 {
		t.Errorf("invitations = %d (next %d), %v; want 3", len(inv.Notifications), inv.Next, err)
	}
	if _, err := st.MarkNotificationRead(ctx, rui.ID, seen[0]); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another account marks it read: %v, want ErrNotFound", err)
	}
	n, err := st.MarkNotificationRead(ctx, maya.ID, seen[0])
	if err != nil || n.ReadAt == nil {
		t.Fatalf("MarkNotificationRead = %+v, %v", n, err)
	}
	if unread, err := st.UnreadNotifications(ctx, maya.ID); err != nil || unread != 6 {
		t.Errorf("unread = %d, %v; want 6", unread, err)
	}
}
