package objstore_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"

	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/testminio"
)

func TestLocal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := objstore.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	// files lists the folder's files (slash paths) that pass keep.
	files := func(t *testing.T, keep func(name string) bool) []string {
		t.Helper()
		var out []string
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			if rel = filepath.ToSlash(rel); keep(rel) {
				out = append(out, rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(out)
		return out
	}
	isTemp := func(name string) bool { return strings.HasPrefix(filepath.Base(name), ".~put-") }
	isSidecar := func(name string) bool { return strings.HasSuffix(name, "~type") }
	contract(t, backend{
		store: st,
		objects: func(t *testing.T, prefix string) []string {
			return files(t, func(name string) bool {
				return strings.HasPrefix(name, prefix) && !isTemp(name) && !isSidecar(name)
			})
		},
		junk: func(t *testing.T) []string {
			return files(t, func(name string) bool {
				if isSidecar(name) {
					_, err := os.Stat(filepath.Join(dir, strings.TrimSuffix(name, "~type")))
					return err != nil // a sidecar without its object
				}
				return isTemp(name)
			})
		},
	})
}

func TestLocalLayout(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	parent := t.TempDir()
	dir := filepath.Join(parent, "media")
	st, err := objstore.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("a plain file and a sidecar per object", func(t *testing.T) {
		key := objstore.PhotoKey(1, objstore.Display)
		if err := st.Put(ctx, key, strings.NewReader("jpeg"), 4, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "photos", "1", "display.jpg")); err != nil || string(b) != "jpeg" {
			t.Errorf("object file: %q, %v", b, err)
		}
		if b, err := os.ReadFile(filepath.Join(dir, "photos", "1", "display.jpg~type")); err != nil || string(b) != "image/jpeg" {
			t.Errorf("sidecar: %q, %v", b, err)
		}
	})

	t.Run("files without a sidecar get their extension's type", func(t *testing.T) {
		for key, want := range map[string]string{
			objstore.PhotoKey(2, objstore.Thumb): "image/jpeg",
			objstore.ReelKey(2):                  "application/octet-stream",
		} {
			p := filepath.Join(dir, filepath.FromSlash(key))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte("copied in"), 0o644); err != nil {
				t.Fatal(err)
			}
			if info, err := st.Stat(ctx, key); err != nil || info.ContentType != want || info.Size != 9 {
				t.Errorf("Stat(%s) = %+v, %v; want type %s", key, info, err, want)
			}
		}
	})

	t.Run("delete removes the folders it empties", func(t *testing.T) {
		if err := st.Delete(ctx, objstore.ReelKey(2)); err != nil { // left by the test above
			t.Fatal(err)
		}
		a, b := objstore.ReelKey(3), objstore.ReelKey(4)
		for _, k := range []string{a, b} {
			if err := st.Put(ctx, k, strings.NewReader("x"), 1, "video/mp4"); err != nil {
				t.Fatal(err)
			}
		}
		if err := st.Delete(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "reels", "3")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("reels/3 still there: %v", err)
		}
		if err := st.Delete(ctx, b); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(dir, "reels")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("reels/ still there: %v", err)
		}
		if _, err := os.Stat(dir); err != nil {
			t.Errorf("the store's own folder went too: %v", err)
		}
	})

	t.Run("list skips sidecars, leftovers and files no key names", func(t *testing.T) {
		key := objstore.PhotoKey(9, objstore.Original)
		if err := st.Put(ctx, key, strings.NewReader("jpeg"), 4, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		folder := filepath.Join(dir, "photos", "9")
		for _, name := range []string{".~put-123", "Notes.TXT", "copied in.jpg"} { // a killed Put, hand-copied files
			if err := os.WriteFile(filepath.Join(folder, name), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var keys []string
		for info, err := range st.List(ctx, "photos/9/") {
			if err != nil {
				t.Fatal(err)
			}
			keys = append(keys, info.Key)
		}
		if !slices.Equal(keys, []string{key}) {
			t.Errorf("List = %q, want just %s", keys, key)
		}
	})

	t.Run("puts race deletes emptying the same folder", func(t *testing.T) {
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Go(func() {
				key := objstore.PhotoKey(5, []string{objstore.Original, objstore.Display, objstore.Thumb, objstore.Original}[g])
				if g == 3 {
					key = objstore.PhotoKey(6, objstore.Original) // a sibling folder
				}
				for range 100 {
					if err := st.Put(ctx, key, strings.NewReader("x"), 1, "image/jpeg"); err != nil {
						t.Errorf("Put: %v", err)
						return
					}
					if err := st.Delete(ctx, key); err != nil {
						t.Errorf("Delete: %v", err)
						return
					}
				}
			})
		}
		wg.Wait()
	})

	t.Run("invalid keys write nothing anywhere", func(t *testing.T) {
		for _, key := range invalidKeys {
			_ = st.Put(ctx, key, strings.NewReader("x"), 1, "text/plain")
		}
		entries, err := os.ReadDir(parent)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Name() != "media" {
			t.Errorf("beside the store's folder: %v", entries)
		}
		if _, err := os.Stat("/abs"); err == nil {
			t.Error("/abs exists")
		}
	})

	t.Run("NewLocal refuses what cannot be a folder", func(t *testing.T) {
		if _, err := objstore.NewLocal(""); err == nil {
			t.Error("empty folder accepted")
		}
		file := filepath.Join(parent, "file")
		if err := os.WriteFile(file, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := objstore.NewLocal(file); err == nil {
			t.Error("a file accepted as the folder")
		}
	})
}

func TestS3OnMinIO(t *testing.T) {
	t.Parallel()
	srv := testminio.Start(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cfg := objstore.S3Config{Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey, Bucket: "slate-test", Region: "us-east-1"}
	st, err := objstore.NewS3(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := minio.New(srv.Endpoint, &minio.Options{Creds: credentials.NewStaticV4(srv.AccessKey, srv.SecretKey, ""), Region: "us-east-1"})
	if err != nil {
		t.Fatal(err)
	}
	contract(t, backend{
		store: st,
		objects: func(t *testing.T, prefix string) []string {
			var keys []string
			for o := range raw.ListObjects(ctx, cfg.Bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
				if o.Err != nil {
					t.Fatal(o.Err)
				}
				keys = append(keys, o.Key)
			}
			slices.Sort(keys)
			return keys
		},
		junk: func(t *testing.T) []string {
			var ups []string
			for u := range raw.ListIncompleteUploads(ctx, cfg.Bucket, "", true) {
				if u.Err != nil {
					t.Fatal(u.Err)
				}
				ups = append(ups, "incomplete upload of "+u.Key)
			}
			return ups
		},
	})

	t.Run("NewS3 on an existing bucket", func(t *testing.T) {
		if _, err := objstore.NewS3(ctx, cfg); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("processes racing to create the bucket all succeed", func(t *testing.T) {
		c := cfg
		c.Bucket = "raced"
		var wg sync.WaitGroup
		for range 8 {
			wg.Go(func() {
				if _, err := objstore.NewS3(ctx, c); err != nil {
					t.Errorf("NewS3: %v", err)
				}
			})
		}
		wg.Wait()
		if ok, err := raw.BucketExists(ctx, c.Bucket); !ok || err != nil {
			t.Errorf("bucket exists = %v, %v", ok, err)
		}
	})

	t.Run("a missing bucket is an error, not ErrNotFound", func(t *testing.T) {
		c := cfg
		c.Bucket = "gone"
		gone, err := objstore.NewS3(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if err := raw.RemoveBucket(ctx, c.Bucket); err != nil {
			t.Fatal(err)
		}
		key := objstore.PhotoKey(1, objstore.Thumb)
		if _, err := gone.Stat(ctx, key); err == nil || errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Stat = %v", err)
		}
		if _, err := gone.Get(ctx, key); err == nil || errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Get = %v", err)
		}
		if err := gone.Put(ctx, key, strings.NewReader("x"), 1, "image/jpeg"); err == nil {
			t.Error("Put succeeded")
		}
	})

	t.Run("wrong credentials are refused", func(t *testing.T) {
		c := cfg
		c.SecretKey = "not-the-secret"
		if _, err := objstore.NewS3(ctx, c); err == nil {
			t.Error("NewS3 succeeded")
		}
	})

	t.Run("Open picks the backend", func(t *testing.T) {
		s, err := objstore.Open(ctx, objstore.Config{Backend: "s3", S3: cfg})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s.(*objstore.S3); !ok {
			t.Errorf("Open(s3) = %T", s)
		}
	})
}

func TestOpen(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, backend := range []string{"", "local"} {
		s, err := objstore.Open(ctx, objstore.Config{Backend: backend, LocalDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := s.(*objstore.Local); !ok {
			t.Errorf("Open(%q) = %T", backend, s)
		}
	}
	if _, err := objstore.Open(ctx, objstore.Config{Backend: "ftp"}); err == nil {
		t.Error("Open(ftp) succeeded")
	}
	if _, err := objstore.Open(ctx, objstore.Config{Backend: "s3"}); err == nil {
		t.Error("Open(s3) without an endpoint succeeded")
	}
}
