package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

// TestListingCheckCommand runs `slate listing check` over testdata: one
// listing that passes, one per rule that breaks only it (its id is the
// rule), values the form refuses, and a file that is not JSON.
func TestListingCheckCommand(t *testing.T) {
	dir := filepath.Join("testdata", "listings")
	files := []string{filepath.Join(dir, "pass.json"), filepath.Join(dir, "broken.json")}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), append([]string{"listing", "check"}, files...), &out, &errOut); code != 0 {
		t.Fatalf("exit %d with readable files: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 11 {
		t.Fatalf("want one line per listing (11), got %d:\n%s", len(lines), out.String())
	}
	for i, line := range lines {
		var r struct {
			ID       string
			Verdict  string
			Problems []struct{ Rule, Field, Message string }
		}
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("line %d %s: %v", i, line, err)
		}
		switch r.ID {
		case "pass-1":
			if r.Verdict != "pass" || len(r.Problems) != 0 || !strings.Contains(line, `"problems":[]`) {
				t.Errorf("pass: %s", line)
			}
		case "form_refused":
			if r.Verdict != "fail" || len(r.Problems) == 0 || r.Problems[0].Field != "pay_unit" {
				t.Errorf("form-refused values: %s", line)
			}
		default: // the id names the one rule the listing breaks
			if r.Verdict != "fail" || len(r.Problems) == 0 {
				t.Errorf("%s: %s", r.ID, line)
			}
			for _, p := range r.Problems {
				if p.Rule != r.ID || p.Field == "" || p.Message == "" {
					t.Errorf("%s broke %s on %q: %s", r.ID, p.Rule, p.Field, line)
				}
			}
		}
	}

	out.Reset()
	errOut.Reset()
	bad := filepath.Join(dir, "unreadable.json")
	code := run(context.Background(), []string{"listing", "check", bad, filepath.Join(dir, "missing.json"), files[0]}, &out, &errOut)
	if code != 1 {
		t.Errorf("exit %d with unreadable files, want 1", code)
	}
	if !strings.Contains(errOut.String(), "unreadable.json: not a JSON listing") || !strings.Contains(errOut.String(), "missing.json: open") {
		t.Errorf("stderr: %s", errOut.String())
	}
	if strings.Count(out.String(), "\n") != 1 || !strings.Contains(out.String(), `"pass-1"`) {
		t.Errorf("the readable file was not checked: %s", out.String())
	}
	if code := run(context.Background(), []string{"listing", "check"}, &out, &errOut); code != 2 {
		t.Errorf("no files: exit %d, want 2 (usage)", code)
	}
}
