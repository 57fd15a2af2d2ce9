#!/bin/sh
# bench/reports/run.sh - the report benchmark (issue 7; bench/README.md).
#
# Fills a SQLite database and a PostgreSQL one with the same generated
# data (gen_units.sql, gen_activities.sql: 3,151 units, 4.16 million activities of 2015-2024 with
# 10 million indicator values, a reform on 2022-07-01 that dissolves the
# districts, merges communes and moves some to another province), builds
# the roll-up (`bienphong report rebuild`), then, in one run, for
#   - one province and one year (P07, 2023), and
#   - the whole nation over ten years (VN, 2015..2024):
# times the report as a running server answers it (GET /api/reports,
# request to last byte, median of BENCH_REPORTS_RUNS after one uncounted;
# the targets are its) and in a fresh process (`bienphong report
# --timing`: report_run inside the process), and the plain query over the
# same data (plain.sql in the
# sqlite3 shell with .timer on, plain_pg.sql in psql with \timing;
# median of BENCH_REPORTS_PLAIN_RUNS), prints their ratio against the
# targets, and checks that the report gives the plain query's figures
# (every activity type's count and every indicator's sum, through a
# template of them all); a difference fails the run. The shipped yearly
# template (phong_trao_nam, with its stocks and direction counts) is
# timed too.
#
#   bench/reports/run.sh                    (after `make build/bienphong`)
#   BENCH_POSTGRES=0 bench/reports/run.sh   SQLite only
#
# Settings (environment):
#   BENCH_REPORTS_ACTIVITIES=4160000  activities (about 2.4 values each)
#   BENCH_REPORTS_RUNS=7              timed runs of each report
#   BENCH_REPORTS_PLAIN_RUNS=3        timed runs of each plain query
#   BENCH_POSTGRES=1                  0 skips PostgreSQL
#   BENCH_SQLITE=1                    0 skips SQLite (and the comparison
#                                     of the two engines' figures)
#   BENCH_REPORTS_OUT=bench/out/reports.txt  where the summary goes too
#   BENCH_STRICT=0                    1: exit 1 when a target is missed
#   BENCH_REPORTS_KEEP=FILE           keep the SQLite database as FILE (to
#                                     profile a report on it afterwards)
#   BENCH_REPORTS_KEEP_PG=0           1: leave the PostgreSQL cluster and its
#                                     database running, and print its URL
# Needs sqlite3, jq, and for PostgreSQL the postgresql package (psql) and
# node (scripts/pg-cluster.sh). About 2.5 GB of disk for each database,
# in temporary folders removed on exit (the PostgreSQL cluster is
# stopped), also when interrupted.
set -eu
cd "$(dirname "$0")/../.."
here=bench/reports
bin=${BIENPHONG_BIN:-build/bienphong}
acts=${BENCH_REPORTS_ACTIVITIES:-4160000}
runs=${BENCH_REPORTS_RUNS:-7}
plain_runs=${BENCH_REPORTS_PLAIN_RUNS:-3}
with_pg=${BENCH_POSTGRES:-1}
with_sqlite=${BENCH_SQLITE:-1}
strict=${BENCH_STRICT:-0}
out=${BENCH_REPORTS_OUT:-bench/out/reports.txt}
keep=${BENCH_REPORTS_KEEP:-}
keep_pg=${BENCH_REPORTS_KEEP_PG:-0}

die() {
	echo "bench/reports: $*" >&2
	exit 1
}
[ -x "$bin" ] || die "$bin is missing; run 'make build/bienphong'"
for t in sqlite3 jq; do
	command -v "$t" >/dev/null 2>&1 || die "$t is missing (Debian packages sqlite3, jq)"
done
if [ "$with_pg" = 1 ]; then
	command -v psql >/dev/null 2>&1 || die "psql is missing; run 'make setup-bench' (or BENCH_POSTGRES=0)"
	command -v node >/dev/null 2>&1 || die "node is missing (scripts/pg-cluster.sh needs it)"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/bienphong-bench-reports.XXXXXX")
