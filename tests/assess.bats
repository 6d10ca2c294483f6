#!/usr/bin/env bats
# csf-assess on a hand-checked organisation of four people (fixture data:
# roles R03 and R08, nine items, personas c and e).
#
# Targets: u1 holds R03 (target 3); u2 holds R08 with target 2 and persona c
# (T003 own/normal -> 3, K001 outsource/incident -> 1, S002 given 1 but R08
# asks 2, K003 outsource/normal 1 but R08 asks 2); u3 holds R03 and R08;
# u4 has persona e only (S003 outsource -> 1), plus an answer with its own
# target.

load helper

setup() {
	export CSF_DATADIR="$FIX/assess/data"
	ORG="$FIX/assess/org.ndjson"
}

@test "role summaries: counts, coverage, mean, task vs knowledge/skill coverage" {
	run --separate-stderr csf csf-assess "$ORG"
	assert_success
	assert_equal "$stderr" ''
	# u1: levels 3,2,1,3,0 against 3: T001 and K002 at target.
	assert_line '{"type":"score","kind":"role","subject":"u1","role":"R03","items":5,"answered":5,"at_target":2,"coverage":40.0,"mean":1.8,"tasks":2,"tasks_at_target":1,"task_coverage":50.0,"ks":3,"ks_at_target":1,"ks_coverage":33.3}'
	# u2 on R08: levels T002 2, T003 1, K002 null (0), K003 2, S002 2, S003 1 -> 8/6.
	assert_line '{"type":"score","kind":"role","subject":"u2","role":"R08","items":6,"answered":5,"at_target":3,"coverage":50.0,"mean":1.33,"tasks":2,"tasks_at_target":1,"task_coverage":50.0,"ks":4,"ks_at_target":2,"ks_coverage":50.0}'
	assert_line '{"type":"score","kind":"persona","subject":"u2","persona":"c","items":4,"answered":4,"at_target":2,"coverage":50.0,"mean":1.25,"tasks":1,"tasks_at_target":0,"task_coverage":0.0,"ks":3,"ks_at_target":2,"ks_coverage":66.7}'
	assert_line '{"type":"score","kind":"role","subject":"u3","role":"R03","items":5,"answered":5,"at_target":4,"coverage":80.0,"mean":2.8,"tasks":2,"tasks_at_target":2,"task_coverage":100.0,"ks":3,"ks_at_target":2,"ks_coverage":66.7}'
	assert_line '{"type":"score","kind":"role","subject":"u3","role":"R08","items":6,"answered":5,"at_target":3,"coverage":50.0,"mean":2.0,"tasks":2,"tasks_at_target":2,"task_coverage":100.0,"ks":4,"ks_at_target":1,"ks_coverage":25.0}'
	assert_line '{"type":"score","kind":"persona","subject":"u4","persona":"e","items":4,"answered":4,"at_target":1,"coverage":25.0,"mean":1.5,"tasks":1,"tasks_at_target":0,"task_coverage":0.0,"ks":3,"ks_at_target":1,"ks_coverage":33.3}'
	assert_equal "$(printf '%s\n' "$output" | grep -c '"kind":"role"')" 4
}

@test "item scores: targets from role, persona rule, persona target and the answer's own" {
	run csf csf-assess "$ORG"
	assert_success
	assert_line '{"type":"score","kind":"item","subject":"u2","item":"T003","class":"task","current":1,"target":3,"roles":["R08"],"mode":"own","phase":"normal"}'
	assert_line '{"type":"score","kind":"item","subject":"u2","item":"K001","class":"knowledge","current":0,"target":1,"mode":"outsource","phase":"incident"}'
	assert_line '{"type":"score","kind":"item","subject":"u2","item":"K002","class":"knowledge","current":null,"target":2,"roles":["R08"]}'
	assert_line '{"type":"score","kind":"item","subject":"u2","item":"S002","class":"skill","current":2,"target":2,"roles":["R08"],"mode":"support","phase":"incident"}'
	assert_line '{"type":"score","kind":"item","subject":"u3","item":"S003","class":"skill","current":null,"target":3,"roles":["R08"]}'
	assert_line '{"type":"score","kind":"item","subject":"u4","item":"K003","class":"knowledge","current":2,"target":4}'
	assert_line '{"type":"score","kind":"item","subject":"u4","item":"S003","class":"skill","current":0,"target":1,"mode":"outsource","phase":"incident"}'
	# 5 + 7 + 9 + 5 item scores
	assert_equal "$(printf '%s\n' "$output" | grep -c '"kind":"item"')" 26
}

