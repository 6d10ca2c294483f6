#!/usr/bin/env bats
# The spreadsheet round trip: every kind of template, written as CSV,
# filled in and read back, gives exactly the records of the NDJSON path
# (profile with role or persona, item and role scores, modes, phases,
# targets, gaps and their severities, persona coverage). Kinds are read
# from the shipped data, so a new persona or question is covered too.
load helper

setup() {
	cd "$BATS_TEST_TMPDIR"
}

# roundtrip ARGS...: template both ways, the same levels filled in (the
# n-th item gets n mod 5, every 7th left empty), then csf-assess | csf-gap.
roundtrip() {
	csf csf-assess --template "$@" > t.ndjson || return 1
	csf csf-assess --template "$@" --format csv > t.csv || return 1
	awk '/"type":"answer"/ { n++; l = n % 7 == 0 ? "null" : n % 5; sub(/"level":null/, "\"level\":" l) } { print }' t.ndjson > f.ndjson
	awk 'NR > 1 && /^answer,/ { n++; l = n % 7 == 0 ? "" : n % 5; sub(/,\r$/, "," l "\r") } { print }' t.csv > f.csv
	csf csf-assess f.ndjson | csf csf-gap > via-ndjson || return 1
	csf csf-assess f.csv | csf csf-gap > via-csv || return 1
	# Not vacuous: answers were filled in and, given a few, gaps found.
	local answers=$(grep -c '"type":"answer"' t.ndjson)
	[ "$answers" -eq 0 ] || [ "$(grep -c '"current":[0-9]' via-ndjson)" -gt 0 ] || { echo "$*: no answer scored"; return 1; }
	[ "$answers" -lt 3 ] || grep -q '"type":"gap"' via-ndjson || { echo "$*: no gap"; return 1; }
	diff via-ndjson via-csv || { echo "$*: CSV and NDJSON paths differ"; return 1; }
}

@test "every persona's template: CSV and NDJSON give the same records, persona kept" {
	personas=$(csf csf-roles -t persona -f text | cut -f1)
	[ "$(printf '%s\n' $personas | wc -l)" -ge 6 ]
	for p in $personas; do
		roundtrip --persona "$p"
		assert_equal "$(sed -n 1p via-csv)" "{\"type\":\"profile\",\"subject\":\"you\",\"persona\":\"$p\"}"
		# Modes and phases come from the persona, on every item score.
		assert_equal "$(grep -c '"kind":"item"' via-csv)" "$(grep '"kind":"item"' via-csv | grep -c '"mode":')"
	done
	# Persona c's coverage record and a severity the CSV path used to lose.
	roundtrip --persona c
	grep -q '"kind":"persona"' via-csv
	grep -q '"item":"S005".*"severity":"high"' via-csv
}

@test "every role's template, several roles with a target, tasks: the same records" {
	for r in $(csf csf-roles -t role -f text | cut -f1); do
		roundtrip --role "$r"
		assert_equal "$(sed -n 1p via-csv)" "{\"type\":\"profile\",\"subject\":\"you\",\"role\":[\"$r\"]}"
	done
	roundtrip --role R03,R04 --target 2
	assert_equal "$(sed -n 1p via-csv)" '{"type":"profile","subject":"you","role":["R03","R04"],"target":2}'
	roundtrip --role R08 --tasks --subject "Sato, Hanako"
	roundtrip --role R02 --persona e
}

@test "every question choice's template, and several choices with two personas: the same records" {
	for c in $(csf csf-roles -t question | jq -r '.choices[].id'); do
		printf '{"type":"choice","choice":"%s"}\n' "$c" > choice.ndjson
		roundtrip choice.ndjson
	done
	printf '{"type":"choice","choice":["Q1b","Q2a","Q2c","Q4b"]}\n' > choice.ndjson
	roundtrip choice.ndjson
	assert_equal "$(sed -n 1p via-csv)" "$(sed -n 1p t.ndjson)"
	# Answers of choices carry their own modes and phases: kept from the sheet.
	grep -q '"kind":"item".*"mode":"own"' via-csv
}

@test "a profile listing several personas reads back from one cell" {
	printf 'type,subject,persona,item,level\nprofile,u,"c, hr",,\nanswer,u,,K001,1\n' > two.csv
	printf '{"type":"profile","subject":"u","persona":["c","hr"]}\n{"type":"answer","subject":"u","item":"K001","level":1}\n' > two.ndjson
	run csf csf-assess two.csv
	assert_success
	assert_equal "$output" "$(csf csf-assess two.ndjson)"
	assert_line -n 0 '{"type":"profile","subject":"u","persona":["c","hr"]}'
}

