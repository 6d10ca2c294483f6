#!/usr/bin/env bats
# Unit tests for lib/nice/nice.c, the loader of NIST's NICE Components JSON,
# through a small driver (tests/nice-probe.c) that prints what it sees.
# Expected numbers were counted with jq on NIST's files (../shared/nice).

bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

NICE="$BATS_TEST_DIRNAME/../../shared/nice"
FIX="$BATS_TEST_DIRNAME/fixtures/nice"
# The loader keeps a cache of each file it reads: here, never the user's.
export XDG_CACHE_HOME="${BATS_TEST_TMPDIR:-${BATS_TMPDIR:-/tmp}}/cache"

setup_file() {
	export PROBE="$BATS_FILE_TMPDIR/nice-probe"
	# libcsf.a built with SAN=1 needs the sanitizers' runtime on this link too.
	local san=
	nm "$BATS_TEST_DIRNAME/../lib/libcsf.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -g $san $(pkg-config --cflags jansson 2>/dev/null) \
	    -o "$PROBE" -I"$BATS_TEST_DIRNAME/../lib" "$BATS_TEST_DIRNAME/nice-probe.c" "$BATS_TEST_DIRNAME/../lib/nice/nice.c" "$BATS_TEST_DIRNAME/../lib/libcsf.a" \
	    $(pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lm
}

@test "v2.1.0 (wrapped in response): version, element counts, no quirks" {
	run --separate-stderr "$PROBE" "$NICE/nice_components_v2.1.0_cprt.json"
	assert_success
	assert_line -n 0 "version 2.1.0"
	assert_line -n 1 "doc SP_800_181_2_1_0"
	assert_line -n 2 "elements 2290"
	assert_line -n 3 "work_role 41 task 946 knowledge 662 skill 540"
	assert_line -n 4 "quirks dangling 0 dup_elements 0 dup_links 0 bad 0 titles 0 texts 0"
	[ -z "$stderr" ]
}

@test "v2.1.0: a work role's tasks, knowledge and skills and its category" {
	run "$PROBE" "$NICE/nice_components_v2.1.0_cprt.json" PD-WRL-003 OG-WRL-003
	assert_success
	assert_line "PD-WRL-003 work_role [Incident Response] category PD T 29 K 55 S 23 parents PD first K0674"
	assert_line "OG-WRL-003 work_role [Cybersecurity Workforce Management] category OG T 58 K 54 S 20 parents OG first K0640"
}

@test "v2.1.0: a knowledge item lists the work roles that use it, in file order" {
	run "$PROBE" "$NICE/nice_components_v2.1.0_cprt.json" K0018 T1385
	assert_success
	assert_line "K0018 knowledge [] category - T 0 K 0 S 0 parents DD-WRL-001 DD-WRL-004 DD-WRL-006 IO-WRL-006 OG-WRL-001 OG-WRL-012 OG-WRL-014 PD-WRL-001 PD-WRL-002 PD-WRL-006 first -"
	assert_line "T1385 absent"
}

@test "v2.0.0 (flat): dangling relationships and stray spaces are reported, not fatal" {
	run --separate-stderr "$PROBE" "$NICE/nice_components_v2.0.0.json" OG-WRL-003
	assert_success
	assert_line -n 0 "version 2.0.0"
	assert_line -n 3 "work_role 41 task 942 knowledge 631 skill 538"
	assert_line -n 4 "quirks dangling 4 dup_elements 0 dup_links 0 bad 0 titles 8 texts 12"
	# the title "Cybersecurity Workforce\u00a0Management" comes out with a plain space
	assert_line "OG-WRL-003 work_role [Cybersecurity Workforce Management] category OG T 58 K 54 S 20 parents OG first T0116"
	[ "$(printf '%s\n' "$stderr" | grep -c 'names a missing element')" -eq 4 ]
	[[ "$stderr" == *"nice_components_v2.0.0.json: note: relationship PD-WRL-001 -> T1385 names a missing element T1385; ignored"* ]]
	[[ "$stderr" == *"note: trimmed non-breaking or stray spaces in 8 titles and 12 texts"* ]]
}

@test "hand-made file: every kind of quirk is counted and repaired" {
	run --separate-stderr "$PROBE" "$FIX/flat-quirks.json" ZZ-WRL-001 ZZ-WRL-002 T9001
	assert_success
	assert_line -n 0 "version 9.8.7"
	assert_line -n 2 "elements 7"
	assert_line -n 4 "quirks dangling 2 dup_elements 1 dup_links 1 bad 3 titles 1 texts 2"
	assert_line "ZZ-WRL-001 work_role [Sample Role] category ZZ T 2 K 1 S 1 parents ZZ first T9001"
	assert_line "ZZ-WRL-002 work_role [Other Role] category ZZ T 1 K 0 S 0 parents ZZ first T9001"
	assert_line "T9001 task [] category - T 0 K 0 S 0 parents ZZ-WRL-001 ZZ-WRL-002 first -"
	[[ "$stderr" == *"flat-quirks.json: note: element T9001 appears again; first kept"* ]]
	[[ "$stderr" == *"note: relationship ZZ-WRL-009 -> T9001 names a missing element ZZ-WRL-009; ignored"* ]]
	[[ "$stderr" == *"note: 1 repeated relationships; one of each kept"* ]]
}