pgtmp=""
pgdir=""
cleanup() {
	served_stop
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

now_s() {
	date +%s.%N
}
since() {
	awk -v a="$1" -v b="$(now_s)" 'BEGIN { printf "%.1f", b - a }'
}
# The median of the numbers in file $1, one a line.
median() {
	sort -g "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) print "?"; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
# The numbers of file $1 on one line, in the order they came.
all_of() {
	tr '\n' ' ' <"$1" | sed 's/ $//'
}

# The generator for each engine: the count, and its JSON object aggregate.
sed "s/@ACTIVITIES@/$acts/g; s/@OBJECT_AGG@/json_group_object/g" "$here/gen_activities.sql" >"$tmp/gen_activities.sqlite.sql"
sed "s/@ACTIVITIES@/$acts/g; s/@OBJECT_AGG@/jsonb_object_agg/g" "$here/gen_activities.sql" >"$tmp/gen_activities.pg.sql"

# The template of every flow of the catalog: each activity type's count
# and each of its indicators, so that the report shows every figure the
# plain query gives. Written into report_templates as an admin's template
# would be (bench_flows). $1: a SQLite database made by init.
template_sql() {
	sqlite3 -separator '	' "$1" "SELECT t.code, t.name_vi, t.name_en, COALESCE(i.code, ''), COALESCE(i.name_vi, ''),
		COALESCE(i.name_en, ''), COALESCE(i.unit_vi, ''), COALESCE(i.unit_en, '')
		FROM activity_types t LEFT JOIN activity_type_indicators ti ON ti.type_code = t.code
		LEFT JOIN indicators i ON i.code = ti.indicator_code ORDER BY t.code, ti.position" |
		jq -R -s '
		[split("\n")[] | select(length > 0) | split("\t")] | group_by(.[0]) |
		{ code: "bench_flows", name_vi: "Mọi chỉ tiêu hoạt động (bench)", name_en: "Every activity indicator (bench)",
		  lead_vi: "{period}, {unit}", lead_en: "In {period}, {unit}",
		  sections: [.[] | { key: .[0][0], title_vi: .[0][1], title_en: .[0][2],
		    figures: ([{ key: (.[0][0] + ".count"), source: "flow", type: .[0][0], indicator: null,
		                 label_vi: "Số hoạt động", label_en: "Activities", unit_vi: "hoạt động", unit_en: "activities" }]
		              + [.[] | select(.[3] != "") | { key: (.[0] + "." + .[3]), source: "flow", type: .[0], indicator: .[3],
		                 label_vi: .[4], label_en: .[5], unit_vi: .[6], unit_en: .[7] }]) }] }' |
		jq -c . | sed "s/'/''/g" | awk '{ printf "INSERT INTO report_templates (code, name_vi, name_en, body, builtin, updated_by, updated_at) VALUES (%s, %s, %s, %s, 0, %s, %s);\n", "'\''bench_flows'\''", "'\''Mọi chỉ tiêu hoạt động (bench)'\''", "'\''Every activity indicator (bench)'\''", "'\''" $0 "'\''", "'\''bench'\''", "'\''2026-01-01T00:00:00Z'\''" }'
}

# --- the two cases ---------------------------------------------------------
# name unit period first-day day-after-last
cases="province-year P07 2023 2023-01-01 2024-01-01
nation-10-years VN 2015..2024 2015-01-01 2025-01-01"

# report_times DB CASE UNIT PERIOD TEMPLATE: times the report; leaves the
# median in $tmp/med and the runs in $tmp/runs, the JSON in $tmp/$CASE.$TEMPLATE.json.
report_times() {
	: >"$tmp/ms"
	"$bin" report --db "$1" --unit "$3" --period "$4" --template "$5" --format json \
		--out "$tmp/$2.$5.json" --timing 2>"$tmp/timing" || { cat "$tmp/timing" >&2; die "report $3 $4 failed"; }
	i=0
	while [ $i -lt "$runs" ]; do
		"$bin" report --db "$1" --unit "$3" --period "$4" --template "$5" --format json \
			--out "$tmp/$2.$5.json" --timing 2>"$tmp/timing" || { cat "$tmp/timing" >&2; die "report $3 $4 failed"; }
		sed -n 's/^report: \([0-9.]*\) ms$/\1/p' "$tmp/timing" >>"$tmp/ms"
		i=$((i + 1))
	done
	[ "$(wc -l <"$tmp/ms")" -eq "$runs" ] || die "no 'report: N ms' line from bienphong report --timing"
	median "$tmp/ms" >"$tmp/med"
	all_of "$tmp/ms" >"$tmp/runs"
}

# served_start DB: a `bienphong serve` on DB with an admin account, its
# answer cache off (every GET goes to the database) and one worker thread,
# so that every request after the first finds the connection as a running
# server has it (a new PostgreSQL backend maps the shared buffers it reads
# for the first time; see bench/README.md); sets srv_pid, base and token.
# served_stop ends it.
served_start() {
	printf 'bench-reports\n' | "$bin" user add bench-reports --db "$1" --unit VN --role admin >/dev/null 2>&1 || true
	port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	base="http://127.0.0.1:$port"
	BIENPHONG_CACHE_SECONDS=0 "$bin" serve --db "$1" --listen "127.0.0.1:$port" --threads 1 >"$tmp/serve.log" 2>&1 &
	srv_pid=$!
	i=0
	until curl -sf -o /dev/null "$base/api/health"; do
		i=$((i + 1))
		[ $i -lt 100 ] || { cat "$tmp/serve.log" >&2; die "the server did not start"; }
		sleep 0.1
	done
	token=$(curl -sf -H 'Content-Type: application/json' -d '{"username":"bench-reports","password":"bench-reports"}' \
		"$base/api/login" | jq -r .token) || die "login failed"
}
served_stop() {
	if [ -n "${srv_pid:-}" ]; then
		kill "$srv_pid" 2>/dev/null || true
		wait "$srv_pid" 2>/dev/null || true
	fi
	srv_pid=""
}

# served_times UNIT PERIOD TEMPLATE: GET /api/reports of the running
# server, as the report page asks for it, timed by curl (request to last
# byte); median of $runs after one uncounted, in $tmp/med and $tmp/runs;
# the uncounted one in $tmp/first.
served_times() {
	: >"$tmp/ms"
	i=0
	while [ $i -le "$runs" ]; do
		t=$(curl -sf -o "$tmp/served.json" -w '%{time_total}' -H "Authorization: Bearer $token" \
			"$base/api/reports?unit=$1&period=$2&template=$3&format=json") || die "GET /api/reports $1 $2 failed"
		if [ $i -eq 0 ]; then
			awk -v t="$t" 'BEGIN { printf "%.3f\n", t * 1000 }' >"$tmp/first"
		else
			awk -v t="$t" 'BEGIN { printf "%.3f\n", t * 1000 }' >>"$tmp/ms"
		fi
		i=$((i + 1))
	done
	median "$tmp/ms" >"$tmp/med"
	all_of "$tmp/ms" >"$tmp/runs"
}

# plain_sqlite DB CASE UNIT FROM TO: the plain query in the sqlite3 shell,
# with the cache and temporary storage bienphong gives its connections
# (src/db/db_sqlite.c); figures in $tmp/$CASE.plain, times as above.
plain_sqlite() {
	: >"$tmp/ms"
	i=0
	while [ $i -lt "$plain_runs" ]; do
		sqlite3 -batch -separator '|' "$1" -cmd "PRAGMA cache_size=-65536" -cmd "PRAGMA temp_store=MEMORY" \
			-cmd ".parameter set :unit $3" -cmd ".parameter set :pf \"'$4'\"" -cmd ".parameter set :pt \"'$5'\"" \
			-cmd ".timer on" <"$here/plain.sql" >"$tmp/plain.out" 2>&1 || { cat "$tmp/plain.out" >&2; die "plain.sql failed"; }
		sed -n 's/^Run Time: real \([0-9.]*\) .*/\1/p' "$tmp/plain.out" | awk '{ printf "%.1f\n", $1 * 1000 }' >>"$tmp/ms"
		grep -v '^Run Time:' "$tmp/plain.out" >"$tmp/$2.plain"
		i=$((i + 1))
	done
	[ "$(wc -l <"$tmp/ms")" -eq "$plain_runs" ] || die "no timing from the sqlite3 shell"
	median "$tmp/ms" >"$tmp/med"
	all_of "$tmp/ms" >"$tmp/runs"
}

# plain_pg URL CASE UNIT FROM TO: the same with psql.
plain_pg() {
	: >"$tmp/ms"
	i=0
	while [ $i -lt "$plain_runs" ]; do
		psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 -v unit="$3" -v pf="$4" -v pt="$5" -c '\timing on' \
			-f "$here/plain_pg.sql" "$1" >"$tmp/plain.out" 2>&1 || { cat "$tmp/plain.out" >&2; die "plain_pg.sql failed"; }
		sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$tmp/plain.out" >>"$tmp/ms"
		grep -v '^Time:' "$tmp/plain.out" | sed '/^$/d' >"$tmp/$2.plain"
		i=$((i + 1))
	done
	[ "$(wc -l <"$tmp/ms")" -eq "$plain_runs" ] || die "no timing from psql"
	median "$tmp/ms" >"$tmp/med"
	all_of "$tmp/ms" >"$tmp/runs"
}

# compare CASE: the report's flows against the plain query's figures;
# prints "N figures, M not zero" or fails listing the differences.
compare() {
	jq -r '.sections[].figures[] | select(.source == "flow") | "\(.type)|\(.indicator // "")|\(.value)"' \
		"$tmp/$1.bench_flows.json" >"$tmp/$1.report"
	# Thousandths as the report writes them: exact decimals, with no
	# trailing zeros; a count as it is.
	awk -F'|' 'NR == FNR {
			v = $3
			if ($2 != "") {
				neg = v ~ /^-/; if (neg) v = substr(v, 2)
				while (length(v) < 4) v = "0" v
				i = substr(v, 1, length(v) - 3); f = substr(v, length(v) - 2)
				sub(/0+$/, "", f); sub(/^0+/, "", i); if (i == "") i = "0"
				v = (neg ? "-" : "") i (f != "" ? "." f : "")
			}
			want[$1 "|" $2] = v; next
		}
		{ k = $1 "|" $2; w = (k in want) ? want[k] : "0"; seen[k] = 1; n++; if ($3 != "0") nz++
		  if ($3 != w) { print "  differs: " k ": report " $3 ", plain query " w; bad++ } }
		END {
			for (k in want) if (!(k in seen)) { print "  not in the report: " k " = " want[k]; bad++ }
			if (bad) exit 1
			printf "%d figures, %d not zero\n", n, nz
		}' "$tmp/$1.plain" "$tmp/$1.report"
}

# measure LABEL DB: the whole measure on one database, into $tmp/summary.
measure() {
	label=$1
	db=$2
	echo "$label" >>"$tmp/summary"
	printf '  %s\n' "$(cat "$tmp/load")" >>"$tmp/summary"
	echo "bench/reports: $label: report rebuild" >&2
	t0=$(now_s)
	if "$bin" report rebuild --db "$db" 2>"$tmp/rebuild.log"; then
		printf '  %-52s %10s s\n' "bienphong report rebuild (whole process)" "$(since "$t0")" >>"$tmp/summary"
	else
		case "$db" in sqlite:*) cat "$tmp/rebuild.log" >&2; die "report rebuild failed" ;; esac
		grep -q 'statement timeout' "$tmp/rebuild.log" || { cat "$tmp/rebuild.log" >&2; die "report rebuild failed"; }
		printf '  %-52s %10s s\n' "bienphong report rebuild: FAILED (statement_timeout) after" "$(since "$t0")" \
			>>"$tmp/summary"
		echo "bench/reports: $label: report rebuild cancelled by statement_timeout; flows_pg.sql instead" >&2
		t0=$(now_s)
		psql -X -q -1 -v ON_ERROR_STOP=1 -f "$here/flows_pg.sql" "$db" >"$tmp/flows.log" 2>&1 ||
			{ cat "$tmp/flows.log" >&2; die "flows_pg.sql failed"; }
		psql -X -q -c 'VACUUM ANALYZE report_flows' "$db" >/dev/null || die "VACUUM ANALYZE failed"
		printf '  %-52s %10s s\n' "report_flows made by flows_pg.sql (psql)" "$(since "$t0")" >>"$tmp/summary"
	fi
	served_start "$db"
	served_first=""
	printf '  %-52s %12s %12s %8s %s\n' "" "report ms" "plain ms" "ratio" "" >>"$tmp/summary"
	while read -r name unit period pf pt; do
		echo "bench/reports: $label: $name ($unit $period): reports" >&2
		report_times "$db" "$name" "$unit" "$period" bench_flows
		r_med=$(cat "$tmp/med")
		r_runs=$(cat "$tmp/runs")
		report_times "$db" "$name" "$unit" "$period" phong_trao_nam
		y_med=$(cat "$tmp/med")
		y_runs=$(cat "$tmp/runs")
		served_times "$unit" "$period" bench_flows
		s_med=$(cat "$tmp/med")
		s_runs=$(cat "$tmp/runs")
		[ -n "$served_first" ] || served_first=$(cat "$tmp/first")
		served_times "$unit" "$period" phong_trao_nam
		sy_med=$(cat "$tmp/med")
		echo "bench/reports: $label: $name ($unit $period): plain query" >&2
		case "$db" in
		sqlite:*) plain_sqlite "${db#sqlite:}" "$name" "$unit" "$pf" "$pt" ;;
		*) plain_pg "$db" "$name" "$unit" "$pf" "$pt" ;;
		esac
		p_med=$(cat "$tmp/med")
		p_runs=$(cat "$tmp/runs")
		cp "$tmp/$name.plain" "$tmp/$name.plain.$label"
		cmp_out=$(compare "$name") || { echo "$cmp_out" >&2; die "$label, $name: the report and the plain query differ"; }
		case "$name" in province-*) limit=20 ;; *) limit=50 ;; esac
		# The targets are the served report's: what the report page and
		# the API answer, from a running server's connection. The fresh
		# process (`bienphong report`) is printed beside it: a new
		# connection, its caches empty.
		ratio=$(awk -v a="$p_med" -v b="$s_med" 'BEGIN { printf "%.0f", (b > 0) ? a / b : 0 }')
		f_ratio=$(awk -v a="$p_med" -v b="$r_med" 'BEGIN { printf "%.0f", (b > 0) ? a / b : 0 }')
		ok_ms=$(awk -v m="$s_med" -v l="$limit" 'BEGIN { print (m < l) ? 1 : 0 }')
		ok_ratio=$(awk -v r="$ratio" 'BEGIN { print (r >= 30) ? 1 : 0 }')
		verdict="ok"
		[ "$ok_ms$ok_ratio" = 11 ] || { verdict="MISSED"; echo missed >>"$tmp/missed"; }
		{
			printf '  %-52s %12s %12s %7sx  target < %s ms, >= 30x: %s\n' "$name ($unit $period), served (GET)" \
				"$s_med" "$p_med" "$ratio" "$limit" "$verdict"
			printf '    served runs (ms): %s\n' "$s_runs"
			printf '    plain runs (ms):  %s\n' "$p_runs"
			printf '    same figures: %s\n' "$cmp_out"
			printf '  %-52s %12s %12s %7sx  (runs: %s)\n' "$name, a fresh process (report --timing)" \
				"$r_med" "$p_med" "$f_ratio" "$r_runs"
			printf '  %-52s %12s\n' "$name, template phong_trao_nam, served" "$sy_med"
			printf '  %-52s %12s   (runs: %s)\n' "$name, phong_trao_nam, a fresh process" "$y_med" "$y_runs"
		} >>"$tmp/summary"
	done <<EOF
