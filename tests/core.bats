#!/usr/bin/env bats
# The NDJSON core every tool shares, exercised through csf-cat.

load helper

@test "records pass through byte for byte, blank lines skipped" {
	printf '{"type":"meta", "z" : [1, 2.50]}\n\n   \n{"b":true}\n' > "$BATS_TEST_TMPDIR/in"
	run csf csf-cat "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output $'{"type":"meta", "z" : [1, 2.50]}\n{"b":true}'
}

@test "CRLF line ends and a leading UTF-8 BOM are accepted" {
	printf '\xef\xbb\xbf{"type":"a"}\r\n{"type":"b"}\r\n' > "$BATS_TEST_TMPDIR/in"
	run csf csf-cat "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output $'{"type":"a"}\n{"type":"b"}'
}

@test "a last line without newline is read" {
	printf '{"a":1}\n{"a":2}' | { run csf csf-cat; assert_success; assert_output $'{"a":1}\n{"a":2}'; }
}

@test "stdin is <stdin> in messages, and - reads it among files" {
	printf '{"a":1}\nnot json\n' > "$BATS_TEST_TMPDIR/f"
	run --separate-stderr csf csf-cat "$BATS_TEST_TMPDIR/f" - < /dev/null
	assert_failure 1
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/f:2: invalid JSON: not a JSON object"
	printf '{"a":1}\n[1]\n' | { run --separate-stderr csf csf-cat; assert_failure 1; assert_equal "$stderr" "csf-cat: <stdin>:2: invalid JSON: not a JSON object"; }
}

@test "strict by default: stops at the first bad line, exit 1" {
	printf '{"a":1}\n{"a":\n{"a":3}\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output '{"a":1}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:2: invalid JSON: unexpected end of line"
}

@test "--keep-going reports every bad line, keeps the good ones, exit 1" {
	printf '{"a":1}\n{"a":\n"str"\n{"s":"\xff"}\n{"a":5}\n{"a":1}x\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output $'{"a":1}\n{"a":5}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:2: invalid JSON: unexpected end of line
csf-cat: $BATS_TEST_TMPDIR/in:3: invalid JSON: not a JSON object
csf-cat: $BATS_TEST_TMPDIR/in:4: invalid UTF-8
csf-cat: $BATS_TEST_TMPDIR/in:6: invalid JSON: trailing characters after the object"
}

@test "invalid UTF-8 variants are refused: overlong, surrogate, truncated" {
	printf '{"s":"\xc0\xaf"}\n{"s":"\xed\xa0\x80"}\n{"s":"\xe3\x81"}\n{"s":"ok \xe3\x81\x82"}\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output '{"s":"ok あ"}'
	assert_equal "$(printf '%s\n' "$stderr" | grep -c 'invalid UTF-8')" 3
}

@test "escapes are checked as jansson would: lone surrogate, \\u0000, bad escape" {
	printf '%s\n' '{"s":"\ud800"}' '{"s":"\u0000"}' '{"s":"\q"}' '{"s":"\ud83d\ude00 \u00e9"}' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output '{"s":"\ud83d\ude00 \u00e9"}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:1: invalid JSON: invalid Unicode surrogate
csf-cat: $BATS_TEST_TMPDIR/in:2: invalid JSON: \\u0000 is not allowed
csf-cat: $BATS_TEST_TMPDIR/in:3: invalid JSON: invalid escape in string"
}

@test "numbers out of range and nesting past the bound are refused" {
	{
		echo '{"n":99999999999999999999}'
		echo '{"n":1e999}'
		echo '{"n":-0.5e-3,"m":9223372036854775807}'
		printf '{"d":%s1%s}\n' "$(printf '[%.0s' $(seq 64))" "$(printf ']%.0s' $(seq 64))"
		printf '{"d":%s1%s}\n' "$(printf '[%.0s' $(seq 62))" "$(printf ']%.0s' $(seq 62))"
	} > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "${#lines[@]}" 2
	assert_equal "${lines[0]}" '{"n":-0.5e-3,"m":9223372036854775807}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:1: invalid JSON: integer out of range
csf-cat: $BATS_TEST_TMPDIR/in:2: invalid JSON: number out of range
csf-cat: $BATS_TEST_TMPDIR/in:4: invalid JSON: nesting too deep"
}

@test "a line over 1 MiB is refused without holding it; reading goes on" {
	{ echo '{"a":1}'; printf '{"s":"'; head -c 1100000 /dev/zero | tr '\0' x; echo '"}'; echo '{"a":3}'; } > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output $'{"a":1}\n{"a":3}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:2: line too long (over 1048576 bytes)"
}

