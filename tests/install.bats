#!/usr/bin/env bats
# make install lays out bin, data and man pages, and an installed tool
# finds its data without CSF_DATADIR.

load helper

@test "make install PREFIX DESTDIR: tools run from the staged tree and find their data" {
	dest="$BATS_TEST_TMPDIR/stage"
	run make -s -C "$ROOT" install PREFIX=/opt/csf DESTDIR="$dest"
	assert_success
	for t in "$ROOT"/bin/csf-*; do
		[ -x "$dest/opt/csf/bin/$(basename "$t")" ] || fail "$(basename "$t") not installed"
		[ -f "$dest/opt/csf/share/man/man1/$(basename "$t").1" ] || fail "$(basename "$t").1 not installed"
	done
	[ -f "$dest/opt/csf/share/man/man7/csf.7" ]
	[ -f "$dest/opt/csf/share/csf/roles.ndjson" ]
	# each data file's index beside it, as fresh as in the tree
	for f in "$ROOT"/share/csf/*.ndjson; do
		cmp -s "${f%.ndjson}.idx" "$dest/opt/csf/share/csf/$(basename "${f%.ndjson}").idx" || fail "$(basename "$f"): its index is not installed"
	done
	unset CSF_DATADIR
	run "$dest/opt/csf/bin/csf-roles" --role 3 -t role
	assert_success
	assert_output --partial '"id":"R03"'
	run "$dest/opt/csf/bin/csf-check" "$dest/opt/csf/share/csf/roles.ndjson" "$dest/opt/csf/share/csf/tks.ndjson"
	assert_success
}

@test "--data beats CSF_DATADIR, which beats the data beside the binary" {
	mkdir -p "$BATS_TEST_TMPDIR/d1" "$BATS_TEST_TMPDIR/d2"
	echo '{"type":"role","id":"R01","no":1,"name":{"ja":"一","en":"one"},"source":"test"}' > "$BATS_TEST_TMPDIR/d1/roles.ndjson"
	echo '{"type":"role","id":"R01","no":1,"name":{"ja":"二","en":"two"},"source":"test"}' > "$BATS_TEST_TMPDIR/d2/roles.ndjson"
	CSF_DATADIR="$BATS_TEST_TMPDIR/d1" run csf csf-roles -f text --lang en --data "$BATS_TEST_TMPDIR/d2"
	assert_output $'R01\ttwo'
	CSF_DATADIR="$BATS_TEST_TMPDIR/d1" run csf csf-roles -f text --lang en
	assert_output $'R01\tone'
	unset CSF_DATADIR
	run csf csf-roles -f text --lang en
	assert_line --index 0 $'R01\tDecision-making and strategy'
}
