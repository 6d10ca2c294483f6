#!/usr/bin/env bats
# csf-gap on the hand-checked organisation of tests/assess.bats.

load helper

setup() {
	export CSF_DATADIR="$FIX/assess/data"
	SCORES="$BATS_TEST_TMPDIR/scores"
	csf csf-assess "$FIX/assess/org.ndjson" > "$SCORES"
}

@test "item gaps in priority order: larger gap, then alone-in-an-incident before outsourced" {
	run --separate-stderr csf csf-gap "$SCORES"
	assert_success
	assert_equal "$stderr" ''
	gaps() { printf '%s\n' "$output" | grep "\"type\":\"gap\",\"kind\":\"item\",\"subject\":\"$1\"" | sed 's/.*"item":"\([^"]*\)".*"gap":\([0-9]\),"severity":"\([a-z]*\)".*/\1 \2 \3/' | tr '\n' ' '; }
	# u2: T003 and K002 tie on 2 (data order); S003 (a role item) before K001 (outsourced).
	assert_equal "$(gaps u2)" "T003 2 medium K002 2 medium S003 1 low K001 1 low "
	# u4: S001 (alone in an incident, raised to high) before K003; T001 before S003.
	assert_equal "$(gaps u4)" "S001 2 high K003 2 medium T001 1 medium S003 1 low "
	assert_line '{"type":"gap","kind":"item","subject":"u2","item":"K002","class":"knowledge","current":null,"target":2,"gap":2,"severity":"medium","roles":["R08"]}'
	assert_line '{"type":"gap","kind":"item","subject":"u4","item":"S001","class":"skill","current":1,"target":3,"gap":2,"severity":"high","mode":"own","phase":"incident"}'
	assert_line '{"type":"gap","kind":"subject","subject":"u1","items":5,"at_target":2,"gaps":3,"gap_total":6,"high":1,"medium":1,"low":1,"top":[{"item":"S001","gap":3,"severity":"high"},{"item":"K001","gap":2,"severity":"medium"},{"item":"T002","gap":1,"severity":"low"}]}'
	assert_line '{"type":"gap","kind":"subject","subject":"u3","items":9,"at_target":6,"gaps":3,"gap_total":6,"high":1,"medium":1,"low":1,"top":[{"item":"S003","gap":3,"severity":"high"},{"item":"S002","gap":2,"severity":"medium"},{"item":"K002","gap":1,"severity":"low"}]}'
	run csf csf-gap --top 1 "$SCORES"
	assert_line '{"type":"gap","kind":"subject","subject":"u2","items":7,"at_target":3,"gaps":4,"gap_total":6,"high":0,"medium":2,"low":2,"top":[{"item":"T003","gap":2,"severity":"medium"}]}'
}

@test "profiles, every score and foreign records pass through; subjects stay together" {
	run csf csf-gap "$SCORES"
	assert_success
	# 26 item scores and 6 role/persona summaries, so a report can still
	# show items at target, which have no gap record.
	assert_equal "$(printf '%s\n' "$output" | grep -c '"type":"score"')" 32
	assert_equal "$(printf '%s\n' "$output" | grep '"type":"score"')" "$(grep '"type":"score"' "$SCORES")"
	assert_line --index 0 '{"type":"profile","subject":"u1","role":"R03","department":"Ops"}'
	# u1's gaps come before u2's profile.
	assert_equal "$(printf '%s\n' "$output" | grep -n 'subject":"u2"' | head -1 | cut -d: -f2-)" '{"type":"profile","subject":"u2","role":"R08","persona":"c","department":"Admin","target":2}'
	assert_equal "$(printf '%s\n' "$output" | grep -n '"kind":"subject","subject":"u1"' | cut -d: -f1)" 12
	assert_line '{"type":"meta","note":"passes through"}'
	# A profile with no scores of ours (a company of the management model)
	# gets no summary and counts in no group.
	printf '%s\n' '{"type":"profile","subject":"co","department":"x"}' '{ "type":"note"}' |
		{ run csf csf-gap --by department; assert_success; assert_output $'{"type":"profile","subject":"co","department":"x"}\n{ "type":"note"}'; }
}

