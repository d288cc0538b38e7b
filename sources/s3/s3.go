// Package s3 is the Store for Amazon S3 and S3-compatible object stores,
// under s3://bucket/prefix URLs.
package s3

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/residuehq/residue/sources"
)

// Options configure the store. The zero value talks to AWS with the default
// credential chain and finds each bucket's region.
type Options struct {
	// Endpoint is the base URL of an S3-compatible store
	// (http://127.0.0.1:7070). Empty: AWS, or AWS_ENDPOINT_URL_S3 /
	// AWS_ENDPOINT_URL as the SDK reads them.
	Endpoint string
	// PathStyle addresses buckets as endpoint/bucket rather than
	// bucket.endpoint, as most S3-compatible stores need.
	PathStyle bool
	// RequesterPays accepts the charges of reading requester-pays buckets.
	RequesterPays bool
	// Region is used for every bucket when set; otherwise each bucket's
	// region is asked once (with a custom endpoint: the configured region,
	// else us-east-1).
	Region string
	// MaxAttempts bounds the attempts of one request (default 10). A sweep
	// must outlast a storm of throttling and resets that the SDK's default
	// of three attempts and its shared retry quota give up on.
	MaxAttempts int
	// MaxBackoff caps the wait between attempts (default 20s).
	MaxBackoff time.Duration
	// HTTPClient replaces the SDK's HTTP client (tests inject faults here).
	HTTPClient *http.Client
}

// Store reads S3. It is safe for concurrent use; clients are made on first
// use, one per region.
type Store struct {
	opts Options

	mu      sync.Mutex
	cfg     *aws.Config
	clients map[string]*s3.Client // by region
	regions map[string]string     // by bucket
}

var _ sources.Store = (*Store)(nil)

// New returns a store; nothing is contacted until it is used.
func New(opts Options) *Store {
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 10
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = 20 * time.Second
	}
	return &Store{opts: opts, clients: map[string]*s3.Client{}, regions: map[string]string{}}
}

// Scheme is "s3".
func (*Store) Scheme() string { return "s3" }

// Parse splits s3://bucket/key into its bucket and key (the key may be
// empty or a prefix).
func Parse(u string) (bucket, key string, err error) {
	rest, ok := cutPrefixFold(u, "s3://")
	if !ok {
		return "", "", fmt.Errorf("%q is not an s3:// URL", u)
	}
	bucket, key, _ = strings.Cut(rest, "/")
	if bucket == "" {
		return "", "", fmt.Errorf("%q names no bucket", u)
	}
	return bucket, key, nil
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) < len(prefix) || !strings.EqualFold(s[:len(prefix)], prefix) {
		return s, false
	}
	return s[len(prefix):], true
}

// URL is the s3:// URL of a key.
func URL(bucket, key string) string { return "s3://" + bucket + "/" + key }

// config loads the shared AWS configuration once.
func (s *Store) config(ctx context.Context) (aws.Config, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cfg != nil {
		return *s.cfg, nil
	}
	var fns []func(*config.LoadOptions) error
	fns = append(fns, config.WithRetryer(func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.MaxAttempts = s.opts.MaxAttempts
			o.MaxBackoff = s.opts.MaxBackoff
			// The shared token bucket stops retrying every request once
			// enough have failed: right for an interactive tool, wrong for
			// a sweep that must ride out a bad minute.
			o.RateLimiter = ratelimit.None
		})
	}))
	cfg, err := config.LoadDefaultConfig(ctx, fns...)
	if err != nil {
		return aws.Config{}, fmt.Errorf("load AWS configuration: %w", err)
	}
	s.cfg = &cfg
	return cfg, nil
}

// client returns a client for the bucket's region.
func (s *Store) client(ctx context.Context, bucket string) (*s3.Client, error) {
	cfg, err := s.config(ctx)
	if err != nil {
		return nil, err
	}
	region, err := s.region(ctx, cfg, bucket)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.clients[region]; ok {
		return c, nil
	}
	c := s3.NewFromConfig(cfg, s.clientOptions(region))
	s.clients[region] = c
	return c, nil
}

// region finds the bucket's region: the option, the configuration when a
// custom endpoint is used, else S3's answer to HeadBucket, which names the
// region even when it refuses the request.
func (s *Store) region(ctx context.Context, cfg aws.Config, bucket string) (string, error) {
	if s.opts.Region != "" {
		return s.opts.Region, nil
	}
	s.mu.Lock()
	r, ok := s.regions[bucket]
	s.mu.Unlock()
	if ok {
		return r, nil
	}
	if s.opts.Endpoint != "" || cfg.BaseEndpoint != nil {
		r = cfg.Region
		if r == "" {
			r = "us-east-1"
		}
	} else {
		probe := s3.NewFromConfig(cfg, s.clientOptions("us-east-1"))
		out, err := probe.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String(bucket)})
		switch {
		case err == nil && out.BucketRegion != nil:
			r = *out.BucketRegion
		case err != nil:
			var re *awshttp.ResponseError
			if errors.As(err, &re) && re.Response != nil {
				r = re.Response.Header.Get("X-Amz-Bucket-Region")
			}
			if r == "" {
				return "", wrap("list", "find the region of bucket "+bucket, err)
			}
		}
		if r == "" {
			r = cfg.Region
		}
		if r == "" {
			r = "us-east-1"
		}
	}
	s.mu.Lock()
	s.regions[bucket] = r
	s.mu.Unlock()
	return r, nil
}

