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

echo "== unit tests"
for t in $(find build/tests/unit -type f -perm -u+x | sort); do
	out=$("$t" 2>&1)
	rc=$?
	printf '%s\n' "$out"
	count_cmocka "$out" "$rc"
done

for suite in api e2e; do
	if ls tests/$suite/*.test.mjs >/dev/null 2>&1; then
		echo "== $suite tests"
		out=$(node --test --test-reporter=tap --test-concurrency=2 tests/$suite/ 2>&1)
		rc=$?
		printf '%s\n' "$out"
		count_tap "$out" "$rc"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
