package sources

import (
	"bytes"
	"io"
	"sync"
)

// ReadAhead tunes NewReadAhead. The zero value picks the defaults.
type ReadAhead struct {
	// MinFetch is the least a request asks for: small reads (a Parquet
	// footer's length, a page header) are rounded up to it. Default 64 KiB.
	MinFetch int
	// MaxFetch is the most a sequential stream asks for at once; its window
	// doubles from MinFetch up to it. Default 4 MiB.
	MaxFetch int
	// Blocks is how many fetched ranges are kept. Default 4.
	Blocks int
	// Seed is a range of the object already in hand (another handle's
	// Tail): reads it holds cost no request.
	Seed Block
}

// Block is a range of an object's bytes.
type Block struct {
	Off  int64
	Data []byte
}

// TailKeeper is a handle that can give back the bytes its reads used at the
// end of the object: a Parquet footer and what points at it. Kept in
// place of the open handle, they let the object be opened again without a
// request.
type TailKeeper interface {
	// Tail returns the bytes of the last fetched range from the lowest
	// offset a read used, or from offset from when it is lower and within
	// the range (bytes a later reader will want that this one did not).
	Tail(from int64) (Block, bool)
}

// NewReadAhead wraps a remote object's handle so that the many small and
// sequential reads the format readers make cost few requests: a read is
// served from a recently fetched range when one holds it; otherwise the
// range fetched is rounded up to MinFetch, grows while reads follow one
// another, and a read near the object's end fetches the whole tail, so a
// Parquet footer and its length cost one request. Reads of MaxFetch or more
// pass straight through. Memory is bounded by Blocks × MaxFetch per handle.
func NewReadAhead(h Handle, o ReadAhead) Handle {
	if o.MinFetch <= 0 {
		o.MinFetch = 64 << 10
	}
	if o.MaxFetch < o.MinFetch {
		o.MaxFetch = max(o.MinFetch, 4<<20)
	}
	if o.Blocks <= 0 {
		o.Blocks = 4
	}
	r := &readAhead{Handle: h, o: o}
	if len(o.Seed.Data) > 0 {
		r.blocks = append(r.blocks, raBlock{off: o.Seed.Off, data: o.Seed.Data, lo: o.Seed.Off})
	}
	return r
}

type readAhead struct {
	Handle
	o ReadAhead

	mu      sync.Mutex
	blocks  []raBlock // most recently used last
	streams []raStream
}

type raBlock struct {
	off  int64
	data []byte
	lo   int64 // the lowest offset a read used
}

// raStream is a run of reads, each starting where the last ended.
type raStream struct {
	next   int64
	window int
}

const maxStreams = 8

func (r *readAhead) ReadAt(p []byte, off int64) (int, error) {
	size := r.Size()
	if off < 0 || len(p) >= r.o.MaxFetch {
		return r.Handle.ReadAt(p, off)
	}
	if off >= size {
		return 0, io.EOF
	}
	if n, ok := r.cached(p, off); ok {
		return n, eofIf(n < len(p))
	}
	start, length := r.plan(off, len(p), size)
	buf := make([]byte, length)
	n, err := r.Handle.ReadAt(buf, start)
	buf = buf[:n]
	if need := min(off+int64(len(p)), size); start+int64(n) < need {
		// The object failed (or ended early) before the read was covered.
		c := 0
		if start+int64(n) > off {
			c = copy(p, buf[off-start:])
		}
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return c, err
	}
	r.mu.Lock()
	r.remember(raBlock{off: start, data: buf, lo: off})
	r.mu.Unlock()
	c := copy(p, buf[off-start:])
	return c, eofIf(c < len(p))
}

func (r *readAhead) Tail(from int64) (Block, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	size := r.Size()
	for _, b := range r.blocks {
		if b.off+int64(len(b.data)) == size && b.lo >= b.off {
			lo := b.lo
			if from >= b.off && from < lo {
				lo = from
			}
			return Block{Off: lo, Data: bytes.Clone(b.data[lo-b.off:])}, true
		}
	}
	return Block{}, false
}

