package objstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Local stores objects as files under a folder. Content types are kept in
// a sidecar file next to each object.
type Local struct {
	dir string
}

// NewLocal returns a store in dir, creating it.
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("objstore: local backend needs a folder")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("objstore: %w", err)
	}
	return &Local{dir: dir}, nil
}

func (l *Local) path(key string) string { return filepath.Join(l.dir, filepath.FromSlash(key)) }

// Put writes to a temporary file in the target folder and renames it into
// place, so readers never see half an object and a failed write leaves
// nothing.
func (l *Local) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	p := l.path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("objstore: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".put-*")
	if err != nil {
		return fmt.Errorf("objstore: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	n, err := io.Copy(tmp, ctxReader{ctx, r})
	if err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	if size >= 0 && n != size {
		return fmt.Errorf("objstore: put %s: got %d bytes, want %d", key, n, size)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("objstore: %w", err)
	}
	if err := os.WriteFile(p+".type", []byte(contentType), 0o644); err != nil {
		return fmt.Errorf("objstore: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("objstore: %w", err)
	}
	ok = true
	return nil
}

// Get opens an object.
func (l *Local) Get(ctx context.Context, key string) (*Object, error) {
	info, err := l.Stat(ctx, key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return nil, fmt.Errorf("objstore: %w", err)
	}
	return &Object{Info: info, Body: f}, nil
}

// Stat describes an object.
func (l *Local) Stat(_ context.Context, key string) (Info, error) {
	if err := checkKey(key); err != nil {
		return Info{}, err
	}
	fi, err := os.Stat(l.path(key))
	if errors.Is(err, fs.ErrNotExist) {
		return Info{}, fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	if err != nil {
		return Info{}, fmt.Errorf("objstore: %w", err)
	}
	ct, err := os.ReadFile(l.path(key) + ".type")
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return Info{}, fmt.Errorf("objstore: %w", err)
	}
	return Info{Key: key, Size: fi.Size(), ContentType: strings.TrimSpace(string(ct)), ModTime: fi.ModTime()}, nil
}

// Delete removes an object and its sidecar.
func (l *Local) Delete(_ context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	for _, p := range []string{l.path(key), l.path(key) + ".type"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("objstore: %w", err)
		}
	}
	return nil
}

// ctxReader stops a copy when the context ends.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
