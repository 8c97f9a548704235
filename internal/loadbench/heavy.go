package main

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/internal/demo"
)

// The heavy cases (issue 11): browsing among 20,000 published listings,
// and a producer's applications tab with 5,000 applicants, measured
// through the real HTTP handler after the load table, on rows added to
// the bench database in bulk (INSERT … SELECT generate_series), so the
// table above keeps measuring the demo as a newcomer sees it.

// heavyP95 is the heavy cases' target on this 2-core machine.
const heavyP95 = 30 * time.Millisecond

// Sizes of the heavy data.
const (
	heavyCastingCalls = 20000
	heavyJobListings  = 5000 // beside them, so browsing picks its kind out of more
	heavyApplicants   = 5000
	// laterPageHops is how many "More" links the later page of
	// applicants is away from the first (25 cards a page).
	laterPageHops = 40
)

// heavyKeys are the heavy rows' keys for SLATE_BENCH_PAGES.
var heavyKeys = []string{"browse20k", "browse20k-filter", "people5k", "people5k-later"}

// heavyWanted reports whether the run measures any heavy row; filling the
// data takes a few seconds, skipped when none is asked for.
func heavyWanted(s settings) bool {
	if s.pages == nil {
		return true
	}
	for _, k := range heavyKeys {
		if s.pages[k] {
			return true
		}
	}
	return false
}

