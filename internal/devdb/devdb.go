// Package devdb brings up the project-local PostgreSQL clusters when no
// database URL is configured: one for `make run` and one for the tests,
// each in its own git-ignored folder under the data dir and on its own
// port, reused across runs. It never touches a database it did not create.
//
// The two clusters differ in durability only. The run cluster (New,
// <data>/pg) keeps PostgreSQL's durable defaults, because it holds a
// newcomer's work and a crashed laptop must not lose or corrupt it. The
// test cluster (NewTest, <data>/pgtest) turns fsync, synchronous_commit and
// full_page_writes off: its databases live for one test, and the shortcuts
// make creating and filling them much faster.
//
// Those settings are passed as -c options each time a cluster starts and
// are never written to a config file, so the command line, which outranks
// postgresql.conf and postgresql.auto.conf, decides them. Ensure reads them
// back from a cluster it finds already running and, when they differ,
// stops it and starts it again with the right ones. That is how a run
// cluster started by an older Slate with fsync off becomes durable: ALTER
// SYSTEM could not do it, since a setting given on the command line
// outranks postgresql.auto.conf, and `pg_ctl restart` would reuse the old
// options it saved in postmaster.opts. The restart drops whatever else is
// connected at that moment; it happens once, at the first start after the
// settings changed, and never between two Slates that agree on them.
package devdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Port is the run cluster's port: off the default 5432 so it never
// collides with a system PostgreSQL. The test cluster listens on the next
// one.
const Port = 54329

// superuser owns the local clusters; it needs no password because a
// cluster only listens on loopback and a socket inside the project folder.
const superuser = "slate"

// Setting is one server parameter a cluster is started with.
type Setting struct{ Name, Value string }

// durable spells out PostgreSQL's own defaults, so the command line pins
// them whatever a config file says.
func durable() []Setting {
	return []Setting{{"fsync", "on"}, {"synchronous_commit", "on"}, {"full_page_writes", "on"}}
}

// fast trades crash safety for speed, for databases that live one test.
func fast() []Setting {
	return []Setting{{"fsync", "off"}, {"synchronous_commit", "off"}, {"full_page_writes", "off"}}
}

// Cluster is a local PostgreSQL cluster under Dir.
type Cluster struct {
	Dir    string // the data directory (<data dir>/pg or <data dir>/pgtest)
	BinDir string // where initdb and pg_ctl live
	Port   int
	// Settings are given to the server at start and checked on a server
	// found running; values are spelled as SHOW prints them.
	Settings []Setting
	Log      func(format string, args ...any)
}

// New describes the run cluster kept under dataDir/pg, durable; call
// Ensure to start it. SLATE_PG_PORT overrides its port, for two checkouts
// on one machine.
func New(dataDir string) *Cluster {
	return &Cluster{Dir: filepath.Join(dataDir, "pg"), Port: runPort(), Settings: durable(), Log: func(string, ...any) {}}
}

// NewTest describes the test cluster kept under dataDir/pgtest, fast and
// not crash-safe. Its port is SLATE_PG_TEST_PORT, or the run cluster's
// port plus one, so a checkout that moves SLATE_PG_PORT moves both.
func NewTest(dataDir string) *Cluster {
	return &Cluster{Dir: filepath.Join(dataDir, "pgtest"), Port: testPort(), Settings: fast(), Log: func(string, ...any) {}}
}

func runPort() int { return envPort("SLATE_PG_PORT", Port) }

func testPort() int { return envPort("SLATE_PG_TEST_PORT", runPort()+1) }

func envPort(name string, def int) int {
	if p, err := strconv.Atoi(os.Getenv(name)); err == nil && p > 0 {
		return p
	}
	return def
}

// URL is the connection string for database name in this cluster.
func (c *Cluster) URL(name string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", superuser, c.Port, name)
}

