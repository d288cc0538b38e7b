package gcs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"cloud.google.com/go/storage"
	"github.com/googleapis/gax-go/v2"
	"google.golang.org/api/googleapi"
	"google.golang.org/api/iterator"
	"google.golang.org/api/option"

	"github.com/residuehq/residue/sources"
)

// Options configure the store. The zero value uses application default
// credentials (or the emulator named by STORAGE_EMULATOR_HOST).
type Options struct {
	// ClientOptions are passed to storage.NewClient: other credentials, an
	// endpoint, an HTTP client.
	ClientOptions []option.ClientOption
	// MaxAttempts bounds the attempts of one request (default 10): a sweep
	// must ride out a bad minute of throttling and resets, and must not
	// retry forever either, which is the library's default.
	MaxAttempts int
	// MaxBackoff caps the wait between attempts (default 20s).
	MaxBackoff time.Duration
	// StallTimeout abandons a read when no byte of it arrives for this
	// long (default 60s): a connection that stays open while its body
	// stops would otherwise hold a worker for good.
	StallTimeout time.Duration
}

// Store reads GCS. It is safe for concurrent use; the client is made on
// first use.
type Store struct {
	opts Options

	mu     sync.Mutex
	client *storage.Client
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
	return &Store{opts: opts}
}

// Scheme is "gs".
func (*Store) Scheme() string { return "gs" }

// Close releases the client's connections.
func (s *Store) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client == nil {
		return nil
	}
	err := s.client.Close()
	s.client = nil
	return err
}

// Parse splits gs://bucket/name into the bucket and the object name (which
// may be empty, or a prefix). Names are taken as they are, without
// percent-decoding, as gsutil and gcloud do.
func Parse(u string) (bucket, name string, err error) {
	const scheme = "gs://"
	if len(u) < len(scheme) || !strings.EqualFold(u[:len(scheme)], scheme) {
		return "", "", fmt.Errorf("%q is not a gs:// URL", u)
	}
	bucket, name, _ = strings.Cut(u[len(scheme):], "/")
	if bucket == "" {
		return "", "", fmt.Errorf("%q names no bucket", u)
	}
	if err := checkBucket(bucket); err != nil {
		return "", "", fmt.Errorf("%q: %w", u, err)
	}
	return bucket, name, nil
}

// checkBucket rejects what cannot be a bucket name, so that a typo is
// reported as such rather than as a missing bucket.
func checkBucket(b string) error {
	if len(b) < 3 || len(b) > 222 {
		return fmt.Errorf("bucket name %q is not 3 to 222 characters long", b)
	}
	for _, c := range b {
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '-', c == '_', c == '.':
		default:
			return fmt.Errorf("bucket name %q has %q: only a-z, 0-9, '-', '_' and '.' are allowed", b, c)
		}
	}
	return nil
}

// URL is the gs:// URL of an object.
func URL(bucket, name string) string { return "gs://" + bucket + "/" + name }

// storageClient makes the client once.
func (s *Store) storageClient(ctx context.Context) (*storage.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.client != nil {
		return s.client, nil
	}
	// Credential sources may keep this context to refresh tokens later: it
	// must not end with the first caller's.
	c, err := storage.NewClient(context.WithoutCancel(ctx), s.opts.ClientOptions...)
	if err != nil {
		return nil, fmt.Errorf("create GCS client: %w", err)
	}
	// The store only reads, and reads are idempotent: retry them all.
	c.SetRetry(
		storage.WithPolicy(storage.RetryAlways),
		storage.WithBackoff(gax.Backoff{Initial: min(100*time.Millisecond, s.opts.MaxBackoff), Max: s.opts.MaxBackoff, Multiplier: 2}),
		storage.WithMaxAttempts(s.opts.MaxAttempts),
	)
	s.client = c
	return c, nil
}

// listFields are the object fields a listing asks for.
var listFields = []string{"Name", "Size", "Generation", "Updated"}

