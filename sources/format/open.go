package format

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// reader is the Reader of every line-oriented format. It is immutable after
// Open, so units may be read concurrently; each Read takes its own state.
type reader struct {
	ra       io.ReaderAt
	size     int64
	kind     Kind
	comp     Compression
	opts     Options
	units    []Unit
	cutIssue string
}

var _ Reader = (*reader)(nil)

// Open picks the format of the object from name's extension (name is a path
// or URL; its last path element is used) confirmed by sniffing its first
// bytes, and returns a Reader. ra and size give ranged reads of the stored,
// possibly compressed, bytes.
//
// Parquet (PAR1 at both ends) and Arrow IPC (the file format's ARROW1, or
// a stream's first message being a schema) are recognised by their magic
// bytes, whatever the name; see openColumnar. Compression is recognised by
// its magic bytes (gzip, zstd), whatever the extension says. The format inside comes from the extension; content that
// is binary is refused whatever the extension, and an unknown extension (or
// .json) is read as JSONL when its first non-blank line is a JSON object and
// as text otherwise. Refusals are *UnsupportedError, wrapping
// ErrUnsupported; a failure to read the object is any other error.
func Open(ctx context.Context, ra io.ReaderAt, size int64, name string, opts Options) (Reader, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	if size <= 0 {
		return nil, unsupported("empty")
	}
	if strings.HasSuffix(strings.ToLower(name), ".parquet") && size >= 12 {
		// Named Parquet and ending in its magic: opened from the footer
		// alone. The head would cost an object store a request of its own.
		var tail [4]byte
		if readFull(ra, tail[:], size-4) == nil && string(tail[:]) == "PAR1" {
			pr, err := openParquet(ra, size, opts)
			if err != nil {
				return nil, err
			}
			return pr, nil
		}
	}
	head := make([]byte, min(size, sniffSize))
	if n, err := ra.ReadAt(head, 0); n < len(head) {
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read head of object: %w", err)
	}

	inner := strings.ToLower(baseName(name))
	extComp, stripped := compressionExt(inner)
	comp := compressionMagic(head)
	if comp == None {
		// Columnar formats are known by their magic bytes, whatever the name.
		if r, err, ok := openColumnar(ra, size, head, extOf(inner), opts); ok {
			return r, err
		}
	}
	if extComp != None {
		// A .gz whose bytes are not gzip (a server that decompressed it on
		// the way) is read as what it holds.
		inner = stripped
	}
	content, whole := head, int64(len(head)) == size
	if comp != None {
		var err error
		content, whole, err = sniffStream(comp, ra, size, opts.MaxRatio)
		if err != nil {
			return nil, fmt.Errorf("open %s stream: %w", comp, err)
		}
		if len(content) == 0 {
			return nil, unsupported("empty")
		}
	}
	ext := extOf(inner)
	if reason := binaryReason(content, ext, whole); reason != "" {
		return nil, unsupported("%s", reason)
	}

	var kind Kind
	switch ext {
	case ".jsonl", ".ndjson", ".jsonlines":
		kind = JSONL
	case ".csv":
		kind = CSV
	case ".tsv", ".tab":
		kind = TSV
	case ".txt", ".md", ".log", ".text", ".rst":
		kind = Text
	default:
		kind = Text
		if firstLineIsObject(content, whole) {
			kind = JSONL
		}
	}

	r := &reader{
		ra: ra, size: size, kind: kind, comp: comp, opts: opts,
		cutIssue: fmt.Sprintf("record cut at %d bytes (max-record-bytes)", opts.MaxRecordBytes),
	}
	if comp == None && (kind == JSONL || kind == Text) && size > opts.UnitBytes {
		for off := int64(0); off < size; off += opts.UnitBytes {
			r.units = append(r.units, Unit{Index: len(r.units), Offset: off, Length: min(opts.UnitBytes, size-off), Rows: -1})
		}
	} else {
		r.units = []Unit{{Index: 0, Offset: 0, Length: size, Rows: -1}}
	}
	return r, nil
}

// sniffStream decompresses up to sniffSize bytes from the start of the
// object. whole says the stream ended within them. A stream that breaks
// after giving some bytes is still sniffed; Read reports the break.
func sniffStream(comp Compression, ra io.ReaderAt, size int64, ratio int) (content []byte, whole bool, err error) {
	st := getState()
	defer st.release()
	if err := st.dec.reset(comp, io.NewSectionReader(ra, 0, size), ratio); err != nil {
		if err == io.EOF {
			return nil, true, nil
		}
		return nil, false, err
	}
	buf := make([]byte, sniffSize)
	n := 0
	for n < len(buf) {
		m, err := st.dec.Read(buf[n:])
		n += m
		if err == io.EOF {
			return buf[:n], true, nil
		}
		if err != nil {
			if n == 0 {
				return nil, false, err
			}
			return buf[:n], false, nil
		}
	}
	return buf[:n], false, nil
}

func (r *reader) Kind() Kind               { return r.kind }
func (r *reader) Compression() Compression { return r.comp }
func (r *reader) Units() []Unit            { return slices.Clone(r.units) }

// Read implements Reader.
func (r *reader) Read(ctx context.Context, u int, opts ReadOptions, fn func(*Record) error) (UnitStats, error) {
	if u < 0 || u >= len(r.units) {
		return UnitStats{}, fmt.Errorf("read unit %d: out of range (%d units)", u, len(r.units))
	}
	if err := ctx.Err(); err != nil {
		return UnitStats{}, err
	}
	st := getState()
	defer st.release()
	unit := r.units[u]

	var src io.Reader
	from, end := int64(0), int64(math.MaxInt64)
	if r.comp == None {
		if len(r.units) > 1 {
			end = unit.Offset + unit.Length
		}
		// A unit's first record starts after the first '\n' at or after
		// Offset-1, so reading from there tells whether Offset itself
		// starts a line.
		if unit.Offset > 0 {
			from = unit.Offset - 1
		}
		src = io.NewSectionReader(r.ra, from, r.size-from)
	} else {
		if err := st.dec.reset(r.comp, io.NewSectionReader(r.ra, 0, r.size), r.opts.MaxRatio); err != nil {
			return UnitStats{}, r.streamErr(err, 0)
		}
		src = &st.dec
	}
	st.lr.reset(src, from, r.opts.MaxRecordBytes)
	if unit.Offset > 0 && !st.lr.discardLineBefore(end) {
		return UnitStats{}, r.streamErr(st.lr.streamErr(), 0)
	}

	switch r.kind {
	case JSONL:
		return r.readJSONL(ctx, st, end, opts, fn)
	case CSV:
		return r.readCSV(ctx, st, ',', opts, fn)
	case TSV:
		return r.readCSV(ctx, st, '\t', opts, fn)
	default:
		return r.readText(ctx, st, end, opts, fn)
	}
}

// streamErr says what went wrong reading the object, and how far the read
// got, so a report can tell a truncated stream from a corrupt one.
func (r *reader) streamErr(err error, rows int64) error {
	if err == nil || err == io.EOF {
		return nil
	}
	if r.comp == None {
		return fmt.Errorf("read object after %d rows: %w", rows, err)
	}
	if errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s stream truncated after %d rows: %w", r.comp, rows, err)
	}
	return fmt.Errorf("read %s stream after %d rows: %w", r.comp, rows, err)
}
