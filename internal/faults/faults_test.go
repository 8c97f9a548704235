//go:build faults

// Package faults kills worker processes in the middle of a group message
// and checks what every recipient got (`make faults`; too slow for `make
// test`): a real `slate worker` binary, a real SMTP sink, SIGKILL.
package faults

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/reporoot"
	"github.com/slatecasting/slate/internal/testdb"
	"github.com/slatecasting/slate/internal/testsmtp"
	"github.com/slatecasting/slate/jobs/workers"
)

// recipients is the size of the fault test.
const recipients = 5000

// workersPerProcess is each `slate worker`'s River workers: the most
// e-mails one process can have in flight (each job sends one at a time).
const workersPerProcess = 20

var bin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "slate-faults")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	bin = filepath.Join(dir, "slate")
	root, err := reporoot.Find()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	build := exec.Command("go", "build", "-o", bin, "./cmd/slate")
	build.Dir = root
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build slate:", err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// TestAKilledWorkerIsReplaced: one worker, killed a third of the way,
// then another one finishes.
func TestAKilledWorkerIsReplaced(t *testing.T) { faultRun(t, 1) }

// TestTwoWorkersOneKilled: two workers at once, one killed a third of the
// way; the other goes on and a replacement joins.
func TestTwoWorkersOneKilled(t *testing.T) { faultRun(t, 2) }

// newFaultDB is a test database with a store that inserts jobs (for the
// worker processes to run) and an SMTP sink.
func newFaultDB(t *testing.T) (pool *pgxpool.Pool, url string, st *store.Store, sink *testsmtp.Server) {
	t.Helper()
	pool, url = testdb.NewWithURL(t)
	bundle := river.NewWorkers()
	workers.Register(bundle, workers.Deps{})
	inserter, err := river.NewClient(riverpgxv5.New(pool), &river.Config{Workers: bundle})
	if err != nil {
		t.Fatal(err)
	}
	return pool, url, store.New(pool, inserter), testsmtp.Start(t, testsmtp.Options{})
}

func faultRun(t *testing.T, atOnce int) {
	ctx := context.Background()
	pool, url, st, sink := newFaultDB(t)

	producer, listing := closedGroup(t, st, pool, recipients)
	_, err := st.SendGroupMessage(ctx, producer, listing, selected, "fault-test")
	if err != nil {
		t.Fatal(err)
	}
	began := time.Now()
	var procs []*exec.Cmd
	for range atOnce {
		procs = append(procs, startWorker(t, url, sink))
	}
	waitFor(t, pool, 120*time.Second, "a third delivered", `SELECT count(*) >= $1 FROM group_deliveries WHERE state = 'sent'`, recipients/3)
	if err := procs[0].Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = procs[0].Wait()
	// Play River's rescuer, which would wait an hour to take a dead
	// process's running jobs for lost, and the ten minutes after which a
	// claim "sending" is in doubt: the retry then decides.
	if _, err := pool.Exec(ctx, `UPDATE river_job SET state = 'available', scheduled_at = now() WHERE state = 'running'`); err != nil {
		t.Fatal(err)
	}
	if _, err := pool.Exec(ctx, `UPDATE email_deliveries SET updated_at = now() - interval '11 minutes' WHERE state = 'sending'`); err != nil {
		t.Fatal(err)
	}
	procs[0] = startWorker(t, url, sink)
	waitFor(t, pool, 240*time.Second, "every job to end", `SELECT NOT EXISTS (SELECT 1 FROM river_job
		WHERE state IN ('available', 'running', 'retryable', 'scheduled', 'pending'))
		AND NOT EXISTS (SELECT 1 FROM group_deliveries WHERE state = 'pending')`)
	elapsed := time.Since(began)
	for _, p := range procs {
		_ = p.Process.Signal(syscall.SIGTERM)
		_ = p.Wait()
	}

	var notes, people, sent, other int
	err = pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM notifications WHERE kind = 'group_message'),
		(SELECT count(DISTINCT account_id) FROM notifications WHERE kind = 'group_message'),
		(SELECT count(*) FROM email_deliveries WHERE notification_id IS NOT NULL AND state = 'sent'),
		(SELECT count(*) FROM email_deliveries WHERE notification_id IS NOT NULL AND state <> 'sent')`).Scan(&notes, &people, &sent, &other)
	if err != nil {
		t.Fatal(err)
	}
	if notes != recipients || people != recipients {
		t.Errorf("%d group notifications to %d people, want exactly one each for %d", notes, people, recipients)
	}
	if sent != recipients || other != 0 {
		var states string
		_ = pool.QueryRow(ctx, `SELECT string_agg(state || ' ' || reason || ': ' || n, '; ') FROM
			(SELECT state, reason, count(*) n FROM email_deliveries WHERE notification_id IS NOT NULL GROUP BY 1, 2) s`).Scan(&states)
		t.Errorf("e-mails recorded: %d sent, %d otherwise (%s); want all %d sent", sent, other, states, recipients)
	}
	// Exactly once by Message-ID: every address has one message, and a
	// second copy exists only for a mail in flight at the kill (sent
	// again by the retry under the same Message-ID, which a mail store
	// shows once).
	perAddress := map[string]map[string]int{}
	for _, m := range sink.Messages() {
		if perAddress[m.To[0]] == nil {
			perAddress[m.To[0]] = map[string]int{}
		}
		perAddress[m.To[0]][m.MessageID]++
	}
	again := len(sink.Messages()) - sink.Unique()
	for addr, ids := range perAddress {
		if len(ids) != 1 {
			t.Errorf("%s received %d distinct messages, want one", addr, len(ids))
		}
	}
	if len(perAddress) != recipients || sink.Unique() != recipients {
		t.Errorf("sink: %d addresses, %d Message-IDs, want %d each", len(perAddress), sink.Unique(), recipients)
	}
	if again > workersPerProcess {
		t.Errorf("%d mails sent twice: more than the %d a killed process can have in flight", again, workersPerProcess)
	}
	t.Logf("%d recipients with %d worker(s), one killed: %d notifications, %d mails at the sink under %d Message-IDs (%d in flight at the kill sent again), in %v",
		recipients, atOnce, notes, len(sink.Messages()), sink.Unique(), again, elapsed.Round(time.Millisecond))
}

// startWorker runs `slate worker` on the test's database and sink.
func startWorker(t *testing.T, url string, sink *testsmtp.Server) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(bin, "worker")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+url, "SLATE_AUTO_SEED=false", "SLATE_DATA_DIR="+t.TempDir(),
		"SLATE_SECRET=fault-test", "SLATE_LOG_LEVEL=error", "SLATE_WORKERS="+strconv.Itoa(workersPerProcess),
		"SLATE_SMTP_HOST="+sink.Host, "SLATE_SMTP_PORT="+strconv.Itoa(sink.Port), "SLATE_SMTP_TLS=none")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	return cmd
}

// waitFor polls sql (a boolean) until it holds.
func waitFor(t *testing.T, pool *pgxpool.Pool, limit time.Duration, what, sql string, args ...any) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		var ok bool
		if err := pool.QueryRow(context.Background(), sql, args...).Scan(&ok); err != nil {
			t.Fatal(err)
		}
		if ok {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("waited %v for %s", limit, what)
}
