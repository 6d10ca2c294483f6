#!/usr/bin/env bats
# The fast paths of csf-assess, csf-gap and csf-plan (lib/core/fields.c: fields
# read from the raw line) must print exactly what the full jansson decode
# prints. setup_file builds the three tools once more with csf_fields
# replaced by tests/fields-off.c, so every record takes the slow path, and
# the tests compare both on a generated stream (tests/fastpath-gen.awk)
# written in every spelling a record may take.
load helper

setup_file() {
	local d="$BATS_FILE_TMPDIR/slow" f b
	mkdir -p "$d"
	local cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$ROOT/lib $(pkg-config --cflags jansson pangocairo) -DCSF_VERSION=\"slow\" -DCSF_DATADIR=\"$ROOT/share/csf\""
	for f in "$ROOT"/lib/*/*.c; do
		b=$(basename "$f" .c)
		if [ "$b" = fields ]; then
			cc $cflags -Dcsf_fields=csf_fields_unused -c -o "$d/$b.o" "$f" || return 1
		else
			cc $cflags -c -o "$d/$b.o" "$f" || return 1
		fi
	done
	cc $cflags -c -o "$d/fields-off.o" "$ROOT/tests/fields-off.c" || return 1
	for b in assess gap plan; do
		cc $cflags -o "$d/csf-$b" "$ROOT/cmd/csf-$b.c" "$d"/*.o \
		    $(pkg-config --libs xlsxwriter pangocairo fontconfig 2>/dev/null) $(pkg-config --libs jansson) -lm || return 1
	done
	awk -f "$ROOT/tests/fastpath-gen.awk" > "$BATS_FILE_TMPDIR/answers.ndjson"
}

slow() {
	local tool="$1"; shift
	$CSF_WRAP "$BATS_FILE_TMPDIR/slow/$tool" "$@"
}

# Spellings the fast readers must see through: spaces around ':' and ',',
# an escaped key, and earlier copies of keys with other values (the last
# one counts, as in jansson).
odd() {
	sed -e '0~3s/":/" : /g' -e '0~3s/,"/ , "/g' \
	    -e '1~3s/"subject":/"\\u0073ubject":/' \
	    -e '1~3s/^{/{"current":"no","target":[1],"kind":"x","mode":7,"roles":{},/' \
	    -e '2~3s/^{/{"kind":"item","subject":"zz","item":"K001","current":0,"target":4,"roles":["R01"],/' "$@"
}

@test "csf-assess: fast and full reads of answers print the same" {
	local in="$BATS_FILE_TMPDIR/answers.ndjson"
	[ "$(grep -c '"answer"' "$in")" -gt 300 ]
	run --separate-stderr csf csf-assess "$in"
	assert_success
	local fast="$output"
	[ "$(grep -c '"kind":"item"' <<<"$fast")" -gt 300 ]
	[ "$(grep -c '"kind":"role"' <<<"$fast")" -gt 20 ]
	run --separate-stderr slow csf-assess "$in"
	assert_success
	assert_equal "$output" "$fast"
}

@test "csf-gap: fast and full reads of scores print the same, in every mode" {
	csf csf-assess "$BATS_FILE_TMPDIR/answers.ndjson" > "$BATS_TEST_TMPDIR/scores"
	odd "$BATS_TEST_TMPDIR/scores" > "$BATS_TEST_TMPDIR/scores.odd"
	for in in scores scores.odd; do
		for opt in "" "--by role" "--by department" "-n 0"; do
			run --separate-stderr csf csf-gap $opt "$BATS_TEST_TMPDIR/$in"
			assert_success
			local fast="$output"
			[ "$(grep -c '"kind":"item"' <<<"$fast")" -gt 300 ]
			run --separate-stderr slow csf-gap $opt "$BATS_TEST_TMPDIR/$in"
			assert_success
			assert_equal "$output" "$fast"
		done
	done
}

@test "csf-plan: fast and full reads of gaps print the same" {
	csf csf-assess "$BATS_FILE_TMPDIR/answers.ndjson" | csf csf-gap > "$BATS_TEST_TMPDIR/gaps"
	odd "$BATS_TEST_TMPDIR/gaps" > "$BATS_TEST_TMPDIR/gaps.odd"
	for in in gaps gaps.odd; do
		run --separate-stderr csf csf-plan "$BATS_TEST_TMPDIR/$in"
		assert_success
		local fast="$output"
		[ "$(grep -c '"type":"plan"' <<<"$fast")" -gt 20 ]
		run --separate-stderr slow csf-plan "$BATS_TEST_TMPDIR/$in"
		assert_success
		assert_equal "$output" "$fast"
	done
}
