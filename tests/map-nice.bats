#!/usr/bin/env bats
# csf-map-nice: the NICE crosswalk. Counts against NIST's files were taken
# with jq from ../shared/nice (the commands are in the comments); mappings
# against the small data set in fixtures/nice/data were worked out by hand
# from its roles.ndjson and tks.ndjson.

load helper

V21="$NICE_DIR/nice_components_v2.1.0_cprt.json"
V20="$NICE_DIR/nice_components_v2.0.0.json"
FD="$FIX/nice/data"

mapn() { csf csf-map-nice "$@"; }
fixture() { csf csf-map-nice --data "$FD" "$@"; }

# --- work roles against NIST's file ---------------------------------------

@test "work role: exact counts for Incident Response match NIST's v2.1.0 file" {
	# jq: relationships with source PD-WRL-003, by the type of their
	# destination: 29 task, 55 knowledge, 23 skill (+ 1 opm_code, 1 sort)
	run --separate-stderr fixture --nice "$V21" --work-role PD-WRL-003
	assert_success
	[ -z "$stderr" ]
	assert_line -n 0 '{"type":"nice_work_role","id":"PD-WRL-003","name":"Incident Response","category":"PD","version":"2.1.0","text":"Responsible for investigating, analyzing, and responding to network cybersecurity incidents.","counts":{"task":29,"knowledge":55,"skill":23},"roles":["R04"]}'
	[ "${#lines[@]}" -eq 108 ]
	[ "$(printf '%s\n' "${lines[@]}" | grep -c '"kind":"task"')" -eq 29 ]
	[ "$(printf '%s\n' "${lines[@]}" | grep -c '"kind":"knowledge"')" -eq 55 ]
	[ "$(printf '%s\n' "${lines[@]}" | grep -c '"kind":"skill"')" -eq 23 ]
	# tasks first, in the file's order, with NIST's text and our items
	assert_line -n 1 '{"type":"nice_item","work_role":"PD-WRL-003","id":"T0164","kind":"task","text":"Perform cyber defense trend analysis and reporting","items":["T002","T005"]}'
}

@test "work role: v2.0.0 file, its two dangling links to PD-WRL-001 left out" {
	# jq on v2.0.0: PD-WRL-001 links 43 tasks, 125 knowledge, 38 skills and
	# two IDs that are not elements of the file (T1385, S0873)
	run --separate-stderr mapn --nice "$V20" -w PD-WRL-001
	assert_success
	assert_line -n 0 --partial '"version":"2.0.0"'
	assert_line -n 0 --partial '"counts":{"task":43,"knowledge":125,"skill":38}'
	[[ "$stderr" == *"relationship PD-WRL-001 -> T1385 names a missing element T1385; ignored"* ]]
}

@test "work role: share/csf alone gives the same lists as NIST's file, without texts" {
	run mapn -w OG-WRL-003 -w DD-WRL-009
	assert_success
	local plain="$output"
	run bash -c "'$ROOT/bin/csf-map-nice' --nice '$V21' -w OG-WRL-003 -w DD-WRL-009 | jq -c 'del(.text)'"
	assert_success
	[ "$output" = "$plain" ]
	# OG-WRL-003 lists 58 tasks, 54 knowledge, 20 skills in v2.1.0
	[[ "$plain" == *'"id":"OG-WRL-003","name":"Cybersecurity Workforce Management","category":"OG","version":"2.1.0","counts":{"task":58,"knowledge":54,"skill":20}'* ]]
}

@test "work role: an unknown ID or another kind of element is refused" {
	run --separate-stderr mapn -w PD-WRL-099
	assert_failure 1
	[ "$stderr" = "csf-map-nice: PD-WRL-099: no such work role in NICE 2.1.0" ]
	run --separate-stderr mapn --nice "$V21" -w T0164
	assert_failure 1
	[ "$stderr" = "csf-map-nice: T0164 is a NICE task, not a work role" ]
}

# --- diff ------------------------------------------------------------------

