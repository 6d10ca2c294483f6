#!/usr/bin/env bats
# Invariants of the shipped reference data, checked against the 2026
# guide's own tables and NIST's file (jq reads both; the tools are tested
# elsewhere).

load helper

D="$ROOT/share/csf"

@test "13 roles in order with the guide's names" {
	run jq -r 'select(.type=="role") | "\(.no) \(.id) \(.name.ja)"' "$D/roles.ndjson"
	assert_success
	assert_output "1 R01 意思決定・戦略策定
2 R02 戦略推進・プロジェクト管理
3 R03 監視
4 R04 対処
5 R05 情報収集・分析・共有
6 R06 脆弱性評価
7 R07 フォレンジック
8 R08 運用管理
9 R09 教育・訓練
10 R10 法務
11 R11 監査
12 R12 設計開発
13 R13 研究"
}

@test "crosswalk cells exactly as the guide's table (③, ⑥, ⑩, ⑬)" {
	run jq -c 'select(.type=="role" and (.id=="R03" or .id=="R06" or .id=="R10" or .id=="R13")) | [.id, .crosswalk]' "$D/roles.ndjson"
	assert_output '["R03",{"itss_plus":["セキュリティ監視・運用"],"secbok":["監視・運用"],"jinzai_ref":["SOC担当"],"csij":[]}]
["R06",{"itss_plus":["脆弱性診断・ペネトレーションテスト"],"secbok":["脆弱性診断・評価"],"jinzai_ref":["運用系サイバーセキュリティ担当"],"csij":["Web/NW脆弱性診断士","情報システムペンテスター","IoTデバイス脆弱性診断士","IoTシステムペンテスター","IoT脆弱性分析士"]}]
["R10",{"itss_plus":["法務"],"secbok":["法務"],"jinzai_ref":[],"csij":[]}]
["R13",{"itss_plus":["セキュリティ調査分析・研究開発"],"secbok":[],"jinzai_ref":[],"csij":[]}]'
}

@test "every role has at least 8 tasks, 8 knowledge and 8 skill items" {
	run jq -rs '
		[.[] | select(.type=="task" or .type=="knowledge" or .type=="skill")] as $items
		| [range(1;14) | "R\(if . < 10 then "0" else "" end)\(.)"] | .[] as $r
		| [$items[] | select(.roles | index($r))] | group_by(.type)
		| map(length) | select(length < 3 or min < 8) | "\($r) short"' "$D/tks.ndjson"
	assert_success
	assert_output ''
}

@test "every record carries a source and a unique id within its type" {
	for f in "$D"/*.ndjson; do
		run jq -r 'select((.source // "") == "") | "\(input_filename): \(.type) \(.id)"' "$f"
		assert_output ''
		run sh -c "jq -r 'select(.id) | \"\(.type) \(.id)\"' '$f' | sort | uniq -d"
		assert_output ''
	done
}

@test "persona targets follow the documented rule: own 3, support 2, outsource 1" {
	run jq -r 'select(.type=="persona") | .items[] |
		select(.target != ({"own":3,"support":2,"outsource":1}[.mode])) | .item' "$D/personas.ndjson"
	assert_success
	assert_output ''
}

@test "persona c starts with the five knowledge items of the guide's table" {
	jq -r --slurpfile t "$D/tks.ndjson" 'select(.type=="persona" and .id=="c") | .items[].item as $i
		| $t[] | select(.id==$i and .type=="knowledge") | .text.ja' "$D/personas.ndjson" > "$BATS_TEST_TMPDIR/k"
	run head -n 5 "$BATS_TEST_TMPDIR/k"
	assert_output "コンプライアンスおよびプライバシーの原則と実践に関する知識
サイバーセキュリティに関する法律についての知識（個人情報保護法など）
アカウント管理に関する知識
調達先のリスクの特定、評価に関する知識
外部関係者対応において必要となる知識"
}

@test "every NICE ID in the data exists in NIST's v2.1.0 file with the right kind" {
	[ -f "$NICE_DIR/nice_components_v2.1.0_cprt.json" ] || skip "no ../shared/nice"
	jq -r '.response.elements.elements[] | "\(.element_identifier) \(.element_type)"' \
		"$NICE_DIR/nice_components_v2.1.0_cprt.json" | sort > "$BATS_TEST_TMPDIR/nist"
	jq -r 'select(.nice) | (if .type=="role" then "work_role" else .type end) as $k | .nice[] | "\(.) \($k)"' \
		"$D/roles.ndjson" "$D/tks.ndjson" | sort -u > "$BATS_TEST_TMPDIR/ours"
	run comm -23 "$BATS_TEST_TMPDIR/ours" "$BATS_TEST_TMPDIR/nist"
	assert_success
	assert_output ''
	[ "$(wc -l < "$BATS_TEST_TMPDIR/ours")" -gt 300 ]
}
