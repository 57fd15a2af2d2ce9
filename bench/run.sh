#!/bin/sh
# run.sh - the HTTP benchmark of bienphong (`make bench`); see bench/README.md.
#
# On fresh demo databases it measures, in one run, four blocks:
#   1. SQLite, the server as it runs: its caches keep a user's answer until
#      the database changes (src/http/cache.h);
#   2. SQLite, caches off (BIENPHONG_CACHE_SECONDS=0): every request does
#      the real work (session, scope, SQL, JSON), as a first view does;
#   3. PostgreSQL (a throwaway cluster from scripts/pg-cluster.sh), as 1;
#   4. PostgreSQL, caches off.
# In each block:
#   - requests per second of bienphong's authenticated GET /api/units/{id}
#     under wrk, and of bench/http/bare.c (libmicrohttpd alone, sending the
#     same bytes) on the same path, the two taking turns, and their ratio
#     (target >= 0.8 for the server as it runs; printed without a target
#     for the caches off);
#   - the resident memory of `bienphong serve` when idle after start-up and
#     after the load (VmRSS; target < 20 MB).
# Then the start-up time of `bienphong serve` on each database, from exec
# to the first 200 of GET /api/health (median of a few runs), and an
# overview of the four ratios.
# The summary goes to standard output and to bench/out/http.txt.
#
# Everything listens on 127.0.0.1 (PostgreSQL also on a Unix socket in its
# temporary folder) and every process started here, the PostgreSQL cluster
# included, is stopped on exit. Settings (environment):
#   BENCH_DURATION=6s   BENCH_CONNECTIONS=32  BENCH_WRK_THREADS=2  BENCH_ROUNDS=2
#   BENCH_WARMUP=2s     BENCH_STARTS=5
#   BENCH_POSTGRES=1    0 skips the PostgreSQL blocks
#   BENCH_STRICT=1      exit 1 when a target is missed (in any block)
set -eu
cd "$(dirname "$0")/.."

duration=${BENCH_DURATION:-6s}
conns=${BENCH_CONNECTIONS:-32}
wrk_threads=${BENCH_WRK_THREADS:-2}
warmup=${BENCH_WARMUP:-2s}
rounds=${BENCH_ROUNDS:-2}
starts=${BENCH_STARTS:-5}
with_pg=${BENCH_POSTGRES:-1}
strict=${BENCH_STRICT:-0}
bin=build/bienphong
tools=build/bench
out=bench/out/http.txt

# The cached blocks run with the server's own default, whatever the
# caller's environment says; the uncached ones set 0 explicitly.
unset BIENPHONG_CACHE_SECONDS
cache_default=$(sed -n 's/^static double ttl_seconds = \([0-9.]*\);.*/\1/p' src/http/cache.c 2>/dev/null | head -n 1)
cache_default=${cache_default:-?}

die() {
	echo "bench: $*" >&2
	exit 1
}

[ -x "$bin" ] || die "$bin is missing; run 'make' first"
for t in wrk curl cc pkg-config; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing; run 'make setup-bench'"
done
pkg-config --exists libmicrohttpd || die "libmicrohttpd's development files are missing; run 'make setup'"
if [ "$with_pg" = 1 ]; then
	if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
		die "PostgreSQL is missing; run 'make setup-bench' (or BENCH_POSTGRES=0 to skip it)"
	fi
	# scripts/pg-cluster.sh asks node for a free port.
	command -v node >/dev/null 2>&1 || die "node is missing (scripts/pg-cluster.sh needs it); run 'make setup'"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bienphong-bench.XXXXXX")
serve_pid=""
bare_pid=""
pgtmp=""
pgdir=""

