package handlers

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/slatecasting/slate/internal/objstore"
)

// failingPut is a store whose uploads fail, as an unreachable bucket's do.
type failingPut struct{ objstore.Store }

func (failingPut) Put(context.Context, string, io.Reader, int64, string) error {
	return errors.New("bucket unreachable")
}

func TestPutThenCommit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	objects, err := objstore.NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	stored := func(key string) bool {
		_, err := objects.Stat(ctx, key)
		return err == nil
	}

	t.Run("the object is stored before the row commits", func(t *testing.T) {
		key := objstore.PhotoKey(1, objstore.Original)
		err := putThenCommit(ctx, discard, objects, key, strings.NewReader("jpeg"), 4, "image/jpeg", func(context.Context) error {
			if !stored(key) {
				t.Error("commit ran before the object was stored")
			}
			return nil
		})
		if err != nil || !stored(key) {
			t.Fatalf("putThenCommit = %v; stored %v", err, stored(key))
		}
	})

	t.Run("a failed upload writes no row", func(t *testing.T) {
		committed := false
		err := putThenCommit(ctx, discard, failingPut{objects}, objstore.PhotoKey(2, objstore.Original), strings.NewReader("jpeg"), 4, "image/jpeg",
			func(context.Context) error { committed = true; return nil })
		if err == nil || committed {
			t.Fatalf("putThenCommit = %v, committed %v: a failed upload left a row", err, committed)
		}
	})

	t.Run("a refused row leaves no object, even once the request ended", func(t *testing.T) {
		refused := errors.New("too many photos")
		key := objstore.ReelKey(3)
		cctx, cancel := context.WithCancel(ctx)
		err := putThenCommit(cctx, discard, objects, key, strings.NewReader("mp3"), 3, "audio/mpeg", func(context.Context) error {
			cancel() // the visitor went away while the row was written
			return refused
		})
		if !errors.Is(err, refused) {
			t.Fatalf("putThenCommit = %v, want the commit's error", err)
		}
		if stored(key) {
			t.Fatal("the object of a refused row is still stored")
		}
	})
}

var discard = slog.New(slog.NewTextHandler(io.Discard, nil))
