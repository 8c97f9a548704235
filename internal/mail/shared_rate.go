package mail

import (
	"context"
	"fmt"
	"math"
	"sync"
	"time"
)

// RateStore keeps the sends of each SMTP server's current window, shared
// by every process (store.TakeMailTokens).
type RateStore interface {
	TakeMailTokens(ctx context.Context, server string, window time.Time, want, capacity int) (int, error)
}

// SharedRate caps the messages every process together sends to one
// server at Rate a second (SLATE_SMTP_RATE is per server, not per
// process): windows of a second (longer below one message a second) hold
// Rate sends each, which the processes take from the database a few at a
// time. Tokens taken and not used expire with their window, so no
// process saves up for a burst.
type SharedRate struct {
	Store  RateStore
	Server string
	Rate   float64
	// Now and Sleep are the clock (tests move it); nil: the real one.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error

	mu     sync.Mutex
	window time.Time
	stash  int
}

// span and capacity: a window long enough to hold one send at least.
func (r *SharedRate) span() (time.Duration, int) {
	seconds := math.Max(1, math.Ceil(1/r.Rate))
	return time.Duration(seconds) * time.Second, max(1, int(r.Rate*seconds))
}

// Wait returns when one more message may go out, or when ctx ends.
func (r *SharedRate) Wait(ctx context.Context) error {
	now, sleep := r.Now, r.Sleep
	if now == nil {
		now = time.Now
	}
	if sleep == nil {
		sleep = sleepCtx
	}
	span, capacity := r.span()
	block := max(1, capacity/8) // a few at a time: fair between processes, few round trips
	for {
		t := now()
		window := t.Truncate(span)
		r.mu.Lock()
		if !r.window.Equal(window) {
			r.window, r.stash = window, 0
		}
		if r.stash == 0 {
			got, err := r.Store.TakeMailTokens(ctx, r.Server, window, block, capacity)
			if err != nil {
				r.mu.Unlock()
				return fmt.Errorf("mail: rate: %w", err)
			}
			r.stash = got
		}
		if r.stash > 0 {
			r.stash--
			r.mu.Unlock()
			return nil
		}
		r.mu.Unlock()
		if err := sleep(ctx, window.Add(span).Sub(t)); err != nil {
			return fmt.Errorf("mail: rate: %w", err)
		}
	}
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