$cases
EOF
	printf '  %-52s %12s\n' "served: the server's first report (new connection)" "$served_first" >>"$tmp/summary"
	served_stop
	echo >>"$tmp/summary"
	# Each engine's figures as soon as they are in, should a later step fail.
	sed -n "/^$label\$/,\$p" "$tmp/summary" >&2
}

: >"$tmp/summary"
: >"$tmp/missed"

# --- SQLite ------------------------------------------------------------------
# A SQLite database made by init gives the catalog for the template,
# whichever engines are measured.
sdb="$tmp/reports.db"
"$bin" init --db "sqlite:$sdb" >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "bienphong init failed"; }
template_sql "$sdb" >"$tmp/template.sql"
if [ "$with_sqlite" = 1 ]; then
	echo "bench/reports: SQLite: generator ($acts activities)" >&2
	# The secondary indexes of the two big tables are dropped during the load
	# and made again after it (sorting once is faster than inserting into
	# them row by row); whatever they are, they come back the same.
	sqlite3 "$sdb" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index'
		AND tbl_name = 'activities' AND sql IS NOT NULL" >"$tmp/drop.sql"
	sqlite3 "$sdb" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index'
		AND tbl_name = 'activities' AND sql IS NOT NULL" >"$tmp/create.sql"
	t0=$(now_s)
	# The units, then the roll-up's ancestry of them (quick: no activity yet).
	sqlite3 -batch -bail "$sdb" <"$here/gen_units.sql" >"$tmp/gen.log" 2>&1 ||
		{ cat "$tmp/gen.log" >&2; die "gen_units.sql failed on SQLite"; }
	"$bin" report rebuild --db "sqlite:$sdb" 2>"$tmp/gen.log" || { cat "$tmp/gen.log" >&2; die "report rebuild failed"; }
	sqlite3 -batch "$sdb" >"$tmp/gen.log" 2>&1 <<EOF || { cat "$tmp/gen.log" >&2; die "the generator failed on SQLite"; }
