#!/bin/sh
# profile.sh [REQUESTS] - where an uncached GET /api/units/{id} spends its
# instructions; see bench/README.md. Not part of `make bench`.
#
# On a fresh SQLite demo database it runs `bienphong serve` under
# valgrind --tool=callgrind with BIENPHONG_CACHE_SECONDS=0 and one worker
# thread, sends REQUESTS (default 300) of the benchmark's request on one
# keep-alive connection after a warm-up, with only those counted, then does
# the same with bench/http/bare.c. PROFILE_CACHE_SECONDS=N runs the server
# with BIENPHONG_CACHE_SECONDS=N instead (e.g. 3600: every counted request
# is answered from the cache). It prints the instructions per request
# of each and bienphong's costliest functions (inclusive, then self);
# the summary goes to bench/out/profile.txt and callgrind's files stay in
# build/bench/profile/ for callgrind_annotate or kcachegrind.
#
# Instruction counts do not depend on the machine's load, unlike the
# requests per second of bench/run.sh; they leave out the time spent in
# the kernel and waiting. valgrind counts each byte of a `rep stosb`
# memset as an instruction, which inflates libmicrohttpd's clearing of
# its per-connection memory pool (about 49,000 of bare's count per request).
set -eu
cd "$(dirname "$0")/.."

n=${1:-300}
cache=${PROFILE_CACHE_SECONDS:-0}
bin=build/bienphong
tools=build/bench
outdir=$tools/profile
out=bench/out/profile.txt

