package main

import (
	"flag"
	"io"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/internal/config"
)

// mediaCheck runs the worker's picture checks on files and prints one JSON
// line per file. Unreadable files are reported, not fatal: only a usage
// mistake exits non-zero.
func mediaCheck(cfg config.Config, args []string, stdout, stderr io.Writer) error {
	const usage = "usage: slate media check [--headshot] FILE..."
	if len(args) == 0 || args[0] != "check" {
		return usageError{usage}
	}
	fs := flag.NewFlagSet("media check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	headshot := fs.Bool("headshot", false, "judge the pictures as headshots (orientation and face rules)")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{usage}
	}
	if fs.NArg() == 0 {
		return usageError{usage}
	}
	kind := domain.PhotoBook
	if *headshot {
		kind = domain.PhotoHeadshot
	}
	return photocheck.CheckFiles(fs.Args(), kind, cfg.PhotoLimits, stdout)
}
