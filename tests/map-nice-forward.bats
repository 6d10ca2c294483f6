#!/usr/bin/env bats
# csf-map-nice forward: records naming an item or role of the data are
# mapped from their lines (no parse), each item's map written once. The
# expected maps were worked out by hand from tests/fixtures/nice/data:
# T005 lists NICE T0164, which PD-WRL-001 and PD-WRL-003 list among their
# tasks (in that order in crosswalk.ndjson); K002 lists K1329, which no
# work role lists; K002 belongs to R07, whose crosswalk names
# セキュリティ調査分析・研究開発 (ITSS01), インシデント調査・分析,
# サイバーセキュリティ事件・事故担当 and no CSIJ role.

load helper

V20="$NICE_DIR/nice_components_v2.0.0.json"
FD="$FIX/nice/data"

fixture() { csf csf-map-nice --data "$FD" "$@"; }

T005='{"nice":{"version":"2.1.0","work_roles":[{"id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD"},{"id":"PD-WRL-003","name":"Incident Response","category":"PD"}],"items":[{"id":"T0164","kind":"task"}]}}'

@test "forward: every record of an item gets the same map, however it spells the item" {
	run --separate-stderr fixture <<'EOF'
{"type":"gap","subject":"a","item":"T005","gap":1}
{"type":"score","subject":"b","item":"T00\u0035","current":1}
{"type":"gap","subject":"c","item":"T001","item":"T005"}
{ "type" : "gap" , "item" : "T005" }
{"type":"task","id":"T005"}
{"type":"gap","subject":"d","item":"T005","map":null}
{"type":"g\u0061p","item":"T005"}
EOF
	assert_success
	[ -z "$stderr" ]
	assert_line -n 0 '{"type":"gap","subject":"a","item":"T005","gap":1,"map":'"$T005"'}'
	assert_line -n 1 '{"type":"score","subject":"b","item":"T00\u0035","current":1,"map":'"$T005"'}'
	assert_line -n 2 '{"type":"gap","subject":"c","item":"T001","item":"T005","map":'"$T005"'}'
	assert_line -n 3 '{ "type" : "gap" , "item" : "T005" ,"map":'"$T005"'}'
	assert_line -n 4 '{"type":"task","id":"T005","map":'"$T005"'}'
	# a record that has a map already is rewritten, the map replaced
	assert_line -n 5 '{"type":"gap","subject":"d","item":"T005","map":'"$T005"'}'
	# an escaped type is read from the parsed record; the bytes stay
	assert_line -n 6 '{"type":"g\u0061p","item":"T005","map":'"$T005"'}'
	[ "${#lines[@]}" -eq 7 ]
}

@test "forward: a NICE ID no work role lists is named by its prefix; crosswalks from the item's role" {
	run --separate-stderr fixture --to nice,itss,secbok,jinzai,csij --lang en <<'EOF'
{"type":"gap","subject":"a","item":"K002","gap":2}
{"type":"knowledge","id":"K002"}
EOF
	assert_success
	local map='{"nice":{"version":"2.1.0","work_roles":[],"items":[{"id":"K1329","kind":"knowledge"}]},"itss_plus":[{"id":"ITSS01","name":"Security investigation, analysis and R&D"}],"secbok":["インシデント調査・分析"],"jinzai_ref":["サイバーセキュリティ事件・事故担当"],"csij":[]}'
	assert_line -n 0 '{"type":"gap","subject":"a","item":"K002","gap":2,"map":'"$map"'}'
	assert_line -n 1 '{"type":"knowledge","id":"K002","map":'"$map"'}'
	# a target that says nothing of items leaves the record as it is
	run fixture --to nice1 <<< '{"type":"gap","item":"K002"}'
	assert_success
	assert_output '{"type":"gap","item":"K002"}'
}

@test "forward: a gap or score naming a role gets the role's map, as the role record does" {
	run --separate-stderr fixture --to nice,secbok <<'EOF'
{"type":"gap","subject":"a","kind":"role","role":"R03","gap":1}
{"type":"role","id":"R03"}
{"type":"score","subject":"a","kind":"role","role":"R99"}
EOF
	assert_failure 1
	local map='{"nice":{"version":"2.1.0","work_roles":[{"id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD"}]},"secbok":["監視・運用"]}'
	assert_line -n 0 '{"type":"gap","subject":"a","kind":"role","role":"R03","gap":1,"map":'"$map"'}'
	assert_line -n 1 '{"type":"role","id":"R03","map":'"$map"'}'
	[ "${#lines[@]}" -eq 2 ]
	[ "$stderr" = "csf-map-nice: <stdin>:3: unknown role R99" ]
}

