// Package testdb gives each test its own fresh, migrated PostgreSQL
// database: TEST_DATABASE_URL's server when set, otherwise the
// project-local test cluster (devdb.NewTest: .data/pgtest, fsync off), never
// the durable one `make run` keeps its data in. Databases are cloned from a
// template migrated once per schema version, so a new one costs a few
// hundred milliseconds, and are dropped when the test ends.
package testdb

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/slatecasting/slate/internal/devdb"
	"github.com/slatecasting/slate/internal/reporoot"
	"github.com/slatecasting/slate/migrations"
)

// templateLock serialises template creation across test processes.
const templateLock = 0x7e57db

// New returns a pool on a new database with every migration applied.
func New(t testing.TB) *pgxpool.Pool {
	t.Helper()
	pool, _ := NewWithURL(t)
	return pool
}

// NewWithURL is New that also returns the database's URL, for code that
// opens its own connections.
func NewWithURL(t testing.TB) (*pgxpool.Pool, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	admin := adminURL(t, ctx)
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		t.Fatalf("testdb: connect: %v", err)
	}
	defer conn.Close(context.Background())

	tmpl, err := ensureTemplate(ctx, conn, admin)
	if err != nil {
		t.Fatalf("testdb: template: %v", err)
	}
	name := "t_" + randomHex(8)
	if _, err := conn.Exec(ctx, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, tmpl)); err != nil {
		t.Fatalf("testdb: create database: %v", err)
	}
	dbURL := withDatabase(t, admin, name)
	pool, err := pgxpool.New(ctx, dbURL)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(func() {
		pool.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, admin)
		if err != nil {
			t.Logf("testdb: drop %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("testdb: drop %s: %v", name, err)
		}
	})
	return pool, dbURL
}

// adminURL is a connection that may create databases.
func adminURL(t testing.TB, ctx context.Context) string {
	if u := os.Getenv("TEST_DATABASE_URL"); u != "" {
		return u
	}
	root, err := reporoot.Find()
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	u, err := devdb.NewTest(filepath.Join(root, ".data")).Ensure(ctx, "postgres")
	if err != nil {
		t.Fatalf("testdb: local PostgreSQL: %v", err)
	}
	return u
}

// ensureTemplate creates the template database for the current migrations
// once; it is built under another name and renamed, so a crash never
// leaves a half-migrated template behind.
func ensureTemplate(ctx context.Context, conn *pgx.Conn, admin string) (string, error) {
	all, err := migrations.All()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range all {
		io.WriteString(h, m.Name+m.SQL)
	}
	name := "slate_tmpl_" + hex.EncodeToString(h.Sum(nil))[:12]

	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", templateLock); err != nil {
		return "", err
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", templateLock) //nolint:errcheck
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	building := name + "_building"
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+building+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	u, err := replaceDatabase(admin, building)
	if err != nil {
		return "", err
	}
	pool, err := pgxpool.New(ctx, u)
	if err != nil {
		return "", err
	}
	err = migrations.Up(ctx, pool, slog.New(slog.NewTextHandler(io.Discard, nil)))
	pool.Close()
	if err != nil {
		return "", err
	}
	if _, err := conn.Exec(ctx, fmt.Sprintf("ALTER DATABASE %s RENAME TO %s", building, name)); err != nil {
		return "", err
	}
	return name, nil
}

func withDatabase(t testing.TB, admin, name string) string {
	u, err := replaceDatabase(admin, name)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	return u
}

// replaceDatabase points a postgres:// URL at another database, keeping
// the host, credentials and parameters.
func replaceDatabase(raw, name string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", fmt.Errorf("TEST_DATABASE_URL must be a postgres:// URL")
	}
	u.Path = "/" + name
	return u.String(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
