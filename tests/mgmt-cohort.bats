#!/usr/bin/env bats
# Management model: a group's affiliates rolled up to the group (Table 2.2's
# view for one group), cohorts by size and manufacturing with small ones
# suppressed and n always shown, and the 偏差値 within a cohort, checked on
# Table 2.2's 28 companies against values computed apart from the tool.

load helper

# Five affiliates of group HD and two of group Other. Affiliate k answers
# check number c (0-based, data order) with 1 + (k * (c + 2)) % 5; A3 leaves
# directive 10 blank. B1 answers 3 and B2 4 everywhere.
setup() {
	G="$BATS_TEST_TMPDIR/group.ndjson"
	"$ROOT/bin/csf-assess" --template --mgmt | jq -r .item > "$BATS_TEST_TMPDIR/items"
	awk 'NR == FNR { item[n++] = $1; next } END {
		for (k = 1; k <= 5; k++) {
			printf "{\"type\":\"profile\",\"subject\":\"A%d\",\"parent\":\"HD\",\"industry\":\"KK\"}\n", k
			for (c = 0; c < n; c++) {
				if (k == 3 && item[c] ~ /^10-/)
					continue
				printf "{\"type\":\"answer\",\"subject\":\"A%d\",\"item\":\"%s\",\"level\":%d}\n", k, item[c], 1 + (k * (c + 2)) % 5
			}
		}
		for (k = 1; k <= 2; k++) {
			printf "{\"type\":\"profile\",\"subject\":\"B%d\",\"parent\":\"Other\"}\n", k
			for (c = 0; c < n; c++)
				printf "{\"type\":\"answer\",\"subject\":\"B%d\",\"item\":\"%s\",\"level\":%d}\n", k, item[c], 2 + k
		}
	}' "$BATS_TEST_TMPDIR/items" /dev/null > "$G"
}

@test "group: five affiliates roll up to the group's means, n per directive" {
	# Worked by hand from the answers: e.g. 指示2 (checks 3-5) is 2, 3, 7/3,
	# 10/3 and 1 for A1..A5, mean 35/15 = 2.3333; 指示10 has four members
	# (A3 left it blank): 3, 5/2, 3/2, 1, mean 2.
	run sh -c "'$ROOT/bin/csf-assess' '$G' | '$ROOT/bin/csf-gap' --by parent --group HD | jq -r 'select(.kind==\"group\") | \"\(.directive) \(.n) \(.mean)\"'"
	assert_success
	assert_output "$(printf '%s\n' 'D1 5 3' 'D2 5 2.3333' 'D3 5 2.5' 'D4 5 3' 'D5 5 2.6' 'D6 5 2.5' 'D7 5 2.6' 'D8 5 2' 'D9 5 3' 'D10 4 2')"
	# the roll-up row: the means as shown, their index, and the class it gives
	run sh -c "'$ROOT/bin/csf-assess' '$G' | '$ROOT/bin/csf-gap' --by parent --group HD | grep '\"rollup\"'"
	assert_output '{"type":"gap","kind":"rollup","by":"parent","group":"HD","n":5,"means":{"D1":3.0,"D2":2.3,"D3":2.5,"D4":3.0,"D5":2.6,"D6":2.5,"D7":2.6,"D8":2.0,"D9":3.0,"D10":2.0},"index":2.5533,"class":"C","generation":"guideline-2.0"}'
}

