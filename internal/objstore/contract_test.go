package objstore_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/internal/objstore"
)

// backend is a Store under test plus a look at what it really holds.
type backend struct {
	store objstore.Store
	// objects lists the keys stored under prefix, sorted.
	objects func(t *testing.T, prefix string) []string
	// junk lists what a failed or finished Put must not leave behind
	// (temporary files, incomplete multipart uploads).
	junk func(t *testing.T) []string
}

// contract is what every backend must do; each subtest uses its own keys.
func contract(t *testing.T, b backend) {
	st := b.store
	ctx := context.Background()

	put := func(t *testing.T, key string, body []byte, contentType string) {
		t.Helper()
		if err := st.Put(ctx, key, bytes.NewReader(body), int64(len(body)), contentType); err != nil {
			t.Fatalf("Put(%s): %v", key, err)
		}
	}
	// get reads an object whole and checks that its Info describes it.
	get := func(t *testing.T, key string) ([]byte, objstore.Info) {
		t.Helper()
		obj, err := st.Get(ctx, key)
		if err != nil {
			t.Fatalf("Get(%s): %v", key, err)
		}
		defer obj.Body.Close()
		body, err := io.ReadAll(obj.Body)
		if err != nil {
			t.Fatalf("Get(%s): read: %v", key, err)
		}
		if obj.Size != int64(len(body)) || obj.Key != key {
			t.Fatalf("Get(%s): Info %+v for a %d-byte body", key, obj.Info, len(body))
		}
		return body, obj.Info
	}
	noJunk := func(t *testing.T) {
		t.Helper()
		if j := b.junk(t); len(j) > 0 {
			t.Errorf("left behind: %q", j)
		}
	}
	isNotFound := func(t *testing.T, key string) {
		t.Helper()
		if _, err := st.Stat(ctx, key); !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Stat(%s) = %v, want ErrNotFound", key, err)
		}
		obj, err := st.Get(ctx, key)
		if err == nil {
			obj.Body.Close()
		}
		if !errors.Is(err, objstore.ErrNotFound) {
			t.Errorf("Get(%s) = %v, want ErrNotFound", key, err)
		}
	}

	t.Run("round trip keeps bytes, size and content type", func(t *testing.T) {
		key := objstore.PhotoKey(1, objstore.Original)
		body := randomBytes(300_000)
		before := time.Now().Add(-2 * time.Second) // S3 times have whole seconds
		put(t, key, body, "image/png")
		got, info := get(t, key)
		if !bytes.Equal(got, body) {
			t.Fatalf("body differs: got %d bytes, want %d", len(got), len(body))
		}
		if info.ContentType != "image/png" || info.Size != int64(len(body)) {
			t.Errorf("Get info = %+v", info)
		}
		if info.ModTime.Before(before) || info.ModTime.After(time.Now().Add(2*time.Second)) {
			t.Errorf("ModTime %v is not about now", info.ModTime)
		}
		si, err := st.Stat(ctx, key)
		if err != nil || si.Key != key || si.Size != int64(len(body)) || si.ContentType != "image/png" || !si.ModTime.Equal(info.ModTime) {
			t.Errorf("Stat = %+v, %v; Get said %+v", si, err, info)
		}
		noJunk(t)
	})

	t.Run("empty object and unknown size", func(t *testing.T) {
		empty := objstore.ReelKey(2)
		put(t, empty, nil, "audio/mpeg")
		if got, info := get(t, empty); len(got) != 0 || info.ContentType != "audio/mpeg" {
			t.Errorf("empty object: %q %+v", got, info)
		}
		unknown := objstore.ReelKey(3)
		body := randomBytes(70_000)
		if err := st.Put(ctx, unknown, io.MultiReader(bytes.NewReader(body)), -1, "video/mp4"); err != nil {
			t.Fatal(err)
		}
		if got, _ := get(t, unknown); !bytes.Equal(got, body) {
			t.Errorf("size -1: got %d bytes, want %d", len(got), len(body))
		}
	})

	t.Run("no content type is stored as application/octet-stream", func(t *testing.T) {
		key := objstore.ReelKey(4)
		put(t, key, []byte("x"), "")
		if _, info := get(t, key); info.ContentType != "application/octet-stream" {
			t.Errorf("content type %q", info.ContentType)
		}
	})

	t.Run("large object (multipart on S3)", func(t *testing.T) {
		key := objstore.ReelKey(5)
		body := randomBytes(17 << 20)
		put(t, key, body, "video/quicktime")
		if got, _ := get(t, key); !bytes.Equal(got, body) {
			t.Errorf("got %d bytes, want %d", len(got), len(body))
		}
		noJunk(t)
		if err := st.Delete(ctx, key); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("a retried job overwrites: one object, new bytes and type", func(t *testing.T) {
		key := objstore.PhotoKey(6, objstore.Display)
		put(t, key, []byte("first attempt, longer body"), "image/png")
		put(t, key, []byte("retry"), "image/jpeg")
		got, info := get(t, key)
		if string(got) != "retry" || info.ContentType != "image/jpeg" || info.Size != 5 {
			t.Errorf("after overwrite: %q %+v", got, info)
		}
		if objs := b.objects(t, "photos/6/"); !slices.Equal(objs, []string{key}) {
			t.Errorf("objects under photos/6/ = %q, want just %s", objs, key)
		}
		noJunk(t)
	})

	t.Run("missing keys are ErrNotFound", func(t *testing.T) {
		isNotFound(t, objstore.PhotoKey(999, objstore.Thumb))
		put(t, "dir/obj", []byte("x"), "text/plain")
		isNotFound(t, "dir")         // a prefix of an object is no object
		isNotFound(t, "dir/obj/sub") // nor is a key below one
	})

	t.Run("delete is idempotent", func(t *testing.T) {
		key := objstore.PhotoKey(7, objstore.Thumb)
		put(t, key, []byte("thumb"), "image/jpeg")
		for i := range 2 {
			if err := st.Delete(ctx, key); err != nil {
				t.Fatalf("Delete #%d: %v", i+1, err)
			}
			isNotFound(t, key)
		}
		if err := st.Delete(ctx, objstore.PhotoKey(998, objstore.Original)); err != nil {
			t.Errorf("Delete of a never-stored key: %v", err)
		}
		// Deleting a prefix deletes nothing.
		keep := objstore.PhotoKey(8, objstore.Display)
		put(t, keep, []byte("keep"), "image/jpeg")
		if err := st.Delete(ctx, "photos/8"); err != nil {
			t.Errorf("Delete(prefix): %v", err)
		}
		if got, _ := get(t, keep); string(got) != "keep" {
			t.Errorf("object under a deleted prefix: %q", got)
		}
	})

	t.Run("invalid keys are refused", func(t *testing.T) {
		before := b.objects(t, "")
		for _, key := range invalidKeys {
			if err := st.Put(ctx, key, strings.NewReader("x"), 1, "text/plain"); err == nil {
				t.Errorf("Put(%q) accepted", key)
			}
			if _, err := st.Get(ctx, key); err == nil || errors.Is(err, objstore.ErrNotFound) {
				t.Errorf("Get(%q) = %v, want an invalid-key error", key, err)
			}
			if _, err := st.Stat(ctx, key); err == nil || errors.Is(err, objstore.ErrNotFound) {
				t.Errorf("Stat(%q) = %v, want an invalid-key error", key, err)
			}
			if err := st.Delete(ctx, key); err == nil {
				t.Errorf("Delete(%q) accepted", key)
			}
		}
		if after := b.objects(t, ""); !slices.Equal(before, after) {
			t.Errorf("objects changed: %q → %q", before, after)
		}
	})

	t.Run("a failed put leaves nothing", func(t *testing.T) {
		cases := []struct {
			name string
			size int
			r    func(body []byte) io.Reader
		}{
			{"reader fails halfway", 1000, func(b []byte) io.Reader {
				return io.MultiReader(bytes.NewReader(b[:500]), failingReader{})
			}},
			{"reader ends early", 1000, func(b []byte) io.Reader { return io.MultiReader(bytes.NewReader(b[:500])) }},
			{"seekable reader ends early", 1000, func(b []byte) io.Reader { return bytes.NewReader(b[:500]) }},
			{"reader fails after a 16 MiB part", 20 << 20, func(b []byte) io.Reader {
				return io.MultiReader(bytes.NewReader(b[:17<<20]), failingReader{})
			}},
		}
		for i, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				body := randomBytes(c.size)
				fresh := objstore.PhotoKey(int64(20+i), objstore.Original)
				if err := st.Put(ctx, fresh, c.r(body), int64(c.size), "image/jpeg"); err == nil {
					t.Fatal("Put succeeded")
				}
				isNotFound(t, fresh)
				if objs := b.objects(t, fmt.Sprintf("photos/%d/", 20+i)); len(objs) > 0 {
					t.Errorf("objects left: %q", objs)
				}
				noJunk(t)

				// Over an existing object, the old one stays whole.
				old := objstore.PhotoKey(int64(30+i), objstore.Original)
				put(t, old, []byte("old version"), "image/png")
				if err := st.Put(ctx, old, c.r(body), int64(c.size), "image/jpeg"); err == nil {
					t.Fatal("Put over an object succeeded")
				}
				if got, info := get(t, old); string(got) != "old version" || info.ContentType != "image/png" {
					t.Errorf("old object now %q %+v", got, info)
				}
				noJunk(t)
			})
		}
	})

	t.Run("a cancelled put leaves nothing", func(t *testing.T) {
		key := objstore.PhotoKey(40, objstore.Original)
		cctx, cancel := context.WithCancel(ctx)
		defer cancel()
		r := &cancelAfter{r: bytes.NewReader(randomBytes(200_000)), n: 50_000, cancel: cancel}
		if err := st.Put(cctx, key, r, 200_000, "image/jpeg"); err == nil {
			t.Fatal("Put succeeded")
		}
		isNotFound(t, key)
		noJunk(t)
	})

	t.Run("bytes past size are not stored", func(t *testing.T) {
		key := objstore.PhotoKey(41, objstore.Original)
		for _, r := range []io.Reader{strings.NewReader("keep|drop"), io.MultiReader(strings.NewReader("keep|drop"))} {
			if err := st.Put(ctx, key, r, 4, "text/plain"); err != nil {
				t.Fatal(err)
			}
			if got, _ := get(t, key); string(got) != "keep" {
				t.Errorf("stored %q, want %q", got, "keep")
			}
		}
	})

	t.Run("concurrent puts to distinct keys", func(t *testing.T) {
		const n = 16
		var wg sync.WaitGroup
		errs := make([]error, n)
		for i := range n {
			wg.Go(func() {
				body := bytes.Repeat([]byte{byte(i)}, 1000+i)
				errs[i] = st.Put(ctx, objstore.PhotoKey(int64(100+i), objstore.Thumb), bytes.NewReader(body), int64(len(body)), "image/jpeg")
			})
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("Put %d: %v", i, errs[i])
			}
			got, _ := get(t, objstore.PhotoKey(int64(100+i), objstore.Thumb))
			if !bytes.Equal(got, bytes.Repeat([]byte{byte(i)}, 1000+i)) {
				t.Errorf("object %d holds %d bytes of the wrong content", i, len(got))
			}
		}
		noJunk(t)
	})

	t.Run("list yields keys, sizes and times under a prefix", func(t *testing.T) {
		bodies := map[string]string{
			"list/a/1.jpg": "one", "list/a/2.jpg": "two!", "list/ab/3": "three", "list/b/4": "",
		}
		before := time.Now().Add(-2 * time.Second)
		for key, body := range bodies {
			put(t, key, []byte(body), "image/jpeg")
		}
		list := func(t *testing.T, prefix string) []string {
			t.Helper()
			var keys []string
			for info, err := range st.List(ctx, prefix) {
				if err != nil {
					t.Fatalf("List(%q): %v", prefix, err)
				}
				keys = append(keys, info.Key)
				if want, ok := bodies[info.Key]; ok && info.Size != int64(len(want)) {
					t.Errorf("List(%q): %s has size %d, want %d", prefix, info.Key, info.Size, len(want))
				}
				if info.ModTime.Before(before) && strings.HasPrefix(info.Key, "list/") ||
					info.ModTime.After(time.Now().Add(2*time.Second)) {
					t.Errorf("List(%q): %s ModTime %v is not about now", prefix, info.Key, info.ModTime)
				}
			}
			slices.Sort(keys)
			return keys
		}
		for _, tc := range []struct {
			prefix string
			want   []string
		}{
			{"list/", []string{"list/a/1.jpg", "list/a/2.jpg", "list/ab/3", "list/b/4"}},
			{"list/a/", []string{"list/a/1.jpg", "list/a/2.jpg"}},
			{"list/a", []string{"list/a/1.jpg", "list/a/2.jpg", "list/ab/3"}}, // a prefix, not a folder
			{"list/a/1.jpg", []string{"list/a/1.jpg"}},
			{"list/a/1.jpg/", nil},
			{"list/none/", nil},
			{"nothing-here", nil},
		} {
			if got := list(t, tc.prefix); !slices.Equal(got, tc.want) {
				t.Errorf("List(%q) = %q, want %q", tc.prefix, got, tc.want)
			}
		}
		// The listing sees what the backend holds, and nothing more: no
		// sidecar, no temporary file, no half-written upload.
		if got, want := list(t, ""), b.objects(t, ""); !slices.Equal(got, want) {
			t.Errorf("List(\"\") = %q; the backend holds %q", got, want)
		}
		for info, err := range st.List(ctx, "list/a/") {
			if err != nil {
				t.Fatal(err)
			}
			si, err := st.Stat(ctx, info.Key)
			if err != nil || si.Size != info.Size || si.ModTime.Sub(info.ModTime).Abs() > time.Second {
				t.Errorf("Stat(%s) = %+v, %v; List said %+v", info.Key, si, err, info)
			}
		}
		n := 0
		for range st.List(ctx, "list/") {
			n++
			break // stopping early must neither hang nor panic
		}
		if n != 1 {
			t.Errorf("an early break saw %d objects", n)
		}
		for _, prefix := range []string{"../", "/list", "list//", "List/", "list/../x"} {
			var errs int
			for _, err := range st.List(ctx, prefix) {
				if err != nil {
					errs++
				}
			}
			if errs != 1 {
				t.Errorf("List(%q) yielded %d errors, want 1", prefix, errs)
			}
		}
		cctx, cancel := context.WithCancel(ctx)
		cancel()
		var cancelled error
		for _, err := range st.List(cctx, "list/") {
			if err != nil {
				cancelled = err
			}
		}
		if !errors.Is(cancelled, context.Canceled) {
			t.Errorf("List with a cancelled context: %v, want context.Canceled", cancelled)
		}
		for key := range bodies {
			if err := st.Delete(ctx, key); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("readers of a key being overwritten see whole versions", func(t *testing.T) {
		key := objstore.PhotoKey(200, objstore.Display)
		version := func(v int) []byte { return bytes.Repeat([]byte{byte('a' + v)}, 20_000+v*1000) }
		put(t, key, version(0), "image/jpeg")
		var wg sync.WaitGroup
		stop := make(chan struct{})
		for v := 1; v <= 6; v++ {
			wg.Go(func() {
				if err := st.Put(ctx, key, bytes.NewReader(version(v)), int64(len(version(v))), "image/jpeg"); err != nil {
					t.Errorf("Put v%d: %v", v, err)
				}
			})
		}
		var reads sync.WaitGroup
		for range 4 {
			reads.Go(func() {
				for {
					select {
					case <-stop:
						return
					default:
					}
					obj, err := st.Get(ctx, key)
					if err != nil {
						t.Errorf("Get during overwrites: %v", err)
						return
					}
					got, err := io.ReadAll(obj.Body)
					obj.Body.Close()
					if err != nil {
						t.Errorf("read during overwrites: %v", err)
						return
					}
					if len(got) == 0 {
						t.Errorf("read an empty object during overwrites")
						return
					}
					v := int(got[0] - 'a')
					if int64(len(got)) != obj.Size || !bytes.Equal(got, version(v)) {
						t.Errorf("read %d bytes (Size %d) starting %q: not a whole version", len(got), obj.Size, got[:1])
						return
					}
				}
			})
		}
		wg.Wait()
		close(stop)
		reads.Wait()
		noJunk(t)
	})
}

// invalidKeys are refused by ValidKey and so by every backend.
var invalidKeys = []string{
	"", "../x", "/abs", "a/../b", "a/..", "..", "./a", "a//b", "a/",
	"Photos/1/display.jpg", "photos/1/Display.jpg", "a\\b", "a b", "a~type", "é",
	strings.Repeat("a", 513),
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("connection reset by peer") }

// cancelAfter cancels its context once n bytes have been read.
type cancelAfter struct {
	r      io.Reader
	n      int
	cancel func()
}

func (c *cancelAfter) Read(p []byte) (int, error) {
	if c.n <= 0 {
		c.cancel()
	}
	n, err := c.r.Read(p[:min(len(p), max(c.n, 1))])
	c.n -= n
	return n, err
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	r := rand.NewChaCha8([32]byte{byte(n), byte(n >> 8), byte(n >> 16)})
	_, _ = r.Read(b)
	return b
}
