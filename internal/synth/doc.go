// Package synth makes deterministic synthetic datasets with planted
// sensitive values and their exact ground truth, so that tests can measure
// recall (every planted value found, at the right place) and precision (no
// finding in the filler), benchmarks have realistic input of any size, and
// `make demo` has something to scan.
//
// Everything is driven by a uint64 seed through a PCG source, and every
// bounded random number is derived from raw 64-bit outputs with the same
// arithmetic on every platform, so the same seed gives byte-identical output
// on amd64, arm64 and 32-bit targets alike. There is no global state.
//
// Ground truth is a [Truth] per planted value, located exactly as
// INFOTYPES.md says a finding is located (row, field path, byte offset and
// length within the decoded field). The planted value itself is kept only in
// memory ([Truth.Value] is never marshalled), so a truth file written next to
// a dataset is itself free of sensitive values.
//
// The pieces, from small to large: [Generator.Value] makes one value,
// [Generator.Carrier] one value in the sentence or assignment that carries
// it; [Prose], [Dense] and [DenseWithTruth] make flat text corpora for
// detector benchmarks; [Write] and [WriteJSONLBytes] stream one dataset
// object (prose or chat JSONL, CSV, TSV, a text log) of any size;
// [WriteDemo] writes a small directory of every kind, compressed objects
// included, with its truth file.
//
// Filler prose is built from a fixed vocabulary and is seeded with look-alikes
// (dates, times, versions, prices, order ids, @mentions, plain URLs, short
// commit ids) that a careful detector must not report. It never contains a
// value of any infoType: no run of nine or more digits, no dotted quad, no
// address with a domain after an @, no four or more colon-separated hex
// groups.
package synth
