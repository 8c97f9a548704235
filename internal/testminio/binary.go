package testminio

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"time"

	"github.com/slatecasting/slate/internal/reporoot"
)

// errNoBinary means no MinIO binary was found and one must be built.
var errNoBinary = errors.New("no minio binary found")

// buildMu keeps one goroutine per process in the build; the file lock
// does the same across processes.
var buildMu sync.Mutex

// Binary returns the MinIO binary to run, building Version into
// <repo>/.cache/bin when none is found; logf (t.Logf) reports the build's
// progress, since it takes minutes.
func Binary(logf func(format string, args ...any)) (string, error) {
	root, err := reporoot.Find()
	if err != nil {
		return "", err
	}
	bin, err := locate(os.Getenv, exec.LookPath, root)
	if !errors.Is(err, errNoBinary) {
		return bin, err
	}
	return build(root, logf)
}

// locate finds an existing binary: $SLATE_MINIO_BIN (which must exist when
// set), then <root>/.cache/bin/minio, then minio on PATH.
func locate(getenv func(string) string, lookPath func(string) (string, error), root string) (string, error) {
	if p := getenv("SLATE_MINIO_BIN"); p != "" {
		if !isExecutable(p) {
			return "", fmt.Errorf("SLATE_MINIO_BIN=%s is not an executable file", p)
		}
		return p, nil
	}
	if p := cachedPath(root); isExecutable(p) {
		return p, nil
	}
	if p, err := lookPath("minio"); err == nil {
		return p, nil
	}
	return "", errNoBinary
}

func cachedPath(root string) string { return filepath.Join(root, ".cache", "bin", "minio") }

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0
}

// build installs Version into <root>/.cache/bin while holding an exclusive
// lock on <root>/.cache/minio.lock; whoever waited for the lock finds the
// binary done. go install writes into a private folder first and the
// binary is renamed into place, so nobody runs a half-copied file.
func build(root string, logf func(string, ...any)) (string, error) {
	buildMu.Lock()
	defer buildMu.Unlock()
	dst := cachedPath(root)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return "", err
	}
	lockPath := filepath.Join(root, ".cache", "minio.lock")
	lock, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return "", err
	}
	defer lock.Close() // also releases the lock
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); errors.Is(err, syscall.EWOULDBLOCK) {
		logf("testminio: another process is building MinIO (%s is locked); waiting", lockPath)
		err = syscall.Flock(int(lock.Fd()), syscall.LOCK_EX)
		if err != nil {
			return "", fmt.Errorf("lock %s: %w", lockPath, err)
		}
	} else if err != nil {
		return "", fmt.Errorf("lock %s: %w", lockPath, err)
	}
	if isExecutable(dst) {
		return dst, nil // built while we waited
	}

	tmp, err := os.MkdirTemp(filepath.Dir(dst), ".build-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	logf("testminio: no MinIO binary (set SLATE_MINIO_BIN, or put minio on PATH); building %s into %s, once, about 5 minutes", Version, dst)
	began := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", "install", "github.com/minio/minio@"+Version)
	cmd.Dir = os.TempDir() // outside the module: its go.mod has no say
	cmd.Env = append(os.Environ(), "GOBIN="+tmp, "GOFLAGS=", "GOWORK=off")
	out := new(syncBuffer)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("go install minio: %w", err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	tick := time.NewTicker(30 * time.Second)
	defer tick.Stop()
wait:
	for {
		select {
		case <-tick.C:
			logf("testminio: still building MinIO (%v)", time.Since(began).Round(time.Second))
		case err = <-done:
			break wait
		}
	}
	if err != nil {
		return "", fmt.Errorf("go install github.com/minio/minio@%s: %w\n%s", Version, err, out.String())
	}
	if err := os.Rename(filepath.Join(tmp, "minio"), dst); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("go install left no minio in %s:\n%s", tmp, out.String())
		}
		return "", err
	}
	logf("testminio: built MinIO in %v", time.Since(began).Round(time.Second))
	return dst, nil
}
