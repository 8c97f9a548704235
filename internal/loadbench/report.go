package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

// row is one measured cell and, for a page, what the web process
// allocated during it and the peer's requests a second beside it (the mean
// of the peer cells just before and just after).
type row struct {
	name, key  string
	conns      int
	res        result
	peerRPS    float64
	allocBytes uint64
	allocs     uint64
	cpu        time.Duration // the server process's CPU time while measured
	// pgCPU is the CPU time of the PostgreSQL backends serving the server
	// while measured, when pgRead (see pgcpu.go).
	pgCPU  time.Duration
	pgRead bool
}

// pgPerReq is pgCPU per request in microseconds, "-" when not measured.
func (r row) pgPerReq() string {
	if !r.pgRead {
		return "-"
	}
	return f0(float64(r.pgCPU.Microseconds()) / float64(max(1, r.res.requests)))
}

// cpuPerReq is the server's CPU time per request, in microseconds: less
// sensitive than req/s to what else the machine is doing.
func (r row) cpuPerReq() float64 {
	return float64(r.cpu.Microseconds()) / float64(max(1, r.res.requests))
}

// report prints the pages' table, grouped by page, then the peer's cells.
func report(w io.Writer, rows []row, judged int) {
	var pageRows, peerRows []row
	for _, r := range rows {
		if r.key == "peer" {
			peerRows = append(peerRows, r)
		} else {
			pageRows = append(pageRows, r)
		}
	}
	order := map[string]int{}
	for _, r := range pageRows {
		if _, ok := order[r.key]; !ok {
			order[r.key] = len(order)
		}
	}
	slices.SortStableFunc(pageRows, func(a, b row) int { return order[a.key] - order[b.key] })

	fmt.Fprintf(w, "\nSlate pages against the bare peer (target at %d connections: ≥ %.2f of the peer's req/s and p99 ≤ %v)\n\n", judged, targetShare, targetP99)
	const line = "%-36s %5v %7v %9v %9v %9v %6v %7v %10v %9v %12v %10v %10v %5v %6v\n"
	fmt.Fprintf(w, line, "page", "conns", "req/s", "p50", "p95", "p99", "errors", "KB/resp", "CPU µs/req", "PG µs/req", "KB alloc/req", "allocs/req", "peer req/s", "share", "target")
	passed, judgedRows := 0, 0
	for _, r := range pageRows {
		verdict := "-"
		if r.conns == judged {
			judgedRows++
			verdict = "FAIL"
			if r.res.errors == 0 && r.res.rps() >= targetShare*r.peerRPS && r.res.quantile(0.99) <= targetP99 {
				verdict = "PASS"
				passed++
			}
		}
		n := float64(max(1, r.res.requests))
		fmt.Fprintf(w, line, r.name, r.conns, f0(r.res.rps()), ms(r.res.quantile(0.5)), ms(r.res.quantile(0.95)), ms(r.res.quantile(0.99)),
			r.res.errors, f1(float64(r.res.bytes)/n/1024), f0(r.cpuPerReq()), r.pgPerReq(), f1(float64(r.allocBytes)/n/1024), f0(float64(r.allocs)/n),
			f0(r.peerRPS), fmt.Sprintf("%.2f", r.res.rps()/r.peerRPS), verdict)
	}
	if judgedRows == 0 {
		fmt.Fprintf(w, "\nno cell at %d connections in this run: nothing judged against the target.\n", judged)
	} else {
		fmt.Fprintf(w, "\n%d of %d pages meet the target at %d connections.\n", passed, judgedRows, judged)
	}
	for _, r := range pageRows {
		if r.res.errors > 0 {
			fmt.Fprintf(w, "%s at %d connections: %d errors, first: %s\n", r.name, r.conns, r.res.errors, r.res.firstErr)
		}
	}

	fmt.Fprintf(w, "\nthe peer (Fiber defaults, one pgx query, one small html/template), %d cells per connection count\n\n", len(peerRows)/max(1, countConns(peerRows)))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "conns\tmin req/s\tmedian req/s\tmax req/s\tmedian p99\tmedian CPU µs/req\tmedian PG µs/req\tKB alloc/req\terrors\t")
	for _, conns := range distinctConns(peerRows) {
		var rps, cpu, pg, alloc []float64
		var p99 []time.Duration
		errs := 0
		for _, r := range peerRows {
			if r.conns == conns {
				rps = append(rps, r.res.rps())
				p99 = append(p99, r.res.quantile(0.99))
				cpu = append(cpu, r.cpuPerReq())
				if r.pgRead {
					pg = append(pg, float64(r.pgCPU.Microseconds())/float64(max(1, r.res.requests)))
				}
				alloc = append(alloc, float64(r.allocBytes)/float64(max(1, r.res.requests))/1024)
				errs += r.res.errors
			}
		}
		for _, v := range [][]float64{rps, cpu, pg, alloc} {
			slices.Sort(v)
		}
		slices.Sort(p99)
		pgMedian := "-"
		if len(pg) > 0 {
			pgMedian = f0(pg[len(pg)/2])
		}
		fmt.Fprintf(tw, "%d\t%.0f\t%.0f\t%.0f\t%s\t%.0f\t%s\t%.1f\t%d\t\n", conns, rps[0], rps[len(rps)/2], rps[len(rps)-1],
			ms(p99[len(p99)/2]), cpu[len(cpu)/2], pgMedian, alloc[len(alloc)/2], errs)
	}
	tw.Flush()
}