@test "forward --nice v2.0.0: gap records get the texts of that version, as the item's record does" {
	# as tests/map-nice.bats pins for the task record: T2052 is new in v2.1.0
	local map='{"nice":{"version":"2.0.0","work_roles":[{"id":"PD-WRL-002","name":"Digital Forensics","category":"PD"},{"id":"IN-WRL-002","name":"Digital Evidence Analysis","category":"IN"}],"items":[{"id":"T0167","kind":"task","text":"Perform file signature analysis"},{"id":"T2052","missing":true}]}}'
	run --separate-stderr fixture --nice "$V20" <<'EOF'
{"type":"gap","subject":"a","item":"T003","gap":1}
{"type":"task","id":"T003"}
EOF
	assert_success
	assert_line -n 0 '{"type":"gap","subject":"a","item":"T003","gap":1,"map":'"$map"'}'
	assert_line -n 1 '{"type":"task","id":"T003","map":'"$map"'}'
}

@test "forward: an item whose data line is bad stops the run at that line, read from the line or not" {
	mkdir "$BATS_TEST_TMPDIR/data"
	cp "$FD"/*.ndjson "$BATS_TEST_TMPDIR/data/"
	# T001 stays readable for the index of the file, but is no JSON
	sed -i 's/"Watch logs"/"Watch \\q logs"/' "$BATS_TEST_TMPDIR/data/tks.ndjson"
	for rec in '{"type":"gap","item":"T001"}' '{"type":"task","id":"T001"}'; do
		run --separate-stderr csf csf-map-nice --data "$BATS_TEST_TMPDIR/data" --keep-going <<< "$rec"
		assert_failure 1
		[ "$stderr" = "csf-map-nice: $BATS_TEST_TMPDIR/data/tks.ndjson:1: invalid JSON: invalid escape in string" ]
		[ -z "$output" ]
	done
	# another item maps as before
	run csf csf-map-nice --data "$BATS_TEST_TMPDIR/data" <<< '{"type":"gap","item":"T005"}'
	assert_success
	assert_output '{"type":"gap","item":"T005","map":'"$T005"'}'
}

# R04's ITSS+ list as a copy of the fixture has it, then with a cell naming
# two areas (セキュリティ統括 is ITSS13; セキュリティ監視・運用, ITSS15, is
# R03's already), a name of no area twice and a number. K001 belongs to
# R03 and R04: each area and name once, in the roles' order.
XW_K001='{"itss_plus":[{"id":"ITSS15","name":"Security monitoring and operation"},{"id":"ITSS13","name":"Security governance and coordination"},{"name":"未知の分野"}],"secbok":["監視・運用","対処 (インシデントハンドリング)"]}'

@test "forward: role-level crosswalks from the roles' lines: a cell naming two areas, repeats once, non-strings skipped; an escaped name reads the same" {
	local d="$BATS_TEST_TMPDIR/data" cell='"セキュリティ統括、セキュリティ監視・運用","未知の分野","未知の分野",7'
	mkdir -p "$d"
	cp "$FD/tks.ndjson" "$FD/crosswalk.ndjson" "$d/"
	sed '/"id":"R04"/s/"itss_plus":\["セキュリティ監視・運用"\]/"itss_plus":['"$cell"']/' "$FD/roles.ndjson" > "$d/roles.ndjson"
	grep -q '未知の分野' "$d/roles.ndjson"
	run --separate-stderr csf csf-map-nice --data "$d" --to itss,secbok --lang en <<< '{"type":"gap","item":"K001"}'
	assert_success
	assert_output '{"type":"gap","item":"K001","map":'"$XW_K001"'}'
	# the same name escaped (未 is U+672A) goes the parsing way: same map
	sed -i 's/"未知の分野","未知の分野"/"\\u672a知の分野","未知の分野"/' "$d/roles.ndjson"
	grep -q 'u672a' "$d/roles.ndjson"
	run --separate-stderr csf csf-map-nice --data "$d" --to itss,secbok --lang en <<< '{"type":"gap","item":"K001"}'
	assert_success
	assert_output '{"type":"gap","item":"K001","map":'"$XW_K001"'}'
}
