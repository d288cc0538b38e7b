#!/usr/bin/env bash
# testservers.sh start DIR | stop DIR
#
# Starts, on 127.0.0.1, the servers the sources tests run against, so that
# `make test` exercises the S3 and GCS stores without a cloud account:
#
#   versitygw        an S3 gateway over a POSIX directory (DIR/s3root; every
#                    folder in it is a bucket)
#   fake-gcs-server  a GCS emulator, in memory
#   toxiproxy        a TCP proxy that injects faults (latency, resets)
#   PostgreSQL       from Debian's packages (apt-get install postgresql when
#                    its binaries are missing), a throwaway cluster in
#                    DIR/pg run by the postgres user (initdb refuses root)
#
# Each is installed with `go install` at a pinned version into a cache
# outside the repository (${RESIDUE_TOOLS:-$HOME/.cache/residue-tools}/
# NAME-VERSION/) and reused from there. Only Go and bash are needed: no
# docker, no curl (health checks speak HTTP over bash's /dev/tcp).
#
# start writes DIR/NAME.pid, DIR/NAME.log and DIR/env, which tests source:
#
#   RESIDUE_TEST_S3_ENDPOINT, RESIDUE_TEST_S3_ACCESS_KEY,
#   RESIDUE_TEST_S3_SECRET_KEY, RESIDUE_TEST_S3_ROOT (the posix directory,
#   so tests can make buckets with mkdir), STORAGE_EMULATOR_HOST and
#   RESIDUE_TEST_GCS=1, RESIDUE_TEST_TOXIPROXY (host:port of its API),
#   RESIDUE_TEST_PG_URL (postgres://postgres@127.0.0.1:PORT/postgres: tests
#   create a database of their own in it).
#
# stop kills the processes named in DIR/*.pid and deletes those pid files,
# and stops the PostgreSQL cluster; logs and data stay for a post-mortem.
#
# What the servers do, found by experiment (versitygw v1.8.0, Linux):
#
#   - A missing bucket: NoSuchBucket (404) for ListObjectsV2; a missing key:
#     NoSuchKey (404) for GET, a bare 404 for HEAD. A prefix with nothing
#     under it lists empty, not an error.
#   - chmod 000 on an object's file does not give 403. Run as root (as here
#     and in most containers), versitygw reads it anyway: root ignores file
#     modes. Run as an unprivileged user, GET and HEAD answer 500
#     InternalError (which the AWS SDK retries as transient), and the file
#     silently drops out of ListObjectsV2; a chmod 000 directory makes the
#     whole listing 500. So a "denied object" test cannot be built with
#     chmod against versitygw; it needs an IAM user and a bucket policy.
#   - Files written straight into DIR/s3root (not through the S3 API) have
#     no stored ETag: ListObjectsV2 and HEAD give an empty ETag for them.
#     Tests that need a version should PUT through the API.
#   - Every server reports its version as "git" (go install sets no
#     version), so the versions printed here are the pinned ones.
#
# fake-gcs-server v1.56.1: the Go client reads objects through the XML API
# (http://HOST/bucket/object), which the emulator routes only when the Host
# header matches -public-host; STORAGE_EMULATOR_HOST=127.0.0.1:PORT with
# -public-host 127.0.0.1 does. It has no permission model: nothing is ever
# 403.
set -euo pipefail

VERSITYGW_VERSION=v1.8.0
FAKEGCS_VERSION=v1.56.1
TOXIPROXY_VERSION=v2.12.0

# Test-only credentials for the local S3 gateway; nothing else accepts them.
S3_ACCESS_KEY=residue-test
S3_SECRET_KEY=residue-test-secret

TOOLS=${RESIDUE_TOOLS:-$HOME/.cache/residue-tools}
START_TIMEOUT=${RESIDUE_TESTSERVERS_TIMEOUT:-30} # seconds per server
SERVERS=(versitygw fake-gcs-server toxiproxy)
STARTED=0

die() {
	echo "testservers: $*" >&2
	exit 1
}

# pg_bin: the newest installed PostgreSQL's binaries, installing the server
# from Debian's packages first when there is none.
pg_bin() {
	local bin
	bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	if [[ -z $bin || ! -x $bin/initdb ]]; then
		echo "testservers: installing PostgreSQL from Debian's packages" >&2
		if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql; } >&2; then
			die "apt-get install postgresql failed"
		fi
		bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	fi
	[[ -x $bin/initdb ]] || die "no PostgreSQL binaries under /usr/lib/postgresql"
	echo "$bin"
}

# as_postgres CMD...: runs CMD as the postgres user when we are root
# (initdb and the server refuse root), as ourselves otherwise.
as_postgres() {
	if ((EUID == 0)); then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# start_postgres: a fresh cluster in DIR/pg on a free port, trusting local
# connections. Sets PORT.
start_postgres() {
	local bin=$1 try
	rm -rf "$DIR/pg"
	mkdir -p "$DIR/pg"
	if ((EUID == 0)); then
		chown postgres "$DIR/pg"
		chmod 711 "$DIR"
	fi
	as_postgres "$bin/initdb" -D "$DIR/pg/data" -A trust -U postgres -E UTF8 >"$DIR/postgres-initdb.log" 2>&1 ||
		{ tail -n 20 "$DIR/postgres-initdb.log" >&2; die "initdb failed"; }
	for try in 1 2 3 4 5; do
		PORT=$(free_port)
		if as_postgres "$bin/pg_ctl" -D "$DIR/pg/data" -l "$DIR/pg/postgres.log" -w -t "$START_TIMEOUT" \
			-o "-p $PORT -k $DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null 2>&1; then
			echo "$bin" >"$DIR/postgres.bin"
			return 0
		fi
	done
	tail -n 20 "$DIR/pg/postgres.log" >&2
	die "PostgreSQL did not start after $try tries; see $DIR/pg/postgres.log"
}

stop_postgres() {
	[[ -f $DIR/postgres.bin ]] || return 0
	local bin
	bin=$(cat "$DIR/postgres.bin")
	if as_postgres "$bin/pg_ctl" -D "$DIR/pg/data" -m fast -w stop >/dev/null 2>&1; then
		echo "stopped PostgreSQL"
	fi
	rm -f "$DIR/postgres.bin"
}

usage() {
	echo "usage: $0 start DIR | stop DIR" >&2
	exit 2
}

# install_tool NAME VERSION PACKAGE BINARY: prints the path of the cached binary,
# building it first if needed. A build goes to a temporary directory and is
# moved into place, so a half-written binary is never taken for a cached
# one; a lock directory keeps two starts from building the same tool.
install_tool() {
	local name=$1 version=$2 pkg=$3 bin=$4
	local dir=$TOOLS/$name-$version
	local lock=$dir.lock waited=0
	if [[ -x $dir/$bin ]]; then
		echo "$dir/$bin"
		return 0
	fi
	mkdir -p "$TOOLS"
	until mkdir "$lock" 2>/dev/null; do
		if [[ -x $dir/$bin ]]; then
			echo "$dir/$bin"
			return 0
		fi
		if ((waited++ == 0)); then
			echo "testservers: waiting for another build of $name $version ($lock)" >&2
		fi
		if ((waited > 900)); then
			die "gave up waiting for $lock; remove it if no build is running"
		fi
		sleep 1
	done
	trap 'rm -rf "$lock"' EXIT
	if [[ ! -x $dir/$bin ]]; then
		echo "testservers: installing $name $version into $dir" >&2
		local tmp
		tmp=$(mktemp -d "$TOOLS/.build-$name.XXXXXX")
		if ! GOFLAGS= GOBIN=$tmp go install "$pkg@$version" >&2; then
			rm -rf "$tmp"
			die "go install $pkg@$version failed"
		fi
		mkdir -p "$dir"
		mv "$tmp/$bin" "$dir/$bin"
		rm -rf "$tmp"
	fi
	rm -rf "$lock"
	trap - EXIT
	echo "$dir/$bin"
}

# in_use PORT: something accepts connections on 127.0.0.1:PORT.
in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port: a port on 127.0.0.1 that nothing listens on now. A server that
# still loses the race fails to bind, and start tries another port.
free_port() {
	local p
	for _ in {1..100}; do
		p=$((20000 + RANDOM % 30000))
		if ! in_use "$p"; then
			echo "$p"
			return 0
		fi
	done
	die "no free port found on 127.0.0.1"
}

# http_ok PORT PATH: GET PATH answers 200.
http_ok() {
	local fd status
	exec {fd}<>"/dev/tcp/127.0.0.1/$1" || return 1
	printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\n\r\n' "$2" "$1" >&"$fd"
	status=
	read -r -t 5 status <&"$fd" || true
	exec {fd}>&-
	[[ $status == HTTP/1.?" 200"* ]]
}

# launch NAME PORT HEALTHPATH CMD...: starts CMD in the background with its
# output in DIR/NAME.log and waits until it answers on PORT. Returns 1 if it
# exited because the port was taken (the caller picks another), and fails
# with the log's tail on any other exit or on timeout.
launch() {
	local name=$1 port=$2 health=$3
	shift 3
	local log=$DIR/$name.log
	"$@" >"$log" 2>&1 </dev/null &
	local pid=$!
	echo "$pid" >"$DIR/$name.pid"
	local deadline=$((SECONDS + START_TIMEOUT))
	until http_ok "$port" "$health" 2>/dev/null; do
		if ! kill -0 "$pid" 2>/dev/null; then
			rm -f "$DIR/$name.pid"
			if grep -q 'address already in use' "$log"; then
				return 1
			fi
			echo "testservers: $name exited before answering on 127.0.0.1:$port; last lines of $log:" >&2
			tail -n 20 "$log" >&2
			exit 1
		fi
		if ((SECONDS >= deadline)); then
			echo "testservers: $name did not answer GET $health on 127.0.0.1:$port within ${START_TIMEOUT}s; last lines of $log:" >&2
			tail -n 20 "$log" >&2
			kill "$pid" 2>/dev/null || true
			rm -f "$DIR/$name.pid"
			exit 1
		fi
		sleep 0.1
	done
	# Something answered; make sure it is ours and not a server that took
	# the port between free_port and the bind.
	sleep 0.2
	if ! kill -0 "$pid" 2>/dev/null; then
		rm -f "$DIR/$name.pid"
		return 1
	fi
}

# start_server NAME HEALTHPATH CMD...: launch with a free port, trying again
# if the port is taken by the time the server binds it. "PORT" in CMD is
# replaced by the port. Sets PORT.
start_server() {
	local name=$1 health=$2
	shift 2
	local args a
	for _ in 1 2 3 4 5; do
		PORT=$(free_port)
		args=()
		for a in "$@"; do
			args+=("${a//PORT/$PORT}")
		done
		if launch "$name" "$PORT" "$health" "${args[@]}"; then
			return 0
		fi
	done
	die "$name: could not bind a free port after 5 tries; see $DIR/$name.log"
}

# ours PID NAME: PID is a running process started from NAME's binary (the
# binaries live in NAME-VERSION directories), not a stranger that got the
# PID when ours ended.
ours() {
	local pid=$1 name=$2
	kill -0 "$pid" 2>/dev/null || return 1
	[[ ! -r /proc/$pid/cmdline ]] || [[ $(tr '\0' ' ' <"/proc/$pid/cmdline") == *"$name"* ]]
}

start() {
	mkdir -p "$DIR"
	DIR=$(cd "$DIR" && pwd)
	local name
	for name in "${SERVERS[@]}"; do
		if [[ -f $DIR/$name.pid ]] && ours "$(cat "$DIR/$name.pid")" "$name"; then
			die "$name is already running from $DIR (pid $(cat "$DIR/$name.pid")); run: $0 stop $DIR"
		fi
	done

	local vgw gcs tox pgbin j1 j2 j3
	# On a new machine the three builds and PostgreSQL's install take
	# minutes each: run them side by side.
	install_tool versitygw "$VERSITYGW_VERSION" github.com/versity/versitygw/cmd/versitygw versitygw >"$DIR/.versitygw.path" &
	j1=$!
	install_tool fake-gcs-server "$FAKEGCS_VERSION" github.com/fsouza/fake-gcs-server fake-gcs-server >"$DIR/.fake-gcs-server.path" &
	j2=$!
	install_tool toxiproxy "$TOXIPROXY_VERSION" github.com/Shopify/toxiproxy/v2/cmd/server server >"$DIR/.toxiproxy.path" &
	j3=$!
	pgbin=$(pg_bin)
	wait "$j1" && wait "$j2" && wait "$j3" || die "installing the test servers failed (see above)"
	vgw=$(cat "$DIR/.versitygw.path")
	gcs=$(cat "$DIR/.fake-gcs-server.path")
	tox=$(cat "$DIR/.toxiproxy.path")
	rm -f "$DIR"/.*.path

	# A server that fails to start takes down the ones started before it.
	trap '((STARTED)) || stop >/dev/null 2>&1 || true' EXIT
	local began=$SECONDS
	mkdir -p "$DIR/s3root"
	start_server versitygw /health \
		env ROOT_ACCESS_KEY="$S3_ACCESS_KEY" ROOT_SECRET_KEY="$S3_SECRET_KEY" \
		"$vgw" --port 127.0.0.1:PORT --health /health posix "$DIR/s3root"
	local s3port=$PORT
	echo "versitygw $VERSITYGW_VERSION on 127.0.0.1:$s3port (pid $(cat "$DIR/versitygw.pid"))"

	start_server fake-gcs-server /_internal/healthcheck \
		"$gcs" -scheme http -host 127.0.0.1 -port PORT -public-host 127.0.0.1 -backend memory
	local gcsport=$PORT
	echo "fake-gcs-server $FAKEGCS_VERSION on 127.0.0.1:$gcsport (pid $(cat "$DIR/fake-gcs-server.pid"))"

	start_server toxiproxy /version "$tox" -host 127.0.0.1 -port PORT
	local toxport=$PORT
	echo "toxiproxy $TOXIPROXY_VERSION on 127.0.0.1:$toxport (pid $(cat "$DIR/toxiproxy.pid"))"

	start_postgres "$pgbin"
	local pgport=$PORT
	echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pgport"

	cat >"$DIR/env" <<EOF
# Written by scripts/testservers.sh; source it before go test.
export RESIDUE_TEST_S3_ENDPOINT=http://127.0.0.1:$s3port
export RESIDUE_TEST_S3_ACCESS_KEY=$S3_ACCESS_KEY
export RESIDUE_TEST_S3_SECRET_KEY=$S3_SECRET_KEY
export RESIDUE_TEST_S3_ROOT=$DIR/s3root
export STORAGE_EMULATOR_HOST=127.0.0.1:$gcsport
export RESIDUE_TEST_GCS=1
export RESIDUE_TEST_TOXIPROXY=127.0.0.1:$toxport
export RESIDUE_TEST_PG_URL=postgres://postgres@127.0.0.1:$pgport/postgres?sslmode=disable
EOF
	STARTED=1
	echo "servers up in $((SECONDS - began))s; environment in $DIR/env"
}

stop() {
	[[ -d $DIR ]] || die "no such directory: $DIR"
	local name pid pidfile
	for name in "${SERVERS[@]}"; do
		pidfile=$DIR/$name.pid
		[[ -f $pidfile ]] || continue
		pid=$(cat "$pidfile")
		if ours "$pid" "$name"; then
			kill "$pid" 2>/dev/null || true
			for _ in {1..50}; do
				kill -0 "$pid" 2>/dev/null || break
				sleep 0.1
			done
			if kill -0 "$pid" 2>/dev/null; then
				kill -KILL "$pid" 2>/dev/null || true
			fi
			echo "stopped $name (pid $pid)"
		fi
		rm -f "$pidfile"
	done
	stop_postgres
}

[[ $# -eq 2 ]] || usage
DIR=$2
case $1 in
start) start ;;
stop) stop ;;
*) usage ;;
esac
