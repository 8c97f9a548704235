package photocheck

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/slatecasting/slate/domain"
)

// EvalCase is one labelled picture of an evaluation set: a line of its
// manifest.tsv (file, label, expect, source, licence, edit).
type EvalCase struct {
	File, Label string
	// Expect is "pass" (a real portrait: no check may fail) or
	// "fail:a|b" (a bad picture: at least one of the named checks must
	// fail it).
	Expect                string
	Source, Licence, Edit string
}

// EvalOutcome is what the worker's checks said about one case.
type EvalOutcome struct {
	Case   EvalCase
	Report FileReport
	Failed []string // judged checks that failed
	Warned []string // judged checks that warned
	OK     bool     // the outcome matches Expect
}

// evalUnjudged are the checks the evaluation reports but does not judge:
// the set's copies are small on purpose (≤ 400 px, to stay light in the
// repository and quick under the race detector), so resolution would fail
// them all; it is a pure pixel count, tested on its own.
var evalUnjudged = []string{"resolution"}

// ReadManifest reads dir/manifest.tsv; lines starting with # are comments.
func ReadManifest(dir string) ([]EvalCase, error) {
	f, err := os.Open(filepath.Join(dir, "manifest.tsv"))
	if err != nil {
		return nil, fmt.Errorf("media: eval manifest: %w", err)
	}
	defer f.Close()
	var cases []EvalCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		col := strings.Split(line, "\t")
		if len(col) < 3 || (col[2] != Pass && !strings.HasPrefix(col[2], Fail+":")) {
			return nil, fmt.Errorf("media: eval manifest line %d: want file, label, pass or fail:check|check", n)
		}
		for len(col) < 6 {
			col = append(col, "")
		}
		cases = append(cases, EvalCase{File: col[0], Label: col[1], Expect: col[2], Source: col[3], Licence: col[4], Edit: col[5]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("media: eval manifest: %w", err)
	}
	return cases, nil
}

// Evaluate runs the worker's headshot checks (checkFile: the same
// decoding, orientation, working copy and thresholds as Process) on every
// case of the set in dir.
func Evaluate(dir string, lim Limits) ([]EvalOutcome, error) {
	cases, err := ReadManifest(dir)
	if err != nil {
		return nil, err
	}
	out := make([]EvalOutcome, 0, len(cases))
	for _, c := range cases {
		out = append(out, EvaluateCase(dir, c, lim))
	}
	return out, nil
}

// EvaluateCase runs the worker's headshot checks on one case of the set
// in dir and judges the outcome against its expectation.
func EvaluateCase(dir string, c EvalCase, lim Limits) EvalOutcome {
	return judge(c, checkFile(filepath.Join(dir, c.File), domain.PhotoHeadshot, lim.withDefaults()))
}

// judge compares a report with the case's expectation.
func judge(c EvalCase, fr FileReport) EvalOutcome {
	o := EvalOutcome{Case: c, Report: fr}
	for _, r := range fr.Checks {
		switch {
		case slices.Contains(evalUnjudged, r.Name):
		case r.Status == Fail:
			o.Failed = append(o.Failed, r.Name)
		case r.Status == Warn:
			o.Warned = append(o.Warned, r.Name)
		}
	}
	if fr.Verdict == VerdictError {
		return o
	}
	if c.Expect == Pass {
		o.OK = len(o.Failed) == 0
		return o
	}
	for _, want := range c.catchers() {
		if slices.Contains(o.Failed, want) {
			o.OK = true
		}
	}
	return o
}

// catchers are the checks that should fail a bad picture.
func (c EvalCase) catchers() []string {
	return strings.Split(strings.TrimPrefix(c.Expect, Fail+":"), "|")
}

// WriteEval prints the confusion tables, per check and per label, as
// Markdown, then every case that missed its expectation. A bad picture
// is counted against the first check its expectation names (the one
// meant to catch it); the per-label table counts it as let through only
// when none of the named checks failed it.
func WriteEval(w io.Writer, outs []EvalOutcome) error {
	var b strings.Builder
	names := []string{}
	for _, o := range outs {
		for _, r := range o.Report.Checks {
			if !slices.Contains(names, r.Name) && !slices.Contains(evalUnjudged, r.Name) {
				names = append(names, r.Name)
			}
		}
	}
	portraits, bad := 0, 0
	for _, o := range outs {
		if o.Case.Expect == Pass {
			portraits++
		} else {
			bad++
		}
	}
	fmt.Fprintf(&b, "%d pictures: %d real portraits, %d bad pictures (resolution not judged: the copies are small on purpose)\n\n", len(outs), portraits, bad)
	b.WriteString("| check | real portraits failed | real portraits warned | bad pictures it is meant to fail | failed | missed |\n|---|---:|---:|---:|---:|---:|\n")
	for _, n := range names {
		var pf, pw, should, caught int
		for _, o := range outs {
			failed := slices.Contains(o.Failed, n)
			if o.Case.Expect == Pass {
				pf += b2i(failed)
				pw += b2i(slices.Contains(o.Warned, n))
				continue
			}
			if o.Case.catchers()[0] == n {
				should++
				caught += b2i(failed)
			}
		}
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", n, pf, pw, should, caught, should-caught)
	}
	var missed []EvalOutcome
	b.WriteString("\n| label | pictures | as expected | real portraits failed | bad pictures let through | warned |\n|---|---:|---:|---:|---:|---:|\n")
	var labels []string
	for _, o := range outs {
		if !slices.Contains(labels, o.Case.Label) {
			labels = append(labels, o.Case.Label)
		}
	}
	var totOK, totPF, totLT int
	for _, l := range labels {
		var n, ok, pf, lt, warned int
		for _, o := range outs {
			if o.Case.Label != l {
				continue
			}
			n++
			ok += b2i(o.OK)
			warned += b2i(len(o.Warned) > 0)
			if !o.OK {
				missed = append(missed, o)
				if o.Case.Expect == Pass {
					pf++
				} else {
					lt++
				}
			}
		}
		totOK, totPF, totLT = totOK+ok, totPF+pf, totLT+lt
		fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d |\n", l, n, ok, pf, lt, warned)
	}
	fmt.Fprintf(&b, "| **all** | %d | %d | %d | %d | |\n", len(outs), totOK, totPF, totLT)
	for _, o := range missed {
		fmt.Fprintf(&b, "\nMISSED %s (%s, expected %s): failed %v, warned %v%s", o.Case.File, o.Case.Label, o.Case.Expect, o.Failed, o.Warned, errNote(o.Report))
		for _, r := range o.Report.Checks {
			if r.Status != Pass && !slices.Contains(evalUnjudged, r.Name) {
				fmt.Fprintf(&b, "\n  %s %s: %s [%s]", r.Name, r.Status, r.Message, r.Detail)
			}
		}
	}
	if len(missed) > 0 {
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	if err != nil {
		return fmt.Errorf("media: write eval: %w", err)
	}
	return nil
}

func errNote(fr FileReport) string {
	if fr.Error != "" {
		return " — error: " + fr.Error
	}
	return ""
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}