die() {
	echo "profile: $*" >&2
	exit 1
}
[ -x "$bin" ] || die "$bin is missing; run 'make' first"
for t in valgrind callgrind_control callgrind_annotate curl cc pkg-config; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing (apt-get install valgrind curl)"
done
case "$n$cache" in '' | *[!0-9]*) die "usage: [PROFILE_CACHE_SECONDS=N] bench/profile.sh [REQUESTS]" ;; esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bienphong-profile.XXXXXX")
pid=""
cleanup() {
	if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
		kill -TERM "$pid" 2>/dev/null || true
		sleep 2
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$tools" "$outdir" bench/out
rm -f "$outdir"/callgrind.*
# shellcheck disable=SC2046
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$tools/bare" bench/http/bare.c \
	$(pkg-config --cflags --libs libmicrohttpd)
cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$tools/startup" bench/http/startup.c

db="sqlite:$tmp/bench.db"
"$bin" init --db "$db" >/dev/null 2>&1
"$bin" demo --db "$db" >/dev/null

# True once GET /api/health (or, for bare, any path) answers on port $1.
wait_up() {
	i=0
	while [ $i -lt 600 ]; do
		curl -s -o /dev/null "http://127.0.0.1:$1/api/health" && return 0
		kill -0 "$pid" 2>/dev/null || return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
stop_pid() {
	kill -TERM "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	pid=""
}

# The token, the unit and the body, from a plain server (a login under
# valgrind would take long: argon2id, 64 MiB).
port=$("$tools/startup" port)
"$bin" serve --quiet --db "$db" --listen "127.0.0.1:$port" --threads 1 2>"$tmp/serve.log" &
pid=$!
wait_up "$port" || { cat "$tmp/serve.log" >&2; die "bienphong serve did not start"; }
base="http://127.0.0.1:$port"
token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"xa.mauson","password":"bienphong"}' \
	"$base/api/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$token" ] || die "login failed"
auth="Authorization: Bearer $token"
unit_id=$(curl -sf -H "$auth" "$base/api/units/MAUSON" | sed -n 's/^{"id":"\([0-9a-f-]*\)".*/\1/p')
[ -n "$unit_id" ] || die "no id for unit MAUSON"
path="/api/units/$unit_id"
curl -sf -o "$tmp/body.json" -H "$auth" "$base$path" || die "GET $path failed"
stop_pid

# measure NAME PORT: REQUESTS requests to $path counted in process $pid,
# after 20 uncounted ones; the callgrind file is written on exit.
measure() {
	wait_up "$2" || { cat "$tmp/$1.log" >&2; die "$1 did not start under valgrind"; }
	u="http://127.0.0.1:$2$path"
	set --
	i=0
	while [ $i -lt 20 ]; do set -- "$@" -o /dev/null "$u"; i=$((i + 1)); done
	curl -sf -H "$auth" "$@" || die "warm-up requests failed"
	set --
	i=0
	while [ $i -lt "$n" ]; do set -- "$@" -o /dev/null "$u"; i=$((i + 1)); done
	callgrind_control -i on "$pid" >/dev/null 2>&1
	curl -sf -H "$auth" "$@" || die "requests failed"
	callgrind_control -i off "$pid" >/dev/null 2>&1
	stop_pid
}

echo "profile: bienphong under callgrind, $n requests" >&2
port=$("$tools/startup" port)
BIENPHONG_CACHE_SECONDS=$cache valgrind --tool=callgrind --instr-atstart=no \
	--callgrind-out-file="$outdir/callgrind.bienphong" \
	"$bin" serve --quiet --db "$db" --listen "127.0.0.1:$port" --threads 1 2>"$tmp/bienphong.log" &
pid=$!
measure bienphong "$port"

echo "profile: bare under callgrind, $n requests" >&2
port=$("$tools/startup" port)
valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$outdir/callgrind.bare" \
	"$tools/bare" "$tmp/body.json" "$port" 1 >"$tmp/bare.log" 2>&1 &
pid=$!
measure bare "$port"

total() {
	callgrind_annotate "$1" 2>/dev/null | awk '/PROGRAM TOTALS/ { gsub(",", "", $1); print $1; exit }'
}
bp_ir=$(total "$outdir/callgrind.bienphong")
bare_ir=$(total "$outdir/callgrind.bare")
# The function lines of callgrind_annotate: "Ir (pct)  file:function [object]",
# shortened to "Ir-per-request pct function (object)".
top() {
	callgrind_annotate "$@" 2>/dev/null | sed -n '/file:function/,$p' | sed '1,2d; s/( */(/' |
		awk -v n="$n" 'NF >= 4 && $1 ~ /^[0-9,]+$/ {
			ir = $1; gsub(",", "", ir); pct = $2; fn = $3; obj = $4
			gsub(/[()]/, "", pct); sub(/.*\//, "", obj); sub(/\]$/, "", obj)
			sub(/^.*\/src\//, "src/", fn); sub(/^\.\/.*\//, "", fn)
			printf "  %9.0f  %6s  %s (%s)\n", ir / n, pct, fn, obj
		}' | head -n 25
}

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
dirty=$(git status --porcelain -- src 2>/dev/null | head -n 1)
[ -n "$dirty" ] && commit="$commit+changes"
{
	echo "bienphong instruction profile - $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
	echo "  $("$bin" version), commit $commit"
	echo "  request: GET /api/units/{id} of MAUSON as xa.mauson, BIENPHONG_CACHE_SECONDS=$cache, SQLite demo database,"
	echo "           one worker thread, $n requests on one keep-alive connection after 20 uncounted"
	echo
	awk -v a="$bp_ir" -v b="$bare_ir" -v n="$n" 'BEGIN {
		printf "  instructions per request: bienphong %.0f, bare %.0f (%.1f times)\n", a / n, b / n, (b > 0) ? a / b : 0 }'
	echo
	echo "  bienphong, inclusive (the function and what it calls), per request:"
	top --inclusive=yes "$outdir/callgrind.bienphong"
	echo
	echo "  bienphong, self, per request:"
	top "$outdir/callgrind.bienphong"
	echo
	echo "  files: $outdir/callgrind.bienphong, $outdir/callgrind.bare"
} >"$tmp/summary"
cp "$tmp/summary" "$out"
cat "$tmp/summary"
