#!/usr/bin/env bats
# csf-roles: look-ups over the framework data. Exact expectations are
# checked by hand against the small data set in fixtures/roles/data.

load helper

setup() {
	D="$FIX/roles/data"
}

# ids TOOL-ARGS...: the "id" of each record csf-roles prints, space-separated
ids() {
	csf csf-roles "$@" | jq -r .id | paste -sd' '
}

@test "no options: every role record, as the data has it" {
	run csf csf-roles --data "$D"
	assert_success
	assert_output "$(cat "$D/roles.ndjson")"
	run bash -c "'$ROOT/bin/csf-roles' --data '$D' | jq -r .name.ja"
	assert_output $'意思決定・戦略策定\n戦略推進・プロジェクト管理\n監視\n対処\n情報収集・分析・共有\n運用管理'
}

@test "--role by number, ID, names and unique prefixes all find R03" {
	for key in 3 03 R03 r03 監視 Monitoring monitoring Mon 監; do
		run ids --data "$D" --role "$key"
		assert_success
		assert_output 'R03 T001 T002 K001 K002 S001'
	done
}

@test "--role prints the role, then its tasks, knowledge and skills in data order" {
	run ids --data "$D" --role 4
	assert_output 'R04 T002 S002'
	run ids --data "$D" -r 'Operations management'
	assert_output 'R08 K001 S002'
	run ids --data "$D" -r R02
	assert_output 'R02'
	run csf csf-roles --data "$D" --role 1
	assert_success
	assert_output "$(sed -n 1p "$D/roles.ndjson")
$(sed -n 3p "$D/tks.ndjson")"
}

@test "--role can be given more than once" {
	run ids --data "$D" --role 1 --role 戦略推進
	assert_output 'R01 T003 R02'
}

@test "an ambiguous --role lists the candidates, exit 1" {
	run --separate-stderr csf csf-roles --data "$D" --role In
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" "csf-roles: --role 'In': ambiguous, it could be:
  R04  対処  Incident response
  R05  情報収集・分析・共有  Information gathering, analysis and sharing"
}

@test "an unknown --role lists every role, exit 1" {
	run --separate-stderr csf csf-roles --data "$D" --role 14
	assert_failure 1
	assert_output ''
	assert_equal "$stderr" "csf-roles: --role '14': no such role; one of:
  R01  意思決定・戦略策定  Decision-making and strategy
  R02  戦略推進・プロジェクト管理  Strategy execution and project management
  R03  監視  Monitoring
  R04  対処  Incident response
  R05  情報収集・分析・共有  Information gathering, analysis and sharing
  R08  運用管理  Operations management"
}

@test "an exact name wins over a longer name it is the prefix of" {
	cp -R "$D" "$BATS_TEST_TMPDIR/d"
	echo '{"type":"role","id":"R09","no":9,"name":{"ja":"監視運用","en":"Monitoring operations"},"source":"fixture"}' >> "$BATS_TEST_TMPDIR/d/roles.ndjson"
	run ids --data "$BATS_TEST_TMPDIR/d" --role 監視
	assert_output 'R03 T001 T002 K001 K002 S001'
	run --separate-stderr csf csf-roles --data "$BATS_TEST_TMPDIR/d" --role moni
	assert_failure 1
	assert_equal "$stderr" "csf-roles: --role 'moni': ambiguous, it could be:
  R03  監視  Monitoring
  R09  監視運用  Monitoring operations"
}

@test "--type alone lists that type; with --role it filters the role's records" {
	run ids --data "$D" --type skill
	assert_output 'S001 S002'
	run ids --data "$D" -t knowledge,task
	assert_output 'T001 T002 T003 K001 K002'
	run ids --data "$D" --role 3 --type task,skill
	assert_output 'T001 T002 S001'
	run csf csf-roles --data "$D" -t level
	assert_output "$(cat "$D/levels.ndjson")"
	run ids --data "$D" -t persona,question
	assert_output 'e c Q1'
}

@test "--search matches ja or en name and text, ASCII case ignored" {
	run ids --data "$D" --search LOG
	assert_output 'K001 Q1'
	run ids --data "$D" --search ログ
	assert_output 'K001 Q1'
	run ids --data "$D" -s incident
	assert_output 'R04 T002 S002'
	run ids --data "$D" -s インシデント
	assert_output 'T002 S002'
	run ids --data "$D" -s 'incident' -t skill
	assert_output 'S002'
	run ids --data "$D" -s monitoring --role 3
	assert_output 'R03 K001 S001'
	run csf csf-roles --data "$D" -s 'no such words'
	assert_success
	assert_output ''
}