@test "each subject opens with its profile; foreign records pass through byte for byte" {
	run csf csf-assess "$ORG"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | grep -n '"type":"profile"' | cut -d: -f1 | tr '\n' ' ')" "1 9 19 31 "
	assert_line --index 7 '{"type":"meta","note":"passes through"}'
	assert_line --index 0 '{"type":"profile","subject":"u1","role":"R03","department":"Ops"}'
	printf '%s\n' '{"type":"answer","subject":"x","item":"K001","level":2}' '{ "type" : "note" }' |
		{ run csf csf-assess; assert_success; assert_output $'{ "type" : "note" }\n{"type":"profile","subject":"x"}\n{"type":"score","kind":"item","subject":"x","item":"K001","class":"knowledge","current":2,"target":null}'; }
}

@test "a subject who answers no task is scored on knowledge and skills only" {
	printf '%s\n' '{"type":"profile","subject":"k","role":"R03"}' '{"type":"answer","subject":"k","item":"K001","level":3}' > "$BATS_TEST_TMPDIR/in"
	run csf csf-assess "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output '{"type":"profile","subject":"k","role":"R03"}
{"type":"score","kind":"item","subject":"k","item":"K001","class":"knowledge","current":3,"target":3,"roles":["R03"]}
{"type":"score","kind":"item","subject":"k","item":"K002","class":"knowledge","current":null,"target":3,"roles":["R03"]}
{"type":"score","kind":"item","subject":"k","item":"S001","class":"skill","current":null,"target":3,"roles":["R03"]}
{"type":"score","kind":"role","subject":"k","role":"R03","items":3,"answered":1,"at_target":1,"coverage":33.3,"mean":1.0,"tasks":0,"tasks_at_target":0,"task_coverage":null,"ks":3,"ks_at_target":1,"ks_coverage":33.3}'
}

@test "profiles first, answers after: the same scores as interleaved input" {
	grep '"profile"' "$ORG" > "$BATS_TEST_TMPDIR/profiles"
	grep -v '"profile"' "$ORG" | grep -v meta > "$BATS_TEST_TMPDIR/answers"
	run csf csf-assess "$BATS_TEST_TMPDIR/profiles" "$BATS_TEST_TMPDIR/answers"
	assert_success
	assert_equal "$output" "$(csf csf-assess "$ORG" | grep -v meta)"
}

@test "ungrouped input is refused by default and scored correctly with -u" {
	# Answers sorted by item, so subjects interleave.
	grep '"profile"' "$ORG" > "$BATS_TEST_TMPDIR/in"
	grep '"answer"' "$ORG" | sort -t'"' -k12,12 >> "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/in:8: subject \"u1\" appears again after other subjects: input is not grouped by subject (sort it, or use --ungrouped)"
	run csf csf-assess -u "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_equal "$output" "$(csf csf-assess "$ORG" | grep -v meta)"
}

