package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/testapp"
)

func browseIDs(t *testing.T, st *store.Store, who domain.Account, f store.BrowseFilter) []int64 {
	t.Helper()
	res, err := st.Browse(context.Background(), who, f)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range res.Cards {
		ids = append(ids, c.ID)
	}
	return ids
}

func sameIDs(got []int64, want ...int64) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func TestBrowseShowsTheTalentsOpenListingsNewestFirst(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	tomas := testapp.Talent(t, st, domain.RoleCrew)
	feature := testapp.Project(t, st, ines)
	student, err := st.CreateProject(ctx, ines.ID, production.Project{Title: "Graduation short", Type: "student_film", Remote: true})
	if err != nil {
		t.Fatal(err)
	}
	lisbon := testapp.Listing(t, st, ines, feature, production.CastingCall)
	porto := testapp.Listing(t, st, ines, feature, production.CastingCall, func(l *production.Listing) {
		l.City = "Porto"
		l.Pay = production.Pay{Kind: "not_paid", UnpaidKind: "deferred"}
		l.Roles = []production.Role{{Name: "Dancer", RoleType: "dancer", Gender: "any", Openings: 4}}
	})
	remote := testapp.Listing(t, st, ines, student, production.CastingCall, func(l *production.Listing) {
		l.Remote, l.City, l.Country = true, "", ""
		l.StudentFilm, l.School = true, "ESMAD" // a student film project's listing says so (posting rules)
		l.Roles = []production.Role{{Name: "Narrator", RoleType: "voice_over", Gender: "any", Openings: 1}}
		later := l.Deadline.Add(14 * 24 * time.Hour)
		l.Deadline = &later
	})
	madrid := testapp.Listing(t, st, ines, feature, production.CastingCall, func(l *production.Listing) {
		l.City, l.Country = "Madrid", "ES"
	})
	// Paid but not guaranteed never reads as PAID.
	if _, err := pool.Exec(ctx, `UPDATE listings SET pay_guaranteed = false WHERE id = $1`, madrid.ID); err != nil {
		t.Fatal(err)
	}
	private := testapp.Listing(t, st, ines, feature, production.CastingCall, testapp.Private())
	testapp.Listing(t, st, ines, feature, production.CastingCall, testapp.Draft())
	late := testapp.Listing(t, st, ines, feature, production.CastingCall)
	if _, err := pool.Exec(ctx, `UPDATE listings SET deadline = now() - interval '1 hour' WHERE id = $1`, late.ID); err != nil {
		t.Fatal(err)
	}
	closed := testapp.Listing(t, st, ines, feature, production.CastingCall)
	if _, err := st.TransitionListing(ctx, ines.ID, closed.ID, production.Close); err != nil {
		t.Fatal(err)
	}
	job := testapp.Listing(t, st, ines, feature, production.JobListing)
	sound := testapp.Listing(t, st, ines, student, production.JobListing, func(l *production.Listing) {
		l.Department, l.Position, l.Title = "sound", "Boom operator", "Boom op"
		l.StudentFilm, l.School = true, "ESMAD"
	})

	all := browseIDs(t, st, maya.Account, store.BrowseFilter{})
	if !sameIDs(all, madrid.ID, remote.ID, porto.ID, lisbon.ID) {
		t.Fatalf("a performer browses %v, want the public open casting calls newest first %v", all, []int64{madrid.ID, remote.ID, porto.ID, lisbon.ID})
	}
	if got := browseIDs(t, st, tomas.Account, store.BrowseFilter{}); !sameIDs(got, sound.ID, job.ID) {
		t.Fatalf("crew browse %v, want the job listings only", got)
	}
	if got := browseIDs(t, st, ines.Account, store.BrowseFilter{}); len(got) != 0 {
		t.Fatalf("a producer browses %v", got)
	}
	inv := invite(t, pool, private, private.Roles[0].ID, maya.ID)
	if got := browseIDs(t, st, maya.Account, store.BrowseFilter{}); len(got) != 5 || got[0] != private.ID {
		t.Fatalf("invited, Maya browses %v, want the private casting too", got)
	}

	day := func(d time.Duration) *time.Time { x := time.Now().Add(d); return &x }
	for _, tc := range []struct {
		name string
		who  domain.Account
		f    store.BrowseFilter
		want []int64
	}{
		{"role type", maya.Account, store.BrowseFilter{RoleType: "dancer"}, []int64{porto.ID}},
		{"role type of any role", maya.Account, store.BrowseFilter{RoleType: "actor"}, []int64{private.ID, madrid.ID, lisbon.ID}},
		{"country", maya.Account, store.BrowseFilter{Country: "ES"}, []int64{madrid.ID}},
		{"city prefix in any case", maya.Account, store.BrowseFilter{City: "pOR"}, []int64{porto.ID}},
		{"city wildcards are literal", maya.Account, store.BrowseFilter{City: "%"}, nil},
		{"remote", maya.Account, store.BrowseFilter{Remote: true}, []int64{remote.ID}},
		{"paid only", maya.Account, store.BrowseFilter{PaidOnly: true}, []int64{private.ID, remote.ID, lisbon.ID}},
		{"project type", maya.Account, store.BrowseFilter{ProjectType: "student_film"}, []int64{remote.ID}},
		{"deadline after", maya.Account, store.BrowseFilter{DeadlineAfter: day(10 * 24 * time.Hour)}, []int64{remote.ID}},
		{"together", maya.Account, store.BrowseFilter{Country: "PT", City: "lis", PaidOnly: true, RoleType: "actor"}, []int64{private.ID, lisbon.ID}},
		{"department", tomas.Account, store.BrowseFilter{Department: "sound"}, []int64{sound.ID}},
		{"a role type does not filter job listings", tomas.Account, store.BrowseFilter{RoleType: "dancer"}, []int64{sound.ID, job.ID}},
	} {
		if got := browseIDs(t, st, tc.who, tc.f); !sameIDs(got, tc.want...) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}

	// A card carries its roles, its project, and the talent's own participations.
	if _, err := st.Apply(ctx, maya.Account, lisbon.ID, lisbon.Roles[1].ID, ""); err != nil {
		t.Fatal(err)
	}
	res, _ := st.Browse(ctx, maya.Account, store.BrowseFilter{City: "Lisbon"})
	for _, c := range res.Cards {
		if len(c.Roles) != 2 || c.ProjectTitle != "The Long Night" || c.ProjectType != "feature_film" {
			t.Errorf("card %d: roles %d, project %q %q", c.ID, len(c.Roles), c.ProjectTitle, c.ProjectType)
		}
		switch c.ID {
		case lisbon.ID:
			if len(c.Mine) != 1 || c.Mine[lisbon.Roles[1].ID].State != production.Applied {
				t.Errorf("Lisbon card's participations = %+v", c.Mine)
			}
		case private.ID:
			if c.Mine[private.Roles[0].ID].ID != inv {
				t.Errorf("private card's participations = %+v", c.Mine)
			}
		}
	}
}

