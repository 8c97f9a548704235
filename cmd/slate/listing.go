package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/config"
)

// errUnreadable says some file could not be read; each one's reason is
// already on stderr.
var errUnreadable = fmt.Errorf("some files could not be read")

// listingCheck runs the posting rules on listings in JSON files and prints
// one JSON line per listing. A file that cannot be read or is not JSON is
// named on stderr with the reason and the others still run; then the exit
// code is 1.
func listingCheck(cfg config.Config, args []string, stdout, stderr io.Writer) error {
	const usage = "usage: slate listing check FILE..."
	if len(args) < 2 || args[0] != "check" {
		return usageError{usage}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	unreadable := false
	for _, name := range args[1:] {
		data, err := os.ReadFile(name)
		var results []production.CheckResult
		if err == nil {
			results, err = production.CheckListingsJSON(data, cfg.MinimumRates)
		}
		if err != nil {
			fmt.Fprintf(stderr, "slate listing check: %s: %v\n", name, err)
			unreadable = true
			continue
		}
		for _, r := range results {
			if err := enc.Encode(r); err != nil {
				return fmt.Errorf("listing check: write: %w", err)
			}
		}
	}
	if unreadable {
		return errUnreadable
	}
	return nil
}
