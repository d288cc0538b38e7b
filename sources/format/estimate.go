package format

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
)

// RowEstimator is implemented by readers whose row count is not in their
// metadata (line-oriented formats): an estimate from the density of lines
// in the object's first megabyte. Callers planning a sample of rows
// across objects use it; Units().Rows is -1 for these readers.
type RowEstimator interface {
	// EstimateRows returns the estimated row count, and whether it is
	// exact (the whole object fit in what was read).
	EstimateRows(ctx context.Context) (rows int64, exact bool, err error)
}

// estimateBytes is how much decompressed content an estimate reads.
const estimateBytes = 1 << 20

var _ RowEstimator = (*reader)(nil)

// EstimateRows counts the lines in the first megabyte of content and scales
// by the share of the stored object that megabyte came from.
func (r *reader) EstimateRows(ctx context.Context) (int64, bool, error) {
	if err := ctx.Err(); err != nil {
		return 0, false, err
	}
	in := &countingReader{r: io.NewSectionReader(r.ra, 0, r.size)}
	var src io.Reader = in
	if r.comp != None {
		st := getState()
		defer st.release()
		if err := st.dec.reset(r.comp, in, r.opts.MaxRatio); err != nil {
			if err == io.EOF {
				return 0, true, nil
			}
			return 0, false, r.streamErr(err, 0)
		}
		src = &st.dec
	}
	buf := make([]byte, estimateBytes)
	n, err := io.ReadFull(src, buf)
	buf = buf[:n]
	lines := int64(bytes.Count(buf, []byte{'\n'}))
	if n > 0 && buf[n-1] != '\n' {
		lines++ // a last line without its newline
	}
	switch err {
	case io.EOF, io.ErrUnexpectedEOF:
		return lines, true, nil
	case nil:
	default:
		return 0, false, r.streamErr(err, 0)
	}
	// Scale the line density of what was read to the whole content: its
	// size is in the gzip trailer or the zstd frame header when present;
	// otherwise the compressed bytes consumed so far give the ratio.
	total := r.size
	if r.comp != None {
		if n, ok := contentSize(r.ra, r.size, r.comp); ok && n >= int64(len(buf)) {
			total = n
		} else {
			consumed := in.n
			if consumed <= 0 {
				return 0, false, nil
			}
			total = int64(float64(len(buf)) * float64(r.size) / float64(consumed))
		}
	}
	return int64(float64(lines) * float64(total) / float64(len(buf))), false, nil
}

// contentSize reads the decompressed size a compressed object declares: a
// gzip member's trailer holds it modulo 2^32 (taken here as the smallest
// size at least as large as the compressed one), a zstd frame header holds
// it when the writer knew it.
func contentSize(ra io.ReaderAt, size int64, comp Compression) (int64, bool) {
	switch comp {
	case Gzip:
		var t [4]byte
		if size < 18 {
			return 0, false
		}
		if _, err := ra.ReadAt(t[:], size-4); err != nil {
			return 0, false
		}
		n := int64(binary.LittleEndian.Uint32(t[:]))
		for n < size {
			n += 1 << 32
		}
		return n, true
	case Zstd:
		var h [18]byte
		m, _ := ra.ReadAt(h[:], 0)
		if m < 6 {
			return 0, false
		}
		return zstdContentSize(h[:m])
	}
	return 0, false
}

// zstdContentSize parses a zstd frame header (RFC 8878, 3.1.1.1) for the
// Frame_Content_Size field.
func zstdContentSize(h []byte) (int64, bool) {
	if len(h) < 6 || binary.LittleEndian.Uint32(h) != 0xFD2FB528 {
		return 0, false
	}
	fhd := h[4]
	fcsFlag := fhd >> 6
	single := fhd&0x20 != 0
	didFlag := fhd & 3
	pos := 5
	if !single {
		pos++ // window descriptor
	}
	pos += [4]int{0, 1, 2, 4}[didFlag]
	var n int
	switch fcsFlag {
	case 0:
		if !single {
			return 0, false
		}
		n = 1
	case 1:
		n = 2
	case 2:
		n = 4
	case 3:
		n = 8
	}
	if pos+n > len(h) {
		return 0, false
	}
	var v uint64
	for i := n - 1; i >= 0; i-- {
		v = v<<8 | uint64(h[pos+i])
	}
	if n == 2 {
		v += 256
	}
	return int64(v), true
}
