package gcs_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"cloud.google.com/go/storage"

	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/gcs"
	"github.com/residuehq/residue/sources/storetest"
)

// emulator returns a client of the GCS emulator named by
// STORAGE_EMULATOR_HOST. Without one the test is skipped, unless
// RESIDUE_REQUIRE_SERVERS=1 (make test, CI), where that is a failure.
func emulator(t *testing.T) *storage.Client {
	t.Helper()
	if os.Getenv("STORAGE_EMULATOR_HOST") == "" {
		const msg = "STORAGE_EMULATOR_HOST is not set: start the emulator with `scripts/testservers.sh start DIR` and `. DIR/env`"
		if os.Getenv("RESIDUE_REQUIRE_SERVERS") == "1" {
			t.Fatal(msg + " (RESIDUE_REQUIRE_SERVERS=1 forbids skipping)")
		}
		t.Skip(msg)
	}
	c, err := storage.NewClient(t.Context())
	if err != nil {
		t.Fatalf("emulator client: %v", err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// newBucket makes a bucket with a fresh name in the emulator.
func newBucket(t *testing.T, c *storage.Client) string {
	t.Helper()
	name := "residue-test-" + hex.EncodeToString(randomBytes(6))
	if err := c.Bucket(name).Create(t.Context(), "residue-test", nil); err != nil {
		t.Fatalf("create bucket %s: %v", name, err)
	}
	return name
}

func randomBytes(n int) []byte {
	p := make([]byte, n)
	rand.Read(p)
	return p
}

// backend keeps the suite's fixtures under a prefix of an emulator bucket.
type backend struct {
	client *storage.Client
	store  *gcs.Store
	bucket string
	prefix string
}

func newBackend(t *testing.T) *backend {
	c := emulator(t)
	st := gcs.New(gcs.Options{})
	t.Cleanup(func() { st.Close() })
	return &backend{client: c, store: st, bucket: newBucket(t, c), prefix: "run/"}
}

func (b *backend) Store() sources.Store { return b.store }

func (b *backend) URL(key string) string { return gcs.URL(b.bucket, b.prefix+key) }

func (b *backend) Put(t *testing.T, key string, data []byte) {
	t.Helper()
	put(t, b.client, b.bucket, b.prefix+key, data)
}

func (b *backend) Remove(t *testing.T, key string) {
	t.Helper()
	if err := b.client.Bucket(b.bucket).Object(b.prefix + key).Delete(t.Context()); err != nil {
		t.Fatalf("delete %s: %v", b.URL(key), err)
	}
}

func put(t *testing.T, c *storage.Client, bucket, name string, data []byte) {
	t.Helper()
	w := c.Bucket(bucket).Object(name).NewWriter(t.Context())
	// One request, no 16 MiB buffer per object: fixtures are small.
	w.ChunkSize = 0
	if _, err := w.Write(data); err != nil {
		w.Close()
		t.Fatalf("write %s: %v", gcs.URL(bucket, name), err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("write %s: %v", gcs.URL(bucket, name), err)
	}
}

// The emulator keeps no permissions, so the suite's Denied test skips; the
// mapping of 403 is tested against a fake server in fake_test.go.
func TestConformance(t *testing.T) {
	storetest.Run(t, newBackend(t))
}

type entry struct {
	obj sources.Object
	err error
}

func list(t *testing.T, st sources.Store, root string) []entry {
	t.Helper()
	var out []entry
	for o, err := range st.List(t.Context(), root) {
		out = append(out, entry{o, err})
	}
	return out
}

func rootNotExist(got []entry) bool {
	return len(got) == 1 && got[0].obj.URL == "" && errors.Is(got[0].err, sources.ErrNotExist)
}

// TestFolderPlaceholders: the zero-byte "dir/" objects that the console
// makes for folders are not listed, and a folder holding only one is
// empty.
func TestFolderPlaceholders(t *testing.T) {
	b := newBackend(t)
	for _, key := range []string{"ph/", "ph/sub/", "only/"} {
		b.Put(t, key, nil)
	}
	b.Put(t, "ph/a", []byte("a"))
	b.Put(t, "ph/sub/b", []byte("b"))
	b.Put(t, "ph/not-a-placeholder/", []byte("has bytes"))
	var got []string
	for _, e := range list(t, b.store, b.URL("ph")) {
		if e.err != nil {
			t.Fatalf("list: %v", e.err)
		}
		got = append(got, e.obj.URL)
	}
	want := []string{b.URL("ph/a"), b.URL("ph/not-a-placeholder/"), b.URL("ph/sub/b")}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("listed %q, want %q", got, want)
	}
	if got := list(t, b.store, b.URL("only")); !rootNotExist(got) {
		t.Errorf("folder of a placeholder alone: %+v, want one root error wrapping ErrNotExist", got)
	}
}

// TestBuckets: a bucket root lists the whole bucket, an empty bucket
// lists nothing, and a missing bucket is one root error.
func TestBuckets(t *testing.T) {
	b := newBackend(t)
	b.Put(t, "x", []byte("x"))
	for _, root := range []string{"gs://" + b.bucket, "gs://" + b.bucket + "/"} {
		got := list(t, b.store, root)
		if len(got) != 1 || got[0].err != nil || got[0].obj.URL != b.URL("x") {
			t.Errorf("list %s: %+v", root, got)
		}
	}
	empty := newBucket(t, b.client)
	if got := list(t, b.store, "gs://"+empty); len(got) != 0 {
		t.Errorf("empty bucket: %+v, want nothing", got)
	}
	missing := "residue-missing-" + hex.EncodeToString(randomBytes(6))
	for _, root := range []string{"gs://" + missing, "gs://" + missing + "/", "gs://" + missing + "/some/prefix", "gs://" + missing + "/object"} {
		if got := list(t, b.store, root); !rootNotExist(got) {
			t.Errorf("list %s: %+v, want one root error wrapping ErrNotExist", root, got)
		}
	}
	_, err := b.store.Open(t.Context(), sources.Object{URL: gcs.URL(missing, "object")})
	if !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("open in a missing bucket: %v", err)
	}
}

// TestReplaced: reads are pinned to the listed generation, so an object
// rewritten after it was listed is an error, not the new bytes.
func TestReplaced(t *testing.T) {
	b := newBackend(t)
	b.Put(t, "obj", []byte("first version"))
	var o sources.Object
	for obj, err := range b.store.List(t.Context(), b.URL("obj")) {
		if err != nil {
			t.Fatal(err)
		}
		o = obj
	}
	h, err := b.store.Open(t.Context(), o)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	b.Put(t, "obj", []byte("second version"))
	if n, err := h.ReadAt(make([]byte, 5), 0); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("read of a replaced generation: %d bytes, %v; want an error wrapping ErrNotExist", n, err)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		url          string
		bucket, name string
		ok           bool
	}{
		{"gs://bkt", "bkt", "", true},
		{"gs://bkt/", "bkt", "", true},
		{"gs://bkt/a/b.jsonl", "bkt", "a/b.jsonl", true},
		{"GS://bkt/a", "bkt", "a", true},
		{"gs://my.bucket_1-x/with space/%41", "my.bucket_1-x", "with space/%41", true},
		{"gs://", "", "", false},
		{"gs:///name", "", "", false},
		{"gs:/bkt/name", "", "", false},
		{"s3://bkt/name", "", "", false},
		{"/local/path", "", "", false},
		{"gs://Upper/name", "", "", false},
		{"gs://ab/name", "", "", false},
		{"gs://bkt:8080/name", "", "", false},
	}
	for _, tt := range tests {
		bucket, name, err := gcs.Parse(tt.url)
		if (err == nil) != tt.ok || bucket != tt.bucket || name != tt.name {
			t.Errorf("Parse(%q) = %q, %q, %v; want %q, %q, ok=%v", tt.url, bucket, name, err, tt.bucket, tt.name, tt.ok)
		}
	}
}

// TestBadURLs: a URL that cannot name a bucket fails at once, as one root
// error, without contacting anything.
func TestBadURLs(t *testing.T) {
	st := gcs.New(gcs.Options{})
	defer st.Close()
	for _, u := range []string{"gs://", "gs:///name", "gs://Bad/name", "s3://bkt/name"} {
		got := list(t, st, u)
		if len(got) != 1 || got[0].obj.URL != "" || got[0].err == nil {
			t.Errorf("list %q: %+v, want one root error", u, got)
		}
		if _, err := st.Open(context.Background(), sources.Object{URL: u, Version: "1"}); err == nil {
			t.Errorf("open %q: no error", u)
		}
	}
	if _, err := st.Open(context.Background(), sources.Object{URL: "gs://bkt/x", Version: "etag-not-a-number"}); err == nil {
		t.Error("open with a version that is not a generation: no error")
	}
}

var _ io.ReaderAt = sources.Handle(nil)

// TestStallTimeout reads through toxiproxy: a body that stops arriving is
// abandoned after the stall timeout with a clear error, while a slow body
// that keeps moving is read whole however long it takes.
func TestStallTimeout(t *testing.T) {
	c := emulator(t)
	b := newBucket(t, c)
	data := randomBytes(96 << 10)
	put(t, c, b, "slow.bin", data)
	upstream := os.Getenv("STORAGE_EMULATOR_HOST")
	read := func(t *testing.T, toxic map[string]any) ([]byte, time.Duration, error) {
		p := storetest.NewProxy(t, upstream)
		t.Setenv("STORAGE_EMULATOR_HOST", p.Addr)
		st := gcs.New(gcs.Options{StallTimeout: time.Second, MaxAttempts: 2})
		t.Cleanup(func() { st.Close() })
		h, err := st.Open(t.Context(), sources.Object{URL: gcs.URL(b, "slow.bin")})
		if err != nil {
			t.Fatal(err)
		}
		defer h.Close()
		p.AddToxic(toxic)
		buf := make([]byte, len(data))
		start := time.Now()
		n, err := h.ReadAt(buf, 0)
		return buf[:n], time.Since(start), err
	}
	t.Run("stalled", func(t *testing.T) {
		_, took, err := read(t, map[string]any{"type": "timeout", "stream": "downstream", "attributes": map[string]any{"timeout": 0}})
		if err == nil || !strings.Contains(err.Error(), "no data arrived for 1s") {
			t.Fatalf("a stalled read: %v", err)
		}
		if took > 10*time.Second {
			t.Errorf("a stalled read gave up after %v, with a stall timeout of 1s", took)
		}
	})
	t.Run("slow", func(t *testing.T) {
		// 96 KiB at 32 KB/s: three seconds, each of them bringing bytes.
		got, took, err := read(t, map[string]any{"type": "bandwidth", "stream": "downstream", "attributes": map[string]any{"rate": 32}})
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("a slow read: %d bytes, %v", len(got), err)
		}
		if took < 1500*time.Millisecond {
			t.Errorf("the bandwidth toxic did not slow the read (%v): the test proves nothing", took)
		}
	})
}
