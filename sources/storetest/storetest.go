package storetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/residuehq/residue/sources"
)

// Backend prepares fixtures for the suite. Keys are "/"-separated paths
// below a root of the backend's choosing, fresh for each Run; the suite
// gives every test its own first path element.
type Backend interface {
	// Store is the store under test.
	Store() sources.Store
	// URL is the URL of a key, or of a folder of keys, exactly as the store
	// prints it in Object.URL.
	URL(key string) string
	// Put writes an object, failing t if it cannot.
	Put(t *testing.T, key string, data []byte)
}

// Remover is a Backend that can delete an object behind the store's back.
type Remover interface {
	Remove(t *testing.T, key string)
}

// Denier is a Backend that can make one object unreadable to the store, so
// that reading it fails with sources.ErrPermission. Deny may skip t when the
// backend cannot deny in this environment (local files, as root).
type Denier interface {
	Deny(t *testing.T, key string)
}

// KeyCounter is a Backend that sets how many keys the pagination test
// writes, DefaultListKeys otherwise. Stores that list a page at a time need
// more than one page (S3 and GCS return 1,000 keys a page); a local
// directory does not, and can keep its runs fast.
type KeyCounter interface {
	ListKeys() int
}

// DefaultListKeys is one page of an S3 or GCS listing and then some.
const DefaultListKeys = 1100

// opTimeout bounds each test, so a store that hangs fails rather than
// stalls the run.
const opTimeout = 2 * time.Minute

// Run runs the suite against b, one subtest at a time, in this order.
func Run(t *testing.T, b Backend) {
	seed := uint64(time.Now().UnixNano())
	t.Logf("storetest: fixture seed %d", seed)
	s := &suite{b: b, seed: seed}
	for _, tc := range []struct {
		name string
		fn   func(*testing.T)
	}{
		{"List", s.testList},
		{"ListObject", s.testListObject},
		{"ListMissing", s.testListMissing},
		{"ListPages", s.testListPages},
		{"ListCancel", s.testListCancel},
		{"ReadAt", s.testReadAt},
		{"ReadAtParallel", s.testReadAtParallel},
		{"EmptyObject", s.testEmptyObject},
		{"OpenMissing", s.testOpenMissing},
		{"Removed", s.testRemoved},
		{"Denied", s.testDenied},
		{"Put", s.testPut},
	} {
		t.Run(tc.name, tc.fn)
	}
}

type suite struct {
	b    Backend
	seed uint64
}

// data returns n bytes drawn from the suite's seed and a stream number, so
// every fixture differs and a failure can be replayed from the logged seed.
func (s *suite) data(stream uint64, n int) []byte {
	r := rand.New(rand.NewPCG(s.seed, stream))
	p := make([]byte, n)
	for i := range p {
		p[i] = byte(r.Uint32())
	}
	return p
}

func timeout(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), opTimeout)
	t.Cleanup(cancel)
	return ctx
}

type entry struct {
	obj sources.Object
	err error
}

func list(ctx context.Context, st sources.Store, root string) []entry {
	var out []entry
	for o, err := range st.List(ctx, root) {
		out = append(out, entry{o, err})
	}
	return out
}

// objects lists root and fails t on any error.
func (s *suite) objects(t *testing.T, ctx context.Context, root string) []sources.Object {
	t.Helper()
	var objs []sources.Object
	for _, e := range list(ctx, s.b.Store(), root) {
		if e.err != nil {
			t.Fatalf("list %s: %q: %v", root, e.obj.URL, e.err)
		}
		objs = append(objs, e.obj)
	}
	return objs
}

// object lists the single object key and returns it.
func (s *suite) object(t *testing.T, ctx context.Context, key string) sources.Object {
	t.Helper()
	objs := s.objects(t, ctx, s.b.URL(key))
	if len(objs) != 1 || objs[0].URL != s.b.URL(key) {
		t.Fatalf("list %s: got %s, want the object itself", s.b.URL(key), urls(objs))
	}
	return objs[0]
}

