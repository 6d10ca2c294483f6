#!/usr/bin/env bats
# csf-map-nice --coverage --by subject on input grouped by subject: one
# subject held at a time, written when the next one starts. The figures
# come from the small data set in fixtures/nice/data and the shipped
# crosswalk, worked out with jq (commands in the comments):
#   which work roles list an ID:
#     jq -r 'select(.type=="nice_work_role") | select((.tasks+.knowledge+.skills)
#            | index("T0164")) | .id' crosswalk.ndjson
#   category totals (work roles, distinct tasks, distinct knowledge+skills):
#     jq -s '[.[]|select(.type=="nice_work_role")] | group_by(.category.id)
#            | map({cat: .[0].category.id, wr: length, t: (map(.tasks[])|unique|length),
#                   ks: (map(.knowledge[], .skills[])|unique|length)})' crosswalk.ndjson
#   OG 16 288 450, DD 9 251 400, IO 7 141 336, PD 7 210 444, IN 2 76 158.

load helper

FD="$FIX/nice/data"
fixture() { csf csf-map-nice --data "$FD" "$@"; }

# alice: T002 -> T0164 (PD-WRL-001, PD-WRL-003) and T0262 (PD-WRL-003).
# PD-WRL-001 lists 43 tasks and 125+38 K/S, PD-WRL-003 29 and 55+23.
# $1: PD-WRL-003's K/S covered (S002 -> S0077, also in IO-WRL-004 and PD-WRL-004).
alice() {
	if [ "$1" = 0 ]; then
		cat <<'EOF'
{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD","task":{"covered":1,"total":43,"share":0.023},"ks":{"covered":0,"total":163,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"PD-WRL-003","name":"Incident Response","category":"PD","task":{"covered":2,"total":29,"share":0.069},"ks":{"covered":0,"total":78,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"OG","name":"OVERSIGHT and GOVERNANCE","work_roles":{"covered":0,"total":16,"share":0.0},"task":{"covered":0,"total":288,"share":0.0},"ks":{"covered":0,"total":450,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"DD","name":"DESIGN and DEVELOPMENT","work_roles":{"covered":0,"total":9,"share":0.0},"task":{"covered":0,"total":251,"share":0.0},"ks":{"covered":0,"total":400,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"IO","name":"IMPLEMENTATION and OPERATION","work_roles":{"covered":0,"total":7,"share":0.0},"task":{"covered":0,"total":141,"share":0.0},"ks":{"covered":0,"total":336,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"PD","name":"PROTECTION and DEFENSE","work_roles":{"covered":2,"total":7,"share":0.286},"task":{"covered":2,"total":210,"share":0.01},"ks":{"covered":0,"total":444,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"IN","name":"INVESTIGATION","work_roles":{"covered":0,"total":2,"share":0.0},"task":{"covered":0,"total":76,"share":0.0},"ks":{"covered":0,"total":158,"share":0.0}}
EOF
	else
		# S0077 adds IO-WRL-004 (18 tasks, 83+21 K/S) and PD-WRL-004 (14, 50+11):
		# IO 1 of 7 work roles, 1 of 336 K/S; PD 3 of 7, 1 of 444.
		cat <<'EOF'
{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"IO-WRL-004","name":"Network Operations","category":"IO","task":{"covered":0,"total":18,"share":0.0},"ks":{"covered":1,"total":104,"share":0.01}}
{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD","task":{"covered":1,"total":43,"share":0.023},"ks":{"covered":0,"total":163,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"PD-WRL-003","name":"Incident Response","category":"PD","task":{"covered":2,"total":29,"share":0.069},"ks":{"covered":1,"total":78,"share":0.013}}
{"type":"nice_coverage","subject":"alice","scope":"work_role","id":"PD-WRL-004","name":"Infrastructure Support","category":"PD","task":{"covered":0,"total":14,"share":0.0},"ks":{"covered":1,"total":61,"share":0.016}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"OG","name":"OVERSIGHT and GOVERNANCE","work_roles":{"covered":0,"total":16,"share":0.0},"task":{"covered":0,"total":288,"share":0.0},"ks":{"covered":0,"total":450,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"DD","name":"DESIGN and DEVELOPMENT","work_roles":{"covered":0,"total":9,"share":0.0},"task":{"covered":0,"total":251,"share":0.0},"ks":{"covered":0,"total":400,"share":0.0}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"IO","name":"IMPLEMENTATION and OPERATION","work_roles":{"covered":1,"total":7,"share":0.143},"task":{"covered":0,"total":141,"share":0.0},"ks":{"covered":1,"total":336,"share":0.003}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"PD","name":"PROTECTION and DEFENSE","work_roles":{"covered":3,"total":7,"share":0.429},"task":{"covered":2,"total":210,"share":0.01},"ks":{"covered":1,"total":444,"share":0.002}}
{"type":"nice_coverage","subject":"alice","scope":"category","id":"IN","name":"INVESTIGATION","work_roles":{"covered":0,"total":2,"share":0.0},"task":{"covered":0,"total":76,"share":0.0},"ks":{"covered":0,"total":158,"share":0.0}}
EOF
	fi
}

# bob: T003 -> T0167 (PD-WRL-002, IN-WRL-002) and T2052 (IN-WRL-001).
bob() {
	cat <<'EOF'
{"type":"nice_coverage","subject":"bob","scope":"work_role","id":"PD-WRL-002","name":"Digital Forensics","category":"PD","task":{"covered":1,"total":46,"share":0.022},"ks":{"covered":0,"total":136,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"work_role","id":"IN-WRL-001","name":"Cybercrime Investigation","category":"IN","task":{"covered":1,"total":30,"share":0.033},"ks":{"covered":0,"total":77,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"work_role","id":"IN-WRL-002","name":"Digital Evidence Analysis","category":"IN","task":{"covered":1,"total":52,"share":0.019},"ks":{"covered":0,"total":123,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"category","id":"OG","name":"OVERSIGHT and GOVERNANCE","work_roles":{"covered":0,"total":16,"share":0.0},"task":{"covered":0,"total":288,"share":0.0},"ks":{"covered":0,"total":450,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"category","id":"DD","name":"DESIGN and DEVELOPMENT","work_roles":{"covered":0,"total":9,"share":0.0},"task":{"covered":0,"total":251,"share":0.0},"ks":{"covered":0,"total":400,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"category","id":"IO","name":"IMPLEMENTATION and OPERATION","work_roles":{"covered":0,"total":7,"share":0.0},"task":{"covered":0,"total":141,"share":0.0},"ks":{"covered":0,"total":336,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"category","id":"PD","name":"PROTECTION and DEFENSE","work_roles":{"covered":1,"total":7,"share":0.143},"task":{"covered":1,"total":210,"share":0.005},"ks":{"covered":0,"total":444,"share":0.0}}
{"type":"nice_coverage","subject":"bob","scope":"category","id":"IN","name":"INVESTIGATION","work_roles":{"covered":2,"total":2,"share":1.0},"task":{"covered":2,"total":76,"share":0.026},"ks":{"covered":0,"total":158,"share":0.0}}
EOF
}

@test "grouped: a subject's coverage is written when the next subject's first counted record comes" {
	cat > "$BATS_TEST_TMPDIR/in" <<'EOF'
{"type":"gap","subject":"alice","item":"T002","gap":0}
{"type":"note","text":"passes"}
{"type":"score","subject":"bob","item":"T003","current":3,"target":3}
{"type":"profile","subject":"carol"}
EOF
	run --separate-stderr fixture --coverage --by subject "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_equal "$stderr" ""
	# held to the end, the profile would come before alice's records
	assert_output "$(sed -n 2p "$BATS_TEST_TMPDIR/in"; alice 0; sed -n 4p "$BATS_TEST_TMPDIR/in"; bob)"
}

@test "grouped and held (-u) give the same coverage records; -u keeps the old order" {
	cat > "$BATS_TEST_TMPDIR/in" <<'EOF'
{"type":"profile","subject":"alice"}
{"type":"gap","subject":"alice","item":"T002","gap":0}
{"type":"gap","subject":"alice","item":"S002","gap":0}
{"type":"gap","subject":"alice","item":"K002","gap":1}
{"type":"profile","subject":"bob"}
{"type":"score","subject":"bob","item":"T003","current":3,"target":3}
{"type":"score","subject":"bob","item":"S001","current":0,"target":2}
EOF
	run fixture -c -b subject "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output "$(sed -n 1p "$BATS_TEST_TMPDIR/in"; sed -n 5p "$BATS_TEST_TMPDIR/in"; alice 1; bob)"
	run fixture -c -b subject -u "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output "$(sed -n 1p "$BATS_TEST_TMPDIR/in"; sed -n 5p "$BATS_TEST_TMPDIR/in"; alice 1; bob)"
	run fixture -c --by subject --ungrouped - < "$BATS_TEST_TMPDIR/in"
	assert_output "$(sed -n 1p "$BATS_TEST_TMPDIR/in"; sed -n 5p "$BATS_TEST_TMPDIR/in"; alice 1; bob)"
}

@test "grouped equals held on csf-assess output of the example staff" {
	csf csf-assess "$ROOT/share/csf/examples/staff.ndjson" | csf csf-gap > "$BATS_TEST_TMPDIR/gaps"
	csf csf-map-nice -c -b subject "$BATS_TEST_TMPDIR/gaps" > "$BATS_TEST_TMPDIR/grouped"
	csf csf-map-nice -c -b subject -u "$BATS_TEST_TMPDIR/gaps" > "$BATS_TEST_TMPDIR/held"
	# every subject with a counted record gets 5 category records
	subjects=$(jq -r 'select(.type=="gap" and .item != null) | .subject' "$BATS_TEST_TMPDIR/gaps" | sort -u | wc -l)
	[ "$subjects" -gt 1 ]
	[ "$(grep -c '"scope":"category"' "$BATS_TEST_TMPDIR/grouped")" -eq $((5 * subjects)) ]
	diff <(grep nice_coverage "$BATS_TEST_TMPDIR/held") <(grep nice_coverage "$BATS_TEST_TMPDIR/grouped")
	diff <(sort "$BATS_TEST_TMPDIR/held") <(sort "$BATS_TEST_TMPDIR/grouped")
}

@test "a subject that comes back is reported with FILE:LINE and exit 1; --keep-going passes it uncounted" {
	cat > "$BATS_TEST_TMPDIR/in" <<'EOF'
{"type":"gap","subject":"alice","item":"T002","gap":0}
{"type":"score","subject":"bob","item":"T003","current":3,"target":3}
{"type":"gap","subject":"alice","item":"S002","gap":0}
EOF
	msg="csf-map-nice: $BATS_TEST_TMPDIR/in:3: subject \"alice\" appears again after other subjects: input is not grouped by subject (sort it, or use --ungrouped)"
	run --separate-stderr fixture -c -b subject -o "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "$msg"
	[ ! -e "$BATS_TEST_TMPDIR/out" ]
	run --separate-stderr fixture -c -b subject --keep-going "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "$msg"
	# alice is written without S002; the line is passed on as it was
	assert_output "$(alice 0; sed -n 3p "$BATS_TEST_TMPDIR/in"; bob)"
	# -u holds both subjects: alice counts S002
	run --separate-stderr fixture -c -b subject -u "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output "$(alice 1; bob)"
	# another field is held whole: no error
	run fixture -c -b item "$BATS_TEST_TMPDIR/in"
	assert_success
}

@test "--role groups come first; records with no subject are a group written at the end" {
	# R03's items T001 (T0020), T005 (T0164), K001 (K0018): PD-WRL-001 lists
	# T0020 and T0164; K0018 is in 10 work roles (PD-WRL-001 among them) and
	# T0164 adds PD-WRL-003: 11 work roles.
	# The task record has no subject: its group (subject null) covers T0020.
	cat > "$BATS_TEST_TMPDIR/in" <<'EOF'
{"type":"task","id":"T001"}
{"type":"gap","subject":"alice","item":"T002","gap":0}
EOF
	run fixture -c -b subject --role R03 "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_line -n 0 --partial '{"type":"nice_coverage","role":"R03","scope":"work_role","id":"OG-WRL-'
	assert_line --partial '{"type":"nice_coverage","role":"R03","scope":"work_role","id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD","task":{"covered":2,"total":43,'
	r03=$(printf '%s\n' "${lines[@]}" | grep -c '"role":"R03"')
	[ "$r03" -eq 16 ]   # 11 work roles + 5 categories
	assert_equal "$(printf '%s\n' "${lines[@]}" | sed -n "$((r03 + 1)),$((r03 + 7))p")" "$(alice 0)"
	assert_line -n $((r03 + 7)) '{"type":"nice_coverage","subject":null,"scope":"work_role","id":"PD-WRL-001","name":"Defensive Cybersecurity","category":"PD","task":{"covered":1,"total":43,"share":0.023},"ks":{"covered":0,"total":163,"share":0.0}}'
	[ "${#lines[@]}" -eq $((r03 + 7 + 6)) ]
}

@test "-u goes with --coverage --by (usage error otherwise), in both languages" {
	run --separate-stderr fixture -u
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-map-nice: --ungrouped goes with --coverage --by"
	run --separate-stderr fixture --lang ja -c -u
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-map-nice: --ungrouped は --coverage --by と一緒に使います"
	run fixture --help
	assert_line '  -u, --ungrouped      with --by subject: input is not grouped by subject: hold'
	run fixture --help --lang ja
	assert_line '  -u, --ungrouped      --by subject と共に: 入力が対象者ごとにまとまっていない:'
}

@test "escaped items and --by values count as written plainly" {
	# \u0054002 is T002, \u0061lice is alice, department "\u0061" is "a"
	cat > "$BATS_TEST_TMPDIR/in" <<'EOF'
{"type":"gap","subject":"\u0061lice","item":"\u0054002","gap":0,"department":"\u0061"}
{"type":"gap","subject":"bob","item":"T003","gap":0,"department":"a\"b"}
{"type":"gap","subject":"bob","item":"S002","gap":2,"department":"a\"b"}
{"type":"gap","subject":"alice","item":"T002","gap":0,"department":"a"}
EOF
	run --separate-stderr fixture --coverage --by department "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(alice 0 | sed 's/"subject":"alice"/"department":"a"/'
		bob | sed 's/"subject":"bob"/"department":"a\\"b"/')"
	# by subject, the escaped name is alice's: alice comes back
	run --separate-stderr fixture --coverage --by subject "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "csf-map-nice: $BATS_TEST_TMPDIR/in:4: subject \"alice\" appears again after other subjects: input is not grouped by subject (sort it, or use --ungrouped)"
	run --separate-stderr fixture --coverage --by subject -u "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output "$(alice 0; bob)"
}
