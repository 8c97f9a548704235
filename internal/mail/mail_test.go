package mail_test

import (
	"context"
	"crypto/tls"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/testsmtp"
)

const secret = "test-secret"

func message(t *testing.T) mail.Message {
	t.Helper()
	tpl, err := mail.LoadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	m := mail.Message{To: "ada@example.com", ToName: "Ada Lovelace", Subject: "New application: Lead <Hamlet>",
		MessageID:         "delivery-42@slate.test",
		Unsubscribe:       "https://slate.test/unsubscribe/" + mail.UnsubscribeToken(secret, 7, domain.MailNewApplication),
		UnsubscribeMailto: "mailto:unsubscribe@slate.test"}
	data := map[string]any{"Subject": m.Subject, "Name": "Ada", "Title": "Luca applied <b>now</b>", "Body": "Luca Moreau applied for Lead.",
		"Link": "https://slate.test/listings/3/applicants", "TypeLabel": "New applications",
		"SettingsURL": "https://slate.test/settings", "UnsubscribeURL": m.Unsubscribe}
	if err := tpl.Render("notification", data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestBuildHasBothPartsAndHeaders(t *testing.T) {
	t.Parallel()
	m := message(t)
	msg, err := mail.Build("Slate <mail@slate.test>", m, time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := mail.Raw(msg)
	if err != nil {
		t.Fatal(err)
	}
	p, err := mail.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Header.Get("Message-Id"); got != "<delivery-42@slate.test>" {
		t.Errorf("Message-ID = %q", got)
	}
	if got := p.Header.Get("List-Unsubscribe"); got != "<"+m.Unsubscribe+">, <mailto:unsubscribe@slate.test>" {
		t.Errorf("List-Unsubscribe = %q", got)
	}
	if got := p.Header.Get("List-Unsubscribe-Post"); got != "List-Unsubscribe=One-Click" {
		t.Errorf("List-Unsubscribe-Post = %q", got)
	}
	if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative") {
		t.Errorf("Content-Type = %q", ct)
	}
	if !strings.Contains(p.Text, "Luca applied <b>now</b>") || !strings.Contains(p.Text, m.Unsubscribe) {
		t.Errorf("text part:\n%s", p.Text)
	}
	if !strings.Contains(p.HTML, "Luca applied &lt;b&gt;now&lt;/b&gt;") || strings.Contains(p.HTML, "<b>now") {
		t.Errorf("html part does not escape the title:\n%s", p.HTML)
	}
	subject := ""
	for _, f := range p.Fields() {
		if f.Name == "Subject" {
			subject = f.Value
		}
	}
	if subject != m.Subject {
		t.Errorf("Subject = %q", subject)
	}
	token := strings.TrimPrefix(m.Unsubscribe, "https://slate.test/unsubscribe/")
	if id, typ, ok := mail.VerifyUnsubscribe(secret, token); !ok || id != 7 || typ != domain.MailNewApplication {
		t.Errorf("the link's token does not verify: %d %s %v", id, typ, ok)
	}
}

func TestUnsubscribeTokens(t *testing.T) {
	t.Parallel()
	good := mail.UnsubscribeToken(secret, 7, domain.MailMessage)
	for name, token := range map[string]string{
		"other secret":  mail.UnsubscribeToken("other", 7, domain.MailMessage),
		"other account": strings.Replace(good, "7.", "8.", 1),
		"other type":    strings.Replace(good, ".message.", ".decision.", 1),
		"unknown type":  mail.UnsubscribeToken(secret, 7, "spam"),
		"garbage":       "x.y",
		"empty":         "",
	} {
		if _, _, ok := mail.VerifyUnsubscribe(secret, token); ok {
			t.Errorf("%s: token %q verifies", name, token)
		}
	}
	if _, typ, ok := mail.VerifyUnsubscribe(secret, mail.UnsubscribeToken(secret, 7, domain.MailDigest)); !ok || typ != domain.MailDigest {
		t.Error("the digest's token does not verify")
	}
}

func smtpSender(t *testing.T, srv *testsmtp.Server, user, pass string) *mail.SMTP {
	t.Helper()
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: mail.TLSNone, User: user, Password: pass,
		From: "Slate <mail@slate.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestSMTPSendsConcurrentlyOverReusedConnections(t *testing.T) {
	t.Parallel()
	srv := testsmtp.Start(t, testsmtp.Options{})
	s := smtpSender(t, srv, "", "")
	m := message(t)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.Send(context.Background(), m); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	got := srv.Messages()
	if len(got) != 5 {
		t.Fatalf("server received %d messages, want 5", len(got))
	}
	p, err := mail.Parse(got[0].Data)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].To[0] != "ada@example.com" || !strings.Contains(p.Text, "Luca Moreau applied") || p.HTML == "" {
		t.Fatalf("received %+v", p)
	}
}

func TestSMTPAuth(t *testing.T) {
	t.Parallel()
	srv := testsmtp.Start(t, testsmtp.Options{User: "slate", Password: "pw"})
	if err := smtpSender(t, srv, "slate", "pw").Send(context.Background(), message(t)); err != nil {
		t.Fatalf("with the right password: %v", err)
	}
	err := smtpSender(t, srv, "slate", "wrong").Send(context.Background(), message(t))
	if err == nil || !mail.IsPermanent(err) {
		t.Fatalf("with a wrong password: %v, want a permanent error", err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Fatalf("server received %d messages, want 1", n)
	}
}

func TestSMTPClassifiesFailures(t *testing.T) {
	t.Parallel()
	temp := testsmtp.Start(t, testsmtp.Options{TempFailures: 1})
	s := smtpSender(t, temp, "", "")
	err := s.Send(context.Background(), message(t))
	if err == nil || mail.IsPermanent(err) {
		t.Fatalf("451: %v, want a transient error", err)
	}
	if err := s.Send(context.Background(), message(t)); err != nil {
		t.Fatalf("after the 451: %v", err)
	}
	reject := testsmtp.Start(t, testsmtp.Options{Reject: true})
	err = smtpSender(t, reject, "", "").Send(context.Background(), message(t))
	if !mail.IsPermanent(err) {
		t.Fatalf("550: %v, want a permanent error", err)
	}
}

func TestSMTPOverTLS(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string]testsmtp.Options{
		"starttls": {TLS: true, User: "slate", Password: "pw"},
		"tls":      {Implicit: true, User: "slate", Password: "pw"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := testsmtp.Start(t, opts)
			cfg := mail.SMTPConfig{Host: srv.Host, Port: srv.Port, TLS: name, User: "slate", Password: "pw",
				From: "Slate <mail@slate.test>", Timeout: 5 * time.Second}
			cfg.TLSConfig = &tls.Config{RootCAs: srv.RootCAs, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
			s, err := mail.NewSMTP(cfg)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.Send(context.Background(), message(t)); err != nil {
				t.Fatal(err)
			}
			if n := len(srv.Messages()); n != 1 {
				t.Fatalf("server received %d messages, want 1", n)
			}
		})
	}
	// STARTTLS is required, not opportunistic: a server without it refuses.
	plain := testsmtp.Start(t, testsmtp.Options{})
	s, err := mail.NewSMTP(mail.SMTPConfig{Host: plain.Host, Port: plain.Port, TLS: mail.TLSStartTLS, From: "Slate <mail@slate.test>", Timeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Send(context.Background(), message(t)); err == nil || len(plain.Messages()) != 0 {
		t.Fatalf("sent in clear to a server without STARTTLS: %v", err)
	}
}
