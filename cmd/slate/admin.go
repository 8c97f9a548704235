package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/demo"
	"github.com/slatecasting/slate/internal/platform"
	"github.com/slatecasting/slate/migrations"
)

// usageError is a mistake on the command line: exit code 2, no stack of logs.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func asUsage(err error, target *usageError) bool { return errors.As(err, target) }

// open connects to the database and migrates it, for the one-shot commands.
func open(ctx context.Context, cfg config.Config, log *slog.Logger) (*platform.Platform, error) {
	url, err := platform.DatabaseURL(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	pool, err := platform.OpenPool(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := migrations.Up(ctx, pool, log); err != nil {
		pool.Close()
		return nil, err
	}
	p, err := platform.Build(ctx, cfg, pool, log, platform.Options{})
	if err != nil {
		pool.Close()
		return nil, err
	}
	return p, nil
}

func migrate(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	p, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	p.Pool.Close()
	log.Info("database is up to date")
	return nil
}

func seed(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(stdout)
	withDemo := fs.Bool("demo", false, "load the demo accounts and data")
	if err := fs.Parse(args); err != nil {
		return usageError{err.Error()}
	}
	if !*withDemo {
		return usageError{errNoDemoFlag.Error()}
	}
	p, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer p.Pool.Close()
	people, err := demo.Seed(ctx, p.Store, p.Objects, auth.DefaultParams)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Demo data loaded. Log in at %s/login with any of these (password %q):\n", cfg.BaseURL, demo.Password)
	for _, pp := range people {
		fmt.Fprintf(stdout, "  %-10s %s\n", pp.Role, pp.Email)
	}
	return nil
}

// moderator creates staff accounts; sign-up never makes one.
func moderator(ctx context.Context, cfg config.Config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return usageError{"usage: slate moderator create --email EMAIL --name NAME [--password PASSWORD]"}
	}
	fs := flag.NewFlagSet("moderator create", flag.ContinueOnError)
	fs.SetOutput(stdout)
	email := fs.String("email", "", "the moderator's e-mail address")
	name := fs.String("name", "", "the moderator's name")
	password := fs.String("password", "", "a password (one is generated and printed when empty)")
	if err := fs.Parse(args[1:]); err != nil {
		return usageError{err.Error()}
	}
	generated := false
	if *password == "" {
		*password = auth.NewToken()[:20]
		generated = true
	}
	if *name == "" {
		*name = "Moderator"
	}
	*email = domain.NormalizeEmail(*email)
	if msg := domain.EmailProblem(*email); msg != "" {
		return usageError{"--email: " + msg}
	}
	if msg := domain.PasswordProblem(*password); msg != "" {
		return usageError{"--password: " + msg}
	}
	hash, err := auth.Hash(*password, auth.DefaultParams)
	if err != nil {
		return err
	}
	p, err := open(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer p.Pool.Close()
	acct, err := p.Store.CreateAccount(ctx, *name, *email, domain.RoleModerator, hash)
	if errors.Is(err, store.ErrEmailTaken) {
		return usageError{"an account already uses " + *email}
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Moderator %s <%s> created (id %d).\n", acct.Name, acct.Email, acct.ID)
	if generated {
		fmt.Fprintf(stdout, "Password: %s\n", *password)
	}
	return nil
}
