package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain/production"
)

// The producer's side of participations: the three tabs of a listing's
// people (this file), decisions (participants_decide.go), invitations
// (participants_invite.go) and the project's team (participants_team.go).
// Every query is scoped to the producer: participations.producer_id
// repeats the listing's owner for exactly this.

// applicantName is the name a card shows: the profile's display name, or
// the account's name until the talent sets one.
// talentActiveSQL is true when participation pa's talent is not
// suspended: a suspended talent leaves the producer's applicant lists
// (slice reports) and comes back when the suspension is lifted.
// Written as ownerActiveSQL is, for the same reason.
const talentActiveSQL = `pa.talent_id NOT IN (SELECT st.id FROM accounts st WHERE st.suspended_at IS NOT NULL)`

const applicantName = `coalesce(nullif(pr.data->>'display_name', ''), a.name)`

// applicantJoins join what an applicant card shows to participations pa:
// the account, the role, the profile document and the passed headshot.
const applicantJoins = `
	JOIN accounts a ON a.id = pa.talent_id
	JOIN listing_roles r ON r.id = pa.role_id
	LEFT JOIN profiles pr ON pr.account_id = pa.talent_id
	LEFT JOIN photos h ON h.account_id = pa.talent_id AND h.is_headshot AND (h.status = 'passed' AND h.review <> 'rejected' OR h.status IN ('passed', 'failed') AND h.review = 'accepted')`

const applicantFrom = `participations pa` + applicantJoins

const applicantColumns = `pa.id, pa.listing_id, pa.role_id, pa.talent_id, pa.producer_id, pa.origin, pa.state, pa.note,
	pa.decided_by, pa.decided_at, pa.created_at, pa.updated_at, ` + applicantName + `, r.name,
	coalesce(h.id, 0), coalesce(h.check_seq, 0),
	coalesce((pr.data->>'playing_age_min')::int, 0), coalesce((pr.data->>'playing_age_max')::int, 0),
	coalesce((pr.data->>'height_cm')::int, 0), coalesce(pr.data->>'city', ''), a.suspended_at IS NOT NULL`

func scanApplicant(row pgx.Row, extra ...any) (production.Applicant, error) {
	var a production.Applicant
	p := &a.Participation
	dest := append([]any{&p.ID, &p.ListingID, &p.RoleID, &p.TalentID, &p.ProducerID, &p.Origin, &p.State, &p.Note,
		&p.DecidedBy, &p.DecidedAt, &p.CreatedAt, &p.UpdatedAt, &a.Name, &a.RoleName,
		&a.HeadshotID, &a.HeadshotV, &a.AgeMin, &a.AgeMax, &a.HeightCM, &a.City, &a.Suspended}, extra...)
	err := row.Scan(dest...)
	return a, err
}

// tabWhere is each tab's condition (fixed SQL, never input).
var tabWhere = map[production.Tab]string{
	production.TabReceived:    `pa.origin = 'application' AND pa.state <> 'withdrawn'`,
	production.TabInvitations: `pa.origin = 'invitation'`,
	production.TabConfirmed:   `pa.state = 'accepted'`,
}

// ErrBadCursor means a "More" link's cursor could not be read (edited by
// hand, or written for the other order).
var ErrBadCursor = errors.New("store: unreadable page cursor")

