#!/usr/bin/env bash
# End-to-end benchmark: a full `residue scan` of a generated JSONL file of
# about 2 GB (chat-style records, 1 % of them with a planted value), with
# wall time and peak RSS. The file is generated once under $BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/residue-bench}
size=${BENCH_BYTES:-2000000000}
file="$dir/chat-$size.jsonl"
mkdir -p "$dir"
if [ ! -s "$file" ]; then
	echo "generating $file ..."
	bin/residue synth --kind chat-jsonl --bytes "$size" --plant-rate 0.01 --out "$file"
fi
ls -l "$file"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
echo "residue scan (full, every core, JSON report to /dev/null):"
go run ./internal/tools/measure -- bin/residue scan --state-dir "$state" -q --format json -o /dev/null "$file"
echo "residue scan --workers 1:"
go run ./internal/tools/measure -- bin/residue scan --state-dir "$state" -q --workers 1 --format json -o /dev/null "$file"
