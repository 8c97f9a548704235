package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/internal/config"
)

const mediaUsage = "usage: slate media check [--headshot] FILE... | slate media eval DIR"

// mediaCmd runs the media subcommands: check and eval.
func mediaCmd(cfg config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "eval" {
		return mediaEval(cfg, args[1:], stdout)
	}
	return mediaCheck(cfg, args, stdout, stderr)
}

// mediaCheck runs the worker's picture checks on files and prints one JSON
// line per file. Unreadable files are reported, not fatal: only a usage
// mistake exits non-zero.
func mediaCheck(cfg config.Config, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "check" {
		return usageError{mediaUsage}
	}
	fs := flag.NewFlagSet("media check", flag.ContinueOnError)
	fs.SetOutput(stderr)
	headshot := fs.Bool("headshot", false, "judge the pictures as headshots (orientation and face rules)")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{mediaUsage}
	}
	if fs.NArg() == 0 {
		return usageError{mediaUsage}
	}
	kind := domain.PhotoBook
	if *headshot {
		kind = domain.PhotoHeadshot
	}
	return photocheck.CheckFiles(fs.Args(), kind, cfg.PhotoLimits, stdout)
}

// mediaEval runs the worker's headshot checks over a labelled set (a
// folder with manifest.tsv, see domain/photocheck/testdata/eval) and
// prints the confusion tables. A missed expectation is a finding printed
// in the tables, not an error.
func mediaEval(cfg config.Config, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return usageError{mediaUsage}
	}
	outs, err := photocheck.Evaluate(args[0], cfg.PhotoLimits)
	if err != nil {
		return fmt.Errorf("media eval: %w", err)
	}
	return photocheck.WriteEval(stdout, outs)
}
