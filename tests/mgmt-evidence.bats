#!/usr/bin/env bats
# Management model: what an answer rests on (evidence, assessor, date) from
# csf-assess through csf-gap and csf-plan into every csf-render format, the
# multi-assessor view, and the generation of the check set on every record.

load helper

M="$FIX/mgmt"
DATA="$ROOT/share/csf"

# KK-2's answers (the B sheet), dated, with evidence on 9-1 (the lowest of
# 指示9, hint 1) and 4-3 (the lowest of 指示4, hint 2).
setup() {
	E="$BATS_TEST_TMPDIR/evidence.ndjson"
	jq -c 'if .item=="9-1" then .+{assessor:"CISO",evidence:"委託先管理規程 第3条"}
	       elif .item=="4-3" then .+{assessor:"監査部",evidence:"リスク対応計画 <未策定>"}
	       else . end | .+{date:"2021-03-01"}' "$M/karte-b.ndjson" > "$E"
}

pipeline() { "$ROOT/bin/csf-assess" "$E" | "$ROOT/bin/csf-gap" --benchmark karte | "$ROOT/bin/csf-plan"; }

@test "evidence: kept on the check score, with assessor and date" {
	run sh -c "'$ROOT/bin/csf-assess' '$E' | grep '\"item\":\"9-1\"'"
	assert_output '{"type":"score","kind":"check","subject":"KK-2","date":"2021-03-01","item":"9-1","directive":"D9","level":1.0,"n":1,"assessor":"CISO","evidence":"委託先管理規程 第3条","generation":"guideline-2.0"}'
}

@test "evidence: carried by the gap of its directive and the hint that names it" {
	pipeline > "$BATS_TEST_TMPDIR/p"
	run jq -c 'select(.type=="gap" and .kind=="directive" and .evidence) | [.directive, .lowest, .evidence]' "$BATS_TEST_TMPDIR/p"
	assert_output $'["D4",["4-3"],[{"item":"4-3","level":2,"assessor":"監査部","evidence":"リスク対応計画 <未策定>"}]]\n["D9",["9-1"],[{"item":"9-1","level":1,"assessor":"CISO","evidence":"委託先管理規程 第3条"}]]'
	run jq -c 'select(.type=="plan") | [.rank, .directives, [.evidence[].item]]' "$BATS_TEST_TMPDIR/p"
	assert_output $'[1,["D9"],["9-1"]]\n[2,["D4","D5","D6"],["4-3"]]'
}

@test "evidence: shown by csf-render in every format" {
	pipeline > "$BATS_TEST_TMPDIR/p"
	for f in table md json; do
		run csf csf-render --format "$f" "$BATS_TEST_TMPDIR/p"
		assert_success
		assert_output --partial '委託先管理規程 第3条'
	done
	for f in csv tsv; do
		run sh -c "'$ROOT/bin/csf-render' --format $f --type score -c kind,item,assessor,evidence '$BATS_TEST_TMPDIR/p' | tr -d '\r' | tr '\t' , | grep '^check,9-1,'"
		assert_output 'check,9-1,CISO,委託先管理規程 第3条'
	done
	# the カルテ: assessor and evidence next to the answer, escaped
	run sh -c "'$ROOT/bin/csf-render' --format html '$BATS_TEST_TMPDIR/p' | grep -A2 '<tr><td>4-3</td>'"
	assert_output --partial '<td>監査部</td><td>リスク対応計画 &lt;未策定&gt;</td><td>2021-03-01</td>'
	# the workbook: the check's row holds the assessor and the evidence
	csf csf-render --format xlsx -o "$BATS_TEST_TMPDIR/w.xlsx" "$BATS_TEST_TMPDIR/p"
	run sh -c "unzip -p '$BATS_TEST_TMPDIR/w.xlsx' 'xl/worksheets/sheet*.xml' | sed 's#</row>#&\\n#g' | grep '>9-1<' | grep '>CISO<' | grep -c '>委託先管理規程 第3条<'"
	assert_output 1
}