@test "--by department: n, mean, share at target, distribution, single points of failure" {
	run csf csf-gap --by department "$SCORES"
	assert_success
	# Admin = u2 (7 targets, levels 2 1 0 0 2 2 1) + u4 (5 targets, levels 2 3 2 1 0):
	# sum 16 over 12 pairs, 4 at target; T002, K003, S002 only u2 holds, K002 only u4.
	assert_line '{"type":"gap","kind":"group","by":"department","value":"Admin","n":2,"pairs":12,"mean":1.33,"at_target":4,"share_at_target":33.3,"unanswered":1,"dist":[3,3,5,1,0],"items":9,"tasks":3,"tasks_held":1,"task_coverage":33.3,"ks":6,"ks_held":3,"ks_coverage":50.0,"spof":[{"item":"T002","holder":"u2"},{"item":"K002","holder":"u4"},{"item":"K003","holder":"u2"},{"item":"S002","holder":"u2"}],"nobody":["T001","T003","K001","S001","S003"]}'
	assert_line '{"type":"gap","kind":"group","by":"department","value":"Ops","n":2,"pairs":14,"mean":2.14,"at_target":8,"share_at_target":57.1,"unanswered":1,"dist":[2,2,2,8,0],"items":9,"tasks":3,"tasks_held":3,"task_coverage":100.0,"ks":6,"ks_held":4,"ks_coverage":66.7,"spof":[{"item":"T002","holder":"u3"},{"item":"T003","holder":"u3"},{"item":"K001","holder":"u3"},{"item":"K002","holder":"u1"},{"item":"K003","holder":"u3"},{"item":"S001","holder":"u3"}],"nobody":["S002","S003"]}'
	# The aggregates come last, after every subject.
	assert_equal "$(printf '%s\n' "$output" | tail -2 | grep -c '"kind":"group"')" 2
}

@test "--by role counts a role's items only; subjects with two roles count in both" {
	run csf csf-gap --by role "$SCORES"
	assert_success
	# R03: u1 (3 2 1 3 0) and u3 (3 3 3 2 3): 23 / 10.
	assert_line '{"type":"gap","kind":"group","by":"role","value":"R03","n":2,"pairs":10,"mean":2.3,"at_target":6,"share_at_target":60.0,"unanswered":0,"dist":[1,1,2,6,0],"items":5,"tasks":2,"tasks_held":2,"task_coverage":100.0,"ks":3,"ks_held":3,"ks_coverage":100.0,"spof":[{"item":"T002","holder":"u3"},{"item":"K001","holder":"u3"},{"item":"K002","holder":"u1"},{"item":"S001","holder":"u3"}],"nobody":[]}'
	# R08: u2 (2 1 0 2 2 1) and u3 (3 3 2 3 1 0): 20 / 12.
	assert_line '{"type":"gap","kind":"group","by":"role","value":"R08","n":2,"pairs":12,"mean":1.67,"at_target":6,"share_at_target":50.0,"unanswered":2,"dist":[2,3,4,3,0],"items":6,"tasks":2,"tasks_held":2,"task_coverage":100.0,"ks":4,"ks_held":2,"ks_coverage":50.0,"spof":[{"item":"T003","holder":"u3"},{"item":"S002","holder":"u2"}],"nobody":["K002","S003"]}'
}

@test "--by persona: subjects without one form the null group, listed last" {
	run csf csf-gap --by persona "$SCORES"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | grep '"kind":"group"' | sed 's/.*"value":\([^,]*\),"n":\([0-9]*\).*/\1 \2/' | tr '\n' ' ')" '"c" 1 "e" 1 null 2 '
}

# Split scores into shards by subject, round robin, as a map step would.
shard() {
	awk -v dir="$BATS_TEST_TMPDIR" -v n="$2" '/"type":"profile"/{s++} {print > (dir "/shard." (s % n))}' "$1"
}

# The group records of one run over all of $SCORES.
groups() {
	csf csf-gap --by "$1" "$SCORES" | grep '"kind":"group"'
}

@test "--partial on shards then --merge equals one run, for every --by" {
	shard "$SCORES" 3
	for by in role department persona; do
		for s in 0 1 2; do csf csf-gap --by $by --partial "$BATS_TEST_TMPDIR/shard.$s"; done > "$BATS_TEST_TMPDIR/partials"
		run csf csf-gap --merge "$BATS_TEST_TMPDIR/partials"
		assert_success
		assert_equal "$output" "$(groups $by)"
	done
	# Merging is associative: merge the merges of partial groups.
	for s in 0 1 2; do csf csf-gap --by role --partial "$BATS_TEST_TMPDIR/shard.$s"; done > "$BATS_TEST_TMPDIR/p"
	run csf csf-gap --merge "$BATS_TEST_TMPDIR/p"
	assert_equal "$output" "$(groups role)"
}

