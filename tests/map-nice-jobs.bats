#!/usr/bin/env bats
# csf-map-nice --coverage -j: the input read in several processes gives,
# byte for byte, what one process writes: stdout, messages and exit
# status. CSF_JOBS_LOG makes it say how each piece went (joined on from
# its worker, or read again here), so every test also checks that the
# path it means to test was taken. The small cases use the crosswalk of
# fixtures/nice/data (see map-nice-shard.bats): T002 -> T0164, T0262;
# T003 -> T0167, T2052; S002 -> S0077.

load helper

FD="$FIX/nice/data"
P='{"type":"nice_coverage_partial","version":"2.1.0"'

setup() {
	T="$BATS_TEST_TMPDIR"
}

both() { jobs_both csf-map-nice "$@"; }
joined() { jobs_joined csf-map-nice "$@"; }

# Scores of 600 subjects grouped by subject (csf-assess's shape), 7 departments.
scores() {
	awk -v n=600 -v k=4 -v dept=7 -f "$ROOT/bench/scores-gen.awk"
}

@test "-j: a worker's subjects join on: the exact partials of three subjects, cut before the third" {
	cat > "$T/in" <<'EOF'
{"type":"profile","subject":"alice"}
{"type":"gap","subject":"alice","item":"T002","gap":0}
{"type":"note","text":"a record no coverage reads, passed on where it was"}
{"type":"profile","subject":"bob"}
{"type":"score","subject":"bob","item":"T003","current":3,"target":3}
{"type":"profile","subject":"carol"}
{"type":"score","subject":"carol","item":"S002","current":3,"target":3}
{"type":"score","subject":"carol","item":"T002","current":1,"target":3}
EOF
	CSF_JOBS_LOG=1 run --separate-stderr csf csf-map-nice --data "$FD" -j 2 -c -b subject --partial "$T/in"
	assert_success
	assert_equal "$stderr" "csf-map-nice: -j: piece 2 of 2 joined"
	# T002 held by alice, T003 by bob, S002 by carol (her T002 is short of its target)
	assert_output "$P,\"shard\":0,\"by\":\"subject\",\"value\":\"alice\",\"ids\":[\"T0164\",\"T0262\"]}
$P,\"shard\":0,\"by\":\"subject\",\"value\":\"bob\",\"ids\":[\"T0167\",\"T2052\"]}
$P,\"shard\":0,\"by\":\"subject\",\"value\":\"carol\",\"ids\":[\"S0077\"]}"
	# the second piece began at carol's profile: bob, open at the first
	# piece's end, was written when her first score came, after the profile
	run csf csf-map-nice --data "$FD" -j 2 -c -b subject "$T/in"
	assert_success
	assert_equal "$(printf '%s\n' "${lines[@]}" | grep -n -e '"type":"profile"' -e '"type":"note"' | cut -c1-40)" \
'1:{"type":"profile","subject":"alice"}
2:{"type":"note","text":"a record no cov
3:{"type":"profile","subject":"bob"}
11:{"type":"profile","subject":"carol"}'
	assert_line --index 11 --partial '"subject":"bob","scope":"work_role"'
	both small 2 --data "$FD" -c -b subject "$T/in"
	joined small 2
	# held groups (no --by): one group, the union of both pieces
	run csf csf-map-nice --data "$FD" -j 2 -c --partial "$T/in"
	assert_output "$P,\"shard\":0,\"ids\":[\"S0077\",\"T0164\",\"T0167\",\"T0262\",\"T2052\"]}"
}

@test "-j: one run's output for every coverage form, from 2, 3 and 4 processes" {
	scores > "$T/scores"
	for j in 2 3 4; do
		both plain$j $j -c "$T/scores"
		joined plain$j $j
		both dept$j $j -c -b department "$T/scores"
		joined dept$j $j
		both subj$j $j -c -b subject "$T/scores"
		joined subj$j $j
		both held$j $j -c -b subject -u "$T/scores"
		joined held$j $j
		both role$j $j -c -b subject --role R03 --role R11 "$T/scores"
		joined role$j $j
		both roled$j $j -c -b department --role R03 "$T/scores"
		joined roled$j $j
		both partial$j $j -c -b subject --partial --shard 4 "$T/scores"
		joined partial$j $j
		both partiald$j $j -c -b department --partial "$T/scores"
		joined partiald$j $j
	done
	# what was compared is the real thing: every subject's profile passed
	# on, 7 departments' and 600 subjects' coverage, the roles' first
	assert_equal "$(grep -c '"type":"profile"' "$T/dept3.outj")" 600
	assert_equal "$(grep '"scope":"category"' "$T/dept3.outj" | grep -o '"department":"d0[0-9]"' | sort -u | wc -l)" 7
	assert_equal "$(grep '"type":"nice_coverage"' "$T/subj3.outj" | grep -o '"subject":"u[0-9]*"' | sort -u | wc -l)" 600
	assert_equal "$(grep -c '"type":"nice_coverage_partial"' "$T/partial4.outj")" 600
	assert_equal "$(grep -m1 '"type":"nice_coverage"' "$T/role2.outj" | grep -o '"role":"R03"')" '"role":"R03"'
	assert_equal "$(cat "$T/plain4.status")" 0
}

@test "-j: groups of every kind of value, records without a subject, and a first piece that counts nothing" {
	# departments that are strings, a number and the same number as a
	# real, null, an object, or absent; some records without a subject
	scores | awk '{
		n++; d = n % 8
		if (d == 0) v = "\"営業\""; else if (d == 1) v = "1"; else if (d == 2) v = "null"
		else if (d == 3) v = ""; else if (d == 4) v = "\"x\\\"y\""; else if (d == 5) v = "1.0"
		else if (d == 6) v = "{\"a\":[1,2]}"; else v = "\"営業\""
		if (v != "") sub(/,"department":"d[0-9]+"/, ",\"department\":" v)
		else sub(/,"department":"d[0-9]+"/, "")
		if (n % 97 == 0) sub(/"subject":"u[0-9]+"/, "\"subject\":\"\"")
		else if (n % 89 == 0) sub(/"subject":"u[0-9]+",/, "")
		print }' > "$T/mixed"
	for args in "-c -b department" "-c -b subject" "-c -b subject -u" "-c -b department --role R05" "-c -b subject --role R05"; do
		both mixed 3 $args "$T/mixed"
		joined mixed 3
	done
	grep -q '"department":{"a":\[1,2\]}' "$T/mixed.out1"
	# the first piece only passes records on: the --role groups are
	# written where the second piece's first score is
	awk 'BEGIN { for (i = 0; i < 4000; i++) printf "{\"type\":\"note\",\"n\":%d}\n", i }' > "$T/notes"
	scores > "$T/scores"
	cat "$T/notes" "$T/scores" > "$T/late"
	both late 2 -c -b subject --role R05 "$T/late"
	joined late 2
	assert_equal "$(grep -n -m1 '"type":"nice_coverage"' "$T/late.outj" | cut -d: -f1)" 4002
	grep -m1 '"type":"nice_coverage"' "$T/late.outj" | grep -q '"role":"R05"'
}

