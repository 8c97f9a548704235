package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
)

// BrowsePageSize is how many cards one browse page shows.
const BrowsePageSize = 20

// BrowseFilter narrows the listings a talent browses. Empty fields do not
// filter. Values are checked against their option lists by the caller;
// here they are only ever query parameters.
type BrowseFilter struct {
	// RoleType keeps casting calls with at least one role of this type.
	RoleType string
	// Department keeps job listings of this crew department.
	Department string
	Country    string
	// City keeps listings whose city starts with it, in any case.
	City string
	// Remote keeps remote work only.
	Remote bool
	// PaidOnly keeps listings carrying the PAID tag (production.Pay.Paid).
	PaidOnly    bool
	ProjectType string
	// DeadlineAfter keeps listings still open at that time.
	DeadlineAfter *time.Time
	// Notices lists the non-casting notices (workshops, classes, events,
	// competitions, training) instead of the casting calls or job
	// listings: the two are never mixed on one page.
	Notices bool
	// After continues from where the previous page ended.
	After *BrowseCursor
	// Limit is the page size; 0 means BrowsePageSize.
	Limit int
	// CardsOnly leaves out the cards' roles and the talent's part in
	// them (BrowseCard.Roles and .Mine stay empty): the dashboard's list
	// shows neither, and without them its batch needs no second round
	// trip. The listings are the same.
	CardsOnly bool
}

// BrowseCursor is where a browse page ended: the last card's publication
// time and id, the keys the listings are ordered by, so the next page is
// an index range and not an offset that grows with every page.
type BrowseCursor struct {
	PublishedAt time.Time
	ID          int64
}

// String is the cursor as the "More" link carries it.
func (c BrowseCursor) String() string {
	return strconv.FormatInt(c.PublishedAt.UnixMicro(), 10) + "-" + strconv.FormatInt(c.ID, 10)
}

// ParseBrowseCursor reads a cursor String wrote; ok is false for anything
// else, which the caller treats as the first page.
func ParseBrowseCursor(s string) (BrowseCursor, bool) {
	at, id, found := strings.Cut(s, "-")
	if !found {
		return BrowseCursor{}, false
	}
	us, err1 := strconv.ParseInt(at, 10, 64)
	n, err2 := strconv.ParseInt(id, 10, 64)
	if err1 != nil || err2 != nil || us <= 0 || n <= 0 {
		return BrowseCursor{}, false
	}
	return BrowseCursor{PublishedAt: time.UnixMicro(us).UTC(), ID: n}, true
}

// BrowseCard is one listing on the browse page: the listing with its
// roles, its project's title and type, and the talent's own
// participations in its roles.
type BrowseCard struct {
	production.Listing
	ProjectTitle string
	ProjectType  string
	// Mine are the talent's participations in the listing's roles, by
	// role id.
	Mine map[int64]production.Participation
}

// BrowseResult is one page of cards and, when there are more, the cursor
// of the next page.
type BrowseResult struct {
	Cards []BrowseCard
	Next  *BrowseCursor
}

// Browse returns the published listings the talent may apply to, newest
// published first: of their kind (production.KindFor), public or holding
// an invitation of theirs, not past their deadline, narrowed by f. Only
// the conditions f sets are written into the query, so the planner sees
// the real query and walks listings_browse_idx in order for the common
// ones.
func (s *Store) Browse(ctx context.Context, talent domain.Account, f BrowseFilter) (BrowseResult, error) {
	b := s.Batch()
	res := b.Browse(talent, f)
	if err := b.Send(ctx); err != nil {
		return BrowseResult{}, err
	}
	return *res, nil
}

// Browse queues Store.Browse: the page of listings in this round trip,
// their roles and the talent's participations in them in the next.
func (b *Batch) Browse(talent domain.Account, f BrowseFilter) *BrowseResult {
	res := &BrowseResult{}
	kind, ok := production.KindFor(talent.Role)
	if !ok {
		return res
	}
	limit := f.Limit
	if limit <= 0 {
		limit = BrowsePageSize
	}
	sql, args := browseQuery(kind, talent.ID, f, limit+1)
	var cards []BrowseCard
	queueRows(b.b, "store: browse", &cards, func(r pgx.CollectableRow) (BrowseCard, error) {
		var c BrowseCard
		var err error
		c.Listing, err = scanListing(r, &c.ProjectTitle, &c.ProjectType)
		return c, err
	}, sql, args...)
	b.after(func(b *Batch) {
		if len(cards) > limit {
			cards = cards[:limit]
			last := cards[limit-1]
			res.Next = &BrowseCursor{PublishedAt: *last.PublishedAt, ID: last.ID}
		}
		res.Cards = cards
		if !f.CardsOnly {
			b.fillCards(talent.ID, cards)
		}
	})
	return res
}

// fillCards queues the reads of the cards' roles and of the talent's
// participations in them, two queries in one round trip for the whole
// page, and fills the cards in place when they are back.
func (b *Batch) fillCards(talentID int64, cards []BrowseCard) {
	if len(cards) == 0 {
		return
	}
	ids := make([]int64, len(cards))
	for i, c := range cards {
		ids[i] = c.ID
	}
	roles := b.rolesOf(ids)
	mine := b.MyParticipations(talentID, ids)
	b.after(func(*Batch) {
		for i := range cards {
			cards[i].Roles = (*roles)[cards[i].ID]
			cards[i].Mine = map[int64]production.Participation{}
			for _, r := range cards[i].Roles {
				if p, ok := (*mine)[r.ID]; ok {
					cards[i].Mine[r.ID] = p
				}
			}
		}
	})
}

