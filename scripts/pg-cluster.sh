#!/bin/sh
# pg-cluster.sh start|stop|pause|resume|url DIR
#
# A throwaway PostgreSQL cluster for the tests and benchmarks: initdb into
# DIR, listening only on a Unix socket in DIR and on a free loopback port,
# trust authentication. Run as root, the server runs as the postgres user.
# "start" prints the admin URL (postgresql://...) on standard output;
# "pause" stops the server keeping its data, "resume" starts it again on
# the same port (for tests of a database that goes away and comes back).
set -eu
cmd=${1:?usage: pg-cluster.sh start|stop|pause|resume|url DIR}
dir=${2:?usage: pg-cluster.sh start|stop|pause|resume|url DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] || { echo "pg-cluster: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
	as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
		-o "-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
		start >/dev/null
}

url() {
	echo "postgresql:///postgres?host=$dir&port=$(cat "$dir/port")&user=postgres"
}

case "$cmd" in
start)
	mkdir -p "$dir"
	[ "$(id -u)" = 0 ] && chown postgres "$dir"
	as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	# A free loopback port: ask the kernel for one.
	port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
	echo "$port" >"$dir/port"
	pg_start
	url
	;;
pause)
	as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
	;;
resume)
	pg_start
	;;
stop)
	[ -d "$dir/data" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
url)
	url
	;;
*)
	echo "usage: pg-cluster.sh start|stop|pause|resume|url DIR" >&2
	exit 2
	;;
esac
