// Package platform assembles Slate's running parts from the config: the
// database pool, the store, the River clients and the web app. cmd/slate
// and the end-to-end tests both build Slate through it, so what the tests
// run is what ships.
package platform

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"riverqueue.com/riverui"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/handlers"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/devdb"
	"github.com/slatecasting/slate/internal/objstore"
	"github.com/slatecasting/slate/jobs/workers"
	"github.com/slatecasting/slate/migrations"
)

// DatabaseURL returns the configured database, or brings up the
// project-local cluster and returns its URL when none is configured.
func DatabaseURL(ctx context.Context, cfg config.Config, log *slog.Logger) (string, error) {
	if cfg.DatabaseURL != "" {
		return cfg.DatabaseURL, nil
	}
	c := devdb.New(cfg.DataDir)
	c.Log = func(format string, args ...any) { log.Info(fmt.Sprintf(format, args...)) }
	return c.Ensure(ctx, "slate")
}

// OpenPool connects to PostgreSQL and checks it answers.
func OpenPool(ctx context.Context, url string) (*pgxpool.Pool, error) {
	pc, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database url: %w", err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, pc)
	if err != nil {
		return nil, err
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("database unreachable: %w", err)
	}
	return pool, nil
}

// Options choose what a process runs.
type Options struct {
	Web     bool
	Workers bool
	// PasswordParams overrides the Argon2id cost (tests).
	PasswordParams *auth.Params
	// RiverPollInterval shortens River's fetch poll (tests).
	RiverPollInterval time.Duration
}

// Platform is one running Slate process.
type Platform struct {
	Pool  *pgxpool.Pool
	Store *store.Store
	// Inserter is an insert-only River client: the store enqueues through
	// it in its own transactions, and River UI reads through it.
	Inserter *river.Client[pgx.Tx]
	// Worker runs the job queues (nil in a web-only process).
	Worker *river.Client[pgx.Tx]
	// Objects is the media store.
	Objects objstore.Store
	// App is the web app (nil in a worker-only process).
	App    *fiber.App
	jobsUI *riverui.Handler
	log    *slog.Logger
}

// Build wires a process on an open pool whose schema is migrated.
func Build(ctx context.Context, cfg config.Config, pool *pgxpool.Pool, log *slog.Logger, opt Options) (*Platform, error) {
	driver := riverpgxv5.New(pool)
	riverLog := quieter(log, cfg.LogLevel)
	objects, err := objstore.Open(ctx, cfg.Storage)
	if err != nil {
		return nil, fmt.Errorf("media storage: %w", err)
	}
	// Both clients share one worker bundle, so the inserter refuses a job
	// kind nobody wrote a worker for, in every process, web-only included.
	// The workers need the store and the store needs the inserter: River
	// looks kinds up in the bundle at insert time, so the bundle is filled
	// once the store exists, before anything is inserted.
	bundle := river.NewWorkers()
	inserter, err := river.NewClient(driver, &river.Config{Logger: riverLog, Workers: bundle})
	if err != nil {
		return nil, fmt.Errorf("river: %w", err)
	}
	p := &Platform{Pool: pool, Inserter: inserter, Store: store.New(pool, inserter), Objects: objects, log: log}
	secret, err := Secret(cfg)
	if err != nil {
		return nil, err
	}
	mailer, err := newMail(cfg, p.Store, secret)
	if err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	workers.Register(bundle, workers.Deps{Store: p.Store, Objects: objects, PhotoLimits: cfg.PhotoLimits, Mail: mailer, AppealEmail: cfg.AppealEmail})

	if opt.Workers {
		p.Worker, err = river.NewClient(driver, &river.Config{
			Logger:            riverLog,
			Queues:            workers.Queues(cfg.WorkerConcurrency, cfg.MediaWorkers),
			Workers:           bundle,
			PeriodicJobs:      workers.Periodic(),
			FetchPollInterval: opt.RiverPollInterval,
			JobTimeout:        5 * time.Minute,
		})
		if err != nil {
			return nil, fmt.Errorf("river: %w", err)
		}
	}

	if opt.Web {
		p.jobsUI, err = riverui.NewHandler(&riverui.HandlerOpts{
			Endpoints: riverui.NewEndpoints(inserter, nil),
			Logger:    log,
			Prefix:    handlers.JobsUIPrefix,
		})
		if err != nil {
			return nil, fmt.Errorf("river ui: %w", err)
		}
		p.App = handlers.New(handlers.Deps{
			Store:           p.Store,
			Log:             log,
			Ready:           func(ctx context.Context) error { return migrations.Check(ctx, pool) },
			JobsUI:          p.jobsUI,
			SecureCookies:   cfg.SecureCookies(),
			TrustProxy:      cfg.TrustProxy,
			SessionIdle:     cfg.SessionIdle,
			SessionMax:      cfg.SessionMax,
			PasswordParams:  opt.PasswordParams,
			Objects:         objects,
			PhotoLimits:     cfg.PhotoLimits,
			MaxReelBytes:    cfg.MaxReelBytes,
			MinimumRates:    cfg.MinimumRates,
			NoticesPerMonth: cfg.NoticesPerMonth,
			Secret:          secret,
			// slice listing review
			ChangesAnswerDays: cfg.ChangesAnswerDays,
			AppealEmail:       cfg.AppealEmail, // slice polish
		})
	}
	return p, nil
}

// Start starts the workers and River UI's background services.
func (p *Platform) Start(ctx context.Context) error {
	if p.Worker != nil {
		if err := p.Worker.Start(ctx); err != nil {
			return fmt.Errorf("river: %w", err)
		}
	}
	if p.jobsUI != nil {
		if err := p.jobsUI.Start(ctx); err != nil {
			return fmt.Errorf("river ui: %w", err)
		}
	}
	return nil
}

// Shutdown stops in order: HTTP first (no new requests), then River with a
// soft stop that lets running jobs finish (cancelling them if the deadline
// passes, so River retries them later), then the pool.
func (p *Platform) Shutdown(ctx context.Context) error {
	var errs []error
	if p.App != nil {
		if err := p.App.ShutdownWithContext(ctx); err != nil {
			errs = append(errs, fmt.Errorf("http: %w", err))
		}
	}
	if p.Worker != nil {
		if err := p.Worker.Stop(ctx); err != nil {
			p.log.Warn("river did not stop softly in time; cancelling running jobs", "err", err)
			hard, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
			defer cancel()
			if err := p.Worker.StopAndCancel(hard); err != nil {
				errs = append(errs, fmt.Errorf("river: %w", err))
			}
		}
	}
	p.Pool.Close()
	return errors.Join(errs...)
}

// quieter keeps River's periodic statistics out of the console unless the
// log level is debug: River logs them at info every few seconds.
func quieter(log *slog.Logger, level string) *slog.Logger {
	if level == "debug" {
		return log
	}
	return slog.New(minLevel{log.Handler(), slog.LevelWarn})
}

type minLevel struct {
	slog.Handler
	min slog.Level
}

func (h minLevel) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= h.min && h.Handler.Enabled(ctx, l)
}

func (h minLevel) WithAttrs(a []slog.Attr) slog.Handler {
	return minLevel{h.Handler.WithAttrs(a), h.min}
}
func (h minLevel) WithGroup(n string) slog.Handler { return minLevel{h.Handler.WithGroup(n), h.min} }