@test "group: Table 2.2's view, a row per company with its shown means and class" {
	run sh -c "'$ROOT/bin/csf-assess' '$G' | '$ROOT/bin/csf-gap' --by parent --group HD | jq -c 'select(.kind==\"member\") | [.subject, .means.D1, .means.D6, .means.D10, .class]'"
	assert_output "$(printf '%s\n' '["A1",4,2.5,3,"B"]' '["A2",3.7,2.8,2.5,"B"]' '["A3",3.3,3,null,null]' '["A4",3,3.3,1.5,"B"]' '["A5",1,1,1,"C"]')"
	# every group unless --group; groups sorted by name
	run sh -c "'$ROOT/bin/csf-assess' '$G' | '$ROOT/bin/csf-gap' --by parent | jq -r 'select(.kind==\"rollup\") | \"\(.group) \(.n) \(.index) \(.class)\"'"
	assert_output $'HD 5 2.5533 C\nOther 2 3.5 B'
	# csf-plan passes the rows on; csf-render lays them out as the table,
	# directive means banded as the report does (1.x pink, 2.x yellow)
	run sh -c "'$ROOT/bin/csf-assess' '$G' | '$ROOT/bin/csf-gap' --by parent --group HD | '$ROOT/bin/csf-plan' | '$ROOT/bin/csf-render' -f csv -t gap --kind member -c subject,means.D1,means.D2,class | tr -d '\r' | grep '^A'"
	assert_output "$(printf '%s\n' 'A1,4,2,B' 'A2,3.7,3,B' 'A3,3.3,2.3,' 'A4,3,3.3,B' 'A5,1,1,C')"
	run sh -c "'$ROOT/bin/csf-assess' '$G' | '$ROOT/bin/csf-gap' --by parent --group HD | '$ROOT/bin/csf-render' -f html | grep -o '<td class=\"num band-[a-z]*\">[0-9.]*</td>' | sort | uniq -c | sort -rn | head -2"
	assert_success
	assert_output --partial 'band-'
}

@test "group: the parent company is the first row of its group wherever it comes in the input" {
	# HD itself, answering 3 everywhere, after its five affiliates and B1, B2.
	{ cat "$G"; "$ROOT/bin/csf-assess" --template --mgmt --subject HD | jq -c '.level = 3'; } > "$BATS_TEST_TMPDIR/h"
	run sh -c "'$ROOT/bin/csf-assess' '$BATS_TEST_TMPDIR/h' | '$ROOT/bin/csf-gap' --by parent | jq -r 'select(.kind==\"member\" or .kind==\"rollup\") | \"\(.group) \(.subject) \(.n)\"' | paste -sd' '"
	assert_output 'HD HD null HD A1 null HD A2 null HD A3 null HD A4 null HD A5 null HD null 6 Other B1 null Other B2 null Other null 2'
	# D1: 3 (HD) and the five affiliates' 4, 11/3, 10/3, 3, 1 -> (3 + 15) / 6 = 3
	run sh -c "'$ROOT/bin/csf-assess' '$BATS_TEST_TMPDIR/h' | '$ROOT/bin/csf-gap' --by parent --group HD | jq -c 'select(.kind==\"group\" and .directive==\"D1\") | [.n, .mean]'"
	assert_output '[6,3]'
}

@test "group: --group needs --by parent" {
	run csf csf-gap --group HD
	assert_failure 2
}

@test "cohorts: size bands from employees, manufacturing from the profile; n shown, small ones suppressed" {
	{
		for i in 1 2 3 4 5 6; do printf '{"type":"profile","subject":"c%d","employees":%d,"manufacturing":%s}\n' "$i" $((250 * i)) "$([ "$i" -le 2 ] && echo true || echo false)"; done
		for i in 1 2 3 4 5 6; do while read -r item; do printf '{"type":"answer","subject":"c%d","item":"%s","level":%d}\n' "$i" "$item" $(( (i % 5) + 1 )); done < "$BATS_TEST_TMPDIR/items"; done
	} > "$BATS_TEST_TMPDIR/c"
	# 250 -> 1-299; 500, 750 -> 300-999; 1000 .. 1500 -> 1000-4999
	run sh -c "'$ROOT/bin/csf-assess' -u '$BATS_TEST_TMPDIR/c' | jq -r 'select(.type==\"maturity\") | \"\(.subject) \(.size) \(.manufacturing)\"'"
	assert_output "$(printf '%s\n' 'c1 1-299 true' 'c2 300-999 true' 'c3 300-999 false' 'c4 1000-4999 false' 'c5 1000-4999 false' 'c6 1000-4999 false')"
	run sh -c "'$ROOT/bin/csf-assess' -u '$BATS_TEST_TMPDIR/c' | '$ROOT/bin/csf-gap' --by size --min-n 3 | jq -c 'select(.kind==\"group\" and .directive==\"D1\") | [.group, .n, .mean]'"
	assert_output "$(printf '%s\n' '["1-299",1,null]' '["1000-4999",3,2.6667]' '["300-999",2,null]')"
	run sh -c "'$ROOT/bin/csf-assess' -u '$BATS_TEST_TMPDIR/c' | '$ROOT/bin/csf-gap' --by manufacturing --min-n 2 | jq -c 'select(.kind==\"group\" and .directive==\"D1\") | [.group, .n, .mean, .suppressed]'"
	assert_output "$(printf '%s\n' '["mfg",2,2.5,null]' '["nonmfg",4,3,null]')"
	run sh -c "'$ROOT/bin/csf-assess' -u '$BATS_TEST_TMPDIR/c' | '$ROOT/bin/csf-gap' --by manufacturing --min-n 3 | jq -c 'select(.kind==\"group\" and .directive==\"D1\") | [.group, .n, .suppressed]'"
	assert_output "$(printf '%s\n' '["mfg",2,true]' '["nonmfg",4,null]')"
}