PRAGMA journal_mode=OFF;
PRAGMA synchronous=OFF;
PRAGMA cache_size=-1000000;
PRAGMA temp_store=MEMORY;
.bail on
BEGIN;
.read $tmp/drop.sql
.read $tmp/gen_activities.sqlite.sql
.read $tmp/create.sql
.read $tmp/template.sql
COMMIT;
PRAGMA journal_mode=WAL;
ANALYZE;
EOF
	counts=$(sqlite3 "$sdb" "SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM activities), (SELECT COUNT(*) FROM activity_values)")
	echo "$counts" >"$tmp/counts.sqlite"
	echo "$counts" | awk -F'|' -v s="$(since "$t0")" -v mb="$(du -m "$sdb" | cut -f1)" \
		'{ printf "generator: %s units, %s activities, %s indicator values in %s s (sqlite3 shell; the activities in one transaction); %s MB\n", $1, $2, $3, s, mb }' >"$tmp/load"
	measure "SQLite $(sqlite3 --version | cut -d' ' -f1)" "sqlite:$sdb"
	cp "$tmp/province-year.plain" "$tmp/sqlite.province-year.plain"
	cp "$tmp/nation-10-years.plain" "$tmp/sqlite.nation-10-years.plain"
	if [ -n "$keep" ]; then
		sqlite3 "$sdb" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
		mv "$sdb" "$keep" || die "could not keep the database as $keep"
		rm -f "$sdb-wal" "$sdb-shm"
		echo "bench/reports: SQLite database kept as $keep" >&2
	fi
