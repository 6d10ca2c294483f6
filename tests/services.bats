#!/usr/bin/env bats
# Where to get help: the service types of the information security service
# registration scheme, the expert and lecturer dispatch schemes of Table 4.1
# and the maturity tools of Table 2.11 (seed002), in share/csf/services.ndjson.

load helper

SEED="$ROOT/../shared/seeds/002_b123e69759f556a5.txt"

ids() {
	csf csf-roles "$@" | jq -r .id | paste -sd' '
}

@test "counts: 4 service types with 9 sub-types, 8 dispatch schemes, 24 maturity tools" {
	run ids -t service_type
	assert_output 'SVC1 SVC2 SVC3 SVC4'
	run bash -c "'$ROOT/bin/csf-roles' -t service_type | jq -r '.subtypes // [] | .[].id' | paste -sd' '"
	assert_output 'SVC2-PLATFORM SVC2-DEVICE SVC2-HARDWARE SVC2-PENTEST SVC2-PHISHING SVC4-SOC SVC4-DEVICE SVC4-GLOBAL SVC4-API'
	run ids -t dispatch_scheme
	assert_output 'DS1 DS2 DS3 DS4 DS5 DS6 DS7 DS8'
	run bash -c "'$ROOT/bin/csf-roles' -t maturity_tool | jq -r .no | paste -sd' '"
	assert_output "$(seq 1 24 | paste -sd' ')"
	# the four types the survey asked users about (Figs 5.1, 5.2)
	run bash -c "'$ROOT/bin/csf-roles' -t service_type | jq -r .name.ja | paste -sd' '"
	assert_output '情報セキュリティ監査 脆弱性診断 デジタルフォレンジック セキュリティ監視・運用'
}

@test "every maturity tool and dispatch scheme is on the seed line its source names" {
	[ -f "$SEED" ] || skip "no seed beside the tree"
	# Table 2.11 rows name the tool; Table 4.1 rows name the scheme (PDF
	# line breaks put spaces inside words, so compare without them).
	"$ROOT/bin/csf-roles" -t maturity_tool,dispatch_scheme |
	jq -r '[.id, (.source | capture("L(?<l>[0-9]+)").l), .name.ja] | @tsv' |
	{
		n=0
		while IFS=$'\t' read -r id line name; do
			got=$(sed -n "${line}p" "$SEED" | tr -d ' ')
			case "$got" in
			*"$(printf %s "$name" | tr -d ' ' | sed 's/（/(/g; s/）/)/g')"*) n=$((n + 1)) ;;
			*) echo "$id: line $line does not hold $name"; return 1 ;;
			esac
		done
		# all 24 tools and 8 schemes were looked at
		[ "$n" -eq 32 ] || { echo "checked $n records, not 32"; return 1; }
	}
}

@test "printing errors stay visible: the seed's misprints are recorded, not corrected" {
	run bash -c "'$ROOT/bin/csf-roles' -t maturity_tool | jq -r 'select(.id==\"MT23\") | .target'"
	assert_output '氏间組織'
	run bash -c "'$ROOT/bin/csf-roles' -t dispatch_scheme | jq -r 'select(.id==\"DS8\") | .url, (.errata | length)'"
	assert_output $'https://www.insa.org/seminar/2019/cross2019/\n1'
	run bash -c "'$ROOT/bin/csf-roles' -t maturity_tool | jq -r 'select(.id==\"MT16\") | .scale_levels, .errata[0].en'"
	assert_output $'5\nthe same row says both "rated on 6 levels" and "5 levels"'
	# every contact carries the date it was published
	run bash -c "'$ROOT/bin/csf-roles' -t dispatch_scheme | jq -r .published | sort -u"
	assert_output '2021-02'
}

