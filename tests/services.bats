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
	while IFS=$'\t' read -r id line name; do
		got=$(sed -n "${line}p" "$SEED" | tr -d ' ')
		case "$got" in
		*"$(printf %s "$name" | tr -d ' ' | sed 's/（/(/g; s/）/)/g')"*) ;;
		*) echo "$id: line $line does not hold $name"; return 1 ;;
		esac
	done
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
