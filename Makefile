# residue: the two commands a newcomer needs are `make demo` and `make test`.

GO       ?= go
BIN      ?= bin/residue
FUZZTIME ?= 20s
PKGS     := ./...

.PHONY: all build demo test unit purego race lint bench bench-e2e bench-parquet bench-bucket bench-lineage bench-gate bench-compare compare-gitleaks eval fuzz clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/residue

# Generate a synthetic dataset with planted values under demo-data/
# (git-ignored), scan it, print the summary and the recall against the truth.
demo: build
	./$(BIN) demo --dir demo-data

# Everything CI runs: formatting, vet, staticcheck, every test, the
# detector engine again without its vector code (what processors without
# AVX2 run), and the concurrent packages again under the race detector.
test: lint unit purego race

# Every test, with a local S3 gateway and GCS emulator running
# (scripts/testservers.sh installs them on first use) so that the S3 and
# GCS stores are tested too; a store test that finds no server fails.
unit:
	scripts/test-with-servers.sh $(GO) test -count=1 $(PKGS)

# The engine's tests with the Go pass instead of the AVX2 one.
purego:
	$(GO) test -tags purego -count=1 ./classify/

# The race detector on the packages that share memory between goroutines:
# the runner and its hooks, read-ahead. (The CLI's packages pull in the
# cloud and database libraries, whose race build alone costs a new machine
# three minutes.)
race:
	$(GO) test -race -short -count=1 ./sampling/... ./sources/

lint:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$bad" ]; then echo "gofmt would change:"; echo "$$bad"; exit 1; fi
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

# Micro-benchmarks (MB/s and allocations) of every hot path.
bench:
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# End-to-end: generate a 2 GB JSONL file and time a full scan with its peak RSS.
bench-e2e: build
	scripts/bench-e2e.sh

# End-to-end on a generated 2 GB Parquet dataset: sampled, until confident,
# and full scans with the bytes each read.
bench-parquet: build
	scripts/bench-parquet.sh

# Requests a row sample of a bucket of 10,000 Parquet objects costs, against
# the local S3 server (LISTs per 1,000 keys, GETs per object).
bench-bucket:
	RESIDUE_BENCH_BUCKET=1 scripts/test-with-servers.sh $(GO) test -count=1 -run '^TestBucket10k$$' -v ./sources/s3/

# The gate on about 10 GB of generated Parquet: a pass on clean data, a fail
# on data with 1 % PII, with wall time and the share of bytes read.
bench-gate: build
	scripts/bench-gate.sh

# Model statuses over 100k dataset versions, 1M fingerprints, 10k runs, on
# SQLite and PostgreSQL (about a minute, most of it loading the rows).
bench-lineage:
	scripts/test-with-servers.sh $(GO) test -count=1 -run '^$$' -bench '^BenchmarkStatuses$$' -benchtime 5x ./lineage/

# The detector engine against revision REV (make bench-compare REV=main~3):
# the median of paired runs' time ratios, and with CACHEGRIND=1 the
# instructions, mispredicted branches and modelled cycles per byte, which
# do not drift with the machine.
bench-compare:
	scripts/bench-compare.sh $(REV)

# Accuracy on the public labelled sets in ../shared/evaldata, written to
# docs/accuracy.md.
eval:
	scripts/eval.sh

# residue against gitleaks on one generated secrets corpus: speed and recall.
compare-gitleaks:
	scripts/compare-gitleaks.sh

# Run every fuzz target for FUZZTIME each (seed corpora live in testdata/fuzz).
fuzz:
	scripts/fuzz.sh $(FUZZTIME)

clean:
	rm -rf bin demo-data
