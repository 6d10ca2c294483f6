#!/usr/bin/env bats
# Messages in the user's language: every message a person reads comes from
# po/ja.po when the language is Japanese (--lang ja in any position, or a
# ja* locale), and every message in the sources has a translation.
load helper

setup() {
	cd "$BATS_TEST_TMPDIR"
}

TOOLS="csf-assess csf-cat csf-check csf-gap csf-map-nice csf-plan csf-render csf-roles"

@test "every message in the sources has a Japanese translation, with the same conversions" {
	command -v xgettext >/dev/null || skip "gettext not installed (scripts/deps)"
	cd "$ROOT"
	run make -s po-check POT="$BATS_TEST_TMPDIR/csf.pot"
	assert_success
	# A message nobody marked cannot be caught by xgettext: the error
	# functions are the only writers of stderr, and errno texts come
	# through csf_strerror.
	# (csf_usage prints the usage text, csf-roles lists candidate names.)
	run sh -c "grep -rn --include='*.c' -e 'fprintf(stderr' -e 'fputs([^;]*stderr' -e '[^_]strerror(' lib cmd |
	    grep -v -e '^lib/core/err\.c:' -e 'csf_tr(' -e '^lib/core/cli\.c:' -e '^lib/tks/roles\.c:.*\"  %s  %s  %s'"
	assert_output ""
}

@test "po2c refuses a translation whose conversions differ from the msgid" {
	printf 'msgid "%%s: %%ld rows"\nmsgstr "%%ld 行: %%s"\n' > bad.po
	run sh "$ROOT/scripts/po2c" bad.po ja
	assert_failure
	assert_line --partial 'bad.po:1: conversions of the translation ( %ld %s) differ from the msgid ( %s %ld)'
	# Numbered conversions may reorder the words; fuzzy entries are left out.
	printf 'msgid "%%s: %%ld rows"\nmsgstr "%%2$ld 行: %%1$s"\n\n#, fuzzy\nmsgid "a"\nmsgstr "b"\n' > good.po
	run sh "$ROOT/scripts/po2c" good.po ja
	assert_success
	assert_line 'const size_t csf_msgs_ja_n = 1;'
}

@test "errors follow --lang before or after the other arguments, and a ja locale" {
	run --separate-stderr csf csf-cat --lang ja none.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-cat: none.ndjson: そのようなファイルやディレクトリはありません'
	run --separate-stderr csf csf-cat none.ndjson --lang=ja
	assert_equal "$stderr" 'csf-cat: none.ndjson: そのようなファイルやディレクトリはありません'
	run --separate-stderr env -u LC_ALL LANG=ja_JP.UTF-8 "$ROOT/bin/csf-cat" none.ndjson
	assert_equal "$stderr" 'csf-cat: none.ndjson: そのようなファイルやディレクトリはありません'
	run --separate-stderr env LC_ALL=C LANG=ja_JP.UTF-8 "$ROOT/bin/csf-cat" none.ndjson
	assert_equal "$stderr" 'csf-cat: none.ndjson: No such file or directory'
	# --lang beats the locale, in both directions.
	run --separate-stderr env LC_ALL=ja_JP.UTF-8 "$ROOT/bin/csf-cat" --lang en none.ndjson
	assert_equal "$stderr" 'csf-cat: none.ndjson: No such file or directory'
}

