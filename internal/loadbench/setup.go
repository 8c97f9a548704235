package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/demo"
	"github.com/slatecasting/slate/internal/devdb"
	"github.com/slatecasting/slate/internal/platform"
	"github.com/slatecasting/slate/internal/reporoot"
	"github.com/slatecasting/slate/migrations"
)

// benchDB is the bench's own database: dropped and made again at each run,
// so a crashed run leaves nothing that the next one trips over. Its name
// carries a digest of the checkout's path, so benches of two worktrees on
// one shared server never drop each other's database mid-run.
var benchDB = func() string {
	root, err := reporoot.Find()
	if err != nil {
		return "slate_bench"
	}
	sum := sha256.Sum256([]byte(root))
	return "slate_bench_" + hex.EncodeToString(sum[:4])
}()

// adminURL is a server the bench may create a database on:
// SLATE_BENCH_DATABASE_URL, else TEST_DATABASE_URL (the tests' server),
// else the project-local test cluster (.data/pgtest, fsync off), never the
// durable one `make run` keeps a newcomer's data in. The bench database
// lives for one run, as a test's does.
func adminURL(ctx context.Context) (string, error) {
	for _, k := range []string{"SLATE_BENCH_DATABASE_URL", "TEST_DATABASE_URL"} {
		if u := os.Getenv(k); u != "" {
			return u, nil
		}
	}
	root, err := reporoot.Find()
	if err != nil {
		return "", err
	}
	return devdb.NewTest(filepath.Join(root, ".data")).Ensure(ctx, "postgres")
}

// createDB drops and creates the bench database and returns its URL.
func createDB(ctx context.Context, admin string) (string, error) {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return "", fmt.Errorf("connect %s: %w", admin, err)
	}
	defer conn.Close(ctx)
	for _, q := range []string{"DROP DATABASE IF EXISTS " + benchDB + " WITH (FORCE)", "CREATE DATABASE " + benchDB} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return "", fmt.Errorf("%s: %w", q, err)
		}
	}
	u, err := url.Parse(admin)
	if err != nil {
		return "", fmt.Errorf("database url: %w", err)
	}
	u.Path = "/" + benchDB
	return u.String(), nil
}

// dropDB removes the bench database at the end of a run.
func dropDB(ctx context.Context, admin string) error {
	conn, err := pgx.Connect(ctx, admin)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "DROP DATABASE IF EXISTS "+benchDB+" WITH (FORCE)")
	return err
}

// benchConfig is the configuration the setup reads: the bench's settings
// over the process environment, as the child servers read it.
func benchConfig(env map[string]string) (config.Config, error) {
	return config.Load(func(k string) string {
		if v, ok := env[k]; ok {
			return v
		}
		return os.Getenv(k)
	})
}

// seedDemo migrates the bench database, loads the demo with the production
// password cost (the bench logs in once) and runs the workers until every
// job the demo queued is done, so the photo cards show real check reports
// and the notifications page has the notices the checks wrote.
func seedDemo(ctx context.Context, cfg config.Config) error {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	pool, err := platform.OpenPool(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	if err := migrations.Up(ctx, pool, quiet); err != nil {
		pool.Close()
		return err
	}
	p, err := platform.Build(ctx, cfg, pool, quiet, platform.Options{Workers: true, RiverPollInterval: 100 * time.Millisecond})
	if err != nil {
		pool.Close()
		return err
	}
	defer func() {
		sctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		_ = p.Shutdown(sctx)
	}()
	if _, err := demo.Seed(ctx, p.Store, p.Objects, auth.DefaultParams); err != nil {
		return err
	}
	if err := p.Start(ctx); err != nil {
		return err
	}
	deadline := time.Now().Add(5 * time.Minute)
	for {
		var pending int
		err := pool.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM photos WHERE status = 'pending') +
			(SELECT count(*) FROM river_job WHERE state IN ('available', 'running', 'retryable', 'pending'))`).Scan(&pending)
		if err != nil {
			return fmt.Errorf("wait for the demo's jobs: %w", err)
		}
		if pending == 0 {
			// A database in service has its statistics and visibility map
			// kept by autovacuum; a fresh one would be planned blind and
			// answer counts from the heap until autovacuum came by, in
			// the middle of some cell.
			if _, err := pool.Exec(ctx, `VACUUM ANALYZE`); err != nil {
				return fmt.Errorf("vacuum the demo: %w", err)
			}
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the demo's jobs are not done after 5 minutes (%d left)", pending)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// ids are the demo rows the bench's URLs name.
type ids struct {
	performer   int64
	photo       int64
	thread      int64 // the demo performer's thread with the producer
	castingCall int64 // the demo producer's casting call with applicants
	closedCall  int64 // the demo producer's closed casting call (final selection)
	task        int64 // an open profile review task in the moderator's queue
	listingTask int64 // the open listing review task (the demo's listing in review)
	// groupMessage is the group message the demo sent to the closed
	// casting's included (its progress page).
	groupMessage int64
}

func demoIDs(ctx context.Context, dbURL string) (ids, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return ids{}, err
	}
	defer conn.Close(ctx)
	var v ids
	err = conn.QueryRow(ctx, `SELECT a.id, p.id FROM accounts a JOIN photos p ON p.account_id = a.id
		WHERE lower(a.email) = lower($1) ORDER BY p.is_headshot DESC, p.position LIMIT 1`, demo.PerformerEmail).Scan(&v.performer, &v.photo)
	if err != nil {
		return ids{}, fmt.Errorf("demo performer and photo: %w", err)
	}
	if err := conn.QueryRow(ctx, `SELECT id FROM threads WHERE talent_id = $1 ORDER BY id LIMIT 1`, v.performer).Scan(&v.thread); err != nil {
		return ids{}, fmt.Errorf("demo performer's thread: %w", err)
	}
	if err := conn.QueryRow(ctx, `SELECT id FROM listings WHERE title = $1`, demo.SaltCall).Scan(&v.castingCall); err != nil {
		return ids{}, fmt.Errorf("demo casting call %q: %w", demo.SaltCall, err)
	}
	if err := conn.QueryRow(ctx, `SELECT id FROM listings WHERE title = $1`, demo.HarbourClosed).Scan(&v.closedCall); err != nil {
		return ids{}, fmt.Errorf("demo casting call %q: %w", demo.HarbourClosed, err)
	}
	if err := conn.QueryRow(ctx, `SELECT id FROM moderation_tasks WHERE subject = 'profile' AND decided_at IS NULL
		ORDER BY due_at LIMIT 1`).Scan(&v.task); err != nil {
		return ids{}, fmt.Errorf("demo open review task: %w", err)
	}
	if err := conn.QueryRow(ctx, `SELECT id FROM moderation_tasks WHERE subject = 'listing' AND decided_at IS NULL
		ORDER BY due_at LIMIT 1`).Scan(&v.listingTask); err != nil {
		return ids{}, fmt.Errorf("demo open listing review task: %w", err)
	}
	if err := conn.QueryRow(ctx, `SELECT id FROM group_messages WHERE listing_id = $1 ORDER BY id LIMIT 1`,
		v.closedCall).Scan(&v.groupMessage); err != nil {
		return ids{}, fmt.Errorf("demo group message to %q: %w", demo.HarbourClosed, err)
	}
	return v, nil
}