# True when pid $1 is gone within about $2 tenths of a second.
gone_within() {
	i=0
	while [ $i -lt "$2" ]; do
		kill -0 "$1" 2>/dev/null || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# Stops a pid this script started ($1, or "" for none): SIGTERM, again
# after two seconds (a server may lose the first), SIGKILL after four.
stop() {
	if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
		kill -TERM "$1" 2>/dev/null || true
		if ! gone_within "$1" 20; then
			echo "bench: pid $1 did not stop on SIGTERM; sending it again" >&2
			kill -TERM "$1" 2>/dev/null || true
			gone_within "$1" 20 || kill -KILL "$1" 2>/dev/null || true
		fi
		wait "$1" 2>/dev/null || true
	fi
}
cleanup() {
	stop "$serve_pid"
	stop "$bare_pid"
	serve_pid=""
	bare_pid=""
	if [ -n "$pgdir" ]; then
		scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
		pgdir=""
	fi
	[ -n "$pgtmp" ] && rm -rf "$pgtmp"
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The helpers are built here, outside the main build.
mkdir -p "$tools" bench/out
# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$tools/bare" bench/http/bare.c \
	$(pkg-config --cflags --libs libmicrohttpd)
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$tools/startup" bench/http/startup.c

# The server's thread pool: what `bienphong serve` takes by default, said
# explicitly so that bare gets the very same.
cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
pool=$((cpus * 2))

loadavg() {
	cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"
}
# How busy the machine's CPUs are with others' work, in percent of all
# of them, over one second while nothing of this script runs (the load
# average cannot tell: the benchmark's own wrk and server threads weigh on
# it for minutes after a block).
cpu_ticks() {
	# total and idle (idle + iowait) ticks, summed over the CPUs
	awk '$1 == "cpu" { t = 0; for (i = 2; i <= 9 && i <= NF; i++) t += $i; print t, $5 + $6; exit }' /proc/stat
}
others_busy() {
	a=$(cpu_ticks 2>/dev/null || echo "0 0")
	sleep 1
	b=$(cpu_ticks 2>/dev/null || echo "0 0")
	echo "$a $b" | awk '{ t = $3 - $1; i = $4 - $2; if (t > 0) printf "%.0f%%\n", 100 * (t - i) / t; else print "?" }'
}
load_start=$(loadavg)
busy_start=$(others_busy)

# --- databases -----------------------------------------------------------
echo "bench: SQLite demo database" >&2
sqlite_db="sqlite:$tmp/bench.db"
"$bin" init --db "$sqlite_db" >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "bienphong init failed"; }
"$bin" demo --db "$sqlite_db" >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "bienphong demo failed"; }

pg_db=""
pg_version=""
if [ "$with_pg" = 1 ]; then
	echo "bench: PostgreSQL cluster and demo database" >&2
	# Run as root, the cluster's server runs as the postgres user: its
	# folder must be reachable by that user, hence not under $tmp (0700).
	pgtmp=$(mktemp -d /tmp/bienphong-bench-pg.XXXXXX)
	chmod 755 "$pgtmp"
	pgdir="$pgtmp/cluster"
	pg_admin=$(scripts/pg-cluster.sh start "$pgdir") || die "the PostgreSQL cluster did not start"
	psql -X -q "$pg_admin" -c 'CREATE DATABASE bench' >/dev/null || die "CREATE DATABASE bench failed"
	pg_db=$(echo "$pg_admin" | sed 's|/postgres?|/bench?|')
	pg_version=$(psql -X -A -t -q "$pg_admin" -c 'SHOW server_version' | awk '{ print $1 }')
	"$bin" init --db "$pg_db" >"$tmp/init.log" 2>&1 ||
		{ cat "$tmp/init.log" >&2; die "bienphong init on PostgreSQL failed"; }
	"$bin" demo --db "$pg_db" >"$tmp/init.log" 2>&1 ||
		{ cat "$tmp/init.log" >&2; die "bienphong demo on PostgreSQL failed"; }
fi

# Waits for "port N" (bare) or "(port N," (bienphong) in a log; prints N.
wait_port() {
	i=0
	while [ $i -lt 200 ]; do
		p=$(sed -n 's/.*port \([0-9][0-9]*\).*/\1/p' "$1" | head -n 1)
		if [ -n "$p" ]; then
			echo "$p"
			return 0
		fi
		kill -0 "$2" 2>/dev/null || break
		sleep 0.05
		i=$((i + 1))
	done
	cat "$1" >&2
	return 1
}

rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}
hwm_kb() {
	awk '/^VmHWM:/ { print $2 }' "/proc/$1/status"
}
mb() {
	awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'
}
verdict() {
	# $1: 1 when the target is met
	if [ "$1" = 1 ]; then echo "ok"; else echo "MISSED"; fi
}

