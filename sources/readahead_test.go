package sources_test

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/residuehq/residue/sources"
)

// memHandle is an object in memory that counts the requests made of it and
// can fail past a byte.
type memHandle struct {
	data     []byte
	requests atomic.Int64
	bytes    atomic.Int64
	failAt   int64 // reads reaching past this fail; 0: never
}

func (m *memHandle) Size() int64  { return int64(len(m.data)) }
func (m *memHandle) Close() error { return nil }
func (m *memHandle) ReadAt(p []byte, off int64) (int, error) {
	m.requests.Add(1)
	if m.failAt > 0 && off+int64(len(p)) > m.failAt {
		n := copy(p, m.data[off:max(off, min(m.failAt, int64(len(m.data))))])
		m.bytes.Add(int64(n))
		return n, errors.New("connection reset (injected)")
	}
	n, err := bytes.NewReader(m.data).ReadAt(p, off)
	m.bytes.Add(int64(n))
	return n, err
}

func object(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// TestReadAheadAgrees: any mix of reads gives what the object gives, in
// the io.ReaderAt contract, also from many goroutines at once.
func TestReadAheadAgrees(t *testing.T) {
	data := object(3<<20+123, 1)
	ref := bytes.NewReader(data)
	h := sources.NewReadAhead(&memHandle{data: data}, sources.ReadAhead{})
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), 9))
			off := int64(0)
			for range 400 {
				var n int
				switch r.IntN(4) {
				case 0: // sequential
					n = 1 + r.IntN(300<<10)
				case 1: // anywhere
					off = r.Int64N(int64(len(data)) + 100)
					n = r.IntN(100 << 10)
				case 2: // the tail
					off = int64(len(data)) - r.Int64N(70<<10)
					n = 1 + r.IntN(80<<10)
				default: // huge
					off = r.Int64N(int64(len(data)))
					n = 4<<20 + r.IntN(100)
				}
				got, want := make([]byte, n), make([]byte, n)
				gn, gerr := h.ReadAt(got, off)
				wn, werr := ref.ReadAt(want, off)
				if gn != wn || (gerr == nil) != (werr == nil) || !bytes.Equal(got[:gn], want[:wn]) {
					t.Errorf("ReadAt(%d bytes at %d) = %d, %v; want %d, %v", n, off, gn, gerr, wn, werr)
					return
				}
				off += int64(gn)
				if off >= int64(len(data)) {
					off = 0
				}
			}
		}()
	}
	wg.Wait()
}

// TestReadAheadRequests: a sequential scan in small reads and a Parquet
// footer cost few requests.
func TestReadAheadRequests(t *testing.T) {
	data := object(64<<20, 2)
	m := &memHandle{data: data}
	h := sources.NewReadAhead(m, sources.ReadAhead{})
	buf := make([]byte, 256<<10)
	for off := int64(0); off < int64(len(data)); off += int64(len(buf)) {
		if _, err := h.ReadAt(buf, off); err != nil && err != io.EOF {
			t.Fatal(err)
		}
	}
	// 64 KiB, 128 KiB, … up to 4 MiB, then 4 MiB at a time.
	if n := m.requests.Load(); n > 24 {
		t.Errorf("%d requests for a sequential read of 64 MiB in 256 KiB reads, want at most 24", n)
	}
	if b := m.bytes.Load(); b > int64(len(data))+4<<20 {
		t.Errorf("fetched %d bytes for %d", b, len(data))
	}

	m2 := &memHandle{data: data}
	h = sources.NewReadAhead(m2, sources.ReadAhead{})
	size := int64(len(data))
	var tail [8]byte
	if _, err := h.ReadAt(tail[:], size-8); err != nil {
		t.Fatal(err)
	}
	footer := make([]byte, 20_000)
	if _, err := h.ReadAt(footer, size-8-int64(len(footer))); err != nil {
		t.Fatal(err)
	}
	if n := m2.requests.Load(); n != 1 {
		t.Errorf("a footer's length and the footer took %d requests, want 1", n)
	}
}

// TestReadAheadErrors: a failure the read needs is reported; one past
// what the read needs is not.
func TestReadAheadErrors(t *testing.T) {
	data := object(1<<20, 3)
	m := &memHandle{data: data, failAt: 100_000}
	h := sources.NewReadAhead(m, sources.ReadAhead{})
	// The fetch of 64 KiB from 99,000 fails at 100,000, after the ten
	// bytes the read wants arrived.
	if n, err := h.ReadAt(make([]byte, 10), 99_000); n != 10 || err != nil {
		t.Errorf("a read covered before the failure: %d, %v", n, err)
	}
	if n, err := h.ReadAt(make([]byte, 5000), 98_000); err == nil {
		t.Errorf("a read across the failure gave %d bytes and no error", n)
	}
}

// TestReadAheadTail: a footer read through one handle seeds another, which
// then reads it (and an index the first left unread, when asked to keep
// it) without a request; a small object's footer costs one request, not
// two.
func TestReadAheadTail(t *testing.T) {
	data := object(300<<10, 3)
	size := int64(len(data))
	first := &memHandle{data: data}
	h := sources.NewReadAhead(first, sources.ReadAhead{})
	footer := make([]byte, 2000)
	for _, off := range []int64{size - 8, size - 2008} { // the length, then the footer
		if _, err := h.ReadAt(footer[:min(2000, size-off)], off); err != nil {
			t.Fatal(err)
		}
	}
	if n := first.requests.Load(); n != 1 {
		t.Fatalf("the footer took %d requests", n)
	}
	kept, ok := h.(sources.TailKeeper).Tail(-1)
	if !ok || kept.Off != size-2008 || !bytes.Equal(kept.Data, data[size-2008:]) {
		t.Fatalf("tail kept from %d, %d bytes, %v", kept.Off, len(kept.Data), ok)
	}
	withIndex, _ := h.(sources.TailKeeper).Tail(size - 5000)
	if withIndex.Off != size-5000 {
		t.Errorf("asked to keep from %d, kept from %d", size-5000, withIndex.Off)
	}
	if far, _ := h.(sources.TailKeeper).Tail(10); far.Off != size-2008 {
		t.Errorf("a start outside the fetched range moved the tail to %d", far.Off)
	}

	second := &memHandle{data: data}
	h2 := sources.NewReadAhead(second, sources.ReadAhead{Seed: withIndex})
	for _, off := range []int64{size - 8, size - 2008, size - 5000} {
		got := make([]byte, 8)
		if _, err := h2.ReadAt(got, off); err != nil || !bytes.Equal(got, data[off:off+8]) {
			t.Fatalf("seeded read at %d: %v", off, err)
		}
	}
	if n := second.requests.Load(); n != 0 {
		t.Errorf("a seeded handle made %d requests for bytes it was given", n)
	}

	small := &memHandle{data: object(20<<10, 4)}
	hs := sources.NewReadAhead(small, sources.ReadAhead{})
	buf := make([]byte, 8)
	hs.ReadAt(buf, small.Size()-8)
	hs.ReadAt(make([]byte, 1000), small.Size()-1008)
	hs.ReadAt(buf, 4) // a page near the start
	if n := small.requests.Load(); n != 1 {
		t.Errorf("a 20 KiB object took %d requests", n)
	}
}