@test "messages built from parts are Japanese throughout" {
	printf '{"type":"answer"\n' > trunc.ndjson
	run --separate-stderr csf csf-cat --lang ja trunc.ndjson
	assert_failure 1
	assert_equal "$stderr" 'csf-cat: trunc.ndjson:1: 不正な JSON: オブジェクトが閉じていません'
	printf 'subject,item,level\nann,T001,"2\n' > bad.csv
	run --separate-stderr csf csf-assess --lang ja bad.csv
	assert_failure 1
	assert_equal "$stderr" 'csf-assess: bad.csv:2: 引用符で囲んだフィールドが閉じていません'
	printf '{"type":"answer","subject":"ann","item":"T999","level":2}\n' > unk.ndjson
	run --separate-stderr csf csf-assess unk.ndjson --lang ja
	assert_equal "$stderr" 'csf-assess: unk.ndjson:1: 不明な項目 "T999"'
	printf '{"type":"role","id":"R01"}\n' > r.ndjson
	run --separate-stderr csf csf-check --lang ja r.ndjson
	assert_failure 1
	assert_equal "$stderr" "csf-check: r.ndjson:1: role R01: no: ありません
csf-check: r.ndjson:1: role R01: name: ありません
csf-check: r.ndjson:1: role R01: source: ありません
csf-check: 問題 3 件"
}

@test "option errors are Japanese whatever the option order" {
	run --separate-stderr csf csf-roles --format x --lang ja
	assert_failure 2
	assert_equal "$stderr" "csf-roles: --format の値 'x' が不正です（json、text のいずれか）
詳しくは 'csf-roles --help' を参照してください。"
	run --separate-stderr csf csf-gap --top 0x10 --lang ja
	assert_failure 2
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" "csf-gap: --top の数値 '0x10' が不正です"
	run --separate-stderr csf csf-roles --bogus --lang ja
	assert_failure 2
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" "csf-roles: 認識できないオプション '--bogus'"
	run --separate-stderr csf csf-gap --lang ja --by
	assert_equal "$(printf '%s\n' "$stderr" | sed -n 1p)" "csf-gap: オプション '--by' には引数が必要です"
	# The usage that follows is the Japanese one.
	assert_equal "$(printf '%s\n' "$stderr" | grep -c '既定')" "$(csf csf-gap --lang ja --help | grep -c '既定')"
}

@test "--help is in the language of --lang wherever --lang stands, for every tool" {
	for t in $TOOLS; do
		before="$(csf "$t" --lang ja --help)"
		after="$(csf "$t" --help --lang ja)"
		eq="$(csf "$t" --help --lang=ja)"
		[ "$before" = "$after" ] || { echo "$t: --help --lang ja differs"; false; }
		[ "$before" = "$eq" ] || { echo "$t: --help --lang=ja differs"; false; }
		[ "$before" != "$(csf "$t" --help --lang en)" ] || { echo "$t: no Japanese help"; false; }
		[[ "$before" == *の* ]] || { echo "$t: help has no Japanese"; false; }
		[ "$(env -u LC_ALL LANG=ja_JP.UTF-8 "$ROOT/bin/$t" --help)" = "$before" ] || { echo "$t: locale help differs"; false; }
	done
}

@test "NICE loader notes carry the tool's name and follow the language" {
	[ -f "$NICE_DIR/nice_components_v2.0.0.json" ] || skip "no ../shared/nice"
	run --separate-stderr csf csf-map-nice --diff "$NICE_DIR/nice_components_v2.0.0.json" "$NICE_DIR/nice_components_v2.1.0_cprt.json"
	assert_success
	# Every line of stderr names the tool, as every other message does.
	assert_equal "$(printf '%s\n' "$stderr" | grep -vc '^csf-map-nice: ')" 0
	assert_equal "$(printf '%s\n' "$stderr" | grep -m1 PD-WRL-001)" "csf-map-nice: $NICE_DIR/nice_components_v2.0.0.json: note: relationship PD-WRL-001 -> T1385 names a missing element T1385; ignored"
	run --separate-stderr csf csf-map-nice --lang ja --diff "$NICE_DIR/nice_components_v2.0.0.json" "$NICE_DIR/nice_components_v2.1.0_cprt.json"
	assert_equal "$(printf '%s\n' "$stderr" | grep -m1 PD-WRL-001)" "csf-map-nice: $NICE_DIR/nice_components_v2.0.0.json: 注意: 関係 PD-WRL-001 -> T1385 が存在しない要素 T1385 を指しています。無視します"
}