@test "rejections name file and line; --keep-going reports each and goes on" {
	cat > "$BATS_TEST_TMPDIR/bad" <<-'EOF'
	{"type":"answer","subject":"a","item":"K999","level":1}
	{"type":"answer","subject":"a","item":"K001","level":5}
	{"type":"answer","subject":"a","item":"K001","level":-1}
	{"type":"answer","subject":"a","item":"K001","level":2.5}
	{"type":"answer","subject":"a","item":"K001","level":"3"}
	{"type":"answer","subject":"a","item":"K001"}
	{"type":"answer","item":"K001","level":1}
	{"type":"answer","subject":"a","level":1}
	{"type":"answer","subject":"a","item":"K001","level":1,"target":9}
	{"type":"answer","subject":"a","item":"K001","level":1}
	{"type":"answer","subject":"a","item":"K001","level":2}
	{"type":"profile","subject":"a","role":"R99"}
	{"type":"profile","subject":"a","role":["R03",3]}
	{"type":"profile","subject":"a","persona":"zz"}
	{"type":"profile","subject":"a","role":"R03","target":0}
	{"type":"profile","subject":"a","role":"R03"}
	{"type":"profile","subject":"a","role":"R08"}
	EOF
	run --separate-stderr csf csf-assess --keep-going "$BATS_TEST_TMPDIR/bad"
	assert_failure 1
	f="$BATS_TEST_TMPDIR/bad"
	assert_equal "$stderr" "csf-assess: $f:1: unknown item \"K999\"
csf-assess: $f:2: level must be an integer 0-4 or null, not 5
csf-assess: $f:3: level must be an integer 0-4 or null, not -1
csf-assess: $f:4: level must be an integer 0-4 or null, not 2.5
csf-assess: $f:5: level must be an integer 0-4 or null, not \"3\"
csf-assess: $f:6: level must be an integer 0-4 or null, not missing
csf-assess: $f:7: answer has no \"subject\"
csf-assess: $f:8: answer has no \"item\"
csf-assess: $f:9: target must be an integer 0-4, not 9
csf-assess: $f:11: duplicate answer for subject \"a\", item \"K001\" (first at $f:10)
csf-assess: $f:12: unknown role \"R99\"
csf-assess: $f:13: unknown role 3
csf-assess: $f:14: unknown persona \"zz\"
csf-assess: $f:15: profile target must be an integer 1-4, not 0
csf-assess: $f:17: duplicate profile for subject \"a\" (first at $f:16)"
	# The good records are still scored.
	assert_output '{"type":"profile","subject":"a","role":"R03"}
{"type":"score","kind":"item","subject":"a","item":"K001","class":"knowledge","current":1,"target":3,"roles":["R03"]}
{"type":"score","kind":"item","subject":"a","item":"K002","class":"knowledge","current":null,"target":3,"roles":["R03"]}
{"type":"score","kind":"item","subject":"a","item":"S001","class":"skill","current":null,"target":3,"roles":["R03"]}
{"type":"score","kind":"role","subject":"a","role":"R03","items":3,"answered":1,"at_target":0,"coverage":0.0,"mean":0.33,"tasks":0,"tasks_at_target":0,"task_coverage":null,"ks":3,"ks_at_target":0,"ks_coverage":0.0}'
}

@test "strict by default: the first bad record stops the run with exit 1" {
	printf '%s\n' '{"type":"answer","subject":"a","item":"K001","level":1}' '{"type":"answer","subject":"a","item":"X1","level":1}' > "$BATS_TEST_TMPDIR/in"
	run --separate-stderr csf csf-assess -o "$BATS_TEST_TMPDIR/out" "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/in:2: unknown item \"X1\""
	[ ! -e "$BATS_TEST_TMPDIR/out" ]
}

@test "--template for a role and a persona: targets filled in, levels null" {
	run csf csf-assess --template --role R03 --persona c
	assert_success
	assert_output '{"type":"profile","subject":"you","role":["R03"],"persona":"c"}
{"type":"answer","subject":"you","item":"K001","class":"knowledge","text":"Threats and vulnerabilities","mode":"outsource","phase":"incident","target":3,"level":null}
{"type":"answer","subject":"you","item":"K002","class":"knowledge","text":"Incident handling procedures","target":3,"level":null}
{"type":"answer","subject":"you","item":"K003","class":"knowledge","text":"Related laws","mode":"outsource","phase":"normal","target":1,"level":null}
{"type":"answer","subject":"you","item":"S001","class":"skill","text":"Log analysis with \"tools\", quoted","target":3,"level":null}
{"type":"answer","subject":"you","item":"S002","class":"skill","text":"First response","mode":"support","phase":"incident","target":1,"level":null}'
	run csf csf-assess --template --role R08 --target 2 --tasks --subject 鈴木 --lang ja
	assert_success
	assert_line --index 0 '{"type":"profile","subject":"鈴木","role":["R08"],"target":2}'
	assert_line --index 1 '{"type":"answer","subject":"鈴木","item":"T002","class":"task","text":"不審な兆候を報告する","target":2,"level":null}'
	assert_equal "${#lines[@]}" 7
}

