// Package format turns the bytes of one object into records of string fields:
// JSONL/NDJSON, CSV/TSV and plain text, each optionally gzip- or
// zstd-compressed, and the columnar Parquet and Arrow IPC (file and stream)
// formats.
//
// Readers get bytes, never locations: Open takes an io.ReaderAt and a size
// (a local file, a ranged object-store reader) plus the object's name for its
// extension. The format is chosen by extension and confirmed by sniffing the
// first bytes; binary and unknown content is refused with ErrUnsupported and a
// reason.
//
// Every reader bounds its memory: records are capped at MaxRecordBytes, and
// decompression stops past MaxRatio. Large uncompressed line-oriented objects
// are split into byte-range units at record boundaries, so one large file
// keeps every core busy; rows are counted per unit and made exact by the
// caller (see Record.Row).
//
// # Records
//
//   - JSONL: one record per line. Every non-empty string at any depth is a
//     field, and so is every integer of 7 or more digits (its token as text):
//     account and card numbers are often stored as numbers. Paths follow
//     INFOTYPES.md ("messages[1].content"; a top-level array element is
//     "[0]", a top-level scalar ""). Raw control bytes inside strings are
//     accepted. Lines that are empty or only whitespace count as rows and
//     give no record; a line holding only true, false or null gives a record
//     with no fields.
//   - Text: one record per line, path TextPath. Blank lines count as rows and
//     give no record. A PEM block (a line containing "-----BEGIN " through
//     the next line containing "-----END ", at most 1,000 lines and 64 KiB or
//     MaxRecordBytes if smaller) is one record, at the row of its BEGIN line,
//     with Lines set to its line count.
//   - CSV/TSV: RFC 4180, one record per data row, the header row naming the
//     columns. Empty header names become col_N and repeated ones name_N (N
//     the 1-based column); fields past the header are col_N; names are cut
//     at 256 bytes. Empty cells give no field. Empty lines are skipped and
//     are not rows, as in encoding/csv. A CSV object is always one unit.
//   - Parquet and Arrow: one record per row, a field per string, binary or
//     7+ digit integer leaf ("messages[1].content"); only the columns that
//     can hold text are read. A unit is a row group (Parquet) or a record
//     batch (Arrow), so sampled reads fetch only the pages or buffers they
//     need. See ColumnReader and estimate.go.
//
// A UTF-8 BOM at the start of an object is dropped; "\r\n" ends a line like
// "\n"; invalid UTF-8 is passed through byte for byte. Record.Key is the
// offset of the record's first line in the decompressed object (0 for the
// first line, BOM or not).
//
// # Issues
//
// Record.Issue never holds record contents, only reasons, byte columns and
// counts. The readers set:
//
//	invalid JSON at byte N: REASON                          JSONL; N counts from 0 within the line
//	record cut at N bytes (max-record-bytes)                every format; the first N bytes are scanned
//	too many fields: over 65536, record given raw           JSONL
//	too many fields: over 65536, rest joined into the last  CSV
//	unterminated quoted field                               CSV, at the end of input
//	ragged row: N fields, header has M                      CSV
//
// A JSONL record with an issue has a single field, RawPath, holding the
// line (cut to N bytes when cut), so its contents are still scanned.
//
// where REASON is one of: unexpected 'C' (C a JSON punctuation character),
// unexpected character, unexpected end of line, unterminated string,
// invalid escape, invalid number, data after the value, nesting deeper than
// 512. A CSV record may carry several, joined with "; ".
//
// # Errors
//
// Open returns *UnsupportedError (wrapping ErrUnsupported) for content it
// will not read: "empty", "unknown format (binary)", "binary (zip
// archive)" and the like. Any other Open error is a failure to read the
// object. Read
// returns the records before a failure and an error saying how far it got:
// a truncated compressed stream wraps io.ErrUnexpectedEOF, a decompression
// bomb wraps ErrRatio, and an error returned by the callback is returned
// as is.
package format
