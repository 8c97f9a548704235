package config

import (
	"strings"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain/photocheck"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDefaultsWorkOnALaptop(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:3000" || c.BaseURL != "http://127.0.0.1:3000" || c.DatabaseURL != "" || c.SecureCookies() {
		t.Errorf("defaults = %+v", c)
	}
	if c.PhotoLimits != photocheck.DefaultLimits() || c.PhotoLimits.MaxBytes != 20<<20 || c.PhotoLimits.MaxPixels != 50_000_000 || c.Storage.Backend != "local" || !strings.HasSuffix(c.Storage.LocalDir, "/.data/media") {
		t.Errorf("media defaults = %+v %+v", c.PhotoLimits, c.Storage)
	}
	if c.SessionIdle != 72*time.Hour || !c.AutoSeed {
		t.Errorf("session/seed defaults = %v %v", c.SessionIdle, c.AutoSeed)
	}
}

func TestOverridesAndErrors(t *testing.T) {
	c, err := Load(env(map[string]string{"SLATE_BASE_URL": "https://slate.example.com", "SLATE_SESSION_IDLE": "2h", "SLATE_MAX_PHOTO_MB": "5", "SLATE_MAX_DECODE_MB": "64"}))
	if err != nil || !c.SecureCookies() || c.SessionIdle != 2*time.Hour || c.PhotoLimits.MaxBytes != 5<<20 || c.PhotoLimits.MaxDecodeBytes != 64<<20 {
		t.Fatalf("overrides = %+v, %v", c, err)
	}
	_, err = Load(env(map[string]string{"SLATE_ADDR": "nope", "SLATE_SESSION_IDLE": "forever", "SLATE_LOG_LEVEL": "loud", "SLATE_STORAGE": "s3"}))
	if err == nil {
		t.Fatal("bad settings accepted")
	}
	for _, want := range []string{"SLATE_ADDR", "SLATE_SESSION_IDLE", "SLATE_LOG_LEVEL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	if _, err := Load(env(map[string]string{"SLATE_STORAGE": "s3"})); err == nil || !strings.Contains(err.Error(), "SLATE_S3_ENDPOINT") {
		t.Errorf("s3 without endpoint: %v", err)
	}
}