@test "evidence: the PDF and SVG カルテ show who answered, on what and when, in both languages" {
	command -v pdftotext > /dev/null || skip "poppler-utils not installed (scripts/deps installs it)"
	pipeline > "$BATS_TEST_TMPDIR/p"
	# The SVG: a table under the chart, a <text> per cell; only the two
	# answers that name an assessor or evidence are rows.
	run sh -c "'$ROOT/bin/csf-render' -f svg --lang ja '$BATS_TEST_TMPDIR/p' | sed -n 's/^<text [^>]*>\\(.*\\)<\\/text>$/\\1/p' | sed -n '/^評価者・根拠のある回答$/,\$p'"
	assert_output "$(printf '%s\n' 評価者・根拠のある回答 項目 回答 評価者 根拠 回答日 \
		4-3 2.0 監査部 'リスク対応計画 &lt;未策定&gt;' 2021-03-01 9-1 1.0 CISO '委託先管理規程 第3条' 2021-03-01)"
	run sh -c "'$ROOT/bin/csf-render' -f svg --chart bars --lang en '$BATS_TEST_TMPDIR/p' | grep -c -e '>Answers with an assessor or evidence<' -e '>Date answered<' -e '>委託先管理規程 第3条<'"
	assert_output 3
	# The PDF: the same table after the answers, read back as text.
	for lang in ja en; do
		csf csf-render -f pdf --lang "$lang" -o "$BATS_TEST_TMPDIR/$lang.pdf" "$BATS_TEST_TMPDIR/p"
	done
	run sh -c "pdftotext -layout '$BATS_TEST_TMPDIR/ja.pdf' - | sed -n '/評価者・根拠のある回答/,\$p' | sed '/^[[:space:]]*$/d' | tr -s ' '"
	assert_output "$(printf '%s\n' 評価者・根拠のある回答 '項目 回答 評価者 根拠 回答日' \
		'4-3 2.0 監査部 リスク対応計画 <未策定> 2021-03-01' '9-1 1.0 CISO 委託先管理規程 第3条 2021-03-01')"
	run sh -c "pdftotext -layout '$BATS_TEST_TMPDIR/en.pdf' - | grep -A1 'Answers with an assessor or evidence' | tail -1 | tr -s ' ' | sed 's/^ //'"
	assert_output 'Item Answer Assessor Evidence Date answered'
}

@test "multi-assessor view: who answered what, on which evidence" {
	printf '%s\n' \
		'{"type":"answer","subject":"org","item":"1-1","level":2,"assessor":"ciso","evidence":"方針書 v1"}' \
		'{"type":"answer","subject":"org","item":"1-1","level":4,"assessor":"audit","evidence":"取締役会議事録 2021-02"}' \
		'{"type":"answer","subject":"org","item":"1-2","level":3,"assessor":"ciso"}' > "$BATS_TEST_TMPDIR/m"
	run csf csf-assess "$BATS_TEST_TMPDIR/m"
	assert_success
	assert_line --index 0 '{"type":"score","kind":"disagreement","subject":"org","item":"1-1","directive":"D1","answers":{"ciso":2,"audit":4},"min":2,"max":4,"spread":2,"evidence":{"ciso":"方針書 v1","audit":"取締役会議事録 2021-02"},"generation":"guideline-2.0"}'
	assert_line --index 1 '{"type":"score","kind":"check","subject":"org","item":"1-1","directive":"D1","level":3.0,"n":2,"assessor":"ciso, audit","evidence":"ciso: 方針書 v1; audit: 取締役会議事録 2021-02","generation":"guideline-2.0"}'
	assert_line --index 2 '{"type":"score","kind":"answer","subject":"org","item":"1-1","directive":"D1","assessor":"ciso","level":2,"evidence":"方針書 v1","generation":"guideline-2.0"}'
	assert_line --index 3 '{"type":"score","kind":"answer","subject":"org","item":"1-1","directive":"D1","assessor":"audit","level":4,"evidence":"取締役会議事録 2021-02","generation":"guideline-2.0"}'
	# one answer: no per-answer records, the check score says it all
	assert_line --index 4 '{"type":"score","kind":"check","subject":"org","item":"1-2","directive":"D1","level":3.0,"n":1,"assessor":"ciso","generation":"guideline-2.0"}'
	# csf-gap takes the answer scores and passes them on
	run sh -c "'$ROOT/bin/csf-assess' '$BATS_TEST_TMPDIR/m' | '$ROOT/bin/csf-gap' | jq -c 'select(.kind==\"answer\") | [.assessor,.level]'"
	assert_success
	assert_output $'["ciso",2]\n["audit",4]'
}

