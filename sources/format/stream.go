package format

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"sync"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

const (
	// ioBufSize is the starting size of every read buffer: large enough that
	// a ranged read against an object store moves a useful amount per call,
	// small enough that many concurrent readers stay cheap.
	ioBufSize = 256 << 10
	// ratioFloor is how much output decompression may produce before the
	// ratio check applies: small highly compressible files are normal, and
	// a file whose first megabytes repeat one header line should not be
	// stopped for it. Output is streamed, so the floor costs no memory.
	ratioFloor = 16 << 20
	// maxZstdWindow accepts every frame the zstd command writes, up to
	// --ultra -22 and --long, while refusing the 2 GiB windows a hostile
	// frame header may ask for.
	maxZstdWindow = 128 << 20
	// ctxEvery is how many records pass between context checks.
	ctxEvery = 4096
)

// ErrRatio is wrapped by Read when decompression stops because the output
// outgrew Options.MaxRatio times the compressed input consumed: a
// decompression bomb, or a file no scan should spend that long on. Records
// before the stop have been delivered.
var ErrRatio = errors.New("decompression ratio over limit")

type ratioError struct {
	limit   int
	out, in int64
}

func (e *ratioError) Error() string {
	return fmt.Sprintf("decompression ratio over %d: stopped after %.1f MiB from %.1f KiB",
		e.limit, float64(e.out)/(1<<20), float64(e.in)/(1<<10))
}

func (e *ratioError) Unwrap() error { return ErrRatio }

// countingReader counts the compressed bytes a decompressor pulls.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// decompressor is the decompressed stream of a whole object, with the ratio
// guard applied to it.
type decompressor struct {
	cnt   countingReader
	br    *bufio.Reader
	gz    *gzip.Reader
	zd    *zstd.Decoder
	out   int64
	ratio int
	err   error
}

// reset starts decompressing src. The bufio layer sits under the counter's
// reader so ranged reads stay large, and gives flate the io.ByteReader it
// wants; Buffered() lets the ratio check count only bytes really consumed.
func (d *decompressor) reset(comp Compression, src io.Reader, ratio int) error {
	d.cnt = countingReader{r: src}
	if d.br == nil {
		d.br = bufio.NewReaderSize(&d.cnt, ioBufSize)
	} else {
		d.br.Reset(&d.cnt)
	}
	d.out, d.ratio, d.err = 0, ratio, nil
	switch comp {
	case Gzip:
		if d.gz == nil {
			gz, err := gzip.NewReader(d.br)
			if err != nil {
				return err
			}
			d.gz = gz
		} else if err := d.gz.Reset(d.br); err != nil {
			return err
		}
		d.gz.Multistream(true)
	case Zstd:
		zd, err := zstd.NewReader(d.br,
			zstd.WithDecoderConcurrency(1),
			zstd.WithDecoderLowmem(true),
			zstd.WithDecoderMaxWindow(maxZstdWindow))
		if err != nil {
			if zd != nil {
				zd.Close()
			}
			return err
		}
		d.zd = zd
	default:
		return fmt.Errorf("no decompressor for %q", comp)
	}
	return nil
}

// close releases the zstd decoder; a gzip reader holds nothing that needs
// releasing and is kept for reuse.
func (d *decompressor) close() {
	if d.zd != nil {
		d.zd.Close()
		d.zd = nil
	}
	d.cnt.r = nil
}

func (d *decompressor) Read(p []byte) (int, error) {
	if d.err != nil {
		return 0, d.err
	}
	var n int
	var err error
	if d.zd != nil {
		n, err = d.zd.Read(p)
	} else {
		n, err = d.gz.Read(p)
	}
	d.out += int64(n)
	if d.out > ratioFloor {
		in := max(d.cnt.n-int64(d.br.Buffered()), 1)
		if float64(d.out) > float64(d.ratio)*float64(in) {
			d.err = &ratioError{limit: d.ratio, out: d.out, in: in}
			return n, d.err
		}
	}
	if err != nil {
		d.err = err
	}
	return n, err
}

// lineReader hands out the lines of a stream from one reused buffer. The
// buffer grows only as far as the longest line allowed (max), so a 2 GB line
// costs max bytes, not 2 GB: past max the line is cut and the rest streamed
// away.
type lineReader struct {
	src   io.Reader
	buf   []byte
	lo    int   // start of the line last returned; buf[lo:] is kept
	r, w  int   // buf[r:w] is buffered and unread
	base  int64 // object offset of buf[0]
	err   error // sticky; io.EOF once the stream ended cleanly
	max   int   // longest line delivered whole
	limit int   // largest the buffer may grow
	skip  bool  // the rest of a cut line is still to be discarded
	ended bool  // stopped at the unit's end, not at the stream's
}

func (l *lineReader) reset(src io.Reader, base int64, maxRecord int) {
	l.src, l.base, l.max = src, base, maxRecord
	l.lo, l.r, l.w = 0, 0, 0
	l.err, l.skip, l.ended = nil, false, false
	// max+2 leaves room for a line of exactly max bytes plus "\r\n", which
	// is the longest line that must not be cut.
	l.limit = max(ioBufSize, maxRecord+2)
	if len(l.buf) < ioBufSize || len(l.buf) > l.limit {
		l.buf = make([]byte, ioBufSize)
	}
}

