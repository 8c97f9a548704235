package store_test

import (
	"context"
	"testing"

	"github.com/slatecasting/slate/domain"
)

// A notification gets its e-mail job in its own transaction, once: a
// second write of the same key inserts neither row nor job, and a kind
// that is never e-mailed gets none.
func TestNotifyEnqueuesOneDeliveryPerNewNotification(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		for _, n := range []domain.Notification{
			{AccountID: acct.ID, Kind: "message", DedupeKey: "message:1", Title: "Hi", Body: "Hello"},
			{AccountID: acct.ID, Kind: "welcome", DedupeKey: "welcome", Title: "Welcome", Body: "Hello"},
		} {
			if err := st.AddNotification(ctx, n); err != nil {
				t.Fatal(err)
			}
		}
	}
	var jobs int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'deliver_notification'`).Scan(&jobs); err != nil || jobs != 1 {
		t.Fatalf("delivery jobs = %d, %v; want 1 (the message, once)", jobs, err)
	}
}

func TestMailPreferencesDefaultAndSave(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h")
	prefs, err := st.MailPreferences(ctx, acct.ID)
	if err != nil || prefs[domain.MailMatchAlert] != domain.CadenceDaily || prefs[domain.MailMessage] != domain.CadenceImmediately || len(prefs) != len(domain.MailTypes) {
		t.Fatalf("defaults = %v, %v", prefs, err)
	}
	if err := st.SetMailPreferences(ctx, acct.ID, map[domain.MailType]domain.Cadence{domain.MailMessage: "hourly"}); err == nil {
		t.Fatal("an unknown cadence was saved")
	}
	if err := st.Unsubscribe(ctx, acct.ID, domain.MailDigest); err != nil {
		t.Fatal(err)
	}
	if prefs, _ := st.MailPreferences(ctx, acct.ID); prefs[domain.MailMatchAlert] != domain.CadenceNever || prefs[domain.MailMessage] != domain.CadenceImmediately {
		t.Fatalf("after the digest's unsubscribe: %v", prefs)
	}
	if err := st.Unsubscribe(ctx, acct.ID+1000, domain.MailMessage); err == nil {
		t.Fatal("unsubscribed an account that does not exist")
	}
}
