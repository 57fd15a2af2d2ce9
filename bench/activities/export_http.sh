#!/bin/bash
# bench/activities/export_http.sh - GET /api/activities/export of a
# million activities through the real server, on SQLite and PostgreSQL:
# time to the first byte, total time, bytes and lines received, and the
# server's memory (VmHWM, the peak RSS, and VmRSS from /proc/PID/status)
# before and after; the same for an export of 10,000, for comparison (flat
# memory means about the same peak).
#
#   bench/activities/export_http.sh            (after `make build/bienphong`)
#   BENCH_EXPORT_N=200000 bench/activities/export_http.sh
#   BENCH_POSTGRES=0 bench/activities/export_http.sh   (or BENCH_SQLITE=0)
#
# Each size goes into its own fresh demo database (`init` + `demo`), then
# the activities: on SQLite `import activities` of a file from gen.awk; on
# PostgreSQL one INSERT … SELECT in psql (pg_fill), because the import of a
# million runs past the 60 s statement_timeout bienphong sets on its
# PostgreSQL connections (src/db/db_pg.c) and fails. The session token comes from
# a first server that is then stopped, so the measured server never runs a
# login (argon2id takes 64 MiB, which would hide the export in VmHWM): a
# fresh `serve` answers the export alone, as the province admin.
set -eu
cd "$(dirname "$0")/../.."
bin=${BIENPHONG_BIN:-build/bienphong}
big=${BENCH_EXPORT_N:-1000000}
small=${BENCH_EXPORT_SMALL:-10000}
[ -x "$bin" ] || { echo "bench/activities: $bin missing; run 'make build/bienphong'" >&2; exit 1; }
command -v curl >/dev/null || { echo "bench/activities: curl missing" >&2; exit 1; }
tmp=$(mktemp -d /tmp/bienphong-bench-export.XXXXXX)
pgdir=""
pid=""
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$pgdir" ] && scripts/pg-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT
# The import reads the file whole; a million activities are about 170 MB.
export BIENPHONG_IMPORT_MAX=$((1024 * 1024 * 1024))

for n in "$small" "$big"; do
	awk -v n="$n" -f bench/activities/gen.awk 2>"$tmp/values.$n" >"$tmp/a.$n.csv"
done

# Starts `serve` on url and sets pid and port.
serve() {
	"$bin" serve --db "$1" --listen 127.0.0.1:0 --web web --threads 4 --quiet 2>"$tmp/serve.log" &
	pid=$!
	port=""
	for _ in $(seq 100); do
		port=$(sed -n 's/.*(port \([0-9]*\),.*/\1/p' "$tmp/serve.log")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	cat "$tmp/serve.log" >&2
	exit 1
}

halt() {
	kill "$pid"
	wait "$pid" || true
	pid=""
}

kb() { awk -v k="$2" '$1 == k ":" { print $2 }' "/proc/$1/status"; }
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# n activities into the PostgreSQL database url with one statement in
# psql: the demo's 21 communes and posts before 2025 in turn, days of
# 2019-2024, each with two values (as many as gen.awk's average).
pg_fill() { # url n
	psql "$1" -q -v ON_ERROR_STOP=1 <<-SQL >/dev/null
	CREATE TEMP TABLE u AS SELECT row_number() OVER (ORDER BY code) - 1 AS k, id FROM units
	 WHERE code IN ('TD-DAOVIEN', 'TD-QUOCKHANH', 'TD-TRIPHUONG', 'TD-DOITHAN', 'VL-TANTHANH', 'VL-THANHLONG',
	 'CL-BAOLAM', 'CL-DONGDANG', 'LB-MAUSON', 'LB-YENKHOAI', 'LB-TUMICH', 'LB-TAMGIA', 'DL-BACXA', 'DL-BINHXA',
	 'DBP-POMA', 'DBP-BINHNGHI', 'DBP-TANTHANH', 'DBP-HUUNGHI', 'DBP-BASON', 'DBP-CHIMA', 'DBP-BACXA');
	INSERT INTO activities (id, type_code, unit_id, date_from, date_to, title, created_by, created_at, updated_at,
	 vals)
	 SELECT 'ac000000-0000-4000-8000-' || lpad(i::text, 12, '0'), 'tuyen_truyen', u.id,
	 to_char(date '2019-01-01' + (i % 2190), 'YYYY-MM-DD'), to_char(date '2019-01-01' + (i % 2190), 'YYYY-MM-DD'),
	 'Tuyên truyền Luật Biên phòng Việt Nam tại thôn Pò Mã, lần ' || i, 'admin',
	 '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z', '{"buoi": 1000, "luot_nguoi": 45000}'
	 FROM generate_series(1, $2) i JOIN u ON u.k = i % (SELECT count(*) FROM u);
	SQL
}

