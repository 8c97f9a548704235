package platform_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"testing"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/internal/platform"
	"github.com/slatecasting/slate/internal/testdb"
)

// unregisteredArgs is a job kind nobody wrote a worker for.
type unregisteredArgs struct{}

func (unregisteredArgs) Kind() string { return "nobody_works_this" }

// Even a process that runs no workers holds the worker bundle, so a job
// kind without a worker fails where it is inserted instead of waiting in
// the queue forever; the kinds the store inserts go through.
func TestInserterKnowsEveryWorker(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	pool := testdb.New(t)
	cfg := config.Config{LogLevel: "error", Storage: objstore.Config{Backend: "local", LocalDir: t.TempDir()}}
	p, err := platform.Build(ctx, cfg, pool, slog.New(slog.NewTextHandler(io.Discard, nil)), platform.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Store.CreateAccount(ctx, "Ada", "ada@example.com", domain.RolePerformer, "h"); err != nil {
		t.Fatalf("an insert of a registered kind failed: %v", err)
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	var unknown *river.UnknownJobKindError
	if _, err := p.Inserter.InsertTx(ctx, tx, unregisteredArgs{}, nil); !errors.As(err, &unknown) {
		t.Fatalf("insert of a kind without a worker = %v, want UnknownJobKindError", err)
	}
}
