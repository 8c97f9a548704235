package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slatecasting/slate/internal/fixtures"
)

func TestMediaCheckCommand(t *testing.T) {
	dir := t.TempDir()
	face := filepath.Join(dir, "face.jpg")
	if err := os.WriteFile(face, fixtures.JPEG(fixtures.Headshot(1000, 1250), 90), 0o644); err != nil {
		t.Fatal(err)
	}
	notes := filepath.Join(dir, "notes.jpg")
	if err := os.WriteFile(notes, []byte("not a picture"), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	code := run(context.Background(), []string{"media", "check", "--headshot", face, notes}, &out, &errOut)
	if code != 0 {
		t.Fatalf("exit %d (an unreadable file is not a usage error): %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("want one JSON line per file:\n%s", out.String())
	}
	var first struct {
		Verdict string
		Checks  []struct{ Name, Status string }
	}
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil || first.Verdict != "pass" {
		t.Fatalf("first line %s: %v", lines[0], err)
	}
	var names []string
	for _, c := range first.Checks {
		names = append(names, c.Name)
	}
	if !strings.Contains(strings.Join(names, ","), "face") {
		t.Errorf("--headshot did not run the face check: %v", names)
	}
	if !strings.Contains(lines[1], `"verdict":"error"`) {
		t.Errorf("second line: %s", lines[1])
	}

	for _, args := range [][]string{{"media"}, {"media", "check"}, {"media", "check", "--bogus", face}, {"no-such-command"}} {
		out.Reset()
		if code := run(context.Background(), args, &out, &errOut); code != 2 {
			t.Errorf("slate %v: exit %d, want 2", args, code)
		}
	}
}

// `slate media eval DIR` runs the worker's checks over a labelled set and
// prints the confusion tables; a missed expectation is a finding in the
// output, not an error.
func TestMediaEvalCommand(t *testing.T) {
	dir := t.TempDir()
	const set = "../../domain/photocheck/testdata/eval"
	for _, f := range []string{"portrait-pigo.jpg", "eyes-sunglasses-pigo.jpg"} {
		data, err := os.ReadFile(filepath.Join(set, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	manifest := "# file\tlabel\texpect\n" +
		"portrait-pigo.jpg\tportrait\tpass\tsrc\tMIT\tunchanged\n" +
		"eyes-sunglasses-pigo.jpg\tsunglasses\tfail:eyes\tsrc\tMIT\tpasted\n" +
		"portrait-pigo.jpg\tmislabelled\tfail:face\tsrc\tMIT\ta wrong label, to see it reported\n"
	if err := os.WriteFile(filepath.Join(dir, "manifest.tsv"), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"media", "eval", dir}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	for _, want := range []string{"| eyes | 0 | 0 | 1 | 1 | 0 |", "| face | 0 | 0 | 1 | 0 | 1 |", "| portrait | 1 | 1 | 0 | 0 |", "| sunglasses | 1 | 1 | 0 | 0 |", "| mislabelled | 1 | 0 | 0 | 1 |", "| **all** | 3 | 2 | 0 | 1 |", "MISSED portrait-pigo.jpg (mislabelled"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	for _, args := range [][]string{{"media", "eval"}, {"media", "eval", dir, dir}} {
		if code := run(context.Background(), args, &out, &errOut); code != 2 {
			t.Errorf("slate %v: exit %d, want 2", args, code)
		}
	}
	if code := run(context.Background(), []string{"media", "eval", t.TempDir()}, &out, &errOut); code != 1 {
		t.Errorf("a folder without a manifest: exit %d, want 1", code)
	}
}
