// Command slate runs the Slate casting platform.
//
//	slate [serve]                  web + workers (the default, for a laptop)
//	slate web                      the web process only
//	slate worker                   the River workers only
//	slate migrate                  apply database migrations and exit
//	slate seed --demo              load the demo data
//	slate moderator create --email EMAIL --name NAME [--password PASSWORD]
//	slate media check [--headshot] FILE...
//	slate listing check FILE...
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/slatecasting/slate/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: slate <command> [flags]

commands:
  serve                 run the web server and the workers (default)
  web                   run the web server only
  worker                run the background workers only
  migrate               apply database migrations
  seed --demo           load demo accounts and data
  moderator create      create a moderator account (--email, --name, --password)
  media check [--headshot] FILE...
                        run the photo checks on files; one JSON line per file
  media eval DIR        run the headshot checks over a labelled set (DIR/manifest.tsv)
                        and print confusion tables per check and per label
  listing check FILE... run the posting rules on listings in JSON files; one
                        JSON line per listing
`

// run dispatches a subcommand and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	cfg, err := config.FromEnv()
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	log := newLogger(cfg.LogLevel, stderr)

	switch cmd {
	case "serve":
		err = serve(ctx, cfg, log, true, true)
	case "web":
		err = serve(ctx, cfg, log, true, false)
	case "worker":
		err = serve(ctx, cfg, log, false, true)
	case "migrate":
		err = migrate(ctx, cfg, log)
	case "seed":
		err = seed(ctx, cfg, log, args, stdout)
	case "moderator":
		err = moderator(ctx, cfg, log, args, stdout)
	case "media":
		err = mediaCmd(cfg, args, stdout, stderr)
	case "listing":
		err = listingCheck(cfg, args, stdout, stderr)
		if errors.Is(err, errUnreadable) {
			return 1 // the reasons are on stderr already
		}
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "slate: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		var ue usageError
		if asUsage(err, &ue) {
			fmt.Fprintf(stderr, "slate %s: %s\n", cmd, ue.msg)
			return 2
		}
		log.Error("slate "+cmd+" failed", "err", err)
		return 1
	}
	return 0
}

func newLogger(level string, w io.Writer) *slog.Logger {
	var l slog.Level
	_ = l.UnmarshalText([]byte(level)) // validated by config
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}
