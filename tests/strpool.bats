#!/usr/bin/env bats
# The string pool that holds per-subject names in the tabular reports and
# the hash index that finds svg's subjects on disk (lib/core/strmap.c),
# checked against what was put in (tests/strpool.c).

load helper

setup_file() {
	export PROBE="$BATS_FILE_TMPDIR/strpool"
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O1 -g \
	    -I"$BATS_TEST_DIRNAME/../lib" $(pkg-config --cflags jansson 2>/dev/null) \
	    -o "$PROBE" "$BATS_TEST_DIRNAME/strpool.c" "$BATS_TEST_DIRNAME/../lib/core/strmap.c" "$BATS_TEST_DIRNAME/../lib/core/err.c" \
	    "$BATS_TEST_DIRNAME/../lib/core/cli.c" "$BATS_TEST_DIRNAME/../lib/core/out.c" \
	    "$BATS_TEST_DIRNAME/../lib/core/msgcat_ja.c" "$BATS_TEST_DIRNAME/../lib/core/utf8.c" \
	    $(pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lm
}

@test "strpool: 200 000 keys found with their values, none moved as the table grew; odd keys; hashindex: one hash, several values" {
	run --separate-stderr "$PROBE"
	assert_success
	assert_equal "$stderr" ''
	assert_output "200000 keys: 0 wrong, 0 moved
empty key: empty key; no bytes: found; long key: long; one byte off: absent; absent: absent
200003 keys
under 5: 10 20; under 69: 30, then -1; under 0: 40; under 6: -1
100004 values, 100004 listed, sum 5009950100, 0 lost"
}
