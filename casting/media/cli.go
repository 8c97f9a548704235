package media

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
)

// FileReport is one line of `slate media check` output.
type FileReport struct {
	File    string        `json:"file"`
	Verdict string        `json:"verdict"` // pass, fail or error
	Width   int           `json:"width,omitempty"`
	Height  int           `json:"height,omitempty"`
	Checks  []CheckResult `json:"checks,omitempty"`
	Error   string        `json:"error,omitempty"`
}

// CheckFiles checks each file with the worker's code and writes one JSON
// line per file to w. A file that cannot be read or decoded is reported as
// verdict "error" and the others are still checked; only a failure to
// write to w is returned.
func CheckFiles(paths []string, kind Kind, lim Limits, w io.Writer) error {
	enc := json.NewEncoder(w)
	for _, p := range paths {
		if err := enc.Encode(checkFile(p, kind, lim)); err != nil {
			return fmt.Errorf("media: write report: %w", err)
		}
	}
	return nil
}

func checkFile(path string, kind Kind, lim Limits) FileReport {
	fr := FileReport{File: path}
	f, err := os.Open(path)
	if err != nil {
		fr.Verdict, fr.Error = "error", "cannot open the file: "+err.Error()
		return fr
	}
	defer f.Close()
	res, err := Process(f, kind, ProcessOptions{Limits: lim})
	if err != nil {
		fr.Verdict, fr.Error = "error", err.Error()
		return fr
	}
	fr.Verdict, fr.Width, fr.Height, fr.Checks = res.Report.Verdict, res.Width, res.Height, res.Report.Checks
	return fr
}
