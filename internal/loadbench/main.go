// Command loadbench is Slate's load benchmark (`make bench`): it makes a
// bench database with the demo loaded, starts the real web process and a
// bare Fiber + pgx peer (package peer) as child processes, logs in as the
// demo performer and the demo producer, and drives every logged-in page
// and fragment at 10, 50 and 100 connections, each cell right after a cell
// of the peer so that machine noise hits both. It prints requests a
// second, latencies, the share of the peer's requests a second and the
// target, and the web process's memory at rest and after load. Then it
// adds the heavy cases' rows in bulk (20,000 published casting calls
// beside 5,000 job listings; a casting call with 5,000 applicants) and
// measures browsing them and the producer's applications tab against
// their own target, p95 ≤ 30 ms (heavy.go).
//
// It is a program, not a Go benchmark, so `go test ./...` never runs it.
//
// Settings (environment):
//
//	SLATE_BENCH_DURATION  measured time per cell (default 3s)
//	SLATE_BENCH_WARMUP    warm-up per cell, not measured (default 1s)
//	SLATE_BENCH_CONNS     connection counts (default 10,50,100)
//	SLATE_BENCH_HEAVY_CONNS  the heavy cases' connection counts (default 1,10)
//	SLATE_BENCH_PAGES     rows to run by key (login, performer, profile, meter,
//	                      media, photo, notifications, talent, castings,
//	                      mycastings, messages, thread, projects, people,
//	                      producer, centre, bell, settings, notices, selection,
//	                      moderation, review, reports, outbox, listings,
//	                      listingreview, changes, accounts, compose,
//	                      progress, forgot, signup; the
//	                      heavy browse20k, browse20k-filter, people5k,
//	                      people5k-later; default all)
//	SLATE_BENCH_PPROF     a folder: CPU and allocation profiles of the web
//	                      process are written there for each page's cell at
//	                      the highest connection count
//	SLATE_BENCH_DATABASE_URL  the PostgreSQL server to make the bench
//	                      database on (default TEST_DATABASE_URL, else the
//	                      project-local test cluster)
package main

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/internal/demo"
	"github.com/slatecasting/slate/internal/loadbench/peer"
)

const (
	sessionCookie = "slate_session"
	// The targets, judged at targetConns connections (issue 9).
	targetConns = 100
	targetShare = 0.50
	targetP99   = 50 * time.Millisecond
	// moderatorEmail is the demo moderator (internal/demo's People), who
	// works the validation and reports queues and reads the outbox.
	moderatorEmail = "moderator@demo.slate.test"
)

