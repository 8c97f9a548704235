package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
)

// MailPreferences returns how often the account gets each mail type: its
// saved choice, else the type's default.
func (s *Store) MailPreferences(ctx context.Context, accountID int64) (map[domain.MailType]domain.Cadence, error) {
	prefs := make(map[domain.MailType]domain.Cadence, len(domain.MailTypes))
	for _, info := range domain.MailTypes {
		prefs[info.Type] = info.Default
	}
	rows, err := s.pool.Query(ctx, `SELECT mail_type, cadence FROM mail_preferences WHERE account_id = $1`, accountID)
	if err != nil {
		return nil, fmt.Errorf("store: mail preferences of %d: %w", accountID, err)
	}
	var t, c string
	_, err = pgx.ForEachRow(rows, []any{&t, &c}, func() error {
		if _, known := prefs[domain.MailType(t)]; known {
			prefs[domain.MailType(t)] = domain.Cadence(c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: mail preferences of %d: %w", accountID, err)
	}
	return prefs, nil
}

// mailPrefs are several accounts' saved choices; of falls back on each
// type's default.
type mailPrefs map[int64]map[domain.MailType]domain.Cadence

func (p mailPrefs) of(accountID int64, t domain.MailType) domain.Cadence {
	if c, ok := p[accountID][t]; ok {
		return c
	}
	info, _ := domain.MailTypeOf(t)
	return info.Default
}

// mailPreferencesOf reads the saved choices of accounts in one query.
func mailPreferencesOf(ctx context.Context, q pgx.Tx, accounts []int64) (mailPrefs, error) {
	rows, err := q.Query(ctx, `SELECT account_id, mail_type, cadence FROM mail_preferences WHERE account_id = ANY($1)`, accounts)
	if err != nil {
		return nil, fmt.Errorf("store: mail preferences: %w", err)
	}
	prefs := mailPrefs{}
	var id int64
	var t, c string
	_, err = pgx.ForEachRow(rows, []any{&id, &t, &c}, func() error {
		if _, known := domain.MailTypeOf(domain.MailType(t)); known {
			if prefs[id] == nil {
				prefs[id] = map[domain.MailType]domain.Cadence{}
			}
			prefs[id][domain.MailType(t)] = domain.Cadence(c)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("store: mail preferences: %w", err)
	}
	return prefs, nil
}

// SetMailPreferences saves the account's choices, all in one transaction.
// Unknown types and cadences are the caller's mistake: the handler checks
// them against the domain's lists first.
func (s *Store) SetMailPreferences(ctx context.Context, accountID int64, prefs map[domain.MailType]domain.Cadence) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		for t, c := range prefs {
			if _, known := domain.MailTypeOf(t); !known || !c.Valid() {
				return fmt.Errorf("store: mail preference %q = %q: unknown", t, c)
			}
			_, err := tx.Exec(ctx, `
				INSERT INTO mail_preferences (account_id, mail_type, cadence) VALUES ($1, $2, $3)
				ON CONFLICT (account_id, mail_type) DO UPDATE SET cadence = EXCLUDED.cadence, updated_at = now()`,
				accountID, t, c)
			if err != nil {
				return fmt.Errorf("store: set mail preference %s of %d: %w", t, accountID, err)
			}
		}
		return nil
	})
}

// Unsubscribe stops one mail type for the account; the digest's type
// stops every type it gets daily. The account is the one the signed link
// names, so it needs no session; an account deleted since is ErrNotFound.
func (s *Store) Unsubscribe(ctx context.Context, accountID int64, t domain.MailType) error {
	var exists bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM accounts WHERE id = $1)`, accountID).Scan(&exists); err != nil {
		return fmt.Errorf("store: unsubscribe %d: %w", accountID, err)
	}
	if !exists {
		return fmt.Errorf("store: unsubscribe %d: %w", accountID, ErrNotFound)
	}
	if t != domain.MailDigest {
		return s.SetMailPreferences(ctx, accountID, map[domain.MailType]domain.Cadence{t: domain.CadenceNever})
	}
	prefs, err := s.MailPreferences(ctx, accountID)
	if err != nil {
		return err
	}
	stop := map[domain.MailType]domain.Cadence{}
	for mt, c := range prefs {
		if c == domain.CadenceDaily {
			stop[mt] = domain.CadenceNever
		}
	}
	return s.SetMailPreferences(ctx, accountID, stop)
}
