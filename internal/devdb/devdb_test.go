package devdb_test

import (
	"context"
	"net"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/slatecasting/slate/internal/devdb"
)

// The settings that decide whether a crash can lose committed data.
var durabilityNames = []string{"fsync", "synchronous_commit", "full_page_writes"}

func TestClustersHaveTheirOwnFolderAndPort(t *testing.T) {
	if run, test := devdb.New(".data").Dir, devdb.NewTest(".data").Dir; run != ".data/pg" || test != ".data/pgtest" {
		t.Errorf("folders = %s and %s, want .data/pg and .data/pgtest", run, test)
	}
	for _, tc := range []struct {
		name, runEnv, testEnv string
		run, test             int
	}{
		{"defaults", "", "", devdb.Port, devdb.Port + 1},
		{"moving the run port moves the test port", "54339", "", 54339, 54340},
		{"both set", "54339", "54350", 54339, 54350},
		{"garbage is ignored", "x", "-1", devdb.Port, devdb.Port + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("SLATE_PG_PORT", tc.runEnv)
			t.Setenv("SLATE_PG_TEST_PORT", tc.testEnv)
			if got := devdb.New("d").Port; got != tc.run {
				t.Errorf("run port = %d, want %d", got, tc.run)
			}
			if got := devdb.NewTest("d").Port; got != tc.test {
				t.Errorf("test port = %d, want %d", got, tc.test)
			}
		})
	}
}

func TestRunClusterIsDurable(t *testing.T) {
	t.Parallel()
	c := cluster(t, devdb.New(t.TempDir()))
	url := ensure(t, c, "slate")
	assertSettings(t, url, "on")
}

func TestTestClusterIsFast(t *testing.T) {
	t.Parallel()
	c := cluster(t, devdb.NewTest(t.TempDir()))
	url := ensure(t, c, "postgres")
	assertSettings(t, url, "off")
}

// An older Slate started the run cluster with the test shortcuts; the
// next `make run` must restart it durable, and only once.
func TestRunClusterStartedFastIsRestartedDurable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	old := cluster(t, devdb.New(dir))
	old.Settings = devdb.NewTest(dir).Settings
	assertSettings(t, ensure(t, old, "slate"), "off")

	c := devdb.New(dir)
	c.Port, c.Log = old.Port, t.Logf
	url := ensure(t, c, "slate")
	assertSettings(t, url, "on")

	started := startTime(t, url)
	ensure(t, c, "slate")
	if again := startTime(t, url); !again.Equal(started) {
		t.Fatalf("a durable cluster was restarted again (started %v, then %v)", started, again)
	}
}

// cluster moves c to a free port and stops it when the test ends.
func cluster(t *testing.T, c *devdb.Cluster) *devdb.Cluster {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	c.Port = ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	c.Log = t.Logf
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := c.Stop(ctx); err != nil {
			t.Errorf("stop: %v", err)
		}
	})
	return c
}

func ensure(t *testing.T, c *devdb.Cluster, name string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	url, err := c.Ensure(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// assertSettings reads the durability settings back from the server.
func assertSettings(t *testing.T, url, want string) {
	t.Helper()
	conn := connect(t, url)
	for _, name := range durabilityNames {
		var got string
		if err := conn.QueryRow(context.Background(), "SHOW "+name).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("SHOW %s = %s, want %s", name, got, want)
		}
	}
}

func startTime(t *testing.T, url string) time.Time {
	t.Helper()
	var at time.Time
	if err := connect(t, url).QueryRow(context.Background(), "SELECT pg_postmaster_start_time()").Scan(&at); err != nil {
		t.Fatal(err)
	}
	return at
}

func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}
