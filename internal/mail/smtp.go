package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"os"
	"time"

	gomail "github.com/wneessen/go-mail"
	"golang.org/x/time/rate"
)

// TLS modes of an SMTP connection.
const (
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS (mandatory)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption: a relay on localhost or a test server
)

// SMTPConfig is how Slate reaches its SMTP server (SLATE_SMTP_*).
type SMTPConfig struct {
	Host     string
	Port     int
	User     string
	Password string
	// TLS is TLSStartTLS, TLSImplicit or TLSNone.
	TLS string
	// From is the sender address, "Name <addr>" or a bare address.
	From string
	// Rate caps messages per second to this server (0: unlimited): in
	// this process, and across processes through Shared.
	Rate float64
	// Shared, when set, is the server's rate shared by every process
	// (SharedRate, which the platform sets when Rate is).
	Shared interface {
		Wait(ctx context.Context) error
	}
	// Connections is how many connections to keep open (default 2).
	Connections int
	// Timeout bounds connecting and each SMTP command.
	Timeout time.Duration
	// TLSConfig overrides the TLS settings (tests trust their own CA).
	TLSConfig *tls.Config
}

// SMTP sends through one SMTP server over a few reused connections
// (Connections, default 2): the workers' goroutines share them, each
// connection carrying one message at a time, all of them together at most
// Rate a second. A connection the server dropped while idle is dialled
// again once.
type SMTP struct {
	cfg     SMTPConfig
	limiter *rate.Limiter
	now     func() time.Time
	// conns holds the idle connections; a sender takes one and gives it
	// back, so no two messages share a conversation.
	conns chan *smtpConn
}

// smtpConn is one connection; its client is dialled on first use.
type smtpConn struct {
	client *gomail.Client
	dialed bool
}

// NewSMTP returns a sender for cfg; it connects on the first message.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = 15 * time.Second
	}
	if cfg.Connections < 1 {
		cfg.Connections = 2
	}
	opts, err := clientOptions(cfg)
	if err != nil {
		return nil, err
	}
	limit := rate.Inf
	if cfg.Rate > 0 {
		limit = rate.Limit(cfg.Rate)
	}
	s := &SMTP{cfg: cfg, limiter: rate.NewLimiter(limit, 1), now: time.Now, conns: make(chan *smtpConn, cfg.Connections)}
	for range cfg.Connections {
		client, err := gomail.NewClient(cfg.Host, opts...)
		if err != nil {
			return nil, fmt.Errorf("mail: smtp client: %w", err)
		}
		s.conns <- &smtpConn{client: client}
	}
	return s, nil
}

func clientOptions(cfg SMTPConfig) ([]gomail.Option, error) {
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(cfg.Timeout)}
	switch cfg.TLS {
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.NoTLS))
	case TLSStartTLS, "":
		opts = append(opts, gomail.WithTLSPortPolicy(gomail.TLSMandatory))
	default:
		return nil, fmt.Errorf("mail: unknown TLS mode %q", cfg.TLS)
	}
	if cfg.TLSConfig != nil {
		opts = append(opts, gomail.WithTLSConfig(cfg.TLSConfig))
	}
	if cfg.User != "" {
		// Over TLS go-mail picks the best mechanism the server offers; on
		// a connection the operator chose to leave plain (a relay on
		// localhost) only PLAIN is left, and go-mail wants that said.
		auth := gomail.SMTPAuthAutoDiscover
		if cfg.TLS == TLSNone {
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(cfg.User), gomail.WithPassword(cfg.Password))
	}
	if host, err := os.Hostname(); err == nil && host != "" {
		opts = append(opts, gomail.WithHELO(host))
	}
	return opts, nil
}

// Send delivers m. A 5xx answer is a PermanentError; a 4xx, a timeout or
// a broken connection is returned as is, for the job to retry.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	msg, err := Build(s.cfg.From, m, s.now())
	if err != nil {
		return &PermanentError{Err: err}
	}
	if err := s.limiter.Wait(ctx); err != nil {
		return fmt.Errorf("mail: rate: %w", err)
	}
	if s.cfg.Shared != nil {
		if err := s.cfg.Shared.Wait(ctx); err != nil {
			return err
		}
	}
	var c *smtpConn
	select {
	case c = <-s.conns:
	case <-ctx.Done():
		return fmt.Errorf("mail: waiting for a connection: %w", ctx.Err())
	}
	defer func() { s.conns <- c }()
	return c.send(ctx, s.cfg, msg)
}

// send sends msg on this connection, dialling it first when needed.
func (c *smtpConn) send(ctx context.Context, cfg SMTPConfig, msg *gomail.Msg) error {
	if c.dialed {
		err := c.client.Send(msg)
		if err == nil {
			return nil
		}
		if !connectionLost(err) {
			return classify(err)
		}
		// The server closed the idle connection: dial again, once.
		_ = c.client.Close()
		c.dialed = false
	}
	if err := c.client.DialWithContext(ctx); err != nil {
		return classify(fmt.Errorf("mail: dial %s:%d: %w", cfg.Host, cfg.Port, err))
	}
	c.dialed = true
	if err := c.client.Send(msg); err != nil {
		if connectionLost(err) {
			_ = c.client.Close()
			c.dialed = false
		}
		return classify(err)
	}
	return nil
}

// Close ends every idle connection.
func (s *SMTP) Close() error {
	var errs []error
	for range cap(s.conns) {
		c := <-s.conns
		if c.dialed {
			c.dialed = false
			errs = append(errs, c.client.Close())
		}
		defer func() { s.conns <- c }()
	}
	return errors.Join(errs...)
}

// connectionLost reports whether err says the connection is gone rather
// than that the server refused the message.
func connectionLost(err error) bool {
	var se *gomail.SendError
	if errors.As(err, &se) && se.Reason == gomail.ErrConnCheck {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) || errors.Is(err, net.ErrClosed)
}

// classify marks 5xx answers permanent; everything else (4xx, timeouts,
// refused connections) stays transient.
func classify(err error) error {
	var se *gomail.SendError
	if errors.As(err, &se) {
		if code := se.ErrorCode(); code >= 500 && code < 600 {
			return &PermanentError{Code: code, Err: err}
		}
		return fmt.Errorf("mail: smtp: %w", err)
	}
	if code := replyCode(err); code >= 500 && code < 600 {
		return &PermanentError{Code: code, Err: err}
	}
	return fmt.Errorf("mail: smtp: %w", err)
}

// replyCode reads the SMTP reply code at the start of an error's text
// (go-mail's dial errors carry the server's answer that way).
func replyCode(err error) int {
	for e := err; e != nil; e = errors.Unwrap(e) {
		msg := e.Error()
		if len(msg) >= 3 && msg[0] >= '2' && msg[0] <= '5' && isDigit(msg[1]) && isDigit(msg[2]) && (len(msg) == 3 || msg[3] == ' ' || msg[3] == '-') {
			return int(msg[0]-'0')*100 + int(msg[1]-'0')*10 + int(msg[2]-'0')
		}
	}
	return 0
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }
