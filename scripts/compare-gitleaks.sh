#!/usr/bin/env bash
# Compares residue with gitleaks on one generated corpus of secrets: wall
# time and recall of each (issue 3's speed comparison). gitleaks is
# installed with go install into a cache outside the repository, for this
# comparison only; it is never a dependency of residue.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${GITLEAKS_VERSION:-v8.30.1}
tools=${RESIDUE_TOOLS:-$HOME/.cache/residue-tools}
bin="$tools/gitleaks-$version/gitleaks"
if [ ! -x "$bin" ]; then
	echo "installing gitleaks $version into $tools (a few minutes, once) ..."
	GOFLAGS= GOBIN="$tools/gitleaks-$version" go install "github.com/zricethezav/gitleaks/v8@$version"
fi
go build -o bin/residue ./cmd/residue
go run ./internal/tools/compare -gitleaks "$bin" -residue bin/residue -mb "${COMPARE_MB:-16}"
