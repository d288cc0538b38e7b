package sources

import (
	"io"
	"sync"
	"sync/atomic"
)

// CacheHead wraps h so that its first n bytes are fetched once and served
// from memory afterwards. Format detection reads an object's head and the
// reader then reads it again from the start; for small objects (most
// files, most bucket objects) this halves the bytes and requests.
func CacheHead(h Handle, n int) Handle {
	return &headHandle{Handle: h, n: int64(min(int64(n), h.Size()))}
}

type headHandle struct {
	Handle
	n      int64
	once   sync.Once
	filled atomic.Bool
	head   []byte
	err    error
}

func (h *headHandle) fill() {
	buf := make([]byte, h.n)
	_, err := io.ReadFull(io.NewSectionReader(h.Handle, 0, h.n), buf)
	h.head, h.err = buf, err
	h.filled.Store(true)
}

// ReadAt serves the cached head and reads the rest from the object, keeping
// the io.ReaderAt contract. Only a read from the start fills the cache: a
// reader that opened from the footer and reads a page near the start
// (Parquet's first column chunk begins at byte 4) must not pay for the
// whole head it never reads.
func (h *headHandle) ReadAt(p []byte, off int64) (int, error) {
	if off >= h.n || len(p) == 0 || off > 0 && !h.filled.Load() {
		return h.Handle.ReadAt(p, off)
	}
	h.once.Do(h.fill)
	if h.err != nil {
		return h.Handle.ReadAt(p, off)
	}
	c := copy(p, h.head[off:])
	if c == len(p) {
		return c, nil
	}
	if off+int64(c) >= h.Size() {
		return c, io.EOF
	}
	m, err := h.Handle.ReadAt(p[c:], off+int64(c))
	return c + m, err
}

// Prefetch passes a hint on to the handle beneath, when it takes hints.
func (h *headHandle) Prefetch(off, n int64) {
	if p, ok := h.Handle.(Prefetcher); ok {
		p.Prefetch(off, n)
	}
}