@test "evidence must be a string" {
	printf '%s\n' '{"type":"answer","subject":"x","item":"1-1","level":3,"evidence":5}' > "$BATS_TEST_TMPDIR/b"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/b:1: \"evidence\" must be a string"
}

@test "generation: on every record of the model, and on the カルテ" {
	pipeline > "$BATS_TEST_TMPDIR/p"
	# (the profile is the input's own, passed on unchanged)
	run jq -r 'select(.type != "profile") | .generation' "$BATS_TEST_TMPDIR/p"
	assert_output "$(yes guideline-2.0 | head -n "$(grep -vc '"profile"' "$BATS_TEST_TMPDIR/p")")"
	run jq -r 'select(.type=="generation") | [.id, .guideline, .tool, .scale.min, .scale.max] | @tsv' "$DATA/mgmt.ndjson"
	assert_output $'guideline-2.0\tVer2.0\tβ–V1.0\t1\t5'
	run sh -c "'$ROOT/bin/csf-render' --format html --lang ja '$BATS_TEST_TMPDIR/p' | grep 'チェック項目の世代'"
	assert_output '<dt>チェック項目の世代</dt><dd>サイバーセキュリティ経営ガイドライン Ver2.0 付録A(可視化ツール β版〜V1.0)</dd>'
}

@test "generation: a record of another generation is refused at every stage" {
	printf '%s\n' '{"type":"answer","subject":"x","item":"1-1","level":3,"generation":"later"}' > "$BATS_TEST_TMPDIR/a"
	run --separate-stderr csf csf-assess "$BATS_TEST_TMPDIR/a"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/a:1: record is of generation 'later'; the data directory holds 'guideline-2.0'"
	printf '%s\n' '{"type":"score","kind":"directive","subject":"x","directive":"D1","mean":3,"display":3,"generation":"later"}' > "$BATS_TEST_TMPDIR/s"
	run --separate-stderr csf csf-gap "$BATS_TEST_TMPDIR/s"
	assert_failure 1
	assert_equal "$stderr" "csf-gap: $BATS_TEST_TMPDIR/s:1: record is of generation 'later'; the data directory holds 'guideline-2.0'"
}

@test "generation: another check set is a data file, not code" {
	# A made-up two-directive set answered 1-4, in its own data directory.
	D="$BATS_TEST_TMPDIR/data"
	mkdir "$D"
	cp "$DATA/benchmark.ndjson" "$D/"
	printf '%s\n' \
		'{"type":"generation","id":"test-gen","guideline":"test","name":{"ja":"試験","en":"test"},"scale":{"min":1,"max":4},"source":"csf"}' \
		'{"type":"directive","id":"D1","no":1,"name":{"ja":"一","en":"one"},"checks":["1-1","1-2"],"source":"csf"}' \
		'{"type":"directive","id":"D2","no":2,"name":{"ja":"二","en":"two"},"checks":["2-1"],"source":"csf"}' \
		'{"type":"check","id":"1-1","directive":"D1","text":{"ja":"a","en":"a"},"source":"csf"}' \
		'{"type":"check","id":"1-2","directive":"D1","text":{"ja":"b","en":"b"},"source":"csf"}' \
		'{"type":"check","id":"2-1","directive":"D2","text":{"ja":"c","en":"c"},"source":"csf"}' > "$D/mgmt.ndjson"
	printf '%s\n' \
		'{"type":"answer","subject":"x","item":"1-1","level":4}' \
		'{"type":"answer","subject":"x","item":"1-2","level":1}' \
		'{"type":"answer","subject":"x","item":"2-1","level":2}' > "$BATS_TEST_TMPDIR/a"
	run sh -c "'$ROOT/bin/csf-assess' --data '$D' '$BATS_TEST_TMPDIR/a' | jq -c 'select(.kind==\"index\" or .type==\"maturity\") | [.kind, .index, .directives, .class, .generation]'"
	assert_output $'["index",2.25,2,null,"test-gen"]\n[null,2.25,null,"C","test-gen"]'
	# its scale is its own: 5 is out of range there
	printf '%s\n' '{"type":"answer","subject":"x","item":"2-1","level":5}' > "$BATS_TEST_TMPDIR/b"
	run --separate-stderr csf csf-assess --data "$D" "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_equal "$stderr" "csf-assess: $BATS_TEST_TMPDIR/b:1: check 2-1: level 5 is outside 1-4"
	# and csf-check bounds answers by the same scale: 4 passes, 5 does not
	run --separate-stderr csf csf-check --data "$D" "$BATS_TEST_TMPDIR/a"
	assert_success
	run --separate-stderr csf csf-check --data "$D" "$BATS_TEST_TMPDIR/b"
	assert_failure 1
	assert_equal "$stderr" "csf-check: $BATS_TEST_TMPDIR/b:1: answer: level: 5 is out of range 1..4
csf-check: 1 problem"
	# the template lists its three checks
	run sh -c "'$ROOT/bin/csf-assess' --data '$D' --template --mgmt | jq -r .item | paste -sd' '"
	assert_output '1-1 1-2 2-1'
}