@test "diff v2.0.0 -> v2.1.0: counts, and v2.0.0's quirks reported, not fatal" {
	# Counted independently with jq after the same repairs (NBSP -> space,
	# trim, drop links to missing elements, ignore links to sort elements):
	# added 45 (34 K, 7 S, 4 T), removed 9 (3 K, 5 S, 1 sort), changed 17
	# (11 work roles, 3 sort, 2 competency areas, 1 category).
	run --separate-stderr mapn --diff "$V20" "$V21"
	assert_success
	assert_line -n -1 '{"type":"nice_diff_summary","old":"2.0.0","new":"2.1.0","added":45,"removed":9,"changed":17,"by_kind":{"sort":{"added":0,"removed":1,"changed":3},"work_role":{"added":0,"removed":0,"changed":11},"knowledge":{"added":34,"removed":3,"changed":0},"skill":{"added":7,"removed":5,"changed":0},"category":{"added":0,"removed":0,"changed":1},"competency_area":{"added":0,"removed":0,"changed":2},"task":{"added":4,"removed":0,"changed":0}}}'
	[ "${#lines[@]}" -eq 72 ]
	assert_line '{"type":"nice_diff","id":"T2052","kind":"task","change":"added"}'
	assert_line '{"type":"nice_diff","id":"K1221","kind":"knowledge","change":"removed"}'
	assert_line '{"type":"nice_diff","id":"OG-WRL-010","kind":"work_role","change":"changed","fields":["text","links"]}'
	# the NBSP in v2.0.0's "Cybersecurity Workforce\u00a0Management" is no change
	refute_line --partial '"id":"OG-WRL-003","kind":"work_role","change":"changed","fields":["title"'
	[ "$(printf '%s\n' "$stderr" | grep -c 'nice_components_v2.0.0.json: note: relationship .* names a missing element')" -eq 4 ]
	[[ "$stderr" == *"nice_components_v2.0.0.json: note: trimmed non-breaking or stray spaces in 8 titles and 12 texts"* ]]
}

@test "diff of a file with itself is empty" {
	run --separate-stderr mapn --diff "$V21" "$V21"
	assert_success
	assert_output '{"type":"nice_diff_summary","old":"2.1.0","new":"2.1.0","added":0,"removed":0,"changed":0,"by_kind":{}}'
}

# --- forward ---------------------------------------------------------------

@test "forward: items and roles get their NICE work roles and IDs; others pass byte for byte" {
	run fixture <<'EOF'
{"type": "meta",  "note":"kept as is"}
{"type":"task","id":"T002"}
{"type":"role","id":"R04"}
{"type":"gap","subject":"a","item":"T003","gap":1}
{"type":"score","subject":"a","kind":"role","role":"R12"}
{"type":"score","subject":"a","kind":"directive","item":"5-7"}
EOF
	assert_success
	assert_line -n 0 '{"type": "meta",  "note":"kept as is"}'
	assert_line -n 1 '{"type":"task","id":"T002","map":{"nice":{"version":"2.1.0","work_roles":[{"id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD"},{"id":"PD-WRL-003","name":"Incident Response","category":"PD"}],"items":[{"id":"T0164","kind":"task"},{"id":"T0262","kind":"task"}]}}}'
	assert_line -n 2 '{"type":"role","id":"R04","map":{"nice":{"version":"2.1.0","work_roles":[{"id":"PD-WRL-003","name":"Incident Response","category":"PD"},{"id":"PD-WRL-002","name":"Digital Forensics","category":"PD"}]}}}'
	assert_line -n 3 '{"type":"gap","subject":"a","item":"T003","gap":1,"map":{"nice":{"version":"2.1.0","work_roles":[{"id":"PD-WRL-002","name":"Digital Forensics","category":"PD"},{"id":"IN-WRL-001","name":"Cybercrime Investigation","category":"IN"},{"id":"IN-WRL-002","name":"Digital Evidence Analysis","category":"IN"}],"items":[{"id":"T0167","kind":"task"},{"id":"T2052","kind":"task"}]}}}'
	assert_line -n 4 '{"type":"score","subject":"a","kind":"role","role":"R12","map":{"nice":{"version":"2.1.0","work_roles":[{"id":"DD-WRL-003","name":"Secure Software Development","category":"DD"},{"id":"DD-WRL-004","name":"Secure Systems Development","category":"DD"}]}}}'
	assert_line -n 5 '{"type":"score","subject":"a","kind":"directive","item":"5-7"}'
	[ "${#lines[@]}" -eq 6 ]
}

@test "forward with --nice: NIST's texts; an ID the loaded version lacks is flagged" {
	# T2052 is new in v2.1.0
	run --separate-stderr fixture --nice "$V20" <<< '{"type":"task","id":"T003"}'
	assert_success
	assert_output '{"type":"task","id":"T003","map":{"nice":{"version":"2.0.0","work_roles":[{"id":"PD-WRL-002","name":"Digital Forensics","category":"PD"},{"id":"IN-WRL-002","name":"Digital Evidence Analysis","category":"IN"}],"items":[{"id":"T0167","kind":"task","text":"Perform file signature analysis"},{"id":"T2052","missing":true}]}}}'
}

