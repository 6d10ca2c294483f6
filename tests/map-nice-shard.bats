#!/usr/bin/env bats
# csf-map-nice --coverage in shards: --partial writes each group's covered
# NICE IDs and nothing else, --merge adds them up to the coverage records
# one run writes, byte for byte and in one run's order. The IDs of the
# small cases come from fixtures/nice/data's crosswalk (see
# map-nice-stream.bats): T002 -> T0164, T0262; T003 -> T0167, T2052;
# S002 -> S0077. A partial lists IDs in the order the work roles first
# list them: OG, DD, IO (IO-WRL-004: S0077), PD (PD-WRL-001: T0164,
# PD-WRL-002: T0167, PD-WRL-003: T0262), IN (IN-WRL-001: T2052).

load helper

FD="$FIX/nice/data"
fixture() { csf csf-map-nice --data "$FD" "$@"; }
P='{"type":"nice_coverage_partial","version":"2.1.0"'

@test "--partial writes each group's covered IDs and nothing else, in one run's order" {
	cat > "$BATS_TEST_TMPDIR/in" <<'EOF'
{"type":"profile","subject":"alice"}
{"type":"gap","subject":"alice","item":"T002","gap":0}
{"type":"note","text":"passes in a plain run only"}
{"type":"gap","subject":"alice","item":"K002","gap":1}
{"type":"gap","item":"T003","gap":0}
{"type":"score","subject":"bob","item":"T003","current":3,"target":3}
{"type":"score","subject":"bob","item":"S002","current":3,"target":3}
{"type":"score","subject":"carol","item":"S001","current":0,"target":2}
EOF
	run --separate-stderr fixture -c -b subject --partial --shard 3 "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_equal "$stderr" ""
	# K002 and S001 are not held; carol covers nothing; the record without
	# a subject is a group one run writes last
	assert_output "$P,\"shard\":3,\"by\":\"subject\",\"value\":\"alice\",\"ids\":[\"T0164\",\"T0262\"]}
$P,\"shard\":3,\"by\":\"subject\",\"value\":\"bob\",\"ids\":[\"S0077\",\"T0167\",\"T2052\"]}
$P,\"shard\":3,\"by\":\"subject\",\"value\":\"carol\",\"ids\":[]}
$P,\"shard\":3,\"by\":\"subject\",\"last\":true,\"ids\":[\"T0167\",\"T2052\"]}"
	# held (-u): first-seen order, nothing is "last"; --role groups first
	run fixture -c -b subject -u --partial --role R03 "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_line --index 0 "$P,\"shard\":0,\"role\":\"R03\",\"ids\":[\"K0018\",\"T0020\",\"T0164\"]}"
	assert_line --index 1 "$P,\"shard\":0,\"by\":\"subject\",\"value\":\"alice\",\"ids\":[\"T0164\",\"T0262\"]}"
	assert_line --index 2 "$P,\"shard\":0,\"by\":\"subject\",\"ids\":[\"T0167\",\"T2052\"]}"
	assert_line --index 4 "$P,\"shard\":0,\"by\":\"subject\",\"value\":\"carol\",\"ids\":[]}"
	# no --by: one group
	run fixture -c --partial "$BATS_TEST_TMPDIR/in"
	assert_output "$P,\"shard\":0,\"ids\":[\"S0077\",\"T0164\",\"T0167\",\"T0262\",\"T2052\"]}"
	# merged, the coverage records of one run (which also passes the others on)
	fixture -c -b subject "$BATS_TEST_TMPDIR/in" | grep '"type":"nice_coverage"' > "$BATS_TEST_TMPDIR/one"
	fixture -c -b subject --partial "$BATS_TEST_TMPDIR/in" | fixture --merge > "$BATS_TEST_TMPDIR/merged"
	cmp "$BATS_TEST_TMPDIR/one" "$BATS_TEST_TMPDIR/merged"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/one")" -gt 20 ]
}

