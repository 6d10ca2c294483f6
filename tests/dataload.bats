#!/usr/bin/env bats
# Reference data is read lazily: a tool reads the files of the record
# types it uses, takes ids and role lists from the lines' text, and
# decodes a record only when it uses more of it. Broken lines are still
# reported with file and line, never used silently.

load helper

setup() {
	D="$BATS_TEST_TMPDIR/data"
	cp -rL "$FIX/assess/data" "$D"
	export CSF_DATADIR="$D"
	printf '%s\n' '{"type":"score","kind":"item","subject":"a","item":"K001","current":1,"target":3}' > "$BATS_TEST_TMPDIR/scores"
}

@test "a cut line in a data file stops every tool that reads the file" {
	printf '%s\n' '{"type":"task","id":"T009","roles":["R03"],"text":{"ja":"途中' >> "$D/tks.ndjson"
	run --separate-stderr csf csf-gap "$BATS_TEST_TMPDIR/scores"
	assert_failure 1
	assert_equal "$stderr" "csf-gap: $D/tks.ndjson:10: invalid JSON: unterminated string"
	run --separate-stderr csf csf-roles --role R03
	assert_failure 1
	assert_equal "$stderr" "csf-roles: $D/tks.ndjson:10: invalid JSON: unterminated string"
}

@test "a record with no type stops the tool at load" {
	printf '%s\n' '{"id":"T009"}' >> "$D/tks.ndjson"
	run --separate-stderr csf csf-gap "$BATS_TEST_TMPDIR/scores"
	assert_failure 1
	assert_equal "$stderr" "csf-gap: $D/tks.ndjson:10: record has no \"type\""
}

@test "a bad string in a record is reported when the record is used" {
	sed -i '4s/"en":"Threats and vulnerabilities"/"en":"Threats \\q"/' "$D/tks.ndjson"
	# csf-gap needs K001's id and roles only: the same gaps as before
	run --separate-stderr csf csf-gap "$BATS_TEST_TMPDIR/scores"
	assert_success
	assert_line -n 1 '{"type":"gap","kind":"item","subject":"a","item":"K001","class":"knowledge","current":1,"target":3,"gap":2,"severity":"medium"}'
	# listing the role's items decodes K001's record: its line is named
	run --separate-stderr csf csf-roles --role R03
	assert_failure 1
	assert_equal "$stderr" "csf-roles: $D/tks.ndjson:4: invalid JSON: invalid escape in string"
}

@test "ids and roles come from the text, escapes and spacing included" {
	# K001 spelled with escapes and spaces: still K001, still in R03
	sed -i '4s/.*/{ "type" : "knowledge", "id" : "K\\u0030\\u00301", "roles" : [ "R\\u00303" ], "text" : {"ja":"脅威","en":"Threats"}, "nice" : [], "source" : "csf test fixture" }/' "$D/tks.ndjson"
	run --separate-stderr csf csf-gap "$BATS_TEST_TMPDIR/scores"
	assert_success
	assert_line -n 1 '{"type":"gap","kind":"item","subject":"a","item":"K001","class":"knowledge","current":1,"target":3,"gap":2,"severity":"medium"}'
	run --separate-stderr csf csf-roles --role R03 --format json
	assert_success
	assert_line --partial '"id":"K001","roles":["R03"],"text":{"ja":"脅威","en":"Threats"}'
}