// Ensure initialises the cluster if needed, starts it if it is not running
// (or restarts it if it runs with other settings) and creates database
// name. It is safe to call from several processes at once (test packages
// run in parallel): a file lock serialises them.
func (c *Cluster) Ensure(ctx context.Context, name string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(c.Dir), 0o755); err != nil {
		return "", fmt.Errorf("devdb: %w", err)
	}
	unlock, err := lockFile(c.Dir + ".lock")
	if err != nil {
		return "", err
	}
	defer unlock()

	if c.BinDir == "" {
		if c.BinDir, err = findBinDir(c.Log); err != nil {
			return "", err
		}
	}
	if _, err := os.Stat(filepath.Join(c.Dir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := c.initdb(ctx); err != nil {
			return "", err
		}
	}
	switch srv, err := c.running(ctx); {
	case err != nil:
		if err := c.start(ctx); err != nil {
			return "", err
		}
	case !sameDir(srv.dir, c.Dir):
		return "", fmt.Errorf("devdb: port %d already serves the cluster in %s, not %s: stop it or set SLATE_PG_PORT / SLATE_PG_TEST_PORT", c.Port, srv.dir, c.Dir)
	case len(srv.wrong) > 0:
		c.Log("PostgreSQL in %s runs with %s: restarting it with %s", c.Dir, strings.Join(srv.wrong, ", "), c.settingList())
		if err := c.pg(ctx, "pg_ctl", "stop", "-D", c.Dir, "-m", "fast", "-w"); err != nil {
			return "", err
		}
		if err := c.start(ctx); err != nil {
			return "", err
		}
		// A role or database setting (ALTER ROLE ... SET) outranks the
		// command line for synchronous_commit; say so rather than restart
		// on every run.
		if srv, err := c.running(ctx); err != nil || len(srv.wrong) > 0 {
			return "", fmt.Errorf("devdb: PostgreSQL in %s still runs with %s after a restart (a role or database setting?): %v", c.Dir, strings.Join(srv.wrong, ", "), err)
		}
	}
	if err := c.createDatabase(ctx, name); err != nil {
		return "", err
	}
	return c.URL(name), nil
}

// Stop shuts the cluster down (fast mode), if it runs.
func (c *Cluster) Stop(ctx context.Context) error {
	if c.BinDir == "" {
		var err error
		if c.BinDir, err = findBinDir(c.Log); err != nil {
			return err
		}
	}
	if _, err := c.running(ctx); err != nil {
		return nil
	}
	return c.pg(ctx, "pg_ctl", "stop", "-D", c.Dir, "-m", "fast", "-w")
}

func (c *Cluster) initdb(ctx context.Context) error {
	c.Log("creating a local PostgreSQL cluster in %s", c.Dir)
	if err := os.MkdirAll(c.Dir, 0o700); err != nil {
		return fmt.Errorf("devdb: %w", err)
	}
	if err := c.chownForPostgres(c.Dir); err != nil {
		return err
	}
	if err := c.letPostgresIn(ctx); err != nil {
		return err
	}
	return c.pg(ctx, "initdb", "-D", c.Dir, "-U", superuser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions")
}

func (c *Cluster) start(ctx context.Context) error {
	c.Log("starting PostgreSQL on 127.0.0.1:%d", c.Port)
	logFile := filepath.Join(c.Dir, "server.log")
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -k %s -c max_connections=200", c.Port, c.Dir)
	for _, s := range c.Settings {
		opts += fmt.Sprintf(" -c %s=%s", s.Name, s.Value)
	}
	return c.pg(ctx, "pg_ctl", "start", "-D", c.Dir, "-l", logFile, "-o", opts, "-w", "-t", "60")
}

// settingList spells the settings as name=value, for messages.
func (c *Cluster) settingList() string {
	var b strings.Builder
	for i, s := range c.Settings {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(s.Name + "=" + s.Value)
	}
	return b.String()
}

// server is what a running server says about itself.
type server struct {
	dir   string   // its data directory
	wrong []string // the settings it runs with that differ from ours, as name=value
}

// running asks the server answering on our port for its data directory
// and settings; it returns an error when none answers.
func (c *Cluster) running(ctx context.Context) (server, error) {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return server{}, err
	}
	defer conn.Close(ctx)
	var srv server
	if err := conn.QueryRow(ctx, "SHOW data_directory").Scan(&srv.dir); err != nil {
		return server{}, fmt.Errorf("devdb: %w", err)
	}
	for _, s := range c.Settings {
		var v string
		if err := conn.QueryRow(ctx, "SELECT current_setting($1)", s.Name).Scan(&v); err != nil {
			return server{}, fmt.Errorf("devdb: setting %s: %w", s.Name, err)
		}
		if v != s.Value {
			srv.wrong = append(srv.wrong, s.Name+"="+v)
		}
	}
	return srv, nil
}

func sameDir(a, b string) bool {
	ra, errA := filepath.EvalSymlinks(a)
	rb, errB := filepath.EvalSymlinks(b)
	if errA != nil || errB != nil {
		return filepath.Clean(a) == filepath.Clean(b)
	}
	return ra == rb
}

func (c *Cluster) createDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return fmt.Errorf("devdb: connect: %w", err)
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return fmt.Errorf("devdb: %w", err)
	}
	if exists {
		return nil
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return fmt.Errorf("devdb: create database %s: %w", name, err)
	}
	return nil
}