func TestBrowsePagesByKeyset(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	l := testapp.Listing(t, st, ines, testapp.Project(t, st, ines), production.CastingCall)
	// 44 more copies of the listing, several sharing a publication time,
	// so the id has to break ties.
	if _, err := pool.Exec(ctx, `
		WITH copies AS (
			INSERT INTO listings (project_id, producer_id, kind, status, title, deadline, visibility, published_at)
			SELECT project_id, producer_id, kind, status, title || ' ' || g, deadline, visibility, published_at - (g / 3) * interval '1 minute'
			FROM listings, generate_series(1, 44) g WHERE id = $1
			RETURNING id)
		INSERT INTO listing_roles (listing_id, position, name, role_type) SELECT id, 1, 'Ana', 'actor' FROM copies`, l.ID); err != nil {
		t.Fatal(err)
	}
	var want []int64
	rows, _ := pool.Query(ctx, `SELECT id FROM listings ORDER BY published_at DESC, id DESC`)
	want, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil || len(want) != 45 {
		t.Fatalf("%d listings, %v", len(want), err)
	}
	var got []int64
	var after *store.BrowseCursor
	for page := 0; ; page++ {
		res, err := st.Browse(ctx, maya.Account, store.BrowseFilter{After: after})
		if err != nil {
			t.Fatal(err)
		}
		if page < 2 && (len(res.Cards) != store.BrowsePageSize || res.Next == nil) {
			t.Fatalf("page %d: %d cards, next %v", page, len(res.Cards), res.Next)
		}
		for _, c := range res.Cards {
			got = append(got, c.ID)
		}
		if res.Next == nil {
			break
		}
		// The cursor survives the trip through the "More" link.
		cur, ok := store.ParseBrowseCursor(res.Next.String())
		if !ok || cur.ID != res.Next.ID || !cur.PublishedAt.Equal(res.Next.PublishedAt) {
			t.Fatalf("cursor %v read back as %v, %v", *res.Next, cur, ok)
		}
		after = &cur
	}
	if !sameIDs(got, want...) {
		t.Fatalf("pages gave %v\nwant %v", got, want)
	}
	for _, bad := range []string{"", "x", "1-", "-1", "12-x", "0-0"} {
		if _, ok := store.ParseBrowseCursor(bad); ok {
			t.Errorf("cursor %q accepted", bad)
		}
	}
}