@test "偏差値: Table 2.2's 28 companies, index within all, against an independent computation" {
	# Expected values computed apart from the tool from the exact means k/n
	# behind the printed ones (Python fractions, population sd), rounded
	# half-up to one decimal.
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation all | jq -r 'select(.type==\"maturity\") | \"\(.subject) \(.deviation) \(.cohort.n)\"' | paste -sd' '"
	assert_output 'KK-1 38.4 28 KD-1 57.4 28 KK-2 58.3 28 KY-1 66.2 28 KK-3 51 28 KK-4 39.5 28 KK-5 43.9 28 SS-1 40.7 28 KY-2 69.6 28 KK-6 48.4 28 SS-2 44.5 28 SS-3 45.1 28 SI-1 45.5 28 SI-2 59.7 28 SV-1 44.6 28 KD-2 40.7 28 KK-7 46.2 28 KY-3 52 28 SV-2 67.9 28 SI-3 43.5 28 SS-4 47.8 28 KK-8 35.8 28 KK-9 39.9 28 SS-5 36.9 28 KK-10 66.1 28 KD-3 48.5 28 SI-4 58.1 28 KK-11 63.7 28'
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation all | jq -r 'select(.kind==\"directive\" and .directive==\"D9\") | \"\(.subject) \(.deviation)\"' | paste -sd' '"
	assert_output 'KK-1 41.5 KD-1 50.9 KK-2 44.6 KY-1 66.5 KK-3 41.5 KK-4 47.8 KK-5 47.8 SS-1 44.6 KY-2 75.9 KK-6 44.6 SS-2 50.9 SS-3 44.6 SI-1 44.6 SI-2 57.2 SV-1 47.8 KD-2 41.5 KK-7 44.6 KY-3 44.6 SV-2 66.5 SI-3 44.6 SS-4 47.8 KK-8 38.4 KK-9 41.5 SS-5 38.4 KK-10 69.7 KD-3 47.8 SI-4 57.2 KK-11 66.5'
}

@test "偏差値: every directive of the 28 agrees with awk working from the printed table" {
	# awk recovers each exact mean k/n as round(printed * n) / n (n the
	# directive's items), then the population mean and sd per directive.
	jq -r 'select(.set=="table2.2" and .kind=="company") | [.row, (.means | .D1, .D2, .D3, .D4, .D5, .D6, .D7, .D8, .D9, .D10)] | @tsv' \
		"$ROOT/share/csf/benchmark.ndjson" > "$BATS_TEST_TMPDIR/t22"
	awk -F'\t' 'BEGIN { split("3 3 4 3 10 4 5 2 3 2", n, " ") }
		{ row[NR] = $1; for (d = 1; d <= 10; d++) { v[NR, d] = int($(d + 1) * n[d] + 0.5) / n[d]; s[d] += v[NR, d] } }
		END {
			for (d = 1; d <= 10; d++) {
				m = s[d] / NR; q = 0
				for (i = 1; i <= NR; i++) q += (v[i, d] - m) ^ 2
				sd = sqrt(q / NR)
				for (i = 1; i <= NR; i++) printf "%s D%d %.1f\n", row[i], d, (v[i, d] - m) / sd * 10 + 50
			}
		}' "$BATS_TEST_TMPDIR/t22" | sort > "$BATS_TEST_TMPDIR/want"
	"$ROOT/bin/csf-assess" --from-benchmark table2.2 --deviation all |
		jq -r 'select(.kind=="directive") | "\(.subject) \(.directive) \(.deviation * 10 | round / 10 | tostring | if test("\\.") then . else . + ".0" end)"' |
		sort > "$BATS_TEST_TMPDIR/got"
	run diff "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	assert_success
	run wc -l < "$BATS_TEST_TMPDIR/got"
	assert_output 280
}

