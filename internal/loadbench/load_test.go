package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
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

// The later page of applicants is reached as a producer reads on: each
// page's More link, its &amp; unescaped, followed to the next.
func TestLaterPageFollowsMoreLinks(t *testing.T) {
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.URL.RequestURI())
		if ck, err := r.Cookie(sessionCookie); err != nil || ck.Value != "s" {
			t.Errorf("request without the session cookie: %v", err)
		}
		n := len(seen)
		fmt.Fprintf(w, `<a class="btn" href="/listings/7/people?after=c%d&amp;tab=received">More people</a>`, n)
	}))
	defer srv.Close()
	got, err := laterPage(strings.TrimPrefix(srv.URL, "http://"), "s", "/listings/7/people?tab=received", 3)
	if err != nil {
		t.Fatal(err)
	}
	if want := "/listings/7/people?after=c3&tab=received"; got != want {
		t.Errorf("later page = %q, want %q (followed %v)", got, want, seen)
	}
	if len(seen) != 3 || seen[1] != "/listings/7/people?after=c1&tab=received" {
		t.Errorf("pages fetched = %v", seen)
	}
}