@test "--partial writes the partial sums and nothing else" {
	run --separate-stderr csf csf-gap --by persona --partial "$SCORES"
	assert_success
	assert_equal "$stderr" ''
	assert_equal "${#lines[@]}" 3
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-4)" '{"type":"gap_partial","by":"persona","value":"c","n":1
{"type":"gap_partial","by":"persona","value":"e","n":1
{"type":"gap_partial","by":"persona","value":null,"n":2'
	# management-model records sum by that model's --by fields (mgmt.bats);
	# by persona they are in no group, in one run as in a shard's sums
	csf csf-assess "$FIX/mgmt/karte-a.ndjson" > "$BATS_TEST_TMPDIR/m"
	run --separate-stderr csf csf-gap --by persona --partial "$BATS_TEST_TMPDIR/m"
	assert_success
	assert_equal "$stderr" ''
	assert_equal "$output" ''
	run sh -c "'$ROOT/bin/csf-gap' --by persona '$BATS_TEST_TMPDIR/m' | grep -c '\"kind\":\"group\"'"
	assert_output 0
	run --separate-stderr csf csf-gap --by all --partial "$BATS_TEST_TMPDIR/m"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | cut -d, -f1-5)" '{"type":"gap_partial","kind":"mgmt","by":"all","value":"all","n":{"D1":1'
}

@test "a merge of one shard per subject equals one run" {
	shard "$SCORES" 4   # the organisation has 4 subjects: one each
	for s in 0 1 2 3; do
		[ "$(grep -c '"type":"profile"' "$BATS_TEST_TMPDIR/shard.$s")" = 1 ]
		csf csf-gap --by department --partial "$BATS_TEST_TMPDIR/shard.$s" > "$BATS_TEST_TMPDIR/p.$s"
	done
	run csf csf-gap --merge "$BATS_TEST_TMPDIR/p.0" "$BATS_TEST_TMPDIR/p.1" "$BATS_TEST_TMPDIR/p.2" "$BATS_TEST_TMPDIR/p.3"
	assert_success
	assert_equal "$output" "$(groups department)"
}

@test "long partial lines from writers sharing one pipe stay whole" {
	export CSF_DATADIR="$ROOT/share/csf"
	# 2 subjects per department with 100-byte names: most items have one
	# holder, named, so a group's sums need more than 4096 bytes.
	long=$(printf '%0100d' 0)
	awk -v n=64 -v k=40 -f "$ROOT/bench/gen.awk" | sed "s/\"subject\":\"u/\"subject\":\"$long-u/" |
		csf csf-assess > "$BATS_TEST_TMPDIR/all"
	awk -v dir="$BATS_TEST_TMPDIR" '/"type":"profile"/{s++} {print > (dir "/w." (s % 8))}' "$BATS_TEST_TMPDIR/all"
	csf csf-gap --by department --partial "$BATS_TEST_TMPDIR/all" > "$BATS_TEST_TMPDIR/one"
	# every line within PIPE_BUF, and groups really were continued
	[ "$(LC_ALL=C awk 'length($0) >= 4096' "$BATS_TEST_TMPDIR/one" | wc -l)" = 0 ]
	[ "$(grep -c '"n":0,"pairs":0' "$BATS_TEST_TMPDIR/one")" -ge 4 ]
	g="$ROOT/bin/csf-gap --by department --partial"
	for round in 1 2 3; do
		# one pipe, as in (csf-gap a & csf-gap b) | csf-gap --merge
		(for s in 0 1 2 3 4 5 6 7; do $CSF_WRAP $g "$BATS_TEST_TMPDIR/w.$s" & done; wait) | cat > "$BATS_TEST_TMPDIR/mixed"
		run csf csf-gap --merge "$BATS_TEST_TMPDIR/mixed"
		assert_success
		assert_equal "$output" "$(csf csf-gap --by department "$BATS_TEST_TMPDIR/all" | grep '"kind":"group"')"
	done
}

@test "a partial sum record has the documented shape" {
	run csf csf-gap --by department --partial "$SCORES"
	assert_success
	assert_line '{"type":"gap_partial","by":"department","value":"Admin","n":2,"pairs":12,"sum":16,"at_target":4,"unanswered":1,"dist":[3,3,5,1,0],"items":[["T001",1,0,null],["T002",1,1,"u2"],["T003",1,0,null],["K001",1,0,null],["K002",2,1,"u4"],["K003",2,1,"u2"],["S001",1,0,null],["S002",1,1,"u2"],["S003",2,0,null]]}'
}