// TestBrowsePlanAt20000Listings fills a database with 20,000 published
// casting calls (and job listings and drafts beside them) and EXPLAINs
// Browse's own queries: the newest-first pages must walk
// listings_browse_idx in order and stop after a page, not sort the table.
// The plans and timings are logged (go test -v -run BrowsePlan); the test
// asserts on the plan's shape, never on time.
func TestBrowsePlanAt20000Listings(t *testing.T) {
	if testing.Short() {
		t.Skip("fills 20,000 listings")
	}
	t.Parallel()
	ctx := context.Background()
	st, pool := newStore(t)
	ines := testapp.Producer(t, st)
	maya := testapp.Talent(t, st, domain.RolePerformer)
	seed := []string{
		`INSERT INTO projects (producer_id, title, type)
		 SELECT $1, 'Project ' || g, (ARRAY['feature_film','short_film','student_film','tv_series','web_series','commercial',
			'music_video','theatre','dance','photo_shoot','corporate','voice_over','other'])[1 + g % 13]
		 FROM generate_series(1, 500) g`,
		`INSERT INTO listings (project_id, producer_id, kind, status, title, description, city, country, remote, pay,
			pay_amount_cents, pay_currency, pay_unit, pay_guaranteed, unpaid_kind, nudity, deadline, visibility, department,
			position, published_at)
		 SELECT (SELECT min(id) FROM projects) + g % 500, $1,
			CASE WHEN g % 5 = 0 THEN 'job_listing' ELSE 'casting_call' END,
			CASE WHEN g % 25 = 0 THEN 'draft' WHEN g % 40 = 0 THEN 'closed' ELSE 'published' END,
			'Listing ' || g, 'A listing', (ARRAY['Lisbon','Porto','Madrid','Paris','Berlin','London','Rome','Dublin'])[1 + g % 8],
			(ARRAY['PT','PT','ES','FR','DE','GB','IT','IE'])[1 + g % 8], g % 10 = 1,
			CASE WHEN g % 3 = 0 THEN 'not_paid' ELSE 'paid' END, CASE WHEN g % 3 = 0 THEN 0 ELSE 10000 END, 'EUR', 'day',
			g % 7 <> 0, CASE WHEN g % 3 = 0 THEN 'deferred' ELSE '' END, 'none',
			now() + (g % 60 - 5) * interval '1 day', CASE WHEN g % 50 = 0 THEN 'private' ELSE 'public' END,
			CASE WHEN g % 5 = 0 THEN (ARRAY['editing','sound','camera','lighting'])[1 + g % 4] ELSE '' END, '',
			now() - g * interval '1 minute'
		 FROM generate_series(1, 27000) g`,
		`INSERT INTO listing_roles (listing_id, position, name, role_type)
		 SELECT l.id, n, 'Role ' || n, (ARRAY['actor','extra','model','dancer','voice_over','singer','stunt','presenter','other'])[1 + (l.id + n * 4) % 9]
		 FROM listings l, generate_series(1, 2) n`,
		`ANALYZE projects`, `ANALYZE listings`, `ANALYZE listing_roles`, `ANALYZE participations`,
	}
	for _, q := range seed {
		if _, err := pool.Exec(ctx, q, seedArgs(q, ines.ID)...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	var published int
	pool.QueryRow(ctx, `SELECT count(*) FROM listings WHERE status = 'published' AND kind = 'casting_call'`).Scan(&published)
	if published < 20000 {
		t.Fatalf("%d published casting calls, want 20,000 or more", published)
	}
	first, err := st.Browse(ctx, maya.Account, store.BrowseFilter{})
	if err != nil || first.Next == nil {
		t.Fatal(err)
	}
	deep := time.Now().Add(-10 * 24 * time.Hour)
	late := time.Now().Add(53 * 24 * time.Hour)
	for _, tc := range []struct {
		name    string
		f       store.BrowseFilter
		inOrder bool // walks listings_browse_idx without sorting
	}{
		{"first page", store.BrowseFilter{}, true},
		{"next page", store.BrowseFilter{After: first.Next}, true},
		{"deep page", store.BrowseFilter{After: &store.BrowseCursor{PublishedAt: deep, ID: 1 << 40}}, true},
		{"paid, in a country", store.BrowseFilter{PaidOnly: true, Country: "PT"}, true},
		{"city prefix", store.BrowseFilter{City: "ber"}, true},
		{"role type", store.BrowseFilter{RoleType: "dancer"}, true},
		{"remote", store.BrowseFilter{Remote: true}, true},
		{"project type", store.BrowseFilter{ProjectType: "voice_over"}, false},
		{"a city with no listing", store.BrowseFilter{City: "zzz"}, false},
		{"a country with no listing", store.BrowseFilter{Country: "NL"}, true},
		{"closing late", store.BrowseFilter{DeadlineAfter: &late}, false},
		{"remote in a country", store.BrowseFilter{Remote: true, Country: "ES"}, false},
		{"everything", store.BrowseFilter{RoleType: "actor", Country: "FR", City: "par", PaidOnly: true, ProjectType: "theatre"}, false},
	} {
		sql, args := store.BrowseQuery(production.CastingCall, maya.ID, tc.f, store.BrowsePageSize+1)
		rows, err := pool.Query(ctx, "EXPLAIN (ANALYZE, BUFFERS) "+sql, args...)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		lines, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		plan := strings.Join(lines, "\n")
		// Best of five plain runs: what a request waits, without
		// EXPLAIN ANALYZE's own timing overhead.
		best := time.Hour
		for range 5 {
			start := time.Now()
			rows, err := pool.Query(ctx, sql, args...)
			if err != nil {
				t.Fatal(err)
			}
			rows.Close()
			best = min(best, time.Since(start))
		}
		t.Logf("%s: best of 5 %v\n%s", tc.name, best, plan)
		if !strings.Contains(plan, "listings_browse_") {
			t.Errorf("%s: the plan uses none of the browse indexes", tc.name)
		}
		if strings.Contains(plan, "Seq Scan on listings") {
			t.Errorf("%s: the plan reads the whole listings table", tc.name)
		}
		if tc.inOrder && strings.Contains(plan, "Sort") {
			t.Errorf("%s: the plan sorts instead of walking the index in order", tc.name)
		}
	}
}

// seedArgs gives a seed statement its producer parameter when it has one.
func seedArgs(q string, producerID int64) []any {
	if strings.Contains(q, "$1") {
		return []any{producerID}
	}
	return nil
}
