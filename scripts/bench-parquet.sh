#!/usr/bin/env bash
# End-to-end benchmark of the columnar path: a generated Hugging Face
# hub-style Parquet dataset of about 2 GB (chat rows, messages as
# list<struct<role, content>>, 0.5 % of rows with a planted value), scanned
# with a row sample, until confident, and in full, each with wall time,
# peak RSS and the share of bytes read. Generated once under $BENCH_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/residue-bench}
rows=${BENCH_ROWS:-3200000}
ds="$dir/chats-parquet-$rows"
mkdir -p "$dir"
if [ ! -d "$ds/data" ]; then
	echo "generating $ds ..."
	rm -rf "$ds.tmp"
	bin/residue synth --layout parquet --shape chat --rows "$rows" --files 8 --plant-rate 0.005 --seed 3 --out "$ds.tmp"
	mv "$ds.tmp" "$ds"
fi
du -sb "$ds"
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
run() {
	echo "residue scan $*:"
	go run ./internal/tools/measure -- bin/residue scan --state-dir "$state" -q -o "$state/summary.txt" "$ds" "$@"
	grep -E '^residue scan:|^Decision:' "$state/summary.txt" | sed 's/^/  /'
}
# The full scan's figure that the target names is text decoded per
# CPU-second (user + system), from the JSON report's totals.
full() {
	echo "residue scan --full:"
	m=$(go run ./internal/tools/measure -- bin/residue scan --state-dir "$state" -q --format json -o "$state/report.json" "$ds" --full 2>&1 | tail -1)
	echo "  $m"
	decoded=$(awk '/^  "totals"/ {t = 1} t && /"bytes_decoded"/ {gsub(/[^0-9]/, "", $2); print $2; exit}' "$state/report.json")
	echo "$m" | awk -v d="$decoded" '{
		for (i = 1; i < NF; i++) { if ($i == "user") u = $(i + 1); if ($i == "sys") s = $(i + 1) }
		sub(/s$/, "", u); sub(/s$/, "", s)
		printf "  %.0f MB of text decoded: %.1f MB/s of text per CPU-second\n", d / 1e6, d / 1e6 / (u + s)
	}'
}
run --sample-rows 20000
run --until-confident --max-rate 0.02
run --until-confident --max-rate 0.001
full
