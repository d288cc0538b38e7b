package sources_test

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"

	"github.com/residuehq/residue/sources"
)

// countingHandle is an in-memory Handle that counts the bytes read from it.
type countingHandle struct {
	*bytes.Reader
	read int64
}

func (c *countingHandle) ReadAt(p []byte, off int64) (int, error) {
	n, err := c.Reader.ReadAt(p, off)
	c.read += int64(n)
	return n, err
}
func (c *countingHandle) Close() error { return nil }

func TestCacheHead(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, size := range []int{0, 10, 100, 1000, 5000} {
		data := make([]byte, size)
		for i := range data {
			data[i] = byte(rng.IntN(256))
		}
		inner := &countingHandle{Reader: bytes.NewReader(data)}
		h := sources.CacheHead(inner, 1024)
		for i := range 300 {
			off := rng.Int64N(int64(size) + 20)
			n := rng.IntN(300)
			if i%3 == 0 {
				off = 0
			}
			p := make([]byte, n)
			got, err := h.ReadAt(p, off)
			want, wantErr := bytes.NewReader(data).ReadAt(make([]byte, n), off)
			if got != want || (err == nil) != (wantErr == nil) {
				t.Fatalf("size %d: ReadAt(%d bytes at %d) = %d, %v; want %d, %v", size, n, off, got, err, want, wantErr)
			}
			if got < n && err == nil {
				t.Fatalf("short read without error")
			}
			if err != nil && !errors.Is(err, io.EOF) {
				t.Fatalf("unexpected error %v", err)
			}
			if off < int64(size) && !bytes.Equal(p[:got], data[off:off+int64(got)]) {
				t.Fatalf("size %d: wrong bytes at %d", size, off)
			}
		}
		if size <= 1024 && inner.read > int64(size) {
			t.Errorf("size %d: read %d bytes from the object, want each byte once", size, inner.read)
		}
	}
}

// TestCacheHeadNotFilledByLaterReads: a reader that never reads from the
// start (Parquet opened from its footer, reading a page at byte 4) reads
// only what it asks for.
func TestCacheHeadNotFilledByLaterReads(t *testing.T) {
	data := bytes.Repeat([]byte("0123456789"), 1000)
	inner := &countingHandle{Reader: bytes.NewReader(data)}
	h := sources.CacheHead(inner, 4096)
	p := make([]byte, 100)
	if _, err := h.ReadAt(p, 4); err != nil || !bytes.Equal(p, data[4:104]) {
		t.Fatal(err)
	}
	if inner.read != 100 {
		t.Errorf("a read of 100 bytes at 4 read %d", inner.read)
	}
	h.ReadAt(p, 0)
	h.ReadAt(p, 50)
	if inner.read != 100+4096 {
		t.Errorf("after a read from the start: %d bytes read, want the head once more", inner.read)
	}
}
