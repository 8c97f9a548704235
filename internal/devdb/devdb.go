// Package devdb brings up a project-local PostgreSQL cluster for `make run`
// and the tests when no DATABASE_URL is configured: initdb and pg_ctl from
// the system's PostgreSQL, a cluster in a git-ignored folder, reused across
// runs. It never touches a database it did not create.
package devdb

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// Port is the local cluster's port: off the default 5432 so it never
// collides with a system PostgreSQL.
const Port = 54329

// superuser owns the local cluster; it needs no password because the
// cluster only listens on loopback and a socket inside the project folder.
const superuser = "slate"

// Cluster is a local PostgreSQL cluster under Dir.
type Cluster struct {
	Dir    string // the data directory (<data dir>/pg)
	BinDir string // where initdb and pg_ctl live
	Port   int
	Log    func(format string, args ...any)
}

// New describes the cluster kept under dataDir/pg; call Ensure to start it.
// SLATE_PG_PORT overrides the port, for two checkouts on one machine.
func New(dataDir string) *Cluster {
	port := Port
	if p, err := strconv.Atoi(os.Getenv("SLATE_PG_PORT")); err == nil && p > 0 {
		port = p
	}
	return &Cluster{Dir: filepath.Join(dataDir, "pg"), Port: port, Log: func(string, ...any) {}}
}

// URL is the connection string for database name in this cluster.
func (c *Cluster) URL(name string) string {
	return fmt.Sprintf("postgres://%s@127.0.0.1:%d/%s?sslmode=disable", superuser, c.Port, name)
}

// Ensure initialises the cluster if needed, starts it if it is not running
// and creates database name. It is safe to call from several processes at
// once (test packages run in parallel): a file lock serialises them.
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
	switch dir, err := c.runningDir(ctx); {
	case err != nil:
		if err := c.start(ctx); err != nil {
			return "", err
		}
	case !sameDir(dir, c.Dir):
		return "", fmt.Errorf("devdb: port %d already serves the cluster in %s, not %s: stop it or set SLATE_PG_PORT", c.Port, dir, c.Dir)
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
	if _, err := c.runningDir(ctx); err != nil {
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
	opts := fmt.Sprintf("-p %d -c listen_addresses=127.0.0.1 -k %s -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", c.Port, c.Dir)
	return c.pg(ctx, "pg_ctl", "start", "-D", c.Dir, "-l", logFile, "-o", opts, "-w", "-t", "60")
}

// runningDir returns the data directory of the server answering on our
// port, or an error when none answers.
func (c *Cluster) runningDir(ctx context.Context) (string, error) {
	conn, err := pgx.Connect(ctx, c.URL("postgres"))
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	var dir string
	err = conn.QueryRow(ctx, "SHOW data_directory").Scan(&dir)
	return dir, err
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
