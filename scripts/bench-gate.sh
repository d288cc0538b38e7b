#!/usr/bin/env bash
# The gate's speed targets: on about 10 GB of generated Parquet (16 M chat
# rows in 40 files), the default policy ("PII rate ≤ 0.1 % at 95 %", secrets
# forbidden) passes clean data and fails data with 1 % PII, each with its
# wall time, peak RSS and the share of bytes read. Generated once under
# $BENCH_DIR (about 20 GB; 5 minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${BENCH_DIR:-${TMPDIR:-/tmp}/residue-bench}
rows=${BENCH_ROWS:-16000000}
mkdir -p "$dir"
gen() { # name, synth flags...
	local ds="$dir/gate-$1-$rows"
	shift
	if [ ! -d "$ds/data" ]; then
		echo "generating $ds ..." >&2
		rm -rf "$ds.tmp"
		bin/residue synth --layout parquet --shape chat --rows "$rows" --files 40 "$@" --out "$ds.tmp" >&2
		mv "$ds.tmp" "$ds"
	fi
	echo "$ds"
}
clean=$(gen clean --clean --seed 1)
pii=$(gen pii1 --plant-rate 0.01 --seed 2)
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
bin/residue policy init --out "$state/policy.yaml" 2>/dev/null
for ds in "$clean" "$pii"; do
	du -sb "$ds"
	# Exit 1 is the fail verdict this benchmark expects of the PII data.
	go run ./internal/tools/measure -- bin/residue gate --state-dir "$state" -q "$ds" --policy "$state/policy.yaml" || true
done