@test "forward: a stream record's own nice list is used" {
	run fixture <<< '{"type":"skill","id":"S900","nice":["S0077"]}'
	assert_success
	assert_output '{"type":"skill","id":"S900","nice":["S0077"],"map":{"nice":{"version":"2.1.0","work_roles":[{"id":"IO-WRL-004","name":"Network Operations","category":"IO"},{"id":"PD-WRL-003","name":"Incident Response","category":"PD"},{"id":"PD-WRL-004","name":"Infrastructure Support","category":"PD"}],"items":[{"id":"S0077","kind":"skill"}]}}}'
}

@test "forward --to itss,secbok,jinzai,csij: names resolved, aliases and width folded" {
	# R12 lists デジタルシステムアーキテクチャ (an alias of ITSS08) and
	# デジタルプロダクト開発 (ITSS16); K001 belongs to R03 and R04, which
	# both list セキュリティ監視・運用 (ITSS15) once.
	run fixture --to itss,secbok,jinzai,csij --lang ja <<'EOF'
{"type":"role","id":"R12"}
{"type":"knowledge","id":"K001"}
EOF
	assert_success
	assert_line -n 0 '{"type":"role","id":"R12","map":{"itss_plus":[{"id":"ITSS08","name":"システムアーキテクチャ"},{"id":"ITSS16","name":"デジタルプロダクト開発"}],"secbok":["セキュリティ設計","開発"],"jinzai_ref":[],"csij":["クラウドセキュリティプロフェッショナル"]}}'
	assert_line -n 1 '{"type":"knowledge","id":"K001","map":{"itss_plus":[{"id":"ITSS15","name":"セキュリティ監視・運用"}],"secbok":["監視・運用","対処 (インシデントハンドリング)"],"jinzai_ref":["SOC担当","CSIRT責任者/担当","サイバーセキュリティ事件・事故担当"],"csij":["インシデントハンドラー"]}}'
	# one cell naming two areas, as the 2026 guide's table prints for audit;
	# a name that is no area is kept, without an id
	run fixture --to itss --lang en <<< '{"type":"role","id":"R99","crosswalk":{"itss_plus":["セキュリティ監査、システム監査","監査"]}}'
	assert_output '{"type":"role","id":"R99","crosswalk":{"itss_plus":["セキュリティ監査、システム監査","監査"]},"map":{"itss_plus":[{"id":"ITSS03","name":"Security audit"},{"id":"ITSS02","name":"System audit"},{"name":"監査"}]}}'
}

@test "forward --to nice1,csf: a function's NICE 1.0 areas and CSF categories" {
	# interim report row 8: 7-5; BE, RP (response), RP (recovery)
	run mapn --to nice1,csf --lang en <<< '{"type":"gap","subject":"x","function":"F08"}'
	assert_success
	assert_output '{"type":"gap","subject":"x","function":"F08","map":{"nice1":[{"code":"7-5","name":"Strategic Planning and Policy Development"}],"csf":[{"code":"ID.BE","name":"Business Environment"},{"code":"RS.RP","name":"Response Planning"},{"code":"RC.RP","name":"Recovery Planning"}]}}'
	# row 42 has a single IM whose column is lost
	run mapn --to csf <<< '{"type":"function","id":"F42"}'
	assert_output '{"type":"function","id":"F42","map":{"csf":[{"code":"IM","maybe":["RS.IM","RC.IM"],"name":"Improvements"}]}}'
}

# --- reverse ---------------------------------------------------------------

@test "reverse: NICE work roles to our roles, with the strength of each pairing" {
	# PD-WRL-002 <- R04 (maps 2 work roles) and R07 (maps 1); PD-WRL-001 <- R03 only
	run fixture --reverse PD-WRL-002 PD-WRL-001
	assert_success
	assert_line -n 0 '{"type":"reverse","to":"nice","id":"PD-WRL-002","kind":"work_role","name":"Digital Forensics","category":"PD","roles":[{"id":"R04","name":"Incident response","strength":"many-to-many","maps_to":2},{"id":"R07","name":"Forensics","strength":"many-to-one","maps_to":1}]}'
	assert_line -n 1 '{"type":"reverse","to":"nice","id":"PD-WRL-001","kind":"work_role","name":"Defensive Cybersecurity","category":"PD","roles":[{"id":"R03","name":"Monitoring","strength":"one-to-one","maps_to":1}]}'
}