// heavySeed are the statements that fill the bench database: a second
// producer's 500 projects holding the listings talent browse (two roles
// each, in several cities, most closing within two months), then 5,000
// performers with a profile and a passed headshot who applied to a
// casting call of the demo producer, newest first a minute apart. $1 is
// the demo producer.
var heavySeed = []string{
	`INSERT INTO accounts (email, name, role, password_hash) VALUES ('bench-producer@bench.slate.test', 'Bench Producer', 'producer', 'x')`,
	`INSERT INTO projects (producer_id, title, type, city, country)
	 SELECT (SELECT id FROM accounts WHERE email = 'bench-producer@bench.slate.test'), 'Bench project ' || g,
		(ARRAY['feature_film','short_film','student_film','tv_series','web_series','commercial','music_video','theatre',
			'dance','photo_shoot','corporate','voice_over','other'])[1 + g % 13], 'Lisbon', 'PT'
	 FROM generate_series(1, 500) g`,
	fmt.Sprintf(`INSERT INTO listings (project_id, producer_id, kind, status, title, description, works_from, city, country, remote,
		pay, pay_amount_cents, pay_currency, pay_unit, pay_guaranteed, unpaid_kind, nudity, student_film, deadline, time_zone,
		visibility, department, position, published_at)
	 SELECT pr.first + g %% 500, pr.producer, CASE WHEN g %% 5 = 0 THEN 'job_listing' ELSE 'casting_call' END, 'published',
		'Bench listing ' || g, 'A listing of the bench: what, when, and what it asks of the people it casts.',
		current_date + 30 + g %% 60,
		(ARRAY['Lisbon','Porto','Madrid','Paris','Berlin','London','Rome','Dublin'])[1 + g %% 8],
		(ARRAY['PT','PT','ES','FR','DE','GB','IT','IE'])[1 + g %% 8], g %% 10 = 1,
		CASE WHEN g %% 3 = 0 THEN 'not_paid' ELSE 'paid' END, CASE WHEN g %% 3 = 0 THEN 0 ELSE 15000 END, 'EUR', 'day',
		g %% 7 <> 0, CASE WHEN g %% 3 = 0 THEN 'deferred' ELSE '' END,
		CASE WHEN g %% 11 = 0 THEN 'partial' ELSE 'none' END, g %% 13 = 0,
		now() + (1 + g %% 60) * interval '1 day', 'Europe/Lisbon', 'public',
		CASE WHEN g %% 5 = 0 THEN (ARRAY['editing','sound','camera','lighting'])[1 + g %% 4] ELSE '' END,
		CASE WHEN g %% 5 = 0 THEN 'Assistant' ELSE '' END,
		now() - g * interval '1 minute'
	 FROM generate_series(1, %d) g,
		(SELECT min(id) AS first, min(producer_id) AS producer FROM projects WHERE title LIKE 'Bench project %%') pr`,
		heavyCastingCalls+heavyJobListings),
	`INSERT INTO listing_roles (listing_id, position, name, role_type, gender, age_min, age_max, openings)
	 SELECT l.id, n, 'Role ' || n, CASE WHEN l.kind = 'casting_call'
		THEN (ARRAY['actor','extra','model','dancer','voice_over','singer','stunt','presenter','other'])[1 + (l.id + n * 4) % 9] ELSE '' END,
		'any', 20 + n * 5, 35 + n * 5, 1
	 FROM listings l, generate_series(1, 2) n WHERE l.title LIKE 'Bench listing %' AND (n = 1 OR l.kind = 'casting_call')`,
	// The demo producer's listing with 5,000 applicants.
	`INSERT INTO projects (producer_id, title, type, city, country) VALUES ($1, 'Bench: a crowded casting', 'feature_film', 'Lisbon', 'PT')`,
	`INSERT INTO listings (project_id, producer_id, kind, status, title, description, city, country, pay, pay_amount_cents,
		pay_currency, pay_unit, pay_guaranteed, nudity, deadline, time_zone, visibility, published_at)
	 SELECT id, $1, 'casting_call', 'published', 'Bench: 5,000 applicants', 'A casting call thousands applied to.', 'Lisbon', 'PT',
		'paid', 20000, 'EUR', 'day', true, 'none', now() + interval '20 days', 'Europe/Lisbon', 'public', now() - interval '10 days'
	 FROM projects WHERE title = 'Bench: a crowded casting' AND producer_id = $1`,
	`INSERT INTO listing_roles (listing_id, position, name, role_type, gender, age_min, age_max, openings)
	 SELECT l.id, n, (ARRAY['Lead','Best friend'])[n], 'actor', 'any', 20, 40, 1
	 FROM listings l, generate_series(1, 2) n WHERE l.title = 'Bench: 5,000 applicants'`,
	fmt.Sprintf(`INSERT INTO accounts (email, name, role, password_hash)
	 SELECT 'applicant' || g || '@bench.slate.test', 'Applicant ' || lpad(g::text, 4, '0'), 'performer', 'x'
	 FROM generate_series(1, %d) g`, heavyApplicants),
	`INSERT INTO profiles (account_id, data, status)
	 SELECT a.id, jsonb_build_object('display_name', a.name, 'playing_age_min', 18 + a.id % 30, 'playing_age_max', 28 + a.id % 30,
		'height_cm', 155 + a.id % 35, 'city', (ARRAY['Lisbon','Porto','Coimbra','Faro','Braga'])[1 + a.id % 5], 'country', 'PT'), 'submitted'
	 FROM accounts a WHERE a.email LIKE 'applicant%@bench.slate.test'`,
	`INSERT INTO photos (account_id, position, is_headshot, content_type, bytes, width, height, status, checked_as, checked_at)
	 SELECT a.id, 1, true, 'image/jpeg', 250000, 1000, 1250, 'passed', 'headshot', now()
	 FROM accounts a WHERE a.email LIKE 'applicant%@bench.slate.test'`,
	`INSERT INTO participations (listing_id, role_id, talent_id, producer_id, origin, state, note, decided_by, decided_at, created_at, updated_at)
	 SELECT r.listing_id, r.id, a.id, $1::bigint, 'application',
		CASE WHEN a.id % 10 = 0 THEN 'accepted' WHEN a.id % 10 = 1 THEN 'rejected' ELSE 'applied' END,
		CASE WHEN a.id % 3 = 0 THEN 'Available all summer; a self-tape is on my profile.' ELSE '' END,
		CASE WHEN a.id % 10 IN (0, 1) THEN $1::bigint END, CASE WHEN a.id % 10 IN (0, 1) THEN now() END,
		now() - row_number() OVER (ORDER BY a.id) * interval '1 minute', now()
	 FROM accounts a
	 JOIN listing_roles r ON r.position = 1 + a.id % 2
		AND r.listing_id = (SELECT id FROM listings WHERE title = 'Bench: 5,000 applicants')
	 WHERE a.email LIKE 'applicant%@bench.slate.test'`,
	`ANALYZE`,
}

