package main

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// A page's cost is not only the web process's: every query is work for
// PostgreSQL, on the same two cores, and a page that asks more of it
// leaves fewer requests a second to everyone. pgCPU measures that part:
// each child connects under its own application_name (PGAPPNAME), and
// the CPU time of the backends serving it is read from /proc before and
// after a cell. It works when PostgreSQL runs on this machine; elsewhere
// (a remote SLATE_BENCH_DATABASE_URL) the column stays empty.

// appName is the application_name a child's connections carry.
func appName(kind string) string { return "loadbench-" + kind }

// pgMonitor reads the backends of the children from pg_stat_activity.
type pgMonitor struct{ conn *pgx.Conn }

// backendCPU is the CPU time of each backend serving app, by pid; ok is
// false when none could be read (PostgreSQL on another machine).
func (m *pgMonitor) backendCPU(ctx context.Context, app string) (map[int]time.Duration, bool) {
	if m == nil {
		return nil, false
	}
	rows, err := m.conn.Query(ctx, `SELECT pid FROM pg_stat_activity WHERE application_name = $1`, app)
	if err != nil {
		return nil, false
	}
	pids, err := pgx.CollectRows(rows, pgx.RowTo[int])
	if err != nil {
		return nil, false
	}
	out := make(map[int]time.Duration, len(pids))
	for _, pid := range pids {
		if d, err := cpuTime(pid); err == nil {
			out[pid] = d
		}
	}
	return out, len(out) > 0
}

// pgUsed is the CPU the backends used between two readings: a backend
// that appeared in between counts from zero (a connection the pool opened
// during the cell), one that disappeared is lost (rare: pools keep theirs).
func pgUsed(before, after map[int]time.Duration) time.Duration {
	var d time.Duration
	for pid, a := range after {
		d += a - before[pid]
	}
	return d
}