@test "reverse: NICE tasks to our items and roles; a category stands for its work roles" {
	# T0164 <- T002 (maps 2) and T005 (maps 1); T0262 <- T002 only
	run fixture -r T0164 T0262 IN
	assert_success
	assert_line -n 0 '{"type":"reverse","to":"nice","id":"T0164","kind":"task","work_roles":["PD-WRL-001","PD-WRL-003"],"items":[{"id":"T002","kind":"task","roles":["R04"],"strength":"many-to-many","maps_to":2},{"id":"T005","kind":"task","roles":["R03"],"strength":"many-to-one","maps_to":1}],"roles":["R04","R03"]}'
	assert_line -n 1 '{"type":"reverse","to":"nice","id":"T0262","kind":"task","work_roles":["PD-WRL-003"],"items":[{"id":"T002","kind":"task","roles":["R04"],"strength":"one-to-many","maps_to":2}],"roles":["R04"]}'
	assert_line -n 2 '{"type":"reverse","to":"nice","id":"IN","kind":"category","name":"INVESTIGATION","work_roles":["IN-WRL-001","IN-WRL-002"],"roles":[]}'
}

@test "reverse: keys from records (a work role listing piped back)" {
	run bash -c "'$ROOT/bin/csf-map-nice' --data '$FD' -w PD-WRL-003 | '$ROOT/bin/csf-map-nice' --data '$FD' -r | jq -c 'select((.items | length) > 0) | [.id, [.items[].id]]'"
	assert_success
	# PD-WRL-003 lists T0164, T0262 (our T002, T005) and S0077 (our S002)
	assert_output $'["T0164",["T002","T005"]]\n["T0262",["T002"]]\n["S0077",["S002"]]'
}

@test "reverse with --nice: NIST's text; IDs outside the file and non-mapping kinds refused" {
	run --separate-stderr fixture --nice "$V21" -r K1329
	assert_success
	assert_output --partial '"id":"K1329","kind":"knowledge","text":"Knowledge of '
	run --separate-stderr fixture --nice "$V21" -r T9999
	assert_failure 1
	[ "$stderr" = "csf-map-nice: T9999: not in NICE 2.1.0 ($V21)" ]
	run --separate-stderr fixture --nice "$V21" -r 652
	assert_failure 1
	[ "$stderr" = "csf-map-nice: 652 is a NICE opm_code; only work roles, categories, tasks, knowledge and skills map" ]
	# without the file an ID no work role lists and no item maps is unknowable
	run --separate-stderr fixture -r T9999
	assert_failure 1
	[[ "$stderr" == "csf-map-nice: T9999: no NICE 2.1.0 work role lists it"*"--nice FILE"* ]]
}

@test "reverse --to itss/secbok: areas by ID or any spelling; names to roles" {
	run fixture -r --to itss ITSS15 'セキュリティ監視・運用' 'デジタルシステムアーキテクチャ' ITSS05
	assert_success
	assert_line -n 0 '{"type":"reverse","to":"itss","id":"ITSS15","name":"Security monitoring and operation","roles":[{"id":"R03","name":"Monitoring","strength":"many-to-one","maps_to":1},{"id":"R04","name":"Incident response","strength":"many-to-one","maps_to":1}]}'
	[ "${lines[1]}" = "${lines[0]}" ]
	assert_line -n 2 '{"type":"reverse","to":"itss","id":"ITSS08","name":"System architecture","roles":[{"id":"R12","name":"Design and development","strength":"one-to-many","maps_to":2}]}'
	assert_line -n 3 '{"type":"reverse","to":"itss","id":"ITSS05","name":"Corporate management (board)","roles":[]}'
	run fixture -r -t secbok '開発'
	assert_output '{"type":"reverse","to":"secbok","id":"開発","roles":[{"id":"R12","name":"Design and development","strength":"one-to-many","maps_to":2}]}'
	run --separate-stderr fixture -r -t secbok 'どこにもない'
	assert_failure 1
	[ "$stderr" = "csf-map-nice: どこにもない: no role lists it under secbok" ]
}

