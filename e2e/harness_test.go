// Package e2e drives Slate through Debian's Chromium, the way people use
// it: real pages, real clicks, the real server with its workers, on a real
// PostgreSQL.
package e2e

import (
	"context"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-rod/rod"
	"github.com/go-rod/rod/lib/launcher"
	"github.com/go-rod/rod/lib/proto"

	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/platform"
	"github.com/slatecasting/slate/internal/testapp"
	"github.com/slatecasting/slate/internal/testdb"
)

// app is one Slate process (web + workers) on a fresh database.
type app struct {
	URL string
	P   *platform.Platform
}

func startApp(t *testing.T) *app {
	t.Helper()
	pool, _ := testdb.NewWithURL(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Load(func(k string) string {
		if k == "SLATE_ADDR" {
			return ln.Addr().String()
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg.DataDir = t.TempDir()
	cfg.Storage.LocalDir = filepath.Join(cfg.DataDir, "media")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	p, err := platform.Build(context.Background(), cfg, pool, log, platform.Options{
		Web: true, Workers: true, PasswordParams: testapp.PasswordParams(), RiverPollInterval: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if err := p.Start(ctx); err != nil {
		t.Fatal(err)
	}
	go func() { _ = p.App.Listener(ln) }()
	t.Cleanup(func() {
		cancel()
		sctx, scancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer scancel()
		_ = p.Shutdown(sctx)
	})
	return &app{URL: "http://" + ln.Addr().String(), P: p}
}

// chromium finds Debian's Chromium; `make test` installs it.
func chromium(t *testing.T) string {
	for _, name := range []string{os.Getenv("SLATE_CHROMIUM"), "chromium", "chromium-browser"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium is not installed: run `make test` (it installs Debian's chromium) or set SLATE_CHROMIUM")
	return ""
}

// newPage opens a fresh browser (its own profile: no shared cookies) at url.
func newPage(t *testing.T, url string) *rod.Page {
	t.Helper()
	l := launcher.New().Bin(chromium(t)).Headless(true).NoSandbox(true).Leakless(false).
		UserDataDir(t.TempDir()).
		Set("disable-gpu").Set("disable-quic").Set("no-first-run").
		Set("disable-background-networking").Set("disable-component-update").Set("disable-sync").
		Set("window-size", "1280,900")
	u, err := l.Launch()
	if err != nil {
		t.Fatalf("launch chromium: %v", err)
	}
	browser := rod.New().ControlURL(u)
	if err := browser.Connect(); err != nil {
		t.Fatalf("connect to chromium: %v", err)
	}
	t.Cleanup(func() {
		_ = browser.Close()
		l.Kill()
		l.Cleanup()
	})
	page, err := browser.Page(proto.TargetCreateTarget{URL: "about:blank"})
	if err != nil {
		t.Fatal(err)
	}
	failOnConsoleErrors(t, page)
	// The deadline covers the page's whole life, not one call: a test's
	// every wait shares it.
	page = page.Timeout(5 * time.Minute)
	if err := page.Navigate(url); err != nil {
		t.Fatal(err)
	}
	if err := page.WaitLoad(); err != nil {
		t.Fatal(err)
	}
	return page
}

// riverUIEvalProbe is River UI's bundle testing whether eval is allowed
// (a Function("") call inside try/catch, from its validation library): the
// CSP refuses it, as it should, and River UI carries on without it.
func riverUIEvalProbe(e *proto.LogLogEntry) bool {
	return e.Source == proto.LogLogEntrySourceSecurity && strings.Contains(e.URL, "/admin/jobs/assets/") &&
		strings.Contains(e.Text, "'script-src' was not explicitly set")
}

// failOnConsoleErrors fails the test for every error the page logs: a
// script exception, console.error, or a browser report such as a Content
// Security Policy violation. Failed network requests are left out: a 422
// or 403 is often what a test expects, and the test asserts on it.
func failOnConsoleErrors(t *testing.T, page *rod.Page) {
	t.Helper()
	var mu sync.Mutex
	var errs []string
	note := func(msg string) {
		mu.Lock()
		errs = append(errs, msg)
		mu.Unlock()
	}
	if err := (proto.LogEnable{}).Call(page); err != nil {
		t.Fatal(err)
	}
	if err := (proto.RuntimeEnable{}).Call(page); err != nil {
		t.Fatal(err)
	}
	go page.EachEvent(func(e *proto.LogEntryAdded) {
		if e.Entry.Level == proto.LogLogEntryLevelError && e.Entry.Source != proto.LogLogEntrySourceNetwork && !riverUIEvalProbe(e.Entry) {
			note(string(e.Entry.Source) + ": " + e.Entry.Text + " (" + e.Entry.URL + ")")
		}
	}, func(e *proto.RuntimeExceptionThrown) {
		note("exception: " + e.ExceptionDetails.Text + " " + e.ExceptionDetails.Exception.Description)
	}, func(e *proto.RuntimeConsoleAPICalled) {
		if e.Type == proto.RuntimeConsoleAPICalledTypeError {
			var parts []string
			for _, a := range e.Args {
				parts = append(parts, a.Value.String()+a.Description)
			}
			note("console.error: " + strings.Join(parts, " "))
		}
	})()
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		for _, e := range errs {
			t.Errorf("browser console: %s", e)
		}
	})
}

// screenshot saves the page under SLATE_SCREENSHOTS, when set, for people
// to look at.
func screenshot(t *testing.T, page *rod.Page, name string) {
	dir := os.Getenv("SLATE_SCREENSHOTS")
	if dir == "" {
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	img, err := page.Screenshot(true, nil)
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), img, 0o644); err != nil {
		t.Fatal(err)
	}
}

// fill types into a field after clearing it.
func fill(t *testing.T, page *rod.Page, selector, value string) {
	t.Helper()
	el := page.MustElement(selector)
	el.MustSelectAllText().MustInput(value)
}

// waitPath waits until the browser is on path.
func waitPath(t *testing.T, page *rod.Page, path string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		info, err := page.Info()
		if err == nil && strings.HasSuffix(strings.SplitN(info.URL, "?", 2)[0], path) {
			if err := page.WaitLoad(); err == nil {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	info, _ := page.Info()
	t.Fatalf("the browser is on %s, want %s", info.URL, path)
}

// reloadUntil reloads the page until an element matching selector holds
// text: for what a background job writes after the page was served.
func reloadUntil(t *testing.T, page *rod.Page, selector, text string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if has, _, _ := page.HasR(selector, text); has {
			return
		}
		time.Sleep(200 * time.Millisecond)
		page.MustReload().MustWaitLoad()
	}
	t.Fatalf("no %s with %q after 20 s", selector, text)
}