@test "a line just under the bound is accepted" {
	{ printf '{"s":"'; head -c 1048000 /dev/zero | tr '\0' y; echo '"}'; } > "$BATS_TEST_TMPDIR/in"
	run csf csf-cat "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_equal "${#output}" 1048008
}

@test "a truncated last line is an error" {
	printf '{"type":"answer","subject":"u1","item":"K0' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:1: invalid JSON: unterminated string"
}

@test "a missing file is reported with its name; the others are read" {
	printf '{"a":1}\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/nope" "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output '{"a":1}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/nope: No such file or directory"
}

@test "the top-level type is found, also when escaped, never a nested one" {
	printf '%s\n' '{"m":{"type":"answer"},"type":"meta"}' '{"type":"\u0061nswer"}' '{"x":"\"type\":\"answer\""}' > "$BATS_TEST_TMPDIR/in"
	run csf csf-cat -t answer "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output '{"type":"\u0061nswer"}'
	run csf csf-cat -x answer,meta "$BATS_TEST_TMPDIR/in"
	assert_output '{"x":"\"type\":\"answer\""}'
}

@test "--normalize re-encodes compactly" {
	run csf csf-cat --normalize <<< '{ "type" : "a", "v" : [ 1 , 2.5 ], "s":"\u3042" }'
	assert_success
	assert_output '{"type":"a","v":[1,2.5],"s":"あ"}'
}

@test "-o writes the file atomically and leaves nothing behind on failure" {
	printf '{"a":1}\n' > "$BATS_TEST_TMPDIR/in"
	run csf csf-cat -o "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output ''
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out")" '{"a":1}'
	printf 'old\n' > "$BATS_TEST_TMPDIR/out2"
	printf '{"a":1}\nbad\n' > "$BATS_TEST_TMPDIR/in2"
	run csf csf-cat -o "$BATS_TEST_TMPDIR/out2" "$BATS_TEST_TMPDIR/in2"
	assert_failure 1
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out2")" 'old'
	assert_equal "$(ls "$BATS_TEST_TMPDIR" | grep -c 'out2\.')" 0
}

@test "--help goes to stdout with exit 0; --version names the package" {
	run --separate-stderr csf csf-cat --help
	assert_success
	assert_line --index 0 --partial 'usage: csf-cat'
	assert_equal "$stderr" ''
	run csf csf-cat --version
	assert_success
	assert_output 'csf-cat (csf) 0.1.0'
}

@test "usage errors exit 2 with the usage on stderr" {
	run --separate-stderr csf csf-cat --bogus
	assert_failure 2
	assert_output ''
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" "csf-cat: unrecognized option '--bogus'"
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 2p | cut -c1-14)" "usage: csf-cat"
	run --separate-stderr csf csf-cat --lang fr
	assert_failure 2
	assert_equal "$stderr" "csf-cat: invalid value 'fr' for --lang (expected ja or en)
Try 'csf-cat --help' for more information."
}

# Found by fuzz/jscan_diff: the scan must agree with jansson.
@test "a subnormal real is accepted as jansson accepts it; only overflow is refused" {
	printf '%s\n' '{"u":1e-320}' '{"u":-4.9e-324,"z":1e-400}' '{"o":1e309}' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output $'{"u":1e-320}\n{"u":-4.9e-324,"z":1e-400}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:3: invalid JSON: number out of range"
}

@test "a real with hundreds of digits is valid; an integer that long is not" {
	printf '{"r":1.%0500d1}\n{"i":1%0500d}\n' 0 0 > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output "$(printf '{"r":1.%0500d1}' 0)"
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:2: invalid JSON: integer out of range"
}

@test "a \"type\" key written with escapes is still the type" {
	printf '%s\n' '{"typ\u0065":"answer"}' '{"\u0074ype":"meta","type":"answer"}' '{"type":"answer","typ\u0065":"meta"}' '{"ty\npe":"answer"}' > "$BATS_TEST_TMPDIR/in"
	run csf csf-cat -t answer "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output $'{"typ\\u0065":"answer"}\n{"\\u0074ype":"meta","type":"answer"}'
	run csf csf-cat -t meta "$BATS_TEST_TMPDIR/in"
	assert_output '{"type":"answer","typ\u0065":"meta"}'
}

@test "a NUL byte after a number is refused (jansson itself would skip it)" {
	printf '{"a":3.4\0,"b":1}\n{"a":1}\n' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-cat --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_output '{"a":1}'
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/in:1: invalid JSON: expected ',' or '}'"
}