# Generated scores with a department on most records: strings, a number
# and the same number as a real, null, an object, and none at all (each
# a group of its own); some records have no subject, or an empty one.
gen() {
	awk -v n=1200 -v k=4 -f "$ROOT/bench/scores-gen.awk" | awk '{
		n++; d = n % 8
		if (d == 0) v = "\"営業\""; else if (d == 1) v = "1"; else if (d == 2) v = "null"
		else if (d == 3) v = ""; else if (d == 4) v = "\"x\\\"y\""; else if (d == 5) v = "1.0"
		else if (d == 6) v = "{\"a\":[1,2]}"; else v = "\"営業\""
		if (v != "") sub(/}$/, ",\"department\":" v "}")
		if (n % 97 == 0) sub(/"subject":"u[0-9]+"/, "\"subject\":\"\"")
		else if (n % 89 == 0) sub(/"subject":"u[0-9]+",/, "")
		print }'
}

@test "shards merged equal one run byte for byte: 2, 3 and 7 shards, with and without --by, with --role" {
	gen > "$BATS_TEST_TMPDIR/in"
	cd "$BATS_TEST_TMPDIR"
	# R04 covers more than 64 NICE IDs: a group that also keeps its set as bits
	for args in "" "-b subject" "-b subject -u" "-b department" "-b department --role R05" "--role R01 --role R13" "-b subject --role R04"; do
		csf csf-map-nice -c $args in | grep '"type":"nice_coverage"' > one
		for k in 2 3 7; do
			rm -f part.*
			split -n l/$k -d in part.
			# all shards into one pipe at once, numbered as parallel's {#}
			i=0
			for f in part.*; do
				i=$((i + 1))
				csf csf-map-nice -c $args --partial --shard $i "$f" &
			done > partials
			wait
			csf csf-map-nice --merge partials > merged
			cmp one merged || { echo "differs: -c $args, $k shards"; false; }
			# one shard after another, unnumbered, through stdin
			for f in part.*; do csf csf-map-nice -c $args --partial "$f"; done | csf csf-map-nice --merge > merged
			cmp one merged || { echo "differs: -c $args, $k shards in turn"; false; }
		done
	done
	[ "$(wc -l < one)" -gt 40 ]
}

@test "partial lines fit one write of 4096 bytes: a long group goes on in further records" {
	gen > "$BATS_TEST_TMPDIR/in"
	csf csf-map-nice -c --partial "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/p"
	[ "$(wc -l < "$BATS_TEST_TMPDIR/p")" -ge 2 ]
	awk 'length($0) + 1 > 4096 { print "too long: " NR; exit 1 }' "$BATS_TEST_TMPDIR/p"
	# every further record repeats the group, so each line merges alone
	[ "$(grep -c "^$P,\"shard\":0,\"ids\":\[\"" "$BATS_TEST_TMPDIR/p")" -eq "$(wc -l < "$BATS_TEST_TMPDIR/p")" ]
	run csf csf-map-nice --merge "$BATS_TEST_TMPDIR/p"
	assert_success
	assert_output "$(csf csf-map-nice -c "$BATS_TEST_TMPDIR/in" | grep '"type":"nice_coverage"')"
}

@test "--merge passes every other record through byte for byte" {
	printf '%s\n' '{"type":"note",  "text" : "as it is"}' \
	    "$P,\"shard\":0,\"by\":\"subject\",\"value\":\"bob\",\"ids\":[\"T0167\"]}" \
	    '{"type":"gap","subject":"bob","item":"T003","gap":0}' > "$BATS_TEST_TMPDIR/in"
	run fixture --merge "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_line --index 0 '{"type":"note",  "text" : "as it is"}'
	assert_line --index 1 '{"type":"gap","subject":"bob","item":"T003","gap":0}'
	assert_line --index 2 '{"type":"nice_coverage","subject":"bob","scope":"work_role","id":"PD-WRL-002","name":"Digital Forensics","category":"PD","task":{"covered":1,"total":46,"share":0.022},"ks":{"covered":0,"total":136,"share":0.0}}'
	assert_equal "${#lines[@]}" 9   # and 2 work roles, 5 categories
}

