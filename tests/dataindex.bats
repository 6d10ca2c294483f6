#!/usr/bin/env bats
# The compact index of each data file (NAME.idx beside NAME.ndjson, which
# `make` writes with scripts/mkindex): the tools start from it when it
# matches its file's size and bytes, and read the file's text as before
# when it is missing, stale or damaged: the answers are the same either
# way, errors included.

load helper

# index DIR: write the index of every data file in DIR
index() {
	for f in "$1"/*.ndjson; do
		"$ROOT/scripts/mkindex" "$f" "${f%.ndjson}.idx" || return 1
	done
}

setup() {
	D="$BATS_TEST_TMPDIR/data"        # the shipped data with indexes
	T="$BATS_TEST_TMPDIR/text"        # the same without
	mkdir -p "$D" "$T"
	cp "$ROOT"/share/csf/*.ndjson "$D/"
	cp "$ROOT"/share/csf/*.ndjson "$T/"
	index "$D"
	awk -v n=2 -v k=3 -f "$ROOT/bench/gen.awk" > "$BATS_TEST_TMPDIR/in"
	csf csf-assess "$BATS_TEST_TMPDIR/in" | csf csf-gap > "$BATS_TEST_TMPDIR/gaps"
}

# same ARGS...: the tool gives the same stdout, stderr and exit status
# with the data of $D as with the text alone ($T)
same() {
	local tool=$1; shift
	CSF_DATADIR="$D" run --separate-stderr csf "$tool" "$@"
	local out=$output err=$stderr st=$status
	CSF_DATADIR="$T" run --separate-stderr csf "$tool" "$@"
	assert_equal "$st" "$status"
	assert_equal "$out" "$output"
	assert_equal "${err//$D/DIR}" "${stderr//$T/DIR}"
}

# every TOOL ARGS: the tools that read each data file
every() {
	same csf-plan "$BATS_TEST_TMPDIR/gaps"
	same csf-plan --years 3 --lang ja "$BATS_TEST_TMPDIR/gaps"
	same csf-roles
	same csf-roles --role R03
	same csf-roles --role R03 -t knowledge
	same csf-roles -t task,skill
	same csf-roles --persona P01
	same csf-roles -s log
	same csf-map-nice "$BATS_TEST_TMPDIR/gaps"
	same csf-map-nice --reverse T1023
	same csf-map-nice --reverse T1023 T1024 K0004 K0005 S0001 T1100 OG-WRL-001
	same csf-map-nice --work-role PD-WRL-003
	same csf-map-nice --coverage --role R05 "$BATS_TEST_TMPDIR/gaps"
	same csf-render -f md "$BATS_TEST_TMPDIR/gaps"
	same csf-assess "$ROOT/share/csf/examples/mgmt-answers.ndjson"
	same csf-assess "$ROOT/share/csf/examples/orgs-east.ndjson"
}

@test "make wrote an index beside every shipped data file" {
	for f in "$ROOT"/share/csf/*.ndjson; do
		[ -s "${f%.ndjson}.idx" ] || fail "no index for $f"
		[ "${f%.ndjson}.idx" -nt "$f" ] || [ ! "$f" -nt "${f%.ndjson}.idx" ] || fail "stale index for $f"
	done
}

@test "with an index the tools answer as from the text" {
	every
}

@test "a stale index is not used: an edit of the same size, and a longer one" {
	# R03's first task moves to R04: the file keeps its size
	id=$(csf csf-roles --role R03 -t task -f text | head -1 | cut -f1)
	size=$(wc -c < "$D/tks.ndjson")
	for d in "$D" "$T"; do
		sed -i "/\"id\":\"$id\"/s/\"R03\"/\"R04\"/" "$d/tks.ndjson"
	done
	assert_equal "$(wc -c < "$D/tks.ndjson")" "$size"
	CSF_DATADIR="$D" run csf csf-roles --role R03 -t task -f text
	refute_output --partial "$id"
	every
	# a record added at the end
	for d in "$D" "$T"; do
		printf '%s\n' '{"type":"task","id":"T999","roles":["R03"],"text":{"ja":"追加","en":"Added"},"source":"csf test"}' >> "$d/tks.ndjson"
	done
	CSF_DATADIR="$D" run csf csf-roles --role R03 -t task -f text --lang en
	assert_line $'T999\tAdded'
	every
}

@test "a damaged index is ignored: truncated, a byte changed, another file's, empty, garbage" {
	cp "$D/tks.idx" "$BATS_TEST_TMPDIR/good"
	size=$(wc -c < "$BATS_TEST_TMPDIR/good")
	head -c $((size - 7)) "$BATS_TEST_TMPDIR/good" > "$D/tks.idx"
	every
	# one byte of the body (an offset, a string) changed
	cp "$BATS_TEST_TMPDIR/good" "$D/tks.idx"
	printf '\377' | dd of="$D/tks.idx" bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
	cmp -s "$D/tks.idx" "$BATS_TEST_TMPDIR/good" && fail "the byte did not change"
	every
	cp "$D/roles.idx" "$D/tks.idx"
	every
	: > "$D/tks.idx"
	every
	head -c "$size" /dev/urandom > "$D/tks.idx"
	every
	# a directory where the index would be
	rm "$D/tks.idx"
	mkdir "$D/tks.idx"
	every
}

@test "a broken line is reported the same with an index: at load, and when used" {
	for d in "$D" "$T"; do
		printf '%s\n' '{"type":"task","id":"T009","roles":["R03"],"text":{"ja":"途中' >> "$d/tks.ndjson"
	done
	index "$D"
	same csf-roles --role R03
	assert_failure 1
	assert_equal "$stderr" "csf-roles: $T/tks.ndjson:$(wc -l < "$T/tks.ndjson"): invalid JSON: unterminated string"
	# a bad escape in a resource's name: the plan that names it stops
	cp "$ROOT"/share/csf/tks.ndjson "$D/"
	cp "$ROOT"/share/csf/tks.ndjson "$T/"
	for d in "$D" "$T"; do
		sed -i 's/"name":{"ja":"\([^"]*\)"/"name":{"ja":"\1\\q"/' "$d/resources.ndjson"
	done
	index "$D"
	same csf-plan "$BATS_TEST_TMPDIR/gaps"
	assert_failure 1
	assert_regex "$stderr" "^csf-plan: $T/resources.ndjson:[0-9]+: invalid JSON: invalid escape in string\$"
	# a record with no type
	cp "$ROOT"/share/csf/resources.ndjson "$D/"
	cp "$ROOT"/share/csf/resources.ndjson "$T/"
	for d in "$D" "$T"; do
		printf '%s\n' '{"id":"X1"}' >> "$d/roles.ndjson"
	done
	index "$D"
	same csf-roles
	assert_failure 1
	assert_equal "$stderr" "csf-roles: $T/roles.ndjson:$(wc -l < "$T/roles.ndjson"): record has no \"type\""
}

@test "keys and ids with escapes, a BOM and CRLF lines read as from the text" {
	for d in "$D" "$T"; do
		sed -i '1s/^/\xef\xbb\xbf/; s/$/\r/' "$d/tks.ndjson"
		sed -i '2s/"roles"/"rol\\u0065s"/; 3s/"id":"T/"id":"\\u0054/; 3s/"id":"K/"id":"\\u004b/; 3s/"id":"S/"id":"\\u0053/' "$d/tks.ndjson"
	done
	index "$D"
	every
}

# A line the index marks as written as csf_emit would write it is copied
# (csf-roles); any other is decoded and written compact, as without one.
@test "a line in another spelling is written compact, with an index as without" {
	id=$(csf csf-roles --role R03 -t knowledge -f text | head -1 | cut -f1)
	for d in "$D" "$T"; do
		sed -i "/\"id\":\"$id\"/s/,\"/, \"/g" "$d/tks.ndjson"
	done
	grep -q "\"id\":\"$id\", " "$D/tks.ndjson" || fail "not respelled"
	index "$D"
	CSF_DATADIR="$D" run --separate-stderr csf csf-roles --role R03 -t knowledge
	assert_success
	assert_line --index 0 --partial "{\"type\":\"knowledge\",\"id\":\"$id\",\"roles\":["
	every
}

@test "mkindex: a missing file or an unwritable place fails with the reason" {
	run "$ROOT/scripts/mkindex" "$BATS_TEST_TMPDIR/none.ndjson" "$BATS_TEST_TMPDIR/none.idx"
	assert_failure 1
	run "$ROOT/scripts/mkindex" "$D/tks.ndjson" "$BATS_TEST_TMPDIR/no/such/dir/tks.idx"
	assert_failure 1
	assert_output --partial 'No such file or directory'
	run "$ROOT/scripts/mkindex"
	assert_failure 2
}
