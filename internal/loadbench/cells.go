package main

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"
)

// measure runs one cell against a child server and reads what the child
// allocated and the CPU time it used while the cell was measured; with
// profile set and a pprof folder configured, it also profiles the child
// over the measurement.
func measure(c *child, t target, conns int, s settings, profile bool) (row, error) {
	var before, after memStats
	var cpuBefore, cpuAfter time.Duration
	var pgBefore, pgAfter map[int]time.Duration
	var pgOK bool
	var errs []error
	var prof func() error
	read := func(m *memStats, cpu *time.Duration) {
		var err error
		*m, _, err = c.mem()
		errs = append(errs, err)
		*cpu, err = cpuTime(c.cmd.Process.Pid)
		errs = append(errs, err)
	}
	h := hooks{
		start: func() {
			if profile && s.pprofDir != "" {
				prof = startProfiles(c, s.pprofDir, t.key, s.dur)
			}
			read(&before, &cpuBefore)
			pgBefore, _ = s.pg.backendCPU(context.Background(), appName(c.kind))
		},
		end: func() {
			read(&after, &cpuAfter)
			pgAfter, pgOK = s.pg.backendCPU(context.Background(), appName(c.kind))
		},
	}
	res := drive(c.addr, t, conns, s.warm, s.dur, h)
	if prof != nil {
		errs = append(errs, prof())
	}
	if err := errors.Join(errs...); err != nil {
		return row{}, fmt.Errorf("%s: %w", t.name, err)
	}
	r := row{name: t.name, key: t.key, conns: conns, res: res, cpu: cpuAfter - cpuBefore,
		allocBytes: after.TotalAlloc - before.TotalAlloc, allocs: after.Mallocs - before.Mallocs}
	if pgOK {
		r.pgCPU, r.pgRead = pgUsed(pgBefore, pgAfter), true
	}
	return r, nil
}

// profileKinds are the pprof profiles taken of a page's cell, by the name
// net/http/pprof serves them under and the file suffix they get.
var profileKinds = []struct{ endpoint, file string }{
	{"profile", "cpu"},
	{"allocs", "allocs"},
	{"mutex", "mutex"},
}

// startProfiles fetches the CPU, allocation and lock contention profiles
// of a child covering the coming measurement; the returned func waits for
// them.
func startProfiles(c *child, dir, key string, dur time.Duration) func() error {
	secs := max(1, int(dur.Round(time.Second).Seconds()))
	errc := make(chan error, len(profileKinds))
	for _, k := range profileKinds {
		path := filepath.Join(dir, fmt.Sprintf("%s-%s.pprof", key, k.file))
		go func() { errc <- c.profile(k.endpoint, secs, path) }()
	}
	return func() error {
		var errs []error
		for range profileKinds {
			errs = append(errs, <-errc)
		}
		if err := errors.Join(errs...); err != nil {
			return fmt.Errorf("profile %s: %w", key, err)
		}
		return nil
	}
}
