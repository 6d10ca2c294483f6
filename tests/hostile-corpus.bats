#!/usr/bin/env bats
# A hostile corpus of our own against every tool (make check-hostile; also
# part of make check). Each input mixes records no tool consumes ("meta",
# passed through) with lines that are bad at the syntax level. Under
# --keep-going every tool must account for every line:
#     records in = records out + records reported
# exit with 0, 1 or 2, and print nothing on stderr but its own messages
# (under SAN=1 a sanitizer report would be something else).

load helper

# The bad lines, one per class: broken JSON, not an object, invalid
# UTF-8 (overlong, surrogate, stray byte, cut sequence), a NUL byte,
# escapes jansson refuses, numbers out of range, nesting past 64, a line
# over 1 MiB, a lone CR inside, trailing garbage.
bad_lines() {
	printf '%s\n' '{"type":"meta",' '[1,2,3]' '"just a string"' '42' 'null' '{"a":1}x' '{"a":1}{"b":2}' "{'a':1}" '{"a":01}' '{"a":1.}' '{"a":-}' '{"a":tru}' '{"a":"\x"}' '{"a":"\ud800"}' '{"a":"\u0000"}' '{"type":"meta\u0000x"}' '{"a":1e999}' '{"a":-1e999}' '{"a":99999999999999999999}' '{"a":1,}' '{,}' '{"a"}' '{"a":[1,]}'
	printf '{"a":"\xc0\xaf"}\n{"a":"\xed\xa0\x80"}\n{"a":"\xff"}\n{"a":"\xe3\x81"}\n'
	printf '{"a":1,\0"b":2}\n'
	printf '{"a":"x\ry"}\n'
	printf '%.0s[' $(seq 70); printf '%.0s]' $(seq 70); printf '\n'
	printf '{"d":'; printf '%.0s{"a":' $(seq 64); printf '1'; printf '%.0s}' $(seq 64); printf '}\n'
	printf '{"s":"'; head -c 1048600 /dev/zero | tr '\0' x; printf '"}\n'
}

# Good records no tool consumes, with hostile values: they pass through.
good_lines() {
	printf '%s\n' '{"type":"meta","n":1}' '{"type":"meta","s":"\u001b[31mred\u0007\n\r"}' \
	    '{"type":"meta","s":"=HYPERLINK(\"x\")","t":"＝1"}' '{"type":"meta","big":1e308,"neg":-9223372036854775808}' \
	    "{\"type\":\"$(printf 'm%.0s' $(seq 100))\"}" '{"type":"メタ情報の種類名前が長い場合","x":[]}' \
	    '{"type":["meta"]}' '{"type":1}' '{}' '{"type":""}' '{"type":"meta","d":{"a":{"b":{"c":[[[[1]]]]}}}}'
}

setup_file() {
	export CORPUS="$BATS_FILE_TMPDIR/corpus"
	mkdir -p "$CORPUS"
	{ good_lines; bad_lines; good_lines; } > "$CORPUS/mixed.ndjson"
	good_lines | wc -l > "$CORPUS/good.count"
	bad_lines | wc -l > "$CORPUS/bad.count"
	printf '\xef\xbb\xbf{"type":"meta","bom":1}\r\n{"type":"meta","crlf":1}\r\n\r\n  \t\n' > "$CORPUS/crlf.ndjson"
}

# stderr lines are the tool's own: "csf-X: ..." (or a usage hint).
own_messages_only() {
	local t="$1" line
	while IFS= read -r line; do
		[[ "$line" == "$t: "* || "$line" == "Try '$t --help'"* ]] || fail "$t printed: $line"
	done <<< "$2"
}

@test "every tool accounts for every line of the corpus: in = out + reported" {
	good=$(cat "$CORPUS/good.count")
	bad=$(cat "$CORPUS/bad.count")
	in=$((2 * good + bad))
	for t in csf-cat csf-assess csf-gap csf-plan csf-map-nice; do
		run --separate-stderr csf "$t" --keep-going "$CORPUS/mixed.ndjson"
		[ "$status" -eq 1 ] || fail "$t: exit $status"
		own_messages_only "$t" "$stderr"
		out=$(printf '%s' "$output" | grep -c '' || true)
		reported=$(printf '%s\n' "$stderr" | grep -c "^$t: $CORPUS/mixed.ndjson:[0-9]*: " || true)
		echo "$t: in $in, out $out, reported $reported" >&3
		[ "$in" -eq $((out + reported)) ] || fail "$t: in $in != out $out + reported $reported"
		[ "$reported" -eq "$bad" ] || fail "$t: reported $reported of $bad bad lines"
	done
	# csf-check reports (one or more problems on) every bad line, no good one.
	run --separate-stderr csf csf-check "$CORPUS/mixed.ndjson"
	[ "$status" -eq 1 ] || fail "csf-check: exit $status"
	own_messages_only csf-check "$stderr"
	lines=$(printf '%s\n' "$stderr" | sed -n "s|^csf-check: $CORPUS/mixed.ndjson:\([0-9]*\): .*|\1|p" | sort -un | wc -l)
	[ "$lines" -ge "$bad" ] || fail "csf-check named $lines lines, $bad are bad"
}

