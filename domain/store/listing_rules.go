package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain/production"
)

// ErrNoticeLimit means the producer already submitted as many non-casting
// notices (workshops, classes, events, competitions, training) this
// calendar month as the limit allows.
var ErrNoticeLimit = errors.New("store: monthly limit of non-casting notices reached")

// SubmitListing submits one of the producer's listings (TransitionListing
// with production.Submit), and, for a non-casting notice, first counts the
// producer's other notices submitted this calendar month (UTC) in the
// same transaction: at noticesPerMonth or more it is ErrNoticeLimit and
// nothing changes. The producer's row is locked for the count, so two
// submits at once cannot both take the last place. The caller runs the
// posting rules and production.Missing before.
func (s *Store) SubmitListing(ctx context.Context, producerID, listingID int64, noticesPerMonth int) (production.Listing, error) {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var category string
		err := tx.QueryRow(ctx, `SELECT category FROM listings WHERE id = $1 AND producer_id = $2`, listingID, producerID).Scan(&category)
		if err != nil {
			return notFound(err, "listing", listingID)
		}
		if production.NonCasting(category) {
			if _, err := tx.Exec(ctx, `SELECT 1 FROM accounts WHERE id = $1 FOR UPDATE`, producerID); err != nil {
				return err
			}
			var n int
			err := tx.QueryRow(ctx, `
				SELECT count(*) FROM listings
				WHERE producer_id = $1 AND id <> $2 AND category <> 'casting'
				  AND submitted_at >= date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`,
				producerID, listingID).Scan(&n)
			if err != nil {
				return err
			}
			if n >= noticesPerMonth {
				return ErrNoticeLimit
			}
		}
		return s.transitionTx(ctx, tx, producerID, listingID, production.Submit)
	})
	if err != nil {
		return production.Listing{}, fmt.Errorf("store: submit listing %d: %w", listingID, err)
	}
	return s.OwnListing(ctx, producerID, listingID)
}

// categoryOrCasting stores an unset category as casting, the default.
func categoryOrCasting(c string) string {
	if c == "" {
		return production.CategoryCasting
	}
	return c
}
