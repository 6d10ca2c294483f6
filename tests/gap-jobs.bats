#!/usr/bin/env bats
# csf-gap -j: the input read in several processes gives, byte for byte, what
# one process writes: stdout, messages and exit status. CSF_JOBS_LOG makes it
# say how each piece went (joined on from its worker, or read again here), so
# every test also checks that the path it means to test was taken.

load helper

setup() {
	export CSF_DATADIR="$ROOT/share/csf"
	T="$BATS_TEST_TMPDIR"
	awk -v n=90 -v k=12 -f "$ROOT/bench/gen.awk" | csf csf-assess > "$T/scores"
}

both() { jobs_both csf-gap "$@"; }
joined() { jobs_joined csf-gap "$@"; }
turns_joined() { jobs_turns_joined csf-gap "$@"; }

@test "-j: the single run's output for every --by, --partial and --top, from 2, 3 and 4 processes" {
	for j in 2 3 4; do
		both plain$j $j "$T/scores"
		joined plain$j $j
		both dept$j $j --by department "$T/scores"
		joined dept$j $j
		both role$j $j --by role -n 0 "$T/scores"
		joined role$j $j
		both persona$j $j --by persona --top 2 "$T/scores"
		joined persona$j $j
		both partial$j $j --by department --partial "$T/scores"
		joined partial$j $j
	done
	# what was compared is the real thing: gaps of all 90 subjects, 8 groups
	assert_equal "$(grep -c '"kind":"subject"' "$T/dept3.out1")" 90
	assert_equal "$(grep -c '"kind":"group"' "$T/dept3.out1")" 8
	assert_equal "$(grep -c '"type":"gap_partial"' "$T/partial3.out1")" 8
	assert_equal "$(wc -l < "$T/partial3.outj")" 8
	assert_equal "$(grep -c '"kind":"group"' "$T/role2.out1")" 13
	assert_equal "$(cat "$T/plain4.status")" 0
}

@test "-j: records passed through stay in their place, also next to a cut" {
	# a foreign record after every 5th line (so also just before some
	# profiles), and gap_partial records, which pass on without --merge
	awk '{ print } NR % 5 == 0 { printf "{\"type\":\"note\",\"n\":%d}\n", NR }
	     NR % 97 == 0 { print "{\"type\":\"gap_partial\",\"by\":\"x\",\"value\":null,\"n\":0,\"pairs\":0,\"sum\":0,\"at_target\":0,\"unanswered\":0,\"dist\":[0,0,0,0,0],\"items\":[]}" }' \
		"$T/scores" > "$T/mixed"
	grep -B1 '"type":"profile"' "$T/mixed" | grep -q '"type":"note"'
	both mixed 3 --by department "$T/mixed"
	joined mixed 3
	both mixedp 4 --by role --partial "$T/mixed"
	joined mixedp 4
	assert_equal "$(grep -c '"type":"note"' "$T/mixed.outj")" "$(grep -c '"type":"note"' "$T/mixed")"
}