@test "reverse --to csf/nice1: functions, printed and possible placements" {
	# the interim report's reverse index: DE.DP rows 37, 40; 7-5 row 8;
	# RC.IM printed in rows 16 22 23 25 26 27 28 30 32, possible in 35 37 40 42
	run mapn -r -t csf DE.DP RC.IM
	assert_success
	assert_line -n 0 --partial '"id":"DE.DP","name":"Detection Processes","functions":[{"id":"F37",'
	[ "$(jq -r '[.functions[].id]|join(" ")' <<< "${lines[0]}")" = "F37 F40" ]
	[ "$(jq -r '[.functions[]|.id+":"+.placement]|join(" ")' <<< "${lines[1]}")" = "F16:printed F22:printed F23:printed F25:printed F26:printed F27:printed F28:printed F30:printed F32:printed F35:possible F37:possible F40:possible F42:possible" ]
	run mapn -r -t nice1 --lang ja 7-5
	assert_output '{"type":"reverse","to":"nice1","id":"7-5","name":"戦略的なポリシー策定","functions":[{"id":"F08","text":"ICT環境における事業継続計画の策定","placement":"printed","strength":"one-to-one","maps_to":1}]}'
}

# --- coverage --------------------------------------------------------------

@test "coverage of a role: shares of tasks and knowledge/skills per work role and category" {
	# R04's items T002 (T0164 T0262), T004 (none), K001 (K0018), S002 (S0077):
	# PD-WRL-003 lists T0164 T0262 of its 29 tasks and S0077 of its 55+23 K/S;
	# 13 work roles are touched (K0018 alone is in 10 of them).
	run fixture --coverage --role R04
	assert_success
	[ "${#lines[@]}" -eq 18 ]
	assert_line '{"type":"nice_coverage","role":"R04","scope":"work_role","id":"PD-WRL-003","name":"Incident Response","category":"PD","task":{"covered":2,"total":29,"share":0.069},"ks":{"covered":1,"total":78,"share":0.013}}'
	assert_line '{"type":"nice_coverage","role":"R04","scope":"work_role","id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD","task":{"covered":1,"total":43,"share":0.023},"ks":{"covered":1,"total":163,"share":0.006}}'
	assert_line -n 16 --partial '"scope":"category","id":"PD","name":"PROTECTION and DEFENSE","work_roles":{"covered":5,"total":7,"share":0.714},"task":{"covered":2,'
	assert_line -n 17 '{"type":"nice_coverage","role":"R04","scope":"category","id":"IN","name":"INVESTIGATION","work_roles":{"covered":0,"total":2,"share":0.0},"task":{"covered":0,"total":76,"share":0.0},"ks":{"covered":0,"total":158,"share":0.0}}'
}

@test "coverage of gap records by subject: only items held count" {
	# alice holds T002 (gap 0) but not S002 (gap 2); bob meets T003's target.
	run fixture --coverage --by subject <<'EOF'
{"type":"gap","subject":"alice","item":"T002","gap":0}
{"type":"gap","subject":"alice","item":"S002","gap":2}
{"type":"note","text":"passes"}
{"type":"score","subject":"bob","item":"T003","current":3,"target":3}
EOF
	assert_success
	assert_line -n 0 '{"type":"note","text":"passes"}'
	assert_line '{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"PD-WRL-003","name":"Incident Response","category":"PD","task":{"covered":2,"total":29,"share":0.069},"ks":{"covered":0,"total":78,"share":0.0}}'
	refute_line --partial '"subject":"alice","scope":"work_role","id":"IO-WRL-004"'
	assert_line '{"type":"nice_coverage","subject":"bob","scope":"work_role","id":"IN-WRL-001","name":"Cybercrime Investigation","category":"IN","task":{"covered":1,"total":30,"share":0.033},"ks":{"covered":0,"total":77,"share":0.0}}'
	# alice: 2 work roles + 5 categories; bob: 3 work roles + 5 categories
	[ "${#lines[@]}" -eq 16 ]
}

# --- rejections ------------------------------------------------------------

@test "an unknown item stops the run with file:line; --keep-going passes it on" {
	printf '%s\n' '{"type":"task","id":"T002"}' '{"type":"gap","subject":"a","item":"T999","gap":1}' '{"type":"role","id":"R03"}' > "$BATS_TEST_TMPDIR/in.ndjson"
	run --separate-stderr fixture "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	[ "$stderr" = "csf-map-nice: $BATS_TEST_TMPDIR/in.ndjson:2: unknown item T999" ]
	[ "${#lines[@]}" -eq 1 ]
	run --separate-stderr fixture --keep-going "$BATS_TEST_TMPDIR/in.ndjson"
	assert_failure 1
	[ "${#lines[@]}" -eq 3 ]
	assert_line -n 1 '{"type":"gap","subject":"a","item":"T999","gap":1}'
	assert_line -n 2 --partial '{"type":"role","id":"R03","map":'
}

