package main

import (
	"testing"
	"time"
)

// The table's percentiles are nearest-rank: p99 of 100 sorted latencies
// is the 99th, never an interpolation between two requests.
func TestQuantileIsNearestRank(t *testing.T) {
	var r result
	for i := 1; i <= 100; i++ {
		r.latencies = append(r.latencies, time.Duration(i)*time.Millisecond)
	}
	for q, want := range map[float64]time.Duration{0.5: 50 * time.Millisecond, 0.95: 95 * time.Millisecond, 0.99: 99 * time.Millisecond, 1: 100 * time.Millisecond} {
		if got := r.quantile(q); got != want {
			t.Errorf("quantile(%v) = %v, want %v", q, got, want)
		}
	}
	if got := (result{}).quantile(0.99); got != 0 {
		t.Errorf("quantile of no latencies = %v, want 0", got)
	}
}