@test "-j: bad records in a later piece: the same messages at the same FILE:LINE, and exit 1" {
	scores > "$T/scores"
	n=$(wc -l < "$T/scores")
	# an unknown item, a line that is not JSON, and a subject that comes
	# back inside the last piece, all where a worker reads them
	awk -v n="$n" '{ print } NR == n - 40 { print "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"u0000599\",\"item\":\"T999\",\"current\":1,\"target\":2}" }
	     NR == n - 20 { print "{\"type\":\"score\", oops" }
	     NR == n - 3 { print "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"u0000597\",\"item\":\"K001\",\"current\":3,\"target\":2}" }' \
		"$T/scores" > "$T/bad"
	both bad 3 --keep-going -c -b subject "$T/bad"
	joined bad 3
	assert_equal "$(cat "$T/bad.status")" 1
	assert_equal "$(cat "$T/bad.err1")" "csf-map-nice: $T/bad:$((n - 39)): unknown item T999
csf-map-nice: $T/bad:$((n - 18)): invalid JSON: expected a string key
csf-map-nice: $T/bad:$n: subject \"u0000597\" appears again after other subjects: input is not grouped by subject (sort it, or use --ungrouped)"
	both badd 2 --keep-going -c -b department "$T/bad"
	joined badd 2
	assert_equal "$(cat "$T/badd.status")" 1
	assert_equal "$(wc -l < "$T/badd.err1")" 2
	# without --keep-going the worker stops at the first; the piece is read
	# again here and stops the run there, as one process does
	both stop 3 -c -b subject "$T/bad"
	assert_equal "$(cat "$T/stop.status")" 1
	assert_equal "$(cat "$T/stop.log")" "csf-map-nice: -j: piece 2 of 3 joined
csf-map-nice: -j: piece 3 of 3 read here"
	assert_equal "$(cat "$T/stop.err1")" "csf-map-nice: $T/bad:$((n - 39)): unknown item T999"
}

