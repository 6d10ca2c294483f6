#!/usr/bin/env bats
# jw_real (lib/core/jw.c) writes the decimals csf_round makes without
# printf; every real it writes must still be the text jansson writes for
# the same double (csf_emit, JSON_REAL_PRECISION(15)).

load helper

@test "jw_real writes each real as jansson does: rounded decimals, their neighbours, random doubles" {
	local probe="$BATS_TEST_TMPDIR/jw-real"
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O1 -g \
	    -I"$ROOT/lib" $(pkg-config --cflags jansson 2>/dev/null) -o "$probe" "$ROOT/tests/jw-real.c" \
	    $(for f in jw out err cli jsonutil utf8 msgcat_ja; do echo "$ROOT/lib/core/$f.c"; done) \
	    $(pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lm
	run "$probe"
	assert_success
	assert_output "631985 checked, 0 differ"
}