// same reports whether two listings of an object agree.
func same(a, b sources.Object) bool {
	return a.URL == b.URL && a.Size == b.Size && a.Version == b.Version && a.Modified.Equal(b.Modified)
}

func urls(objs []sources.Object) string {
	var u []string
	for _, o := range objs {
		u = append(u, o.URL)
	}
	return fmt.Sprintf("%q", u)
}

// checkObject checks the listed fields of the object stored at key.
func (s *suite) checkObject(t *testing.T, o sources.Object, key string, size int) {
	t.Helper()
	if o.URL != s.b.URL(key) {
		t.Errorf("URL %q, want %q", o.URL, s.b.URL(key))
	}
	if o.Size != int64(size) {
		t.Errorf("%s: Size %d, want %d", o.URL, o.Size, size)
	}
	if o.Version == "" {
		t.Errorf("%s: empty Version", o.URL)
	}
	if o.Modified.IsZero() {
		t.Errorf("%s: zero Modified time", o.URL)
	}
}

// readAll opens o and reads it whole through ReadAt.
func readAll(ctx context.Context, st sources.Store, o sources.Object) ([]byte, error) {
	h, err := st.Open(ctx, o)
	if err != nil {
		return nil, err
	}
	defer h.Close()
	p := make([]byte, h.Size())
	n, err := h.ReadAt(p, 0)
	if err == io.EOF && n == len(p) {
		err = nil
	}
	return p[:n], err
}

// openAndRead opens o and reads its first byte: the error of whichever
// fails first, Open or ReadAt.
func openAndRead(ctx context.Context, st sources.Store, o sources.Object) error {
	h, err := st.Open(ctx, o)
	if err != nil {
		return err
	}
	defer h.Close()
	_, err = h.ReadAt(make([]byte, 1), 0)
	if err == io.EOF {
		return nil
	}
	return err
}

// testList: a folder lists each object under it once, in byte order of the
// keys (which is not the order of a depth-first walk: "a-b" < "a/c" <
// "a0"), with its size and version, and nothing beside it.
func (s *suite) testList(t *testing.T) {
	ctx := timeout(t)
	st := s.b.Store()
	files := map[string]int{
		"list/a-b":        10,
		"list/a.d":        11,
		"list/a/c":        12,
		"list/a/e/f":      13,
		"list/a0":         14,
		"list/b":          4096,
		"list/empty":      0,
		"list/with space": 15,
		// Beside the folder, sharing its name as a string prefix.
		"list.csv":  16,
		"listing/x": 17,
	}
	data := map[string][]byte{}
	var want []string
	i := uint64(0)
	for key, n := range files {
		i++
		data[key] = s.data(i, n)
		s.b.Put(t, key, data[key])
		if strings.HasPrefix(key, "list/") {
			want = append(want, key)
		}
	}
	slices.Sort(want)

	if !strings.HasPrefix(s.b.URL("list"), st.Scheme()+"://") {
		t.Errorf("URL %q does not start with the store's scheme %q", s.b.URL("list"), st.Scheme())
	}
	first := s.objects(t, ctx, s.b.URL("list"))
	var wantURLs []string
	for _, k := range want {
		wantURLs = append(wantURLs, s.b.URL(k))
	}
	if got := urls(first); got != fmt.Sprintf("%q", wantURLs) {
		t.Fatalf("list %s:\n got %s\nwant %q", s.b.URL("list"), got, wantURLs)
	}
	for i, o := range first {
		s.checkObject(t, o, want[i], len(data[want[i]]))
		got, err := readAll(ctx, st, o)
		if err != nil {
			t.Errorf("read %s: %v", o.URL, err)
		} else if !bytes.Equal(got, data[want[i]]) {
			t.Errorf("read %s: %d bytes that differ from the %d written", o.URL, len(got), len(data[want[i]]))
		}
	}

	// The same folder with a trailing slash, and a second time: the same
	// objects in the same order with the same versions.
	again := s.objects(t, ctx, s.b.URL("list")+"/")
	if !slices.EqualFunc(first, again, same) {
		t.Errorf("a second listing differs:\n got %+v\nwant %+v", again, first)
	}

	sub := s.objects(t, ctx, s.b.URL("list/a"))
	if got, want := urls(sub), fmt.Sprintf("%q", []string{s.b.URL("list/a/c"), s.b.URL("list/a/e/f")}); got != want {
		t.Errorf("list %s: got %s, want %s", s.b.URL("list/a"), got, want)
	}
}

