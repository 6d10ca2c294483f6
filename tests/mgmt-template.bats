#!/usr/bin/env bats
# The management questionnaire (csf-assess --template --mgmt): every check of
# the generation with what a person needs to answer it, as NDJSON or as a
# CSV sheet that comes back through csf-assess unchanged.

load helper

DATA="$ROOT/share/csf"

@test "questionnaire: the 39 checks in data order, each with directive, text, scale and hint" {
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt | jq -r .item | paste -sd' '"
	assert_output "$(jq -r 'select(.type=="directive") | .checks[]' "$DATA/mgmt.ndjson" | paste -sd' ')"
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt | wc -l"
	assert_output 39
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt --lang ja --subject 'KK-2' | sed -n 35p"
	assert_output '{"type":"answer","subject":"KK-2","item":"9-1","directive":"D9","directive_name":"ビジネスパートナーや委託先等を含めたサプライチェーン全体の対策及び状況把握","text":"グループ企業に関するリスク分析を行い、対策をグループ内の規程等で明確にし、対策状況の報告を受け、適時見直している","scale":"1〜5 の整数(5 が最も進んだ段階)","hint":"グループ企業に関するリスク分析を行い対策を実施し結果を確認しましょう。","level":null,"evidence":null,"assessor":null,"date":null,"generation":"guideline-2.0"}'
	# a blank questionnaire is valid input data, and scores nothing
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt | '$ROOT/bin/csf-check'"
	assert_success
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt | '$ROOT/bin/csf-assess'"
	assert_success
	assert_output ''
}

@test "questionnaire: the CSV sheet has the same cells, quoted where they must be" {
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt --format csv --lang en | sed -n '1p;2p' | tr -d '\r' | sed 's/^\xef\xbb\xbf/BOM/'"
	assert_output 'BOMsubject,item,directive,directive_name,text,scale,hint,level,evidence,assessor,date,generation
you,1-1,D1,Recognise cybersecurity risk and set an organisation-wide response policy,Management treats cybersecurity risk as one of the business risks,a whole number from 1 to 5 (5 is the most advanced),"Have management treat cybersecurity risk as a business risk, then set and announce a policy for the whole organisation.",,,,,guideline-2.0'
	run sh -c "'$ROOT/bin/csf-assess' --template --mgmt --format csv | wc -l"
	assert_output 40
}

@test "questionnaire round trip: a filled-in sheet scores as the same answers in NDJSON" {
	T="$BATS_TEST_TMPDIR"
	# Fill row k (1-based) with level k % 5 + 1 and evidence with a comma and
	# quotes; every seventh row stays blank. The CSV is filled at the end of
	# each row, where the five cells to fill are.
	csf csf-assess --template --mgmt --format csv --subject acme > "$T/sheet.csv"
	awk 'NR == 1 { print; next }
	     { k = NR - 1; sub(/,,,,,guideline-2\.0\r$/, "") }
	     k % 7 == 0 { print $0 ",,,,,guideline-2.0\r"; next }
	     { printf "%s,%d,\"doc, \"\"%d\"\"\",ciso,2024-04-01,guideline-2.0\r\n", $0, k % 5 + 1, k }' \
		"$T/sheet.csv" > "$T/filled.csv"
	csf csf-assess --template --mgmt --subject acme |
		jq -c '(input_line_number) as $k
		       | if $k % 7 == 0 then . else .+{level: ($k % 5 + 1), evidence: "doc, \"\($k)\"", assessor: "ciso", date: "2024-04-01"} end' \
		> "$T/filled.ndjson"
	run csf csf-assess "$T/filled.csv"
	assert_success
	csv_out="$output"
	run csf csf-assess "$T/filled.ndjson"
	assert_success
	assert_equal "$csv_out" "$output"
	# and what they score: 34 answered checks, evidence kept
	run sh -c "'$ROOT/bin/csf-assess' '$T/filled.csv' | jq -c 'select(.kind==\"check\")' | wc -l"
	assert_output 34
	run sh -c "'$ROOT/bin/csf-assess' '$T/filled.csv' | grep -m1 '\"item\":\"1-1\"'"
	assert_output '{"type":"score","kind":"check","subject":"acme","date":"2024-04-01","item":"1-1","directive":"D1","level":2.0,"n":1,"assessor":"ciso","evidence":"doc, \"1\"","generation":"guideline-2.0"}'
}

@test "questionnaire: --mgmt only with --template, and it reads no files" {
	run csf csf-assess --mgmt
	assert_failure 2
	run csf csf-assess --template --mgmt "$FIX/mgmt/karte-a.ndjson"
	assert_failure 2
}
