#!/bin/bash
# run-tests.sh - runs every suite of `make test` and ends with one line
# "N passed, N failed" summing them all; exits non-zero on any failure.
#
#   unit     cmocka programs under build/tests/unit (sanitizer build)
#   api      node's test runner on tests/api against the real server
#   browser  node's test runner on tests/e2e with Debian's Chromium
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
export BIENPHONG_BIN=${BIENPHONG_BIN:-$PWD/build/test/bienphong}
passed=0
failed=0

count_cmocka() {
	local out=$1 rc=$2 p f
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' <<<"$out" | awk '{s+=$1} END {print s+0}')
	# A crash or a sanitizer report after the tests still fails the program.
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
}

count_tap() {
	local out=$1 rc=$2 p f c
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' <<<"$out" | tail -n 1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' <<<"$out" | tail -n 1)
	c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' <<<"$out" | tail -n 1)
	p=${p:-0}
	f=$(( ${f:-0} + ${c:-0} ))
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	passed=$((passed + p))
	failed=$((failed + f))
}

# A throwaway PostgreSQL cluster for the second run of the domain and API
# tests; stopped however this script ends.
pgdir=$(mktemp -d /tmp/bienphong-pg.XXXXXX)
demodir=$(mktemp -d /tmp/bienphong-demo.XXXXXX)
trap 'scripts/pg-cluster.sh stop "$pgdir"; rm -rf "$demodir"' EXIT
if ! pg_admin=$(scripts/pg-cluster.sh start "$pgdir"); then
	echo "PostgreSQL cluster did not start"
	failed=$((failed + 1))
	pg_admin=
fi
pg_template=$(printf '%s' "$pg_admin" | sed 's|:///postgres?|:///%s?|')

run_unit() {
	local t out rc
	for t in $(find build/tests/unit -type f -perm -u+x | sort); do
		case "$1:$t" in
			postgresql:build/tests/unit/util/*|postgresql:build/tests/unit/db/sqlite) continue ;;
		esac
		out=$("$t" 2>&1)
		rc=$?
		printf '%s\n' "$out"
		count_cmocka "$out" "$rc"
	done
}

run_node() {
	local out rc
	ls tests/$1/*.test.mjs >/dev/null 2>&1 || return 0
	out=$(node --test --test-reporter=tap --test-concurrency=2 tests/$1/ 2>&1)
	rc=$?
	printf '%s\n' "$out"
	count_tap "$out" "$rc"
}

# The demo database, made once per engine; each test server starts from a
# copy of it (tests/lib/server.mjs) rather than running init and demo again.
demo_db() {
	if "$BIENPHONG_BIN" init --db "$1" >/dev/null && "$BIENPHONG_BIN" demo --db "$1" >/dev/null; then
		export BIENPHONG_TEST_DEMO=$1
	else
		echo "the demo database $1 could not be made; each test makes its own"
		unset BIENPHONG_TEST_DEMO
	fi
}

echo "== unit tests (SQLite)"
run_unit sqlite
echo "== API tests (SQLite)"
demo_db "sqlite:$demodir/demo-template.db"
run_node api
if [ -n "$pg_admin" ]; then
	export BIENPHONG_TEST_PG=$pg_template
	echo "== unit tests (PostgreSQL)"
	run_unit postgresql
	echo "== API tests (PostgreSQL)"
	if psql "$pg_admin" -q -c "CREATE DATABASE demo_template" >/dev/null; then
		demo_db "$(printf '%s' "$pg_admin" | sed 's|:///postgres?|:///demo_template?|')"
	else
		unset BIENPHONG_TEST_DEMO
	fi
	run_node api
	echo "== PostgreSQL tests"
	run_node pg
	unset BIENPHONG_TEST_PG
fi
echo "== browser tests"
demo_db "sqlite:$demodir/demo-template-e2e.db"
run_node e2e

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
