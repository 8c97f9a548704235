package demo

import (
	"context"
	"fmt"

	"github.com/slatecasting/slate/domain/store"
)

// confirmAddresses marks every demo account's address confirmed: the
// addresses are made up, nobody could follow their links, and the demo
// should show applying and messaging working. Running it twice is harmless.
func confirmAddresses(ctx context.Context, st *store.Store) error {
	emails := make([]string, 0, len(People)+len(Cast))
	for _, p := range People {
		emails = append(emails, p.Email)
	}
	for _, m := range Cast {
		emails = append(emails, m.Email)
	}
	for _, email := range emails {
		acct, _, err := st.Credentials(ctx, email)
		if err != nil {
			return fmt.Errorf("demo: confirm %s: %w", email, err)
		}
		if err := st.MarkEmailConfirmed(ctx, acct.ID); err != nil {
			return fmt.Errorf("demo: confirm %s: %w", email, err)
		}
	}
	return nil
}