@test "-o NAME.csv writes CSV, --format wins over the name" {
	csf csf-assess --template --persona c -o t.csv
	assert_equal "$(head -c 3 t.csv | od -An -tx1 | tr -d ' ')" efbbbf
	assert_equal "$(sed -n 2p t.csv)" $'profile,you,,c,,,,,,,\r'
	csf csf-assess --template --persona c -o t.csv --format ndjson
	assert_equal "$(sed -n 1p t.csv)" '{"type":"profile","subject":"you","persona":"c"}'
	csf csf-assess --template --persona c -o t.ndjson
	assert_equal "$(sed -n 1p t.ndjson)" '{"type":"profile","subject":"you","persona":"c"}'
}

@test "csf-render with no records keeps an existing -o file and exits 1; --allow-empty writes the page" {
	echo 'the last good report' > report.html
	# A misspelt file name upstream: the pipeline must fail, the report stay.
	run --separate-stderr bash -c "set -o pipefail; '$ROOT/bin/csf-assess' staf.ndjson | '$ROOT/bin/csf-gap' | '$ROOT/bin/csf-plan' | '$ROOT/bin/csf-render' -o report.html"
	assert_failure 1
	assert_equal "$(cat report.html)" 'the last good report' || { echo "$stderr"; false; }
	[[ "$stderr" == *"csf-render: no records to render: report.html not written"* ]]
	[ "$(ls -A | grep -c report)" -eq 1 ] || { ls -A; false; }   # no temporary file left behind
	run csf csf-render --lang ja -o new.md < /dev/null
	assert_failure 1
	assert_output 'csf-render: レコードが 1 件もないため new.md は書きません（空のページは --allow-empty で書けます）'
	[ ! -e new.md ]
	run csf csf-render --allow-empty -o report.html < /dev/null
	assert_success
	grep -q '<html' report.html
	# Records of any type count: a stream of profiles renders.
	echo '{"type":"profile","subject":"a"}' | csf csf-render -f csv -o one.csv
	assert_equal "$(cat one.csv)" $'Subject\r\na\r'
}

@test "levels typed in full-width digits (３) and ideographic spaces are read as numbers" {
	printf 'subject,item,level,target\nu,K001,３,４\nu,K002,\xe3\x80\x80２,\nu,K003,３a,\n' > fw.csv
	run --separate-stderr csf csf-assess --keep-going fw.csv
	assert_failure 1
	assert_line -n 1 '{"type":"score","kind":"item","subject":"u","item":"K001","class":"knowledge","current":3,"target":4}'
	assert_line -n 2 '{"type":"score","kind":"item","subject":"u","item":"K002","class":"knowledge","current":2,"target":null}'
	assert_equal "$stderr" 'csf-assess: fw.csv:4: level must be an integer 0-4 or null, not "３a"'
}

@test "--encoding cp932 reads a sheet saved by Excel on Japanese Windows; bad bytes are named" {
	printf 'subject,item,level\n佐藤,K001,２\n' > u.csv
	iconv -f UTF-8 -t CP932 u.csv > sjis.csv
	run --separate-stderr csf csf-assess sjis.csv
	assert_failure 1
	assert_equal "$stderr" 'csf-assess: sjis.csv:2: invalid UTF-8 (save the sheet as "CSV UTF-8", or read it with --encoding cp932)'
	run csf csf-assess --encoding cp932 sjis.csv
	assert_success
	assert_equal "$output" "$(csf csf-assess u.csv)"
	assert_line -n 0 '{"type":"profile","subject":"佐藤"}'
	run csf csf-assess --encoding shift_jis --csv < sjis.csv
	assert_line -n 1 '{"type":"score","kind":"item","subject":"佐藤","item":"K001","class":"knowledge","current":2,"target":null}'
	printf 'subject,item,level\nx,K001,1\n\x82\n' > bad.csv
	run --separate-stderr csf csf-assess --encoding cp932 bad.csv
	assert_failure 1
	assert_equal "$stderr" 'csf-assess: bad.csv:3: not cp932 text (byte 29 of the file)'
	run --separate-stderr csf csf-assess --encoding bogus u.csv
	assert_failure 2
	assert_equal "$stderr" 'csf-assess: --encoding: bogus: no such encoding (iconv -l lists them)'
}
