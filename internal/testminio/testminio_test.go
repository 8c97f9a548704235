package testminio

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

func TestMain(m *testing.M) { Main(m) }

// TestStart runs a real server, uses it through the S3 API, and checks
// that the test's cleanup stops it.
func TestStart(t *testing.T) {
	var srv Server
	t.Run("running", func(t *testing.T) {
		began := time.Now()
		srv = Start(t)
		t.Logf("Start took %v", time.Since(began).Round(time.Millisecond))
		useS3(t, srv)
	})
	// The subtest's cleanup has run: the server is gone.
	resp, err := (&http.Client{Timeout: 2 * time.Second}).Get("http://" + srv.Endpoint + "/minio/health/live")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("server still answers after cleanup: %s", resp.Status)
	}
}

// TestShared checks that tests calling Shared get one server.
func TestShared(t *testing.T) {
	a := Shared(t)
	var b Server
	t.Run("another test", func(t *testing.T) { b = Shared(t) })
	if a != b {
		t.Fatalf("two shared servers: %+v and %+v", a, b)
	}
	useS3(t, a)
}

func useS3(t *testing.T, srv Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := minio.New(srv.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(srv.AccessKey, srv.SecretKey, "")})
	if err != nil {
		t.Fatal(err)
	}
	bucket := fmt.Sprintf("b-%d", time.Now().UnixNano())
	if err := c.MakeBucket(ctx, bucket, minio.MakeBucketOptions{}); err != nil {
		t.Fatalf("make bucket: %v", err)
	}
	if _, err := c.PutObject(ctx, bucket, "k", strings.NewReader("v"), 1, minio.PutObjectOptions{}); err != nil {
		t.Fatalf("put: %v", err)
	}
	if info, err := c.StatObject(ctx, bucket, "k", minio.StatObjectOptions{}); err != nil || info.Size != 1 {
		t.Fatalf("stat: %+v, %v", info, err)
	}
}

func TestLocate(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	exe := func(p string) string {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		return p
	}
	withCache := filepath.Join(dir, "with-cache")
	cached := exe(cachedPath(withCache))
	noCache := filepath.Join(dir, "no-cache")
	notExecutable := filepath.Join(dir, "not-executable")
	if err := os.MkdirAll(filepath.Dir(cachedPath(notExecutable)), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cachedPath(notExecutable), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	explicit := exe(filepath.Join(dir, "elsewhere", "minio"))
	onPath := exe(filepath.Join(dir, "path", "minio"))

	path := func(string) (string, error) { return onPath, nil }
	noPath := func(string) (string, error) { return "", exec.ErrNotFound }
	env := func(bin string) func(string) string {
		return func(k string) string {
			if k == "SLATE_MINIO_BIN" {
				return bin
			}
			return ""
		}
	}
	for _, tc := range []struct {
		name     string
		getenv   func(string) string
		lookPath func(string) (string, error)
		root     string
		want     string
		wantErr  string
	}{
		{"SLATE_MINIO_BIN first", env(explicit), path, withCache, explicit, ""},
		{"SLATE_MINIO_BIN must exist", env(filepath.Join(dir, "missing")), path, withCache, "", "SLATE_MINIO_BIN"},
		{"then the repository's cache", env(""), path, withCache, cached, ""},
		{"then PATH", env(""), path, noCache, onPath, ""},
		{"a non-executable cache file is skipped", env(""), path, notExecutable, onPath, ""},
		{"else none: build", env(""), noPath, noCache, "", errNoBinary.Error()},
	} {
		got, err := locate(tc.getenv, tc.lookPath, tc.root)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("%s: got %q, %v; want error %q", tc.name, got, err, tc.wantErr)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s: got %q, %v; want %q", tc.name, got, err, tc.want)
		}
	}
}

// fakeGo puts a "go" on PATH that records each call in calls and installs
// a stand-in minio into $GOBIN after a pause.
func fakeGo(t *testing.T) (calls string) {
	bin := t.TempDir()
	calls = filepath.Join(bin, "calls")
	script := fmt.Sprintf(`#!/bin/sh
echo "$@" >> %q
sleep 0.3
printf '#!/bin/sh\necho fake minio\n' > "$GOBIN/minio"
chmod +x "$GOBIN/minio"
`, calls)
	if err := os.WriteFile(filepath.Join(bin, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return calls
}

// TestBuild builds (with a fake go) once while several callers wait.
func TestBuild(t *testing.T) {
	calls := fakeGo(t)
	root := t.TempDir()
	var (
		mu   sync.Mutex
		logs []string
		wg   sync.WaitGroup
	)
	logf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		logs = append(logs, fmt.Sprintf(format, args...))
	}
	got := make([]string, 4)
	errs := make([]error, 4)
	for i := range got {
		wg.Go(func() { got[i], errs[i] = build(root, logf) })
	}
	wg.Wait()
	for i := range got {
		if errs[i] != nil || got[i] != cachedPath(root) {
			t.Fatalf("build #%d = %q, %v", i, got[i], errs[i])
		}
	}
	if out, err := exec.Command(cachedPath(root)).Output(); err != nil || string(out) != "fake minio\n" {
		t.Errorf("built binary says %q, %v", out, err)
	}
	b, err := os.ReadFile(calls)
	if err != nil {
		t.Fatal(err)
	}
	if want := "install github.com/minio/minio@" + Version + "\n"; string(b) != want {
		t.Errorf("go was called with:\n%s\nwant once:\n%s", b, want)
	}
	if left, _ := filepath.Glob(filepath.Join(root, ".cache", "bin", ".build-*")); len(left) > 0 {
		t.Errorf("build folders left: %q", left)
	}
	if !strings.Contains(strings.Join(logs, "\n"), "building "+Version) {
		t.Errorf("no progress logged: %q", logs)
	}
}

// TestBuildWaitsForTheLock: while another process holds the lock, build
// waits, then uses what that process built instead of building again.
func TestBuildWaitsForTheLock(t *testing.T) {
	calls := fakeGo(t)
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, ".cache", "bin"), 0o755); err != nil {
		t.Fatal(err)
	}
	lock, err := os.OpenFile(filepath.Join(root, ".cache", "minio.lock"), os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.Close()
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	waiting := make(chan string, 10)
	done := make(chan error, 1)
	go func() {
		_, err := build(root, func(format string, args ...any) { waiting <- fmt.Sprintf(format, args...) })
		done <- err
	}()
	select {
	case msg := <-waiting:
		if !strings.Contains(msg, "waiting") {
			t.Fatalf("first log: %q", msg)
		}
	case err := <-done:
		t.Fatalf("build returned while the lock was held: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("build neither waited nor returned")
	}
	// "The other process" finishes its build and lets go.
	if err := os.WriteFile(cachedPath(root), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_UN); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(calls); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("go was run although the binary had been built: %v", err)
	}
}

// TestStartRetriesTakenPorts: when another process grabs the port between
// picking and MinIO binding it, Start tries again on new ports.
func TestStartRetriesTakenPorts(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	picks := 0
	pickPorts = func(n int) ([]int, error) {
		picks++
		ports, err := freePorts(n)
		if picks == 1 && err == nil {
			ports[0] = taken.Addr().(*net.TCPAddr).Port
		}
		return ports, err
	}
	defer func() { pickPorts = freePorts }()
	srv := Start(t)
	if picks != 2 || srv.Endpoint == taken.Addr().String() {
		t.Fatalf("picked ports %d times; endpoint %s, taken %s", picks, srv.Endpoint, taken.Addr())
	}
	useS3(t, srv)
}
