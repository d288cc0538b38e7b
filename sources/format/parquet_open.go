package format

import (
	"bytes"
	"io"
)

// openColumnar opens Parquet and Arrow IPC objects, which are known by
// their magic bytes whatever their names:
//
//   - Parquet: "PAR1" at the start. A file without "PAR1" at the end too
//     is a cut or damaged Parquet file, and Open fails saying so (an
//     error, not a refusal). An encrypted footer ("PARE") is refused.
//   - Arrow IPC file (.arrow, .feather v2): "ARROW1" at the start. When
//     its footer is missing (a cut file) the messages are found by
//     scanning, and the batches before the cut are still read.
//   - Arrow IPC stream: a continuation marker (0xFFFFFFFF) and a schema
//     message at the start; the pre-0.15 stream without the marker is
//     taken only from a file named .arrow, .arrows, .ipc or .feather.
//
// ok reports whether the object was one of them; r and err are then
// Open's result.
//
// # Units, rows and keys
//
// A unit is a Parquet row group or an Arrow record batch. Unit.Rows is its
// exact row count from the metadata; Offset and Length span its column
// chunks (Parquet) or its message, metadata and body (Arrow). Record.Row
// counts from the unit's start, Record.Key is the row's index in the whole
// object, and Record.Lines is 1. UnitStats.Rows is Unit.Rows when the unit
// was read to its end, and the row Read stopped at otherwise; runners
// should take row bases from Unit.Rows. ReadOptions.Rows reads only the
// listed rows: Parquet reads only the pages holding them (found with the
// column chunk's offset index, or else by reading page headers alone when
// they give row counts: version 2 pages, and version 1 pages of columns
// outside any list); Arrow reads the whole batch and skips the other rows.
// Keep applies to the rows listed; without Rows, Keep is asked for every
// row first and Parquet then reads only the pages of kept rows.
//
// An Arrow stream cut inside a message ends with one more unit (Rows from
// its metadata if that was read, else 0) whose Read returns the error,
// saying which batch and byte; the batches before it read normally.
//
// # Fields
//
// Every string and binary value (UTF-8 or not, bytes as stored) at any
// depth is a field, and so is every 32- and 64-bit integer of idDigits or
// more digits, as its decimal text; other types (floats, booleans, dates,
// timestamps, decimals, fixed-size binary) are not read at all. Nulls and
// empty values give no field. Paths are written as in parquet_path.go:
// "messages[1].content", "meta.author.email", `attrs["key"]` for map
// values (keys are not fields), names the dotted syntax would misread
// bracketed. Fields come in document order, as JSONL gives them
// (messages[0].role, messages[0].content, messages[1].role, …), so one
// dataset gives the same records in every format. A record past maxFields fields is cut with the
// Issue "too many fields: over 65536, rest not read".
//
// An object none of whose columns holds text (ColumnReader.Columns scans
// none) opens, and Read gives each row as a record without fields,
// reading no column data: a runner reports it with NoStringColumns.
//
// # Errors and memory
//
// Read returns the records before a failure and an error naming the row
// group or batch, the column and the row (its index in the object), never
// cell contents; panics in the libraries become such errors. Memory is
// bounded by what one unit needs: for Parquet, the page each read column
// is in (at most maxPageBytes decompressed, maxPageValues entries) and its
// dictionary, never the row group; for Arrow, the batch's body and, when
// compressed, its buffers up to Options.MaxRatio times the body. Footers
// and message metadata are checked against their own sizes before
// parquet-go or arrow-go decode them.
func openColumnar(ra io.ReaderAt, size int64, head []byte, ext string, opts Options) (r Reader, err error, ok bool) {
	switch {
	case bytes.HasPrefix(head, []byte("PAR1")):
		pr, err := openParquet(ra, size, opts)
		if err != nil {
			return nil, err, true
		}
		return pr, nil, true
	case bytes.HasPrefix(head, arrowMagic):
		ar, err := openArrow(ra, size, head, opts)
		if err != nil {
			return nil, err, true
		}
		return ar, nil, true
	}
	legacy := ext == ".arrow" || ext == ".arrows" || ext == ".ipc" || ext == ".feather"
	if len(head) >= 8 && (legacy || bytes.HasPrefix(head, []byte{0xff, 0xff, 0xff, 0xff})) && isArrowStream(ra, size, head, legacy) {
		ar, err := openArrow(ra, size, head, opts)
		if err != nil {
			return nil, err, true
		}
		return ar, nil, true
	}
	return nil, nil, false
}