// List yields the objects under root in name order, a page at a time. A
// root naming one object yields that object; otherwise it is a folder:
// gs://b/data lists data/…, not database.csv. Zero-byte names ending in
// "/" (folder placeholders made by the console and other tools) are
// skipped. A root with nothing under it, or a missing bucket, is an error
// of the root; an empty bucket lists nothing.
func (s *Store) List(ctx context.Context, root string) iter.Seq2[sources.Object, error] {
	return func(yield func(sources.Object, error) bool) {
		fail := func(err error) {
			if ctx.Err() != nil {
				err = ctx.Err()
			}
			yield(sources.Object{}, wrap("list", root, err))
		}
		bucket, name, err := Parse(root)
		if err != nil {
			yield(sources.Object{}, &sources.Error{Op: "list", Err: err})
			return
		}
		c, err := s.storageClient(ctx)
		if err != nil {
			yield(sources.Object{}, &sources.Error{Op: "list", Err: err})
			return
		}
		b := c.Bucket(bucket)
		prefix := name
		if name != "" && !strings.HasSuffix(name, "/") {
			a, err := b.Object(name).Attrs(ctx)
			if err == nil {
				yield(object(bucket, a), nil)
				return
			}
			if !errors.Is(err, storage.ErrObjectNotExist) {
				fail(err)
				return
			}
			prefix += "/"
		}
		q := &storage.Query{Prefix: prefix, Projection: storage.ProjectionNoACL}
		if err := q.SetAttrSelection(listFields); err != nil {
			panic(err) // listFields is a constant
		}
		it := b.Objects(ctx, q)
		n := 0
		for {
			if ctx.Err() != nil {
				fail(ctx.Err())
				return
			}
			a, err := it.Next()
			if errors.Is(err, iterator.Done) {
				break
			}
			if err != nil {
				fail(err)
				return
			}
			if strings.HasSuffix(a.Name, "/") && a.Size == 0 {
				continue
			}
			n++
			if !yield(object(bucket, a), nil) {
				return
			}
		}
		if n == 0 && prefix != "" {
			yield(sources.Object{}, &sources.Error{Op: "list", Kind: sources.ErrNotExist,
				Err: fmt.Errorf("%s: no objects under this prefix", root)})
		}
	}
}

func object(bucket string, a *storage.ObjectAttrs) sources.Object {
	return sources.Object{
		URL:      URL(bucket, a.Name),
		Size:     a.Size,
		Version:  strconv.FormatInt(a.Generation, 10),
		Modified: a.Updated,
	}
}

// Open prepares ranged reads of o. The size and generation come from the
// listing; an object given without a version is asked for once. Reads are
// pinned to the generation, so an object replaced or deleted after it was
// listed fails with ErrNotExist rather than mixing two versions' bytes.
// Reads use ctx: cancelling it stops them.
func (s *Store) Open(ctx context.Context, o sources.Object) (sources.Handle, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	bucket, name, err := Parse(o.URL)
	if err != nil {
		return nil, &sources.Error{Op: "open", Err: err}
	}
	if name == "" {
		return nil, &sources.Error{Op: "open", Err: fmt.Errorf("%q names a bucket, not an object", o.URL)}
	}
	c, err := s.storageClient(ctx)
	if err != nil {
		return nil, &sources.Error{Op: "open", Err: err}
	}
	obj := c.Bucket(bucket).Object(name)
	size := o.Size
	var gen int64
	if o.Version == "" {
		a, err := obj.Attrs(ctx)
		if err != nil {
			return nil, wrap("open", o.URL, err)
		}
		size, gen = a.Size, a.Generation
	} else if gen, err = strconv.ParseInt(o.Version, 10, 64); err != nil {
		return nil, &sources.Error{Op: "open", Err: fmt.Errorf("%s: version %q is not a GCS generation", o.URL, o.Version)}
	}
	// ReadCompressed: an object stored gzip-encoded would otherwise be
	// served whole and decompressed whatever the range, and its bytes
	// would not match its size. The format layer decompresses.
	stall := s.opts.StallTimeout
	if stall <= 0 {
		stall = time.Minute
	}
	return &handle{ctx: ctx, obj: obj.Generation(gen).ReadCompressed(true), url: o.URL, size: size, stall: stall}, nil
}

