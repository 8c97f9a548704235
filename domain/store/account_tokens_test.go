package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
)

// pendingTokens returns the ids of the account's tokens of purpose, and
// checks each has its mail job.
func pendingTokens(t *testing.T, pool *pgxpool.Pool, accountID int64, purpose domain.TokenPurpose) []int64 {
	t.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT t.id, (SELECT count(*) FROM river_job j WHERE j.kind = 'send_account_mail' AND (j.args->>'token_id')::bigint = t.id)
		FROM account_tokens t WHERE t.account_id = $1 AND t.purpose = $2 ORDER BY t.id`, accountID, purpose)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id, jobs int64
		if err := rows.Scan(&id, &jobs); err != nil {
			t.Fatal(err)
		}
		if jobs == 0 {
			t.Fatalf("token %d has no mail job", id)
		}
		ids = append(ids, id)
	}
	return ids
}

// mint is what the mail job does: make the secret of the newest token.
func mint(t *testing.T, st *store.Store, pool *pgxpool.Pool, accountID int64, purpose domain.TokenPurpose, now time.Time) string {
	t.Helper()
	ids := pendingTokens(t, pool, accountID, purpose)
	if len(ids) == 0 {
		t.Fatalf("no %s token for account %d", purpose, accountID)
	}
	_, secret, err := st.MintAccountToken(context.Background(), ids[len(ids)-1], now)
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

func TestSignupConfirmationIsSingleUseAndPurposeBound(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	now := time.Now()
	acct, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if acct.EmailConfirmed() {
		t.Fatal("a new account is confirmed before following its link")
	}
	secret := mint(t, st, pool, acct.ID, domain.TokenConfirm, now)
	var stored []byte
	if err := pool.QueryRow(ctx, `SELECT token_hash FROM account_tokens WHERE account_id = $1`, acct.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if string(stored) == secret || len(stored) != 32 {
		t.Fatalf("the table holds %q, want the 32-byte SHA-256 only", stored)
	}
	if _, err := st.ResetPassword(ctx, secret, "new-hash", 0, now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a confirmation token reset the password: %v", err)
	}
	other, err := st.CreateAccount(ctx, "Bea", "bea@example.com", domain.RolePerformer, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.ConfirmEmail(ctx, secret, other.ID, now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("Bea, logged in, used Ada's link: %v", err)
	}
	got, err := st.ConfirmEmail(ctx, secret, 0, now)
	if err != nil || got.ID != acct.ID || !got.EmailConfirmed() {
		t.Fatalf("confirm = %+v, %v", got, err)
	}
	if _, err := st.ConfirmEmail(ctx, secret, 0, now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the link worked twice: %v", err)
	}
	if err := st.RequestConfirmation(ctx, acct.ID, now); !errors.Is(err, store.ErrAlreadyConfirmed) {
		t.Fatalf("resend for a confirmed account: %v", err)
	}
	if again, err := st.AccountByID(ctx, other.ID); err != nil || again.EmailConfirmed() {
		t.Fatalf("Bea = %+v, %v: confirmed by Ada's link", again, err)
	}
}

func TestResetExpiresAfterAnHourAndEndsEverySession(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	acct, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RoleProducer, "old-hash")
	if err != nil {
		t.Fatal(err)
	}
	var sessions []string
	for i := 0; i < 2; i++ {
		token, err := st.CreateSession(ctx, acct.ID, "10.0.0.1", "test", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, token)
	}
	if err := st.RequestPasswordReset(ctx, "ADA@example.com ", now); err != nil {
		t.Fatal(err)
	}
	secret := mint(t, st, pool, acct.ID, domain.TokenReset, now)
	if _, err := st.ResetPassword(ctx, secret, "new-hash", 0, now.Add(61*time.Minute)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the link worked after 61 minutes: %v", err)
	}
	if _, err := st.AccountToken(ctx, secret, domain.TokenReset, 0, now.Add(59*time.Minute)); err != nil {
		t.Fatalf("the link does not work after 59 minutes: %v", err)
	}
	if _, err := st.ResetPassword(ctx, secret, "new-hash", 0, now.Add(59*time.Minute)); err != nil {
		t.Fatal(err)
	}
	for _, token := range sessions {
		if _, err := st.SessionAccount(ctx, token, time.Hour); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("a session survived the reset: %v", err)
		}
	}
	if _, hash, err := st.Credentials(ctx, "ada@example.com"); err != nil || hash != "new-hash" {
		t.Fatalf("hash = %q, %v", hash, err)
	}
	if _, err := st.ResetPassword(ctx, secret, "third-hash", 0, now.Add(time.Minute)); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the link worked twice: %v", err)
	}
	// A retried job mints again: only the newest secret works.
	if _, _, err := st.MintAccountToken(ctx, pendingTokens(t, pool, acct.ID, domain.TokenReset)[0], now); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("a used token was minted again: %v", err)
	}
}

func TestResetOfAnUnknownAddressWritesNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	if err := st.RequestPasswordReset(ctx, "nobody@example.com", time.Now()); err != nil {
		t.Fatal(err)
	}
	var tokens, jobs int
	if err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM account_tokens), (SELECT count(*) FROM river_job WHERE kind = 'send_account_mail')`).
		Scan(&tokens, &jobs); err != nil {
		t.Fatal(err)
	}
	if tokens != 0 || jobs != 0 {
		t.Fatalf("tokens %d, jobs %d for an unknown address", tokens, jobs)
	}
}

