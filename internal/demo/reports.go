package demo

import (
	"context"
	"errors"
	"fmt"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
)

// seedReports files one open report by the demo performer on the newest
// casting call they can see, so a moderator logging in finds a working
// reports queue (slice reports). A performer who filed one already files
// no other.
func seedReports(ctx context.Context, st *store.Store) error {
	luca, _, err := st.Credentials(ctx, PerformerEmail)
	if err != nil {
		return fmt.Errorf("demo: reports: %w", err)
	}
	mine, err := st.MyReports(ctx, luca.ID, 1)
	if err != nil || len(mine) > 0 {
		return err
	}
	res, err := st.Browse(ctx, luca, store.BrowseFilter{Limit: 1})
	if err != nil {
		return fmt.Errorf("demo: reports: %w", err)
	}
	if len(res.Cards) == 0 {
		return nil
	}
	_, err = st.CreateReport(ctx, luca.ID, domain.ReportListing, res.Cards[0].ID, domain.ReportForm{
		Reason:  "money",
		Details: "The casting director wrote to me that a €40 \"registration fee\" is due before the audition, but the listing says there are no fees.",
	})
	if errors.Is(err, store.ErrAlreadyReported) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo: reports: %w", err)
	}
	return nil
}

// SuspendedEmail is the demo's suspended account: an agency that asked
// applicants for a fee, suspended by the demo moderator, so the accounts
// page shows a suspension and the outbox its e-mail to the owner.
const SuspendedEmail = "fasttrack@demo.slate.test"

// seedSuspended creates and suspends that account, once: an account that
// exists already is left as it is (a moderator may have lifted it).
func seedSuspended(ctx context.Context, st *store.Store, hash string) error {
	acct, err := st.CreateAccount(ctx, "Fast Track Talent Agency", SuspendedEmail, domain.RoleProducer, hash)
	if errors.Is(err, store.ErrEmailTaken) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("demo: suspended account: %w", err)
	}
	mod, _, err := st.Credentials(ctx, "moderator@demo.slate.test")
	if err != nil {
		return fmt.Errorf("demo: suspended account: %w", err)
	}
	err = st.SuspendAccount(ctx, mod.ID, acct.ID, "Asked applicants for a €40 \"registration fee\" before auditions, "+
		"for castings that are not its own: third-party listings and fees are against the posting rules.")
	if err != nil {
		return fmt.Errorf("demo: suspend %s: %w", SuspendedEmail, err)
	}
	return nil
}