@test "--persona prints the persona, then its items annotated with mode, phase, target" {
	run csf csf-roles --data "$D" --persona e
	assert_success
	assert_equal "${#lines[@]}" 5
	assert_equal "${lines[0]}" "$(sed -n 1p "$D/personas.ndjson")"
	assert_equal "${lines[1]}" '{"type":"task","id":"T001","roles":["R03"],"text":{"ja":"アラートの監視・調査から不審な兆候を検知し関係部署へ報告する","en":"Watch and examine alerts, spot suspicious signs and report them"},"nice":["T0084"],"source":"fixture","persona":"e","mode":"own","phase":"normal","target":2}'
	run bash -c "'$ROOT/bin/csf-roles' --data '$D' -p e | jq -r '[.id, .persona, .mode, .phase, .target] | join(\" \")'"
	assert_output 'e    
T001 e own normal 2
K001 e own normal 3
T002 e own incident 2
S002 e outsource incident 1'
}

@test "--persona by name prefix; --type keeps only the items" {
	run ids --data "$D" --persona 'c (drives'
	assert_output 'c T003'
	run ids --data "$D" -p e -t skill
	assert_output 'S002'
}

@test "a persona item missing from the data is an error, exit 1" {
	cp -R "$D" "$BATS_TEST_TMPDIR/d"
	sed -i 's/"S002","mode"/"S099","mode"/' "$BATS_TEST_TMPDIR/d/personas.ndjson"
	run --separate-stderr csf csf-roles --data "$BATS_TEST_TMPDIR/d" -p e
	assert_failure 1
	assert_equal "$stderr" "csf-roles: persona e: item S099: no such task, knowledge or skill in $BATS_TEST_TMPDIR/d"
}

@test "--format text: ID and name in the --lang language" {
	run csf csf-roles --data "$D" --role 4 --format text --lang en
	assert_success
	assert_output $'R04\tIncident response\nT002\tTake the first steps when an incident occurs\nS002\tHandling an incident'
	run csf csf-roles --data "$D" --role 4 -f text --lang ja
	assert_output $'R04\t対処\nT002\tインシデントの初動対応を実施する\nS002\tインシデント対処を実施するスキル'
	run env LANG=ja_JP.UTF-8 LC_ALL= "$ROOT/bin/csf-roles" --data "$D" --role 4 -f text
	assert_output $'R04\t対処\nT002\tインシデントの初動対応を実施する\nS002\tインシデント対処を実施するスキル'
}

@test "--format text for personas, levels and questions" {
	run csf csf-roles --data "$D" -p c -f text --lang ja
	assert_output $'c\tcさん (プロジェクト推進担当)\nT003\tsupport\tnormal\t2\tセキュリティ戦略を策定する'
	run csf csf-roles --data "$D" -t level,question -f text --lang en
	assert_output $'role:1\tLevel 1\nrole:4\tLevel 4\nself:0\tNot known\nself:4\tCan teach it\nQ1\tDo you check system logs as part of your daily work?\n  Q1a\tChecking system logs\n  Q1b\tWriting rules for the whole organisation'
}

@test "-o writes the listing atomically" {
	run csf csf-roles --data "$D" -r 3 -f text -o "$BATS_TEST_TMPDIR/out"
	assert_success
	assert_output ''
	assert_equal "$(cut -f1 "$BATS_TEST_TMPDIR/out" | paste -sd' ')" 'R03 T001 T002 K001 K002 S001'
	run csf csf-roles --data "$D" -r nothing -o "$BATS_TEST_TMPDIR/out2"
	assert_failure 1
	assert [ ! -e "$BATS_TEST_TMPDIR/out2" ]
	assert_equal "$(ls "$BATS_TEST_TMPDIR" | grep -c 'out2')" 0
}

@test "a data directory without roles says so; one without any data is named" {
	D="$BATS_TEST_TMPDIR/d"
	mkdir "$D"
	cp "$ROOT/share/csf/levels.ndjson" "$D/"
	run --separate-stderr csf csf-roles --data "$D" --role 3
	assert_failure 1
	assert_equal "$stderr" "csf-roles: --role '3': no role records in $D"
	run csf csf-roles --data "$D"
	assert_success
	assert_output ''
	rm "$D/levels.ndjson"
	run --separate-stderr csf csf-roles --data "$D"
	assert_failure 2
	assert_equal "$stderr" "csf-roles: $D: no csf reference data (looked in $D, from --data)"
}

@test "broken reference data stops with its file and line" {
	cp -R "$D" "$BATS_TEST_TMPDIR/d"
	printf '{"type":"role","id":"R09"\n' >> "$BATS_TEST_TMPDIR/d/roles.ndjson"
	run --separate-stderr csf csf-roles --data "$BATS_TEST_TMPDIR/d"
	assert_failure 1
	assert_equal "$stderr" "csf-roles: $BATS_TEST_TMPDIR/d/roles.ndjson:7: invalid JSON: unterminated object"
}