# --- start-up time -------------------------------------------------------
# startup_time LABEL DB: appends "LABEL median runs missed" to $tmp/starts.all
startup_time() {
	echo "bench: start-up time on $1 ($starts runs)" >&2
	: >"$tmp/starts"
	n=0
	while [ $n -lt "$starts" ]; do
		port=$("$tools/startup" port)
		"$tools/startup" time "$port" "$bin" serve --quiet --db "$2" \
			--listen "127.0.0.1:$port" --threads "$pool" >>"$tmp/starts" 2>"$tmp/start.log" ||
			{ cat "$tmp/start.log" >&2; die "bienphong did not start on $1"; }
		n=$((n + 1))
	done
	s_missed=$(grep -c missed-sigterm "$tmp/starts" || true)
	s_all=$(cut -d' ' -f1 "$tmp/starts" | sort -n | tr '\n' ' ' | sed 's/ $//')
	s_median=$(cut -d' ' -f1 "$tmp/starts" | sort -n | awk '{ v[NR] = $1 } END {
		if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	printf '  %-26s %9s ms   (runs: %s)\n' "$1" "$s_median" "$s_all" >>"$tmp/starts.all"
	if [ "$s_missed" != 0 ]; then
		echo "  warning: $s_missed of $starts servers on $1, stopped with SIGTERM right after their first" \
			"answer, were still running two seconds later (a lost signal)" >>"$tmp/starts.all"
	fi
}
: >"$tmp/starts.all"
startup_time SQLite "$sqlite_db"
[ "$with_pg" = 1 ] && startup_time PostgreSQL "$pg_db"

# --- load ----------------------------------------------------------------
# wrk on a URL after a warm-up; leaves its report in $tmp/wrk.$2.
load() {
	wrk -t"$wrk_threads" -c"$conns" -d"$warmup" -H "$auth" "$1" >/dev/null
	wrk -t"$wrk_threads" -c"$conns" -d"$duration" --latency -H "$auth" "$1" >"$tmp/wrk.$2"
	if grep -q 'Non-2xx' "$tmp/wrk.$2"; then
		cat "$tmp/wrk.$2" >&2
		die "$2 answered with errors under load"
	fi
}
rps() {
	awk '/^Requests\/sec:/ { print $2 }' "$tmp/wrk.$1"
}
lat() {
	# $2: "avg" or a percentile line of wrk --latency ("99%")
	if [ "$2" = avg ]; then
		awk '$1 == "Latency" { print $2; exit }' "$tmp/wrk.$1"
	else
		awk -v p="$2" '$1 == p { print $2; exit }' "$tmp/wrk.$1"
	fi
}

: >"$tmp/blocks"
: >"$tmp/overview"
: >"$tmp/verdicts"

# block KEY TITLE DB CACHE_SECONDS: one block of the summary, appended to
# $tmp/blocks. CACHE_SECONDS "" leaves the server its default, and the
# ratio's target applies; with 0 the ratio is printed without a target.
block() {
	key=$1
	title=$2
	bdb=$3
	cache=$4
	echo "bench: [$title]" >&2
	busy_before=$(others_busy)
	load_before=$(loadavg)

	# --- bienphong ---
	if [ -n "$cache" ]; then
		BIENPHONG_CACHE_SECONDS=$cache "$bin" serve --quiet --db "$bdb" --listen 127.0.0.1:0 \
			--threads "$pool" 2>"$tmp/serve.log" &
	else
		"$bin" serve --quiet --db "$bdb" --listen 127.0.0.1:0 --threads "$pool" 2>"$tmp/serve.log" &
	fi
	serve_pid=$!
	bp_port=$(wait_port "$tmp/serve.log" "$serve_pid") || die "bienphong serve did not start"
	base="http://127.0.0.1:$bp_port"
	curl -sf -o /dev/null "$base/api/health" || die "GET /api/health failed"
	sleep 0.5
	rss_idle=$(rss_kb "$serve_pid")
	hwm_idle=$(hwm_kb "$serve_pid")

	curl -sf -o "$tmp/login.json" -H 'Content-Type: application/json' \
		-d '{"username":"xa.mauson","password":"bienphong"}' "$base/api/login" || die "login failed"
	token=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$tmp/login.json")
	[ -n "$token" ] || die "no token in the login answer"
	auth="Authorization: Bearer $token"

	curl -sf -o "$tmp/mauson.json" -H "$auth" "$base/api/units/MAUSON" || die "GET /api/units/MAUSON failed"
	unit_id=$(sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p' "$tmp/mauson.json")
	[ -n "$unit_id" ] || die "no id for unit MAUSON"
	path="/api/units/$unit_id"

	# The answer bare will repeat, byte for byte.
	curl -sf -D "$tmp/bp.headers" -o "$tmp/body.json" -H "$auth" "$base$path" || die "GET $path failed"
	grep -qi '^Content-Type: application/json; charset=utf-8' "$tmp/bp.headers" ||
		die "unexpected Content-Type from bienphong"
	body_bytes=$(wc -c <"$tmp/body.json" | tr -d ' ')

	# --- bare ---
	"$tools/bare" "$tmp/body.json" 0 "$pool" >"$tmp/bare.log" 2>&1 &
	bare_pid=$!
	bare_port=$(wait_port "$tmp/bare.log" "$bare_pid") || die "bare did not start"
	bare_base="http://127.0.0.1:$bare_port"
	curl -sf -D "$tmp/bare.headers" -o "$tmp/bare.json" -H "$auth" "$bare_base$path" || die "bare did not answer"
	cmp -s "$tmp/body.json" "$tmp/bare.json" || die "bare's body differs from bienphong's"
	grep -v '^Date:' "$tmp/bp.headers" >"$tmp/bp.h"
	grep -v '^Date:' "$tmp/bare.headers" >"$tmp/bare.h"
	cmp -s "$tmp/bp.h" "$tmp/bare.h" || die "bare's headers differ from bienphong's"

	# The two servers take turns, so that other work on the machine weighs
	# on both alike; the best round of each counts (others' work only
	# lowers it).
	bp_best=0
	bare_best=0
	bp_all=""
	bare_all=""
	round=1
	while [ $round -le "$rounds" ]; do
		echo "bench:   round $round/$rounds: wrk -t$wrk_threads -c$conns -d$duration on bienphong $path" >&2
		load "$base$path" "bienphong.$round"
		echo "bench:   round $round/$rounds: the same on bare" >&2
		load "$bare_base$path" "bare.$round"
		r=$(rps "bienphong.$round")
		bp_all="$bp_all $r"
		if awk -v a="$r" -v b="$bp_best" 'BEGIN { exit !(a > b) }'; then
			bp_best=$r
			cp "$tmp/wrk.bienphong.$round" "$tmp/wrk.bienphong"
		fi
		r=$(rps "bare.$round")
		bare_all="$bare_all $r"
		if awk -v a="$r" -v b="$bare_best" 'BEGIN { exit !(a > b) }'; then
			bare_best=$r
			cp "$tmp/wrk.bare.$round" "$tmp/wrk.bare"
		fi
		round=$((round + 1))
	done
	# bienphong has been idle during bare's last round.
	rss_after=$(rss_kb "$serve_pid")
	rss_peak=$(hwm_kb "$serve_pid")
	load_after=$(loadavg)
	stop "$serve_pid"
	serve_pid=""
	stop "$bare_pid"
	bare_pid=""

	ratio=$(awk -v a="$bp_best" -v b="$bare_best" 'BEGIN { printf "%.3f", (b > 0) ? a / b : 0 }')
	if [ -n "$cache" ]; then
		ratio_ok=1 # no target: the cost of the work itself
		ratio_target="no target: each request does the work"
	else
		ratio_ok=$(awk -v r="$ratio" 'BEGIN { print ((r >= 0.8) ? 1 : 0) }')
		ratio_target="target >= 0.8  $(verdict "$ratio_ok")"
	fi
	idle_ok=$(awk -v k="$rss_idle" 'BEGIN { print ((k < 20 * 1024) ? 1 : 0) }')
	after_ok=$(awk -v k="$rss_after" 'BEGIN { print ((k < 20 * 1024) ? 1 : 0) }')
	echo "$ratio_ok$idle_ok$after_ok" >>"$tmp/verdicts"

	{
		echo "$title"
		echo "  $body_bytes-byte JSON answer; machine: $busy_before of the CPUs busy with other work in the second" \
			"before; load average $load_before before, $load_after after"
		printf '  %-26s %12s %10s %10s   %s\n' "" "requests/s" "avg lat" "p99 lat" "rounds"
		printf '  %-26s %12s %10s %10s  %s\n' "bienphong" "$bp_best" "$(lat bienphong avg)" \
			"$(lat bienphong 99%)" "$bp_all"
		printf '  %-26s %12s %10s %10s  %s\n' "bare libmicrohttpd" "$bare_best" "$(lat bare avg)" \
			"$(lat bare 99%)" "$bare_all"
		printf '  %-26s %12s   %s\n' "ratio bienphong/bare" "$ratio" "$ratio_target"
		printf '  %-26s %9s MB   target < 20 MB  %s\n' "RSS idle after start-up" "$(mb "$rss_idle")" \
			"$(verdict "$idle_ok")"
		printf '  %-26s %9s MB   target < 20 MB  %s\n' "RSS idle after the load" "$(mb "$rss_after")" \
			"$(verdict "$after_ok")"
		printf '  %-26s %9s MB   (%s MB before the login; a login hashes with argon2id, 64 MiB)\n' \
			"RSS peak (VmHWM)" "$(mb "$rss_peak")" "$(mb "$hwm_idle")"
		echo
	} >>"$tmp/blocks"
	if [ -n "$cache" ]; then
		ratio_verdict="(no target)"
	else
		ratio_verdict=$(verdict "$ratio_ok")
	fi
	printf '  %-26s %12s %12s %8s  %s\n' "$key" "$bp_best" "$bare_best" "$ratio" "$ratio_verdict" \
		>>"$tmp/overview"
}

block "SQLite, as it runs" \
	"SQLite, the server as it runs: answers kept until the database changes (at most $cache_default s)" \
	"$sqlite_db" ""
block "SQLite, caches off" \
	"SQLite, caches off (BIENPHONG_CACHE_SECONDS=0): every request does the work, as a first view" \
	"$sqlite_db" 0
if [ "$with_pg" = 1 ]; then
	block "PostgreSQL, as it runs" \
		"PostgreSQL $pg_version, the server as it runs: answers kept until the database changes (at most $cache_default s)" \
		"$pg_db" ""
	block "PostgreSQL, caches off" \
		"PostgreSQL $pg_version, caches off (BIENPHONG_CACHE_SECONDS=0): every request does the work, as a first view" \
		"$pg_db" 0
fi
load_end=$(loadavg)

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain -- src 2>/dev/null | head -n 1)
[ -n "$dirty" ] && commit="$commit+changes"
cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)

