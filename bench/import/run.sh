#!/bin/bash
# bench/import/run.sh - imports of 100,000 markers (GeoJSON and CSV) into
# SQLite, and exports of 100,000 features in every format, whole process
# (`bienphong import` / `export` from start to exit), with peak memory.
#
#   bench/import/run.sh            (after `make build/bienphong`)
#   BENCH_IMPORT_N=20000 bench/import/run.sh
#
# Each import goes into a fresh copy of a demo database (`init` + `demo`),
# as one all-or-nothing transaction. The exports then read the 100k
# markers back; an export of the demo's ~100 markers is measured too, so
# that "flat memory" can be read off: the peak RSS of the big export
# should be that of the small one, not grow with the features. Figures
# are from /usr/bin/time -v (elapsed wall clock, maximum resident set).
# Targets (issue 4): import of 100k markers < 2 s; export memory flat.
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
printf '  %-34s %s\n' "import the same file again (csv)" "$(measure "$bin" import markers "$tmp/m.csv" --db "sqlite:$tmp/csv.db")"
grep -q "$n unchanged" "$tmp/out.txt" || { cat "$tmp/out.txt" >&2; exit 1; }
for f in geojson kml gpx csv; do
	printf '  %-34s %s   (%s MB file)\n' "export $((n + 92)) markers as $f" \
		"$(measure "$bin" export markers --format "$f" --out "$tmp/x.$f" --db "sqlite:$tmp/csv.db")" "$(du -m "$tmp/x.$f" | cut -f1)"
done
printf '  %-34s %s\n' "export the demo's 92 markers (geojson)" "$(measure "$bin" export markers --out "$tmp/small.geojson" --db "sqlite:$tmp/demo.db")"