@test "rejections: bad scores and partials name file and line" {
	cat > "$BATS_TEST_TMPDIR/bad" <<-'EOF'
	{"type":"score","kind":"item","subject":"a","item":"Q1","current":1,"target":2}
	{"type":"score","kind":"item","subject":"a","item":"K001","current":7,"target":2}
	{"type":"score","kind":"item","subject":"a","item":"K001","current":1}
	{"type":"score","kind":"item","item":"K001","current":1,"target":2}
	{"type":"score","kind":"item","subject":"a","item":"K001","current":1,"target":2,"roles":["R99"]}
	{"type":"score","kind":"item","subject":"a","item":"K001","current":1,"target":2}
	{"type":"score","kind":"item","subject":"a","item":"K001","current":2,"target":2}
	{"type":"score","kind":"item","subject":"b","item":"K001","current":2,"target":2}
	{"type":"score","kind":"item","subject":"a","item":"K002","current":2,"target":2}
	EOF
	run --separate-stderr csf csf-gap --keep-going "$BATS_TEST_TMPDIR/bad"
	assert_failure 1
	f="$BATS_TEST_TMPDIR/bad"
	assert_equal "$stderr" "csf-gap: $f:1: unknown item \"Q1\"
csf-gap: $f:2: score current must be an integer 0-4 or null
csf-gap: $f:3: score target must be an integer 0-4 or null
csf-gap: $f:4: score has no \"subject\"
csf-gap: $f:5: unknown role in \"roles\"
csf-gap: $f:7: duplicate score for subject \"a\", item \"K001\"
csf-gap: $f:9: subject \"a\" appears again after other subjects: input is not grouped by subject (sort it, or use --ungrouped)"
	run csf csf-gap -u "$f"
	assert_failure 1
	cat > "$BATS_TEST_TMPDIR/p" <<-'EOF'
	{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,0,null]]}
	{"type":"gap_partial","by":"department","value":"x","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
	{"type":"gap_partial","by":"role","value":"R03","n":-1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
	{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0],"items":[]}
	{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,2,null]]}
	{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":2,"at_target":1,"unanswered":0,"dist":[0,0,1,0,0],"items":[["K001",1,1,"u1"]]}
	EOF
	run --separate-stderr csf csf-gap --merge --keep-going "$BATS_TEST_TMPDIR/p"
	assert_failure 1
	f="$BATS_TEST_TMPDIR/p"
	assert_equal "$stderr" "csf-gap: $f:2: gap_partial by \"department\" cannot merge with by \"role\"
csf-gap: $f:3: gap_partial: \"n\" must be a count from 0 to 9007199254740991
csf-gap: $f:4: gap_partial needs \"by\", \"value\", \"dist\" (5 counts) and \"items\"
csf-gap: $f:5: gap_partial: bad entry 1 in \"items\": want [ITEM, subjects, holders, holder|null] with 0 <= holders <= subjects and a holder only when there is one"
	assert_output '{"type":"gap","kind":"group","by":"role","value":"R03","n":2,"pairs":2,"mean":1.5,"at_target":1,"share_at_target":50.0,"unanswered":0,"dist":[0,1,1,0,0],"items":1,"tasks":0,"tasks_held":0,"task_coverage":null,"ks":1,"ks_held":1,"ks_coverage":100.0,"spof":[{"item":"K001","holder":"u1"}],"nobody":[]}'
}