// browseQuery writes Browse's query with only the conditions f sets;
// every value is a parameter.
func browseQuery(kind production.Kind, talentID int64, f BrowseFilter, limit int) (string, []any) {
	args := []any{kind, talentID}
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	where := []string{
		"l.kind = $1",
		"l.status = 'published'",
		"(l.deadline IS NULL OR l.deadline > now())",
		ownerActiveSQL, // slice reports: a suspended producer's listings are hidden
		// A private listing shows to the talent it invited: the invited
		// ids are read once per query, not once per listing.
		"(l.visibility = 'public' OR l.id IN (SELECT pa.listing_id FROM participations pa WHERE pa.talent_id = $2 AND pa.origin = 'invitation' AND pa.state <> 'withdrawn'))",
	}
	if f.Notices {
		where = append(where, "l.category <> 'casting'")
	} else {
		where = append(where, "l.category = 'casting'")
	}
	if f.RoleType != "" && kind == production.CastingCall {
		where = append(where, "EXISTS (SELECT 1 FROM listing_roles r WHERE r.listing_id = l.id AND r.role_type = "+arg(f.RoleType)+")")
	}
	if f.Department != "" && kind == production.JobListing {
		where = append(where, "l.department = "+arg(f.Department))
	}
	if f.Country != "" {
		where = append(where, "l.country = "+arg(f.Country))
	}
	if city := strings.TrimSpace(f.City); city != "" {
		where = append(where, "lower(l.city) LIKE "+arg(likePrefix(strings.ToLower(city))))
	}
	if f.Remote {
		where = append(where, "l.remote")
	}
	if f.PaidOnly {
		// production.Pay.Paid, in SQL.
		where = append(where, "l.pay = 'paid' AND l.pay_amount_cents > 0 AND l.pay_guaranteed")
	}
	if f.ProjectType != "" {
		where = append(where, "p.type = "+arg(f.ProjectType))
	}
	if f.DeadlineAfter != nil {
		where = append(where, "(l.deadline IS NULL OR l.deadline >= "+arg(*f.DeadlineAfter)+")")
	}
	if f.After != nil {
		where = append(where, "(l.published_at, l.id) < ("+arg(f.After.PublishedAt)+", "+arg(f.After.ID)+")")
	}
	sql := `SELECT ` + listingColumns + `, p.title, p.type
		FROM listings l JOIN projects p ON p.id = l.project_id
		WHERE ` + strings.Join(where, "\n\t\t  AND ") + `
		ORDER BY l.published_at DESC, l.id DESC
		LIMIT ` + arg(limit)
	return sql, args
}

// likePrefix is a LIKE pattern matching strings that start with s, its
// wildcards escaped.
func likePrefix(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}

// MyParticipations returns the talent's participations in the listings'
// roles, by role id. It reads only the talent's own rows.
func (s *Store) MyParticipations(ctx context.Context, talentID int64, listingIDs []int64) (map[int64]production.Participation, error) {
	b := s.Batch()
	mine := b.MyParticipations(talentID, listingIDs)
	if err := b.Send(ctx); err != nil {
		return nil, err
	}
	return *mine, nil
}

// MyParticipations queues Store.MyParticipations.
func (b *Batch) MyParticipations(talentID int64, listingIDs []int64) *map[int64]production.Participation {
	out := &map[int64]production.Participation{}
	if len(listingIDs) == 0 {
		return out
	}
	var list []production.Participation
	queueRows(b.b, "store: my participations", &list,
		func(r pgx.CollectableRow) (production.Participation, error) { return scanParticipation(r) },
		`SELECT `+participationColumns+` FROM participations pa
		WHERE pa.talent_id = $1 AND pa.listing_id = ANY($2)`, talentID, listingIDs)
	b.after(func(*Batch) {
		for _, p := range list {
			(*out)[p.RoleID] = p
		}
	})
	return out
}

// CastingForTalent is one listing as a card for the talent's listing
// page: ListingForTalent's rules (their kind, published or closed, a
// private one only when invited; anything else ErrNotFound), with its
// project's title and type and the talent's own participations.
func (s *Store) CastingForTalent(ctx context.Context, talent domain.Account, listingID int64) (BrowseCard, error) {
	l, err := s.ListingForTalent(ctx, talent, listingID)
	if err != nil {
		return BrowseCard{}, err
	}
	c := BrowseCard{Listing: l}
	err = s.pool.QueryRow(ctx, `SELECT title, type FROM projects WHERE id = $1`, l.ProjectID).Scan(&c.ProjectTitle, &c.ProjectType)
	if err != nil {
		return BrowseCard{}, fmt.Errorf("store: listing %d project: %w", listingID, err)
	}
	mine, err := s.MyParticipations(ctx, talent.ID, []int64{l.ID})
	if err != nil {
		return BrowseCard{}, err
	}
	c.Mine = mine
	return c, nil
}
