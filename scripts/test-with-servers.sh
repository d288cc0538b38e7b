#!/usr/bin/env bash
# test-with-servers.sh CMD...: runs CMD (make unit: go test ./...) with the
# S3 gateway, the GCS emulator and toxiproxy up (scripts/testservers.sh),
# their environment exported and RESIDUE_REQUIRE_SERVERS=1, so that no
# store test can skip for want of a server. The servers are stopped however
# CMD ends; their logs are kept, and named, when it fails.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=$(mktemp -d "${TMPDIR:-/tmp}/residue-testservers.XXXXXX")
cleanup() {
	local status=$?
	scripts/testservers.sh stop "$dir" >/dev/null || true
	if ((status == 0)); then
		rm -rf "$dir"
	else
		echo "test-with-servers: the servers' logs are in $dir" >&2
	fi
	exit "$status"
}
trap cleanup EXIT
# Make an interrupt run the EXIT trap too: the servers ignore SIGINT (they
# run in the background of a non-interactive shell) and would outlive us.
trap 'exit 130' INT
trap 'exit 143' TERM

scripts/testservers.sh start "$dir"
# shellcheck source=/dev/null
. "$dir/env"
export RESIDUE_REQUIRE_SERVERS=1
"$@"