// reportHeavy prints the heavy cases, each cell judged against heavyP95.
func reportHeavy(w io.Writer, rows []row) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "\nheavy cases through the real handler (target p95 ≤ %v)\n\n", heavyP95)
	const line = "%-40s %5v %7v %9v %9v %9v %6v %7v %10v %6v\n"
	fmt.Fprintf(w, line, "case", "conns", "req/s", "p50", "p95", "p99", "errors", "KB/resp", "CPU µs/req", "target")
	passed := 0
	for _, r := range rows {
		verdict := "FAIL"
		if r.res.errors == 0 && r.res.quantile(0.95) <= heavyP95 {
			verdict = "PASS"
			passed++
		}
		n := float64(max(1, r.res.requests))
		fmt.Fprintf(w, line, r.name, r.conns, f0(r.res.rps()), ms(r.res.quantile(0.5)), ms(r.res.quantile(0.95)), ms(r.res.quantile(0.99)),
			r.res.errors, f1(float64(r.res.bytes)/n/1024), f0(r.cpuPerReq()), verdict)
	}
	fmt.Fprintf(w, "\n%d of %d heavy cells meet the target.\n", passed, len(rows))
	for _, r := range rows {
		if r.res.errors > 0 {
			fmt.Fprintf(w, "%s at %d connections: %d errors, first: %s\n", r.name, r.conns, r.res.errors, r.res.firstErr)
		}
	}
}

// reportMemory prints the web process's memory at rest (started, nothing
// served yet) and after the whole load.
func reportMemory(w io.Writer, pid int, m [2]memStats, p [2]procMem) {
	fmt.Fprintf(w, "\nweb process memory (pid %d; Go heap in use, VmRSS, VmHWM)\n\n", pid)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "\theap in use\tRSS\tpeak RSS\tGCs\t")
	for i, label := range []string{"at rest (started, no request yet)", "after load"} {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%d\t\n", label, mib(m[i].HeapInuse), mib(p[i].RSS), mib(p[i].PeakRSS), m[i].NumGC)
	}
	tw.Flush()
}

// cpuTimes are the CPU time (user + system) used so far by the load
// generator (this process), the web process and the peer.
type cpuTimes struct{ gen, web, peer time.Duration }

func readCPU(slate, bare *child) (cpuTimes, error) {
	var self syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &self); err != nil {
		return cpuTimes{}, err
	}
	web, err := cpuTime(slate.cmd.Process.Pid)
	if err != nil {
		return cpuTimes{}, err
	}
	peerCPU, err := cpuTime(bare.cmd.Process.Pid)
	return cpuTimes{gen: time.Duration(self.Utime.Nano() + self.Stime.Nano()), web: web, peer: peerCPU}, err
}

// reportCPU prints the CPU time each process used during the cells, so a
// reader can see whether the load generator, which shares the machine,
// was the limit.
func reportCPU(w io.Writer, before, after cpuTimes, wall time.Duration) {
	r := func(d time.Duration) string { return d.Round(time.Second / 10).String() }
	fmt.Fprintf(w, "\nCPU time during the %v of load: load generator %s, web process %s, peer %s\n",
		wall.Round(time.Second), r(after.gen-before.gen), r(after.web-before.web), r(after.peer-before.peer))
}

// cpuTime reads a process's user and system time from /proc/<pid>/stat.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name (field 2) is in parentheses and may hold spaces.
	rest := string(b[strings.LastIndexByte(string(b), ')')+2:])
	f := strings.Fields(rest)
	if len(f) < 13 {
		return 0, fmt.Errorf("short /proc/%d/stat", pid)
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks, nil
}

func countConns(rows []row) int { return len(distinctConns(rows)) }

func distinctConns(rows []row) []int {
	var out []int
	for _, r := range rows {
		if !slices.Contains(out, r.conns) {
			out = append(out, r.conns)
		}
	}
	return out
}

func f0(v float64) string { return fmt.Sprintf("%.0f", v) }

func f1(v float64) string { return fmt.Sprintf("%.1f", v) }

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func mib(b uint64) string { return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20)) }

func readAll(resp *http.Response) (string, error) {
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", resp.Request.URL.Path, err)
	}
	return string(b), nil
}
