// Package config reads Slate's settings from environment variables into one
// typed struct, validated once at start, with defaults that make `make run`
// work on a laptop.
package config

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/slatecasting/slate/domain/moderation"
	"github.com/slatecasting/slate/domain/photocheck"
	"github.com/slatecasting/slate/domain/production"
	"github.com/slatecasting/slate/internal/mail"
	"github.com/slatecasting/slate/internal/objstore"
)

// Config is every setting Slate reads from its environment.
type Config struct {
	// Addr is the host:port the web server listens on (SLATE_ADDR).
	Addr string
	// BaseURL is the public address of the site (SLATE_BASE_URL); an https
	// scheme marks cookies Secure.
	BaseURL string
	// DatabaseURL is the PostgreSQL connection string (DATABASE_URL). Empty
	// means "bring up the project-local cluster under DataDir".
	DatabaseURL string
	// DataDir holds the local PostgreSQL cluster and local uploads
	// (SLATE_DATA_DIR, default ".data").
	DataDir string
	// SessionIdle ends a session nobody used for this long (SLATE_SESSION_IDLE).
	SessionIdle time.Duration
	// SessionMax ends any session this long after login (SLATE_SESSION_MAX).
	SessionMax time.Duration
	// TrustProxy makes the client IP come from X-Forwarded-For, for
	// deployments behind a load balancer (SLATE_TRUST_PROXY).
	TrustProxy bool
	// LogLevel is debug, info, warn or error (SLATE_LOG_LEVEL).
	LogLevel string
	// WorkerConcurrency is the default queue's worker count (SLATE_WORKERS).
	WorkerConcurrency int
	// MediaWorkers is the media-check queue's worker count (SLATE_MEDIA_WORKERS).
	MediaWorkers int
	// Storage chooses where media go (SLATE_STORAGE, SLATE_STORAGE_DIR,
	// SLATE_S3_*); the default is a folder under DataDir.
	Storage objstore.Config
	// PhotoLimits bound each photo upload (SLATE_MAX_PHOTO_MB,
	// SLATE_MAX_MEGAPIXELS, SLATE_MAX_DECODE_MB); PhotoLimits.PhotoMemory
	// sizes the media workers' shared photocheck.Budget.
	PhotoLimits photocheck.Limits
	// MaxReelBytes bounds an audio or video upload (SLATE_MAX_REEL_MB).
	MaxReelBytes int64
	// MinimumRates are the posting rules' minimum pay for a Paid listing,
	// in cents by currency and unit (SLATE_MIN_RATE_<CURRENCY>_<UNIT>, an
	// amount like 12.50; see DefaultMinimumRates).
	MinimumRates production.Rates
	// NoticesPerMonth is how many non-casting notices a producer may
	// submit in a calendar month (SLATE_NOTICES_PER_MONTH, default 2).
	NoticesPerMonth int
	// ChangesAnswerDays is how long a producer has to answer a moderator's
	// request for changes before the listing is hidden
	// (SLATE_CHANGES_ANSWER_DAYS, default 3).
	ChangesAnswerDays int
	// AutoSeed loads the demo data when the database has no account yet
	// (SLATE_AUTO_SEED, default true for `make run`).
	AutoSeed bool
	// SMTP is the mail server (SLATE_SMTP_HOST, _PORT, _USER, _PASSWORD,
	// _TLS, SLATE_SMTP_RATE, SLATE_MAIL_FROM). No host: mail goes to the
	// outbox in the database instead, readable at /admin/outbox.
	SMTP mail.SMTPConfig
	// Secret signs links that work without a session (unsubscribe)
	// (SLATE_SECRET). Empty: the platform keeps one in DataDir, which
	// serves a laptop; processes on several machines must share one.
	Secret string
	// AppealEmail is where the owner of a suspended account writes to
	// appeal, named by the login form and the suspension e-mail
	// (SLATE_APPEAL_EMAIL, default appeals@ the mail domain).
	AppealEmail string
}

