package handlers

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/slatecasting/slate/internal/objstore"
)

// cleanupTimeout bounds the delete of an object whose row was refused.
const cleanupTimeout = 10 * time.Second

// putThenCommit stores an upload under key, then runs commit, which writes
// the row naming key and its jobs in one short transaction: the network
// I/O of the upload happens before any transaction starts. If commit
// fails, the object is deleted again, so a refused row (a full profile, a
// database error) leaves nothing behind; if that delete fails too, it is
// logged and the orphan sweep removes the object later.
func putThenCommit(ctx context.Context, log *slog.Logger, objects objstore.Store, key string, body io.Reader, size int64, contentType string,
	commit func(ctx context.Context) error,
) error {
	if err := objects.Put(ctx, key, body, size, contentType); err != nil {
		return fmt.Errorf("store upload: %w", err)
	}
	if err := commit(ctx); err != nil {
		// The request may be what ended: the delete gets its own deadline.
		dctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cleanupTimeout)
		defer cancel()
		if derr := objects.Delete(dctx, key); derr != nil {
			log.Warn("upload: the object of a refused row stays until the orphan sweep", "key", key, "err", derr)
		}
		return err
	}
	return nil
}