@test "version comes from the document identifier when documents give none; stdin as -" {
	run --separate-stderr "$PROBE" - AB-WRL-001 < "$FIX/wrapped-noversion.json"
	assert_success
	assert_line -n 0 "version 3.0.1"
	assert_line "AB-WRL-001 work_role [R] category - T 0 K 0 S 1 parents first S0001"
	[ "$stderr" = 'nice-probe: <stdin>: note: no version in "documents"; taken from the document identifier' ]
}

@test "truncated JSON fails with file:line" {
	run --separate-stderr "$PROBE" "$FIX/truncated.json"
	assert_failure 1
	[ -z "$output" ]
	[[ "$stderr" == "nice-probe: $FIX/truncated.json:4: "* ]]
}

@test "JSON that is not a NICE export fails with a message" {
	run --separate-stderr "$PROBE" "$FIX/not-nice.json"
	assert_failure 1
	[ "$stderr" = "nice-probe: $FIX/not-nice.json: not a NICE components file (no \"elements\" array)" ]
}

@test "missing file fails with the system's reason" {
	run --separate-stderr "$PROBE" "$BATS_TEST_TMPDIR/none.json"
	assert_failure 1
	[ "$stderr" = "nice-probe: $BATS_TEST_TMPDIR/none.json: No such file or directory" ]
}

@test "hostile inputs do not crash the loader" {
	local f="$BATS_TEST_TMPDIR/h.json"
	for doc in '[]' 'null' '{"elements":{}}' '{"elements":[],"relationships":5}' \
	    '{"response":{"elements":[]}}' '{"documents":[{"version":""}],"elements":[1,2,{"element_identifier":5}]}' \
	    '{"documents":"x","elements":[{"element_type":"task","element_identifier":"T1","title":"\u00a0\u00a0","text":7}],"relationships":[{"source_element_identifier":"T1","dest_element_identifier":"T1"}]}'; do
		printf '%s' "$doc" > "$f"
		run "$PROBE" "$f" T1
		[ "$status" -le 1 ]
	done
	head -c 3000 /dev/urandom > "$f"
	run "$PROBE" "$f"
	assert_failure 1
}

@test "a v2.2.0-style flat file, even with a byte order mark, loads; NUL escapes do not" {
	local f="$BATS_TEST_TMPDIR/v22.json"
	printf '\357\273\277{"documents":[{"doc_identifier":"SP_800_181_2_2_0","version":"2.2.0"}],"relationship_types":[],"elements":[{"element_type":"work_role","element_identifier":"PD-WRL-003","title":"Incident Response","text":"","doc_identifier":"SP_800_181_2_2_0"},{"element_type":"task","element_identifier":"T0164","title":"","text":"caf\\u00e9 \\ud83d\\ude00","doc_identifier":"SP_800_181_2_2_0"}],"relationships":[{"source_element_identifier":"PD-WRL-003","dest_element_identifier":"T0164","relationship_identifier":"projection"}]}\n' > "$f"
	run --separate-stderr "$PROBE" "$f" PD-WRL-003
	assert_success
	assert_line -n 0 "version 2.2.0"
	assert_line "PD-WRL-003 work_role [Incident Response] category - T 1 K 0 S 0 parents first T0164"
	printf '{"elements":[{"element_type":"task","element_identifier":"T\\u0000"}]}' > "$f"
	run --separate-stderr "$PROBE" "$f"
	assert_failure 1
	[ "$stderr" = "nice-probe: $f:1: \\u0000 is not allowed" ]
}

@test "numbers jansson accepts load: a subnormal, a real of 450 digits; overflow does not" {
	# The loader refused underflow (1e-310) and any real over 399 bytes.
	local f="$BATS_TEST_TMPDIR/num.json"
	printf '{"x":[1e-310,-2.5e-320,0.%0450d1,1e-400],"elements":[{"element_type":"task","element_identifier":"T0001","title":" t "}]}' 0 > "$f"
	run --separate-stderr "$PROBE" "$f" T0001
	assert_success
	assert_line -n 0 "version unknown"
	assert_line -n 2 "elements 1"
	assert_line "T0001 task [t] category - T 0 K 0 S 0 parents first -"
	printf '{"x":1e400,"elements":[]}' > "$f"
	run --separate-stderr "$PROBE" "$f"
	assert_failure 1
	assert_equal "$stderr" "nice-probe: $f:1: number out of range"
	printf '{"x":-9%0400d,"elements":[]}' 0 > "$f"
	run --separate-stderr "$PROBE" "$f"
	assert_failure 1
	assert_equal "$stderr" "nice-probe: $f:1: integer out of range"
}

@test "a repeated key counts as jansson reads it: the last one, of whatever type" {
	# The loader used the first "response" and kept an "elements" array
	# that a later "elements": 5 replaced.
	local f="$BATS_TEST_TMPDIR/dup.json"
	printf '{"response":{"elements":{"elements":[{"element_type":"task","element_identifier":"T1"}]}},"response":1,"elements":[]}' > "$f"
	run --separate-stderr "$PROBE" "$f"
	assert_success
	assert_line -n 2 "elements 0"
	printf '{"elements":[{"element_type":"task","element_identifier":"T1"}],"elements":5}' > "$f"
	run --separate-stderr "$PROBE" "$f"
	assert_failure 1
	assert_equal "$stderr" "nice-probe: $f: not a NICE components file (no \"elements\" array)"
	printf '{"response":{"elements":{"elements":[{"element_type":"task","element_identifier":"T1"}],"elements":[{"element_type":"skill","element_identifier":"S1"}]}}}' > "$f"
	run --separate-stderr "$PROBE" "$f"
	assert_success
	assert_line -n 3 "work_role 0 task 0 knowledge 0 skill 1"
}