@test "every tool: strict by default stops at the first bad line with exit 1, nothing half-written to -o" {
	for t in csf-cat csf-assess csf-gap csf-plan csf-map-nice csf-check csf-render; do
		run --separate-stderr csf "$t" -o "$BATS_TEST_TMPDIR/out" "$CORPUS/mixed.ndjson"
		[ "$status" -eq 1 ] || fail "$t: exit $status"
		own_messages_only "$t" "$stderr"
		[ ! -e "$BATS_TEST_TMPDIR/out" ] || [ "$t" = csf-check ] || fail "$t left a partial -o file"
		[ -z "$(ls "$BATS_TEST_TMPDIR" | grep '^out\.')" ] || fail "$t left a temp file"
	done
}

@test "every tool: BOM, CRLF and blank lines are not records; render takes the corpus in every format" {
	for t in csf-cat csf-assess csf-gap csf-plan csf-map-nice; do
		run --separate-stderr csf "$t" "$CORPUS/crlf.ndjson"
		assert_success
		assert_output '{"type":"meta","bom":1}
{"type":"meta","crlf":1}'
	done
	for f in table md json csv tsv html svg xlsx; do
		run --separate-stderr csf csf-render --keep-going -f "$f" -o "$BATS_TEST_TMPDIR/r.$f" "$CORPUS/mixed.ndjson"
		[ "$status" -le 2 ] || fail "render -f $f: exit $status"
		own_messages_only csf-render "$stderr"
	done
}

@test "every tool: semantically bad records of its own types are reported, never a crash" {
	f="$BATS_TEST_TMPDIR/own.ndjson"
	for v in null true 3.5 '"3"' -1 5 9223372036854775807 '[]' '{}' '""' '"x\u0000"' '"\u202e"'; do
		printf '%s\n' "{\"type\":\"profile\",\"subject\":$v,\"role\":$v,\"persona\":$v,\"target\":$v,\"department\":$v}" \
		    "{\"type\":\"answer\",\"subject\":$v,\"item\":$v,\"level\":$v,\"target\":$v}" \
		    "{\"type\":\"answer\",\"subject\":\"u\",\"item\":\"K001\",\"level\":$v}" \
		    "{\"type\":\"answer\",\"subject\":\"u\",\"item\":\"1-1\",\"level\":$v}" \
		    "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"u\",\"item\":\"K001\",\"current\":$v,\"target\":$v}" \
		    "{\"type\":\"score\",\"kind\":$v,\"subject\":$v}" \
		    "{\"type\":\"gap\",\"kind\":\"item\",\"subject\":\"u\",\"item\":$v,\"current\":$v,\"target\":$v,\"gap\":$v}" \
		    "{\"type\":\"gap\",\"kind\":$v,\"subject\":$v,\"directive\":$v}" \
		    "{\"type\":\"gap_partial\",\"by\":$v,\"value\":$v,\"n\":$v,\"pairs\":$v,\"dist\":[$v,$v,$v,$v,$v],\"items\":[[$v,$v,$v,$v]]}" \
		    "{\"type\":\"maturity\",\"subject\":$v,\"index\":$v,\"class\":$v}" \
		    "{\"type\":\"role\",\"id\":$v,\"nice\":$v}" "{\"type\":\"task\",\"id\":$v,\"roles\":$v}"
	done > "$f"
	for t in csf-cat csf-check csf-map-nice csf-render; do
		run --separate-stderr csf "$t" --keep-going "$f"
		[ "$status" -le 2 ] || fail "$t: exit $status"
		own_messages_only "$t" "$stderr"
	done
	for t in csf-assess csf-gap csf-plan; do
		for opt in "" -u --by=role --merge; do
			[ "$t" != csf-gap ] && [ -n "$opt" ] && [ "$opt" != -u ] && continue
			run --separate-stderr csf "$t" --keep-going $opt "$f"
			[ "$status" -le 2 ] || fail "$t $opt: exit $status"
			own_messages_only "$t" "$stderr"
		done
	done
}