@test "偏差値 within industry: KK's 11 shown, cohorts under --min-n suppressed with n kept" {
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation industry | jq -c 'select(.type==\"maturity\" and (.subject==\"KK-2\" or .subject==\"SV-1\")) | [.subject, .deviation, .cohort]'"
	assert_output $'["KK-2",60,{"by":"industry","group":"KK","n":11}]\n["SV-1",null,{"by":"industry","group":"SV","n":2,"suppressed":true}]'
	# suppressed cohorts give no directive deviation either
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation industry | jq -c 'select(.kind==\"directive\" and .subject==\"SV-1\") | .deviation' | sort -u"
	assert_output 'null'
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation industry --min-n 2 | jq -c 'select(.type==\"maturity\" and .subject==\"SV-1\") | .deviation'"
	refute_output 'null'
	# manufacturing: 16 and 12
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation manufacturing | jq -r 'select(.type==\"maturity\") | \"\(.cohort.group) \(.cohort.n)\"' | sort -u"
	assert_output $'mfg 16\nnonmfg 12'
}

@test "偏差値: the same everywhere is 50; a subject without the cohort's field has none" {
	printf '%s\n' '{"type":"answer","subject":"a","item":"1-1","level":3}' '{"type":"answer","subject":"b","item":"1-1","level":3}' > "$BATS_TEST_TMPDIR/s"
	run sh -c "'$ROOT/bin/csf-assess' --deviation all --min-n 2 '$BATS_TEST_TMPDIR/s' | jq -c 'select(.kind==\"directive\") | .deviation'"
	assert_output $'50\n50'
	run sh -c "'$ROOT/bin/csf-assess' --deviation size '$BATS_TEST_TMPDIR/s' | jq -c 'select(.type==\"maturity\") | .cohort'"
	assert_output $'{"by":"size","group":null,"n":0}\n{"by":"size","group":null,"n":0}'
	run csf csf-assess --deviation colour "$BATS_TEST_TMPDIR/s"
	assert_failure 2
}

@test "偏差値 and cohort on the カルテ" {
	run sh -c "'$ROOT/bin/csf-assess' --from-benchmark table2.2 --deviation industry | '$ROOT/bin/csf-render' -f html --lang ja --subject KK-2 | grep '偏差値'"
	assert_line --index 0 '<dt>偏差値</dt><dd>60.0 <span class="muted">(比較群 industry=KK, n=11)</span></dd>'
	assert_line --index 1 --partial '<tr class="deviation"><th>偏差値</th><td class="num">57.0</td>'
}

