package objstore_test

import (
	"strings"
	"testing"

	"github.com/slatecasting/slate/internal/objstore"
)

func TestConfigFromEnv(t *testing.T) {
	t.Parallel()
	s3env := func(extra ...string) map[string]string {
		m := map[string]string{
			"SLATE_STORAGE":       "s3",
			"SLATE_S3_ENDPOINT":   "minio.internal:9000",
			"SLATE_S3_ACCESS_KEY": "access",
			"SLATE_S3_SECRET_KEY": "secret",
		}
		for i := 0; i < len(extra); i += 2 {
			m[extra[i]] = extra[i+1]
		}
		return m
	}
	baseS3 := objstore.S3Config{Endpoint: "minio.internal:9000", AccessKey: "access", SecretKey: "secret", Bucket: "slate", Region: "us-east-1"}
	for _, tc := range []struct {
		name       string
		env        map[string]string
		defaultDir string
		want       objstore.Config
		wantErr    []string // substrings of the error; nil: no error
	}{
		{name: "nothing set: local in the default folder", defaultDir: "/srv/slate/.data/media",
			want: objstore.Config{Backend: "local", LocalDir: "/srv/slate/.data/media"}},
		{name: "local with a folder", defaultDir: "/default",
			env:  map[string]string{"SLATE_STORAGE": "local", "SLATE_STORAGE_DIR": "/var/lib/slate/media"},
			want: objstore.Config{Backend: "local", LocalDir: "/var/lib/slate/media"}},
		{name: "backend name is trimmed and case-insensitive", defaultDir: "/d",
			env:  map[string]string{"SLATE_STORAGE": " Local "},
			want: objstore.Config{Backend: "local", LocalDir: "/d"}},
		{name: "local ignores the S3 settings", defaultDir: "/d",
			env:  map[string]string{"SLATE_S3_ENDPOINT": "http://bad", "SLATE_S3_SSL": "maybe"},
			want: objstore.Config{Backend: "local", LocalDir: "/d"}},
		{name: "local without any folder",
			wantErr: []string{"SLATE_STORAGE_DIR"}},
		{name: "s3 with defaults", env: s3env(),
			want: objstore.Config{Backend: "s3", S3: baseS3}},
		{name: "s3 with everything set",
			env: s3env("SLATE_STORAGE", "S3", "SLATE_S3_BUCKET", "casting-media", "SLATE_S3_REGION", "eu-west-3", "SLATE_S3_SSL", "true"),
			want: objstore.Config{Backend: "s3", S3: objstore.S3Config{Endpoint: "minio.internal:9000", AccessKey: "access", SecretKey: "secret",
				Bucket: "casting-media", Region: "eu-west-3", UseSSL: true}}},
		{name: "s3 SSL false", env: s3env("SLATE_S3_SSL", "false"),
			want: objstore.Config{Backend: "s3", S3: baseS3}},
		{name: "s3 with nothing else set", env: map[string]string{"SLATE_STORAGE": "s3"},
			wantErr: []string{"SLATE_S3_ENDPOINT", "SLATE_S3_ACCESS_KEY", "SLATE_S3_SECRET_KEY"}},
		{name: "s3 endpoint missing", env: s3env("SLATE_S3_ENDPOINT", ""),
			wantErr: []string{"SLATE_STORAGE=s3 needs SLATE_S3_ENDPOINT"}},
		{name: "s3 endpoint given as a URL", env: s3env("SLATE_S3_ENDPOINT", "https://s3.example.com"),
			wantErr: []string{"SLATE_S3_ENDPOINT", "without a scheme", "SLATE_S3_SSL=true"}},
		{name: "s3 endpoint with a path", env: s3env("SLATE_S3_ENDPOINT", "s3.example.com/bucket"),
			wantErr: []string{"SLATE_S3_ENDPOINT"}},
		{name: "s3 bad SSL value", env: s3env("SLATE_S3_SSL", "yes"),
			wantErr: []string{`SLATE_S3_SSL "yes" must be true or false`}},
		{name: "s3 bad bucket name", env: s3env("SLATE_S3_BUCKET", "Slate_Media"),
			wantErr: []string{`SLATE_S3_BUCKET "Slate_Media"`}},
		{name: "unknown backend", env: map[string]string{"SLATE_STORAGE": "ftp"},
			wantErr: []string{`SLATE_STORAGE "ftp" must be local or s3`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := objstore.ConfigFromEnv(func(k string) string { return tc.env[k] }, tc.defaultDir)
			if tc.wantErr != nil {
				if err == nil {
					t.Fatalf("no error; got %+v", got)
				}
				for _, s := range tc.wantErr {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not mention %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
		})
	}
}
