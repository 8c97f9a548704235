// Package testsmtp runs a real SMTP server inside a test process
// (github.com/emersion/go-smtp) that records every message it accepts:
// the mail tests send over a real SMTP conversation, on loopback.
package testsmtp

import (
	"bytes"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net"
	"net/mail"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Options choose how the server behaves.
type Options struct {
	// User and Password, when set, make AUTH PLAIN required before MAIL.
	User, Password string
	// TempFailures answers the first n messages with a 451 (then accepts).
	TempFailures int
	// Reject answers every message with a 550.
	Reject bool
	// TLS offers STARTTLS with a self-signed certificate; Implicit speaks
	// TLS from the first byte instead (port 465 style). Server.RootCAs
	// trusts the certificate.
	TLS, Implicit bool
}

// Server is a running test SMTP server.
type Server struct {
	// Host and Port are where it listens (127.0.0.1).
	Host string
	Port int
	// RootCAs trusts the server's certificate (with TLS or Implicit).
	RootCAs *x509.CertPool

	opts Options
	mu   sync.Mutex
	msgs []Received
	fail int
}

// Received is one accepted message.
type Received struct {
	From string
	To   []string
	Data []byte
	// MessageID is the message's Message-ID header, the idempotency key
	// a mail store deduplicates on.
	MessageID string
}

// Start serves on a free loopback port until the test ends.
func Start(t testing.TB, opts Options) *Server {
	t.Helper()
	s := &Server{opts: opts}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{srv: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.MaxMessageBytes = 10 << 20
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("testsmtp: listen: %v", err)
	}
	if opts.TLS || opts.Implicit {
		cert, pool := selfSigned(t)
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		s.RootCAs = pool
		if opts.Implicit {
			ln = tls.NewListener(ln, srv.TLSConfig)
		}
	}
	addr := ln.Addr().(*net.TCPAddr)
	s.Host, s.Port = "127.0.0.1", addr.Port
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Unique is how many distinct Message-IDs were accepted: what a
// recipient's mail store shows when a sender sent one message twice
// under the same Message-ID.
func (s *Server) Unique() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	seen := make(map[string]bool, len(s.msgs))
	for _, m := range s.msgs {
		seen[m.MessageID] = true
	}
	return len(seen)
}

// Messages returns a copy of what was accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

type session struct {
	srv    *Server
	authed bool
	from   string
	to     []string
}

var errAuth = &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "Authentication failed"}

func (s *session) AuthMechanisms() []string {
	if s.srv.opts.User == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		if user != s.srv.opts.User || pass != s.srv.opts.Password {
			return errAuth
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.opts.User != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	if s.srv.opts.Reject {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "Mailbox unavailable"}
	}
	if s.srv.fail < s.srv.opts.TempFailures {
		s.srv.fail++
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	var id string
	if m, err := mail.ReadMessage(bytes.NewReader(b)); err == nil {
		id = m.Header.Get("Message-Id")
	}
	s.srv.msgs = append(s.srv.msgs, Received{From: s.from, To: append([]string(nil), s.to...), Data: b, MessageID: id})
	return nil
}

func (s *session) Reset() { s.from, s.to = "", nil }

func (s *session) Logout() error { return nil }
