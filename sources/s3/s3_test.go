package s3_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awss3 "github.com/aws/aws-sdk-go-v2/service/s3"
	"golang.org/x/sync/errgroup"

	"github.com/residuehq/residue/classify"
	"github.com/residuehq/residue/internal/synth"
	"github.com/residuehq/residue/sampling"
	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/s3"
	"github.com/residuehq/residue/sources/storetest"
)

// server returns the options of the S3-compatible server that
// scripts/testservers.sh started, and sets the credentials the SDK's
// default chain reads. Without it the tests skip, unless
// RESIDUE_REQUIRE_SERVERS=1 (make test), where a missing server fails.
func server(t *testing.T) s3.Options {
	t.Helper()
	ep := os.Getenv("RESIDUE_TEST_S3_ENDPOINT")
	if ep == "" {
		if os.Getenv("RESIDUE_REQUIRE_SERVERS") == "1" {
			t.Fatal("RESIDUE_TEST_S3_ENDPOINT is unset: start the servers with scripts/testservers.sh")
		}
		t.Skip("no S3 server: run scripts/testservers.sh start DIR and source DIR/env (make test does)")
	}
	t.Setenv("AWS_ACCESS_KEY_ID", os.Getenv("RESIDUE_TEST_S3_ACCESS_KEY"))
	t.Setenv("AWS_SECRET_ACCESS_KEY", os.Getenv("RESIDUE_TEST_S3_SECRET_KEY"))
	t.Setenv("AWS_REGION", "us-east-1")
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	return s3.Options{Endpoint: ep, PathStyle: true, MaxAttempts: 3}
}

// client is a plain SDK client for preparing buckets.
func client(t *testing.T, opts s3.Options) *awss3.Client {
	return awss3.New(awss3.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(opts.Endpoint),
		UsePathStyle: true,
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: os.Getenv("AWS_ACCESS_KEY_ID"), SecretAccessKey: os.Getenv("AWS_SECRET_ACCESS_KEY")}, nil
		}),
	})
}

var bucketSeq atomic.Int64

// bucket creates a fresh bucket named after the test.
func bucket(t *testing.T, c *awss3.Client) string {
	t.Helper()
	name := fmt.Sprintf("%s-%d-%d", strings.ToLower(strings.NewReplacer("/", "-", "_", "-").Replace(t.Name())), os.Getpid(), bucketSeq.Add(1))
	if len(name) > 63 {
		name = name[len(name)-63:]
	}
	name = strings.Trim(name, "-")
	if _, err := c.CreateBucket(context.Background(), &awss3.CreateBucketInput{Bucket: aws.String(name)}); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	return name
}

func put(t *testing.T, c *awss3.Client, bucket, key string, data []byte) {
	t.Helper()
	if _, err := c.PutObject(context.Background(), &awss3.PutObjectInput{
		Bucket: aws.String(bucket), Key: aws.String(key), Body: bytes.NewReader(data),
	}); err != nil {
		t.Fatalf("put %s/%s: %v", bucket, key, err)
	}
}

func list(t *testing.T, st sources.Store, root string) ([]sources.Object, []error) {
	t.Helper()
	var objs []sources.Object
	var errs []error
	for o, err := range st.List(context.Background(), root) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		objs = append(objs, o)
	}
	return objs, errs
}

func TestParse(t *testing.T) {
	for _, c := range []struct{ in, bucket, key string }{
		{"s3://b", "b", ""}, {"s3://b/", "b", ""}, {"S3://b/a/c.parquet", "b", "a/c.parquet"}, {"s3://b/a b/é", "b", "a b/é"},
	} {
		b, k, err := s3.Parse(c.in)
		if err != nil || b != c.bucket || k != c.key {
			t.Errorf("Parse(%q) = %q, %q, %v", c.in, b, k, err)
		}
	}
	for _, bad := range []string{"s3://", "s3:///key", "gs://b/k", "/local"} {
		if _, _, err := s3.Parse(bad); err == nil {
			t.Errorf("Parse(%q) accepted", bad)
		}
	}
}

