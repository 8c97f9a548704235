package photocheck_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

func TestCheckFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := jpegOf(t, portrait(t, 1000, 1250), 90)
	files := []string{
		write("headshot.jpg", good),
		write("notes.jpg", []byte("just text")),
		filepath.Join(dir, "missing.jpg"),
		write("half.jpg", good[:len(good)/2]),
		write("empty.jpg", nil),
		write("landscape.jpg", jpegOf(t, photoLike(1600, 1200, 50), 90)),
	}
	var out bytes.Buffer
	if err := photocheck.CheckFiles(files, domain.PhotoHeadshot, photocheck.Limits{}, &out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != len(files) {
		t.Fatalf("got %d lines for %d files:\n%s", len(lines), len(files), out.String())
	}
	want := []struct {
		verdict string
		says    string // in the error, for verdict error
	}{
		{"pass", ""},
		{"error", "not a JPEG, PNG or WebP"},
		{"error", "cannot open"},
		{"error", "damaged or incomplete"},
		{"error", "empty"},
		{"fail", ""},
	}
	for i, l := range lines {
		var fr photocheck.FileReport
		if err := json.Unmarshal([]byte(l), &fr); err != nil {
			t.Fatalf("line %d is not JSON: %s", i, l)
		}
		if fr.File != files[i] || fr.Verdict != want[i].verdict {
			t.Errorf("line %d: %s %s, want %s %s", i, fr.File, fr.Verdict, files[i], want[i].verdict)
		}
		if fr.Verdict == "error" {
			if !strings.Contains(fr.Error, want[i].says) || fr.Width != 0 || len(fr.Checks) != 0 {
				t.Errorf("line %d: %s", i, l)
			}
			continue
		}
		if fr.Error != "" || fr.Width == 0 || fr.Height == 0 || len(fr.Checks) < 6 || !strings.Contains(l, `"checks":[{"name":"resolution"`) {
			t.Errorf("line %d: %s", i, l)
		}
	}
	var landscape photocheck.FileReport
	_ = json.Unmarshal([]byte(lines[5]), &landscape)
	if landscape.Width != 1600 || landscape.Height != 1200 {
		t.Errorf("landscape size %d×%d", landscape.Width, landscape.Height)
	}
}

type brokenWriter struct{}

func (brokenWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestCheckFilesWriteError(t *testing.T) {
	t.Parallel()
	err := photocheck.CheckFiles([]string{filepath.Join(t.TempDir(), "missing.jpg")}, domain.PhotoBook, photocheck.DefaultLimits(), brokenWriter{})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("error = %v", err)
	}
}

// The command line and the worker judge alike, whatever display size the
// worker is configured with.
func TestCheckFilesMatchesProcess(t *testing.T) {
	t.Parallel()
	data := jpegOf(t, portrait(t, 1000, 1250), 90)
	path := filepath.Join(t.TempDir(), "headshot.jpg")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := photocheck.CheckFiles([]string{path}, domain.PhotoHeadshot, photocheck.Limits{}, &out); err != nil {
		t.Fatal(err)
	}
	var fr photocheck.FileReport
	if err := json.Unmarshal(out.Bytes(), &fr); err != nil {
		t.Fatal(err)
	}
	for _, displayMax := range []int{0, 800} {
		res, err := photocheck.Process(bytes.NewReader(data), domain.PhotoHeadshot, photocheck.ProcessOptions{DisplayMax: displayMax})
		if err != nil {
			t.Fatal(err)
		}
		// pigo's pupil search jitters with math/rand, so eye positions
		// may move by a pixel: compare what each check concluded and,
		// but for the eyes, what it measured.
		got, want := outcomes(res.Report.Checks), outcomes(fr.Checks)
		if res.Report.Verdict != fr.Verdict || got != want {
			t.Errorf("DisplayMax %d: worker says %s %s\ncommand line says %s %s", displayMax, res.Report.Verdict, got, fr.Verdict, want)
		}
	}
}

// outcomes lists each check's name, status, message and measure.
func outcomes(checks []photocheck.CheckResult) string {
	var b strings.Builder
	for _, c := range checks {
		fmt.Fprintf(&b, "%s=%s %q", c.Name, c.Status, c.Message)
		if c.Name != "eyes" { // measured values, except the jittered pupils
			fmt.Fprintf(&b, " %v %s", c.Value, c.Detail)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