@test "generation: charts are drawn on the check set's own scale (1-4 here), not on 1-5" {
	D="$BATS_TEST_TMPDIR/data"
	mkdir "$D"
	cp "$DATA/benchmark.ndjson" "$D/"
	printf '%s\n' \
		'{"type":"generation","id":"test-gen","guideline":"test","name":{"ja":"試験","en":"test"},"scale":{"min":1,"max":4},"source":"csf"}' \
		'{"type":"directive","id":"D1","no":1,"name":{"ja":"一","en":"one"},"checks":["1-1"],"source":"csf"}' \
		'{"type":"directive","id":"D2","no":2,"name":{"ja":"二","en":"two"},"checks":["2-1"],"source":"csf"}' \
		'{"type":"directive","id":"D3","no":3,"name":{"ja":"三","en":"three"},"checks":["3-1"],"source":"csf"}' \
		'{"type":"check","id":"1-1","directive":"D1","text":{"ja":"a","en":"a"},"source":"csf"}' \
		'{"type":"check","id":"2-1","directive":"D2","text":{"ja":"b","en":"b"},"source":"csf"}' \
		'{"type":"check","id":"3-1","directive":"D3","text":{"ja":"c","en":"c"},"source":"csf"}' > "$D/mgmt.ndjson"
	printf '%s\n' \
		'{"type":"answer","subject":"x","item":"1-1","level":4}' \
		'{"type":"answer","subject":"x","item":"2-1","level":2}' \
		'{"type":"answer","subject":"x","item":"3-1","level":1}' > "$BATS_TEST_TMPDIR/a"
	csf csf-assess --data "$D" "$BATS_TEST_TMPDIR/a" > "$BATS_TEST_TMPDIR/s" || fail "csf-assess"
	csf csf-gap --data "$D" "$BATS_TEST_TMPDIR/s" > "$BATS_TEST_TMPDIR/g" || fail "csf-gap"
	csf csf-render --data "$D" -f svg --chart radar --lang en -o "$BATS_TEST_TMPDIR/r.svg" "$BATS_TEST_TMPDIR/g" || fail "svg"
	# rings 1 to 4 and no fifth
	run sh -c "grep -o '<text[^>]*#888888[^>]*>[0-9]</text>' '$BATS_TEST_TMPDIR/r.svg' | sed 's/.*>\([0-9]\)<.*/\1/' | paste -sd' '"
	assert_output '1 2 3 4'
	# x's 4 on D1 is on the outer ring (the chart's centre is 280,230, radius 160)
	run sh -c "grep -o '<polygon[^>]*>' '$BATS_TEST_TMPDIR/r.svg' | sed -n '4p;/c62828/p' | sed 's/.*points=\"\([^ ]*\) .*/\1/'"
	assert_output $'280.0,70.0\n280.0,70.0'
}