@test "bad partials are named FILE:LINE, exit 1; --keep-going reports each and merges the rest" {
	f="$BATS_TEST_TMPDIR/bad"
	cat > "$f" <<EOF
$P,"shard":0,"by":"department","value":"a","ids":["T0164"]}
$P,"shard":-1,"by":"department","value":"a","ids":["T0164"]}
$P,"shard":1000000001,"by":"department","value":"a","ids":["T0164"]}
$P,"shard":0,"by":"department","value":"a","ids":"T0164"}
{"type":"nice_coverage_partial","shard":0,"by":"department","value":"a","ids":["T0164"]}
{"type":"nice_coverage_partial","version":"2.0.0","shard":0,"by":"department","value":"a","ids":["T0164"]}
$P,"shard":0,"by":"role","value":"a","ids":["T0164"]}
$P,"shard":0,"ids":["T0164"]}
$P,"shard":0,"by":"","ids":["T0164"]}
$P,"shard":0,"by":"department","role":"R01","ids":["T0164"]}
$P,"shard":0,"value":"a","ids":["T0164"]}
$P,"shard":0,"by":"department","last":true,"ids":["T0164"]}
$P,"shard":0,"by":"department","value":"a","ids":["T9999"]}
$P,"shard":0,"by":"department","value":"a","ids":["T0164",3]}
$P,"shard":0,"by":"department","value":"a","ids":["T0164","T0262","T0164"]}
$P,"shard":0,"role":"R99","ids":[]}
$P,"shard":0,"role":"R03","ids":["T0167"]}
$P,"shard":0,"role":5,"ids":[]}
{"type":"other","x":1}
$P,"shard":1,"by":"department","value":"b","ids":["T0262"]}
EOF
	m="csf-map-nice: $f"
	run --separate-stderr fixture --merge --keep-going "$f"
	assert_failure 1
	assert_equal "$stderr" "$m:2: nice_coverage_partial needs \"version\", \"shard\" (a count from 0 to 1000000000) and \"ids\" (an array)
$m:3: nice_coverage_partial needs \"version\", \"shard\" (a count from 0 to 1000000000) and \"ids\" (an array)
$m:4: nice_coverage_partial needs \"version\", \"shard\" (a count from 0 to 1000000000) and \"ids\" (an array)
$m:5: nice_coverage_partial needs \"version\", \"shard\" (a count from 0 to 1000000000) and \"ids\" (an array)
$m:6: nice_coverage_partial of NICE 2.0.0 cannot merge with NICE 2.1.0 (give the shards' --nice)
$m:7: nice_coverage_partial by \"role\" cannot merge with by \"department\"
$m:8: nice_coverage_partial without \"by\" cannot merge with by \"department\"
$m:9: nice_coverage_partial: \"by\" must be a non-empty string
$m:10: nice_coverage_partial: \"by\" and \"role\" exclude each other
$m:11: nice_coverage_partial: \"value\" goes with \"by\"
$m:12: nice_coverage_partial: \"last\" is true or absent, and goes with by \"subject\"
$m:13: nice_coverage_partial: bad entry 1 in \"ids\": want a NICE ID that a work role of NICE 2.1.0 lists
$m:14: nice_coverage_partial: bad entry 2 in \"ids\": want a NICE ID that a work role of NICE 2.1.0 lists
$m:15: nice_coverage_partial: \"T0164\" listed twice in \"ids\"
$m:16: unknown role R99
$m:17: nice_coverage_partial: the items of role R03 do not cover \"T0167\"
$m:18: nice_coverage_partial: \"role\" must be a non-empty string"
	# the good lines: a's T0164 (PD-WRL-001, PD-WRL-003), b's T0262 (PD-WRL-003)
	assert_line --index 0 '{"type":"other","x":1}'
	assert_line --index 1 --regexp '^\{"type":"nice_coverage","department":"a","scope":"work_role","id":"PD-WRL-001",'
	assert_equal "$(grep -c '"department":"a"' <<< "$output")" 7
	assert_equal "$(grep -c '"department":"b"' <<< "$output")" 6
	# without --keep-going the first bad line stops the run, -o is not written
	run --separate-stderr fixture --merge -o "$BATS_TEST_TMPDIR/out" "$f"
	assert_failure 1
	assert_equal "$stderr" "$m:2: nice_coverage_partial needs \"version\", \"shard\" (a count from 0 to 1000000000) and \"ids\" (an array)"
	[ ! -e "$BATS_TEST_TMPDIR/out" ]
}

