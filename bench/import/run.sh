#!/bin/bash
# bench/import/run.sh - imports of 100,000 markers (CSV and GeoJSON) and of
# roads of 100,000 vertices in all (GeoJSON and GPX) into SQLite, and
# exports of 100,000 and of 10,000 markers in every format, whole process
# (`bienphong import` / `export` from start to exit), with peak memory;
# and the floor under the import.
#
#   bench/import/run.sh            (after `make build/bienphong`)
#   BENCH_IMPORT_N=20000 bench/import/run.sh
#   BENCH_REPEAT=5 bench/import/run.sh
#
# Every measure is taken BENCH_REPEAT times (default 3) and printed as the
# best and the median wall time, the median CPU time (user + system) and
# the highest peak RSS of the runs: on a machine others share, the best
# wall time is what the work itself takes, the CPU time what it costs
# whatever the load; the load and the CPU pressure are printed too.
#
# Each import goes into a fresh copy of a demo database (`init` + `demo`),
# as one all-or-nothing transaction. The same file sent again is refused
# (import_duplicate) before it is read; an export imported back is read
# whole and leaves every marker unchanged. The exports then read the
# markers back, from a database of N and from one of N / 10 imported
# markers (the demo's 92 besides): "flat memory" is that the peak RSS of
# the big export is that of the small one, not ten times its growth.
#
# The floor (bench/import/floor.c, built here with cc) stores the rows of
# the same number of markers with bare SQLite: two prepared inserts a
# marker in one transaction, the commit and the close, nothing read or
# checked, the process's start and the making of the rows not counted.
# What `bienphong import` takes above it is reading the file, the checks,
# and the calls through src/db/.
#
# Figures are from /usr/bin/time -v (elapsed wall clock, user and system
# time, maximum resident set size). Targets (issue 4): import of 100k
# markers or road vertices < 2 s; export memory flat.
set -eu
cd "$(dirname "$0")/../.."
bin=${BIENPHONG_BIN:-build/bienphong}
n=${BENCH_IMPORT_N:-100000}
small=$((n / 10))
repeat=${BENCH_REPEAT:-3}
[ -x "$bin" ] || { echo "bench/import: $bin missing; run 'make build/bienphong'" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/import: /usr/bin/time missing (Debian package 'time')" >&2; exit 1; }
tmp=$(mktemp -d /tmp/bienphong-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

"$bin" init --db "sqlite:$tmp/demo.db" >/dev/null 2>&1
"$bin" demo --db "sqlite:$tmp/demo.db" >/dev/null 2>&1
demo_markers=$("$bin" export markers --format csv --db "sqlite:$tmp/demo.db" 2>/dev/null | tail -n +2 | wc -l)

# n markers on VN-CN, numbers 20000/1, 20000/2, 20001/1 ... (the demo's
# run to 1245; a number has at most five digits before its suffix), spread
# over a box inside Lạng Sơn, each with its own id, for the post of Bình Nghi.
awk -v n="$n" -v out="$tmp/m" 'BEGIN {
	srand(4);
	g = out ".geojson"; c = out ".csv";
	printf "{\"type\":\"FeatureCollection\",\"features\":[\n" > g;
	print "id,number,lat,lon,elevation,border,type,form,built_by,condition,notes,post" > c;
	for (i = 0; i < n; i++) {
		lon = 106.3 + rand() * 1.1; lat = 21.6 + rand() * 0.8; ele = int(200 + rand() * 900);
		id = sprintf("be000000-0000-4000-8000-%012d", i);
		num = sprintf("%d/%d", 20000 + int(i / 2), i % 2 + 1);
		printf "%s{\"type\":\"Feature\",\"id\":\"%s\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[%.7f,%.7f,%d]},\"properties\":{\"number\":\"%s\",\"border\":\"VN-CN\",\"type\":\"secondary\",\"form\":\"single\",\"built_by\":\"VN\",\"condition\":\"good\",\"notes\":\"Mốc %s\",\"post\":\"DBP-BINHNGHI\"}}\n", (i ? "," : ""), id, lon, lat, ele, num, num >> g;
		printf "%s,%s,%.7f,%.7f,%d,VN-CN,secondary,single,VN,good,Mốc %s,DBP-BINHNGHI\n", id, num, lat, lon, ele, num >> c;
	}
	print "]}" >> g;
}'
head -n $((small + 1)) "$tmp/m.csv" >"$tmp/small.csv"

# Roads: n / 100 patrol roads of 100 vertices each, wandering east (GeoJSON).
awk -v n="$n" -v out="$tmp/r.geojson" 'BEGIN {
	srand(5); roads = int(n / 100);
	printf "{\"type\":\"FeatureCollection\",\"features\":[\n" > out;
	for (i = 0; i < roads; i++) {
		lon = 106.3 + rand(); lat = 21.6 + rand() * 0.7;
		printf "%s{\"type\":\"Feature\",\"id\":\"be100000-0000-4000-8000-%012d\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[", (i ? "," : ""), i >> out;
		for (j = 0; j < 100; j++) {
			lon += 0.0001 + rand() * 0.0002; lat += (rand() - 0.5) * 0.0003;
			printf "%s[%.7f,%.7f]", (j ? "," : ""), lon, lat >> out;
		}
		printf "]},\"properties\":{\"name\":\"Đường tuần tra %d\",\"kind\":\"patrol\",\"surface\":\"bê tông\",\"condition\":\"good\",\"unit\":\"DBP-BINHNGHI\"}}\n", i >> out;
	}
	print "]}" >> out;
}'