@test "-j: a subject that comes back in a later piece: that piece is read here" {
	scores > "$T/scores"
	grep '"subject":"u0000003"' "$T/scores" | grep '"kind":"item"' | head -1 > "$T/again"
	cat "$T/scores" "$T/again" > "$T/ungrouped"
	both again 3 --keep-going -c -b subject "$T/ungrouped"
	assert_equal "$(cat "$T/again.status")" 1
	assert_equal "$(cat "$T/again.log")" "csf-map-nice: -j: piece 2 of 3 joined
csf-map-nice: -j: piece 3 of 3 read here"
	assert_equal "$(cat "$T/again.err1")" "csf-map-nice: $T/ungrouped:$(wc -l < "$T/ungrouped"): subject \"u0000003\" appears again after other subjects: input is not grouped by subject (sort it, or use --ungrouped)"
	# held to the end, the subject is one group again: every piece joins
	both againu 3 -c -b subject -u "$T/ungrouped"
	joined againu 3
}

@test "-j: several files, cut across their ends, and -o" {
	scores > "$T/scores"
	split -l 700 "$T/scores" "$T/part."
	set -- "$T"/part.*
	[ $# -gt 3 ]
	both files 3 -c -b department "$@"
	joined files 3
	both filess 4 -c -b subject "$@"
	grep -q 'joined' "$T/filess.log"
	csf csf-map-nice -c -b subject -o "$T/one.ndjson" "$@"
	csf csf-map-nice -j 3 -c -b subject -o "$T/many.ndjson" "$@"
	cmp "$T/one.ndjson" "$T/many.ndjson"
	[ "$(ls "$T" | grep -c '^many.ndjson')" = 1 ]   # no temp file left beside it
}

@test "-j: stdin and pipes are read in one process; -j 1, -j 0 (one per core); usage" {
	scores > "$T/scores"
	csf csf-map-nice -c -b subject "$T/scores" > "$T/one"
	CSF_JOBS_LOG=1 csf csf-map-nice -j 2 -c -b subject < "$T/scores" > "$T/stdin" 2> "$T/stdin.err"
	cmp "$T/one" "$T/stdin"
	assert_equal "$(cat "$T/stdin.err")" ""
	cat "$T/scores" | CSF_JOBS_LOG=1 csf csf-map-nice -j 2 -c -b subject - > "$T/pipe" 2> "$T/pipe.err"
	cmp "$T/one" "$T/pipe"
	assert_equal "$(cat "$T/pipe.err")" ""
	both j1 1 -c -b subject "$T/scores"
	assert_equal "$(cat "$T/j1.log")" ""
	both j0 0 -c -b department "$T/scores"
	run csf csf-map-nice -j x -c "$T/scores"
	assert_failure 2
	run csf csf-map-nice -j 2 "$T/scores"
	assert_failure 2
	assert_line --index 0 "csf-map-nice: --by, --role and --jobs go with --coverage"
}

# Reading in turns (-b subject, grouped, everything written): many pieces
# (CSF_JOBS_PIECES sets how many), process k % jobs reading piece k.
turns_joined() { jobs_turns_joined csf-map-nice "$@"; }

@test "-j in turns: many pieces, every worker's piece joins on: one run's output from 2, 3 and 4 processes" {
	scores > "$T/scores"
	for j in 2 3 4; do
		CSF_JOBS_PIECES=13 both subj$j $j -c -b subject "$T/scores"
		turns_joined subj$j 13 $j
		CSF_JOBS_PIECES=13 both role$j $j -c -b subject --role R03 --role R11 "$T/scores"
		turns_joined role$j 13 $j
	done
	assert_equal "$(grep '"type":"nice_coverage"' "$T/subj3.outj" | grep -o '"subject":"u[0-9]*"' | sort -u | wc -l)" 600
	assert_equal "$(grep -m1 '"type":"nice_coverage"' "$T/role2.outj" | grep -o '"role":"R03"')" '"role":"R03"'
	# held groups (-b department) and partials are read in whole pieces
	CSF_JOBS_PIECES=13 both dept 2 -c -b department "$T/scores"
	joined dept 2
	CSF_JOBS_PIECES=13 both partial 2 -c -b subject --partial "$T/scores"
	joined partial 2
}

@test "-j in turns: a subject going on across cuts, one longer than a piece, and records of no subject" {
	# a profile again after every second score, so cuts fall inside
	# subjects; u0000300 has 400 scores, longer than a piece; some
	# records name no subject
	scores | awk '/"type":"profile"/ { p = $0; k = 0 } { print }
		/"type":"score"/ && ++k % 2 == 0 { print p }
		/"subject":"u0000300"/ && /"type":"score"/ && !done { for (i = 0; i < 400; i++) print; done = 1 }
		NR % 50 == 0 { print "{\"type\":\"score\",\"kind\":\"item\",\"item\":\"K001\",\"current\":1,\"target\":2}" }' > "$T/long"
	CSF_JOBS_PIECES=40 both long 2 -c -b subject --keep-going "$T/long"
	grep -q 'joined' "$T/long.log"
	grep -q 'read here' "$T/long.log"   # the piece after one all of u0000300
	# each subject's coverage is written once, in one block
	assert_equal "$(grep '"type":"nice_coverage"' "$T/long.out1" | grep -o '"subject":"u[0-9]*"' | uniq | wc -l)" 600
	assert_equal "$(cat "$T/long.err1")" ""
	CSF_JOBS_PIECES=40 both long3 3 -c -b subject --keep-going "$T/long"
	grep -q 'joined' "$T/long3.log"
}

@test "-j in turns: a subject that comes back and bad records: those pieces are read here, messages alike" {
	scores > "$T/scores"
	grep '"subject":"u0000003"' "$T/scores" | grep '"kind":"item"' | head -1 > "$T/again"
	awk -v again="$(cat "$T/again")" '{ print } NR == 2000 { print again } NR % 300 == 0 { print "{\"type\":\"score\", oops" }' \
		"$T/scores" > "$T/bad"
	CSF_JOBS_PIECES=12 both bad 2 --keep-going -c -b subject "$T/bad"
	assert_equal "$(cat "$T/bad.status")" 1
	grep -q 'read here' "$T/bad.log"
	grep -q 'joined' "$T/bad.log"
	assert_equal "$(grep -c 'appears again' "$T/bad.err1")" 1
	assert_equal "$(grep -c 'invalid JSON' "$T/bad.err1")" 10
	# the one after line 2400: 7 bad lines and the one come back before it
	grep -q "bad:2409: invalid JSON" "$T/bad.err1"
}

@test "-j in turns: a piece whose output does not fit its buffer is read here" {
	scores > "$T/scores"
	CSF_JOBS_BUFFER=8192 CSF_JOBS_PIECES=4 both small 2 -c -b subject "$T/scores"
	assert_equal "$(cat "$T/small.log")" "csf-map-nice: -j: piece 2 of 4 read here
csf-map-nice: -j: piece 4 of 4 read here"
}
