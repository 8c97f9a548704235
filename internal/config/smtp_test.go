package config

import (
	"strings"
	"testing"
)

func TestSMTPSettings(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.SMTP.Host != "" || c.SMTP.From != DefaultMailFrom || c.SMTP.TLS != "starttls" || c.SMTP.Port != 587 || c.SMTP.Connections != 2 || c.MailDomain() != "slate.localhost" {
		t.Errorf("defaults (outbox) = %+v, domain %s", c.SMTP, c.MailDomain())
	}
	c, err = Load(env(map[string]string{"SLATE_SMTP_HOST": "smtp.example.com", "SLATE_SMTP_TLS": "TLS", "SLATE_SMTP_USER": "u",
		"SLATE_SMTP_PASSWORD": "p", "SLATE_SMTP_RATE": "12.5", "SLATE_MAIL_FROM": "Casting <cast@example.com>"}))
	if err != nil || c.SMTP.Port != 465 || c.SMTP.TLS != "tls" || c.SMTP.Rate != 12.5 || c.SMTP.User != "u" || c.MailDomain() != "example.com" {
		t.Fatalf("overrides = %+v, %v", c.SMTP, err)
	}
	_, err = Load(env(map[string]string{"SLATE_SMTP_TLS": "ssl3", "SLATE_SMTP_PORT": "70000", "SLATE_SMTP_RATE": "fast", "SLATE_MAIL_FROM": "nobody", "SLATE_SMTP_CONNECTIONS": "0"}))
	for _, want := range []string{"SLATE_SMTP_TLS", "SLATE_SMTP_PORT", "SLATE_SMTP_RATE", "SLATE_MAIL_FROM", "SLATE_SMTP_CONNECTIONS"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error %v does not name %s", err, want)
		}
	}
}

func TestAppealEmail(t *testing.T) {
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	c, err := Load(env(map[string]string{"SLATE_MAIL_FROM": "Slate <no-reply@casting.example>"}))
	if err != nil || c.AppealEmail != "appeals@casting.example" {
		t.Errorf("default appeal address %q, %v", c.AppealEmail, err)
	}
	if c, err := Load(env(map[string]string{"SLATE_APPEAL_EMAIL": "moderation@casting.example"})); err != nil || c.AppealEmail != "moderation@casting.example" {
		t.Errorf("appeal address %q, %v", c.AppealEmail, err)
	}
	if _, err := Load(env(map[string]string{"SLATE_APPEAL_EMAIL": "Mods <m@x.example>"})); err == nil {
		t.Error("a named appeal address was accepted")
	}
}
