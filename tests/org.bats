#!/usr/bin/env bats
# The organisation model (体制, csf-org(7)): its reference data against the
# seeds, every rule on small hand-made organisations, the xSIRT functions
# per profile flag, the distribution model over organisations (by hand)
# and its sharding, the tasks x units matrix and bad input.

load helper

O="$FIX/org"
DATA="$ROOT/share/csf"
S1="$ROOT/../shared/seeds/001_3633f32edf448c5a.txt"
S3="$ROOT/../shared/seeds/003_d1919e73a14a7eb9.txt"

# the distribution model's single run (one) and two shards' partials (p1, p2)
industry_shards() {
	csf csf-assess "$O/dist.ndjson" "$O/model.ndjson" > all.ndjson
	csf csf-gap --by industry all.ndjson | grep org_model > one
	grep -E '"subject":"(o1|o2)"' all.ndjson | csf csf-gap --by industry --partial > p1
	grep -E '"subject":"(o3|m1|m2|m3)"' all.ndjson | csf csf-gap --by industry --partial > p2
}

# findings as [subject, rule, task, units, severity]
findings() { jq -c 'select(.type=="gap" and .kind=="org") | [.subject, .rule, .task, .units, .severity]'; }

@test "data: every org.ndjson record is sourced, and csf-check accepts the file" {
	run jq -s '[.[] | select((.source // "") == "")] | length' "$DATA/org.ndjson"
	assert_output 0
	run csf csf-check "$DATA/org.ndjson"
	assert_success
}

@test "data: six STEPs, four governance types, 3 tasks ア/イ/ウ, 5 ways to get people, 4 xSIRTs, 44 functions placed" {
	run jq -rs '[.[] | .type] | group_by(.) | map("\(.[0]) \(length)") | .[]' "$DATA/org.ndjson"
	assert_output "$(printf '%s\n' 'acquisition 5' 'function_org 44' 'governance_placement 4' 'governance_task 3' \
		'governance_type 4' 'itss_task 42' 'org_action 11' 'org_caution 3' 'org_practice 4' 'org_rule 8' \
		'org_step 6' 'org_unit_example 8' 'performer 6' 'plus_security_example 3' 'xsirt 4')"
}

@test "data: cited seed lines say what the records say (001 STEP titles, ア/イ/ウ, STEP4 ways; 003 xSIRT)" {
	[ -f "$S1" ] || skip "seeds not beside the tree"
	# each STEP's title is on the first line its source cites
	run sh -c "jq -r 'select(.type==\"org_step\") | \"\(.source | split(\"; \")[0] | split(\":\")[1]) \(.id)\"' '$DATA/org.ndjson' |
		while read l id; do sed -n \"\${l}p\" '$S1' | grep -o 'STEP[1-6]'; done | paste -sd' '"
	assert_output 'STEP1 STEP2 STEP3 STEP4 STEP5 STEP6'
	run sh -c "jq -r 'select(.type==\"governance_task\") | .source | split(\":\")[1]' '$DATA/org.ndjson' |
		while read l; do sed -n \"\${l}p\" '$S1' | grep -o '^[アイウ]）'; done | paste -sd' '"
	assert_output 'ア） イ） ウ）'
	run sh -c "jq -r 'select(.type==\"acquisition\") | .source | split(\":\")[1]' '$DATA/org.ndjson' |
		while read l; do sed -n \"\${l}p\" '$S1'; done"
	assert_output "$(printf '%s\n' リスクマネジメントや経営管 ITの管理・運用に関する 業務経験を有する人材の セキュリティを専門とする 兼業や副業で従事する)"
	# each xSIRT is named on one of the lines it cites
	run sh -c "jq -r 'select(.type==\"xsirt\") | .id as \$id | .source | split(\"; \")[] | \"\(\$id) \(split(\":\")[1])\"' '$DATA/org.ndjson' |
		while read id l; do sed -n \"\${l}p\" '$S3' | grep -q \"\$id\" && echo \$id; done | uniq | paste -sd' '"
	assert_output 'CSIRT PSIRT DSIRT FSIRT'
}

