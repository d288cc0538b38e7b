#!/usr/bin/env bash
# Compares the detector engine of the working tree with a revision's. This
# VM's speed drifts by tens of percent over minutes, so the fastest of a few
# runs decides nothing at the scale of one change: the two test binaries
# run back to back in alternating order and the median of the pairs' time
# ratios is printed (internal/tools/benchpair). With CACHEGRIND=1 (needs
# valgrind) it also counts what the engine executes per byte of
# BenchmarkScanProse, figures that do not drift at all: instructions, and
# branches mispredicted in valgrind's model of a predictor, and from the
# two a modelled cost in cycles (a quarter of a cycle an instruction, 15
# a mispredicted branch). Mispredicts are about two fifths of the engine's
# cycles on prose, so a change that adds instructions may still save time;
# the model's predictor also aliases, moving 1-2 % of its mispredicts
# between functions a change did not touch, so read totals.
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
		(cd classify && GOMAXPROCS=1 valgrind --tool=cachegrind --cache-sim=no --branch-sim=yes --cachegrind-out-file="$work/cg.$v" \
			"$work/$v.test" -test.run '^$' -test.bench 'ScanProse$' -test.benchtime 1x >/dev/null 2>&1)
		# Columns: instructions, conditional branches, their mispredicts,
		# indirect branches, theirs; each with its share in parentheses.
		cg_annotate --threshold=0.001 "$work/cg.$v" | grep -E '^ *[0-9,]+ ' | grep -E 'classify\.|regexp' |
			sed 's/([^)]*)//g; s/,//g' |
			awk -v v="$v" '{ir += $1; if ($3 != ".") m += $3} END {
				n = 67108864
				printf "%s: %.1f instructions, %.3f mispredicted branches and %.1f modelled cycles a byte in classify and regexp (BenchmarkScanProse)\n", v, ir / n, m / n, (ir / 4 + 15 * m) / n
			}'
	done
fi