// seedHeavy fills the bench database with the heavy cases' rows and
// returns the crowded listing's id.
func seedHeavy(ctx context.Context, dbURL string) (int64, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	var producer int64
	if err := conn.QueryRow(ctx, `SELECT id FROM accounts WHERE lower(email) = lower($1)`, demo.ProducerEmail).Scan(&producer); err != nil {
		return 0, fmt.Errorf("demo producer: %w", err)
	}
	for _, q := range heavySeed {
		var args []any
		if firstParam.MatchString(q) {
			args = []any{producer}
		}
		if _, err := conn.Exec(ctx, q, args...); err != nil {
			return 0, fmt.Errorf("heavy seed: %w\n%s", err, q)
		}
	}
	var listing int64
	var applicants, browsable int
	err = conn.QueryRow(ctx, `SELECT l.id, (SELECT count(*) FROM participations WHERE listing_id = l.id),
		(SELECT count(*) FROM listings WHERE kind = 'casting_call' AND status = 'published' AND deadline > now())
		FROM listings l WHERE l.title = 'Bench: 5,000 applicants'`).Scan(&listing, &applicants, &browsable)
	if err != nil {
		return 0, fmt.Errorf("heavy seed: %w", err)
	}
	if applicants != heavyApplicants || browsable < heavyCastingCalls {
		return 0, fmt.Errorf("heavy seed: %d applicants and %d open casting calls, want %d and %d or more",
			applicants, browsable, heavyApplicants, heavyCastingCalls)
	}
	return listing, nil
}

var firstParam = regexp.MustCompile(`\$1\b`)

var moreLink = regexp.MustCompile(`href="(/listings/\d+/people\?[^"]*after=[^"]*)"`)

// laterPage follows a people tab's "More" link hops times, as a producer
// reading on would, and returns that page's address: a keyset cursor deep
// in the list.
func laterPage(addr, cookie, first string, hops int) (string, error) {
	path := first
	for i := 0; i < hops; i++ {
		req, err := http.NewRequest(http.MethodGet, "http://"+addr+path, nil)
		if err != nil {
			return "", err
		}
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: cookie})
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return "", err
		}
		body, err := readAll(resp)
		if err != nil {
			return "", err
		}
		m := moreLink.FindStringSubmatch(body)
		if m == nil {
			return "", fmt.Errorf("%s: no More link after %d pages (status %d)", first, i, resp.StatusCode)
		}
		path = html.UnescapeString(m[1])
	}
	return path, nil
}

// heavyTargets are the heavy rows.
func heavyTargets(sess sessions, listing int64, later string) []target {
	first := fmt.Sprintf("/listings/%d/people?tab=received", listing)
	return []target{
		{key: "browse20k", name: "GET /castings (20,000 listings)", path: "/castings", cookie: sess.performer},
		{key: "browse20k-filter", name: "GET /castings?role_type=actor&city=Lis", path: "/castings?role_type=actor&city=Lis", cookie: sess.performer},
		{key: "people5k", name: "GET people tab (5,000), first page", path: first, cookie: sess.producer},
		{key: "people5k-later", name: fmt.Sprintf("GET people tab (5,000), page %d", laterPageHops+1), path: later, cookie: sess.producer},
	}
}

// runHeavy fills the heavy data, then measures each heavy row at each of
// the heavy connection counts.
func runHeavy(ctx context.Context, slate *child, dbURL string, sess sessions, s settings) ([]row, error) {
	fmt.Printf("loadbench: adding %d casting calls, %d job listings and %d applicants…\n", heavyCastingCalls, heavyJobListings, heavyApplicants)
	began := time.Now()
	listing, err := seedHeavy(ctx, dbURL)
	if err != nil {
		return nil, err
	}
	fmt.Printf("loadbench: heavy data in %v\n", time.Since(began).Round(time.Millisecond))
	later, err := laterPage(slate.addr, sess.producer, fmt.Sprintf("/listings/%d/people?tab=received", listing), laterPageHops)
	if err != nil {
		return nil, err
	}
	var out []row
	for _, t := range heavyTargets(sess, listing, later) {
		if s.pages != nil && !s.pages[t.key] {
			continue
		}
		if err := check(slate.addr, t); err != nil {
			return nil, err
		}
		for _, conns := range s.heavyConns {
			m, err := measure(slate, t, conns, s, conns == s.heavyConns[len(s.heavyConns)-1])
			if err != nil {
				return nil, err
			}
			fmt.Printf("  %-40s %4d conns  %7.0f req/s  p95 %s\n", t.name, conns, m.res.rps(), ms(m.res.quantile(0.95)))
			out = append(out, m)
		}
	}
	return out, nil
}
