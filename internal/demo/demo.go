// Package demo loads the demo data `slate seed --demo` shows a newcomer:
// one account per role with a known password, so they can log in at once.
// Every later capability adds its part here.
package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/slatecasting/slate/casting"
	"github.com/slatecasting/slate/casting/auth"
	"github.com/slatecasting/slate/casting/store"
)

// Password is every demo account's password; it is printed in the console.
const Password = "slate-demo-2026"

// Person is one demo account.
type Person struct {
	Name  string
	Email string
	Role  casting.Role
}

// People are the demo accounts.
var People = []Person{
	{"Maya Laurent", "performer@demo.slate.test", casting.RolePerformer},
	{"Tomás Ribeiro", "crew@demo.slate.test", casting.RoleCrew},
	{"Ines Okafor", "producer@demo.slate.test", casting.RoleProducer},
	{"Sam Moderator", "moderator@demo.slate.test", casting.RoleModerator},
}

// Seed creates whatever demo data is missing; running it twice is harmless.
// It returns the accounts it made or found.
func Seed(ctx context.Context, st *store.Store, params auth.Params) ([]Person, error) {
	hash, err := auth.Hash(Password, params)
	if err != nil {
		return nil, err
	}
	for _, p := range People {
		_, err := st.CreateAccount(ctx, p.Name, p.Email, p.Role, hash)
		if err != nil && !errors.Is(err, store.ErrEmailTaken) {
			return nil, fmt.Errorf("demo: %s: %w", p.Email, err)
		}
	}
	return People, nil
}