# Item scores in the exact form csf-assess writes are read in one pass
# (gap_score_exact); a line in that form with one fault must come out as the
# full read has it: the same messages, lines and records.
@test "scores in csf-assess's own form with one fault each: named as the full read names them" {
	export CSF_DATADIR="$ROOT/share/csf"
	local in="$BATS_TEST_TMPDIR/faults"
	cat > "$in" <<'END'
{"type":"profile","subject":"u1","role":"R02","department":"d1"}
{"type":"score","kind":"item","subject":"u1","item":"K001","class":"knowledge","current":4,"target":4}
{"type":"score","kind":"item","subject":"u1","item":"K002","class":"knowledge","current":5,"target":4}
{"type":"score","kind":"item","subject":"u1","item":"K003","class":"knowledge","current":01,"target":4}
{"type":"score","kind":"item","subject":"u1","item":"K004","class":"knowledge","current":1,"target":4,"roles":["R99"]}
{"type":"score","kind":"item","subject":"u1","item":"K999","class":"knowledge","current":1,"target":4}
{"type":"score","kind":"item","subject":"","item":"K005","class":"knowledge","current":1,"target":4}
{"type":"score","kind":"item","subject":"u1","item":"K006","class":"knowledge","current":1,"target":4}x
{"type":"score","kind":"item","subject":"u1","item":"K007","class":"knowledge","current":1,"target":4,"roles":[]}
{"type":"score","kind":"item","subject":"u1","item":"K008","class":"knowledge","current":null,"target":null,"mode":"x"}
{"type":"score","kind":"item","subject":"u1","item":"K009","class":"knowledge","current":0,"target":3,"roles":["R02","R01"],"mode":"support","phase":"incident"}
{"type":"score","kind":"item","subject":"u1","item":"K001","class":"knowledge","current":4,"target":4}
{"type":"score","kind":"item","subject":"u1","item":"K010","class":"knowledge","current":-1,"target":4}
{"type":"score","kind":"item","subject":"u1","item":"K011","class":"knowledge","current":2,"target":4,"roles":["R01",]}
END
	printf '%s\n' '{"type":"score","kind":"item","subject":"u\001","item":"K012","class":"knowledge","current":2,"target":4}' >> "$in"
	printf '{"type":"score","kind":"item","subject":"u\377","item":"K013","class":"knowledge","current":2,"target":4}\n' >> "$in"
	run --separate-stderr csf csf-gap --keep-going "$in"
	assert_failure 1
	assert_equal "$stderr" "csf-gap: $in:3: score current must be an integer 0-4 or null
csf-gap: $in:4: invalid JSON: expected ',' or '}'
csf-gap: $in:5: unknown role in \"roles\"
csf-gap: $in:6: unknown item \"K999\"
csf-gap: $in:7: score has no \"subject\"
csf-gap: $in:8: invalid JSON: trailing characters after the object
csf-gap: $in:12: duplicate score for subject \"u1\", item \"K001\"
csf-gap: $in:13: score current must be an integer 0-4 or null
csf-gap: $in:14: invalid JSON: invalid JSON value
csf-gap: $in:15: invalid JSON: invalid escape in string
csf-gap: $in:16: invalid UTF-8"
	# K007 (roles [], own in normal times) before K009 (support, incident): the same gap
	assert_equal "$(grep '"type":"gap"' <<<"$output")" '{"type":"gap","kind":"item","subject":"u1","item":"K007","class":"knowledge","current":1,"target":4,"gap":3,"severity":"high"}
{"type":"gap","kind":"item","subject":"u1","item":"K009","class":"knowledge","current":0,"target":3,"gap":3,"severity":"high","roles":["R01","R02"],"mode":"support","phase":"incident"}
{"type":"gap","kind":"subject","subject":"u1","items":3,"at_target":1,"gaps":2,"gap_total":6,"high":2,"medium":0,"low":0,"top":[{"item":"K007","gap":3,"severity":"high"},{"item":"K009","gap":3,"severity":"high"}]}'
	# the good scores pass on as they came, K008's unknown mode too
	assert_equal "$(grep -c '"type":"score"' <<<"$output")" 4
}

@test "usage errors exit 2" {
	run --separate-stderr csf csf-gap --partial
	assert_failure 2
	run --separate-stderr csf csf-gap --by role --partial --merge
	assert_failure 2
	run --separate-stderr csf csf-gap --top -1
	assert_failure 2
	run --separate-stderr csf csf-gap --top x
	assert_failure 2
}

@test "GNU parallel shards cut at profile lines merge to the single run (the csf-gap(1) examples)" {
	command -v parallel > /dev/null || skip "GNU parallel not installed"
	export CSF_DATADIR="$ROOT/share/csf"
	csf csf-assess "$ROOT/share/csf/sample/staff.ndjson" > "$BATS_TEST_TMPDIR/all"
	csf csf-gap --by role "$BATS_TEST_TMPDIR/all" | grep '"kind":"group"' > "$BATS_TEST_TMPDIR/one"
	# a file: --pipepart, here in many blocks so that several shards run
	PATH="$ROOT/bin:$PATH" parallel --will-cite --pipepart -a "$BATS_TEST_TMPDIR/all" --block 20k \
		--recstart '{"type":"profile"' csf-gap --by role --partial > "$BATS_TEST_TMPDIR/parts"
	[ "$(grep -c '"type":"gap_partial"' "$BATS_TEST_TMPDIR/parts")" -gt 9 ]
	[ "$(grep -vc '"type":"gap_partial"' "$BATS_TEST_TMPDIR/parts")" = 0 ]
	run csf csf-gap --merge "$BATS_TEST_TMPDIR/parts"
	assert_success
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/one")"
	assert_equal "${#lines[@]}" 9
	# a stream: --pipe
	PATH="$ROOT/bin:$PATH" parallel --will-cite --pipe --block 20k --recstart '{"type":"profile"' \
		csf-gap --by role --partial < "$BATS_TEST_TMPDIR/all" > "$BATS_TEST_TMPDIR/parts"
	[ "$(grep -c '"type":"gap_partial"' "$BATS_TEST_TMPDIR/parts")" -gt 9 ]
	run csf csf-gap --merge "$BATS_TEST_TMPDIR/parts"
	assert_success
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/one")"
}