@test "--template from Case1/Case2 choices: each choice its own items, incident phase for Case2" {
	printf '%s\n' '{"type":"choice","choice":["Q1b","Q2a"]}' > "$BATS_TEST_TMPDIR/c"
	run csf csf-assess --template "$BATS_TEST_TMPDIR/c"
	assert_success
	# Q1b: T001 (a task, left out), K002 as persona e lists it; Q2a: S002,
	# which e does not list: own, in an incident (Case2). Not e's S001, S003.
	assert_output '{"type":"profile","subject":"you"}
{"type":"answer","subject":"you","item":"K002","class":"knowledge","text":"Incident handling procedures","mode":"own","phase":"normal","target":3,"level":null}
{"type":"answer","subject":"you","item":"S002","class":"skill","text":"First response","mode":"own","phase":"incident","target":3,"level":null}'
	printf '%s\n' '{"type":"choice","choice":"Q9z"}' > "$BATS_TEST_TMPDIR/c"
	run --separate-stderr csf csf-assess --template "$BATS_TEST_TMPDIR/c"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/c:1: unknown choice \"Q9z\""
}

@test "--template usage errors exit 2" {
	run --separate-stderr csf csf-assess --template
	assert_failure 2
	run --separate-stderr csf csf-assess --template --role R77
	assert_failure 2
	assert_equal "$stderr" 'csf-assess: --role: unknown role "R77"'
	run --separate-stderr csf csf-assess --template --persona q
	assert_failure 2
	run --separate-stderr csf csf-assess --template --role R03 --target 5
	assert_failure 2
	run --separate-stderr csf csf-assess --template --role R03 --format xml
	assert_failure 2
}

@test "CSV template: BOM, CRLF, quoting, and it reads back to the same scores as NDJSON" {
	run csf csf-assess --template --role R03 --format csv
	assert_success
	printf '%s\n' "$output" > "$BATS_TEST_TMPDIR/t.csv"
	assert_equal "$(head -c 3 "$BATS_TEST_TMPDIR/t.csv" | od -An -tx1 | tr -d ' ')" efbbbf
	assert_equal "$(sed -n 1p "$BATS_TEST_TMPDIR/t.csv")" $'\xef\xbb\xbftype,subject,role,persona,item,class,text,mode,phase,target,level\r'
	# The profile row keeps the role the targets come from.
	assert_equal "$(sed -n 2p "$BATS_TEST_TMPDIR/t.csv")" $'profile,you,R03,,,,,,,,\r'
	assert_equal "$(sed -n 5p "$BATS_TEST_TMPDIR/t.csv")" $'answer,you,,,S001,skill,"Log analysis with ""tools"", quoted",,,3,\r'
	# A person fills in the level column: 2, 1, 3 for K001, K002, S001.
	awk 'NR==3{sub(/,\r$/, ",2\r")} NR==4{sub(/,\r$/, ",1\r")} NR==5{sub(/,\r$/, ",3\r")} {print}' "$BATS_TEST_TMPDIR/t.csv" > "$BATS_TEST_TMPDIR/filled.csv"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/filled.csv"
	assert_success
	# With the profile row, the role summary is there as on the NDJSON path:
	# 1 of 3 at target (S001), mean (2+1+3)/3.
	assert_output '{"type":"profile","subject":"you","role":["R03"]}
{"type":"score","kind":"item","subject":"you","item":"K001","class":"knowledge","current":2,"target":3,"roles":["R03"]}
{"type":"score","kind":"item","subject":"you","item":"K002","class":"knowledge","current":1,"target":3,"roles":["R03"]}
{"type":"score","kind":"item","subject":"you","item":"S001","class":"skill","current":3,"target":3,"roles":["R03"]}
{"type":"score","kind":"role","subject":"you","role":"R03","items":3,"answered":3,"at_target":1,"coverage":33.3,"mean":2.0,"tasks":0,"tasks_at_target":0,"task_coverage":null,"ks":3,"ks_at_target":1,"ks_coverage":33.3}'
	# The same answers as NDJSON give the same scores.
	csf csf-assess --template --role R03 | sed -e '/K001/s/"level":null/"level":2/' -e '/K002/s/"level":null/"level":1/' -e '/S001/s/"level":null/"level":3/' > "$BATS_TEST_TMPDIR/filled.ndjson"
	assert_equal "$(csf csf-assess "$BATS_TEST_TMPDIR/filled.ndjson")" "$output"
	# And --csv reads CSV from stdin.
	assert_equal "$(csf csf-assess --csv < "$BATS_TEST_TMPDIR/filled.csv")" "$output"
}

