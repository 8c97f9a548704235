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
