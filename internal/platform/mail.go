package platform

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/slatecasting/slate/domain/store"
	"github.com/slatecasting/slate/internal/auth"
	"github.com/slatecasting/slate/internal/config"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/jobs/workers"
)

// newMail builds the workers' mail: SMTP when a host is configured, the
// outbox in the database otherwise (what `make run` uses).
func newMail(cfg config.Config, st *store.Store, secret string) (*workers.Mail, error) {
	tpl, err := mail.LoadTemplates()
	if err != nil {
		return nil, err
	}
	from := cfg.SMTP.From
	if from == "" {
		from = config.DefaultMailFrom
	}
	var sender mail.Sender = &mail.Outbox{From: from, Store: st}
	if cfg.SMTP.Host != "" {
		if cfg.SMTP.Rate > 0 {
			cfg.SMTP.Shared = &mail.SharedRate{Store: st, Server: net.JoinHostPort(cfg.SMTP.Host, strconv.Itoa(cfg.SMTP.Port)), Rate: cfg.SMTP.Rate}
		}
		s, err := mail.NewSMTP(cfg.SMTP)
		if err != nil {
			return nil, err
		}
		sender = s
	}
	return &workers.Mail{Sender: sender, Templates: tpl, BaseURL: cfg.BaseURL, Secret: secret, Domain: cfg.MailDomain()}, nil
}

// Secret is SLATE_SECRET, or on a laptop a random one kept in DataDir so
// links signed before a restart still work. Several machines must share
// SLATE_SECRET: each would make its own file.
func Secret(cfg config.Config) (string, error) {
	if cfg.Secret != "" {
		return cfg.Secret, nil
	}
	if cfg.DataDir == "" {
		// A process with no data folder (a test): its links need only
		// outlive it.
		return auth.NewToken(), nil
	}
	path := filepath.Join(cfg.DataDir, "secret")
	b, err := os.ReadFile(path)
	if err == nil && len(strings.TrimSpace(string(b))) >= 32 {
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", fmt.Errorf("secret: %w", err)
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	secret := auth.NewToken()
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		// Another process made it first: read theirs.
		b, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("secret: %w", err)
		}
		return strings.TrimSpace(string(b)), nil
	}
	if err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	defer f.Close()
	if _, err := f.WriteString(secret + "\n"); err != nil {
		return "", fmt.Errorf("secret: %w", err)
	}
	return secret, nil
}
