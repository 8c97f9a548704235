package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/loadbench/peer"
	"github.com/slatecasting/slate/internal/platform"
)

// Each server runs in a child process of this binary (`-serve slate` or
// `-serve peer`), so its CPU profile, heap and RSS are its own and not the
// load generator's. A child listens on a random port, serves pprof and its
// memory figures on a second one, prints both addresses on one line and
// runs until its stdin closes, so it never outlives the bench.

// serve runs one child server: "slate" (the real web process, built as
// `slate web` builds it, from the environment) or "peer".
func serve(kind string) error {
	ctx := context.Background()
	if os.Getenv("SLATE_BENCH_PPROF") != "" {
		// Sample lock contention, for the mutex profile; off otherwise,
		// as in production.
		runtime.SetMutexProfileFraction(5)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	pool, err := platform.OpenPool(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	var app *fiber.App
	switch kind {
	case "slate":
		p, err := platform.Build(ctx, cfg, pool, log, platform.Options{Web: true})
		if err != nil {
			return err
		}
		if err := p.Start(ctx); err != nil {
			return err
		}
		app = p.App
	case "peer":
		app = peer.New(pool, os.Getenv("SLATE_BENCH_PEER_EMAIL"))
	default:
		return fmt.Errorf("unknown server %q", kind)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	side, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	go func() { _ = app.Listener(ln) }()
	go func() { _ = http.Serve(side, sideMux()) }()
	fmt.Printf("ready %s %s\n", ln.Addr(), side.Addr())
	_, _ = io.Copy(io.Discard, os.Stdin)
	return nil
}

// sideMux serves pprof and /memstats on the child's side port.
func sideMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/memstats", func(w http.ResponseWriter, _ *http.Request) {
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		_ = json.NewEncoder(w).Encode(memStats{HeapInuse: m.HeapInuse, TotalAlloc: m.TotalAlloc, Mallocs: m.Mallocs, NumGC: m.NumGC})
	})
	return mux
}

// memStats are the runtime figures a child reports.
type memStats struct {
	HeapInuse  uint64 // bytes in in-use heap spans
	TotalAlloc uint64 // bytes allocated since start
	Mallocs    uint64 // objects allocated since start
	NumGC      uint32
}

// child is a running server process.
type child struct {
	kind  string
	cmd   *exec.Cmd
	stdin io.WriteCloser
	addr  string // host:port of the HTTP server
	side  string // host:port of pprof and /memstats
}

// startChild starts this binary as a server with env added to its
// environment and waits until it listens.
func startChild(kind string, env []string) (*child, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(exe, "-serve", kind)
	cmd.Env = append(append(os.Environ(), env...), "PGAPPNAME="+appName(kind))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", kind, err)
	}
	c := &child{kind: kind, cmd: cmd, stdin: stdin}
	line, err := bufio.NewReader(stdout).ReadString('\n')
	f := strings.Fields(line)
	if err != nil || len(f) != 3 || f[0] != "ready" {
		c.stop()
		return nil, fmt.Errorf("%s server did not start (%q): %v", kind, line, err)
	}
	c.addr, c.side = f[1], f[2]
	return c, nil
}

// stop closes the child's stdin, which ends it, and waits.
func (c *child) stop() {
	_ = c.stdin.Close()
	done := make(chan struct{})
	go func() { _ = c.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = c.cmd.Process.Signal(syscall.SIGKILL)
		<-done
	}
}

// mem reads the child's runtime figures and its resident set size.
func (c *child) mem() (memStats, procMem, error) {
	var m memStats
	resp, err := http.Get("http://" + c.side + "/memstats")
	if err != nil {
		return m, procMem{}, err
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		return m, procMem{}, err
	}
	p, err := readProcMem(c.cmd.Process.Pid)
	return m, p, err
}

// procMem is what the kernel says about a process's memory.
type procMem struct {
	RSS, PeakRSS uint64 // VmRSS and VmHWM, bytes
}

func readProcMem(pid int) (procMem, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return procMem{}, err
	}
	var p procMem
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseUint(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			p.RSS = kb << 10
		case "VmHWM:":
			p.PeakRSS = kb << 10
		}
	}
	if p.RSS == 0 {
		return p, errors.New("no VmRSS in /proc status")
	}
	return p, nil
}

// profile fetches a pprof profile covering the next seconds from the
// child's side port into path.
func (c *child) profile(name string, seconds int, path string) error {
	resp, err := http.Get(fmt.Sprintf("http://%s/debug/pprof/%s?seconds=%d", c.side, name, seconds))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("pprof %s: %s: %s", name, resp.Status, b)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