fi

# --- PostgreSQL --------------------------------------------------------------
if [ "$with_pg" = 1 ]; then
	# The generated database is large: the SQLite one goes first.
	rm -f "$sdb" "$sdb-wal" "$sdb-shm"
	echo "bench/reports: PostgreSQL: cluster, init and generator" >&2
	# Run as root, the cluster's server runs as the postgres user: its
	# folder must be reachable by that user, hence not under $tmp (0700).
	pgtmp=$(mktemp -d /tmp/bienphong-bench-reports-pg.XXXXXX)
	chmod 755 "$pgtmp"
	pgdir="$pgtmp/cluster"
	admin=$(scripts/pg-cluster.sh start "$pgdir") || die "the PostgreSQL cluster did not start"
	psql -X -q "$admin" -c 'CREATE DATABASE bench_reports' >/dev/null || die "CREATE DATABASE failed"
	pdb=$(echo "$admin" | sed 's|/postgres?|/bench_reports?|')
	pg_version=$(psql -X -A -t -q "$admin" -c 'SHOW server_version' | awk '{ print $1 }')
	"$bin" init --db "$pdb" >"$tmp/init.log" 2>&1 || { cat "$tmp/init.log" >&2; die "bienphong init on PostgreSQL failed"; }
	psql -X -A -t -q "$pdb" -c "SELECT 'DROP INDEX ' || indexname || ';' FROM pg_indexes
		WHERE tablename = 'activities'
		AND indexname NOT IN (SELECT conname FROM pg_constraint)" >"$tmp/drop.sql"
	psql -X -A -t -q "$pdb" -c "SELECT indexdef || ';' FROM pg_indexes
		WHERE tablename = 'activities'
		AND indexname NOT IN (SELECT conname FROM pg_constraint)" >"$tmp/create.sql"
	t0=$(now_s)
	psql -X -q -1 -v ON_ERROR_STOP=1 -f "$here/gen_units.sql" "$pdb" >"$tmp/gen.log" 2>&1 ||
		{ cat "$tmp/gen.log" >&2; die "gen_units.sql failed on PostgreSQL"; }
	"$bin" report rebuild --db "$pdb" 2>"$tmp/gen.log" || { cat "$tmp/gen.log" >&2; die "report rebuild failed"; }
	# One transaction; the rows are made inside the server (INSERT ...
	# SELECT, as fast as COPY and without a file); the foreign keys'
	# triggers are skipped (session_replication_role), the generator's
	# rows being consistent by construction.
	{
		echo "SET session_replication_role = replica;"
		echo "SET maintenance_work_mem = '512MB';"
		echo "SET work_mem = '256MB';"
		cat "$tmp/drop.sql" "$tmp/gen_activities.pg.sql" "$tmp/create.sql" "$tmp/template.sql"
	} | psql -X -q -1 -v ON_ERROR_STOP=1 "$pdb" >"$tmp/gen.log" 2>&1 ||
		{ cat "$tmp/gen.log" >&2; die "the generator failed on PostgreSQL"; }
	# What autovacuum would do in time: statistics and the visibility map.
	psql -X -q "$pdb" -c 'VACUUM ANALYZE' >/dev/null || die "VACUUM ANALYZE failed"
	counts=$(psql -X -A -t -q "$pdb" -c "SELECT (SELECT COUNT(*) FROM units), (SELECT COUNT(*) FROM activities), (SELECT COUNT(*) FROM activity_values)")
	if [ "$with_sqlite" = 1 ] && [ "$counts" != "$(cat "$tmp/counts.sqlite")" ]; then
		die "PostgreSQL holds $counts rows, SQLite held $(cat "$tmp/counts.sqlite")"
	fi
	echo "$counts" | awk -F'|' -v s="$(since "$t0")" -v mb="$(psql -X -A -t -q "$pdb" -c "SELECT pg_database_size('bench_reports') / 1048576")" \
		'{ printf "generator: %s units, %s activities, %s indicator values in %s s (psql; the activities in one transaction; VACUUM ANALYZE); %s MB\n", $1, $2, $3, s, mb }' >"$tmp/load"
	# Whether the shared buffers sit in huge pages (huge_pages=try takes
	# them when the kernel has some reserved: vm.nr_hugepages).
	hp=$(awk '/^HugePages_Total/ { print $2 }' /proc/meminfo 2>/dev/null)
	printf '  shared buffers %s; huge pages reserved in the kernel: %s\n' \
		"$(psql -X -A -t -q "$pdb" -c 'SHOW shared_buffers')" "${hp:-?}" >>"$tmp/load"
	measure "PostgreSQL $pg_version" "$pdb"
	if [ "$with_sqlite" = 1 ]; then
		for name in province-year nation-10-years; do
			cmp -s "$tmp/sqlite.$name.plain" "$tmp/$name.plain" ||
				die "$name: the plain query's figures differ between SQLite and PostgreSQL"
		done
		echo "  the plain query's figures are the same on SQLite and PostgreSQL" >>"$tmp/summary"
	fi
	if [ "$keep_pg" = 1 ]; then
		echo "bench/reports: PostgreSQL left running: $pdb (stop: scripts/pg-cluster.sh stop $pgdir)" >&2
		pgdir=""
		pgtmp=""
	fi
fi

commit=$(git rev-parse --short HEAD 2>/dev/null || echo "?")
[ -n "$(git status --porcelain -- src 2>/dev/null | head -n 1)" ] && commit="$commit+changes"
mkdir -p bench/out
{
	echo "bienphong report benchmark - $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
	echo "  $("$bin" version), commit $commit; $(getconf _NPROCESSORS_ONLN) CPUs; load average $(cut -d' ' -f1 /proc/loadavg)"
	echo "  report ms: served, GET /api/reports of a running server (curl, request to last byte; the targets are these);"
	echo "    a fresh process: bienphong report --timing (report_run in a new process); each the median of $runs after one uncounted;"
	printf '  plain ms: plain.sql / plain_pg.sql in sqlite3 (.timer on) / psql (%s), median of %s\n' '\timing' "$plain_runs"
	echo
	cat "$tmp/summary"
} | tee "$out"
if [ "$strict" = 1 ] && [ -s "$tmp/missed" ]; then
	exit 1
fi
exit 0