func (s *Store) clientOptions(region string) func(*s3.Options) {
	return func(o *s3.Options) {
		o.Region = region
		o.UsePathStyle = s.opts.PathStyle
		if s.opts.Endpoint != "" {
			o.BaseEndpoint = aws.String(s.opts.Endpoint)
		}
		if s.opts.HTTPClient != nil {
			// Set here, not in LoadDefaultConfig, which refuses a plain
			// *http.Client when AWS_CA_BUNDLE is set.
			o.HTTPClient = s.opts.HTTPClient
		}
		// Ranged reads carry no whole-object checksum; the SDK would log
		// a line per read saying so.
		o.DisableLogOutputChecksumValidationSkipped = true
	}
}

func (s *Store) payer() types.RequestPayer {
	if s.opts.RequesterPays {
		return types.RequestPayerRequester
	}
	return ""
}

// List yields the objects under root in key order, a page at a time, so a
// bucket of millions of keys is never held at once. A root naming one
// object yields that object; otherwise it is a folder: s3://b/data lists
// data/…, not database.csv. Zero-byte keys ending in "/" (folder markers)
// are skipped. A root with nothing under it is an error of the root.
func (s *Store) List(ctx context.Context, root string) iter.Seq2[sources.Object, error] {
	return func(yield func(sources.Object, error) bool) {
		bucket, key, err := Parse(root)
		if err != nil {
			yield(sources.Object{}, &sources.Error{Op: "list", Err: err})
			return
		}
		c, err := s.client(ctx, bucket)
		if err != nil {
			yield(sources.Object{}, &sources.Error{Op: "list", Kind: kindOf(err), Err: err})
			return
		}
		if key != "" && !strings.HasSuffix(key, "/") {
			head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), RequestPayer: s.payer()})
			if err == nil {
				yield(sources.Object{
					URL:      URL(bucket, key),
					Size:     aws.ToInt64(head.ContentLength),
					Version:  aws.ToString(head.ETag),
					Modified: aws.ToTime(head.LastModified),
				}, nil)
				return
			}
			if k := kindOf(err); k != sources.ErrNotExist {
				yield(sources.Object{}, wrap("list", root, err))
				return
			}
			key += "/"
		}
		pages := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{
			Bucket: aws.String(bucket), Prefix: aws.String(key), RequestPayer: s.payer(),
		})
		n := 0
		for pages.HasMorePages() {
			page, err := pages.NextPage(ctx)
			if err != nil {
				yield(sources.Object{}, wrap("list", root, err))
				return
			}
			for _, o := range page.Contents {
				if err := ctx.Err(); err != nil {
					// A page holds up to 1,000 keys: stop within it.
					yield(sources.Object{}, &sources.Error{Op: "list", Err: fmt.Errorf("%s: %w", root, err)})
					return
				}
				k := aws.ToString(o.Key)
				if strings.HasSuffix(k, "/") && aws.ToInt64(o.Size) == 0 {
					continue
				}
				n++
				if !yield(sources.Object{
					URL:      URL(bucket, k),
					Size:     aws.ToInt64(o.Size),
					Version:  aws.ToString(o.ETag),
					Modified: aws.ToTime(o.LastModified),
				}, nil) {
					return
				}
			}
		}
		if n == 0 && key != "" {
			yield(sources.Object{}, &sources.Error{Op: "list", Kind: sources.ErrNotExist,
				Err: fmt.Errorf("%s: no objects under this prefix", root)})
		}
	}
}

// Open prepares ranged reads of o. The size and version come from the
// listing; an object given without them is asked for once. Reads are
// pinned to the version (If-Match on the ETag), so an object replaced
// while it is read fails rather than mixing two versions' bytes.
func (s *Store) Open(ctx context.Context, o sources.Object) (sources.Handle, error) {
	bucket, key, err := Parse(o.URL)
	if err != nil {
		return nil, &sources.Error{Op: "open", Err: err}
	}
	if key == "" {
		return nil, &sources.Error{Op: "open", Err: fmt.Errorf("%q names a bucket, not an object", o.URL)}
	}
	c, err := s.client(ctx, bucket)
	if err != nil {
		return nil, &sources.Error{Op: "open", Kind: kindOf(err), Err: err}
	}
	h := &handle{s: s, c: c, bucket: bucket, key: key, url: o.URL, size: o.Size, etag: o.Version}
	if o.Version == "" {
		head, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), RequestPayer: s.payer()})
		if err != nil {
			return nil, wrap("open", o.URL, err)
		}
		h.size, h.etag = aws.ToInt64(head.ContentLength), aws.ToString(head.ETag)
	}
	return h, nil
}