@test "CSV from a spreadsheet: extra columns, quoted line breaks, empty level, trailing empty rows" {
	printf '\xef\xbb\xbfSubject , Item,Note,LEVEL,target\r\n"u 1",K001,"multi\r\nline, note",2,\r\nu2,K002,,,3\r\n,,,,\r\n\r\n' > "$BATS_TEST_TMPDIR/s.csv"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/s.csv"
	assert_success
	assert_output '{"type":"profile","subject":"u 1"}
{"type":"score","kind":"item","subject":"u 1","item":"K001","class":"knowledge","current":2,"target":null}
{"type":"profile","subject":"u2"}
{"type":"score","kind":"item","subject":"u2","item":"K002","class":"knowledge","current":null,"target":3}'
}

@test "CSV rejections name the file and the row's first line" {
	printf 'subject,item,level\nu1,K001,2\nu1,K002\nu1,K003,x\nu1,"S001,3\nu2,K001,1\n' > "$BATS_TEST_TMPDIR/b.csv"
	run --separate-stderr csf csf-assess --keep-going "$BATS_TEST_TMPDIR/b.csv"
	assert_failure 1
	f="$BATS_TEST_TMPDIR/b.csv"
	assert_equal "$stderr" "csf-assess: $f:3: row has 2 fields, the header 3
csf-assess: $f:4: level must be an integer 0-4 or null, not \"x\"
csf-assess: $f:5: unterminated quoted field"
	printf '\n\nsubject,item\nu1,K001\n' > "$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/h.csv"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/h.csv:3: CSV header has no \"level\" column"
	printf 'name,item,level\nu1,K001,1\n' > "$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/h.csv"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/h.csv:1: CSV header has no \"subject\" column"
	printf 'subject,item,level\nu1,K001,1\nu1,"K0"02,1\nu1,K00"2,1\nu1,\xff,1\n' > "$BATS_TEST_TMPDIR/q.csv"
	run --separate-stderr csf csf-assess --keep-going "$BATS_TEST_TMPDIR/q.csv"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/q.csv:3: unexpected character after a closing quote
csf-assess: $BATS_TEST_TMPDIR/q.csv:4: quote inside an unquoted field
csf-assess: $BATS_TEST_TMPDIR/q.csv:5: invalid UTF-8 (save the sheet as \"CSV UTF-8\", or read it with --encoding cp932)"
}

@test "a NUL byte in a CSV field is reported, not cut short" {
	# The cell "al<NUL>ice" used to become subject "al" without a word.
	printf 'subject,item,level\nal\0ice,T001,2\n"u\0",K001,1\nu2,K001,1\n' > "$BATS_TEST_TMPDIR/n.csv"
	run --separate-stderr csf csf-assess --keep-going "$BATS_TEST_TMPDIR/n.csv"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/n.csv:2: NUL byte in a field
csf-assess: $BATS_TEST_TMPDIR/n.csv:3: NUL byte in a field"
	assert_equal "$output" '{"type":"profile","subject":"u2"}
{"type":"score","kind":"item","subject":"u2","item":"K001","class":"knowledge","current":1,"target":null}'
}

@test "records read on the fast path and by a full parse agree: spacing, escapes, repeated keys" {
	printf '%s\n' '{"type":"answer","subject":"山田","item":"K001","level":2,"target":3}' '{"type":"answer","subject":"山田","item":"S001","level":null}' > "$BATS_TEST_TMPDIR/plain"
	printf '%s\n' '{ "type" : "answer" , "\u0073ubject" : "\u5c71\u7530" , "item":"K001", "level" : 2 , "target":3 }' \
		'{"type":"answer","subject":"山田","item":"S001","level":4,"level":null}' > "$BATS_TEST_TMPDIR/odd"
	run csf csf-assess "$BATS_TEST_TMPDIR/odd"
	assert_success
	assert_equal "$output" "$(csf csf-assess "$BATS_TEST_TMPDIR/plain")"
	assert_line '{"type":"score","kind":"item","subject":"山田","item":"K001","class":"knowledge","current":2,"target":3}'
	# Emoji in a subject (a surrogate pair when escaped) survive both ways.
	printf '%s\n' '{"type":"answer","subject":"\ud83d\ude00","item":"K001","level":1}' | { run csf csf-assess; assert_line '{"type":"profile","subject":"😀"}'; }
}

@test "real questions: a routing choice gives way to a specific one; alone it names every persona" {
	export CSF_DATADIR="$ROOT/share/csf"
	# Q1b (outside IT: routes to b, c, hr, pr) with Q2a (procurement: T001,
	# K004, S002, which persona c does itself).
	printf '%s\n' '{"type":"choice","choice":["Q1b","Q2a"]}' > "$BATS_TEST_TMPDIR/c"
	run csf csf-assess --template "$BATS_TEST_TMPDIR/c"
	assert_success
	assert_line --index 0 '{"type":"profile","subject":"you"}'
	assert_equal "$(printf '%s\n' "$output" | sed -n 's/.*"item":"\([KS][0-9]*\)".*"mode":"\([a-z]*\)".*"target":\([0-9]\).*/\1:\2:\3/p' | tr '\n' ' ')" \
		"K004:own:3 S002:own:3 "
	printf '%s\n' '{"type":"choice","choice":"Q1b"}' > "$BATS_TEST_TMPDIR/c"
	run csf csf-assess --template "$BATS_TEST_TMPDIR/c"
	assert_line --index 0 '{"type":"profile","subject":"you","persona":["b","c","hr","pr"]}'
}

modes() { sed -n 's/.*"item":"\([TKS][0-9]*\)".*"mode":"\([a-z]*\)","phase":"\([a-z]*\)","target":\([0-9]\).*/\1:\2:\3:\4/p' | tr '\n' ' '; }

@test "real questions: choices keep the persona's modes; Q2c adds its items, not the HR persona" {
	export CSF_DATADIR="$ROOT/share/csf"
	# Q2b (NDA support): persona c supports K001, K002, S003 (target 2).
	printf '%s\n' '{"type":"choice","choice":"Q2b"}' > "$BATS_TEST_TMPDIR/c"
	run csf csf-assess --template --tasks "$BATS_TEST_TMPDIR/c"
	assert_equal "$(printf '%s\n' "$output" | modes)" "T005:support:normal:2 K001:support:normal:2 K002:support:normal:2 S003:support:normal:2 "
	# Q2c (accounts): T002, K003, S001 as c (its first persona) does them;
	# none of hr's own items (T020, T021, K068, K069, S072 ...).
	printf '%s\n' '{"type":"choice","choice":"Q2c"}' > "$BATS_TEST_TMPDIR/c"
	run csf csf-assess --template --tasks "$BATS_TEST_TMPDIR/c"
	assert_line --index 0 '{"type":"profile","subject":"you"}'
	assert_equal "$(printf '%s\n' "$output" | modes)" "T002:own:normal:3 K003:own:normal:3 S001:own:normal:3 "
	# HR ticking Q2c keeps its own T002 (support, 2): never upgraded.
	run csf csf-assess --template --tasks --persona hr "$BATS_TEST_TMPDIR/c"
	assert_line --index 0 '{"type":"profile","subject":"you","persona":"hr"}'
	assert_equal "$(printf '%s\n' "$output" | modes | tr ' ' '\n' | grep -E '^(T002|K003|S001):' | tr '\n' ' ')" "T002:support:normal:2 K003:own:normal:3 S001:own:normal:3 "
	# Case2: the incident choices give the incident phase (Q4c: outside contacts).
	printf '%s\n' '{"type":"choice","choice":"Q4c"}' > "$BATS_TEST_TMPDIR/c"
	run csf csf-assess --template "$BATS_TEST_TMPDIR/c"
	assert_equal "$(printf '%s\n' "$output" | modes | tr ' ' '\n' | grep -c ':incident:')" "$(printf '%s\n' "$output" | grep -c '"type":"answer"')"
}

@test "a template's answers carry their mode to the plan: an outsourced item gets no work on the job" {
	export CSF_DATADIR="$ROOT/share/csf"
	printf '%s\n' '{"type":"choice","choice":"Q2b"}' > "$BATS_TEST_TMPDIR/c"
	csf csf-assess --template --tasks "$BATS_TEST_TMPDIR/c" | sed 's/"level":null/"level":0/' > "$BATS_TEST_TMPDIR/a"
	run csf csf-assess "$BATS_TEST_TMPDIR/a"
	assert_line '{"type":"score","kind":"item","subject":"you","item":"K001","class":"knowledge","current":0,"target":2,"mode":"support","phase":"normal"}'
	# b's outsourced monitoring task T011 (target 1) from persona b at 0.
	csf csf-assess --template --tasks --persona b | sed 's/"level":null/"level":0/' | csf csf-assess | csf csf-gap | csf csf-plan > "$BATS_TEST_TMPDIR/p"
	run sh -c "grep '\"kind\":\"step\"' '$BATS_TEST_TMPDIR/p' | jq -r 'select(.reasons | map(.item) | index(\"T011\")) | .format'"
	assert_output 'exercise'
	run sh -c "grep '\"kind\":\"step\"' '$BATS_TEST_TMPDIR/p' | jq -r 'select(.format == \"ojt\" or .format == \"assignment\") | .reasons[].item' | sort"
	refute_line T011
	refute_line T012
	refute_line T013
	refute_output ''
	run --separate-stderr csf csf-assess <<< '{"type":"answer","subject":"x","item":"K001","level":0,"mode":"vendor"}'
	assert_failure 1
	assert_equal "$stderr" 'csf-assess: <stdin>:1: mode must be own, support or outsource and phase normal or incident'
}

@test "a profile with two personas gets the items of both and a summary for each" {
	# Fixture: c's knowledge and skills are K001 (outsource, 1), S002 (given 1)
	# and K003 (outsource, 1); e's are S001, K002 (own, 3) and S003 (outsource, 1).
	printf '%s\n' '{"type":"profile","subject":"m","persona":["c","e"]}' '{"type":"answer","subject":"m","item":"K001","level":1}' > "$BATS_TEST_TMPDIR/in"
	run csf csf-assess "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_line '{"type":"score","kind":"persona","subject":"m","persona":"c","items":3,"answered":1,"at_target":1,"coverage":33.3,"mean":0.33,"tasks":0,"tasks_at_target":0,"task_coverage":null,"ks":3,"ks_at_target":1,"ks_coverage":33.3}'
	assert_line '{"type":"score","kind":"persona","subject":"m","persona":"e","items":3,"answered":0,"at_target":0,"coverage":0.0,"mean":0.0,"tasks":0,"tasks_at_target":0,"task_coverage":null,"ks":3,"ks_at_target":0,"ks_coverage":0.0}'
}

@test "a sheet saved as Shift_JIS is refused with a hint, row by row" {
	printf 'subject,item,level\r\nyou,K001,2\r\n\x8e\x84,K002,1\r\n' > "$BATS_TEST_TMPDIR/sj.csv"
	run --separate-stderr csf csf-assess --keep-going --data "$FIX/assess/data" "$BATS_TEST_TMPDIR/sj.csv"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/sj.csv:3: invalid UTF-8 (save the sheet as \"CSV UTF-8\", or read it with --encoding cp932)"
	assert_output --partial '"subject":"you","item":"K001"'
}
