package testapp

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/auth"
)

// Password is what every account the builders make logs in with.
const Password = "password1"

// Accounts is the part of the store the account builders write through.
type Accounts interface {
	CreateAccount(ctx context.Context, name, email string, role domain.Role, passwordHash string) (domain.Account, error)
	MarkEmailConfirmed(ctx context.Context, accountID int64) error
}

// User is an account a test made, with the password that logs it in.
type User struct {
	domain.Account
	Password string
}

// Option adjusts an account before it is made.
type Option func(*accountSpec)

type accountSpec struct {
	name, email string
	unconfirmed bool
}

// Name sets the display name (default "Test <role>").
func Name(name string) Option { return func(s *accountSpec) { s.name = name } }

// Email sets the e-mail address (default a unique one per role).
func Email(email string) Option { return func(s *accountSpec) { s.email = email } }

// Unconfirmed leaves the account's address unconfirmed, as sign-up does;
// by default the builders confirm it, so a test of anything else need not
// follow a link first.
func Unconfirmed() Option { return func(s *accountSpec) { s.unconfirmed = true } }

// Talent makes a performer or crew account.
func Talent(t testing.TB, st Accounts, role domain.Role, opts ...Option) User {
	t.Helper()
	if !role.IsTalent() {
		t.Fatalf("testapp.Talent: %q is not a talent role", role)
	}
	return Account(t, st, role, opts...)
}

// Producer makes a producer account.
func Producer(t testing.TB, st Accounts, opts ...Option) User {
	t.Helper()
	return Account(t, st, domain.RoleProducer, opts...)
}

// Moderator makes a moderator account, as the admin command would.
func Moderator(t testing.TB, st Accounts, opts ...Option) User {
	t.Helper()
	return Account(t, st, domain.RoleModerator, opts...)
}

// Account makes an account of any role; Talent, Producer and Moderator
// read better where the role is fixed.
func Account(t testing.TB, st Accounts, role domain.Role, opts ...Option) User {
	t.Helper()
	spec := accountSpec{name: "Test " + string(role), email: fmt.Sprintf("%s-%d@example.com", role, seq.Add(1))}
	for _, o := range opts {
		o(&spec)
	}
	hash, err := auth.Hash(Password, *PasswordParams())
	if err != nil {
		t.Fatalf("testapp: hash: %v", err)
	}
	a, err := st.CreateAccount(context.Background(), spec.name, spec.email, role, hash)
	if err != nil {
		t.Fatalf("testapp: create %s %s: %v", role, spec.email, err)
	}
	if !spec.unconfirmed {
		if err := st.MarkEmailConfirmed(context.Background(), a.ID); err != nil {
			t.Fatalf("testapp: confirm %s: %v", spec.email, err)
		}
		now := time.Now()
		a.EmailConfirmedAt = &now
	}
	return User{Account: a, Password: Password}
}

// seq keeps default e-mail addresses apart within a test process.
var seq atomic.Int64
