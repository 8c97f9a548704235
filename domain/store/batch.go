package store

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Batch gathers a page's reads that do not depend on one another and sends
// them to PostgreSQL in one round trip (pgx pipelines a batch), where
// calling the store's methods one by one would wait for each answer in
// turn. A read whose arguments come from an earlier one (a page of
// listings, then their roles) is queued when that one has been read and
// goes in the next round trip. Each queue method returns where its result
// will be; the results are there once Send has returned nil.
//
// Every read keeps the scoping of the method of the same name: a batch is
// only a way of sending them.
type Batch struct {
	s    *Store
	b    *pgx.Batch
	next []func(*Batch)
}

// Batch starts an empty batch of reads.
func (s *Store) Batch() *Batch { return &Batch{s: s, b: &pgx.Batch{}} }

// after queues fn for the next round trip, once this one's results are in.
func (b *Batch) after(fn func(*Batch)) { b.next = append(b.next, fn) }

// Send runs the queued reads, a round trip per stage, and fills the
// results in.
func (b *Batch) Send(ctx context.Context) error {
	for b.b.Len() > 0 {
		if err := b.s.pool.SendBatch(ctx, b.b).Close(); err != nil {
			return fmt.Errorf("store: batch: %w", err)
		}
		next := b.next
		b.b, b.next = &pgx.Batch{}, nil
		for _, fn := range next {
			fn(b)
		}
	}
	return nil
}

// one sends a batch of the single read queue queues and returns its
// result: the store's plain methods are their batch versions sent alone.
func one[T any](ctx context.Context, s *Store, queue func(*Batch) *T) (T, error) {
	b := s.Batch()
	out := queue(b)
	if err := b.Send(ctx); err != nil {
		var zero T
		return zero, err
	}
	return *out, nil
}

// queueRows queues a query whose rows scan collects into out.
func queueRows[T any](b *pgx.Batch, what string, out *[]T, scan pgx.RowToFunc[T], sql string, args ...any) {
	b.Queue(sql, args...).Query(func(rows pgx.Rows) error {
		list, err := pgx.CollectRows(rows, scan)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		*out = list
		return nil
	})
}