// pos is the object offset of the next unread byte.
func (l *lineReader) pos() int64 { return l.base + int64(l.r) }

// fill reads more of the stream, keeping buf[lo:w]. It reports whether any
// byte arrived; false means the stream is over (l.err says why).
func (l *lineReader) fill() bool {
	if l.err != nil {
		return false
	}
	if len(l.buf)-l.w < len(l.buf)/4 {
		if l.lo > 0 {
			n := copy(l.buf, l.buf[l.lo:l.w])
			l.base += int64(l.lo)
			l.r -= l.lo
			l.w = n
			l.lo = 0
		}
		if len(l.buf)-l.w < len(l.buf)/4 && len(l.buf) < l.limit {
			n := 2 * len(l.buf)
			if n > l.limit-l.limit/4 {
				// Go straight to the limit rather than grow once more
				// by a few bytes.
				n = l.limit
			}
			nb := make([]byte, n)
			copy(nb, l.buf[:l.w])
			l.buf = nb
		}
	}
	if l.w == len(l.buf) {
		// Unreachable while callers keep a line under limit; fail loudly
		// rather than spin.
		l.err = errors.New("line buffer full")
		return false
	}
	// Read at most ioBufSize at a time even into a grown buffer: a unit
	// that only looks for where its first line starts should not pull in
	// a megabyte of the next unit's bytes.
	for range 100 {
		n, err := l.src.Read(l.buf[l.w:min(len(l.buf), l.w+ioBufSize)])
		l.w += n
		if err != nil {
			l.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
	l.err = io.ErrNoProgress
	return false
}

// discardLineBefore discards through the next '\n', and gives up once
// the position reaches end without one: the next line then starts at or
// after end and belongs to a later unit, so reading on would only read that
// unit's bytes again (a 300 MB line split into ten units would be read ten
// times over).
func (l *lineReader) discardLineBefore(end int64) bool {
	for {
		stop := l.w
		if e := end - l.base; e < int64(stop) {
			stop = int(max(e, int64(l.r)))
		}
		if i := bytes.IndexByte(l.buf[l.r:stop], '\n'); i >= 0 {
			l.r += i + 1
			return true
		}
		l.r = stop
		l.lo = stop
		if l.pos() >= end {
			l.ended = true
			return false
		}
		if !l.fill() {
			return false
		}
	}
}

// next returns the next line that starts before end, without its "\n" or
// "\r\n", and the object offset where it starts. A line longer than max is
// returned cut to max bytes with cut set; its remainder is skipped by the
// following call. The line is valid until the next call. ok is false when
// no line starts before end (l.ended) or the stream is over (l.err); a
// final line without "\n" is returned only when the stream ended cleanly.
func (l *lineReader) next(end int64) (line []byte, start int64, cut, ok bool) {
	if l.skip {
		if !l.discardLineBefore(end) {
			return nil, 0, false, false
		}
		l.skip = false
	}
	l.lo = l.r
	start = l.pos()
	if start >= end {
		l.ended = true
		return nil, 0, false, false
	}
	scan := l.r
	for {
		if i := bytes.IndexByte(l.buf[scan:l.w], '\n'); i >= 0 {
			e := scan + i
			l.r = e + 1
			return l.finish(l.buf[l.lo:e])
		}
		scan = l.w
		if l.w-l.lo > l.max+1 {
			l.r = l.w
			l.skip = true
			return l.buf[l.lo : l.lo+l.max : l.lo+l.max], start, true, true
		}
		lo := l.lo
		if !l.fill() {
			if l.err == io.EOF && l.w > l.lo {
				l.r = l.w
				return l.finish(l.buf[l.lo:l.w])
			}
			return nil, 0, false, false
		}
		scan -= lo - l.lo
	}
}

func (l *lineReader) finish(line []byte) ([]byte, int64, bool, bool) {
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	start := l.base + int64(l.lo)
	if len(line) > l.max {
		return line[:l.max:l.max], start, true, true
	}
	return line[:len(line):len(line)], start, false, true
}

// window returns the buffered bytes from the start of the line last
// returned, reading until there are at least n of them or the stream ends.
// It lets a caller look ahead across lines without consuming them.
func (l *lineReader) window(n int) []byte {
	for l.w-l.lo < n && l.fill() {
	}
	return l.buf[l.lo:l.w]
}

// streamErr reports l.err as a read failure; nil when the stream simply
// ended or the unit's end stopped the read.
func (l *lineReader) streamErr() error {
	if l.ended || l.err == nil || l.err == io.EOF {
		return nil
	}
	return l.err
}

// state is the per-Read working set, pooled so a steady stream of units
// (many small objects, or the units of one large one) reuses buffers.
type state struct {
	lr      lineReader
	dec     decompressor
	json    jsonWalker
	csv     csvParser
	rec     Record
	scratch []byte
}

var statePool = sync.Pool{New: func() any { return new(state) }}

func getState() *state { return statePool.Get().(*state) }

func (s *state) release() {
	s.dec.close()
	s.lr.src = nil
	s.rec = Record{Fields: s.rec.Fields[:0]}
	statePool.Put(s)
}