run() { # engine url size
	local url=$2 n=$3
	"$bin" init --db "$url" >/dev/null 2>&1
	"$bin" demo --db "$url" >/dev/null 2>&1
	local t0 t1
	t0=$(date +%s.%N)
	if [ "$1" = sqlite ]; then
		"$bin" import activities "$tmp/a.$n.csv" --db "$url" >/dev/null
	else
		pg_fill "$url" "$n"
	fi
	t1=$(date +%s.%N)
	serve "$url"
	local token
	token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"admin","password":"bienphong"}' \
		"http://127.0.0.1:$port/api/login" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
	halt
	[ -n "$token" ] || { echo "bench/activities: no token" >&2; exit 1; }
	serve "$url"
	local hwm0 rss0 out hwm1 rss1 lines
	hwm0=$(kb "$pid" VmHWM)
	rss0=$(kb "$pid" VmRSS)
	out=$(curl -s -o "$tmp/export.csv" -H "Authorization: Bearer $token" \
		-w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' \
		"http://127.0.0.1:$port/api/activities/export")
	hwm1=$(kb "$pid" VmHWM)
	rss1=$(kb "$pid" VmRSS)
	halt
	lines=$(($(wc -l <"$tmp/export.csv") - 1))
	read -r code ttfb total bytes <<<"$out"
	printf '  %-10s %8d activities (filled %6.1f s)  HTTP %s  first byte %7.2f s  total %7.2f s  %6.1f MB  %8d rows  VmHWM %6.1f -> %6.1f MB  VmRSS %6.1f -> %6.1f MB\n' \
		"$1" "$n" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" "$code" "$ttfb" "$total" \
		"$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1048576 }')" "$lines" \
		"$(mb "$hwm0")" "$(mb "$hwm1")" "$(mb "$rss0")" "$(mb "$rss1")"
	[ "$code" = 200 ] && [ "$lines" = "$n" ] ||
		{ echo "bench/activities: the export of $n activities came back $code with $lines rows" >&2; exit 1; }
}

echo "GET /api/activities/export through bienphong serve ($(nproc) CPUs; load average $(cut -d' ' -f1 /proc/loadavg)); values: $(sed 's/values //' "$tmp/values.$small") and $(sed 's/values //' "$tmp/values.$big")"
for n in "$small" "$big"; do
	[ "${BENCH_SQLITE:-1}" != 0 ] || break
	run sqlite "sqlite:$tmp/export.$n.db" "$n"
	rm -f "$tmp/export.$n.db"*
done
if [ "${BENCH_POSTGRES:-1}" != 0 ]; then
	pgdir=$(mktemp -d /tmp/bienphong-bench-pg.XXXXXX)
	admin=$(scripts/pg-cluster.sh start "$pgdir")
	for n in "$small" "$big"; do
		psql "$admin" -q -c "CREATE DATABASE export_$n" >/dev/null
		run postgresql "$(printf '%s' "$admin" | sed "s|:///postgres?|:///export_$n?|")" "$n"
		psql "$admin" -q -c "DROP DATABASE export_$n" >/dev/null
	done
fi