// handle reads one generation of one object by ranges.
type handle struct {
	// ctx is Open's: io.ReaderAt has no context of its own.
	ctx   context.Context
	obj   *storage.ObjectHandle
	url   string
	size  int64
	stall time.Duration
}

// errStalled says a read's bytes stopped arriving.
var errStalled = errors.New("no data arrived")

// watched resets a stall timer on every read that brings bytes.
type watched struct {
	io.Reader
	timer *time.Timer
	stall time.Duration
}

func (w *watched) Read(p []byte) (int, error) {
	n, err := w.Reader.Read(p)
	if n > 0 {
		w.timer.Reset(w.stall)
	}
	return n, err
}

func (h *handle) Size() int64  { return h.size }
func (h *handle) Close() error { return nil }

// ReadAt reads len(p) bytes at off in one ranged GET, in the io.ReaderAt
// contract: fewer bytes only at the end of the object, with io.EOF.
func (h *handle) ReadAt(p []byte, off int64) (int, error) {
	if off < 0 {
		return 0, &sources.Error{Op: "read", Err: fmt.Errorf("%s: negative offset %d", h.url, off)}
	}
	if len(p) == 0 {
		return 0, nil
	}
	if off >= h.size {
		return 0, io.EOF
	}
	want := min(int64(len(p)), h.size-off)
	// The watchdog covers the request and every read of the body; it is
	// reset whenever bytes arrive, so a slow but moving read goes on.
	ctx, cancel := context.WithCancelCause(h.ctx)
	defer cancel(nil)
	timer := time.AfterFunc(h.stall, func() { cancel(errStalled) })
	defer timer.Stop()
	stalled := func(err error) error {
		if errors.Is(context.Cause(ctx), errStalled) {
			return fmt.Errorf("%w for %v: %w", errStalled, h.stall, err)
		}
		return err
	}
	r, err := h.obj.NewRangeReader(ctx, off, want)
	if err != nil {
		return 0, wrap("read", h.url, stalled(err))
	}
	defer r.Close()
	n, err := io.ReadFull(&watched{Reader: r, timer: timer, stall: h.stall}, p[:want])
	if err != nil {
		return n, wrap("read", fmt.Sprintf("%s at byte %d", h.url, off+int64(n)), stalled(err))
	}
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

// wrap turns a library error about what (a URL) into a sources.Error with
// its kind.
func wrap(op, what string, err error) error {
	return &sources.Error{Op: op, Kind: kindOf(err), Err: fmt.Errorf("%s: %w", what, err)}
}

// kindOf maps GCS's answers to the sentinels callers test for.
func kindOf(err error) error {
	if errors.Is(err, storage.ErrObjectNotExist) || errors.Is(err, storage.ErrBucketNotExist) {
		return sources.ErrNotExist
	}
	var ge *googleapi.Error
	if errors.As(err, &ge) {
		switch ge.Code {
		case http.StatusNotFound:
			return sources.ErrNotExist
		case http.StatusForbidden, http.StatusUnauthorized:
			return sources.ErrPermission
		}
	}
	return nil
}

var _ sources.Writer = (*Store)(nil)

// Put writes the object at url whole.
func (s *Store) Put(ctx context.Context, url string, data []byte) error {
	bucket, name, err := Parse(url)
	if err != nil {
		return err
	}
	if name == "" || strings.HasSuffix(name, "/") {
		return fmt.Errorf("write %s: name an object, not a bucket or folder", url)
	}
	c, err := s.storageClient(ctx)
	if err != nil {
		return fmt.Errorf("write %s: %w", url, err)
	}
	w := c.Bucket(bucket).Object(name).NewWriter(ctx)
	if _, err := w.Write(data); err != nil {
		w.Close()
		return wrap("write", url, err)
	}
	if err := w.Close(); err != nil {
		return wrap("write", url, err)
	}
	return nil
}
