package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"time"

	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/demo"
	"github.com/slatecasting/slate/internal/platform"
	"github.com/slatecasting/slate/migrations"
)

// shutdownGrace is how long running requests and jobs get to finish.
const shutdownGrace = 25 * time.Second

// serve runs the web server and/or the workers until ctx is cancelled
// (SIGINT/SIGTERM), then shuts down in order.
func serve(ctx context.Context, cfg config.Config, log *slog.Logger, web, work bool) error {
	url, err := platform.DatabaseURL(ctx, cfg, log)
	if err != nil {
		return err
	}
	pool, err := platform.OpenPool(ctx, url)
	if err != nil {
		return err
	}
	// The laptop commands migrate on start; `web` and `worker` leave that
	// to the release step (Procfile) so scaled-out processes never race it.
	if web && work {
		if err := migrations.Up(ctx, pool, log); err != nil {
			pool.Close()
			return err
		}
	}
	p, err := platform.Build(ctx, cfg, pool, log, platform.Options{Web: web, Workers: work})
	if err != nil {
		pool.Close()
		return err
	}
	if web && work && cfg.AutoSeed {
		if err := seedIfEmpty(ctx, p, log); err != nil {
			pool.Close()
			return err
		}
	}
	if err := p.Start(ctx); err != nil {
		pool.Close()
		return err
	}

	errc := make(chan error, 1)
	if web {
		ln, err := net.Listen("tcp", cfg.Addr)
		if err != nil {
			_ = p.Shutdown(context.Background())
			return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
		}
		log.Info("Slate is running", "url", cfg.BaseURL, "workers", work)
		go func() { errc <- p.App.Listener(ln) }()
	} else {
		log.Info("Slate workers are running")
	}

	select {
	case <-ctx.Done():
		log.Info("shutting down")
	case err := <-errc:
		if err != nil {
			log.Error("web server stopped", "err", err)
		}
	}
	sctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	if err := p.Shutdown(sctx); err != nil {
		return err
	}
	log.Info("Slate stopped")
	return nil
}

// seedIfEmpty loads the demo data into a database with no account, so a
// newcomer's first `make run` shows a living platform.
func seedIfEmpty(ctx context.Context, p *platform.Platform, log *slog.Logger) error {
	n, err := p.Store.CountAccounts(ctx)
	if err != nil || n > 0 {
		return err
	}
	people, err := demo.Seed(ctx, p.Store, p.Objects, auth.DefaultParams)
	if err != nil {
		return err
	}
	printDemo(log, people)
	return nil
}

func printDemo(log *slog.Logger, people []demo.Person) {
	for _, pp := range people {
		log.Info("demo account", "role", pp.Role, "email", pp.Email, "password", demo.Password)
	}
}

var errNoDemoFlag = errors.New("seed needs --demo")
