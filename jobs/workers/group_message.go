package workers

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/jobs"
)

// GroupMessenger is what the group message workers need from the store.
type GroupMessenger interface {
	ExpandGroupMessage(ctx context.Context, messageID int64, batch int) (done bool, err error)
	DeliverGroupMessage(ctx context.Context, deliveryIDs []int64) error
}

// ExpandGroupMessageWorker expands a group message batch by batch, each
// batch its own transaction with its checkpoint: killed mid-way, the
// retry resumes at the checkpoint, and anything done twice inserts
// nothing (deliveries are unique per message and recipient).
type ExpandGroupMessageWorker struct {
	river.WorkerDefaults[jobs.ExpandGroupMessageArgs]
	Store GroupMessenger
	// Batch is the recipients per transaction (0: store.GroupExpandBatch).
	Batch int
}

// Work expands every batch.
func (w *ExpandGroupMessageWorker) Work(ctx context.Context, job *river.Job[jobs.ExpandGroupMessageArgs]) error {
	batch := w.Batch
	if batch <= 0 {
		batch = store.GroupExpandBatch
	}
	for {
		done, err := w.Store.ExpandGroupMessage(ctx, job.Args.MessageID, batch)
		if err != nil {
			return fmt.Errorf("expand group message: %w", err)
		}
		if done {
			return nil
		}
	}
}

// DeliverGroupMessageWorker delivers a group message to a batch of
// recipients; run twice, it writes nothing twice (each delivery row says
// it is done, and each notification's dedupe key is per message and
// recipient).
type DeliverGroupMessageWorker struct {
	river.WorkerDefaults[jobs.DeliverGroupMessageArgs]
	Store GroupMessenger
}

// Work delivers.
func (w *DeliverGroupMessageWorker) Work(ctx context.Context, job *river.Job[jobs.DeliverGroupMessageArgs]) error {
	return w.Store.DeliverGroupMessage(ctx, job.Args.IDs())
}
