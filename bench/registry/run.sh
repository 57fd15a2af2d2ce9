#!/bin/bash
# run.sh - builds and runs the border registry's bbox benchmark (bench.c)
# against the release objects of `make build/bienphong`.
#   bench/registry/run.sh [N [ROUNDS]]   (default 100000 markers, 3 rounds)
#   BENCH_POSTGRES=1 bench/registry/run.sh   the same on PostgreSQL, in a
#                                            throwaway cluster (scripts/pg-cluster.sh)
set -eu
cd "$(dirname "$0")/../.."
make -s build/bienphong
# The libraries the program links, as the Makefile names them.
PKGS=$(sed -n 's/^PKGS := //p' Makefile)
objs=$(find build/obj -name '*.o' ! -path 'build/obj/cli/*' ! -name main.o | sort)
cc -std=c11 -O2 -D_GNU_SOURCE -Isrc -Ibuild/gen $(pkg-config --cflags $PKGS) \
	-o build/bench-registry bench/registry/bench.c $objs $(pkg-config --libs $PKGS) -lpthread -lm
if [ "${BENCH_POSTGRES:-0}" != 1 ]; then
	exec build/bench-registry "$@"
fi
# Run as root, the cluster's server runs as the postgres user: its folder
# must be reachable by that user, hence 0755 under /tmp.
pgtmp=$(mktemp -d /tmp/bienphong-bench-registry-pg.XXXXXX)
chmod 755 "$pgtmp"
trap 'scripts/pg-cluster.sh stop "$pgtmp/cluster" >/dev/null 2>&1 || true; rm -rf "$pgtmp"' EXIT INT TERM
admin=$(scripts/pg-cluster.sh start "$pgtmp/cluster")
psql -X -q "$admin" -c 'CREATE DATABASE bench_registry' >/dev/null
BENCH_REGISTRY_DB=$(echo "$admin" | sed 's|/postgres?|/bench_registry?|') build/bench-registry "$@"