@test "偏差値, cohort and generation on the PDF and SVG カルテ, both languages" {
	command -v pdftotext > /dev/null || skip "poppler-utils not installed (scripts/deps installs it)"
	"$ROOT/bin/csf-assess" --from-benchmark table2.2 --deviation industry > "$BATS_TEST_TMPDIR/d"
	# KK-2's directive 偏差値 within KK's 11, worked by awk from the printed
	# table as above (k = round(printed * n)); the same row as the HTML sheet.
	want=$(jq -r 'select(.set=="table2.2" and .kind=="company" and (.row | startswith("KK-"))) | [.row, (.means | .D1, .D2, .D3, .D4, .D5, .D6, .D7, .D8, .D9, .D10)] | @tsv' \
		"$ROOT/share/csf/benchmark.ndjson" | awk -F'\t' 'BEGIN { split("3 3 4 3 10 4 5 2 3 2", n, " ") }
		{ row[NR] = $1; for (d = 1; d <= 10; d++) { v[NR, d] = int($(d + 1) * n[d] + 0.5) / n[d]; s[d] += v[NR, d] } }
		END {
			for (i = 1; i <= NR; i++) if (row[i] == "KK-2") me = i
			for (d = 1; d <= 10; d++) {
				m = s[d] / NR; q = 0
				for (i = 1; i <= NR; i++) q += (v[i, d] - m) ^ 2
				printf " %.1f", (v[me, d] - m) / sqrt(q / NR) * 10 + 50
			}
		}')
	[ "$want" = " 57.0 67.3 62.7 54.1 53.5 54.4 61.2 68.6 46.5 57.1" ] || fail "awk gave$want"
	gen_ja='チェック項目の世代: サイバーセキュリティ経営ガイドライン Ver2.0 付録A(可視化ツール β版〜V1.0)'
	# The SVG: the facts and the table's 偏差値 row under the chart.
	"$ROOT/bin/csf-render" -f svg --lang ja --subject KK-2 "$BATS_TEST_TMPDIR/d" |
		sed -n 's/^<text [^>]*>\(.*\)<\/text>$/\1/p' > "$BATS_TEST_TMPDIR/svg"
	run grep -x -e '偏差値: 60.0 (比較群 industry=KK, n=11)' -e 'チェック項目の世代: サイバーセキュリティ経営ガイドライン Ver2.0' "$BATS_TEST_TMPDIR/svg"
	assert_output $'偏差値: 60.0 (比較群 industry=KK, n=11)\nチェック項目の世代: サイバーセキュリティ経営ガイドライン Ver2.0'
	run sh -c "sed -n '/^偏差値\$/,+10p' '$BATS_TEST_TMPDIR/svg' | paste -sd' '"
	assert_output "偏差値$want"
	run sh -c "'$ROOT/bin/csf-render' -f svg --lang en --subject KK-2 '$BATS_TEST_TMPDIR/d' | grep -c -e '>Deviation score: 60.0 (cohort industry=KK, n=11)<' -e '>Deviation score<'"
	assert_output 2
	# A suppressed cohort says so, with its n.
	run sh -c "'$ROOT/bin/csf-render' -f svg --lang ja --subject SV-1 '$BATS_TEST_TMPDIR/d' | grep -c '>偏差値: 少数のため非表示 (比較群 industry=SV, n=2)<'"
	assert_output 1
	# The PDF: the facts and the directive table's row, read back as text.
	csf csf-render -f pdf --lang ja --subject KK-2 -o "$BATS_TEST_TMPDIR/ja.pdf" "$BATS_TEST_TMPDIR/d"
	pdftotext -layout "$BATS_TEST_TMPDIR/ja.pdf" - | tr -s ' ' > "$BATS_TEST_TMPDIR/ja.txt"
	run grep -x -e '偏差値: 60.0 (比較群 industry=KK, n=11)' -e "$gen_ja" -e "偏差値$want" "$BATS_TEST_TMPDIR/ja.txt"
	assert_output "$(printf '%s\n' '偏差値: 60.0 (比較群 industry=KK, n=11)' "$gen_ja" "偏差値$want")"
	csf csf-render -f pdf --lang en --subject KK-2 -o "$BATS_TEST_TMPDIR/en.pdf" "$BATS_TEST_TMPDIR/d"
	run sh -c "pdftotext -layout '$BATS_TEST_TMPDIR/en.pdf' - | tr -s ' ' | grep -e '^Deviation score'"
	assert_output $'Deviation score: 60.0 (cohort industry=KK, n=11)\nDeviation score'"$want"
}

@test "偏差値 on grouped input keeps a summary per company, not its answers; -u holds them all" {
	ldd "$ROOT/bin/csf-assess" | grep -q asan && skip "sanitizer builds keep freed memory"
	[ -n "$CSF_WRAP" ] && skip "under a wrapper"
	gen() { awk -v n="$1" 'NR == FNR { item[k++] = $1; next } END {
		for (i = 0; i < n; i++) {
			printf "{\"type\":\"profile\",\"subject\":\"c%d\",\"industry\":\"%s\"}\n", i, i % 2 ? "KK" : "SS"
			for (c = 0; c < k; c++) printf "{\"type\":\"answer\",\"subject\":\"c%d\",\"item\":\"%s\",\"level\":%d}\n", i, item[c], 1 + (i + c) % 5
		} }' "$BATS_TEST_TMPDIR/items" /dev/null; }
	peak() { gen "$1" | /usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/m" "$ROOT/bin/csf-assess" $2 > /dev/null; cat "$BATS_TEST_TMPDIR/m"; }
	# 4,500 more companies: --deviation may add about 100 bytes each to
	# what a plain run grows by (their answers held would be 3 kB each, 13 MB)
	plain=$(( $(peak 5000) - $(peak 500) ))
	dev=$(( $(peak 5000 "--deviation industry") - $(peak 500 "--deviation industry") ))
	[ $((dev - plain)) -lt 1536 ] || fail "peak RSS grew by $dev KB with --deviation, $plain KB without"
	# the same records as when every company is held (-u)
	gen 300 > "$BATS_TEST_TMPDIR/g"
	run bash -c "cmp <('$ROOT/bin/csf-assess' --deviation industry '$BATS_TEST_TMPDIR/g') <('$ROOT/bin/csf-assess' -u --deviation industry '$BATS_TEST_TMPDIR/g')"
	assert_success
	# a company resuming after others needs -u, as without --deviation
	printf '%s\n' '{"type":"answer","subject":"a","item":"1-1","level":3}' '{"type":"answer","subject":"b","item":"1-1","level":4}' \
		'{"type":"answer","subject":"a","item":"1-2","level":2}' > "$BATS_TEST_TMPDIR/r"
	run --separate-stderr csf csf-assess --deviation all "$BATS_TEST_TMPDIR/r"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/r:3: answers for subject 'a' resume after other subjects; the input is not grouped by subject (use -u)"
	run sh -c "'$ROOT/bin/csf-assess' -u --deviation all --min-n 2 '$BATS_TEST_TMPDIR/r' | jq -c 'select(.type==\"maturity\") | [.subject, .cohort.n]'"
	assert_output $'["a",2]\n["b",2]'
}

@test "profiles first, then every answer: each company keeps its profile, as with -u" {
	# A file of profiles before the answers (csf-assess profiles.ndjson
	# answers.ndjson): grouped reading must not forget the profiles of the
	# companies whose answers have not begun.
	P="$BATS_TEST_TMPDIR/first.ndjson"
	{ grep '"profile"' "$G"; grep -v '"profile"' "$G"; } > "$P"
	run sh -c "'$ROOT/bin/csf-assess' --deviation industry --min-n 1 '$P' | jq -r 'select(.type==\"maturity\") | \"\(.subject) \(.industry) \(.cohort.group) \(.cohort.n)\"'"
	assert_success
	assert_output "$(printf '%s\n' 'A1 KK KK 5' 'A2 KK KK 5' 'A3 KK KK 5' 'A4 KK KK 5' 'A5 KK KK 5' 'B1 null null 0' 'B2 null null 0')"
	grouped=$("$ROOT/bin/csf-assess" --deviation industry --min-n 1 "$P" | grep -v '"profile"')
	held=$("$ROOT/bin/csf-assess" -u --deviation industry --min-n 1 "$P" | grep -v '"profile"')
	[ "$grouped" = "$held" ]
	run sh -c "'$ROOT/bin/csf-assess' '$P' | '$ROOT/bin/csf-gap' --by parent --group HD | jq -r 'select(.kind==\"group\" and .directive==\"D10\") | \"\(.n) \(.mean)\"'"
	assert_output "4 2"
}

@test "a profile after its company's answers and another company's is named, not silently dropped" {
	L="$BATS_TEST_TMPDIR/late.ndjson"
	{ grep -v '"subject":"A1","parent"' "$G"; grep '"subject":"A1","parent"' "$G"; } > "$L"
	line=$(wc -l < "$L")
	run sh -c "'$ROOT/bin/csf-assess' '$L' 2>&1 >/dev/null"
	assert_success
	assert_output "csf-assess: $L:$line: profile of subject 'A1' comes after its answers and after other subjects; its industry, size and group are not used (use -u)"
	# with -u it is used, and nothing is said
	run sh -c "'$ROOT/bin/csf-assess' -u '$L' 2>&1 >/dev/null"
	assert_output ""
	run sh -c "'$ROOT/bin/csf-assess' -u '$L' | jq -r 'select(.type==\"maturity\" and .subject==\"A1\") | .industry'"
	assert_output "KK"
}