{
	echo "bienphong HTTP benchmark - $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
	echo "  $("$bin" version), commit $commit"
	echo "  libmicrohttpd $(pkg-config --modversion libmicrohttpd), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }')${pg_version:+, PostgreSQL $pg_version (scripts/pg-cluster.sh: fsync off, Unix socket)}"
	echo "  machine: $cpus CPUs${cpu:+ ($cpu)}; server thread pool $pool"
	echo "  request: GET /api/units/{id} of MAUSON as xa.mauson (Bearer token)"
	echo "  load:    wrk -t$wrk_threads -c$conns -d$duration after a $warmup warm-up, loopback;" \
		"$rounds rounds per block, bienphong and bare taking turns, best of each"
	echo "  the machine: $busy_start of the CPUs busy with other work in the second before the run;" \
		"load average $load_start at the start, $load_end at the end (the end includes the benchmark's own load)"
	echo
	cat "$tmp/blocks"
	echo "start-up to the first 200 of GET /api/health (median of $starts)"
	cat "$tmp/starts.all"
	echo
	echo "overview"
	printf '  %-26s %12s %12s %8s  %s\n' "" "bienphong/s" "bare/s" "ratio" "target >= 0.8"
	cat "$tmp/overview"
} >"$tmp/summary"
cp "$tmp/summary" "$out"
cat "$tmp/summary"

if [ "$strict" = 1 ] && grep -qv '^111$' "$tmp/verdicts"; then
	exit 1
fi
exit 0
