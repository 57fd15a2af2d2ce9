#!/bin/bash
# bench/import/run.sh - imports of 100,000 markers (GeoJSON and CSV) and of
# roads with 100,000 vertices in all into SQLite, and exports of 100,000
# features in every format, whole process (`bienphong import` / `export`
# from start to exit), with peak memory; and the floor under the import.
#
#   bench/import/run.sh            (after `make build/bienphong`)
#   BENCH_IMPORT_N=20000 bench/import/run.sh
#
# Each import goes into a fresh copy of a demo database (`init` + `demo`),
# as one all-or-nothing transaction. The same file sent again is refused
# (import_duplicate) before it is read; an export imported back is read
# whole and leaves every marker unchanged. The exports then read the 100k
# markers back; an export of the demo's ~100 markers is measured too, so
# that "flat memory" can be read off: the peak RSS of the big export
# should be that of the small one, not grow with the features.
#
# The floor (bench/import/floor.c, built here with cc) stores the rows of
# the same number of markers with bare SQLite: three prepared inserts a
# marker in one transaction, the commit and the close, nothing read or
# checked. What `bienphong import` takes above it is reading the file,
# the checks, and the calls through src/db/.
#
# Figures are from /usr/bin/time -v (elapsed wall clock, maximum resident
# set). Targets (issue 4): import of 100k markers or road vertices < 2 s;
# export memory flat.
set -eu
cd "$(dirname "$0")/../.."
bin=${BIENPHONG_BIN:-build/bienphong}
n=${BENCH_IMPORT_N:-100000}
[ -x "$bin" ] || { echo "bench/import: $bin missing; run 'make build/bienphong'" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "bench/import: /usr/bin/time missing (Debian package 'time')" >&2; exit 1; }
tmp=$(mktemp -d /tmp/bienphong-bench-import.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

"$bin" init --db "sqlite:$tmp/demo.db" >/dev/null 2>&1
"$bin" demo --db "sqlite:$tmp/demo.db" >/dev/null 2>&1

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

# Roads: n / 100 patrol roads of 100 vertices each, wandering east.
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

# Runs a command under /usr/bin/time; prints "seconds  peak-MB".
measure() {
	/usr/bin/time -v -o "$tmp/time.txt" "$@" >"$tmp/out.txt" 2>"$tmp/err.txt" ||
		{ head -20 "$tmp/err.txt" >&2; echo "bench/import: failed: $*" >&2; exit 1; }
	awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i] }
		/Maximum resident set size/ { kb = $2 }
		END { printf "%8.2f s  %8.1f MB", s, kb / 1024 }' "$tmp/time.txt"
}

echo "bienphong import/export, $n markers, SQLite ($(nproc) CPUs; load average $(cut -d' ' -f1 /proc/loadavg))"
printf '  %-34s %10s  %11s\n' "" "wall" "peak RSS"
for f in geojson csv; do
	cp "$tmp/demo.db" "$tmp/$f.db"
	printf '  %-34s %s   (%s MB file)\n' "import markers from $f" "$(measure "$bin" import markers "$tmp/m.$f" --db "sqlite:$tmp/$f.db")" \
		"$(du -m "$tmp/m.$f" | cut -f1)"
	grep -q "$n created" "$tmp/out.txt" || { head -20 "$tmp/out.txt" "$tmp/err.txt" >&2; exit 1; }
done
printf '  %-34s %s   (%s MB file)\n' "import $((n / 100)) roads, $n vertices" \
	"$(cp "$tmp/demo.db" "$tmp/roads.db"; measure "$bin" import roads "$tmp/r.geojson" --db "sqlite:$tmp/roads.db")" \
	"$(du -m "$tmp/r.geojson" | cut -f1)"
grep -q "$((n / 100)) created" "$tmp/out.txt" || { cat "$tmp/out.txt" "$tmp/err.txt" >&2; exit 1; }
if "$bin" import markers "$tmp/m.csv" --db "sqlite:$tmp/csv.db" >"$tmp/out.txt" 2>"$tmp/err.txt"; then
	echo "bench/import: the same file was imported twice" >&2; exit 1
fi
grep -q import_duplicate "$tmp/err.txt" || { cat "$tmp/err.txt" >&2; exit 1; }
printf '  %-34s %s\n' "the same file again: refused" "$(measure sh -c "! '$bin' import markers '$tmp/m.csv' --db 'sqlite:$tmp/csv.db'")"
"$bin" export markers --format csv --out "$tmp/back.csv" --db "sqlite:$tmp/csv.db" >/dev/null 2>&1
printf '  %-34s %s\n' "its export imported back (csv)" "$(measure "$bin" import markers "$tmp/back.csv" --db "sqlite:$tmp/csv.db")"
grep -q "$((n + 92)) unchanged" "$tmp/out.txt" || { cat "$tmp/out.txt" "$tmp/err.txt" >&2; exit 1; }
for f in geojson kml gpx csv; do
	printf '  %-34s %s   (%s MB file)\n' "export $((n + 92)) markers as $f" \
		"$(measure "$bin" export markers --format "$f" --out "$tmp/x.$f" --db "sqlite:$tmp/csv.db")" "$(du -m "$tmp/x.$f" | cut -f1)"
done
printf '  %-34s %s\n' "export the demo's 92 markers (geojson)" "$(measure "$bin" export markers --out "$tmp/small.geojson" --db "sqlite:$tmp/demo.db")"

# The floor: the same number of markers' rows stored by bare SQLite.
if cc -O2 -o "$tmp/floor" bench/import/floor.c $(pkg-config --cflags --libs sqlite3) 2>"$tmp/cc.txt"; then
	cp "$tmp/demo.db" "$tmp/floor.db"
	post=$("$bin" unit show DBP-BINHNGHI --db "sqlite:$tmp/demo.db" | sed -n 's/^  "id": "\(.*\)",$/\1/p')
	read -r total ins com clo < <("$tmp/floor" "$tmp/floor.db" "$n" "$post")
	printf '  %-34s %8.2f s   (inserts %.2f, commit %.2f, close %.2f)\n' "floor: bare SQLite, the same rows" "$total" "$ins" "$com" "$clo"
else
	echo "  floor: not built ($(head -1 "$tmp/cc.txt"))"
fi
