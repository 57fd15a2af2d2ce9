#!/bin/bash
# bench/activities/run.sh - bulk import of activities, whole process
# (`bienphong import activities FILE` from start to exit), into SQLite and
# PostgreSQL, as indicator values a second; and the CSV export of what
# was imported, with its peak memory.
#
#   bench/activities/run.sh              (after `make build/bienphong`)
#   BENCH_ACTIVITIES_N=50000 bench/activities/run.sh
#   BENCH_POSTGRES=0 bench/activities/run.sh
#
# Each import goes into a fresh demo database (`init` + `demo`), as one
# all-or-nothing transaction with one audit row. The file comes from
# gen.awk (six kinds of activity over 21 communes and posts, 2019-2024).
# Target (issue 5): >= 200,000 indicator values a second into SQLite.
set -eu
cd "$(dirname "$0")/../.."
bin=${BIENPHONG_BIN:-build/bienphong}
n=${BENCH_ACTIVITIES_N:-200000}
[ -x "$bin" ] || { echo "bench/activities: $bin missing; run 'make build/bienphong'" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/activities: /usr/bin/time missing (Debian package 'time')" >&2; exit 1; }
tmp=$(mktemp -d /tmp/bienphong-bench-activities.XXXXXX)
pgdir=""
cleanup() {
	[ -n "$pgdir" ] && scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT

values=$(awk -v n="$n" -f bench/activities/gen.awk 2>&1 >"$tmp/a.csv" | sed -n 's/^values //p')

# Runs a command under /usr/bin/time; sets secs (wall), cpu (user +
# system, what the figure is on a machine busy with other work) and mb.
measure() {
	/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" ||
		{ head -20 "$tmp/err.txt" >&2; echo "bench/activities: failed: $*" >&2; exit 1; }
	read -r secs cpu mb < <(awk -F': ' '/Elapsed \(wall clock\)/ { k = split($2, t, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + t[i] }
		/User time|System time/ { c += $2 }
		/Maximum resident set size/ { kb = $2 }
		END { printf "%.2f %.2f %.1f\n", s, c, kb / 1024 }' "$tmp/time.txt")
}

run() { # engine url
	"$bin" init --db "$2" >/dev/null 2>&1
	"$bin" demo --db "$2" >/dev/null 2>&1
	measure "$bin" import activities "$tmp/a.csv" --db "$2"
	printf '  %-10s import  %7.2f s wall %7.2f s cpu %7.1f MB  %8.0f values/s wall  %8.0f values/s cpu\n' "$1" \
		"$secs" "$cpu" "$mb" "$(awk -v v="$values" -v s="$secs" 'BEGIN { print (s > 0 ? v / s : 0) }')" \
		"$(awk -v v="$values" -v s="$cpu" 'BEGIN { print (s > 0 ? v / s : 0) }')"
	measure "$bin" export activities --db "$2" --out "$tmp/export.csv"
	printf '  %-10s export  %7.2f s wall %7.2f s cpu %7.1f MB  (%s rows)\n' "$1" "$secs" "$cpu" "$mb" \
		"$(($(wc -l <"$tmp/export.csv") - 1))"
}

echo "bienphong import activities (one transaction, whole process): $n activities, $values indicator values, $(du -m "$tmp/a.csv" | cut -f1) MB CSV ($(nproc) CPUs; load average $(cut -d' ' -f1 /proc/loadavg))"
run sqlite "sqlite:$tmp/bench.db"
if [ "${BENCH_POSTGRES:-1}" != 0 ]; then
	pgdir=$(mktemp -d /tmp/bienphong-bench-pg.XXXXXX)
	admin=$(scripts/pg-cluster.sh start "$pgdir")
	psql "$admin" -q -c "CREATE DATABASE bench_activities" >/dev/null
	run postgresql "$(printf '%s' "$admin" | sed 's|:///postgres?|:///bench_activities?|')"
fi