// handle reads one object by ranges.
type handle struct {
	s      *Store
	c      *s3.Client
	bucket string
	key    string
	url    string
	size   int64
	etag   string
}

func (h *handle) Size() int64  { return h.size }
func (h *handle) Close() error { return nil }

// bodyAttempts bounds the re-requests of a range whose body broke off part
// way (a reset connection): the SDK retries requests, not bodies.
const bodyAttempts = 10

// ReadAt reads len(p) bytes at off in one ranged GET, in the io.ReaderAt
// contract: fewer bytes only at the end of the object, with io.EOF.
func (h *handle) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, &sources.Error{Op: "read", Err: fmt.Errorf("%s: negative offset %d", h.url, off)}
	}
	if off >= h.size {
		return 0, io.EOF
	}
	want := min(int64(len(p)), h.size-off)
	if want == 0 {
		return 0, nil
	}
	got := 0
	for attempt := 1; ; attempt++ {
		n, err := h.readRange(p[got:want], off+int64(got))
		got += n
		if err == nil {
			break
		}
		if attempt >= bodyAttempts || !retryableBody(err) {
			return got, err
		}
		time.Sleep(backoff(attempt))
	}
	if int64(got) < int64(len(p)) {
		return got, io.EOF
	}
	return got, nil
}

// readRange reads exactly len(p) bytes at off, or fails.
func (h *handle) readRange(p []byte, off int64) (int, error) {
	// A read has no context of its own in the io.ReaderAt contract; the
	// SDK's attempts and timeouts bound it.
	ctx := context.Background()
	out, err := h.c.GetObject(ctx, &s3.GetObjectInput{
		Bucket:       aws.String(h.bucket),
		Key:          aws.String(h.key),
		Range:        aws.String(fmt.Sprintf("bytes=%d-%d", off, off+int64(len(p))-1)),
		IfMatch:      nonEmpty(h.etag),
		RequestPayer: h.s.payer(),
	})
	if err != nil {
		return 0, wrap("read", h.url, err)
	}
	defer out.Body.Close()
	n, err := io.ReadFull(out.Body, p)
	if err != nil {
		return n, &sources.Error{Op: "read", Err: fmt.Errorf("%s at byte %d: %w", h.url, off+int64(n), err)}
	}
	return n, nil
}

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return aws.String(s)
}

// retryableBody reports a failure worth asking for the rest of the range
// again: the body broke off, not a refusal.
func retryableBody(err error) bool {
	var se *sources.Error
	if !errors.As(err, &se) || se.Kind != nil {
		return false
	}
	var api smithy.APIError
	return !errors.As(err, &api) && !errors.Is(err, context.Canceled)
}

// backoff is a full-jitter exponential wait.
func backoff(attempt int) time.Duration {
	d := min(100*time.Millisecond<<attempt, 5*time.Second)
	return time.Duration(rand.Int64N(int64(d)))
}

// wrap turns an SDK error about what (a URL, a bucket) into a
// sources.Error with its kind.
func wrap(op, what string, err error) error {
	return &sources.Error{Op: op, Kind: kindOf(err), Err: fmt.Errorf("%s: %w", what, err)}
}

// kindOf maps S3's answers to the sentinels callers test for.
func kindOf(err error) error {
	var api smithy.APIError
	if errors.As(err, &api) {
		switch api.ErrorCode() {
		case "NoSuchKey", "NoSuchBucket", "NotFound", "NoSuchVersion":
			return sources.ErrNotExist
		case "AccessDenied", "Forbidden", "AllAccessDisabled", "InvalidAccessKeyId", "SignatureDoesNotMatch":
			return sources.ErrPermission
		}
	}
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		switch re.HTTPStatusCode() {
		case http.StatusNotFound:
			return sources.ErrNotExist
		case http.StatusForbidden:
			return sources.ErrPermission
		}
	}
	return nil
}

var _ sources.Writer = (*Store)(nil)

// Put writes the object at url whole.
func (s *Store) Put(ctx context.Context, url string, data []byte) error {
	bucket, key, err := Parse(url)
	if err != nil {
		return err
	}
	if key == "" || strings.HasSuffix(key, "/") {
		return fmt.Errorf("write %s: name an object, not a bucket or folder", url)
	}
	c, err := s.client(ctx, bucket)
	if err != nil {
		return fmt.Errorf("write %s: %w", url, err)
	}
	if _, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key),
		Body: bytes.NewReader(data), RequestPayer: s.payer()}); err != nil {
		return wrap("write", url, err)
	}
	return nil
}
