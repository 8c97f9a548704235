package photocheck

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/semaphore"
)

// Budget is a process-wide allowance of memory for decoding pictures, so
// N media workers cannot multiply the peak by N: each photo acquires its
// estimated cost (Info.DecodeBytes plus its file) before it is decoded
// and gives it back when Process returns. Photos that fit together run
// together; one that does not waits for the others. Waiters are served in
// order, so a large photo is not starved by a stream of small ones.
//
// One Budget is shared by every worker of a process; a nil *Budget
// allows everything, for the command line and tests.
type Budget struct {
	sem  *semaphore.Weighted
	size int64
}

// NewBudget is a budget of size bytes. Limits.PhotoMemory is the
// smallest useful size: one photo at the limits can run on its own.
func NewBudget(size int64) *Budget {
	size = max(size, 1)
	return &Budget{sem: semaphore.NewWeighted(size), size: size}
}

// Size is the budget's total in bytes.
func (b *Budget) Size() int64 {
	if b == nil {
		return 0
	}
	return b.size
}

// Acquire waits until n bytes of the budget are free, or ctx is done, and
// returns the function that gives them back (calling it again does
// nothing). A request
// larger than the whole budget takes all of it, so such a photo runs
// alone rather than never.
func (b *Budget) Acquire(ctx context.Context, n int64) (release func(), err error) {
	if b == nil {
		return func() {}, nil
	}
	n = min(max(n, 1), b.size)
	if err := b.sem.Acquire(ctx, n); err != nil {
		return nil, fmt.Errorf("media: wait for memory: %w", err)
	}
	var once sync.Once
	return func() { once.Do(func() { b.sem.Release(n) }) }, nil
}