@test "usage errors exit 2" {
	run --separate-stderr mapn --to cobol
	assert_failure 2
	[ "$stderr" = "csf-map-nice: --to: unknown target in 'cobol' (nice, itss, secbok, jinzai, csij, nice1, csf)" ]
	run --separate-stderr mapn -r --to nice,itss PD-WRL-001
	assert_failure 2
	run --separate-stderr mapn --diff "$V20"
	assert_failure 2
	run --separate-stderr mapn --reverse --coverage
	assert_failure 2
	run --separate-stderr mapn --by subject
	assert_failure 2
	run --separate-stderr mapn --nice - < "$V21"
	assert_failure 2
	[ "$stderr" = "csf-map-nice: --nice -: standard input is already the record stream" ]
}

@test "a NICE file that cannot be used fails with its name" {
	run --separate-stderr mapn --nice "$FIX/nice/truncated.json" -w PD-WRL-003
	assert_failure 1
	[[ "$stderr" == "csf-map-nice: $FIX/nice/truncated.json:4: "* ]]
	run --separate-stderr mapn --nice "$FIX/nice/not-nice.json" -w PD-WRL-003
	assert_failure 1
	[ "$stderr" = "csf-map-nice: $FIX/nice/not-nice.json: not a NICE components file (no \"elements\" array)" ]
	run --separate-stderr mapn --diff "$V20" "$BATS_TEST_TMPDIR/none.json"
	assert_failure 1
	[[ "$stderr" == *"csf-map-nice: $BATS_TEST_TMPDIR/none.json: No such file or directory" ]]
}

@test "the shipped crosswalk: 17 ITSS+ areas, 44 functions, 41 work roles, each with a source" {
	run jq -r '.type' "$ROOT/share/csf/crosswalk.ndjson"
	[ "$(printf '%s\n' "${lines[@]}" | sort | uniq -c | tr -s ' ' | tr '\n' ';')" = " 44 function; 17 itss_area; 41 nice_work_role;" ]
	run jq -e -s 'all(.[]; (.source | type) == "string" and (.source | length) > 0)' "$ROOT/share/csf/crosswalk.ndjson"
	assert_success
	# work-role ID lists agree with NIST's file: 1429 task, 2857 knowledge,
	# 1048 skill links from work roles in v2.1.0 (README of ../shared/nice)
	run jq -s -c '[map(select(.type=="nice_work_role")) | (map(.tasks|length)|add), (map(.knowledge|length)|add), (map(.skills|length)|add)]' "$ROOT/share/csf/crosswalk.ndjson"
	assert_output '[1429,2857,1048]'
}

@test "the shipped roles and items all map, every NICE ID found in NIST's v2.1.0" {
	run --separate-stderr bash -c "cat '$ROOT/share/csf/roles.ndjson' '$ROOT/share/csf/tks.ndjson' | '$ROOT/bin/csf-map-nice' --nice '$V21' --to nice,itss"
	assert_success
	[ -z "$stderr" ]
	refute_output --partial '"missing":true'
	# every ITSS+ name the roles give resolves to an area
	run bash -c "'$ROOT/bin/csf-map-nice' --to itss < '$ROOT/share/csf/roles.ndjson' | jq -c '.map.itss_plus[] | select(.id == null)'"
	assert_output ''
}

@test "forward keeps an annotated record's own bytes; an existing map is replaced" {
	run fixture --to csij <<'EOF2'
{ "type" : "task", "id":"T002" , "note": "x\u00e9"  }
{"type":"role","id":"R04","map":{"old":1}}
EOF2
	assert_success
	assert_line -n 0 '{ "type" : "task", "id":"T002" , "note": "x\u00e9"  ,"map":{"csij":["インシデントハンドラー"]}}'
	assert_line -n 1 '{"type":"role","id":"R04","map":{"csij":["インシデントハンドラー"]}}'
	# every output line is JSON
	run bash -c "'$ROOT/bin/csf-map-nice' --data '$FD' --to csij <<< '{ \"type\" : \"task\", \"id\":\"T002\" }' | jq -c .map"
	assert_output '{"csij":["インシデントハンドラー"]}'
}
