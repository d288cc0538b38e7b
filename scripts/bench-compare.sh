#!/usr/bin/env bash
# Compares the detector engine of the working tree with a revision's. This
# VM's speed drifts by tens of percent over minutes, so the fastest of a few
# runs decides nothing at the scale of one change: the two test binaries
# run back to back in alternating order and the median of the pairs' time
# ratios is printed (internal/tools/benchpair). With CACHEGRIND=1 (needs
# valgrind) it also counts the instructions the engine executes per byte of
# BenchmarkScanProse, a figure that does not drift at all.
#
#   scripts/bench-compare.sh REV ['ScanProse$|ScanPlainProse$'] [ROUNDS]
#
# The revision's engine runs today's benchmark file and corpus generators,
# so a revision whose classify or synth API differs may fail to build.
set -euo pipefail
cd "$(dirname "$0")/.."
rev=${1:?usage: scripts/bench-compare.sh REV [BENCH-REGEX] [ROUNDS]}
bench=${2:-'ScanProse$|ScanPlainProse$|ScanDense$'}
rounds=${3:-10}
work=$(mktemp -d)
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git worktree add --detach "$work/base" "$rev" >/dev/null 2>&1
cp classify/bench_test.go "$work/base/classify/"
cp internal/synth/corpus.go internal/synth/filler.go "$work/base/internal/synth/"
(cd "$work/base" && go test -c -o "$work/base.test" ./classify)
go test -c -o "$work/new.test" ./classify
go run ./internal/tools/benchpair -base "$work/base.test" -new "$work/new.test" -dir classify -bench "$bench" -rounds "$rounds"
if [ "${CACHEGRIND:-0}" = 1 ]; then
	for v in base new; do
		# One P: with more, valgrind's serialised threads spin in the Go scheduler.
		(cd classify && GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$work/cg.$v" \
			"$work/$v.test" -test.run '^$' -test.bench 'ScanProse$' -test.benchtime 1x >/dev/null 2>&1)
		cg_annotate --threshold=0.001 "$work/cg.$v" | grep -E '^ *[0-9,]+ ' | grep -E 'classify\.|regexp' |
			awk -v v="$v" '{gsub(",", "", $1); s += $1} END {printf "%s: %.1f instructions a byte in classify and regexp (BenchmarkScanProse)\n", v, s / 67108864}'
	done
fi