@test "--search finds them in Japanese and in English, sub-types included" {
	run ids -t service_type -s 監視
	assert_output 'SVC4'
	run ids -t service_type -s soc
	assert_output 'SVC4'
	run ids -t service_type -s penetration
	assert_output 'SVC2'
	run ids -t service_type -s ペネトレーション
	assert_output 'SVC2'
	run ids -t dispatch_scheme -s IPA
	assert_output 'DS1 DS2 DS3 DS4 DS5'
	run ids -t dispatch_scheme -s 講師派遣
	assert_output 'DS1 DS3 DS4 DS6 DS7'
	run ids -t maturity_tool -s ベンチマーク
	assert_output 'MT15'
	run ids -t maturity_tool -s maturity
	assert_output 'MT03 MT06 MT07 MT08 MT09 MT11 MT14 MT16 MT21'
	run csf csf-roles -t service_type -s フォレンジック -f text
	assert_output $'SVC3\tDigital forensics'
	run csf csf-roles -t service_type -s フォレンジック -f text --lang ja
	assert_output $'SVC3\tデジタルフォレンジック'
}

@test "service types name the ITSS+ areas and functions they serve: F31 is bought as monitoring" {
	run bash -c "'$ROOT/bin/csf-roles' -t service_type | jq -r 'select(.functions | index(\"F31\")) | .name.ja'"
	assert_output 'セキュリティ監視・運用'
	run bash -c "'$ROOT/bin/csf-roles' -t service_type | jq -r 'select(.itss | index(\"ITSS09\")) | .id'"
	assert_output 'SVC2'
	# each one says where to choose a provider from
	run bash -c "'$ROOT/bin/csf-roles' -t service_type | jq -r .choose_from.ja | sort -u"
	assert_output '情報セキュリティサービス基準適合サービスリスト'
}

@test "csf-check validates the new types: references, enumerations, patterns" {
	mkdir -p "$BATS_TEST_TMPDIR/d"
	sed 's/"F31"/"F99"/; s/"audience":\["seminar_organiser"\]/"audience":["x"]/' \
	    "$ROOT/share/csf/services.ndjson" > "$BATS_TEST_TMPDIR/d/services.ndjson"
	run --separate-stderr csf csf-check "$BATS_TEST_TMPDIR/d/services.ndjson"
	assert_failure 1
	assert_equal "$stderr" "csf-check: $BATS_TEST_TMPDIR/d/services.ndjson:5: dispatch_scheme DS1: audience[0]: \"x\" is not sme, support_organisation, seminar_organiser or individual
csf-check: $BATS_TEST_TMPDIR/d/services.ndjson:10: dispatch_scheme DS6: audience[0]: \"x\" is not sme, support_organisation, seminar_organiser or individual
csf-check: $BATS_TEST_TMPDIR/d/services.ndjson:4: service_type SVC4: functions[2]: unknown function \"F99\"
csf-check: 3 problems"
	run csf csf-check "$ROOT/share/csf/services.ndjson"
	assert_success
}

# org INPUT...: csf-assess | csf-gap | csf-plan on an organisation given as lines
org_plan() {
	printf '%s\n' "$@" > "$BATS_TEST_TMPDIR/org.ndjson"
	"$ROOT/bin/csf-assess" "$BATS_TEST_TMPDIR/org.ndjson" | "$ROOT/bin/csf-gap" | "$ROOT/bin/csf-plan"
}

UNITS=('{"type":"unit","subject":"o","id":"IS","name":"情報システム部","layer":"strategic","in_house":true}'
       '{"type":"unit","subject":"o","id":"MSS","name":"監視ベンダー","layer":"practitioner","in_house":false}')

@test "an organisation that outsources 通信監視 (F31) is told to buy セキュリティ監視・運用 from the list" {
	run bash -c "$(declare -f org_plan); ROOT='$ROOT' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' org_plan \
	    '${UNITS[0]}' '${UNITS[1]}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"F31\",\"unit\":\"MSS\",\"mode\":\"outsource\",\"supervisor\":\"IS\",\"authority\":true}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"F29\",\"unit\":\"IS\",\"mode\":\"own\",\"authority\":true}' |
	    jq -c 'select(.kind==\"org_service\") | [.task, .units, .why, [.services[] | .id, .name.ja], .choose_from.ja]'"
	assert_success
	# F29 is done in-house: no service for it
	assert_output '["F31",["MSS"],"outsourced",["SVC4","セキュリティ監視・運用"],"情報セキュリティサービス基準適合サービスリスト"]'
}

