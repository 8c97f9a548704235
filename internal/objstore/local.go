package objstore

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// defaultContentType is what both backends record when Put is given none,
// as S3 itself would.
const defaultContentType = "application/octet-stream"

// Local keeps objects in a folder, for one-machine installs and
// development. Each object is a plain file at <dir>/<key>, so the folder
// can be browsed, backed up or copied to S3 as it is. Its content type is
// in a sidecar file "<key>~type" beside it; a file without one (copied in
// by hand, or from before sidecars had that name) gets the type its
// extension implies. Put writes to ".~put-*" temporary files in the
// object's folder; "~" never appears in a valid key, so neither sidecars
// nor temporary files can be mistaken for objects. A process killed in the
// middle of Put can leave a ".~put-*" file, which is safe to delete.
//
// Unlike S3, a key cannot name both an object and a folder of other
// objects ("a/b" and "a/b/c"); the keys the app generates never do.
type Local struct {
	dir string
}

// NewLocal returns a store in dir, creating the folder when missing so a
// fresh checkout works without setup.
func NewLocal(dir string) (*Local, error) {
	if dir == "" {
		return nil, errors.New("objstore: the local backend needs a folder")
	}
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("objstore: %w", err)
	}
	return &Local{dir: dir}, nil
}

// path is where key's file lives; ValidKey has ruled out "..", absolute
// keys and separators other than "/", so it is always inside l.dir.
func (l *Local) path(key string) string { return filepath.Join(l.dir, filepath.FromSlash(key)) }

func typePath(p string) string { return p + "~type" }

// Put writes the object to a temporary file in its folder, syncs it and
// renames it into place, so a reader sees the old file or the whole new
// one and a failed Put leaves no trace. The sidecar is replaced (also by
// rename) just before the data, and only when the type changes, so an
// overwrite with a different type has a moment where the new type is
// shown with the old bytes; the app's overwrites keep the type.
func (l *Local) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) (err error) {
	if err := checkKey(key); err != nil {
		return err
	}
	if contentType == "" {
		contentType = defaultContentType
	}
	p := l.path(key)
	tmp, err := l.createTemp(filepath.Dir(p), ".~put-*")
	if err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, &exactReader{ctx: ctx, r: r, n: size}); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	if err = l.writeType(p, contentType); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	if err = ctx.Err(); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	if err = os.Rename(tmp.Name(), p); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	return nil
}

// createTemp makes a temporary file in dir, creating dir first. A
// concurrent Delete may remove dir while it is still empty, so a vanished
// folder is created again a few times before giving up.
func (l *Local) createTemp(dir, pattern string) (*os.File, error) {
	for attempt := 0; ; attempt++ {
		err := os.MkdirAll(dir, 0o755)
		if err == nil {
			var f *os.File
			if f, err = os.CreateTemp(dir, pattern); err == nil {
				return f, nil
			}
		}
		if !errors.Is(err, fs.ErrNotExist) || attempt == 5 {
			return nil, err
		}
	}
}

// writeType replaces p's sidecar by rename unless it already says
// contentType.
func (l *Local) writeType(p, contentType string) (err error) {
	if old, err := os.ReadFile(typePath(p)); err == nil && string(old) == contentType {
		return nil
	}
	tmp, err := l.createTemp(filepath.Dir(p), ".~put-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.WriteString(contentType); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), typePath(p))
}

// Get opens an object; Size and ModTime come from the opened file itself,
// so they match the body even if the object is replaced meanwhile.
func (l *Local) Get(ctx context.Context, key string) (*Object, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	p := l.path(key)
	f, err := os.Open(p)
	if err != nil {
		return nil, l.mapErr(key, err)
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = fs.ErrNotExist // a folder of other objects
	}
	if err != nil {
		f.Close()
		return nil, l.mapErr(key, err)
	}
	ct, err := l.contentType(p)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("objstore: %s: %w", key, err)
	}
	return &Object{Info: Info{Key: key, Size: fi.Size(), ContentType: ct, ModTime: fi.ModTime()}, Body: f}, nil
}

