package format

import (
	"context"
	"errors"
	"fmt"
)

// Kind names a record format. The names appear in reports.
type Kind string

// The formats Open recognises.
const (
	JSONL   Kind = "jsonl"
	CSV     Kind = "csv"
	TSV     Kind = "tsv"
	Text    Kind = "text"
	Parquet Kind = "parquet"
	Arrow   Kind = "arrow" // Arrow IPC, file or stream format
)

// Compression names the stream compression wrapped around a format.
type Compression string

// The compressions Open recognises; None is a stored object read as is.
const (
	None Compression = ""
	Gzip Compression = "gzip"
	Zstd Compression = "zstd"
)

// Field is one string value of a record. Path is written as INFOTYPES.md
// says: "text", "messages[1].content", "meta.author.email", a CSV column
// name. Text is the decoded value (JSON unescaped, CSV unquoted) and is only
// valid during the callback that received it.
type Field struct {
	Path string
	Text []byte
}

// Record is one row of an object.
type Record struct {
	// Row is the 0-based row index counted from the start of the unit the
	// record belongs to. A unit that starts at a byte offset cannot know how
	// many rows precede it; the caller adds the rows of the earlier units
	// (UnitStats.Rows), which keeps row numbers exact under parallel reads.
	Row int64
	// Lines is how many rows the record covers: 1, or more when a value
	// spanning lines (a PEM block in a text file) was joined into one record
	// reported at the row where it starts.
	Lines int
	// Key identifies the record stably across runs and unit layouts, so a
	// seeded sample keeps the same records whatever the worker count: the byte
	// offset of the record's first byte in the decompressed object for
	// line-oriented formats, the row index in the object for columnar ones.
	Key    int64
	Fields []Field
	// Issue is non-empty when the record could not be read as its format
	// says: invalid JSON (the raw line is then offered as one field named
	// RawPath), a ragged CSV row, a record cut at MaxRecordBytes.
	Issue string
}

// RawPath is the field path given to the raw text of a record that failed to
// parse, so its contents are still scanned and nothing is lost.
const RawPath = "(raw)"

// Unit is an independently readable part of an object: a byte range of a
// line-oriented file, a Parquet row group, an Arrow record batch, or the
// whole object.
type Unit struct {
	Index  int
	Offset int64 // first byte of the range in the stored object
	Length int64 // bytes in the range; records starting inside it belong to it
	// Rows is the unit's row count when the format records it (Parquet
	// and Arrow metadata), or -1 when only reading tells (line formats).
	Rows int64
}

// UnitStats reports what Read saw of a unit, whether or not it finished.
type UnitStats struct {
	Rows  int64 // every row of the unit, kept or not
	Bytes int64 // decompressed bytes consumed
}

// ReadOptions select records.
type ReadOptions struct {
	// Keep decides from a record's Key whether it is wanted; nil keeps all.
	// A reader skips the parsing of records it does not keep.
	Keep func(key int64) bool
	// Rows, when not nil, lists the rows of the unit to read, counted from
	// the unit's start, ascending; only units with known row counts (Unit.Rows
	// >= 0) honour it, and they read only the pages those rows need. Keep
	// still applies to the rows listed.
	Rows []int64
	// HeaderIsData, when set, is shown the cells of a CSV/TSV file's first
	// row; if it answers true the row is data (the file has no header): it
	// is read as row 0 and the columns are named col_1, col_2, ….
	HeaderIsData func(cells [][]byte) bool
}

// Reader reads the records of one object. Units may be read concurrently,
// each by one goroutine.
type Reader interface {
	Kind() Kind
	Compression() Compression
	Units() []Unit
	// Read calls fn for each kept record of unit u, in order. The *Record and
	// everything it points to are reused after fn returns. Read returns the
	// stats of what it read even when it fails part way, so findings made
	// before a truncated stream or a corrupt row are kept.
	Read(ctx context.Context, u int, opts ReadOptions, fn func(*Record) error) (UnitStats, error)
}

// Options bound the work a reader does.
type Options struct {
	// MaxRecordBytes caps one record (a line, a CSV record); longer records
	// are cut, scanned up to the cap and reported. Default 16 MiB.
	MaxRecordBytes int
	// MaxRatio stops decompression when the output exceeds this many times
	// the compressed input. Default 200.
	MaxRatio int
	// UnitBytes is the nominal size of a byte-range unit for splitting large
	// uncompressed line-oriented files. Default 32 MiB.
	UnitBytes int64
}

// Defaults for Options.
const (
	DefaultMaxRecordBytes = 16 << 20
	DefaultMaxRatio       = 200
	DefaultUnitBytes      = 32 << 20
)

func (o Options) withDefaults() Options {
	if o.MaxRecordBytes <= 0 {
		o.MaxRecordBytes = DefaultMaxRecordBytes
	}
	if o.MaxRatio <= 0 {
		o.MaxRatio = DefaultMaxRatio
	}
	if o.UnitBytes <= 0 {
		o.UnitBytes = DefaultUnitBytes
	}
	return o
}

// ErrUnsupported is wrapped by Open when an object is not a format residue
// reads (binary, a known format not yet supported); callers list such objects
// as skipped with the error's text as the reason.
var ErrUnsupported = errors.New("unsupported format")

// UnsupportedError carries the reason an object was not read.
type UnsupportedError struct{ Reason string }

// Error returns the reason alone, so it can be listed as the skip reason.
func (e *UnsupportedError) Error() string { return e.Reason }

// Unwrap makes errors.Is(err, ErrUnsupported) hold.
func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

func unsupported(format string, args ...any) error {
	return &UnsupportedError{Reason: fmt.Sprintf(format, args...)}
}