@test "outsourced areas and example tasks are matched through their ITSS+ areas; a task no service serves gets none" {
	run bash -c "$(declare -f org_plan); ROOT='$ROOT' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' org_plan \
	    '${UNITS[0]}' '${UNITS[1]}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"ITSS09\",\"unit\":\"MSS\",\"mode\":\"outsource\",\"supervisor\":\"IS\",\"authority\":true}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"F41\",\"unit\":\"MSS\",\"mode\":\"outsource\",\"supervisor\":\"IS\",\"authority\":true}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"F13\",\"unit\":\"MSS\",\"mode\":\"outsource\",\"supervisor\":\"IS\",\"authority\":true}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"X32\",\"unit\":\"MSS\",\"mode\":\"outsource\",\"supervisor\":\"IS\",\"authority\":true}' |
	    jq -c 'select(.kind==\"org_service\") | [.task, [.services[].id]]' | sort"
	assert_success
	# F13 (取引先選定) is served by no service type; X32 (セキュリティツールの
	# 導入・運用) is in ITSS15, which forensics and monitoring both serve
	assert_output $'["F41",["SVC3"]]\n["ITSS09",["SVC2"]]\n["X32",["SVC3","SVC4"]]'
}

@test "a small organisation gets the dispatch schemes once; a large one none" {
	run bash -c "$(declare -f org_plan); ROOT='$ROOT' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' org_plan \
	    '{\"type\":\"org\",\"subject\":\"o\",\"size\":\"small\"}' '${UNITS[0]}' |
	    jq -c 'select(.kind==\"org_dispatch\") | [.subject, [.schemes[] | .id], .schemes[5].org.ja, .schemes[0].published]'"
	assert_output '["o",["DS1","DS2","DS3","DS4","DS5","DS6","DS7","DS8"],"JPCERT/CC","2021-02"]'
	for size in 50 300 中小企業 SME; do
		run bash -c "$(declare -f org_plan); ROOT='$ROOT' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' org_plan \
		    '{\"type\":\"org\",\"subject\":\"o\",\"size\":$(jq -n --arg s "$size" 'if ($s|test("^[0-9]+$")) then ($s|tonumber) else $s end')}' '${UNITS[0]}' |
		    jq -c 'select(.kind==\"org_dispatch\") | .subject'"
		assert_output '"o"'
	done
	for size in 301 large '"大企業"'; do
		run bash -c "$(declare -f org_plan); ROOT='$ROOT' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' org_plan \
		    '{\"type\":\"org\",\"subject\":\"o\",\"size\":$(jq -n --arg s "$size" 'if ($s|test("^[0-9]+$")) then ($s|tonumber) else ($s|ltrimstr("\"")|rtrimstr("\"")) end')}' '${UNITS[0]}' |
		    grep -c org_dispatch"
		assert_output '0'
	done
}

@test "the plan steps render in the reader's language" {
	run bash -c "$(declare -f org_plan); ROOT='$ROOT' BATS_TEST_TMPDIR='$BATS_TEST_TMPDIR' org_plan \
	    '${UNITS[0]}' '${UNITS[1]}' \
	    '{\"type\":\"assignment\",\"subject\":\"o\",\"task\":\"F31\",\"unit\":\"MSS\",\"mode\":\"outsource\",\"supervisor\":\"IS\",\"authority\":true}' |
	    grep org_service | '$ROOT/bin/csf-render' --lang ja -c why,services | tail -n +2"
	assert_output '理由          サービス種別
------------  -----------------------------
委託する項目  SVC4 (セキュリティ監視・運用)'
}
