#!/bin/bash
# run.sh - builds and runs the border registry's bbox benchmark (bench.c)
# against the release objects of `make build/bienphong`.
#   bench/registry/run.sh [N [ROUNDS]]   (default 100000 markers, 3 rounds)
set -eu
cd "$(dirname "$0")/../.."
make -s build/bienphong
# The libraries the program links, as the Makefile names them.
PKGS=$(sed -n 's/^PKGS := //p' Makefile)
objs=$(find build/obj -name '*.o' ! -path 'build/obj/cli/*' ! -name main.o | sort)
cc -std=c11 -O2 -D_GNU_SOURCE -Isrc -Ibuild/gen $(pkg-config --cflags $PKGS) \
	-o build/bench-registry bench/registry/bench.c $objs $(pkg-config --libs $PKGS) -lpthread -lm
exec build/bench-registry "$@"