// testListObject: a root naming an object lists that object alone, not the
// keys it is a string prefix of.
func (s *suite) testListObject(t *testing.T) {
	ctx := timeout(t)
	one := s.data(1, 100)
	s.b.Put(t, "object/one", one)
	s.b.Put(t, "object/one.more", s.data(2, 10))
	s.b.Put(t, "object/two", s.data(3, 10))
	o := s.object(t, ctx, "object/one")
	s.checkObject(t, o, "object/one", len(one))
	for _, f := range s.objects(t, ctx, s.b.URL("object")) {
		if f.URL == o.URL && !same(f, o) {
			t.Errorf("listed alone %+v, in its folder %+v", o, f)
		}
	}
}

// testListMissing: a root with nothing under it is one root error wrapping
// sources.ErrNotExist, including a string prefix of a key that is not a
// folder of it.
func (s *suite) testListMissing(t *testing.T) {
	ctx := timeout(t)
	s.b.Put(t, "missing/partial", s.data(1, 10))
	for _, root := range []string{
		s.b.URL("nothing"),
		s.b.URL("nothing") + "/",
		s.b.URL("missing/nothing"),
		s.b.URL("missing/part"),
	} {
		got := list(ctx, s.b.Store(), root)
		if len(got) != 1 || !same(got[0].obj, sources.Object{}) || !errors.Is(got[0].err, sources.ErrNotExist) {
			t.Errorf("list %s: got %+v, want one root error wrapping ErrNotExist", root, got)
		}
	}
}

// testListPages: more keys than one page of a listing, each once, in order.
func (s *suite) testListPages(t *testing.T) {
	ctx := timeout(t)
	n := DefaultListKeys
	if kc, ok := s.b.(KeyCounter); ok {
		n = kc.ListKeys()
	}
	var want []string
	for i := range n {
		key := fmt.Sprintf("pages/%05d", i)
		s.b.Put(t, key, []byte(key))
		want = append(want, s.b.URL(key))
	}
	got := s.objects(t, ctx, s.b.URL("pages"))
	if len(got) != n {
		t.Fatalf("listed %d objects, want %d", len(got), n)
	}
	for i, o := range got {
		if o.URL != want[i] {
			t.Fatalf("object %d is %s, want %s", i, o.URL, want[i])
		}
		if o.Size != int64(len("pages/00000")) {
			t.Fatalf("%s: Size %d", o.URL, o.Size)
		}
	}
}

// testListCancel: once the context is cancelled, no more objects; at most
// one error, wrapping context.Canceled; and the listing ends promptly.
func (s *suite) testListCancel(t *testing.T) {
	const keys, at = 30, 5
	for i := range keys {
		s.b.Put(t, fmt.Sprintf("cancel/%02d", i), []byte{byte(i)})
	}
	ctx, cancel := context.WithCancel(timeout(t))
	defer cancel()
	var seen, after int
	var errs []error
	var cancelled time.Time
	for o, err := range s.b.Store().List(ctx, s.b.URL("cancel")) {
		switch {
		case !cancelled.IsZero() && err != nil:
			errs = append(errs, err)
		case !cancelled.IsZero():
			after++
		case err != nil:
			t.Fatalf("list: %q: %v", o.URL, err)
		default:
			seen++
			if seen == at {
				cancel()
				cancelled = time.Now()
			}
		}
	}
	if cancelled.IsZero() {
		t.Fatalf("listed %d objects, want at least %d", seen, at)
	}
	if d := time.Since(cancelled); d > 10*time.Second {
		t.Errorf("listing went on for %v after cancel", d)
	}
	if after > 0 {
		t.Errorf("listed %d objects after cancel", after)
	}
	if len(errs) > 1 {
		t.Errorf("%d errors after cancel, want at most one: %v", len(errs), errs)
	}
	for _, err := range errs {
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error after cancel does not wrap context.Canceled: %v", err)
		}
	}
}