// Participants returns one page of a tab of the producer's listing: its
// cards newest first or by name, narrowed by role and state, from the
// filter's cursor on, with the counts of the three tabs. Pages are cut by
// keyset (created_at, id) or (name, id), never by offset, so a listing
// with thousands of applicants pages as fast at the end as at the start.
// Another producer's listing is ErrNotFound.
func (s *Store) Participants(ctx context.Context, producerID, listingID int64, f production.PeopleFilter) (production.PeoplePage, error) {
	var page production.PeoplePage
	// The tabs' counts and the page's rows, in one round trip.
	b := s.Batch()
	counts := b.PeopleCounts(producerID, listingID)

	tab := production.ParseTab(string(f.Tab))
	by := production.ParseSort(string(f.Sort))
	args := []any{producerID, listingID}
	arg := func(v any) string { args = append(args, v); return "$" + strconv.Itoa(len(args)) }
	where := `pa.producer_id = $1 AND pa.listing_id = $2 AND ` + talentActiveSQL + ` AND ` + tabWhere[tab]
	if f.RoleID != 0 {
		where += ` AND pa.role_id = ` + arg(f.RoleID)
	}
	if f.State != "" {
		where += ` AND pa.state = ` + arg(string(f.State))
	}
	sortKey, order := `pa.created_at`, `pa.created_at DESC, pa.id DESC`
	if by == production.SortName {
		sortKey, order = `lower(`+applicantName+`)`, `lower(`+applicantName+`), pa.id`
	}
	if f.After != "" {
		cur, err := production.DecodeCursor(f.After, by)
		if err != nil {
			return page, fmt.Errorf("store: listing %d people: %w: %w", listingID, ErrBadCursor, err)
		}
		if by == production.SortName {
			where += ` AND (` + sortKey + `, pa.id) > (` + arg(cur.Name) + `, ` + arg(cur.ID) + `)`
		} else {
			where += ` AND (pa.created_at, pa.id) < (` + arg(cur.Time) + `, ` + arg(cur.ID) + `)`
		}
	}
	// The page is chosen on the narrow rows first (ids and sort keys),
	// then only its 25 cards are joined to their profiles and headshots.
	var keys []string
	queueRows(b.b, fmt.Sprintf("store: listing %d people", listingID), &page.Rows, func(r pgx.CollectableRow) (production.Applicant, error) {
		var key string
		a, err := scanApplicant(r, &key)
		keys = append(keys, key)
		return a, err
	}, `
		WITH page AS (
			SELECT pa.id, `+sortKey+`::text AS sort_key
			FROM participations pa
				JOIN accounts a ON a.id = pa.talent_id
				LEFT JOIN profiles pr ON pr.account_id = pa.talent_id
			WHERE `+where+` ORDER BY `+order+` LIMIT `+strconv.Itoa(production.PeoplePageSize+1)+`)
		SELECT `+applicantColumns+`, page.sort_key FROM page JOIN participations pa ON pa.id = page.id`+applicantJoins+`
		ORDER BY `+order, args...)
	if err := b.Send(ctx); err != nil {
		return production.PeoplePage{}, err
	}
	page.Counts = *counts
	if n := production.PeoplePageSize; len(page.Rows) > n {
		page.Rows = page.Rows[:n]
		a := page.Rows[n-1]
		page.Next = production.Cursor{Time: a.CreatedAt, Name: keys[n-1], ID: a.ID}.Encode(by)
	}
	return page, nil
}

// PeopleCounts is how many participations each tab of the producer's
// listing holds; another producer's listing is ErrNotFound.
func (s *Store) PeopleCounts(ctx context.Context, producerID, listingID int64) (production.TabCounts, error) {
	return one(ctx, s, func(b *Batch) *production.TabCounts { return b.PeopleCounts(producerID, listingID) })
}

// PeopleCounts queues Store.PeopleCounts.
func (b *Batch) PeopleCounts(producerID, listingID int64) *production.TabCounts {
	c := &production.TabCounts{}
	b.b.Queue(`
		SELECT count(pa.id) FILTER (WHERE `+tabWhere[production.TabReceived]+`),
			count(pa.id) FILTER (WHERE `+tabWhere[production.TabInvitations]+`),
			count(pa.id) FILTER (WHERE `+tabWhere[production.TabConfirmed]+`)
		FROM listings l LEFT JOIN participations pa ON pa.listing_id = l.id AND pa.producer_id = $1 AND `+talentActiveSQL+`
		WHERE l.id = $2 AND l.producer_id = $1
		GROUP BY l.id`, producerID, listingID).QueryRow(func(row pgx.Row) error {
		if err := row.Scan(&c.Received, &c.Invitations, &c.Confirmed); err != nil {
			return notFound(err, "listing people", listingID)
		}
		return nil
	})
	return c
}

// Applicant returns one participation in the producer's listings as its
// card shows it; anyone else's is ErrNotFound.
func (s *Store) Applicant(ctx context.Context, producerID, participationID int64) (production.Applicant, error) {
	a, err := scanApplicant(s.pool.QueryRow(ctx, `SELECT `+applicantColumns+` FROM `+applicantFrom+`
		WHERE pa.id = $1 AND pa.producer_id = $2 AND `+talentActiveSQL, participationID, producerID))
	if err != nil {
		return a, notFound(err, "participation", participationID)
	}
	return a, nil
}

// SharesProfileWith reports whether the talent takes part in one of the
// producer's listings (applied, invited, accepted, in any state but
// withdrawn or declined): applying shares one's profile with that
// producer, so they can read it before a moderator has validated it.
// A suspended talent shares nothing.
func (s *Store) SharesProfileWith(ctx context.Context, talentID, producerID int64) (bool, error) {
	var ok bool
	err := s.pool.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM participations pa
		               WHERE pa.talent_id = $1 AND pa.producer_id = $2 AND pa.state NOT IN ('withdrawn', 'declined') AND `+talentActiveSQL+`)`,
		talentID, producerID).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("store: shares profile: %w", err)
	}
	return ok, nil
}
