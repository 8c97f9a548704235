// Package testminio runs a real MinIO server on 127.0.0.1 for tests of
// the S3 backend. The binary comes from SLATE_MINIO_BIN, the repository's
// .cache/bin (where `make test` builds a pinned version), or PATH; when
// none exists it is built once, under a file lock shared by parallel test
// packages.
package testminio

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/slatecasting/slate/internal/reporoot"
)

// Version is the MinIO build the tests use (the Makefile pins the same).
const Version = "v0.0.0-20260212201848-7aac2a2c5b7c"

// Server is a running MinIO.
type Server struct {
	Endpoint  string // host:port
	AccessKey string
	SecretKey string
}

// Start runs a MinIO server with its own data folder for the test and
// stops it when the test ends.
func Start(t testing.TB) Server {
	t.Helper()
	bin, err := binary(t)
	if err != nil {
		t.Fatalf("testminio: %v", err)
	}
	port, console := freePort(t), freePort(t)
	srv := Server{Endpoint: "127.0.0.1:" + strconv.Itoa(port), AccessKey: "slate-test", SecretKey: "slate-test-secret"}
	var out bytes.Buffer
	cmd := exec.Command(bin, "server", "--quiet", "--address", srv.Endpoint,
		"--console-address", "127.0.0.1:"+strconv.Itoa(console), t.TempDir())
	cmd.Env = append(os.Environ(), "MINIO_ROOT_USER="+srv.AccessKey, "MINIO_ROOT_PASSWORD="+srv.SecretKey,
		"MINIO_BROWSER=off", "MINIO_UPDATE=off")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatalf("testminio: start: %v", err)
	}
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	})
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get("http://" + srv.Endpoint + "/minio/health/live")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return srv
			}
		}
		select {
		case <-done:
			t.Fatalf("testminio: minio exited:\n%s", out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("testminio: minio did not become ready in 60 s:\n%s", out.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var buildMu sync.Mutex

// binary finds or builds the minio binary.
func binary(t testing.TB) (string, error) {
	if p := os.Getenv("SLATE_MINIO_BIN"); p != "" {
		return p, nil
	}
	root, err := reporoot.Find()
	if err != nil {
		return "", err
	}
	local := filepath.Join(root, ".cache", "bin", "minio")
	if _, err := os.Stat(local); err == nil {
		return local, nil
	}
	if p, err := exec.LookPath("minio"); err == nil {
		return p, nil
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		return "", err
	}
	lock, err := os.OpenFile(filepath.Join(root, ".cache", "minio.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", err
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		return "", err
	}
	defer syscall.Flock(int(lock.Fd()), syscall.LOCK_UN) //nolint:errcheck
	if _, err := os.Stat(local); err == nil {
		return local, nil // another package built it while we waited
	}
	t.Logf("testminio: building MinIO %s (once, a few minutes)", Version)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "install", "github.com/minio/minio@"+Version)
	cmd.Dir = os.TempDir()
	cmd.Env = append(os.Environ(), "GOBIN="+filepath.Dir(local), "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go install minio: %w\n%s", err, out)
	}
	return local, nil
}

func freePort(t testing.TB) int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}