@test "--merge: partials of one group that disagree are named by both places" {
	printf '%s\n' "$P,\"shard\":0,\"by\":\"subject\",\"last\":true,\"ids\":[]}" > "$BATS_TEST_TMPDIR/a"
	printf '%s\n' '{"type":"note"}' "$P,\"shard\":1,\"by\":\"subject\",\"ids\":[\"T0164\"]}" > "$BATS_TEST_TMPDIR/b"
	run --separate-stderr fixture --merge "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_equal "$stderr" "csf-map-nice: $BATS_TEST_TMPDIR/b:2: nice_coverage_partial: \"last\" differs from this group's first partial ($BATS_TEST_TMPDIR/a:1)"
	run --separate-stderr fixture --lang ja --merge "$BATS_TEST_TMPDIR/b" "$BATS_TEST_TMPDIR/a"
	assert_failure 1
	assert_equal "$stderr" "csf-map-nice: $BATS_TEST_TMPDIR/a:1: nice_coverage_partial: \"last\" がこのグループの最初の部分集計（$BATS_TEST_TMPDIR/b:2）と異なります"
}

@test "--partial, --shard and --merge: usage errors (exit 2) and help in both languages" {
	run --separate-stderr csf csf-map-nice --partial /dev/null
	assert_failure 2
	[[ $stderr == 'csf-map-nice: --partial goes with --coverage'* ]]
	run --separate-stderr csf csf-map-nice -c --shard 2 /dev/null
	assert_failure 2
	[[ $stderr == 'csf-map-nice: --shard goes with --partial'* ]]
	run csf csf-map-nice -c --partial --shard -1 /dev/null
	assert_failure 2
	run csf csf-map-nice -c --merge /dev/null
	assert_failure 2
	run csf csf-map-nice --merge --by subject /dev/null
	assert_failure 2
	run csf csf-map-nice --merge --to itss /dev/null
	assert_failure 2
	run csf csf-map-nice --help
	assert_success
	assert_output --partial '--partial        with --coverage: write only each group'
	assert_output --partial '--merge          add up nice_coverage_partial records'
	run csf csf-map-nice --lang ja --help
	assert_output --partial '--shard N        --partial と共に: 入力の中でのこの分割の順番'
	assert_output --partial '--merge          nice_coverage_partial を合算し'
}

@test "csf-check validates nice_coverage_partial records; a shard's output passes" {
	gen | csf csf-map-nice -c -b department --partial --role R03 > "$BATS_TEST_TMPDIR/p"
	run csf csf-check "$BATS_TEST_TMPDIR/p"
	assert_success
	assert_output ''
	f="$BATS_TEST_TMPDIR/bad"
	printf '%s\n' "$P,\"shard\":-1,\"ids\":[]}" \
	    "$P,\"shard\":0,\"by\":\"department\",\"role\":\"R01\",\"last\":true,\"ids\":[\"T0164\"]}" \
	    "$P,\"shard\":0,\"value\":null,\"ids\":[\"X1\",5]}" \
	    '{"type":"nice_coverage_partial","shard":0,"ids":{}}' > "$f"
	run --separate-stderr csf csf-check "$f"
	assert_failure 1
	assert_equal "$stderr" "csf-check: $f:1: nice_coverage_partial: shard: -1 is out of range 0..1e+09
csf-check: $f:2: nice_coverage_partial: \"by\" and \"role\" exclude each other
csf-check: $f:2: nice_coverage_partial: last: is true or absent, and goes with by \"subject\"
csf-check: $f:3: nice_coverage_partial: ids[0]: \"X1\" does not match [TKS][0-9]{4}
csf-check: $f:3: nice_coverage_partial: ids[1]: expected a string, got an integer
csf-check: $f:3: nice_coverage_partial: value: goes with \"by\"
csf-check: $f:4: nice_coverage_partial: version: missing
csf-check: $f:4: nice_coverage_partial: ids: expected an array, got an object
csf-check: 8 problems"
}
