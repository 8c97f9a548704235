package photocheck

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/slatecasting/slate/domain"
)

// FileReport is one line of `slate media check` output.
type FileReport struct {
	File    string        `json:"file"`
	Verdict string        `json:"verdict"` // pass, fail, or error when the file could not be read or decoded
	Width   int           `json:"width,omitempty"`
	Height  int           `json:"height,omitempty"`
	Checks  []CheckResult `json:"checks,omitempty"`
	Error   string        `json:"error,omitempty"` // plain message, with verdict error
}

// VerdictError is the verdict of a file that could not be checked.
const VerdictError = "error"

// CheckFiles checks each file as kind with the worker's code (the same
// decoding, orientation and checks as Process, without encoding the
// variants) and writes one JSON line per file to w. A file that cannot be
// read or decoded gets verdict "error" with a plain message, and the
// others are still checked: that is a finding, not a usage error. Only a
// failure to write to w is returned.
func CheckFiles(paths []string, kind domain.PhotoKind, lim Limits, w io.Writer) error {
	lim = lim.withDefaults()
	enc := json.NewEncoder(w)
	for _, p := range paths {
		if err := enc.Encode(checkFile(p, kind, lim)); err != nil {
			return fmt.Errorf("media: write report: %w", err)
		}
	}
	return nil
}

// checkFile is the line for one file.
func checkFile(path string, kind domain.PhotoKind, lim Limits) FileReport {
	fr := FileReport{File: path, Verdict: VerdictError}
	f, err := os.Open(path)
	if err != nil {
		fr.Error = "cannot open the file: " + err.Error()
		return fr
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		if err := CheckSize(st.Size(), lim); err != nil {
			fr.Error = err.Error()
			return fr
		}
	}
	up, err := load(context.Background(), f, lim, nil) // one file at a time: no budget to share
	if err != nil {
		fr.Error = err.Error()
		return fr
	}
	defer up.release()
	b := up.img.Bounds()
	work := fit(up.img, workSide)
	r := analyze(work, b.Dx(), b.Dy(), kind)
	fr.Verdict, fr.Width, fr.Height, fr.Checks = r.Verdict, b.Dx(), b.Dy(), r.Checks
	return fr
}
