package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testdb"
)

// TestTheSMTPRateIsSharedByProcesses: two processes' limiters on one
// database, both wanting more than the rate, together send at most Rate
// in each second and lose no window to the other (a fake clock, moved
// by the limiters' own sleeps).
func TestTheSMTPRateIsSharedByProcesses(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, _ := testdb.NewStore(t)
	var mu sync.Mutex
	clock := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return clock }
	perSecond := map[int64]int{}
	sleep := func(_ context.Context, d time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		if d > 0 {
			clock = clock.Add(d)
		}
		return nil
	}
	const rate = 12
	a := &mail.SharedRate{Store: st, Server: "smtp.example.com:587", Rate: rate, Now: now, Sleep: sleep}
	b := &mail.SharedRate{Store: st, Server: "smtp.example.com:587", Rate: rate, Now: now, Sleep: sleep}
	other := &mail.SharedRate{Store: st, Server: "other.example.com:587", Rate: rate, Now: now, Sleep: sleep}
	for i := range 5 * rate {
		for _, l := range []*mail.SharedRate{a, b} {
			if err := l.Wait(ctx); err != nil {
				t.Fatal(i, err)
			}
			perSecond[now().Unix()]++
		}
	}
	for sec, n := range perSecond {
		if n > rate {
			t.Errorf("second %d: %d sends, want at most %d", sec, n, rate)
		}
	}
	if len(perSecond) != 10 {
		t.Errorf("%d sends took %d seconds, want 10 (12 a second)", 10*rate, len(perSecond))
	}
	// Another server has its own rate, untouched by the first's.
	before := now()
	if err := other.Wait(ctx); err != nil || !now().Equal(before) {
		t.Errorf("another server waited: %v, %v", err, now().Sub(before))
	}
	// Rates below one a second: one send per window of ceil(1/rate) s, so
	// the third of three goes two windows after the first.
	slow := &mail.SharedRate{Store: st, Server: "slow.example.com:25", Rate: 0.25, Now: now, Sleep: sleep}
	start := now()
	for range 3 {
		if err := slow.Wait(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if took := now().Sub(start); took <= 4*time.Second || took > 8*time.Second {
		t.Errorf("three sends at 0.25 a second took %v, want more than 4 s and at most 8", took)
	}
}
