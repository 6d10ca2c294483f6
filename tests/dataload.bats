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

# csf-plan reads each resource's members from its line (lib/tks/plan.c);
# a step's name still decodes the resource.
@test "resources are read from their lines: escapes and spacing; a bad one is named" {
	printf '%s\n' '{"type":"score","kind":"item","subject":"a","item":"K001","current":0,"target":2}' > "$BATS_TEST_TMPDIR/s2"
	run --separate-stderr sh -c "'$ROOT/bin/csf-gap' '$BATS_TEST_TMPDIR/s2' | '$ROOT/bin/csf-plan'"
	assert_success
	local plain="$output"
	assert_line -n 3 --partial '"step":1,"resource":"ip","name":"IT Passport exam","resource_kind":"knowledge","hours":100,"closes":["K001"]'
	sed -i '1s/.*/{ "type" : "resource", "id" : "\\u0069p", "name" : {"ja":"ITパスポート試験","en":"IT Passport exam"}, "kind" : "kn\\u006fwledge", "levels" : [ 0 , 2 ], "hours" : 1e2, "covers" : [ "K\\u0030\\u00301" , "K002", "K003" ], "source" : "csf test fixture" }/' "$D/resources.ndjson"
	grep -q '"covers" : \[ "K\\u0030\\u00301" ,' "$D/resources.ndjson"
	run --separate-stderr sh -c "'$ROOT/bin/csf-gap' '$BATS_TEST_TMPDIR/s2' | '$ROOT/bin/csf-plan'"
	assert_success
	assert_equal "$output" "$plain"
	sed -i '1s/"levels" : \[ 0 , 2 \]/"levels" : [ 2 ]/' "$D/resources.ndjson"
	run --separate-stderr sh -c "'$ROOT/bin/csf-gap' '$BATS_TEST_TMPDIR/s2' | '$ROOT/bin/csf-plan'"
	assert_failure 1
	assert_equal "$stderr" "csf-plan: $D/resources.ndjson: resource 1 (ip) needs \"id\", \"kind\" knowledge|practice, \"levels\" [FROM,TO] within 0-4 and \"hours\" (and \"years\" 1-50 when full_time)"
}

# csf-map-nice reads NICE work roles from their lines (lib/nice/nicemap.c),
# after validating each as building its tree would.
@test "NICE work roles are read from their lines: escapes and spacing; a broken one is named" {
	local N="$BATS_TEST_TMPDIR/nice"
	cp -rL "$FIX/nice/data" "$N"
	run --separate-stderr csf csf-map-nice --data "$N" -w OG-WRL-001
	assert_success
	local plain="$output"
	assert_line -n 0 '{"type":"nice_work_role","id":"OG-WRL-001","name":"Communications Security (COMSEC) Management","category":"OG","version":"2.1.0","counts":{"task":17,"knowledge":51,"skill":11},"roles":[]}'
	sed -i '62s/"name":{"en":"Communications Security (COMSEC) Management"}/"name" : { "en" : "Communications Security \\u0028COMSEC) Management" }/; 62s/"tasks":\["T1015"/"tasks" : [ "T101\\u0035"/' "$N/crosswalk.ndjson"
	grep -q '"name" : { "en" : "Communications Security \\u0028COMSEC) Management" }.*"tasks" : \[ "T101\\u0035"' "$N/crosswalk.ndjson"
	run --separate-stderr csf csf-map-nice --data "$N" -w OG-WRL-001
	assert_success
	assert_equal "$output" "$plain"
	sed -i '62s/Management/Manag\xffment/' "$N/crosswalk.ndjson"
	run --separate-stderr csf csf-map-nice --data "$N" -w OG-WRL-001
	assert_failure 1
	assert_equal "$stderr" "csf-map-nice: $N/crosswalk.ndjson:62: invalid UTF-8"
}
