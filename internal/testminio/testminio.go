// Package testminio runs a real MinIO server on 127.0.0.1 for tests of the
// S3 backend, so they exercise the same protocol production does instead
// of a fake.
//
// The binary is, in order: $SLATE_MINIO_BIN; <repo>/.cache/bin/minio,
// where `make test` builds the pinned Version; minio on PATH. When none
// exists it is built once with `go install` into <repo>/.cache/bin (about
// five minutes), under a file lock on <repo>/.cache/minio.lock so test
// packages running in parallel wait for one build instead of starting
// their own.
package testminio

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Version is the MinIO build the tests use; the Makefile pins the same one.
const Version = "v0.0.0-20260212201848-7aac2a2c5b7c"

// readyTimeout bounds how long a server may take to answer its health
// check; MinIO usually needs a second or two.
const readyTimeout = 60 * time.Second

// Server is a running MinIO that accepts the root credentials below.
type Server struct {
	Endpoint  string // host:port, plain http
	AccessKey string
	SecretKey string
}

// Start runs a MinIO server with its own empty data folder for this test
// and stops it when the test ends; on failure the test shows the server's
// output.
func Start(t testing.TB) Server {
	t.Helper()
	bin, err := Binary(t.Logf)
	if err != nil {
		t.Fatalf("testminio: %v", err)
	}
	began := time.Now()
	p, err := launch(bin, t.TempDir())
	if err != nil {
		t.Fatalf("testminio: %v", err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("testminio: MinIO output:\n%s", p.out.String())
		}
		p.stop()
	})
	t.Logf("testminio: MinIO ready on %s in %v", p.srv.Endpoint, time.Since(began).Round(time.Millisecond))
	return p.srv
}

var shared struct {
	main bool // Main is running the tests
	once sync.Once
	dir  string
	p    *process
	err  error
}

// Shared returns one server shared by all the package's tests that call
// it, started on first use; it saves a start per test where tests can
// share a bucket namespace. The package's TestMain must call Main, which
// stops the server after the tests.
func Shared(t testing.TB) Server {
	t.Helper()
	if !shared.main {
		t.Fatal("testminio: Shared needs `func TestMain(m *testing.M) { testminio.Main(m) }`")
	}
	shared.once.Do(func() {
		bin, err := Binary(t.Logf)
		if err != nil {
			shared.err = err
			return
		}
		if shared.dir, shared.err = os.MkdirTemp("", "testminio-*"); shared.err != nil {
			return
		}
		began := time.Now()
		shared.p, shared.err = launch(bin, shared.dir)
		if shared.err == nil {
			t.Logf("testminio: shared MinIO ready on %s in %v", shared.p.srv.Endpoint, time.Since(began).Round(time.Millisecond))
		}
	})
	if shared.err != nil {
		t.Fatalf("testminio: %v", shared.err)
	}
	return shared.p.srv
}

// Main runs the package's tests, then stops the server Shared started and
// removes its data; when tests failed it prints the server's output. Call
// it from TestMain and return.
func Main(m *testing.M) {
	shared.main = true
	code := m.Run()
	if shared.p != nil {
		if code != 0 {
			fmt.Fprintf(os.Stderr, "testminio: shared MinIO output:\n%s\n", shared.p.out.String())
		}
		shared.p.stop()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
}

// process is a started MinIO.
type process struct {
	srv  Server
	cmd  *exec.Cmd
	done chan struct{} // closed once the process has exited
	out  *syncBuffer
}

// launch starts MinIO on free ports with dir as its data folder and waits
// until it is healthy. Ports are picked by binding and releasing them, so
// another process may grab one first; then it tries again with new ones.
func launch(bin, dir string) (*process, error) {
	var err error
	for range 3 {
		var p *process
		if p, err = launchOnce(bin, dir); err == nil {
			return p, nil
		}
		if !strings.Contains(err.Error(), "already in use") { // MinIO: "Specified port is already in use"
			break
		}
	}
	return nil, err
}

// pickPorts is freePorts; tests replace it to provoke a clash.
var pickPorts = freePorts

func launchOnce(bin, dir string) (*process, error) {
	ports, err := pickPorts(2)
	if err != nil {
		return nil, err
	}
	p := &process{
		srv: Server{
			Endpoint:  "127.0.0.1:" + strconv.Itoa(ports[0]),
			AccessKey: "slate-test",
			SecretKey: "slate-test-secret",
		},
		done: make(chan struct{}),
		out:  new(syncBuffer),
	}
	p.cmd = exec.Command(bin, "server", "--quiet",
		"--address", p.srv.Endpoint,
		"--console-address", "127.0.0.1:"+strconv.Itoa(ports[1]),
		dir)
	p.cmd.Env = append(os.Environ(),
		"MINIO_ROOT_USER="+p.srv.AccessKey,
		"MINIO_ROOT_PASSWORD="+p.srv.SecretKey,
		"MINIO_BROWSER=off",
		"MINIO_UPDATE=off",
	)
	p.cmd.Stdout, p.cmd.Stderr = p.out, p.out
	p.cmd.SysProcAttr = sysProcAttr()
	if err := p.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	go func() { _ = p.cmd.Wait(); close(p.done) }()

	client := &http.Client{Timeout: 2 * time.Second}
	health := "http://" + p.srv.Endpoint + "/minio/health/live"
	deadline := time.Now().Add(readyTimeout)
	for {
		if resp, err := client.Get(health); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p, nil
			}
		}
		select {
		case <-p.done:
			return nil, fmt.Errorf("%s exited before it was ready (%v):\n%s", bin, p.cmd.ProcessState, p.out.String())
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("%s was not ready within %v:\n%s", bin, readyTimeout, p.out.String())
		}
	}
}

// stop asks MinIO to shut down and kills it if it has not within ten
// seconds.
func (p *process) stop() {
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(10 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// freePorts returns n distinct ports free on 127.0.0.1 a moment ago.
func freePorts(n int) ([]int, error) {
	var ports []int
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close() // held until all are picked, so they differ
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	return ports, nil
}

// syncBuffer collects MinIO's output, written by exec's copying goroutine
// while the test may read it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<20 { // keep memory bounded; the start is what matters
		return len(p), nil
	}
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() == 0 {
		return "(no output)"
	}
	return b.buf.String()
}
