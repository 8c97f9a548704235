package photocheck_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain/photocheck"
)

const evalDir = "testdata/eval"

// Every labelled picture of the evaluation set meets its expectation
// with the worker's own checks: no real portrait fails, no bad picture
// gets through (issue 10). The pictures are small copies, so this stays
// quick under the race detector.
func TestEvaluationSet(t *testing.T) {
	t.Parallel()
	cases, err := photocheck.ReadManifest(evalDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			t.Parallel()
			o := photocheck.EvaluateCase(evalDir, c, photocheck.DefaultLimits())
			if !o.OK {
				var why []string
				for _, r := range o.Report.Checks {
					if r.Status != photocheck.Pass {
						why = append(why, r.Name+" "+r.Status+": "+r.Message+" ["+r.Detail+"]")
					}
				}
				t.Errorf("%s (%s) expected %s; failed %v, warned %v %s\n%s", c.File, c.Label, c.Expect, o.Failed, o.Warned, o.Report.Error, strings.Join(why, "\n"))
			}
			if c.Expect != photocheck.Pass {
				for _, r := range o.Report.Checks {
					if r.Status == photocheck.Fail && !strings.Contains(r.Message, ":") {
						t.Errorf("%s: the %s failure does not say what to do: %q", c.File, r.Name, r.Message)
					}
				}
			}
		})
	}
}

// The manifest is the labels and the provenance: every picture in the
// folder is listed once with its source and licence, and the set has
// what issue 10 asks for.
func TestEvaluationManifest(t *testing.T) {
	t.Parallel()
	cases, err := photocheck.ReadManifest(evalDir)
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(evalDir, "*.jpg"))
	if err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	labels := map[string]int{}
	portraits := 0
	for _, c := range cases {
		if listed[c.File] {
			t.Errorf("%s listed twice", c.File)
		}
		listed[c.File] = true
		labels[c.Label]++
		if c.Expect == photocheck.Pass {
			portraits++
		}
		if c.Source == "" || c.Licence == "" || c.Edit == "" {
			t.Errorf("%s lacks its source, licence or edit", c.File)
		}
		if _, err := os.Stat(filepath.Join(evalDir, c.File)); err != nil {
			t.Errorf("%s: %v", c.File, err)
		}
	}
	for _, f := range files {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s is not in the manifest", f)
		}
	}
	if len(cases) < 40 || portraits < 20 {
		t.Errorf("%d pictures, %d real portraits: the set needs at least 40 and 20", len(cases), portraits)
	}
	for _, l := range []string{"portrait", "portrait_head_and_shoulders", "portrait_low_key", "portrait_high_key", "group_upright", "group_tilted", "group_small_face", "sunglasses", "hidden_eyes", "blurred", "bordered", "screenshot", "no_face"} {
		if labels[l] == 0 {
			t.Errorf("no picture labelled %s", l)
		}
	}
}