// Outcomes a ReadAt may have besides the bytes.
type outcome int

const (
	noError  outcome = iota // err == nil
	eof                     // err == io.EOF
	nilOrEOF                // the io.ReaderAt contract allows either
	anyError                // err != nil
)

func (w outcome) ok(err error) bool {
	switch w {
	case noError:
		return err == nil
	case eof:
		return err == io.EOF
	case nilOrEOF:
		return err == nil || err == io.EOF
	default:
		return err != nil
	}
}

func (w outcome) String() string {
	return [...]string{"no error", "io.EOF", "no error or io.EOF", "an error"}[w]
}

const blobSize = 256<<10 + 7 // odd, so no read lines up with a power of two

// testReadAt: ranged reads at the start, middle and end of an object, past
// its end, of no bytes, and at a negative offset.
func (s *suite) testReadAt(t *testing.T) {
	ctx := timeout(t)
	st := s.b.Store()
	data := s.data(1, blobSize)
	s.b.Put(t, "readat/blob", data)
	o := s.object(t, ctx, "readat/blob")
	h, err := st.Open(ctx, o)
	if err != nil {
		t.Fatalf("open %s: %v", o.URL, err)
	}
	if h.Size() != int64(len(data)) {
		t.Errorf("Size() = %d, want %d", h.Size(), len(data))
	}
	size := int64(len(data))
	tests := []struct {
		name  string
		off   int64
		len   int
		wantN int
		want  outcome
	}{
		{"start", 0, 100, 100, noError},
		{"middle", size / 2, 4096, 4096, noError},
		{"whole", 0, int(size), int(size), nilOrEOF},
		{"exact tail", size - 100, 100, 100, nilOrEOF},
		{"across the end", size - 10, 100, 10, eof},
		{"at the end", size, 10, 0, eof},
		{"beyond the end", size + 1000, 10, 0, eof},
		{"no bytes at the start", 0, 0, 0, noError},
		{"no bytes in the middle", size / 2, 0, 0, noError},
		{"no bytes at the end", size, 0, 0, nilOrEOF},
		{"negative offset", -1, 10, 0, anyError},
	}
	for _, tt := range tests {
		p := make([]byte, tt.len)
		n, err := h.ReadAt(p, tt.off)
		if n != tt.wantN || !tt.want.ok(err) {
			t.Errorf("%s: ReadAt(%d bytes at %d) = %d, %v; want %d, %v", tt.name, tt.len, tt.off, n, err, tt.wantN, tt.want)
			continue
		}
		if n > 0 && !bytes.Equal(p[:n], data[tt.off:tt.off+int64(n)]) {
			t.Errorf("%s: ReadAt(%d bytes at %d) returned other bytes", tt.name, tt.len, tt.off)
		}
	}
	if err := h.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
}

// testReadAtParallel: many goroutines reading random ranges of one handle
// get the right bytes.
func (s *suite) testReadAtParallel(t *testing.T) {
	ctx := timeout(t)
	data := s.data(2, blobSize)
	s.b.Put(t, "parallel/blob", data)
	o := s.object(t, ctx, "parallel/blob")
	h, err := s.b.Store().Open(ctx, o)
	if err != nil {
		t.Fatalf("open %s: %v", o.URL, err)
	}
	defer h.Close()
	const workers, reads = 16, 20
	size := int64(len(data))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(s.seed, uint64(100+w)))
			for range reads {
				off := r.Int64N(size)
				p := make([]byte, 1+r.IntN(64<<10))
				n, err := h.ReadAt(p, off)
				wantN := int(min(int64(len(p)), size-off))
				want := noError
				switch {
				case n < len(p):
					want = eof
				case off+int64(n) == size:
					want = nilOrEOF
				}
				if n != wantN || !want.ok(err) {
					t.Errorf("ReadAt(%d bytes at %d) = %d, %v; want %d, %v", len(p), off, n, err, wantN, want)
					return
				}
				if !bytes.Equal(p[:n], data[off:off+int64(n)]) {
					t.Errorf("ReadAt(%d bytes at %d) returned other bytes", len(p), off)
					return
				}
			}
		})
	}
	wg.Wait()
}