// Load reads the environment through getenv and validates the result.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		Addr:              envOr(getenv, "SLATE_ADDR", "127.0.0.1:3000"),
		BaseURL:           getenv("SLATE_BASE_URL"),
		DatabaseURL:       getenv("DATABASE_URL"),
		DataDir:           envOr(getenv, "SLATE_DATA_DIR", ".data"),
		LogLevel:          envOr(getenv, "SLATE_LOG_LEVEL", "info"),
		SessionIdle:       72 * time.Hour,
		SessionMax:        30 * 24 * time.Hour,
		WorkerConcurrency: 10,
		MediaWorkers:      2,
		AutoSeed:          true,
		NoticesPerMonth:   production.DefaultNoticesPerMonth,
		ChangesAnswerDays: moderation.ChangesAnswerDays,
	}
	var errs []error
	photoMB, megapixels, decodeMB, reelMB := 20, 50, int(photocheck.DefaultMaxDecodeBytes>>20), 100
	parseInt(getenv, "SLATE_MAX_PHOTO_MB", &photoMB, &errs)
	parseInt(getenv, "SLATE_MAX_MEGAPIXELS", &megapixels, &errs)
	parseInt(getenv, "SLATE_MAX_DECODE_MB", &decodeMB, &errs)
	parseInt(getenv, "SLATE_MAX_REEL_MB", &reelMB, &errs)
	if photoMB < 1 || megapixels < 1 || decodeMB < 1 || reelMB < 1 {
		errs = append(errs, errors.New("SLATE_MAX_PHOTO_MB, SLATE_MAX_MEGAPIXELS, SLATE_MAX_DECODE_MB and SLATE_MAX_REEL_MB must be at least 1"))
	}
	c.PhotoLimits = photocheck.Limits{MaxBytes: int64(photoMB) << 20, MaxPixels: megapixels * 1_000_000, MaxDecodeBytes: int64(decodeMB) << 20}
	c.MaxReelBytes = int64(reelMB) << 20
	parseDuration(getenv, "SLATE_SESSION_IDLE", &c.SessionIdle, &errs)
	parseDuration(getenv, "SLATE_SESSION_MAX", &c.SessionMax, &errs)
	parseInt(getenv, "SLATE_WORKERS", &c.WorkerConcurrency, &errs)
	parseInt(getenv, "SLATE_MEDIA_WORKERS", &c.MediaWorkers, &errs)
	parseBool(getenv, "SLATE_TRUST_PROXY", &c.TrustProxy, &errs)
	parseBool(getenv, "SLATE_AUTO_SEED", &c.AutoSeed, &errs)
	parseInt(getenv, "SLATE_NOTICES_PER_MONTH", &c.NoticesPerMonth, &errs)
	parseInt(getenv, "SLATE_CHANGES_ANSWER_DAYS", &c.ChangesAnswerDays, &errs)
	c.MinimumRates = minimumRates(getenv, &errs)
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.Secret = getenv("SLATE_SECRET")
	c.SMTP = smtpFromEnv(getenv, &errs)
	c.AppealEmail = appealEmail(getenv, c, &errs)
	errs = append(errs, c.validate()...)
	if len(errs) > 0 {
		return Config{}, fmt.Errorf("config: %w", errors.Join(errs...))
	}
	if abs, err := filepath.Abs(c.DataDir); err == nil {
		c.DataDir = abs
	}
	storage, err := objstore.ConfigFromEnv(getenv, filepath.Join(c.DataDir, "media"))
	if err != nil {
		return Config{}, fmt.Errorf("config: %w", err)
	}
	c.Storage = storage
	return c, nil
}

// FromEnv is Load over the process environment.
func FromEnv() (Config, error) { return Load(os.Getenv) }

// SecureCookies reports whether cookies must carry the Secure flag: only
// when the site is served over TLS, or a browser on http://127.0.0.1 would
// drop them.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

func (c Config) validate() []error {
	var errs []error
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("SLATE_ADDR %q is not host:port", c.Addr))
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		errs = append(errs, fmt.Errorf("SLATE_BASE_URL %q must be an absolute http(s) URL", c.BaseURL))
	}
	if c.SessionIdle <= 0 || c.SessionMax <= 0 || c.SessionIdle > c.SessionMax {
		errs = append(errs, errors.New("SLATE_SESSION_IDLE must be positive and not longer than SLATE_SESSION_MAX"))
	}
	if c.NoticesPerMonth < 1 {
		errs = append(errs, errors.New("SLATE_NOTICES_PER_MONTH must be at least 1"))
	}
	if c.ChangesAnswerDays < 1 {
		errs = append(errs, errors.New("SLATE_CHANGES_ANSWER_DAYS must be at least 1"))
	}
	if c.WorkerConcurrency < 1 || c.MediaWorkers < 1 {
		errs = append(errs, errors.New("SLATE_WORKERS and SLATE_MEDIA_WORKERS must be at least 1"))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("SLATE_LOG_LEVEL %q must be debug, info, warn or error", c.LogLevel))
	}
	return errs
}

func envOr(getenv func(string) string, key, def string) string {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		return v
	}
	return def
}

func parseDuration(getenv func(string) string, key string, dst *time.Duration, errs *[]error) {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			*errs = append(*errs, fmt.Errorf("%s %q is not a duration like 72h", key, v))
			return
		}
		*dst = d
	}
}

func parseInt(getenv func(string) string, key string, dst *int, errs *[]error) {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			*errs = append(*errs, fmt.Errorf("%s %q is not a number", key, v))
			return
		}
		*dst = n
	}
}

func parseBool(getenv func(string) string, key string, dst *bool, errs *[]error) {
	if v := strings.TrimSpace(getenv(key)); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			*errs = append(*errs, fmt.Errorf("%s %q is not true or false", key, v))
			return
		}
		*dst = b
	}
}