func TestChangeEmail(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	now := time.Now()
	acct, err := st.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "hash")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateAccount(ctx, "Bea", "bea@example.com", domain.RolePerformer, "hash"); err != nil {
		t.Fatal(err)
	}
	if err := st.RequestEmailChange(ctx, acct.ID, "BEA@example.com", now); !errors.Is(err, store.ErrEmailTaken) {
		t.Fatalf("change to a taken address: %v", err)
	}
	keep, err := st.CreateSession(ctx, acct.ID, "10.0.0.1", "this one", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	other, err := st.CreateSession(ctx, acct.ID, "10.0.0.2", "another", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.RequestEmailChange(ctx, acct.ID, "ada@new.example.com", now); err != nil {
		t.Fatal(err)
	}
	ids := pendingTokens(t, pool, acct.ID, domain.TokenChangeEmail)
	var notices int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE kind = 'send_account_mail' AND args->>'notice' = 'true'`).Scan(&notices); err != nil || notices != 1 {
		t.Fatalf("notices to the old address: %d, %v", notices, err)
	}
	tok, secret, err := st.MintAccountToken(ctx, ids[0], now)
	if err != nil || tok.NewEmail != "ada@new.example.com" || tok.OldEmail != "ada@example.com" {
		t.Fatalf("token = %+v, %v", tok, err)
	}
	// Someone takes the address before the link is followed.
	if _, err := st.CreateAccount(ctx, "Cy", "Ada@New.example.com", domain.RoleCrew, "hash"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ChangeEmail(ctx, secret, acct.ID, keep, now); !errors.Is(err, store.ErrEmailTaken) {
		t.Fatalf("switch to an address taken meanwhile: %v", err)
	}
	if _, err := pool.Exec(ctx, `UPDATE accounts SET email = 'cy@example.com' WHERE lower(email) = 'ada@new.example.com'`); err != nil {
		t.Fatal(err)
	}
	got, err := st.ChangeEmail(ctx, secret, acct.ID, keep, now)
	if err != nil || got.Email != "ada@new.example.com" || !got.EmailConfirmed() {
		t.Fatalf("change = %+v, %v", got, err)
	}
	if _, err := st.SessionAccount(ctx, keep, time.Hour); err != nil {
		t.Errorf("the session that followed the link ended: %v", err)
	}
	if _, err := st.SessionAccount(ctx, other, time.Hour); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another session survived the change: %v", err)
	}
}

func TestWritesThatReachOthersNeedAConfirmedAddress(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := newStore(t)
	ines, err := st.CreateAccount(ctx, "Ines", "ines@example.com", domain.RoleProducer, "h")
	if err != nil {
		t.Fatal(err)
	}
	p, err := st.CreateProject(ctx, ines.ID, production.Project{Title: "The Long Night", Type: "feature"})
	if err != nil {
		t.Fatal(err)
	}
	l, err := st.CreateListing(ctx, ines.ID, p.ID, production.CastingCall)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.TransitionListing(ctx, ines.ID, l.ID, production.Submit); !errors.Is(err, store.ErrUnconfirmed) {
		t.Fatalf("an unconfirmed producer submits: %v", err)
	}
	maya, err := st.CreateAccount(ctx, "Maya", "maya@example.com", domain.RolePerformer, "h")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Apply(ctx, maya, l.ID, 1, ""); !errors.Is(err, store.ErrUnconfirmed) {
		t.Fatalf("an unconfirmed talent applies: %v", err)
	}
	if _, err := st.Reply(ctx, maya.ID, 1, "Hello"); !errors.Is(err, store.ErrUnconfirmed) {
		t.Fatalf("an unconfirmed talent writes: %v", err)
	}
}