@test "usage errors exit 2; --help and --version" {
	run --separate-stderr csf csf-roles --format xml
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-roles: invalid value 'xml' for --format (expected json or text)"
	run --separate-stderr csf csf-roles --type roles
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-roles: invalid value 'roles' for --type (expected role, task, knowledge, skill, level, persona or question)"
	run --separate-stderr csf csf-roles extra
	assert_failure 2
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" "csf-roles: unexpected argument 'extra'"
	run --separate-stderr csf csf-roles --role
	assert_failure 2
	run csf csf-roles --help
	assert_success
	assert_line --index 0 --partial 'usage: csf-roles'
	run csf csf-roles --version
	assert_output 'csf-roles (csf) 0.1.0'
}

# ---- on the shipped data (share/csf) ----

@test "shipped data: csf-roles | jq -r .name.ja prints the 13 roles in order" {
	run bash -c "'$ROOT/bin/csf-roles' | jq -r .name.ja"
	assert_success
	assert_output '意思決定・戦略策定
戦略推進・プロジェクト管理
監視
対処
情報収集・分析・共有
脆弱性評価
フォレンジック
運用管理
教育・訓練
法務
監査
設計開発
研究'
	run bash -c "'$ROOT/bin/csf-roles' | jq -r .id | paste -sd' '"
	assert_output 'R01 R02 R03 R04 R05 R06 R07 R08 R09 R10 R11 R12 R13'
}

@test "shipped data: each role's task/knowledge/skill counts as share/csf/README.md lists them" {
	# R01 10/11/10, R02 16/15/11, ... from the README's per-role table
	expected='1 10 11 10
2 16 15 11
3 10 10 11
4 13 11 14
5 8 10 9
6 8 11 9
7 9 10 10
8 13 15 12
9 10 8 8
10 11 9 9
11 9 9 9
12 11 14 12
13 8 8 8'
	got=$(for n in $(seq 13); do
		csf csf-roles --role "$n" | jq -r .type | awk -v n="$n" '{c[$1]++} END {print n, c["task"]+0, c["knowledge"]+0, c["skill"]+0}'
	done)
	assert_equal "$got" "$expected"
}

@test "shipped data: one role by number, ID, Japanese or English name" {
	run csf csf-roles --role 3
	assert_success
	want="$output"
	assert_equal "${#lines[@]}" 32
	assert_equal "${lines[0]}" "$(sed -n 3p "$ROOT/share/csf/roles.ndjson")"
	for key in R03 監視 monitoring Monit; do
		run csf csf-roles --role "$key"
		assert_output "$want"
	done
	run ids --role 戦略 --type role
	assert_output 'R02'
	run ids --role フォ -t role
	assert_output 'R07'
}

@test "shipped data: personas, questions and levels" {
	run ids -t persona
	assert_output 'b c e hr pr dev'
	run ids -t question
	assert_output 'Q1 Q2 Q3 Q4'
	run csf csf-roles -t level -f text --lang ja
	assert_output $'role:1\t基礎\nrole:2\t実践\nrole:3\t自立\nrole:4\t主導\nself:0\tなし\nself:1\t知識\nself:2\t支援があれば実施\nself:3\t独力で実施\nself:4\t指導・主導'
}

@test "shipped data: --persona e lists every item of e once, with its mode, phase and target" {
	persona=$(grep '"id":"e"' "$ROOT/share/csf/personas.ndjson")
	want=$(printf '%s\n' "$persona" | jq -r '.items[] | [.item, "e", .mode, .phase, .target] | map(tostring) | join(" ")')
	run bash -c "'$ROOT/bin/csf-roles' --persona e | tail -n +2 | jq -r '[.id, .persona, .mode, .phase, .target] | map(tostring) | join(\" \")'"
	assert_success
	assert_output "$want"
	run bash -c "'$ROOT/bin/csf-roles' -p e | head -1"
	assert_output "$persona"
}

@test "shipped data: --search agrees with a jq filter doing the same match" {
	for word in log ログ CSIRT; do
		want=$(cat "$ROOT"/share/csf/{roles,tks,levels,personas,services}.ndjson | jq -r --arg w "$word" \
			'select([.name.ja, .name.en, .text.ja, .text.en, .org.ja, .org.en, (.subtypes // [] | .[].name | .ja, .en)] | map(. // "" | ascii_downcase) | any(contains($w | ascii_downcase))) | .id // "\(.scale):\(.level)"' |
			paste -sd' ')
		[ -n "$want" ]
		run ids --search "$word"
		assert_output "$want"
	done
}

@test "shipped data: an ID prefix shared by several roles is ambiguous, an empty name matches nothing" {
	run --separate-stderr csf csf-roles --role R
	assert_failure 1
	assert_output ''
	assert_equal "$(printf '%s\n' "$stderr" | sed -n '1p;2p;14p')" "csf-roles: --role 'R': ambiguous, it could be:
  R01  意思決定・戦略策定  Decision-making and strategy
  R13  研究  Research"
	run --separate-stderr csf csf-roles --role ''
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-roles: empty value for --role"
}