// Stat describes an object.
func (l *Local) Stat(ctx context.Context, key string) (Info, error) {
	if err := checkKey(key); err != nil {
		return Info{}, err
	}
	if err := ctx.Err(); err != nil {
		return Info{}, err
	}
	p := l.path(key)
	fi, err := os.Stat(p)
	if err == nil && !fi.Mode().IsRegular() {
		err = fs.ErrNotExist
	}
	if err != nil {
		return Info{}, l.mapErr(key, err)
	}
	ct, err := l.contentType(p)
	if err != nil {
		return Info{}, fmt.Errorf("objstore: %s: %w", key, err)
	}
	return Info{Key: key, Size: fi.Size(), ContentType: ct, ModTime: fi.ModTime()}, nil
}

func (l *Local) contentType(p string) (string, error) {
	b, err := os.ReadFile(typePath(p))
	if errors.Is(err, fs.ErrNotExist) {
		if ct := mime.TypeByExtension(filepath.Ext(p)); ct != "" {
			return ct, nil
		}
		return defaultContentType, nil
	}
	return string(bytes.TrimSpace(b)), err
}

// Delete removes an object and its sidecar, then any folders it leaves
// empty, so purged photos do not leave a folder each behind.
func (l *Local) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p := l.path(key)
	fi, err := os.Lstat(p)
	switch {
	case err == nil && fi.IsDir():
		return nil // a folder of other objects, not an object
	case err != nil && !errors.Is(l.mapErr(key, err), ErrNotFound):
		return fmt.Errorf("objstore: delete %s: %w", key, err)
	}
	for _, name := range []string{p, typePath(p)} {
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("objstore: delete %s: %w", key, err)
		}
	}
	for d := filepath.Dir(p); d != l.dir && len(d) > len(l.dir); d = filepath.Dir(d) {
		if os.Remove(d) != nil {
			break // not empty (or already gone): stop climbing
		}
	}
	return nil
}

// List walks the folder from the deepest one the prefix names, skipping
// folders that cannot hold a matching key, and the sidecars and temporary
// files (their names hold "~", which no valid key does). A file or folder
// deleted during the walk is skipped, not an error.
func (l *Local) List(ctx context.Context, prefix string) iter.Seq2[Info, error] {
	return func(yield func(Info, error) bool) {
		if !validPrefix(prefix) {
			yield(Info{}, fmt.Errorf("objstore: invalid prefix %q", prefix))
			return
		}
		root := l.dir
		if i := strings.LastIndexByte(prefix, '/'); i >= 0 {
			root = l.path(prefix[:i])
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if gone(err) {
					return nil
				}
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if p == root && d.IsDir() {
				return nil
			}
			rel, err := filepath.Rel(l.dir, p)
			if err != nil {
				return err
			}
			key := filepath.ToSlash(rel)
			if d.IsDir() {
				if dir := key + "/"; !strings.HasPrefix(dir, prefix) && !strings.HasPrefix(prefix, dir) {
					return fs.SkipDir
				}
				return nil
			}
			if !d.Type().IsRegular() || !strings.HasPrefix(key, prefix) || !ValidKey(key) {
				return nil
			}
			fi, err := d.Info()
			if err != nil {
				if gone(err) {
					return nil
				}
				return err
			}
			if !yield(Info{Key: key, Size: fi.Size(), ModTime: fi.ModTime()}, nil) {
				return fs.SkipAll
			}
			return nil
		})
		if err != nil {
			yield(Info{}, fmt.Errorf("objstore: list %q: %w", prefix, err))
		}
	}
}

// gone reports whether err says a path does not exist, including a path
// through a file.
func gone(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}

// mapErr turns "no such file" — including a path through a file, as when
// "a/b" is an object and "a/b/c" is asked for — into ErrNotFound.
func (l *Local) mapErr(key string, err error) error {
	if gone(err) {
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return fmt.Errorf("objstore: %s: %w", key, err)
}