# One road of n vertices, about 170 km eastward, as a GPX track (its
# fields in <extensions>, as GDAL writes them) and as GeoJSON.
awk -v n="$n" -v out="$tmp/long" 'BEGIN {
	srand(6); g = out ".gpx"; j = out ".geojson";
	printf "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gpx version=\"1.1\" creator=\"bench\" xmlns=\"http://www.topografix.com/GPX/1/1\">\n<trk><name>Đường tuần tra dài</name><extensions><kind>patrol</kind><surface>đất</surface><condition>good</condition><unit>DBP-BINHNGHI</unit></extensions><trkseg>\n" > g;
	printf "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[" > j;
	lon = 106.3; lat = 21.6;
	for (i = 0; i < n; i++) {
		lon += 0.00001 + rand() * 0.00001; lat += (rand() - 0.45) * 0.00002;
		printf "<trkpt lat=\"%.7f\" lon=\"%.7f\"/>\n", lat, lon > g;
		printf "%s[%.7f,%.7f]", (i ? "," : ""), lon, lat > j;
	}
	print "</trkseg></trk>\n</gpx>" > g;
	print "]},\"properties\":{\"name\":\"Đường tuần tra dài\",\"kind\":\"patrol\",\"surface\":\"đất\",\"condition\":\"good\",\"unit\":\"DBP-BINHNGHI\"}}]}" > j;
}'

# The fields of one /usr/bin/time -v report: "wall cpu peak-KB".
time_fields() {
	awk -F': ' '/Elapsed \(wall clock\)/ { k = split($2, t, ":"); s = 0; for (i = 1; i <= k; i++) s = s * 60 + t[i] }
		/User time/ { u = $2 } /System time/ { y = $2 } /Maximum resident set size/ { kb = $2 }
		END { printf "%.2f %.2f %d\n", s, u + y, kb }' "$1"
}

# The median of numbers, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure LABEL PREPARE CHECK CMD...: runs CMD $repeat times under
# /usr/bin/time, each after the shell command PREPARE and followed by the
# shell command CHECK (on $tmp/out.txt and $tmp/err.txt); prints the line,
# ending with the output of the shell command $note when it is set.
note=
measure() {
	local label=$1 prepare=$2 check=$3 r
	shift 3
	: >"$tmp/runs.txt"
	for ((r = 0; r < repeat; r++)); do
		eval "$prepare"
		/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" ||
			{ head -20 "$tmp/err.txt" >&2; echo "bench/import: failed: $*" >&2; exit 1; }
		eval "$check" || { head -20 "$tmp/out.txt" "$tmp/err.txt" >&2; echo "bench/import: wrong result: $*" >&2; exit 1; }
		time_fields "$tmp/time.txt" >>"$tmp/runs.txt"
	done
	printf '  %-54s %7.2f s %7.2f s %7.2f s %8.1f MB   (runs %s)%s\n' "$label" \
		"$(cut -d' ' -f1 "$tmp/runs.txt" | sort -g | head -1)" "$(cut -d' ' -f1 "$tmp/runs.txt" | median)" \
		"$(cut -d' ' -f2 "$tmp/runs.txt" | median)" \
		"$(cut -d' ' -f3 "$tmp/runs.txt" | sort -g | tail -1 | awk '{ print $1 / 1024 }')" \
		"$(cut -d' ' -f1 "$tmp/runs.txt" | paste -sd' ')" "${note:+ $(eval "$note")}"
}

# One run, for what cannot be done twice the same way.
measure_once() {
	local saved=$repeat
	repeat=1
	measure "$@"
	repeat=$saved
}

mb() { du -k "$1" | awk '{ printf "%.1f", $1 / 1024 }'; }
cpu_busy() { awk '/^some/ { sub("avg10=", "", $2); print $2 "%" }' /proc/pressure/cpu 2>/dev/null || echo "?"; }

echo "bienphong import/export, SQLite, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "  $(nproc) CPUs; load average $(cut -d' ' -f1-3 /proc/loadavg); CPU pressure (some, 10 s) $(cpu_busy); $repeat runs of each"
printf '  %-54s %9s %9s %9s %11s\n' "" "best wall" "median" "CPU" "peak RSS"
measure "import $n markers from csv ($(mb "$tmp/m.csv") MB)" 'rm -f "$tmp"/csv.db*; cp "$tmp/demo.db" "$tmp/csv.db"' \
	'grep -q "$n created" "$tmp/out.txt"' "$bin" import markers "$tmp/m.csv" --db "sqlite:$tmp/csv.db"