func eofIf(short bool) error {
	if short {
		return io.EOF
	}
	return nil
}

// cached copies the read out of a kept block that holds all of it (or all
// of it the object has).
func (r *readAhead) cached(p []byte, off int64) (int, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	size := r.Size()
	end := min(off+int64(len(p)), size)
	for i := len(r.blocks) - 1; i >= 0; i-- {
		b := r.blocks[i]
		if off >= b.off && end <= b.off+int64(len(b.data)) {
			n := copy(p, b.data[off-b.off:end-b.off])
			r.blocks[i].lo = min(b.lo, off)
			r.touch(i)
			r.advance(off, n)
			return n, true
		}
	}
	return 0, false
}

// plan decides the range to fetch for a read of n bytes at off.
func (r *readAhead) plan(off int64, n int, size int64) (int64, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	want := r.o.MinFetch
	if s := r.stream(off); s != nil {
		want = s.window
		s.window = min(2*s.window, r.o.MaxFetch)
	} else {
		r.streams = append(r.streams, raStream{next: off, window: 2 * r.o.MinFetch})
		if len(r.streams) > maxStreams {
			r.streams = r.streams[1:]
		}
	}
	start, length := off, max(n, want)
	if tail := max(0, size-int64(r.o.MinFetch)); off >= tail && n <= r.o.MinFetch {
		// Near the end: take the whole tail (all of a small object),
		// which holds a footer and whatever points at it.
		start = tail
		length = int(size - tail)
	}
	length = int(min(int64(length), size-start))
	r.advance(off, n)
	return start, length
}

// stream finds the run of reads this one continues.
func (r *readAhead) stream(off int64) *raStream {
	for i := range r.streams {
		if r.streams[i].next == off {
			return &r.streams[i]
		}
	}
	return nil
}

// advance moves the stream a read continues past it.
func (r *readAhead) advance(off int64, n int) {
	if s := r.stream(off); s != nil {
		s.next = off + int64(n)
	}
}

func (r *readAhead) touch(i int) {
	b := r.blocks[i]
	copy(r.blocks[i:], r.blocks[i+1:])
	r.blocks[len(r.blocks)-1] = b
}

func (r *readAhead) remember(b raBlock) {
	if len(r.blocks) >= r.o.Blocks {
		copy(r.blocks, r.blocks[1:])
		r.blocks = r.blocks[:len(r.blocks)-1]
	}
	r.blocks = append(r.blocks, b)
}

// Prefetcher is a handle that takes hints of the ranges about to be read.
// Format readers that know their next reads (a Parquet row group's pages)
// give the hint, and the handle fetches them in one request.
type Prefetcher interface {
	Prefetch(off, n int64)
}

// maxPrefetch bounds one hint's range, and so the memory it takes.
const maxPrefetch = 16 << 20

// Prefetch fetches [off, off+n) in one request and keeps it for the reads
// that follow. A range already kept, too large, or that the object fails
// to give is left to those reads, which report any error.
func (r *readAhead) Prefetch(off, n int64) {
	size := r.Size()
	if off < 0 || off >= size || n <= 0 {
		return
	}
	n = min(n, size-off)
	if n > maxPrefetch {
		return
	}
	r.mu.Lock()
	for _, b := range r.blocks {
		if off >= b.off && off+n <= b.off+int64(len(b.data)) {
			r.mu.Unlock()
			return
		}
	}
	r.mu.Unlock()
	buf := make([]byte, n)
	got, err := r.Handle.ReadAt(buf, off)
	if int64(got) < n || err != nil && err != io.EOF {
		return
	}
	r.mu.Lock()
	r.remember(raBlock{off: off, data: buf, lo: off + n})
	r.mu.Unlock()
}
