package objstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"

	"github.com/minio/minio-go/v7"
	"github.com/minio/minio-go/v7/pkg/credentials"
)

// S3Config reaches one bucket of an S3-compatible service (MinIO, AWS S3,
// Garage, R2…), which lets several Slate processes share their media.
type S3Config struct {
	Endpoint  string // host or host:port, without http:// or https://
	AccessKey string
	SecretKey string
	Bucket    string
	Region    string // "" lets the client ask the service
	UseSSL    bool   // https instead of http
}

// S3 keeps objects in one bucket of an S3-compatible service.
type S3 struct {
	client *minio.Client
	bucket string
}

// NewS3 connects and creates the bucket when it is missing, so a fresh
// MinIO needs no setup. Several processes starting at once may race to
// create it; losing that race is fine as long as the bucket then exists
// and is ours.
func NewS3(ctx context.Context, c S3Config) (*S3, error) {
	if c.Endpoint == "" || c.Bucket == "" {
		return nil, errors.New("objstore: s3 needs an endpoint and a bucket")
	}
	client, err := minio.New(c.Endpoint, &minio.Options{
		Creds:  credentials.NewStaticV4(c.AccessKey, c.SecretKey, ""),
		Secure: c.UseSSL,
		Region: c.Region,
	})
	if err != nil {
		return nil, fmt.Errorf("objstore: s3 %s: %w", c.Endpoint, err)
	}
	exists, err := client.BucketExists(ctx, c.Bucket)
	if err != nil {
		return nil, fmt.Errorf("objstore: s3 %s: bucket %s: %w", c.Endpoint, c.Bucket, err)
	}
	if !exists {
		if err := client.MakeBucket(ctx, c.Bucket, minio.MakeBucketOptions{Region: c.Region}); err != nil {
			// "BucketAlreadyOwnedByYou" and friends: someone made it meanwhile.
			if ok, err2 := client.BucketExists(ctx, c.Bucket); err2 != nil || !ok {
				return nil, fmt.Errorf("objstore: s3 %s: make bucket %s: %w", c.Endpoint, c.Bucket, err)
			}
		}
	}
	return &S3{client: client, bucket: c.Bucket}, nil
}

// Put uploads an object; S3 makes an object visible only once its upload
// completes, and minio-go aborts a multipart upload that fails, so a failed
// Put leaves nothing. A reader that can seek and read at offsets (an
// uploaded file) is passed as it is, so minio-go can retry and upload
// parts in parallel; others are held to exactly size bytes.
func (s *S3) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if contentType == "" {
		contentType = defaultContentType
	}
	if rs, ok := r.(interface {
		io.ReaderAt
		io.Seeker
	}); ok && size >= 0 {
		// minio-go would retry a short file for seconds; fail at once.
		if err := checkLength(rs, size); err != nil {
			return fmt.Errorf("objstore: put %s: %w", key, err)
		}
	} else {
		r = &exactReader{ctx: ctx, r: r, n: size}
	}
	if _, err := s.client.PutObject(ctx, s.bucket, key, r, size, minio.PutObjectOptions{ContentType: contentType}); err != nil {
		return fmt.Errorf("objstore: put %s: %w", key, err)
	}
	return nil
}

// checkLength fails when fewer than size bytes remain in r.
func checkLength(r io.Seeker, size int64) error {
	cur, err := r.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	end, err := r.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	if _, err := r.Seek(cur, io.SeekStart); err != nil {
		return err
	}
	if short := size - (end - cur); short > 0 {
		return fmt.Errorf("objstore: upload ended %d bytes short: %w", short, io.ErrUnexpectedEOF)
	}
	return nil
}

// Get opens an object with one plain GET whose headers give its Info, so
// Info matches the body even if the object is replaced meanwhile (a
// minio.Object would send a second, conditional GET and fail instead).
func (s *S3) Get(ctx context.Context, key string) (*Object, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	body, st, _, err := minio.Core{Client: s.client}.GetObject(ctx, s.bucket, key, minio.GetObjectOptions{})
	if err != nil {
		return nil, s.mapErr(key, err)
	}
	return &Object{Info: Info{Key: key, Size: st.Size, ContentType: st.ContentType, ModTime: st.LastModified}, Body: body}, nil
}

// Stat describes an object with a HEAD request.
func (s *S3) Stat(ctx context.Context, key string) (Info, error) {
	if err := checkKey(key); err != nil {
		return Info{}, err
	}
	st, err := s.client.StatObject(ctx, s.bucket, key, minio.StatObjectOptions{})
	if err != nil {
		return Info{}, s.mapErr(key, err)
	}
	return Info{Key: key, Size: st.Size, ContentType: st.ContentType, ModTime: st.LastModified}, nil
}

// Delete removes an object; S3 answers a delete of a missing key with
// success already.
func (s *S3) Delete(ctx context.Context, key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := s.client.RemoveObject(ctx, s.bucket, key, minio.RemoveObjectOptions{}); err != nil {
		return fmt.Errorf("objstore: delete %s: %w", key, err)
	}
	return nil
}

// List pages through ListObjectsV2. minio-go ends the listing quietly
// when ctx ends, so that case is reported here.
func (s *S3) List(ctx context.Context, prefix string) iter.Seq2[Info, error] {
	return func(yield func(Info, error) bool) {
		if !validPrefix(prefix) {
			yield(Info{}, fmt.Errorf("objstore: invalid prefix %q", prefix))
			return
		}
		for o := range s.client.ListObjectsIter(ctx, s.bucket, minio.ListObjectsOptions{Prefix: prefix, Recursive: true}) {
			if o.Err != nil {
				yield(Info{}, fmt.Errorf("objstore: list %q: %w", prefix, o.Err))
				return
			}
			if !ValidKey(o.Key) {
				continue
			}
			if !yield(Info{Key: o.Key, Size: o.Size, ModTime: o.LastModified}, nil) {
				return
			}
		}
		if err := ctx.Err(); err != nil {
			yield(Info{}, fmt.Errorf("objstore: list %q: %w", prefix, err))
		}
	}
}

// mapErr turns a missing key (NoSuchKey, or a bare 404 from a HEAD) into
// ErrNotFound. A missing bucket stays an error of its own: that is a
// broken setup, not a missing photo.
func (s *S3) mapErr(key string, err error) error {
	resp := minio.ToErrorResponse(err)
	if resp.Code == "NoSuchKey" || resp.StatusCode == http.StatusNotFound && resp.Code != "NoSuchBucket" {
		return fmt.Errorf("%w: %s", ErrNotFound, key)
	}
	return fmt.Errorf("objstore: %s: %w", key, err)
}
