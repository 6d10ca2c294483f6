#!/usr/bin/env bats
# csf-check: validation of data files and NDJSON streams. Each bad input
# is written out here and its every message checked word for word.

load helper

setup() {
	D="$FIX/roles/data"
	cd "$BATS_TEST_TMPDIR"
}

@test "the fixture data set passes silently" {
	run --separate-stderr csf csf-check --data "$D" "$D"/*.ndjson
	assert_success
	assert_output ''
	assert_equal "$stderr" ''
}

@test "broken JSON, invalid UTF-8 and a truncated last line are reported; checking goes on" {
	{
		echo '{"type":"role","id":"R03","no":3,"name":{"ja":"監視","en":"Monitoring"},"source":"t"}'
		echo '{"type":"role","id":"R04",'
		printf '{"type":"role","id":"R05","no":5,"name":{"ja":"\xe6\x83","en":"x"},"source":"t"}\n'
		echo '{"type":"role","id":"R06","no":6,"name":{"ja":"x","en":"y"}}'
		echo '[1,2]'
		printf '{"type":"role","id":"R07","no":7,"na'
	} > in.ndjson
	run --separate-stderr csf csf-check in.ndjson
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" "csf-check: in.ndjson:2: invalid JSON: expected a string key
csf-check: in.ndjson:3: invalid UTF-8
csf-check: in.ndjson:4: role R06: source: missing
csf-check: in.ndjson:5: invalid JSON: not a JSON object
csf-check: in.ndjson:6: invalid JSON: unterminated string
csf-check: 5 problems"
}

@test "a line over 1 MiB is one problem, and the next line is still checked" {
	{ printf '{"type":"meta","s":"'; head -c 1100000 /dev/zero | tr '\0' x; echo '"}'; echo '{"type":"task","id":"T1"}'; } > in.ndjson
	run --separate-stderr csf csf-check --data "$D" in.ndjson
	assert_failure 1
	assert_equal "$stderr" "csf-check: in.ndjson:1: line too long (over 1048576 bytes)
csf-check: in.ndjson:2: task T1: id: \"T1\" does not match T[0-9]{3}
csf-check: in.ndjson:2: task T1: roles: missing
csf-check: in.ndjson:2: task T1: text: missing
csf-check: in.ndjson:2: task T1: source: missing
csf-check: 5 problems"
}

@test "wrong field types name the field and both kinds" {
	printf '%s\n' \
		'{"type":"role","id":"R03","no":"3","name":"監視","duties":{"ja":"x","en":"y"},"nice":[7],"source":"t"}' \
		'{"type":"task","id":"T001","roles":"R03","text":{"ja":1,"en":"x"},"source":"t"}' \
		'{"type":"persona","id":"e","name":{"ja":"e","en":"e"},"items":["T001"],"source":"t"}' \
		'{"type":"question","id":"Q1","case":1,"text":{"ja":"a","en":"b"},"multi":"yes","choices":[{"id":"Q1a","text":{"ja":"a","en":"b"},"items":"T001"}],"source":"t"}' \
		'{"type":"level","scale":"self","level":2.0,"source":3}' > in.ndjson
	run --separate-stderr csf csf-check in.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: in.ndjson:1: role R03: no: expected an integer, got a string
csf-check: in.ndjson:1: role R03: name: expected an object with "ja" and "en", got a string
csf-check: in.ndjson:1: role R03: duties: expected an array, got an object
csf-check: in.ndjson:1: role R03: nice[0]: expected a string, got an integer
csf-check: in.ndjson:2: task T001: roles: expected an array, got a string
csf-check: in.ndjson:2: task T001: text.ja: expected a string, got an integer
csf-check: in.ndjson:3: persona e: items[0]: expected an object, got a string
csf-check: in.ndjson:4: question Q1: multi: expected true or false, got a string
csf-check: in.ndjson:4: question Q1: choices[0].items: expected an array, got a string
csf-check: in.ndjson:5: level: level: expected an integer, got a real number
csf-check: in.ndjson:5: level: source: expected a string, got an integer
csf-check: 11 problems'
}

@test "missing and empty required fields, IDs off their pattern, values not allowed" {
	printf '%s\n' \
		'{"type":"role","id":"R3","name":{"ja":"監視","en":"Monitoring"},"source":""}' \
		'{"type":"task","roles":[],"text":{"en":"x"}}' \
		'{"type":"persona","id":"9e","items":[{"item":"K001","mode":"mine"}],"source":"t"}' \
		'{"type":"question","id":"Q1","case":1,"text":{"ja":"a","en":"b"},"choices":[{"id":"Q1-a","text":{"ja":"a","en":"b"}}],"source":"t"}' \
		'{"type":"level","scale":"team","level":2,"source":"t"}' > in.ndjson
	run --separate-stderr csf csf-check --data "$D" in.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: in.ndjson:1: role R3: id: "R3" does not match R[0-9]{2}
csf-check: in.ndjson:1: role R3: no: missing
csf-check: in.ndjson:1: role R3: source: empty
csf-check: in.ndjson:2: task: id: missing
csf-check: in.ndjson:2: task: roles: empty
csf-check: in.ndjson:2: task: text.ja: missing
csf-check: in.ndjson:2: task: source: missing
csf-check: in.ndjson:3: persona 9e: id: "9e" does not match [A-Za-z][A-Za-z0-9_-]*
csf-check: in.ndjson:3: persona 9e: name: missing
csf-check: in.ndjson:3: persona 9e: items[0].mode: "mine" is not own, support or outsource
csf-check: in.ndjson:3: persona 9e: items[0].phase: missing
csf-check: in.ndjson:3: persona 9e: items[0].target: missing
csf-check: in.ndjson:4: question Q1: choices[0].id: "Q1-a" does not match Q[0-9]+[a-z]+
csf-check: in.ndjson:5: level: scale: "team" is not role or self
csf-check: 14 problems'
}

@test "levels in range: role 1-4, self 0-4, targets 1-4, answers 0-4 (TKS) and the generation's 1-5 (checks)" {
	mkdir data
	printf '%s\n' '{"type":"generation","id":"g","guideline":"t","name":{"ja":"g","en":"g"},"scale":{"min":1,"max":5},"source":"t"}' \
		'{"type":"check","id":"1-1","directive":"D1","text":{"ja":"a","en":"b"},"source":"t"}' > data/mgmt.ndjson
	cp "$D/tks.ndjson" data/
	printf '%s\n' \
		'{"type":"level","scale":"role","level":0,"source":"t"}' \
		'{"type":"level","scale":"role","level":5,"source":"t"}' \
		'{"type":"level","scale":"self","level":-1,"source":"t"}' \
		'{"type":"level","scale":"self","level":4,"source":"t"}' \
		'{"type":"persona","id":"e","name":{"ja":"e","en":"e"},"items":[{"item":"K001","mode":"own","phase":"normal","target":0},{"item":"K001","mode":"own","phase":"normal","target":4}],"source":"t"}' \
		'{"type":"answer","subject":"u1","item":"K001","level":5,"target":4}' \
		'{"type":"answer","subject":"u1","item":"K001","level":0,"target":5}' \
		'{"type":"answer","subject":"u1","item":"1-1","level":0}' \
		'{"type":"answer","subject":"u1","item":"1-1","level":5,"target":6}' \
		'{"type":"benchmark","set":"s","version":"v","kind":"class","means":{"D1":5.5,"D2":0.9,"D3":3},"source":"t"}' > in.ndjson
	run --separate-stderr csf csf-check --data data in.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: in.ndjson:1: level: level: 0 is out of range 1..4
csf-check: in.ndjson:2: level: level: 5 is out of range 1..4
csf-check: in.ndjson:3: level: level: -1 is out of range 0..4
csf-check: in.ndjson:5: persona e: items[0].target: 0 is out of range 1..4
csf-check: in.ndjson:6: answer: level: 5 is out of range 0..4
csf-check: in.ndjson:7: answer: target: 5 is out of range 0..4
csf-check: in.ndjson:8: answer: level: 0 is out of range 1..5
csf-check: in.ndjson:9: answer: target: 6 is out of range 1..5
csf-check: in.ndjson:10: benchmark: means.D1: 5.5 is out of range 1..5
csf-check: in.ndjson:10: benchmark: means.D2: 0.9 is out of range 1..5
csf-check: 10 problems'
}

@test "duplicate IDs name the first line; one ID may serve two types" {
	printf '%s\n' \
		'{"type":"check","id":"1-1","directive":"D1","text":{"ja":"a","en":"b"},"source":"t"}' \
		'{"type":"tip","id":"1-1","check":"1-1","title":null,"source":"t"}' \
		'{"type":"directive","id":"D1","no":1,"name":{"ja":"a","en":"b"},"source":"t"}' > a.ndjson
	printf '%s\n' \
		'{"type":"check","id":"1-1","directive":"D1","text":{"ja":"c","en":"d"},"source":"t"}' \
		'{"type":"question","id":"Q1","case":1,"text":{"ja":"a","en":"b"},"choices":[{"id":"Q1a","text":{"ja":"a","en":"b"}}],"source":"t"}' \
		'{"type":"question","id":"Q2","case":2,"text":{"ja":"a","en":"b"},"choices":[{"id":"Q2a","text":{"ja":"a","en":"b"}},{"id":"Q1a","text":{"ja":"a","en":"b"}}],"source":"t"}' \
		'{"type":"check","id":"1-1","directive":"D1","text":{"ja":"e","en":"f"},"source":"t"}' > b.ndjson
	run --separate-stderr csf csf-check a.ndjson b.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: b.ndjson:1: check 1-1: id: duplicate id "1-1" (first at a.ndjson:1)
csf-check: b.ndjson:3: question Q2: choices[1].id: duplicate choice id "Q1a" (first at b.ndjson:2)
csf-check: b.ndjson:4: check 1-1: id: duplicate id "1-1" (first at a.ndjson:1)
csf-check: 3 problems'
}

@test "unknown references are reported after the input; forward references resolve" {
	# tasks and roles come from the input, knowledge and skills from --data
	printf '%s\n' \
		'{"type":"task","id":"T001","roles":["R03","R99"],"text":{"ja":"a","en":"b"},"source":"t"}' \
		'{"type":"persona","id":"e","name":{"ja":"e","en":"e"},"items":[{"item":"T001","mode":"own","phase":"normal","target":3},{"item":"K404","mode":"own","phase":"incident","target":3}],"source":"t"}' \
		'{"type":"question","id":"Q1","case":1,"text":{"ja":"a","en":"b"},"choices":[{"id":"Q1a","text":{"ja":"a","en":"b"},"personas":["e","x"],"items":["T001","S404"]}],"source":"t"}' \
		'{"type":"resource","id":"ipa-ip","kind":"exam","name":{"ja":"a","en":"b"},"covers":["K001","T001"],"source":"t"}' > tks.ndjson
	echo '{"type":"role","id":"R03","no":3,"name":{"ja":"監視","en":"Monitoring"},"source":"t"}' > roles.ndjson
	run --separate-stderr csf csf-check --data "$D" tks.ndjson roles.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: tks.ndjson:1: task T001: roles[1]: unknown role "R99"
csf-check: tks.ndjson:2: persona e: items[1].item: unknown task, knowledge or skill "K404"
csf-check: tks.ndjson:3: question Q1: choices[0].personas[1]: unknown persona "x"
csf-check: tks.ndjson:3: question Q1: choices[0].items[1]: unknown task, knowledge or skill "S404"
csf-check: tks.ndjson:4: resource ipa-ip: covers[1]: unknown knowledge or skill "T001"
csf-check: 5 problems'
}

@test "answers and profiles resolve against the data directory; null levels, lists of roles" {
	printf '%s\n' \
		'{"type":"profile","subject":"u1","role":"R03","department":"IT"}' \
		'{"type":"profile","subject":"u2","persona":"zz"}' \
		'{"type":"profile","subject":"u3"}' \
		'{"type":"answer","subject":"u1","item":"K001","level":2,"date":"2026-04-01"}' \
		'{"type":"answer","subject":"u1","item":"T999","level":2,"date":"1 April"}' \
		'{"type":"answer","subject":"","item":"5-7","level":3}' \
		'{"type":"answer","subject":"u2","item":"S001","level":null,"target":null}' \
		'{"type":"profile","subject":"u2","role":["R03","R77",8],"persona":null}' \
		'{"type":"profile","subject":"u4","role":null,"persona":["e","c"]}' \
		'{"type":"profile","subject":"u5","role":{"id":"R03"}}' > answers.ndjson
	run --separate-stderr csf csf-check --data "$D" answers.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: answers.ndjson:3: profile: needs "role" or "persona"
csf-check: answers.ndjson:5: answer: date: "1 April" does not match [0-9]{4}-[0-9]{2}-[0-9]{2}
csf-check: answers.ndjson:6: answer: subject: empty
csf-check: answers.ndjson:8: profile: role[2]: expected a string, got an integer
csf-check: answers.ndjson:10: profile: role: expected a string or an array of strings, got an object
csf-check: answers.ndjson:2: profile: persona: unknown persona "zz"
csf-check: answers.ndjson:5: answer: item: unknown task, knowledge, skill or check "T999"
csf-check: answers.ndjson:6: answer: item: unknown task, knowledge, skill or check "5-7"
csf-check: answers.ndjson:8: profile: role[1]: unknown role "R77"
csf-check: 9 problems'
}

@test "a type the input holds is not looked up in the data directory" {
	grep -v '"R08"' "$D/roles.ndjson" > roles.ndjson
	run --separate-stderr csf csf-check --data "$D" "$D/tks.ndjson"
	assert_success
	run --separate-stderr csf csf-check --data "$D" "$D/tks.ndjson" roles.ndjson
	assert_failure 1
	assert_equal "$stderr" "csf-check: $D/tks.ndjson:4: knowledge K001: roles[1]: unknown role \"R08\"
csf-check: $D/tks.ndjson:7: skill S002: roles[1]: unknown role \"R08\"
csf-check: 2 problems"
}

@test "a record without a string type is a problem; types of the user's own pass" {
	printf '%s\n' '{"id":"R01"}' '{"type":7}' '{"type":null}' '{"type":"meta","no":"x","id":[1]}' '{"type":"Role","id":"x"}' > in.ndjson
	run --separate-stderr csf csf-check in.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: in.ndjson:1: record has no "type"
csf-check: in.ndjson:2: "type" is not a string
csf-check: in.ndjson:3: "type" is not a string
csf-check: 3 problems'
}

@test "stdin and files mix; a missing file is a problem like any other" {
	printf '{"type":"task","id":"T001","roles":["R03"],"text":{"ja":"a","en":"b"}}\n' > t.ndjson
	run --separate-stderr bash -c "cat t.ndjson | '$ROOT/bin/csf-check' --data '$D' t.ndjson - nope.ndjson"
	assert_failure 1
	assert_equal "$stderr" 'csf-check: t.ndjson:1: task T001: source: missing
csf-check: <stdin>:1: task T001: id: duplicate id "T001" (first at t.ndjson:1)
csf-check: <stdin>:1: task T001: source: missing
csf-check: nope.ndjson: No such file or directory
csf-check: 4 problems'
	run --separate-stderr csf csf-check --data "$D" < "$D/roles.ndjson"
	assert_success
}

@test "hostile values stay on one line of the message, cut short" {
	long=$(head -c 300 /dev/zero | tr '\0' 'a')
	printf '{"type":"role","id":"R\\n1\\u0007","no":1,"name":{"ja":"a","en":"b"},"source":"t","crosswalk":{"x\\ty":"s"}}\n{"type":"task","id":"%s","roles":["R01"],"text":{"ja":"a","en":"b"},"source":"t"}\n' "$long" > in.ndjson
	run --separate-stderr csf csf-check --data "$D" in.ndjson
	assert_failure 1
	assert_equal "$stderr" "csf-check: in.ndjson:1: role R?1?: id: \"R\\n1\\u0007\" does not match R[0-9]{2}
csf-check: in.ndjson:1: role R?1?: crosswalk.x?y: expected an array, got a string
csf-check: in.ndjson:2: task ${long:0:74}: id: \"${long:0:122}...\" does not match T[0-9]{3}
csf-check: in.ndjson:2: task ${long:0:74}: roles[0]: unknown role \"R01\"
csf-check: 4 problems"
}

@test "--nice: every NICE ID must exist, of the right kind (v2.1.0 layout)" {
	printf '%s\n' \
		'{"type":"role","id":"R03","no":3,"name":{"ja":"監視","en":"Monitoring"},"nice":["PD-WRL-001","T0084","XX-WRL-999"],"source":"t"}' \
		'{"type":"task","id":"T001","roles":["R03"],"text":{"ja":"a","en":"b"},"nice":["T0084","K1331","PD-WRL-001"],"source":"t"}' \
		'{"type":"knowledge","id":"K001","roles":["R03"],"text":{"ja":"a","en":"b"},"nice":["K1331","S0432"],"source":"t"}' \
		'{"type":"skill","id":"S001","roles":["R03"],"text":{"ja":"a","en":"b"},"nice":["S0432"],"source":"t"}' \
		'{"type":"nice_work_role","id":"PD-WRL-003","name":{"en":"Incident Response"},"tasks":["T0084"],"knowledge":["T0084"],"skills":["S0432"],"source":"t"}' > in.ndjson
	run --separate-stderr csf csf-check --nice "$NICE_DIR/nice_components_v2.1.0_cprt.json" in.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: in.ndjson:1: role R03: nice[1]: "T0084" is a NICE task, expected a work_role
csf-check: in.ndjson:1: role R03: nice[2]: "XX-WRL-999" is not in NICE 2.1.0
csf-check: in.ndjson:2: task T001: nice[1]: "K1331" is a NICE knowledge, expected a task
csf-check: in.ndjson:2: task T001: nice[2]: "PD-WRL-001" is a NICE work_role, expected a task
csf-check: in.ndjson:3: knowledge K001: nice[1]: "S0432" is a NICE skill, expected a knowledge
csf-check: in.ndjson:5: nice_work_role PD-WRL-003: knowledge[0]: "T0084" is a NICE task, expected a knowledge
csf-check: 6 problems'
}

@test "--nice: the v2.0.0 layout lacks IDs that v2.1.0 added" {
	echo '{"type":"knowledge","id":"K001","roles":["R03"],"text":{"ja":"a","en":"b"},"nice":["K1331","K0018"],"source":"t"}' > in.ndjson
	run --separate-stderr csf csf-check --data "$D" --nice "$NICE_DIR/nice_components_v2.0.0.json" in.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-check: in.ndjson:1: knowledge K001: nice[0]: "K1331" is not in NICE 2.0.0
csf-check: 1 problem'
	run --separate-stderr csf csf-check --data "$D" --nice "$NICE_DIR/nice_components_v2.1.0_cprt.json" in.ndjson
	assert_success
	assert_equal "$stderr" ''
}

@test "--nice: the fixture data set's NICE IDs all exist in both versions" {
	run --separate-stderr csf csf-check --nice "$NICE_DIR/nice_components_v2.1.0_cprt.json" "$D"/*.ndjson
	assert_success
	assert_equal "$stderr" ''
	run --separate-stderr csf csf-check --nice "$NICE_DIR/nice_components_v2.0.0.json" "$D"/*.ndjson
	assert_success
	assert_equal "$stderr" ''
}

@test "--nice: a file that cannot be read or is not NICE data stops with exit 1" {
	run --separate-stderr csf csf-check --nice nope.json "$D/roles.ndjson"
	assert_failure 1
	assert_equal "$stderr" 'csf-check: nope.json: No such file or directory'
	echo '{"elements":5}' > bad.json
	run --separate-stderr csf csf-check --nice bad.json "$D/roles.ndjson"
	assert_failure 1
	assert_output ''
}

@test "usage errors exit 2; --help and --version" {
	run --separate-stderr csf csf-check --bogus
	assert_failure 2
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" "csf-check: unrecognized option '--bogus'"
	run --separate-stderr csf csf-check --nice
	assert_failure 2
	run --separate-stderr csf csf-check --help
	assert_success
	assert_line --index 0 --partial 'usage: csf-check'
	assert_equal "$stderr" ''
	run csf csf-check --version
	assert_output 'csf-check (csf) 0.1.0'
}

# ---- on the shipped data (share/csf) ----

@test "shipped data: csf-check share/csf/*.ndjson passes" {
	cd "$ROOT"
	run --separate-stderr csf csf-check share/csf/*.ndjson
	assert_success
	assert_equal "$stderr" ''
}

@test "shipped data: every NICE ID exists in v2.1.0 with the right kind" {
	cd "$ROOT"
	run --separate-stderr csf csf-check --nice ../shared/nice/nice_components_v2.1.0_cprt.json share/csf/*.ndjson
	assert_success
	assert_equal "$stderr" ''
}

@test "shipped data: a role dropped from the set leaves its references dangling" {
	grep -v '"id":"R13"' "$ROOT/share/csf/roles.ndjson" > roles.ndjson
	want=24  # R13 has 8 tasks, 8 knowledge and 8 skill items (share/csf/README.md)
	run --separate-stderr csf csf-check roles.ndjson "$ROOT/share/csf/tks.ndjson"
	assert_failure 1
	assert_equal "$(printf '%s\n' "$stderr" | grep -c 'unknown role "R13"')" "$want"
	assert_equal "$(printf '%s\n' "$stderr" | tail -1)" "csf-check: $want problems"
}
