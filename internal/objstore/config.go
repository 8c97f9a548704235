package objstore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/minio/minio-go/v7/pkg/s3utils"
)

// Config chooses and configures a backend, so the app can pick one from
// its environment with one call to Open.
type Config struct {
	Backend  string // "local" (also "") or "s3"
	LocalDir string // the local backend's folder
	S3       S3Config
}

// Open returns the configured backend, so the rest of the app holds a
// Store and never needs to know which one it is.
func Open(ctx context.Context, c Config) (Store, error) {
	switch c.Backend {
	case "", "local":
		return NewLocal(c.LocalDir)
	case "s3":
		return NewS3(ctx, c.S3)
	}
	return nil, fmt.Errorf("objstore: unknown backend %q (want local or s3)", c.Backend)
}

// ConfigFromEnv reads the storage settings from the environment, so a
// deployment switches to S3 without code changes:
//
//	SLATE_STORAGE        "local" (default) or "s3"
//	SLATE_STORAGE_DIR    the local folder (default defaultDir)
//	SLATE_S3_ENDPOINT    host:port, no scheme (required for s3)
//	SLATE_S3_ACCESS_KEY  required for s3
//	SLATE_S3_SECRET_KEY  required for s3
//	SLATE_S3_BUCKET      default "slate"
//	SLATE_S3_REGION      default "us-east-1"
//	SLATE_S3_SSL         "true" or "false" (default)
//
// The S3 settings are checked only when s3 is chosen; every problem found
// is reported at once.
func ConfigFromEnv(getenv func(string) string, defaultDir string) (Config, error) {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	c := Config{Backend: strings.ToLower(get("SLATE_STORAGE"))}
	switch c.Backend {
	case "", "local":
		c.Backend = "local"
		c.LocalDir = get("SLATE_STORAGE_DIR")
		if c.LocalDir == "" {
			c.LocalDir = defaultDir
		}
		if c.LocalDir == "" {
			return Config{}, errors.New("SLATE_STORAGE=local needs SLATE_STORAGE_DIR")
		}
		return c, nil
	case "s3":
	default:
		return Config{}, fmt.Errorf("SLATE_STORAGE %q must be local or s3", c.Backend)
	}

	c.S3 = S3Config{
		Endpoint:  get("SLATE_S3_ENDPOINT"),
		AccessKey: get("SLATE_S3_ACCESS_KEY"),
		SecretKey: get("SLATE_S3_SECRET_KEY"),
		Bucket:    get("SLATE_S3_BUCKET"),
		Region:    get("SLATE_S3_REGION"),
	}
	if c.S3.Bucket == "" {
		c.S3.Bucket = "slate"
	}
	if c.S3.Region == "" {
		c.S3.Region = "us-east-1"
	}
	var errs []error
	for _, v := range []struct{ name, value string }{
		{"SLATE_S3_ENDPOINT", c.S3.Endpoint},
		{"SLATE_S3_ACCESS_KEY", c.S3.AccessKey},
		{"SLATE_S3_SECRET_KEY", c.S3.SecretKey},
	} {
		if v.value == "" {
			errs = append(errs, fmt.Errorf("SLATE_STORAGE=s3 needs %s", v.name))
		}
	}
	if e := c.S3.Endpoint; strings.Contains(e, "://") || strings.Contains(e, "/") {
		errs = append(errs, fmt.Errorf("SLATE_S3_ENDPOINT %q must be host:port without a scheme or path (https is SLATE_S3_SSL=true)", e))
	}
	if err := s3utils.CheckValidBucketNameStrict(c.S3.Bucket); err != nil {
		errs = append(errs, fmt.Errorf("SLATE_S3_BUCKET %q: %v", c.S3.Bucket, err))
	}
	switch v := strings.ToLower(get("SLATE_S3_SSL")); v {
	case "", "false", "0":
	case "true", "1":
		c.S3.UseSSL = true
	default:
		errs = append(errs, fmt.Errorf("SLATE_S3_SSL %q must be true or false", v))
	}
	if len(errs) > 0 {
		return Config{}, errors.Join(errs...)
	}
	return c, nil
}
