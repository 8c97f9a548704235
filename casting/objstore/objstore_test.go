package objstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/slatecasting/slate/casting/objstore"
	"github.com/slatecasting/slate/internal/testminio"
)

// contract is what every backend must do.
func contract(t *testing.T, st objstore.Store) {
	ctx := context.Background()
	key := objstore.PhotoKey(42, "display")

	t.Run("round trip", func(t *testing.T) {
		body := []byte("jpeg bytes")
		if err := st.Put(ctx, key, bytes.NewReader(body), int64(len(body)), "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		obj, err := st.Get(ctx, key)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(obj.Body)
		obj.Body.Close()
		if !bytes.Equal(got, body) || obj.Size != int64(len(body)) || obj.ContentType != "image/jpeg" {
			t.Fatalf("got %q size %d type %q", got, obj.Size, obj.ContentType)
		}
	})
	t.Run("overwrite keeps one object", func(t *testing.T) {
		if err := st.Put(ctx, key, strings.NewReader("v2"), 2, "image/jpeg"); err != nil {
			t.Fatal(err)
		}
		info, err := st.Stat(ctx, key)
		if err != nil || info.Size != 2 {
			t.Fatalf("stat after overwrite = %+v, %v", info, err)
		}
	})
	t.Run("missing", func(t *testing.T) {
		if _, err := st.Get(ctx, "photos/999/thumb.jpg"); !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Get missing = %v", err)
		}
		if _, err := st.Stat(ctx, "photos/999/thumb.jpg"); !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Stat missing = %v", err)
		}
	})
	t.Run("delete is idempotent", func(t *testing.T) {
		for i := 0; i < 2; i++ {
			if err := st.Delete(ctx, key); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := st.Stat(ctx, key); !errors.Is(err, objstore.ErrNotFound) {
			t.Fatalf("after delete: %v", err)
		}
	})
	t.Run("invalid keys", func(t *testing.T) {
		for _, k := range []string{"", "../x", "/abs", "a/../b", "Photos/1", "a//b", "a b"} {
			if err := st.Put(ctx, k, strings.NewReader("x"), 1, "text/plain"); err == nil {
				t.Errorf("Put(%q) accepted", k)
			}
		}
	})
	t.Run("failed put leaves nothing", func(t *testing.T) {
		k := objstore.PhotoKey(7, "original")
		r := io.MultiReader(strings.NewReader("half"), failingReader{})
		if err := st.Put(ctx, k, r, 100, "image/jpeg"); err == nil {
			t.Fatal("Put with a failing reader succeeded")
		}
		if _, err := st.Stat(ctx, k); !errors.Is(err, objstore.ErrNotFound) {
			t.Fatalf("a half-written object is visible: %v", err)
		}
	})
	t.Run("concurrent puts", func(t *testing.T) {
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				body := fmt.Sprintf("photo %d", i)
				errs <- st.Put(ctx, objstore.PhotoKey(int64(100+i), "thumb"), strings.NewReader(body), int64(len(body)), "image/jpeg")
			}(i)
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		for i := 0; i < 8; i++ {
			obj, err := st.Get(ctx, objstore.PhotoKey(int64(100+i), "thumb"))
			if err != nil {
				t.Fatal(err)
			}
			got, _ := io.ReadAll(obj.Body)
			obj.Body.Close()
			if string(got) != fmt.Sprintf("photo %d", i) {
				t.Errorf("object %d = %q", i, got)
			}
		}
	})
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset") }

func TestLocal(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	st, err := objstore.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	contract(t, st)
	// No temporary files are left behind by the failed put.
	entries, _ := os.ReadDir(dir + "/photos/7")
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".put-") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestS3OnMinIO(t *testing.T) {
	t.Parallel()
	srv := testminio.Start(t)
	ctx := context.Background()
	cfg := objstore.S3Config{Endpoint: srv.Endpoint, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey, Bucket: "slate-test", Region: "us-east-1"}
	st, err := objstore.NewS3(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := objstore.NewS3(ctx, cfg); err != nil { // the bucket exists now: still fine
		t.Fatalf("second NewS3: %v", err)
	}
	contract(t, st)
}

func TestValidKeyAndKeys(t *testing.T) {
	t.Parallel()
	for key, want := range map[string]bool{
		"photos/1/thumb.jpg": true, "reels/9/file": true, "a": true,
		"": false, "/a": false, "a/": false, "a/../b": false, "./a": false, "A": false, "a\\b": false, "a b": false,
		strings.Repeat("a", 513): false,
	} {
		if got := objstore.ValidKey(key); got != want {
			t.Errorf("ValidKey(%q) = %v, want %v", key, got, want)
		}
	}
	if k := objstore.PhotoKey(12, "thumb"); k != "photos/12/thumb.jpg" || !objstore.ValidKey(k) {
		t.Errorf("PhotoKey = %q", k)
	}
	if k := objstore.ReelKey(3); !objstore.ValidKey(k) {
		t.Errorf("ReelKey = %q", k)
	}
}

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := objstore.ConfigFromEnv(env(nil), "/data/media")
	if err != nil || c.Backend != "local" || c.LocalDir != "/data/media" {
		t.Fatalf("default = %+v, %v", c, err)
	}
	c, err = objstore.ConfigFromEnv(env(map[string]string{"SLATE_STORAGE": "s3", "SLATE_S3_ENDPOINT": "s3:9000",
		"SLATE_S3_ACCESS_KEY": "a", "SLATE_S3_SECRET_KEY": "b", "SLATE_S3_SSL": "true"}), "")
	if err != nil || c.S3.Bucket != "slate" || !c.S3.UseSSL || c.S3.Region != "us-east-1" {
		t.Fatalf("s3 = %+v, %v", c, err)
	}
	if _, err := objstore.ConfigFromEnv(env(map[string]string{"SLATE_STORAGE": "s3"}), ""); err == nil || !strings.Contains(err.Error(), "SLATE_S3_ENDPOINT") {
		t.Fatalf("missing endpoint: %v", err)
	}
	if _, err := objstore.ConfigFromEnv(env(map[string]string{"SLATE_STORAGE": "ftp"}), ""); err == nil {
		t.Fatal("unknown backend accepted")
	}
}
