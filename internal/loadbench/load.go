package main

import (
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/valyala/fasthttp"
)

// The load generator is closed-loop, as wrk is: conns goroutines, each
// with its own keep-alive connection, send the next request as soon as the
// last answer is read, and every latency is kept. It uses fasthttp's
// client (already in the module through Fiber) because on a 2-core
// machine the generator shares the CPU with the server: net/http's client
// costs several times more per request and would cap the fast peer far
// more than the slow pages, flattering their share.

// target is one URL the bench drives.
type target struct {
	key    string // what SLATE_BENCH_PAGES and profile file names use
	name   string // the table's row label
	path   string
	cookie string // the session cookie's value; "" for a visitor
	htmx   bool   // sent as an htmx fragment request
}

// result is one cell: one target at one connection count.
type result struct {
	requests  int
	errors    int
	firstErr  string
	bytes     int64 // response bodies as sent on the wire
	elapsed   time.Duration
	latencies []time.Duration // sorted
}

func (r result) rps() float64 { return float64(r.requests) / r.elapsed.Seconds() }

// quantile is the q-th latency (nearest rank).
func (r result) quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	i := int(float64(len(r.latencies))*q+0.999999) - 1
	return r.latencies[max(0, min(i, len(r.latencies)-1))]
}

// phases of a cell, read by every worker before each request.
const (
	warming int32 = iota
	measuring
	stopping
)

// worker is one connection's loop and what it saw while measuring.
type worker struct {
	lat      []time.Duration
	errors   int
	firstErr string
	bytes    int64
}

// hooks run at the edges of a cell's measurement, under load.
type hooks struct {
	start, end func()
}

// drive runs one cell against addr: warm-up, then dur of measurement.
// Requests that start while measuring count, with their whole latency,
// even if they end after it; the ones started during the warm-up do not.
func drive(addr string, t target, conns int, warm, dur time.Duration, h hooks) result {
	var phase atomic.Int32
	workers := make([]*worker, conns)
	var wg sync.WaitGroup
	for i := range workers {
		w := &worker{lat: make([]time.Duration, 0, 4096)}
		workers[i] = w
		wg.Add(1)
		go func() {
			defer wg.Done()
			w.run(addr, t, &phase)
		}()
	}
	time.Sleep(warm)
	if h.start != nil {
		h.start()
	}
	start := time.Now()
	phase.Store(measuring)
	time.Sleep(dur)
	if h.end != nil {
		h.end()
	}
	phase.Store(stopping)
	elapsed := time.Since(start)
	wg.Wait()

	r := result{elapsed: elapsed}
	n := 0
	for _, w := range workers {
		n += len(w.lat)
	}
	r.latencies = make([]time.Duration, 0, n)
	for _, w := range workers {
		r.latencies = append(r.latencies, w.lat...)
		r.errors += w.errors
		r.bytes += w.bytes
		if r.firstErr == "" {
			r.firstErr = w.firstErr
		}
	}
	r.requests = len(r.latencies)
	slices.Sort(r.latencies)
	return r
}

func (w *worker) run(addr string, t target, phase *atomic.Int32) {
	hc := &fasthttp.HostClient{
		Addr: addr, MaxConns: 1, MaxIdemponentCallAttempts: 1,
		ReadTimeout: 30 * time.Second, WriteTimeout: 30 * time.Second,
		NoDefaultUserAgentHeader: true, DisablePathNormalizing: true,
	}
	defer hc.CloseIdleConnections()
	req, resp := fasthttp.AcquireRequest(), fasthttp.AcquireResponse()
	defer fasthttp.ReleaseRequest(req)
	defer fasthttp.ReleaseResponse(resp)
	browserRequest(req, addr, t)
	for {
		ph := phase.Load()
		if ph == stopping {
			return
		}
		start := time.Now()
		err := hc.Do(req, resp)
		el := time.Since(start)
		if ph != measuring {
			continue
		}
		w.lat = append(w.lat, el)
		switch {
		case err != nil:
			w.fail(err.Error())
		case resp.StatusCode() != fasthttp.StatusOK:
			w.fail(fmt.Sprintf("status %d", resp.StatusCode()))
		default:
			w.bytes += int64(len(resp.Body()))
		}
	}
}

func (w *worker) fail(msg string) {
	w.errors++
	if w.firstErr == "" {
		w.firstErr = msg
	}
}

// browserRequest fills req with what Chrome sends for a page (or htmx for
// a fragment), Accept-Encoding included, so compression counts once the
// server offers it.
func browserRequest(req *fasthttp.Request, addr string, t target) {
	req.SetRequestURI("http://" + addr + t.path)
	req.Header.SetMethod(fasthttp.MethodGet)
	req.Header.Set("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36")
	req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
	req.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	if t.htmx {
		req.Header.Set("Accept", "*/*")
		req.Header.Set("HX-Request", "true")
		req.Header.Set("HX-Current-URL", "http://"+addr+"/profile")
		req.Header.Set("Sec-Fetch-Mode", "cors")
	} else {
		req.Header.Set("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8")
		req.Header.Set("Sec-Fetch-Mode", "navigate")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if t.cookie != "" {
		req.Header.SetCookie(sessionCookie, t.cookie)
	}
}