measure "import $n markers from geojson ($(mb "$tmp/m.geojson") MB)" 'rm -f "$tmp"/gj.db*; cp "$tmp/demo.db" "$tmp/gj.db"' \
	'grep -q "$n created" "$tmp/out.txt"' "$bin" import markers "$tmp/m.geojson" --db "sqlite:$tmp/gj.db"
measure "import 1 road of $n vertices, gpx ($(mb "$tmp/long.gpx") MB)" 'rm -f "$tmp"/long.db*; cp "$tmp/demo.db" "$tmp/long.db"' \
	'grep -q "1 created" "$tmp/out.txt"' "$bin" import roads "$tmp/long.gpx" --db "sqlite:$tmp/long.db"
measure "import 1 road of $n vertices, geojson ($(mb "$tmp/long.geojson") MB)" 'rm -f "$tmp"/rd.db*; cp "$tmp/demo.db" "$tmp/rd.db"' \
	'grep -q "1 created" "$tmp/out.txt"' "$bin" import roads "$tmp/long.geojson" --db "sqlite:$tmp/rd.db"
measure "import $((n / 100)) roads x 100 vertices, geojson" 'rm -f "$tmp"/rd.db*; cp "$tmp/demo.db" "$tmp/rd.db"' \
	'grep -q "$((n / 100)) created" "$tmp/out.txt"' "$bin" import roads "$tmp/r.geojson" --db "sqlite:$tmp/rd.db"
measure_once "the same csv again: refused" '' 'grep -q import_duplicate "$tmp/err.txt"' \
	sh -c "! '$bin' import markers '$tmp/m.csv' --db 'sqlite:$tmp/csv.db'"
"$bin" export markers --format csv --out "$tmp/back.csv" --db "sqlite:$tmp/csv.db" >/dev/null 2>&1
measure_once "its export imported back (csv)" '' 'grep -q "$((n + demo_markers)) unchanged" "$tmp/out.txt"' \
	"$bin" import markers "$tmp/back.csv" --db "sqlite:$tmp/csv.db"

# The small database for the exports' memory.
cp "$tmp/demo.db" "$tmp/small.db"
"$bin" import markers "$tmp/small.csv" --db "sqlite:$tmp/small.db" >/dev/null 2>&1
for f in geojson kml gpx csv; do
	for db in small csv; do
		count=$([ $db = csv ] && echo $((n + demo_markers)) || echo $((small + demo_markers)))
		note='echo "$(mb "$tmp/x.$f") MB file"' \
			measure "export $count markers as $f" 'rm -f "$tmp/x.$f"' 'grep -q "$count features" "$tmp/err.txt"' \
			"$bin" export markers --format "$f" --out "$tmp/x.$f" --db "sqlite:$tmp/$db.db"
	done
done
note='echo "$(mb "$tmp/x.gpx") MB file"' \
	measure "export the demo's roads and that of $n vertices, gpx" 'rm -f "$tmp/x.gpx"' \
	'grep -q "features" "$tmp/err.txt"' \
	"$bin" export roads --format gpx --out "$tmp/x.gpx" --db "sqlite:$tmp/long.db"

# The floor: the same number of markers' rows stored by bare SQLite.
if cc -O2 -o "$tmp/floor" bench/import/floor.c $(pkg-config --cflags --libs sqlite3) 2>"$tmp/cc.txt"; then
	post=$("$bin" unit show DBP-BINHNGHI --db "sqlite:$tmp/demo.db" | sed -n 's/^  "id": "\(.*\)",$/\1/p')
	: >"$tmp/floor.txt"
	for ((r = 0; r < repeat; r++)); do
		rm -f "$tmp"/floor.db*
		cp "$tmp/demo.db" "$tmp/floor.db"
		"$tmp/floor" "$tmp/floor.db" "$n" "$post" >>"$tmp/floor.txt"
	done
	best=$(sort -g "$tmp/floor.txt" | head -1)
	read -r _ ins com clo _ <<<"$best"
	printf '  %-54s %7.2f s %7.2f s %7.2f s                (runs %s; best: inserts %.2f, commit %.2f, close %.2f)\n' \
		"floor: bare SQLite, the same rows" "${best%% *}" "$(cut -d' ' -f1 "$tmp/floor.txt" | median)" \
		"$(cut -d' ' -f5 "$tmp/floor.txt" | median)" "$(cut -d' ' -f1 "$tmp/floor.txt" | paste -sd' ')" \
		"$ins" "$com" "$clo"
else
	echo "  floor: not built ($(head -1 "$tmp/cc.txt"))"
fi
echo "  at the end: load average $(cut -d' ' -f1-3 /proc/loadavg); CPU pressure (some, 10 s) $(cpu_busy)"
