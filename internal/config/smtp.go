package config

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"

	slatemail "github.com/slatecasting/slate/internal/mail"
)

// DefaultMailFrom is the sender when SLATE_MAIL_FROM is not set: fine for
// the outbox, to be replaced by a real address with real SMTP.
const DefaultMailFrom = "Slate <no-reply@slate.localhost>"

// smtpFromEnv reads the SMTP settings. The port defaults to the TLS
// mode's usual one (587 STARTTLS, 465 implicit TLS, 25 none).
func smtpFromEnv(getenv func(string) string, errs *[]error) slatemail.SMTPConfig {
	c := slatemail.SMTPConfig{
		Host:     strings.TrimSpace(getenv("SLATE_SMTP_HOST")),
		User:     getenv("SLATE_SMTP_USER"),
		Password: getenv("SLATE_SMTP_PASSWORD"),
		TLS:      strings.ToLower(envOr(getenv, "SLATE_SMTP_TLS", slatemail.TLSStartTLS)),
		From:     envOr(getenv, "SLATE_MAIL_FROM", DefaultMailFrom),
	}
	ports := map[string]int{slatemail.TLSStartTLS: 587, slatemail.TLSImplicit: 465, slatemail.TLSNone: 25}
	port, known := ports[c.TLS]
	if !known {
		*errs = append(*errs, fmt.Errorf("SLATE_SMTP_TLS %q must be starttls, tls or none", c.TLS))
	}
	parseInt(getenv, "SLATE_SMTP_PORT", &port, errs)
	if port < 1 || port > 65535 {
		*errs = append(*errs, fmt.Errorf("SLATE_SMTP_PORT %d is not a port", port))
	}
	c.Port = port
	c.Connections = 2
	parseInt(getenv, "SLATE_SMTP_CONNECTIONS", &c.Connections, errs)
	if c.Connections < 1 || c.Connections > 50 {
		*errs = append(*errs, fmt.Errorf("SLATE_SMTP_CONNECTIONS %d must be between 1 and 50", c.Connections))
	}
	if v := strings.TrimSpace(getenv("SLATE_SMTP_RATE")); v != "" {
		r, err := strconv.ParseFloat(v, 64)
		if err != nil || r < 0 {
			*errs = append(*errs, fmt.Errorf("SLATE_SMTP_RATE %q is not a number of messages a second", v))
		}
		c.Rate = r
	}
	if _, err := mail.ParseAddress(c.From); err != nil {
		*errs = append(*errs, fmt.Errorf("SLATE_MAIL_FROM %q is not an address: %w", c.From, err))
	}
	return c
}

// MailDomain is the domain of the From address, which Message-IDs use.
func (c Config) MailDomain() string {
	a, err := mail.ParseAddress(c.SMTP.From)
	if err != nil {
		return "slate.localhost"
	}
	return a.Address[strings.LastIndex(a.Address, "@")+1:]
}

// appealEmail reads SLATE_APPEAL_EMAIL, a bare address: people type it.
func appealEmail(getenv func(string) string, c Config, errs *[]error) string {
	v := envOr(getenv, "SLATE_APPEAL_EMAIL", "appeals@"+c.MailDomain())
	if a, err := mail.ParseAddress(v); err != nil || a.Name != "" {
		*errs = append(*errs, fmt.Errorf("SLATE_APPEAL_EMAIL %q must be a bare e-mail address", v))
	}
	return v
}
