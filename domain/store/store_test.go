package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivertest"
	"github.com/riverqueue/river/rivertype"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/jobs"
)

func newStore(t *testing.T) (*store.Store, *pgxpool.Pool) {
	t.Helper()
	return testdb.NewStore(t)
}

func TestCreateAccountEnqueuesWelcomeInSameTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)

	acct, err := st.CreateAccount(ctx, "Ada Lovelace", "Ada@Example.com", domain.RoleProducer, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if acct.ID == 0 || acct.Email != "Ada@Example.com" || acct.Role != domain.RoleProducer {
		t.Fatalf("account = %+v", acct)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	job := rivertest.RequireInsertedTx[*riverpgxv5.Driver](ctx, t, tx, &jobs.WelcomeArgs{}, nil)
	if job.Args.AccountID != acct.ID {
		t.Errorf("welcome job for account %d, want %d", job.Args.AccountID, acct.ID)
	}
}

// failingInserter proves the account and its job share one transaction:
// when the job cannot be inserted, no account is left behind.
type failingInserter struct{}

func (failingInserter) InsertTx(context.Context, pgx.Tx, river.JobArgs, *river.InsertOpts) (*rivertype.JobInsertResult, error) {
	return nil, errors.New("queue down")
}

func TestCreateAccountRollsBackWhenJobFails(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	st := store.New(pool, failingInserter{})
	if _, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RoleCrew, "hash"); err == nil {
		t.Fatal("CreateAccount succeeded although the job insert failed")
	}
	if n, err := st.CountAccounts(ctx); err != nil || n != 0 {
		t.Fatalf("accounts = %d, %v; want 0: the account was half-written", n, err)
	}
}

func TestOneAccountPerEmailAnyCase(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	if _, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h"); err != nil {
		t.Fatal(err)
	}
	for _, email := range []string{"ada@example.com", "ADA@EXAMPLE.COM", "Ada@example.Com"} {
		_, err := st.CreateAccount(ctx, "Other", email, domain.RoleProducer, "h")
		if !errors.Is(err, store.ErrEmailTaken) {
			t.Errorf("CreateAccount(%q) = %v, want ErrEmailTaken", email, err)
		}
	}
	acct, hash, err := st.Credentials(ctx, "  ADA@example.COM ")
	if err != nil || acct.Name != "Ada" || hash != "h" {
		t.Fatalf("Credentials = %+v %q %v", acct, hash, err)
	}
	if _, _, err := st.Credentials(ctx, "nobody@example.com"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Credentials(unknown) = %v, want ErrNotFound", err)
	}
}

func TestSessions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	acct, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RoleProducer, "h")
	if err != nil {
		t.Fatal(err)
	}
	token, err := st.CreateSession(ctx, acct.ID, "127.0.0.1", "test", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	got, err := st.SessionAccount(ctx, token, time.Hour)
	if err != nil || got.ID != acct.ID {
		t.Fatalf("SessionAccount = %+v, %v", got, err)
	}
	var stored []byte
	if err := pool.QueryRow(ctx, "SELECT token_hash FROM sessions").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if string(stored) == token {
		t.Fatal("the raw token is stored")
	}
	if _, err := st.SessionAccount(ctx, "forged", time.Hour); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("forged token: %v", err)
	}

	t.Run("idle expiry", func(t *testing.T) {
		if _, err := pool.Exec(ctx, "UPDATE sessions SET last_seen_at = now() - interval '2 hours'"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SessionAccount(ctx, token, time.Hour); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("idle session still valid: %v", err)
		}
	})
	t.Run("absolute expiry", func(t *testing.T) {
		tok, _ := st.CreateSession(ctx, acct.ID, "", "", time.Hour)
		if _, err := pool.Exec(ctx, "UPDATE sessions SET expires_at = now() - interval '1 second'"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SessionAccount(ctx, tok, time.Hour); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("expired session still valid: %v", err)
		}
		n, err := st.DeleteExpiredSessions(ctx)
		if err != nil || n != 2 {
			t.Fatalf("DeleteExpiredSessions = %d, %v; want 2", n, err)
		}
	})
	t.Run("logout and suspension", func(t *testing.T) {
		tok, _ := st.CreateSession(ctx, acct.ID, "", "", time.Hour)
		if _, err := pool.Exec(ctx, "UPDATE accounts SET suspended_at = now()"); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SessionAccount(ctx, tok, time.Hour); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("suspended account still logged in: %v", err)
		}
		if _, err := pool.Exec(ctx, "UPDATE accounts SET suspended_at = NULL"); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteSession(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := st.SessionAccount(ctx, tok, time.Hour); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("deleted session still valid: %v", err)
		}
	})
}

func TestLoginThrottle(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	rule := store.ThrottleRule{MaxFailures: 3, Window: time.Minute, Lockout: 10 * time.Minute}
	for i := 0; i < 2; i++ {
		if err := st.RecordFailure(ctx, "email:a@x.io", rule); err != nil {
			t.Fatal(err)
		}
	}
	if until, _ := st.LockedUntil(ctx, "email:a@x.io", "ip:1.2.3.4"); !until.IsZero() {
		t.Fatal("locked after 2 of 3 failures")
	}
	if err := st.RecordFailure(ctx, "email:a@x.io", rule); err != nil {
		t.Fatal(err)
	}
	until, err := st.LockedUntil(ctx, "ip:9.9.9.9", "email:a@x.io")
	if err != nil || time.Until(until) < 9*time.Minute {
		t.Fatalf("LockedUntil = %v, %v; want ~10 minutes ahead", until, err)
	}
	if until, _ := st.LockedUntil(ctx, "email:other@x.io"); !until.IsZero() {
		t.Fatal("another key is locked")
	}
	// An old window starts counting afresh.
	if _, err := pool.Exec(ctx, "UPDATE login_throttle SET window_start = now() - interval '1 hour', locked_until = NULL"); err != nil {
		t.Fatal(err)
	}
	if err := st.RecordFailure(ctx, "email:a@x.io", rule); err != nil {
		t.Fatal(err)
	}
	var failures int
	if err := pool.QueryRow(ctx, "SELECT failures FROM login_throttle").Scan(&failures); err != nil || failures != 1 {
		t.Fatalf("failures = %d, %v; want a fresh window with 1", failures, err)
	}
	if err := st.ClearFailures(ctx, "email:a@x.io"); err != nil {
		t.Fatal(err)
	}
	if until, _ := st.LockedUntil(ctx, "email:a@x.io"); !until.IsZero() {
		t.Fatal("still locked after ClearFailures")
	}
}

func TestNotificationsAreIdempotent(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	acct, _ := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h")
	n := domain.Notification{AccountID: acct.ID, Kind: "welcome", DedupeKey: "welcome", Title: "Hi", Body: "Welcome"}
	for i := 0; i < 2; i++ {
		if err := st.AddNotification(ctx, n); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.Notifications(ctx, acct.ID, 10)
	if err != nil || len(list) != 1 || list[0].Title != "Hi" {
		t.Fatalf("Notifications = %+v, %v; want one", list, err)
	}
	if list[0].ReadAt != nil {
		t.Fatalf("new notification already read: %+v", list[0])
	}
	if err := st.MarkNotificationsRead(ctx, acct.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.Notifications(ctx, acct.ID, 10); len(list) != 1 || list[0].ReadAt == nil {
		t.Fatalf("after mark: %+v", list)
	}
}