@test "the 44 functions and the six security-primary areas are those of crosswalk.ndjson" {
	run jq -rs '[.[] | select(.type=="function_org") | .id] == [range(1;45) | "F\(if . < 10 then "0" else "" end)\(.)"]' "$DATA/org.ndjson"
	assert_output true
	run jq -r 'select(.type=="itss_area" and .security_primary) | .id' "$DATA/crosswalk.ndjson"
	assert_output "$(printf '%s\n' ITSS01 ITSS03 ITSS04 ITSS09 ITSS13 ITSS15)"
}

@test "csf-assess: the structure passes through and each task in scope gets an org_task score" {
	run csf csf-assess "$O/matrix.ndjson"
	assert_success
	assert_output "$(cat "$O/matrix.ndjson")
{\"type\":\"score\",\"kind\":\"org_task\",\"subject\":\"acme\",\"task\":\"F29\",\"mode\":\"own\",\"performer\":\"is\",\"own\":[\"IS\"],\"support\":[\"SEC\"],\"outsource\":[]}
{\"type\":\"score\",\"kind\":\"org_task\",\"subject\":\"acme\",\"task\":\"F37\",\"mode\":\"outsource\",\"performer\":\"security_vendor\",\"own\":[],\"support\":[],\"outsource\":[\"V1\"]}
{\"type\":\"score\",\"kind\":\"org_task\",\"subject\":\"acme\",\"task\":\"F39\",\"mode\":\"own\",\"performer\":\"other\",\"own\":[\"SEC\"],\"support\":[],\"outsource\":[]}
{\"type\":\"score\",\"kind\":\"org_task\",\"subject\":\"acme\",\"task\":\"X34\",\"mode\":\"outsource\",\"performer\":\"security_vendor\",\"own\":[],\"support\":[\"IS\"],\"outsource\":[\"V1\"]}"
}

org_findings() {   # org_findings SUBJECT [csf-gap options]
	local s="$1"; shift
	grep "\"subject\":\"$s\"" "$O/rules.ndjson" | csf csf-assess | csf csf-gap "$@" | findings
}

@test "rules: unowned (support only, and a scoped task with nobody)" {
	run org_findings own
	assert_output "$(printf '%s\n' '["own","unowned","F35",[],"high"]' '["own","unowned","X12",["SEC"],"high"]')"
}

@test "rules: unsupervised-outsourcing (a vendor without supervisor, a subsidiary owning a task; a supervised one is fine)" {
	run org_findings sup
	assert_output "$(printf '%s\n' '["sup","unsupervised-outsourcing","F30",["SUB"],"high"]' '["sup","unsupervised-outsourcing","F37",["V"],"high"]')"
}

@test "rules: no-authority only where an owner is marked authority:false" {
	run org_findings auth
	assert_output "$(printf '%s\n' '["auth","unowned","F04",["IS"],"high"]' '["auth","no-authority","F01",["SEC"],"medium"]')"
}

@test "rules: incident-scope for sold products and services, not for the OT the incident work covers" {
	run org_findings inc
	assert_output "$(printf '%s\n' '["inc","incident-scope",null,[],"high"]' '["inc","incident-scope",null,[],"high"]')"
	run sh -c "grep '\"subject\":\"inc\"' '$O/rules.ndjson' | '$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' | jq -c 'select(.rule==\"incident-scope\") | [.domain, .because, .xsirt]'"
	assert_output "$(printf '%s\n' '["products","sells_connected_products","PSIRT"]' '["services","digital_services","DSIRT"]')"
}

@test "rules: no-inhouse-primary for an outsourced security-primary area without supervisor; a supervised one is covered" {
	run org_findings prim
	assert_output "$(printf '%s\n' '["prim","unsupervised-outsourcing","ITSS09",["V1"],"high"]' '["prim","no-inhouse-primary","ITSS09",["V1"],"high"]')"
}

@test "rules: overload counts distinct tasks per person (--overload), people multiply the limit" {
	run org_findings load
	assert_output ''
	run org_findings load --overload 2
	assert_output '["load","overload",null,["IS"],"medium"]'
	run sh -c "grep '\"subject\":\"load\"' '$O/rules.ndjson' | '$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' --overload 1 | jq -c 'select(.rule==\"overload\") | [.units[0], .tasks, .threshold]'"
	assert_output "$(printf '%s\n' '["IS",3,1]' '["SEC",3,2]')"
}

@test "rules: plus-security names the unit with tasks and nobody assessed, once people are in the stream" {
	run sh -c "'$ROOT/bin/csf-assess' '$O/people.ndjson' | '$ROOT/bin/csf-gap' | jq -c 'select(.kind==\"org\")'"
	assert_output '{"type":"gap","kind":"org","subject":"acme","rule":"unowned","severity":"high","title":{"ja":"担当（実施主体）のないタスク","en":"Task with no owner"},"task":"F42","task_name":{"ja":"トレーニング","en":"Training"},"units":["SEC"],"unit_names":["セキュリティ統括室"],"source":"001_3633f32edf448c5a.txt:1320; 001_3633f32edf448c5a.txt:1417"}
{"type":"gap","kind":"org","subject":"acme","rule":"plus-security","severity":"medium","title":{"ja":"プラス・セキュリティの担い手が評価されていない","en":"No Plus Security person assessed in a unit with security tasks"},"units":["SEC"],"unit_names":["セキュリティ統括室"],"tasks":2,"source":"001_3633f32edf448c5a.txt:1496; 001_3633f32edf448c5a.txt:1499; 001_3633f32edf448c5a.txt:1501"}'
	# without people there is nothing to say
	run sh -c "grep -v profile '$O/people.ndjson' | '$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' | jq -r 'select(.kind==\"org\") | .rule'"
	assert_output 'unowned'
}

@test "xSIRT: a CSIRT for everyone, a PSIRT, DSIRT or FSIRT for each profile flag, with the seed's notes and caveat" {
	run sh -c "'$ROOT/bin/csf-assess' '$O/xsirt.ndjson' | '$ROOT/bin/csf-gap' | jq -r 'select(.kind==\"org_xsirt\") | \"\(.subject) \(.xsirt) \(.because) \(.covered)\"'"
	assert_output "$(printf '%s\n' 'plain CSIRT null false' 'maker CSIRT null false' 'maker PSIRT sells_connected_products false' \
		'online CSIRT null false' 'online DSIRT digital_services false' 'plant CSIRT null false' 'plant FSIRT factories false')"
	run sh -c "'$ROOT/bin/csf-assess' '$O/xsirt.ndjson' | '$ROOT/bin/csf-gap' | jq -r 'select(.kind==\"org_xsirt\" and .xsirt==\"PSIRT\") | .scale.ja, .challenges[1].ja, .caveat.ja'"
	assert_output '事業部門毎に数名の人員を配置することがみられる。全組織的に統括的なPSIRTでは、事業部門とは別途、数名程度配置
部品のサプライヤとの間で、セキュリティ確保のための連携体制の構築が必要
以下は各xSIRTと呼ばれるものの機能的な面を中心に整理を試みたものであり、企業・組織内にそれぞれ別個に体制として設ける必要性を示すものではない'
}

@test "governance: the declared type, its placement and what it usually covers; none declared is said" {
	run sh -c "printf '%s\n' '{\"type\":\"org\",\"subject\":\"g\",\"governance\":{\"form\":\"committee\",\"control\":\"federated\",\"placement\":\"committee\"}}' '{\"type\":\"org\",\"subject\":\"h\"}' |
		'$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' | jq -c 'select(.kind==\"org_governance\") | [.subject, .governance, .name.ja, .placement_name.ja, [.covers[].id]]'"
	assert_output "$(printf '%s\n' '["g","committee-federated","委員会型・連邦型","組織横断的な委員会形態で運用",["a","c"]]' '["h",null,null,null,[]]')"
}

@test "distribution model over three organisations, by hand" {
	run sh -c "'$ROOT/bin/csf-assess' '$O/dist.ndjson' | '$ROOT/bin/csf-gap' --by industry | jq -c 'select(.kind==\"org_model\") | [.value, .task, .n, .mode.own, .mode.support, .mode.outsource, .mode.none, .performer.is, .performer.other, .performer.subsidiary, .performer.security_vendor, .performer.none, .typical]'"
	assert_output "$(printf '%s\n' \
		'["KK","F29",2,1,0,1,0,1,0,1,0,0,"own"]' \
		'["KK","F37",2,0,0,1,1,0,0,0,1,1,"outsource"]' \
		'["KK","F39",2,1,1,0,0,1,1,0,0,0,"own"]' \
		'["SV","F29",1,1,0,0,0,1,0,0,0,0,"own"]' \
		'["SV","F37",1,1,0,0,0,1,0,0,0,0,"own"]')"
	run sh -c "'$ROOT/bin/csf-assess' '$O/dist.ndjson' | '$ROOT/bin/csf-gap' --by industry | grep -m1 org_model"
	assert_output '{"type":"gap","kind":"org_model","by":"industry","value":"KK","task":"F29","n":2,"mode":{"own":1,"support":0,"outsource":1,"none":0},"share":{"own":50.0,"support":0.0,"outsource":50.0,"none":0.0},"performer":{"is":1,"other":0,"subsidiary":1,"ict_vendor":0,"security_vendor":0,"none":0},"typical":"own","typical_share":50.0}'
}

@test "sharded --partial/--merge gives the single run byte for byte" {
	cd "$BATS_TEST_TMPDIR"
	industry_shards
	run sh -c "cat p2 p1 | '$ROOT/bin/csf-gap' --by industry --merge | grep org_model | cmp - one && wc -l < one"
	assert_success
	assert_output 5
	# a partial of another field does not merge
	sed 's/"by":"industry"/"by":"size"/' p1 > bad
	run csf csf-gap --by industry --merge bad
	assert_failure 1
	assert_output --partial 'bad:1: gap_partial by "size" cannot merge with by "industry"'
}

@test "--merge alone (as csf-gap(1) shows it) takes the model's field from its partials" {
	cd "$BATS_TEST_TMPDIR"
	industry_shards
	run sh -c "cat p1 p2 | '$ROOT/bin/csf-gap' --merge | cmp - one"
	assert_success
	# people and organisations in one stream: both models merge
	cat "$ROOT/share/csf/sample/staff.ndjson" "$ROOT/share/csf/sample/org.ndjson" | csf csf-assess > s
	csf csf-gap --by department s | grep -E '"kind":"(group|org_model)"' > want
	run sh -c "'$ROOT/bin/csf-gap' --by department --partial s | '$ROOT/bin/csf-gap' --merge | cmp - want"
	assert_success
}

@test "org partials: long lines go on in records of n 0 (one write each), merged as one; bad sums named" {
	cd "$BATS_TEST_TMPDIR"
	long=$(printf 'L%.0s' $(seq 3940))
	sed "s/\"industry\":\"KK\"/\"industry\":\"$long\"/" "$O/dist.ndjson" > long.ndjson
	csf csf-assess long.ndjson > s
	csf csf-gap --by industry s | grep org_model > one
	csf csf-gap --by industry --partial s > p
	# KK's group (3 940 bytes of name and three tasks) is cut in two
	run sh -c "awk 'length(\$0) >= 4096' p | wc -l; wc -l < p; grep -c '\"n\":0,' p"
	assert_output "$(printf '0\n3\n1')"
	run sh -c "'$ROOT/bin/csf-gap' --merge p | cmp - one"
	assert_success
	# a shard that says more organisations do a task than its group has
	printf '%s\n' '{"type":"gap_partial","kind":"org_model","by":"industry","value":"KK","n":1,"tasks":[["F29",2,0,0,0,0,0,0,0]]}' > bad1
	run csf csf-gap --merge bad1
	assert_failure 1
	assert_output 'csf-gap: bad1:1: gap_partial: bad entry 1 in "tasks": want [TASK, own, support, outsource, and five performer counts] within n'
	# a continuation (n 0) is checked against the merged group
	printf '%s\n' '{"type":"gap_partial","kind":"org_model","by":"industry","value":"KK","n":1,"tasks":[["F37",1,0,0,0,0,0,0,0]]}' \
		'{"type":"gap_partial","kind":"org_model","by":"industry","value":"KK","n":0,"tasks":[["F29",2,0,0,0,0,0,0,0]]}' > bad2
	run csf csf-gap --merge bad2
	assert_failure 1
	assert_output 'csf-gap: bad2:1: gap_partial: task "F29" of industry "KK" is done by 2 organisations, the group has 1'
	# counts that would pass 2^53 - 1 once added
	printf '%s\n' '{"type":"gap_partial","kind":"org_model","by":"industry","value":"KK","n":9007199254740991,"tasks":[]}' \
		'{"type":"gap_partial","kind":"org_model","by":"industry","value":"KK","n":1,"tasks":[]}' > bad3
	run csf csf-gap --merge bad3
	assert_failure 1
	assert_output 'csf-gap: bad3:2: gap_partial: merged counts of industry "KK" would pass 9007199254740991'
}

@test "one organisation compared with the model lists where it departs from the majority" {
	cd "$BATS_TEST_TMPDIR"
	csf csf-assess "$O/model.ndjson" | csf csf-gap --by industry > model
	run sh -c "'$ROOT/bin/csf-assess' '$O/model.ndjson' | '$ROOT/bin/csf-gap' --org-model model | jq -c 'select(.kind==\"org\") | [.subject, .rule, .task, .expected, .share, .actual]'"
	assert_output "$(printf '%s\n' '["m3","departs-from-model","F29","own",66.7,"outsource"]' '["m3","departs-from-model","F37","outsource",66.7,"none"]')"
}

@test "csf-plan: a table of actions per rule, with STEP4's ways for an unstaffed area" {
	run sh -c "cat '$O/rules.ndjson' | '$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' | '$ROOT/bin/csf-plan' | jq -c 'select(.kind==\"org_action\") | [.subject, .rule, .action, .task, .xsirt]'"
	assert_output "$(printf '%s\n' \
		'["own","governance","governance",null,null]' '["own","unowned","appoint-owner","F35",null]' \
		'["own","unowned","appoint-owner","X12",null]' \
		'["sup","governance","governance",null,null]' '["sup","xsirt","set-up-csirt",null,"CSIRT"]' \
		'["sup","unsupervised-outsourcing","appoint-supervisor","F30",null]' '["sup","unsupervised-outsourcing","choose-service","F30",null]' \
		'["sup","unsupervised-outsourcing","appoint-supervisor","F37",null]' '["sup","unsupervised-outsourcing","choose-service","F37",null]' \
		'["auth","governance","governance",null,null]' '["auth","xsirt","set-up-csirt",null,"CSIRT"]' \
		'["auth","unowned","appoint-owner","F04",null]' '["auth","no-authority","give-authority","F01",null]' \
		'["inc","governance","governance",null,null]' \
		'["inc","incident-scope","set-up-xsirt",null,"PSIRT"]' '["inc","incident-scope","set-up-xsirt",null,"DSIRT"]' \
		'["prim","governance","governance",null,null]' '["prim","xsirt","set-up-csirt",null,"CSIRT"]' \
		'["prim","unsupervised-outsourcing","appoint-supervisor","ITSS09",null]' '["prim","unsupervised-outsourcing","choose-service","ITSS09",null]' \
		'["prim","no-inhouse-primary","get-people","ITSS09",null]' \
		'["load","governance","governance",null,null]')"
	# the texts name the task and units, in both languages; get-people lists STEP4's five ways
	run sh -c "grep '\"subject\":\"prim\"' '$O/rules.ndjson' | '$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' | '$ROOT/bin/csf-plan' | jq -r 'select(.action==\"get-people\") | .text.en, ([.options[].id] | join(\",\"))'"
	assert_output 'Secure in-house people for ITSS09 (Vulnerability assessment and penetration testing): Transfer and train people experienced in risk management or business administration; Transfer and train people experienced in IT administration and operations; Hire mid-career people with security work experience; Hire new graduates of security-specialised schools; Use people working for the company as a second job or side job
A1,A2,A3,A4,A5'
	run sh -c "grep '\"subject\":\"sup\"' '$O/rules.ndjson' | '$ROOT/bin/csf-assess' | '$ROOT/bin/csf-gap' | '$ROOT/bin/csf-plan' | jq -r 'select(.action==\"appoint-supervisor\") | .text.ja' | head -1"
	assert_output 'F30（WAF設定）の委託先（IT subsidiary）を管理監督する社内の部署を任命する'
}

@test "bad input: unknown unit or task, unknown mode, a vendor as supervisor, a unit defined twice, each with FILE:LINE" {
	cd "$O"
	run csf csf-assess --keep-going bad.ndjson
	assert_failure 1
	assert_output --partial 'csf-assess: bad.ndjson:3: unknown unit "HR" (units must be defined before the assignments naming them in "x")
csf-assess: bad.ndjson:4: unknown task "F99" (want a function F01-F44, an ITSS+ area ITSS01-ITSS17, a task T001.. or an example task X01..)
csf-assess: bad.ndjson:5: unknown mode "owns" (want own, support or outsource)
csf-assess: bad.ndjson:6: supervisor "V" is not an in-house unit (a vendor or subsidiary cannot supervise F37)
csf-assess: bad.ndjson:7: unit "IS" is defined twice in "x"'
	# without --keep-going the first stops the run; csf-gap checks the same way
	run sh -c "'$ROOT/bin/csf-assess' bad.ndjson >/dev/null"
	assert_failure 1
	assert_output 'csf-assess: bad.ndjson:3: unknown unit "HR" (units must be defined before the assignments naming them in "x")'
	run sh -c "'$ROOT/bin/csf-gap' bad.ndjson >/dev/null"
	assert_failure 1
	assert_output 'csf-gap: bad.ndjson:3: unknown unit "HR" (units must be defined before the assignments naming them in "x")'
	# csf-check knows the record shapes too
	run csf csf-check bad.ndjson
	assert_failure 1
	assert_output --partial 'bad.ndjson:5: assignment: mode: "owns" is not own, support or outsource'
}

@test "the tasks x units matrix: CSV with one row per task and one column per unit, read back to the same assignments" {
	cd "$BATS_TEST_TMPDIR"
	run csf csf-assess --template --org --org-tasks scope "$O/matrix.ndjson"
	assert_success
	assert_output "$(printf '\357\273\277type,subject,task,name,SEC,IS,V1\r\nassignment,acme,F29,Firewall configuration,support,own,\r\nassignment,acme,F37,Security operations,,,outsource/SEC\r\nassignment,acme,F39,Incident handling,own,,\r\nassignment,acme,X34,Incident response,,support,outsource\r')"
	csf csf-assess --template --org --org-tasks scope "$O/matrix.ndjson" > m.csv
	grep '"type":"unit"' "$O/matrix.ndjson" > units.ndjson
	run sh -c "'$ROOT/bin/csf-assess' units.ndjson m.csv | '$ROOT/bin/csf-cat' -t assignment"
	assert_success
	assert_output "$(grep '"type":"assignment"' "$O/matrix.ndjson")"
	# the default rows are the 44 functions, then tasks in scope not among them
	run sh -c "'$ROOT/bin/csf-assess' --template --org '$O/matrix.ndjson' | tail -n +2 | cut -d, -f3 | tr -d '\r' | paste -sd' '"
	assert_output "$(echo $(seq -f 'F%02g' 1 44) X34)"
	run csf csf-assess --template --org --org-tasks functions,nonsense "$O/matrix.ndjson"
	assert_failure 2
}

@test "a person's template from the unit: the roles behind what it owns, supports or supervises" {
	# LEGAL owns 法務 (R10), supports セキュリティ監査 (R11), supervises the vendor
	# doing 脆弱性診断 (R06): targets 3, 2 and 1 on those roles' 18, 18, 20 items
	run sh -c "'$ROOT/bin/csf-assess' --template --unit LEGAL '$O/template.ndjson' | head -1"
	assert_output '{"type":"profile","subject":"you","role":["R10","R11","R06"],"department":"LEGAL","org":"t"}'
	run sh -c "'$ROOT/bin/csf-assess' --template --unit LEGAL '$O/template.ndjson' | jq -r 'select(.type==\"answer\") | \"\(.target) \(.mode)\"' | sort | uniq -c | awk '{print \$1, \$2, \$3}'"
	assert_output "$(printf '%s\n' '20 1 outsource' '18 2 support' '18 3 own')"
	run sh -c "'$ROOT/bin/csf-assess' --template --unit LEGAL --format csv '$O/template.ndjson' | sed -n 1,2p | tr -d '\r'"
	assert_output "$(printf '\357\273\277subject,item,class,text,mode,phase,target,level\nyou,K001,knowledge,Compliance and privacy: principles and practice,own,,3,')"
	run csf csf-assess --template --unit NOPE "$O/matrix.ndjson"
	assert_failure 2
	assert_output --partial 'csf-assess: --unit: no unit "NOPE" in the organisation records read'
}

@test "a profile naming a unit as its department and no role is scored against the unit's roles" {
	run sh -c "printf '%s\n' '{\"type\":\"profile\",\"subject\":\"p1\",\"department\":\"SEC\"}' | '$ROOT/bin/csf-assess' '$O/matrix.ndjson' - | jq -r 'select(.kind==\"role\") | .role' | paste -sd' '"
	assert_output 'R02 R03 R04 R08 R09'
}

@test "the sample organisation shows its deliberate defects" {
	run sh -c "'$ROOT/bin/csf-assess' '$DATA/sample/org.ndjson' '$DATA/sample/staff.ndjson' | '$ROOT/bin/csf-gap' | jq -c 'select(.kind==\"org\") | [.rule, .task, .units]'"
	assert_success
	assert_output "$(printf '%s\n' '["unowned","F10",["総務部"]]' '["unsupervised-outsourcing","F31",["監視ベンダー"]]' \
		'["unsupervised-outsourcing","ITSS09",["SIベンダー"]]' '["no-authority","F34",["総務部"]]' '["incident-scope",null,[]]' \
		'["no-inhouse-primary","ITSS09",["SIベンダー"]]' '["overload",null,["情報システム部"]]' \
		'["plus-security",null,["経営層"]]' '["plus-security",null,["内部監査室"]]' '["plus-security",null,["生産管理部"]]')"
	run csf csf-check "$DATA/sample/org.ndjson"
	assert_success
}

@test "csf-org(7) renders without warnings, and the tools' pages point to it" {
	run sh -c "groff -k -mandoc -Tutf8 -ww -z '$ROOT/man/csf-org.7' 2>&1"
	assert_output ''
	for p in csf-assess.1 csf-gap.1 csf-plan.1 csf.7; do
		grep -q 'Xr csf-org 7' "$ROOT/man/$p" || fail "$p does not mention csf-org(7)"
	done
	run sh -c "'$ROOT/bin/csf-gap' --help | grep -c -- '--overload\|--org-model'"
	assert_output 2
	run sh -c "'$ROOT/bin/csf-assess' --lang ja --help | grep -c '組織体制'"
	assert_output 1
}

@test "csf-render: the tasks x units heat map and the findings by rule, in HTML and XLSX" {
	cd "$BATS_TEST_TMPDIR"
	csf csf-assess "$O/rules.ndjson" | csf csf-gap | csf csf-plan > pipe.ndjson
	csf csf-render --lang en -o r.html pipe.ndjson
	run sh -c "sed -n '/<section id=\"orgmodel\"/,/<\/section>/p' r.html | grep -c '<table class=\"orgmatrix\">'"
	assert_output 6
	# the subsidiary's unsupervised F30 is outlined; the supervised vendor cell names its supervisor
	run grep -o '<tr><th>F30</th>.*</tr>' r.html
	assert_output '<tr><th>F30</th><td>WAF configuration</td><td></td><td></td><td style="background:#8FD18A;outline:2px solid #C00000;outline-offset:-2px">own</td></tr>'
	run grep -o '<tr><th>F31</th>.*</tr>' r.html
	assert_output '<tr><th>F31</th><td>Traffic monitoring</td><td></td><td style="background:#C9DAF8">outsource/SEC</td><td></td></tr>'
	run sh -c "grep -o '<h5>[^<]*<code>[a-z-]*</code></h5>' r.html | sed 's/.*<code>//; s/<.*//' | paste -sd' '"
	assert_output 'unowned unsupervised-outsourcing unowned no-authority incident-scope unsupervised-outsourcing no-inhouse-primary'
	csf csf-render -o r.xlsx pipe.ndjson
	run sh -c "unzip -p r.xlsx xl/workbook.xml | grep -o 'name=\"org [a-z]*\"' | paste -sd' '"
	assert_output 'name="org matrix" name="org findings"'
	run sh -c "unzip -p r.xlsx 'xl/worksheets/sheet*.xml' | grep -o 'outsource/SEC' | wc -l"
	assert_output 2   # F31 of "sup" and F37 of "prim"
}
