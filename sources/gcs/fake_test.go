package gcs_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/api/option"

	"github.com/residuehq/residue/sources"
	"github.com/residuehq/residue/sources/gcs"
)

// fakeGCS answers the three calls the store makes (list, object metadata,
// ranged XML read) for one object gs://bkt/obj, and injects the failures
// the emulator cannot: refusals, transient errors, a body cut short.
type fakeGCS struct {
	data []byte

	mu       sync.Mutex
	status   int // answer every request with this status when non-zero
	failures int // answer this many requests with 503 first
	cutBody  int // cut this many read bodies short, then serve them whole
	requests int
}

const fakeGeneration = "7"

func (f *fakeGCS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.requests++
	status, cut := f.status, false
	if status == 0 && f.failures > 0 {
		f.failures--
		status = http.StatusServiceUnavailable
	}
	if status == 0 && f.cutBody > 0 && r.URL.Path == "/bkt/obj" {
		f.cutBody--
		cut = true
	}
	f.mu.Unlock()
	if status != 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		fmt.Fprintf(w, `{"error":{"code":%d,"message":"injected by the test"}}`, status)
		return
	}
	meta := fmt.Sprintf(`{"kind":"storage#object","bucket":"bkt","name":"obj","size":"%d","generation":%q,"updated":"2026-01-02T03:04:05Z"}`, len(f.data), fakeGeneration)
	switch r.URL.Path {
	case "/storage/v1/b/bkt/o":
		fmt.Fprintf(w, `{"kind":"storage#objects","items":[%s]}`, meta)
	case "/storage/v1/b/bkt/o/obj":
		fmt.Fprint(w, meta)
	case "/bkt/obj":
		if g := r.URL.Query().Get("generation"); g != fakeGeneration {
			http.Error(w, "no such generation", http.StatusNotFound)
			return
		}
		f.serveRange(w, r, cut)
	default:
		http.NotFound(w, r)
	}
}

// serveRange serves "Range: bytes=a-b"; cut sends half of it and then
// breaks the connection.
func (f *fakeGCS) serveRange(w http.ResponseWriter, r *http.Request, cut bool) {
	from, to, ok := strings.Cut(strings.TrimPrefix(r.Header.Get("Range"), "bytes="), "-")
	a, err1 := strconv.Atoi(from)
	b, err2 := strconv.Atoi(to)
	if !ok || err1 != nil || err2 != nil || a > b || b >= len(f.data) {
		http.Error(w, "bad range "+r.Header.Get("Range"), http.StatusRequestedRangeNotSatisfiable)
		return
	}
	body := f.data[a : b+1]
	w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", a, b, len(f.data)))
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.Header().Set("X-Goog-Generation", fakeGeneration)
	w.WriteHeader(http.StatusPartialContent)
	if !cut {
		w.Write(body)
		return
	}
	w.Write(body[:len(body)/2])
	w.(http.Flusher).Flush()
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		conn.Close()
	}
}

func (f *fakeGCS) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.requests
}

// fakeStore is a store talking to f, with quick retries.
func fakeStore(t *testing.T, f *fakeGCS, attempts int) *gcs.Store {
	srv := httptest.NewServer(f)
	t.Cleanup(srv.Close)
	st := gcs.New(gcs.Options{
		ClientOptions: []option.ClientOption{option.WithEndpoint(srv.URL + "/storage/v1/"), option.WithoutAuthentication()},
		MaxAttempts:   attempts,
		MaxBackoff:    5 * time.Millisecond,
	})
	t.Cleanup(func() { st.Close() })
	return st
}

var fakeObject = sources.Object{URL: "gs://bkt/obj", Size: 1000, Version: fakeGeneration}

func fakeData() []byte {
	return bytes.Repeat([]byte("0123456789"), 100)
}

func TestRefusalsAreErrPermission(t *testing.T) {
	for _, status := range []int{http.StatusForbidden, http.StatusUnauthorized} {
		st := fakeStore(t, &fakeGCS{data: fakeData(), status: status}, 3)
		for _, root := range []string{"gs://bkt", "gs://bkt/obj"} {
			got := list(t, st, root)
			if len(got) != 1 || got[0].obj.URL != "" || !errors.Is(got[0].err, sources.ErrPermission) {
				t.Errorf("%d: list %s: %+v, want one root error wrapping ErrPermission", status, root, got)
			}
		}
		h, err := st.Open(t.Context(), fakeObject)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		if _, err := h.ReadAt(make([]byte, 10), 0); !errors.Is(err, sources.ErrPermission) || !strings.Contains(err.Error(), "gs://bkt/obj") {
			t.Errorf("%d: read: %v, want an error naming the object and wrapping ErrPermission", status, err)
		}
		if _, err := st.Open(t.Context(), sources.Object{URL: "gs://bkt/obj"}); !errors.Is(err, sources.ErrPermission) {
			t.Errorf("%d: open without a version: %v, want ErrPermission", status, err)
		}
	}
}

func TestNotFoundIsErrNotExist(t *testing.T) {
	st := fakeStore(t, &fakeGCS{data: fakeData()}, 3)
	o := fakeObject
	o.Version = "8" // a generation the server does not have
	h, err := st.Open(t.Context(), o)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if _, err := h.ReadAt(make([]byte, 10), 0); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("read of a missing generation: %v, want ErrNotExist", err)
	}
}

// TestTransientErrorsAreRetried: 503s and a body cut short are retried,
// and the bytes come back whole.
func TestTransientErrorsAreRetried(t *testing.T) {
	data := fakeData()
	f := &fakeGCS{data: data, failures: 2}
	st := fakeStore(t, f, 5)
	got := list(t, st, "gs://bkt")
	if len(got) != 1 || got[0].err != nil || got[0].obj != (sources.Object{URL: "gs://bkt/obj", Size: 1000, Version: "7", Modified: got[0].obj.Modified}) {
		t.Fatalf("list after two 503s: %+v", got)
	}
	h, err := st.Open(t.Context(), got[0].obj)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	f.mu.Lock()
	f.failures, f.cutBody = 2, 1
	f.mu.Unlock()
	before := f.count()
	p := make([]byte, 600)
	n, err := h.ReadAt(p, 300)
	if n != 600 || err != nil || !bytes.Equal(p, data[300:900]) {
		t.Errorf("read after two 503s and a cut body: %d, %v (bytes equal: %v)", n, err, bytes.Equal(p[:n], data[300:300+n]))
	}
	// Two 503s, the cut body, and the rest of the range asked for again.
	if d := f.count() - before; d != 4 {
		t.Errorf("the read took %d requests, want 4", d)
	}
}

// TestAttemptsAreBounded: a server that never recovers fails the read
// after MaxAttempts requests, not never.
func TestAttemptsAreBounded(t *testing.T) {
	f := &fakeGCS{data: fakeData(), status: http.StatusServiceUnavailable}
	st := fakeStore(t, f, 3)
	h, err := st.Open(t.Context(), fakeObject)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	if _, err := h.ReadAt(make([]byte, 10), 0); err == nil {
		t.Fatal("read from a server that only answers 503 succeeded")
	}
	if n := f.count(); n != 3 {
		t.Errorf("%d requests, want 3 attempts", n)
	}
}
