#!/usr/bin/env bats
# The fast paths of csf-assess, csf-gap and csf-plan (lib/core/fields.c: fields
# read from the raw line) must print exactly what the full jansson decode
# prints. setup_file builds the three tools once more with csf_fields and
# csf_line_fields replaced by tests/fields-off.c, so every record takes the slow path, and
# the tests compare both on a generated stream (tests/fastpath-gen.awk)
# written in every spelling a record may take. The merges also read partial
# lines in the form the tools write in one pass (core/partial.h); the slow
# tools lack that too (tests/exact-off.c), and a third build, noexact/, lacks
# only that, so each merge is compared three ways.
load helper

setup_file() {
	local d="$BATS_FILE_TMPDIR/slow" f b
	mkdir -p "$d"
	local cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$ROOT/lib $(pkg-config --cflags jansson pangocairo) -DCSF_VERSION=\"slow\" -DCSF_DATADIR=\"$ROOT/share/csf\""
	for f in "$ROOT"/lib/*/*.c; do
		b=$(basename "$f" .c)
		if [ "$b" = fields ]; then
			cc $cflags -Dcsf_fields=csf_fields_unused -Dcsf_line_fields=csf_line_fields_unused -c -o "$d/$b.o" "$f" || return 1
		elif [ "$b" = partial ]; then
			cc $cflags -Dcsf_exact_str=csf_exact_str_unused -c -o "$d/$b.o" "$f" || return 1
		else
			cc $cflags -c -o "$d/$b.o" "$f" || return 1
		fi
	done
	cc $cflags -c -o "$d/fields-off.o" "$ROOT/tests/fields-off.c" || return 1
	cc $cflags -c -o "$d/exact-off.o" "$ROOT/tests/exact-off.c" || return 1
	# noexact/: the usual tools without the one-pass partial readers only
	mkdir -p "$BATS_FILE_TMPDIR/noexact"
	cc $cflags -c -o "$BATS_FILE_TMPDIR/noexact/fields.o" "$ROOT/lib/core/fields.c" || return 1
	for b in gap map-nice; do
		cc $cflags -o "$BATS_FILE_TMPDIR/noexact/csf-$b" "$ROOT/cmd/csf-$b.c" "$BATS_FILE_TMPDIR/noexact/fields.o" \
		    $(ls "$d"/*.o | grep -v -e '/fields\.o$' -e '/fields-off\.o$') \
		    $(pkg-config --libs xlsxwriter pangocairo fontconfig 2>/dev/null) $(pkg-config --libs jansson) -lm || return 1
	done
	for b in assess gap plan map-nice; do
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

# Partial sums in other spellings, and bad ones: the line reader of
# --merge must merge the same sums and leave every bad record to the full
# decode, which names it.
@test "csf-gap --merge: fast and full reads of partials print the same, good and bad" {
	local t="$BATS_TEST_TMPDIR" by
	sed -e 's/"department":"d1"/"department":"営業 \\"一課\\""/' -e 's/"department":"d2"/"department":""/' \
	    "$BATS_FILE_TMPDIR/answers.ndjson" | csf csf-assess > "$t/scores"
	for by in department role persona; do
		csf csf-gap --by "$by" --partial "$t/scores" > "$t/p"
		[ "$(wc -l < "$t/p")" -gt 2 ]
		sed -e '0~3s/":/" : /g' -e '0~3s/,"/ , "/g' -e '0~3s/,\[/, [/g' \
		    -e '1~3s/"value":/"\\u0076alue":/' \
		    -e '2~3s/^{/{"n":"x","items":5,"by":null,/' \
		    -e 's/"社員03"/"\\u793e\\u54e1\\u0030\\u0033"/g' -e 's/"営業 /"\\u55b6\\u696d\\u0020/' "$t/p" > "$t/p.odd"
		sed "s/\"by\":\"role\"/\"by\":\"$by\"/" > "$t/bad" <<-'EOF'
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,0,null]]}
		{"type":"gap_partial","by":"other","value":"x","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":-1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1.0,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1e0,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,"0"],"items":[]}
		{"type":"gap_partial","by":"role","value":3,"n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":{}}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":2,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":2,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":2,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":1,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":0,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,2,null]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",0,0,null]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,0,"u1"]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,0,null,1]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,0]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["Q1",1,0,null]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K001",1,0,7]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0],"items":["K001"]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":2,"sum":2,"at_target":0,"unanswered":0,"dist":[0,2,0,0,0],"items":[["K001",1,0,null],["K001",1,0,null]]}
		{"type":"gap_partial","by":"role","value":"R03","n":1,"pairs":1,"sum":1,"at_target":1,"unanswered":0,"dist":[0,1,0,0,0],"items":[["K\u0030\u00301",1,1,"\ud83d\ude00 \"q\""]]}
		{"type":"gap_partial","by":"role","value":"R03","n":9007199254740991,"pairs":0,"sum":0,"at_target":0,"unanswered":0,"dist":[0,0,0,0,0],"items":[]}
		{"type":"gap_partial","by":"role","value":null,"n":0,"pairs":0,"sum":0,"at_target":0,"unanswered":0,"dist":[0,0,0,0,0],"items":[]}
		EOF
		# lines that are not JSON, though nearly in the form csf-gap writes
		local h='{"type":"gap_partial","by":"role","value":' c='"n":1,"pairs":1,"sum":1,"at_target":0,"unanswered":0,"dist":[0,1,0,0,0]'
		{
			printf '%s\n' "$h\"R03\",\"n\":01,${c#\"n\":1,},\"items\":[]}" \
			    "$h\"R03\",\"n\":-0,${c#\"n\":1,},\"items\":[]}" \
			    "$h\"R03\",\"n\":9007199254740992,${c#\"n\":1,},\"items\":[]}" \
			    "$h\"R03\",$c,\"items\":[]}x" "$h\"R03\",$c,\"items\":[]" "$h\"R03\",$c,\"items\":[[\"K001\",1,0,nul]]}" \
			    "$h\"R\\x3\",$c,\"items\":[]}" "$h\"R03\",$c,\"items\":[[\"K001\",1,0,null],]}" "$h\"R03\",$c,\"items\":[]} "
			printf '%s"R\xff3",%s,"items":[]}\n' "$h" "$c"
			printf '%s"R\t3",%s,"items":[]}\n' "$h" "$c"
			printf '%s"R03",%s,"items":[["K001",1,0,"\xe6\x97"]]}\n' "$h" "$c"
		} | sed "s/\"by\":\"role\"/\"by\":\"$by\"/" >> "$t/bad"
		cat "$t/p" "$t/p.odd" "$t/bad" > "$t/all"
		run --separate-stderr csf csf-gap --merge --keep-going "$t/all"
		assert_failure 1
		local fast="$output" fast_err="$stderr"
		[ "$(grep -c '"kind":"group"' <<<"$fast")" -gt 1 ]
		[ "$(wc -l <<<"$fast_err")" -ge 36 ]
		run --separate-stderr slow csf-gap --merge --keep-going "$t/all"
		assert_failure 1
		assert_equal "$output" "$fast"
		assert_equal "$stderr" "$fast_err"
		run --separate-stderr $CSF_WRAP "$BATS_FILE_TMPDIR/noexact/csf-gap" --merge --keep-going "$t/all"
		assert_failure 1
		assert_equal "$output" "$fast"
		assert_equal "$stderr" "$fast_err"
		# the odd spellings merge to the same sums as the plain ones
		run --separate-stderr csf csf-gap --merge "$t/p.odd"
		assert_success
		assert_equal "$output" "$(csf csf-gap --merge "$t/p")"
	done
}

@test "csf-map-nice --merge: fast and full reads of partials print the same, good and bad" {
	local slow="$BATS_FILE_TMPDIR/slow" t="$BATS_TEST_TMPDIR" P='{"type":"nice_coverage_partial","version":"2.1.0"'
	# departments: strings (one Japanese with a quote), a number, null, none
	awk -v n=300 -v k=6 -f "$ROOT/bench/scores-gen.awk" | awk '{ n++; d = n % 5
		v = d == 0 ? "\"営業\\\"部\"" : d == 1 ? "7" : d == 2 ? "null" : d == 3 ? "" : "\"d\""
		if (v != "") sub(/}$/, ",\"department\":" v "}"); print }' > "$t/in"
	csf csf-map-nice -c -b department --partial "$t/in" > "$t/p"
	# other spellings of the same partials: spaces, an escaped key, escaped IDs
	sed -e 's/,"ids":\[/, "ids" : [ /' -e 's/"T1/"\\u00541/g' "$t/p" > "$t/p2"
	sed -e 's/"value":/"\\u0076alue":/' "$t/p" > "$t/p3"
	cat >> "$t/p3" <<EOF2
$P,"shard":0,"by":"department","value":"a","ids":["T0164","T0164"]}
$P,"shard":0,"by":"department","value":"a","ids":["T9999"]}
$P,"shard":0,"by":"department","value":"a","ids":[5]}
$P,"shard":1.0,"by":"department","value":"a","ids":[]}
$P,"shard":1000000001,"by":"department","value":"a","ids":[]}
$P,"shard":0,"by":"role","value":"a","ids":[]}
$P,"shard":0,"ids":[]}
$P,"shard":0,"by":"department","last":true,"ids":[]}
$P,"shard":0,"by":"department","last":false,"ids":[]}
$P,"shard":0,"by":"department","value":"a","ids":["T0164"],"role":"R01"}
{"type":"nice_coverage_partial","version":"2.0.0","shard":0,"by":"department","value":"a","ids":[]}
$P,"shard":2,"by":"department","value":{"x":"\\u00e9"},"ids":["K0018"]}
$P,"shard":2,"by":"department","value":"\\u55b6\\u696d\\"\\u90e8","ids":["K0018"]}
EOF2
	# not JSON, though nearly in the form a shard writes; then a blank at the end
	printf '%s\n' "$P,\"shard\":01,\"ids\":[]}" "$P,\"shard\":0,\"ids\":[\"T0164\",]}" "$P,\"shard\":0,\"ids\":[\"T0164\"]" \
	    "$P,\"shard\":0,\"ids\":[\"T0164\"]}}" "$P,\"shard\":0,\"by\":\"department\",\"value\":\"a\\q\",\"ids\":[]}" >> "$t/p3"
	printf '%s,"shard":0,"by":"department","value":"\xc3","ids":[]}\n' "$P" >> "$t/p3"
	printf '%s,"shard":0,"by":"department","value":"a\tb","ids":[]}\n' "$P" >> "$t/p3"
	printf '%s,"shard":0,"by":"department","value":"a","ids":["T0164"]} \n' "$P" >> "$t/p3"
	for f in p p2 p3; do
		run --separate-stderr csf csf-map-nice --keep-going --merge "$t/$f"
		local out="$output" err="$stderr" st=$status
		run --separate-stderr "$slow/csf-map-nice" --keep-going --merge "$t/$f"
		assert_equal "$status" "$st"
		assert_equal "$output" "$out"
		assert_equal "$stderr" "$err"
		run --separate-stderr $CSF_WRAP "$BATS_FILE_TMPDIR/noexact/csf-map-nice" --keep-going --merge "$t/$f"
		assert_equal "$status" "$st"
		assert_equal "$output" "$out"
		assert_equal "$stderr" "$err"
	done
	# the odd spellings merge to the plain ones' output
	diff <(csf csf-map-nice --merge "$t/p") <(csf csf-map-nice --merge "$t/p2")
	[ "$(csf csf-map-nice -c -b department "$t/in" | grep -c '"type":"nice_coverage"')" -eq \
	  "$(csf csf-map-nice --merge "$t/p" | wc -l)" ]
}

@test "csf-map-nice --coverage: fast and full reads of scores and gaps print the same, in every form" {
	local t="$BATS_TEST_TMPDIR"
	csf csf-assess "$BATS_FILE_TMPDIR/answers.ndjson" > "$t/scores"
	csf csf-gap "$t/scores" > "$t/gaps"
	odd "$t/scores" > "$t/scores.odd"
	odd "$t/gaps" > "$t/gaps.odd"
	# numbers other than integers, strings for numbers, items of other
	# shapes or escaped, departments of every type, subjects missing or empty
	awk '{ n++
		if (n % 11 == 0) sub(/"current":[0-9]+/, "\"current\":2.5")
		else if (n % 13 == 0) sub(/"target":[0-9]+/, "\"target\":\"3\"")
		else if (n % 17 == 0) sub(/"item":"[TKS]/, "&x")
		else if (n % 19 == 0) sub(/"item":"T/, "\"item\":\"\\u0054")
		else if (n % 23 == 0) sub(/"department":"[^"]*"/, "\"department\":7")
		else if (n % 29 == 0) sub(/"department":"[^"]*"/, "\"department\":\"a\\\"b\"")
		else if (n % 31 == 0) sub(/"subject":"[^"]*"/, "\"subject\":\"\"")
		else if (n % 37 == 0) sub(/"gap":-?[0-9]+/, "\"gap\":1e0")
		print }' "$t/scores" "$t/gaps" > "$t/mixed"
	for in in scores scores.odd gaps gaps.odd mixed; do
		for opt in "" "-b subject" "-b subject -u" "-b department --role R03" "-b item" "--partial -b department"; do
			run --separate-stderr csf csf-map-nice --keep-going -c $opt "$t/$in"
			local out="$output" err="$stderr" st=$status
			[ "$(grep -c '"type":"nice_coverage' <<<"$out")" -ge 2 ]
			run --separate-stderr slow csf-map-nice --keep-going -c $opt "$t/$in"
			assert_equal "$status" "$st"
			assert_equal "$output" "$out"
			assert_equal "$stderr" "$err"
		done
	done
}