@test "-j: several files, cut across their ends, and -o" {
	split -l 500 "$T/scores" "$T/part."
	set -- "$T"/part.*
	[ $# -gt 4 ]
	both files 3 --by department "$@"
	joined files 3
	csf csf-gap --by role -o "$T/one.ndjson" "$@"
	csf csf-gap -j 3 --by role -o "$T/many.ndjson" "$@"
	cmp "$T/one.ndjson" "$T/many.ndjson"
	[ "$(ls "$T" | grep -c '^many.ndjson')" = 1 ]   # no temp file left beside it
}

@test "-j: a piece whose subject came before, or that another model's records reach, is read here" {
	# u000003 comes back at the end: one process reports it; so must -j
	grep '"subject":"u000003"' "$T/scores" | grep '"kind":"item"' | head -1 > "$T/again"
	cat "$T/scores" "$T/again" > "$T/ungrouped"
	both again 3 --keep-going --by department "$T/ungrouped"
	assert_equal "$(cat "$T/again.status")" 1
	assert_equal "$(cat "$T/again.log")" "csf-gap: -j: piece 2 of 3 joined
csf-gap: -j: piece 3 of 3 read here"
	grep -q "ungrouped:$(wc -l < "$T/ungrouped"): subject \"u000003\" appears again" "$T/again.err1"
	# with -u everything is held to the end: one process reads it all
	both held 3 -u --by department "$T/ungrouped"
	assert_equal "$(cat "$T/held.log")" ""
	# organisation and management records in the middle: their stages
	# hold them, so the pieces with them are read here
	csf csf-assess "$ROOT/share/csf/sample/org.ndjson" > "$T/org"
	csf csf-assess "$FIX/mgmt/karte-a.ndjson" > "$T/mgmt"
	cat "$T/org" "$T/mgmt" > "$T/models.in"
	awk -v half=$(( $(wc -l < "$T/scores") / 2 )) -v block="$T/models.in" \
		'NR > half && !done && /^\{"type":"profile"/ { while ((getline l < block) > 0) print l; done = 1 } { print }' \
		"$T/scores" > "$T/models"
	both models 4 --by department "$T/models"
	grep -q 'read here' "$T/models.log"
	grep -q '"kind":"org_model"' "$T/models.out1"
	grep -q '"kind":"directive"' "$T/models.out1"
	both models1 4 "$T/models"
	grep -q 'read here' "$T/models1.log"
	grep -q '"kind":"org"' "$T/models1.out1"
	# first in the file, they stay with the first piece: the rest joins
	cat "$T/org" "$T/scores" > "$T/orgfirst"
	both orgfirst 3 "$T/orgfirst"
	joined orgfirst 3
	grep -q '"kind":"org"' "$T/orgfirst.out1"
}

@test "-j: bad records: the same messages at the same FILE:LINE, and exit 1" {
	# three kinds of bad line late in the file, where a worker reads them
	n=$(wc -l < "$T/scores")
	awk -v n="$n" '{ print } NR == n - 40 { print "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"zz\",\"item\":\"NOPE\",\"current\":1,\"target\":2}" }
	     NR == n - 20 { print "{\"type\":\"score\", oops" }
	     NR == n - 10 { print "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"zz\",\"item\":\"K001\",\"current\":9,\"target\":2}" }' \
		"$T/scores" > "$T/bad"
	both bad 3 --keep-going --by role "$T/bad"
	joined bad 3
	assert_equal "$(cat "$T/bad.status")" 1
	assert_equal "$(grep -c "bad:[0-9]*: " "$T/bad.err1")" 3
	grep -q "bad:$((n - 18)): invalid JSON" "$T/bad.err1"
	# without --keep-going the worker stops at the first; the piece is read
	# again here and stops the run there, as one process does
	both stop 3 --by role "$T/bad"
	assert_equal "$(cat "$T/stop.status")" 1
	assert_equal "$(cat "$T/stop.log")" "csf-gap: -j: piece 2 of 3 joined
csf-gap: -j: piece 3 of 3 read here"
	assert_equal "$(cat "$T/stop.err1")" "csf-gap: $T/bad:$((n - 39)): unknown item \"NOPE\""
}

@test "-j: workers write in TMPDIR when it is set" {
	mkdir "$T/tmp"
	TMPDIR="$T/tmp" both tmpdir 3 --by department "$T/scores"
	joined tmpdir 3
	[[ "${CSF_WRAP:-}" == *valgrind* ]] ||   # valgrind keeps files of its own there
		assert_equal "$(ls -A "$T/tmp")" ""   # unlinked from the start
}

@test "-j: with no room for the workers' files the pieces are read here" {
	[[ "${CSF_WRAP:-}" != *valgrind* ]] || skip "valgrind itself cannot start without a TMPDIR it can write"
	TMPDIR="$T/none" both notmp 3 --by department "$T/scores"
	assert_equal "$(cat "$T/notmp.log")" "csf-gap: -j: piece 2 of 3 read here
csf-gap: -j: piece 3 of 3 read here"
}

@test "-j: stdin, -j 1 and -j 0 (one per core)" {
	CSF_JOBS_LOG=1 csf csf-gap -j 2 --by department < "$T/scores" > "$T/stdin" 2> "$T/stdin.err"
	csf csf-gap --by department "$T/scores" > "$T/one"
	cmp "$T/one" "$T/stdin"
	assert_equal "$(cat "$T/stdin.err")" ""
	both j1 1 --by department "$T/scores"
	assert_equal "$(cat "$T/j1.log")" ""
	both j0 0 --by department "$T/scores"
	run csf csf-gap -j x "$T/scores"
	assert_failure 2
}

# Reading in turns: when every record is written, the input is cut into
# many pieces (CSF_JOBS_PIECES sets how many) and process k % jobs reads
# piece k; CSF_JOBS_LOG tells how each worker's piece went.

@test "-j in turns: many pieces, every worker's piece joins on: the single run's output from 2, 3 and 4 processes" {
	for j in 2 3 4; do
		CSF_JOBS_PIECES=11 both turns$j $j --by department "$T/scores"
		turns_joined turns$j 11 $j
		CSF_JOBS_PIECES=11 both role$j $j --by role -n 0 "$T/scores"
		turns_joined role$j 11 $j
		CSF_JOBS_PIECES=9 both plain$j $j --top 3 "$T/scores"
		turns_joined plain$j 9 $j
	done
	assert_equal "$(grep -c '"kind":"subject"' "$T/turns2.out1")" 90
	assert_equal "$(grep -c '"kind":"group"' "$T/turns2.out1")" 8
	# sums only (--partial) are still read in whole pieces, one a process
	CSF_JOBS_PIECES=11 both partial 2 --by department --partial "$T/scores"
	joined partial 2
}

@test "-j in turns: records passed through, and several files cut across their ends" {
	awk '{ print } NR % 7 == 0 { printf "{\"type\":\"note\",\"n\":%d}\n", NR }' "$T/scores" > "$T/mixed"
	CSF_JOBS_PIECES=10 both mixed 2 --by department "$T/mixed"
	turns_joined mixed 10 2
	split -l 300 "$T/scores" "$T/part."
	set -- "$T"/part.*
	CSF_JOBS_PIECES=10 both files 3 --by role "$@"
	turns_joined files 10 3
	CSF_JOBS_PIECES=10 csf csf-gap -j 3 --by role -o "$T/many.ndjson" "$@"
	cmp "$T/files.out1" "$T/many.ndjson"
}

@test "-j in turns: a cut at a subject's second profile: the worker's pieces on either side are read here, messages alike" {
	# every subject's profile comes again after its scores: most cuts fall
	# on that second profile, inside a subject
	awk '/^\{"type":"profile"/ { if (p != "") print p; p = $0 } { print } END { print p }' \
		"$T/scores" > "$T/twice"
	CSF_JOBS_PIECES=13 both twice 2 --keep-going --by department "$T/twice"
	assert_equal "$(cat "$T/twice.status")" 1
	grep -q 'read here' "$T/twice.log"
	assert_equal "$(grep -c 'duplicate profile' "$T/twice.err1")" 90
	# the last message names the first profile of the last subject by its
	# real line, though a worker may have read both lines
	first=$(grep -n '"subject":"u000090"' "$T/twice" | head -1 | cut -d: -f1)
	last=$(wc -l < "$T/twice")
	assert_equal "$(tail -1 "$T/twice.err1")" \
		"csf-gap: $T/twice:$last: duplicate profile for subject \"u000090\" (first at $T/twice:$first)"
	# the same with -j 3, where the piece after a worker's is another's
	CSF_JOBS_PIECES=13 both twice3 3 --keep-going --by department "$T/twice"
	grep -q 'read here' "$T/twice3.log"
}

@test "-j in turns: subjects that come back, bad records and another model's records: those pieces are read here, the rest join on" {
	n=$(wc -l < "$T/scores")
	grep '"subject":"u000003"' "$T/scores" | grep '"kind":"item"' | head -1 > "$T/again"
	awk -v n="$n" -v again="$(cat "$T/again")" '{ print }
	     NR % 400 == 0 { print "{\"type\":\"score\", oops" }
	     NR == int(n / 2) { print again }' "$T/scores" > "$T/bad"
	CSF_JOBS_PIECES=12 both bad 2 --keep-going --by role "$T/bad"
	assert_equal "$(cat "$T/bad.status")" 1
	grep -q 'read here' "$T/bad.log"
	grep -q 'joined' "$T/bad.log"
	assert_equal "$(grep -c 'invalid JSON' "$T/bad.err1")" $((n / 400))
	assert_equal "$(grep -c 'appears again' "$T/bad.err1")" 1
	# the line of each invalid one, counted by hand: after line 400 k of
	# the scores come k of them and, past the middle, the line come back
	grep -q "bad:401: invalid JSON" "$T/bad.err1"
	k=$((n / 400)); line=$((400 * k + k)); [ $((400 * k)) -le $((n / 2)) ] || line=$((line + 1))
	grep -q "bad:$line: invalid JSON" "$T/bad.err1"
	# without --keep-going the run stops where one process stops
	CSF_JOBS_PIECES=12 both stop 2 --by role "$T/bad"
	assert_equal "$(cat "$T/stop.status")" 1
	assert_equal "$(cat "$T/stop.err1")" "csf-gap: $T/bad:401: invalid JSON: expected a string key"
	# organisation records in the middle
	csf csf-assess "$ROOT/share/csf/sample/org.ndjson" > "$T/org"
	awk -v half=$((n / 2)) -v block="$T/org" \
		'NR > half && !done && /^\{"type":"profile"/ { while ((getline l < block) > 0) print l; done = 1 } { print }' \
		"$T/scores" > "$T/models"
	CSF_JOBS_PIECES=12 both models 2 --by department "$T/models"
	grep -q 'read here' "$T/models.log"
	grep -q 'joined' "$T/models.log"
	grep -q '"kind":"org_model"' "$T/models.out1"
}

@test "-j: a worker's message names lines by their number in the file, a line it quotes too" {
	# u000080's profile again among its scores, in the worker's half
	awk '/"subject":"u000080"/ && /"type":"profile"/ { p = $0 } { print }
	     /"subject":"u000080"/ && /"type":"score"/ && ++k == 3 { print p }' "$T/scores" > "$T/dup"
	first=$(grep -n '"type":"profile","subject":"u000080"' "$T/dup" | head -1 | cut -d: -f1)
	CSF_JOBS_PIECES=2 both dup 2 --keep-going --by department "$T/dup"
	joined dup 2
	assert_equal "$(cat "$T/dup.err1")" \
		"csf-gap: $T/dup:$((first + 4)): duplicate profile for subject \"u000080\" (first at $T/dup:$first)"
}

@test "-j in turns: a piece whose output does not fit its buffer is read here" {
	CSF_JOBS_BUFFER=4096 CSF_JOBS_PIECES=6 both small 2 --by department "$T/scores"
	assert_equal "$(cat "$T/small.log")" "csf-gap: -j: piece 2 of 6 read here
csf-gap: -j: piece 4 of 6 read here
csf-gap: -j: piece 6 of 6 read here"
}