func main() {
	serveKind := flag.String("serve", "", "run as a child server: slate or peer (used by the bench itself)")
	flag.Parse()
	var err error
	if *serveKind != "" {
		err = serve(*serveKind)
	} else {
		err = run(context.Background())
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// settings are the bench's knobs, from the environment.
type settings struct {
	dur, warm  time.Duration
	conns      []int
	heavyConns []int           // the heavy cases' connection counts
	pages      map[string]bool // nil: all
	pprofDir   string
	pg         *pgMonitor // nil: PostgreSQL's CPU is not measured
}

func readSettings() (settings, error) {
	s := settings{dur: 3 * time.Second, warm: time.Second, conns: []int{10, 50, 100}, heavyConns: []int{1, 10},
		pprofDir: os.Getenv("SLATE_BENCH_PPROF")}
	for k, d := range map[string]*time.Duration{"SLATE_BENCH_DURATION": &s.dur, "SLATE_BENCH_WARMUP": &s.warm} {
		if v := os.Getenv(k); v != "" {
			var err error
			if *d, err = time.ParseDuration(v); err != nil {
				return s, fmt.Errorf("%s: %w", k, err)
			}
		}
	}
	for k, conns := range map[string]*[]int{"SLATE_BENCH_CONNS": &s.conns, "SLATE_BENCH_HEAVY_CONNS": &s.heavyConns} {
		v := os.Getenv(k)
		if v == "" {
			continue
		}
		*conns = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil || n < 1 {
				return s, fmt.Errorf("%s: %q is not a connection count", k, f)
			}
			*conns = append(*conns, n)
		}
	}
	if v := os.Getenv("SLATE_BENCH_PAGES"); v != "" {
		s.pages = map[string]bool{}
		for _, f := range strings.Split(v, ",") {
			s.pages[strings.TrimSpace(f)] = true
		}
	}
	if s.pprofDir != "" {
		if err := os.MkdirAll(s.pprofDir, 0o755); err != nil {
			return s, err
		}
	}
	return s, nil
}

// sessions are the logged-in cookies the rows use: the demo performer's,
// the demo producer's and the demo moderator's.
type sessions struct{ performer, producer, moderator string }

// pages are the rows: every page and fragment that exists. A new page
// adds its line here.
func pages(sess sessions, id ids) []target {
	performer, producer, moderator := sess.performer, sess.producer, sess.moderator
	return []target{
		{key: "login", name: "GET /login (visitor)", path: "/login"},
		{key: "performer", name: "GET /performer", path: "/performer", cookie: performer},
		{key: "profile", name: "GET /profile", path: "/profile", cookie: performer},
		{key: "meter", name: "GET /profile/meter (htmx)", path: "/profile/meter", cookie: performer, htmx: true},
		{key: "media", name: "GET /profile/media", path: "/profile/media", cookie: performer},
		{key: "photo", name: "GET /profile/photos/:id (htmx card)", path: fmt.Sprintf("/profile/photos/%d", id.photo), cookie: performer, htmx: true},
		{key: "notifications", name: "GET /notifications", path: "/notifications", cookie: performer},
		{key: "talent", name: "GET /talent/:id", path: fmt.Sprintf("/talent/%d", id.performer), cookie: performer},
		{key: "castings", name: "GET /castings", path: "/castings", cookie: performer},
		{key: "mycastings", name: "GET /my-castings", path: "/my-castings", cookie: performer},
		{key: "messages", name: "GET /messages", path: "/messages", cookie: performer},
		{key: "thread", name: "GET /messages/:id", path: fmt.Sprintf("/messages/%d", id.thread), cookie: performer},
		{key: "producer", name: "GET /producer (dashboard)", path: "/producer", cookie: producer},
		{key: "projects", name: "GET /projects (producer)", path: "/projects", cookie: producer},
		{key: "people", name: "GET /listings/:id/people (producer)", path: fmt.Sprintf("/listings/%d/people?tab=received", id.castingCall), cookie: producer},
		{key: "centre", name: "GET /notifications?type=castings (filter)", path: "/notifications?type=castings", cookie: performer},
		{key: "bell", name: "GET /notifications/bell (htmx)", path: "/notifications/bell", cookie: performer, htmx: true},
		{key: "settings", name: "GET /settings", path: "/settings", cookie: performer},
		{key: "notices", name: "GET /castings?show=notices", path: "/castings?show=notices", cookie: performer},
		{key: "selection", name: "GET /listings/:id/selection (producer)", path: fmt.Sprintf("/listings/%d/selection", id.closedCall), cookie: producer},
		{key: "moderation", name: "GET /moderation (moderator)", path: "/moderation", cookie: moderator},
		{key: "review", name: "GET /moderation/profiles/:task", path: fmt.Sprintf("/moderation/profiles/%d", id.task), cookie: moderator},
		{key: "reports", name: "GET /moderation/reports", path: "/moderation/reports", cookie: moderator},
		{key: "outbox", name: "GET /admin/outbox (moderator)", path: "/admin/outbox", cookie: moderator},
		{key: "listings", name: "GET /moderation/listings", path: "/moderation/listings", cookie: moderator},
		{key: "listingreview", name: "GET /moderation/listings/:task", path: fmt.Sprintf("/moderation/listings/%d", id.listingTask), cookie: moderator},
		{key: "changes", name: "GET /moderation/changes", path: "/moderation/changes", cookie: moderator},
		{key: "accounts", name: "GET /moderation/accounts?q=demo", path: "/moderation/accounts?q=demo", cookie: moderator},
		{key: "compose", name: "GET /listings/:id/notify (producer)", path: fmt.Sprintf("/listings/%d/notify?group=included", id.closedCall), cookie: producer},
		{key: "progress", name: "GET /listings/:id/notify/:mid (producer)", path: fmt.Sprintf("/listings/%d/notify/%d", id.closedCall, id.groupMessage), cookie: producer},
		{key: "forgot", name: "GET /password/forgot (visitor)", path: "/password/forgot"},
		{key: "signup", name: "GET /signup (visitor)", path: "/signup"},
	}
}

func run(ctx context.Context) error {
	s, err := readSettings()
	if err != nil {
		return err
	}
	admin, err := adminURL(ctx)
	if err != nil {
		return err
	}
	dbURL, err := createDB(ctx, admin)
	if err != nil {
		return err
	}
	defer func() {
		if err := dropDB(context.Background(), admin); err != nil {
			fmt.Fprintln(os.Stderr, "loadbench: drop the bench database:", err)
		}
	}()
	dataDir, err := os.MkdirTemp("", "slate-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dataDir)
	env := map[string]string{
		"DATABASE_URL":           dbURL,
		"SLATE_DATA_DIR":         dataDir,
		"SLATE_ADDR":             "127.0.0.1:0",
		"SLATE_LOG_LEVEL":        "warn",
		"SLATE_BENCH_PEER_EMAIL": demo.PerformerEmail,
	}
	cfg, err := benchConfig(env)
	if err != nil {
		return err
	}
	fmt.Println("loadbench: loading the demo into a fresh database and running its photo checks…")
	if err := seedDemo(ctx, cfg); err != nil {
		return err
	}
	id, err := demoIDs(ctx, dbURL)
	if err != nil {
		return err
	}

	if mon, err := pgx.Connect(ctx, dbURL); err == nil {
		defer mon.Close(context.Background())
		s.pg = &pgMonitor{conn: mon}
	}
	var childEnv []string
	for k, v := range env {
		childEnv = append(childEnv, k+"="+v)
	}
	slate, err := startChild("slate", childEnv)
	if err != nil {
		return err
	}
	defer slate.stop()
	bare, err := startChild("peer", childEnv)
	if err != nil {
		return err
	}
	defer bare.stop()

	rest, restProc, err := slate.mem()
	if err != nil {
		return fmt.Errorf("web process memory: %w", err)
	}
	var sess sessions
	if sess.performer, err = login(slate.addr, demo.PerformerEmail); err != nil {
		return err
	}
	if sess.producer, err = login(slate.addr, demo.ProducerEmail); err != nil {
		return err
	}
	if sess.moderator, err = login(slate.addr, moderatorEmail); err != nil {
		return err
	}
	var rows []target
	for _, p := range pages(sess, id) {
		if s.pages == nil || s.pages[p.key] {
			if err := check(slate.addr, p); err != nil {
				return err
			}
			rows = append(rows, p)
		}
	}
	peerTarget := target{key: "peer", name: "peer: GET " + peer.Path, path: peer.Path}
	if err := check(bare.addr, peerTarget); err != nil {
		return err
	}

	cells := len(s.conns) * (2*len(rows) + 1)
	if len(rows) == 0 {
		cells = 0
	}
	if heavyWanted(s) {
		cells += len(s.heavyConns) * len(heavyKeys)
	}
	fmt.Printf("loadbench: %d cells of %v + %v warm-up (about %v)\n", cells, s.dur, s.warm,
		(time.Duration(cells) * (s.dur + s.warm)).Round(time.Second))
	cpu0, err := readCPU(slate, bare)
	if err != nil {
		return err
	}
	began := time.Now()
	var out []row
	for _, conns := range s.conns {
		if len(rows) == 0 {
			break // only heavy rows asked for
		}
		prev, err := measure(bare, peerTarget, conns, s, false)
		if err != nil {
			return err
		}
		out = append(out, prev)
		for _, p := range rows {
			m, err := measure(slate, p, conns, s, conns == s.conns[len(s.conns)-1])
			if err != nil {
				return err
			}
			next, err := measure(bare, peerTarget, conns, s, false)
			if err != nil {
				return err
			}
			m.peerRPS = (prev.res.rps() + next.res.rps()) / 2
			out = append(out, m, next)
			fmt.Printf("  %-36s %4d conns  %7.0f req/s  p99 %s  (peer %.0f req/s)\n", p.name, conns, m.res.rps(), ms(m.res.quantile(0.99)), m.peerRPS)
			prev = next
		}
	}
	wall := time.Since(began)
	cpu1, err := readCPU(slate, bare)
	if err != nil {
		return err
	}
	loaded, loadedProc, err := slate.mem()
	if err != nil {
		return err
	}
	var heavy []row
	if heavyWanted(s) {
		if heavy, err = runHeavy(ctx, slate, dbURL, sess, s); err != nil {
			return err
		}
	}
	report(os.Stdout, out, targetConns)
	reportHeavy(os.Stdout, heavy)
	reportMemory(os.Stdout, slate.cmd.Process.Pid, [2]memStats{rest, loaded}, [2]procMem{restProc, loadedProc})
	reportCPU(os.Stdout, cpu0, cpu1, wall)
	if s.pprofDir != "" {
		abs, _ := filepath.Abs(s.pprofDir)
		fmt.Printf("\nprofiles of the web process in %s (<page>-cpu, -allocs, -mutex .pprof), e.g.\n  go tool pprof -top -cum %s\n  go tool pprof -sample_index=alloc_space -top %s\n",
			abs, filepath.Join(abs, "profile-cpu.pprof"), filepath.Join(abs, "profile-allocs.pprof"))
	}
	return nil
}

var csrfInput = regexp.MustCompile(`name="_csrf" value="([^"]+)"`)

// login signs a demo account in through the login form, as a browser
// does, and returns the session cookie's value.
func login(addr, email string) (string, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return "", err
	}
	base := "http://" + addr
	client := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	resp, err := client.Get(base + "/login")
	if err != nil {
		return "", fmt.Errorf("login page: %w", err)
	}
	body, err := readAll(resp)
	if err != nil {
		return "", err
	}
	m := csrfInput.FindStringSubmatch(body)
	if m == nil {
		return "", fmt.Errorf("login page: no CSRF token (status %d)", resp.StatusCode)
	}
	form := url.Values{"email": {email}, "password": {demo.Password}, "_csrf": {m[1]}}
	resp, err = client.PostForm(base+"/login", form)
	if err != nil {
		return "", fmt.Errorf("log in: %w", err)
	}
	if _, err := readAll(resp); err != nil {
		return "", err
	}
	u, _ := url.Parse(base)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == sessionCookie {
			return ck.Value, nil
		}
	}
	return "", fmt.Errorf("log in as %s: no session cookie (status %d at %s)", email, resp.StatusCode, resp.Request.URL.Path)
}

// check fetches a target once and refuses to measure anything but a 200:
// a redirect to the login page would be a fast, meaningless row.
func check(addr string, t target) error {
	req, err := http.NewRequest(http.MethodGet, "http://"+addr+t.path, nil)
	if err != nil {
		return err
	}
	if t.cookie != "" {
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: t.cookie})
	}
	if t.htmx {
		req.Header.Set("HX-Request", "true")
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", t.name, err)
	}
	body, err := readAll(resp)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d, want 200 (Location %q)", t.name, resp.StatusCode, resp.Header.Get("Location"))
	}
	if t.htmx && strings.Contains(body, "<html") {
		return fmt.Errorf("%s: a whole page came back for an htmx request", t.name)
	}
	return nil
}
