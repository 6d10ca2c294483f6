#!/usr/bin/env bats
# The NDJSON reader under --keep-going, against an independent model of the
# format (tests/ndjson-stream.c): no non-blank line is ever lost, and the
# length bound falls exactly at 1 MiB of record: a CR before the LF and a
# BOM on line 1, which the reader drops, do not count.

load helper

setup_file() {
	export PROBE="$BATS_FILE_TMPDIR/ndjson-stream"
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O1 -g \
	    -I"$BATS_TEST_DIRNAME/../lib" -DCSF_DATADIR='"share/csf"' $(pkg-config --cflags jansson 2>/dev/null) \
	    -o "$PROBE" "$BATS_TEST_DIRNAME/ndjson-stream.c" $(for f in ndjson jscan utf8 jbuild err cli out data dataindex fields strmap jsonutil msgcat_ja; do echo "$BATS_TEST_DIRNAME/../lib/core/$f.c"; done) \
	    $(pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lm
}

@test "every non-blank line is returned or reported; the bound is exact" {
	run --separate-stderr "$PROBE"
	assert_success
	assert_equal "$stderr" ''
	assert_output "line of 1048575 bytes + LF: returned 1, reported 0
line of 1048575 bytes + LF, framed: returned 3, reported 0
line of 1048575 bytes + CRLF: returned 1, reported 0
line of 1048575 bytes + CRLF, framed: returned 3, reported 0
line of 1048575 bytes: returned 1, reported 0
line of 1048575 bytes, framed: returned 3, reported 0
line of 1048576 bytes + LF: returned 1, reported 0
line of 1048576 bytes + LF, framed: returned 3, reported 0
line of 1048576 bytes + CRLF: returned 1, reported 0
line of 1048576 bytes + CRLF, framed: returned 3, reported 0
line of 1048576 bytes: returned 1, reported 0
line of 1048576 bytes, framed: returned 3, reported 0
line of 1048577 bytes + LF: returned 0, reported 1
line of 1048577 bytes + LF, framed: returned 2, reported 1
line of 1048577 bytes + CRLF: returned 0, reported 1
line of 1048577 bytes + CRLF, framed: returned 2, reported 1
line of 1048577 bytes: returned 0, reported 1
line of 1048577 bytes, framed: returned 2, reported 1
line of 1048578 bytes + LF: returned 0, reported 1
line of 1048578 bytes + LF, framed: returned 2, reported 1
line of 1048578 bytes + CRLF: returned 0, reported 1
line of 1048578 bytes + CRLF, framed: returned 2, reported 1
line of 1048578 bytes: returned 0, reported 1
line of 1048578 bytes, framed: returned 2, reported 1
3024 cases, 859 lines returned, 8532 reported"
}

@test "a line of exactly 1 MiB passes through csf-cat; one byte more is reported" {
	{ printf '{"s":"'; head -c $((1048576 - 8)) /dev/zero | tr '\0' x; printf '"}'; } > "$BATS_TEST_TMPDIR/max"
	{ printf '{"s":"'; head -c $((1048576 - 7)) /dev/zero | tr '\0' x; printf '"}\n{"a":1}'; } > "$BATS_TEST_TMPDIR/over"
	run csf csf-cat "$BATS_TEST_TMPDIR/max"
	assert_success
	assert_equal "${#output}" 1048576
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/over"
	assert_failure 1
	assert_output '{"a":1}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/over:1: line too long (over 1048576 bytes)"
}