// TestListAndRead runs the store against a real S3-compatible server:
// folder semantics, a root naming one object, folder markers, ranged
// reads in the io.ReaderAt contract, missing objects and buckets.
func TestListAndRead(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	body := make([]byte, 300_000)
	for i := range body {
		body[i] = byte('a' + i%26)
	}
	put(t, c, b, "data/train-00000.jsonl", body)
	put(t, c, b, "data/sub/test.csv", []byte("a,b\n1,2\n"))
	put(t, c, b, "data/empty/", nil) // a folder marker
	put(t, c, b, "database.csv", []byte("x\n"))
	st := s3.New(opts)

	objs, errs := list(t, st, "s3://"+b+"/data")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var urls []string
	for _, o := range objs {
		urls = append(urls, o.URL)
		if o.Version == "" || o.Modified.IsZero() {
			t.Errorf("%s: version %q modified %v", o.URL, o.Version, o.Modified)
		}
	}
	want := []string{"s3://" + b + "/data/sub/test.csv", "s3://" + b + "/data/train-00000.jsonl"}
	if fmt.Sprint(urls) != fmt.Sprint(want) {
		t.Fatalf("listed %v, want %v (database.csv is not under data/, the marker is no object)", urls, want)
	}

	one, errs := list(t, st, "s3://"+b+"/data/train-00000.jsonl")
	if len(errs) > 0 || len(one) != 1 || one[0].Size != int64(len(body)) {
		t.Fatalf("a root naming an object: %v %v", one, errs)
	}

	h, err := st.Open(context.Background(), one[0])
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	if h.Size() != int64(len(body)) {
		t.Errorf("size %d", h.Size())
	}
	for _, r := range []struct {
		off, n int64
		eof    bool
	}{{0, 10, false}, {150_000, 4096, false}, {int64(len(body)) - 8, 8, false}, {int64(len(body)) - 8, 100, true}, {int64(len(body)), 5, true}} {
		p := make([]byte, r.n)
		n, err := h.ReadAt(p, r.off)
		wantN := min(r.n, max(0, int64(len(body))-r.off))
		if int64(n) != wantN || (err == io.EOF) != r.eof || (err != nil && err != io.EOF) {
			t.Errorf("ReadAt(%d bytes at %d) = %d, %v; want %d bytes, EOF %v", r.n, r.off, n, err, wantN, r.eof)
		}
		if !bytes.Equal(p[:n], body[r.off:r.off+int64(n)]) {
			t.Errorf("ReadAt at %d: wrong bytes", r.off)
		}
	}
	// Parallel readers of one handle.
	var g errgroup.Group
	for i := range 16 {
		g.Go(func() error {
			off := int64(i * 17_000)
			p := make([]byte, 5000)
			if _, err := h.ReadAt(p, off); err != nil {
				return err
			}
			if !bytes.Equal(p, body[off:off+5000]) {
				return fmt.Errorf("parallel read at %d: wrong bytes", off)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}

	// Gone after listing: the read says so, as ErrNotExist.
	gone, err := st.Open(context.Background(), sources.Object{URL: "s3://" + b + "/data/sub/test.csv", Size: 8, Version: objs[0].Version})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DeleteObject(context.Background(), &awss3.DeleteObjectInput{Bucket: aws.String(b), Key: aws.String("data/sub/test.csv")}); err != nil {
		t.Fatal(err)
	}
	if _, err := gone.ReadAt(make([]byte, 4), 0); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("read of a deleted object: %v, want ErrNotExist", err)
	}
	if _, err := st.Open(context.Background(), sources.Object{URL: "s3://" + b + "/nope.csv"}); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("open of a missing object: %v, want ErrNotExist", err)
	}
	if _, errs := list(t, st, "s3://"+b+"/no-such-prefix"); len(errs) != 1 || !errors.Is(errs[0], sources.ErrNotExist) {
		t.Errorf("a prefix with nothing under it: %v, want one ErrNotExist", errs)
	}
	if _, errs := list(t, st, "s3://no-such-bucket-residue/x"); len(errs) != 1 || !errors.Is(errs[0], sources.ErrNotExist) {
		t.Errorf("a missing bucket: %v, want one ErrNotExist", errs)
	}
}

// TestReplacedWhileRead: reads are pinned to the listed version.
func TestReplacedWhileRead(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	put(t, c, b, "k.txt", []byte("first version"))
	st := s3.New(opts)
	objs, errs := list(t, st, "s3://"+b+"/k.txt")
	if len(errs) > 0 || len(objs) != 1 {
		t.Fatal(objs, errs)
	}
	h, err := st.Open(context.Background(), objs[0])
	if err != nil {
		t.Fatal(err)
	}
	put(t, c, b, "k.txt", []byte("second version, longer"))
	if n, err := h.ReadAt(make([]byte, 5), 0); err == nil {
		t.Errorf("read %d bytes of a replaced object without an error", n)
	}
}

// TestPagination lists more keys than one page holds.
func TestPagination(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	const n = 1100
	var g errgroup.Group
	g.SetLimit(16)
	for i := range n {
		g.Go(func() error {
			_, err := c.PutObject(context.Background(), &awss3.PutObjectInput{
				Bucket: aws.String(b), Key: aws.String(fmt.Sprintf("p/%05d.txt", i)), Body: strings.NewReader("x"),
			})
			return err
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	var lists atomic.Int64
	opts.HTTPClient = &http.Client{Transport: countLists{&lists, http.DefaultTransport}}
	objs, errs := list(t, s3.New(opts), "s3://"+b+"/p/")
	if len(errs) > 0 || len(objs) != n {
		t.Fatalf("listed %d objects, errors %v; want %d", len(objs), errs, n)
	}
	for i, o := range objs {
		if want := fmt.Sprintf("s3://%s/p/%05d.txt", b, i); o.URL != want {
			t.Fatalf("object %d is %s, want %s", i, o.URL, want)
		}
	}
	if got := lists.Load(); got != 2 {
		t.Errorf("%d LIST requests for %d keys, want 2", got, n)
	}
}

type countLists struct {
	n  *atomic.Int64
	rt http.RoundTripper
}

func (c countLists) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Method == http.MethodGet && r.URL.Query().Get("list-type") == "2" {
		c.n.Add(1)
	}
	return c.rt.RoundTrip(r)
}

// TestDeniedAndFlaky: an object the server refuses is ErrPermission at
// once, without retries; 503s and a reset body are ridden out.
func TestDeniedAndFlaky(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	body := bytes.Repeat([]byte("0123456789"), 10_000)
	put(t, c, b, "ok.bin", body)
	put(t, c, b, "secret.bin", []byte("no"))
	ft := &faults{rt: http.DefaultTransport, denyKey: "/secret.bin"}
	opts.HTTPClient = &http.Client{Transport: ft}
	opts.MaxAttempts = 8
	st := s3.New(opts)
	objs, errs := list(t, st, "s3://"+b)
	if len(errs) > 0 || len(objs) != 2 {
		t.Fatal(objs, errs)
	}
	for _, o := range objs {
		h, err := st.Open(context.Background(), o)
		if err != nil {
			t.Fatal(err)
		}
		ft.flaky.Store(true)
		p := make([]byte, o.Size)
		_, err = h.ReadAt(p, 0)
		ft.flaky.Store(false)
		switch {
		case strings.HasSuffix(o.URL, "secret.bin"):
			if !errors.Is(err, sources.ErrPermission) {
				t.Errorf("denied object: %v, want ErrPermission", err)
			}
		case err != nil:
			t.Errorf("flaky reads of %s: %v", o.URL, err)
		case !bytes.Equal(p, body):
			t.Errorf("flaky reads of %s: wrong bytes", o.URL)
		}
	}
	if ft.failed.Load() == 0 || ft.cut.Load() == 0 {
		t.Errorf("no fault was injected (%d 503s, %d cut bodies): the test proves nothing", ft.failed.Load(), ft.cut.Load())
	}
}

// faults answers 403 for one key and, while flaky, 503 to every other
// request and then cuts the next body short.
type faults struct {
	rt      http.RoundTripper
	denyKey string
	flaky   atomic.Bool
	n       atomic.Int64
	failed  atomic.Int64
	cut     atomic.Int64
}

func (f *faults) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, f.denyKey) && r.Method == http.MethodGet {
		return &http.Response{StatusCode: 403, Status: "403 Forbidden", Request: r, Header: http.Header{"Content-Type": {"application/xml"}},
			Body: io.NopCloser(strings.NewReader(`<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>`))}, nil
	}
	if f.flaky.Load() {
		switch f.n.Add(1) % 3 {
		case 1:
			f.failed.Add(1)
			return &http.Response{StatusCode: 503, Status: "503 Slow Down", Request: r, Header: http.Header{"Content-Type": {"application/xml"}},
				Body: io.NopCloser(strings.NewReader(`<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce your request rate</Message></Error>`))}, nil
		case 2:
			resp, err := f.rt.RoundTrip(r)
			if err == nil && resp.ContentLength > 100 {
				f.cut.Add(1)
				resp.Body = &cutBody{resp.Body, resp.ContentLength / 2}
			}
			return resp, err
		}
	}
	return f.rt.RoundTrip(r)
}

// cutBody ends with a reset after n bytes.
type cutBody struct {
	io.ReadCloser
	n int64
}

func (c *cutBody) Read(p []byte) (int, error) {
	if c.n <= 0 {
		return 0, errors.New("connection reset by peer (injected)")
	}
	if int64(len(p)) > c.n {
		p = p[:c.n]
	}
	n, err := c.ReadCloser.Read(p)
	c.n -= int64(n)
	return n, err
}

// TestSampledParquetRequests: a row sample of a bucket of Parquet shards
// costs one LIST per 1,000 keys and few GETs per sampled object (no head
// sniff, the footer, a request or two per sampled row group), and reads a
// small share of the bytes.
func TestSampledParquetRequests(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	const files = 12
	var total int64
	for i := range files {
		var buf bytes.Buffer
		if _, err := synth.WriteColumnar(&buf, synth.ColumnarSpec{Shape: synth.ChatShape, Layout: synth.ParquetFile,
			Object: "x.parquet", Rows: 20_000, PlantRate: 0.02, Seed: uint64(i + 1), RowGroupRows: 2000}, nil); err != nil {
			t.Fatal(err)
		}
		total += int64(buf.Len())
		put(t, c, b, fmt.Sprintf("data/train-%05d-of-%05d.parquet", i, files), buf.Bytes())
	}
	var reqs requestLog
	opts.HTTPClient = &http.Client{Transport: &reqs}
	key, err := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	if err != nil {
		t.Fatal(err)
	}
	eng, err := classify.NewEngine(key, classify.Builtin(), classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := sampling.Run(context.Background(), []sampling.Root{{Store: s3.New(opts), URL: "s3://" + b + "/data"}},
		sampling.Config{Engine: eng, SampleRows: 3000, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Objects) != files || rep.Totals.RowsScanned < 2000 || rep.Totals.RowsScanned > 4000 || rep.Totals.Findings == 0 {
		t.Fatalf("%d objects, %d rows scanned, %d findings", len(rep.Objects), rep.Totals.RowsScanned, rep.Totals.Findings)
	}
	lists, gets, heads := reqs.counts()
	t.Logf("%d LIST, %d HEAD, %d GET for %d objects; read %d of %d bytes (%.1f%%)", lists, heads, gets, files,
		rep.Totals.BytesRead, total, 100*float64(rep.Totals.BytesRead)/float64(total))
	if lists != 1 || heads > 1 {
		t.Errorf("%d LIST and %d HEAD requests, want one LIST and at most one HEAD (the root)", lists, heads)
	}
	// Per object: its footer once (planning keeps the object open for the
	// round), and per sampled row group one request, two when its columns
	// lie more than prefetchGap apart.
	for obj, n := range reqs.getsByKey() {
		if n > 5 {
			t.Errorf("%s: %d GETs, want at most 5", obj, n)
		}
	}
	if gets > 3*files {
		t.Errorf("%d GETs for %d objects, want at most 3 per object", gets, files)
	}
	if share := float64(rep.Totals.BytesRead) / float64(total); share > 0.5 {
		t.Errorf("read %.0f%% of the bytes for a 3,000-row sample of 240,000", 100*share)
	}
}

// requestLog counts requests by kind and GETs by object.
type requestLog struct {
	mu  sync.Mutex
	log []string // "LIST", "HEAD key", "GET key"
}

func (l *requestLog) RoundTrip(r *http.Request) (*http.Response, error) {
	kind := r.Method + " " + r.URL.Path
	if r.URL.Query().Get("list-type") == "2" {
		kind = "LIST"
	}
	l.mu.Lock()
	l.log = append(l.log, kind)
	l.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (l *requestLog) counts() (lists, gets, heads int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, k := range l.log {
		switch {
		case k == "LIST":
			lists++
		case strings.HasPrefix(k, "GET "):
			gets++
		case strings.HasPrefix(k, "HEAD "):
			heads++
		}
	}
	return
}

func (l *requestLog) getsByKey() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	m := map[string]int{}
	for _, k := range l.log {
		if strings.HasPrefix(k, "GET ") {
			m[k[4:]]++
		}
	}
	return m
}

// backend is the conformance suite's view of one bucket.
type backend struct {
	t      *testing.T
	opts   s3.Options
	c      *awss3.Client
	bucket string
}

func (b backend) Store() sources.Store  { return s3.New(b.opts) }
func (b backend) URL(key string) string { return "s3://" + b.bucket + "/" + key }
func (b backend) Put(t *testing.T, key string, data []byte) {
	put(t, b.c, b.bucket, key, data)
}
func (b backend) Remove(t *testing.T, key string) {
	if _, err := b.c.DeleteObject(context.Background(), &awss3.DeleteObjectInput{Bucket: aws.String(b.bucket), Key: aws.String(key)}); err != nil {
		t.Fatal(err)
	}
}
func (b backend) ListKeys() int { return 1100 }

func TestConformance(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	storetest.Run(t, backend{t: t, opts: opts, c: c, bucket: bucket(t, c)})
}

// toxiproxy puts a proxy with the given toxics in front of the S3 server
// and returns the proxy's endpoint.
func toxiproxy(t *testing.T, upstream string, toxics []map[string]any) string {
	t.Helper()
	return "http://" + storetest.NewProxy(t, upstream, toxics...).Addr
}

// TestSweepThroughFaults reads a bucket through toxiproxy (latency, a
// bandwidth cap, connections reset, responses cut short) and a transport
// answering 503 to one request in five: every object is either read whole,
// with the findings of a clean read, or listed with its reason; none is
// lost, none counted twice.
func TestSweepThroughFaults(t *testing.T) {
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	const files = 24
	for i := range files {
		var buf bytes.Buffer
		if _, err := synth.Write(&buf, synth.Spec{Kind: synth.ChatJSONL, Object: "x.jsonl", Rows: 300, Seed: uint64(i + 1), PlantRate: 0.1}, nil); err != nil {
			t.Fatal(err)
		}
		put(t, c, b, fmt.Sprintf("chats/part-%03d.jsonl", i), buf.Bytes())
	}
	key, _ := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	eng, err := classify.NewEngine(key, classify.Builtin(), classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	scan := func(o s3.Options) *sampling.Report {
		t.Helper()
		rep, err := sampling.Run(context.Background(), []sampling.Root{{Store: s3.New(o), URL: "s3://" + b + "/chats"}},
			sampling.Config{Engine: eng, Workers: 4, MaxFindings: -1})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	clean := scan(opts)
	if len(clean.Objects) != files || clean.Totals.Findings == 0 {
		t.Fatalf("clean read: %d objects, %d findings", len(clean.Objects), clean.Totals.Findings)
	}

	upstream := strings.TrimPrefix(opts.Endpoint, "http://")
	faulty := opts
	faulty.Endpoint = toxiproxy(t, upstream, []map[string]any{
		{"name": "slow", "type": "latency", "stream": "downstream", "attributes": map[string]any{"latency": 15, "jitter": 10}},
		{"name": "narrow", "type": "bandwidth", "stream": "downstream", "attributes": map[string]any{"rate": 4096}},
		{"name": "reset", "type": "reset_peer", "stream": "downstream", "toxicity": 0.15, "attributes": map[string]any{"timeout": 30}},
		{"name": "cut", "type": "limit_data", "stream": "downstream", "toxicity": 0.15, "attributes": map[string]any{"bytes": 20000}},
	})
	ft := &faults{rt: http.DefaultTransport}
	ft.flaky.Store(true)
	faulty.HTTPClient = &http.Client{Transport: &every5th{ft: ft}}
	faulty.MaxAttempts = 10 // the default; the other tests give up sooner
	faulty.MaxBackoff = 200 * time.Millisecond
	rep := scan(faulty)

	seen := map[string]int{}
	for _, o := range rep.Objects {
		seen[o.URL]++
	}
	for _, s := range rep.Skipped {
		seen[s.URL]++
		t.Logf("listed with its reason: %s: %s", s.URL, s.Reason)
	}
	for _, o := range clean.Objects {
		if seen[o.URL] != 1 {
			t.Errorf("%s appears %d times in the faulty read's report", o.URL, seen[o.URL])
		}
	}
	byURL := map[string]sampling.Object{}
	for _, o := range clean.Objects {
		byURL[o.URL] = o
	}
	// Each object is read whole with a clean read's rows and findings, or
	// says why not (an error with its reason): none is lost or half-read
	// in silence.
	whole := 0
	for _, o := range rep.Objects {
		want := byURL[o.URL]
		switch {
		case o.Rows == want.Rows && o.Findings == want.Findings && o.ErrorsTotal == 0:
			whole++
		case o.ErrorsTotal > 0 && len(o.Errors) > 0 && o.Errors[len(o.Errors)-1].Reason != "":
			t.Logf("read in part, with its reason: %s: %s", o.URL, o.Errors[len(o.Errors)-1].Reason)
		default:
			t.Errorf("%s through faults: %d rows, %d findings, no error; clean: %d rows, %d findings",
				o.URL, o.Rows, o.Findings, want.Rows, want.Findings)
		}
	}
	t.Logf("%d of %d objects read whole through the faults (%d injected 503s)", whole, files, ft.failed.Load())
	if whole < files*3/4 {
		t.Errorf("only %d of %d objects read whole: the retries do not ride out the faults", whole, files)
	}
}

// every5th answers 503 SlowDown to one request in five.
type every5th struct {
	ft *faults
	n  atomic.Int64
}

func (e *every5th) RoundTrip(r *http.Request) (*http.Response, error) {
	if e.n.Add(1)%5 == 0 {
		e.ft.failed.Add(1)
		return &http.Response{StatusCode: 503, Status: "503 Slow Down", Request: r, Header: http.Header{"Content-Type": {"application/xml"}},
			Body: io.NopCloser(strings.NewReader(`<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Reduce your request rate</Message></Error>`))}, nil
	}
	return http.DefaultTransport.RoundTrip(r)
}

// TestBucket10k measures what a sampled scan of a bucket of 10,000 Parquet
// objects costs in requests (make bench-bucket; skipped otherwise, it
// uploads 10,000 objects): LISTs per 1,000 keys and GETs per sampled
// object.
func TestBucket10k(t *testing.T) {
	if os.Getenv("RESIDUE_BENCH_BUCKET") == "" {
		t.Skip("a measurement: make bench-bucket")
	}
	opts := server(t)
	c := client(t, opts)
	b := bucket(t, c)
	const files = 10_000
	var shard bytes.Buffer
	if _, err := synth.WriteColumnar(&shard, synth.ColumnarSpec{Shape: synth.ChatShape, Layout: synth.ParquetFile,
		Object: "x.parquet", Rows: 200, PlantRate: 0.05, Seed: 1, RowGroupRows: 100}, nil); err != nil {
		t.Fatal(err)
	}
	var g errgroup.Group
	g.SetLimit(32)
	for i := range files {
		g.Go(func() error {
			_, err := c.PutObject(context.Background(), &awss3.PutObjectInput{Bucket: aws.String(b),
				Key: aws.String(fmt.Sprintf("data/part-%05d.parquet", i)), Body: bytes.NewReader(shard.Bytes())})
			return err
		})
	}
	if err := g.Wait(); err != nil {
		t.Fatal(err)
	}
	key, _ := classify.NewKey([]byte("test key, 32 bytes long........"), "test")
	eng, err := classify.NewEngine(key, classify.Builtin(), classify.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, cfg := range []sampling.Config{
		{SampleRows: 20_000, Seed: 1},
		{SampleRows: 20_000, Seed: 1, Objects: &sampling.ObjectSample{Max: 500}},
	} {
		var reqs requestLog
		o := opts
		o.HTTPClient = &http.Client{Transport: &reqs}
		o.MaxAttempts = 10
		cfg.Engine = eng
		start := time.Now()
		rep, err := sampling.Run(context.Background(), []sampling.Root{{Store: s3.New(o), URL: "s3://" + b + "/data"}}, cfg)
		if err != nil {
			t.Fatal(err)
		}
		lists, gets, heads := reqs.counts()
		most := 0
		for _, n := range reqs.getsByKey() {
			most = max(most, n)
		}
		t.Logf("sample of %d rows, objects %+v: %d objects read in %s; %d LIST, %d HEAD, %d GET (%.2f per object, at most %d); %d rows scanned, %.1f%% of the bytes",
			cfg.SampleRows, cfg.Objects, len(rep.Objects), time.Since(start).Round(time.Millisecond), lists, heads, gets,
			float64(gets)/float64(max(len(rep.Objects), 1)), most, rep.Totals.RowsScanned,
			100*float64(rep.Totals.BytesRead)/float64(int64(files)*int64(shard.Len())))
		if wantLists := (files + 999) / 1000; cfg.Objects == nil && lists > wantLists {
			t.Errorf("%d LIST requests for %d keys, want at most %d", lists, files, wantLists)
		}
		// Every object the sample considers costs one GET, its footer, to
		// learn its rows; each object read costs one or two more for its
		// sampled row groups (one when they are near each other, as in
		// these small objects), and planning keeps the footers of the
		// objects it closes, so opening them again is free: at most 3 in
		// all, and for these objects about one more per object read.
		considered := files
		if cfg.Objects != nil {
			considered = cfg.Objects.Max
		}
		read := 0
		for _, o := range rep.Objects {
			if o.RowsScanned > 0 {
				read++
			}
		}
		if most > 3 || gets > considered+read+read/4 {
			t.Errorf("%d GETs (at most %d per object) for %d objects considered and %d read", gets, most, considered, read)
		}
	}
}