// testEmptyObject: a zero-byte object is listed (it is not a folder marker)
// and reads as io.EOF.
func (s *suite) testEmptyObject(t *testing.T) {
	ctx := timeout(t)
	s.b.Put(t, "emptyobject/zero", nil)
	o := s.object(t, ctx, "emptyobject/zero")
	s.checkObject(t, o, "emptyobject/zero", 0)
	h, err := s.b.Store().Open(ctx, o)
	if err != nil {
		t.Fatalf("open %s: %v", o.URL, err)
	}
	defer h.Close()
	if h.Size() != 0 {
		t.Errorf("Size() = %d", h.Size())
	}
	if n, err := h.ReadAt(make([]byte, 10), 0); n != 0 || err != io.EOF {
		t.Errorf("ReadAt(10 bytes at 0) = %d, %v; want 0, io.EOF", n, err)
	}
}

// testOpenMissing: opening an object that was never there fails with
// sources.ErrNotExist, at Open or at the first ReadAt.
func (s *suite) testOpenMissing(t *testing.T) {
	ctx := timeout(t)
	o := sources.Object{URL: s.b.URL("openmissing/never")}
	if err := openAndRead(ctx, s.b.Store(), o); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("open and read %s: %v, want an error wrapping ErrNotExist", o.URL, err)
	}
}

// testRemoved: an object removed after it was listed fails with
// sources.ErrNotExist, at Open or at the first ReadAt, and is no longer
// listed.
func (s *suite) testRemoved(t *testing.T) {
	rm, ok := s.b.(Remover)
	if !ok {
		t.Skip("the backend cannot remove objects (no Remove method)")
	}
	ctx := timeout(t)
	s.b.Put(t, "removed/obj", s.data(1, 100))
	o := s.object(t, ctx, "removed/obj")
	rm.Remove(t, "removed/obj")
	if err := openAndRead(ctx, s.b.Store(), o); !errors.Is(err, sources.ErrNotExist) {
		t.Errorf("open and read %s after removal: %v, want an error wrapping ErrNotExist", o.URL, err)
	}
	got := list(ctx, s.b.Store(), o.URL)
	if len(got) != 1 || !errors.Is(got[0].err, sources.ErrNotExist) {
		t.Errorf("list %s after removal: %+v, want one error wrapping ErrNotExist", o.URL, got)
	}
}

// testDenied: an object the store may not read fails with
// sources.ErrPermission, at Open or at the first ReadAt.
func (s *suite) testDenied(t *testing.T) {
	d, ok := s.b.(Denier)
	if !ok {
		t.Skip("the backend cannot deny access to one object (no Deny method)")
	}
	ctx := timeout(t)
	s.b.Put(t, "denied/obj", s.data(1, 100))
	o := s.object(t, ctx, "denied/obj")
	d.Deny(t, "denied/obj")
	if err := openAndRead(ctx, s.b.Store(), o); !errors.Is(err, sources.ErrPermission) {
		t.Errorf("open and read %s: %v, want an error wrapping ErrPermission", o.URL, err)
	}
}

// testPut: a store that writes (sources.Writer) writes an object whole,
// replaces it whole, and lists and reads it as it lists and reads the
// objects the backend put.
func (s *suite) testPut(t *testing.T) {
	w, ok := s.b.Store().(sources.Writer)
	if !ok {
		t.Skip("the store does not write (no Put method)")
	}
	ctx := timeout(t)
	url := s.b.URL("put/report.json")
	for i, data := range [][]byte{s.data(7, 70_000), s.data(8, 300)} {
		if err := w.Put(ctx, url, data); err != nil {
			t.Fatalf("put %s: %v", url, err)
		}
		o := s.object(t, ctx, "put/report.json")
		got, err := readAll(ctx, s.b.Store(), o)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("write %d: read back %d bytes (%v), want the %d written", i+1, len(got), err, len(data))
		}
	}
}
