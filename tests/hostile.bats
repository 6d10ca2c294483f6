#!/usr/bin/env bats
# Bad input by class (issue: hostile input, second round): each test
# builds its own cases for one class and checks the whole class, not one
# example.

load helper

# ---- option values that do not parse: named, GNU style, exit 2 ----

@test "option values: every malformed number, list or choice is named with its option, exit 2" {
	while IFS='|' read -r want tool args; do
		eval "set -- $args"
		run --separate-stderr csf "$tool" "$@" < /dev/null
		[ "$status" -eq 2 ] || fail "$tool $args: exit $status"
		[ "${stderr%%$'\n'*}" = "$tool: $want" ] || fail "$tool $args: said '$stderr'"
		[[ "$stderr" == *"Try '$tool --help' for more information." ]] || fail "$tool $args: no help hint"
	done <<'CASES'
invalid number 'abc' for --top|csf-gap|--top abc
invalid number '' for --top|csf-gap|-n ''
invalid number ' 5' for --top|csf-gap|--top ' 5'
invalid number '5x' for --top|csf-gap|--top 5x
invalid number '0x10' for --top|csf-gap|--top 0x10
number '-1' for --top is out of range (0 to 100000)|csf-gap|--top -1
number '99999999999999999999' for --top is out of range (0 to 100000)|csf-gap|--top 99999999999999999999
--by needs a field name, not '--merge'|csf-gap|--by --merge
empty value for --by|csf-gap|--by ''
--partial and --merge exclude each other|csf-gap|--by role --partial --merge
--partial needs --by FIELD|csf-gap|--partial
invalid number '0x' for --min-n|csf-gap|--min-n 0x
number '0' for --min-n is out of range (1 to 1000000)|csf-gap|--min-n 0
invalid value 'six' for --a-target (expected 5 or mean)|csf-gap|--a-target six
invalid number 'x' for --budget|csf-plan|--budget x
invalid number '0x10' for --budget|csf-plan|-B 0x10
invalid number 'inf' for --budget|csf-plan|-B inf
invalid number 'nan' for --budget|csf-plan|-B nan
invalid number '1e' for --budget|csf-plan|-B 1e
number '-1' for --budget is out of range (0 to 1e+09)|csf-plan|-B -1
invalid list 'R03,,R08' for --role: empty name|csf-assess|--template -r R03,,R08
invalid list 'R03,' for --role: empty name|csf-assess|--template -r R03,
invalid list ',R03' for --role: empty name|csf-assess|--template -r ,R03
invalid number '3.0' for --target|csf-assess|--template -r R03 -t 3.0
number '5' for --target is out of range (1 to 4)|csf-assess|--template -r R03 -t 5
invalid value 'xml' for --format (expected ndjson or csv)|csf-assess|--template -r R03 --format xml
empty value for --subject|csf-assess|--template -r R03 -s ''
--template needs --role, --persona or files of "choice" records|csf-assess|--template
invalid number '1.5' for --disagree|csf-assess|--disagree 1.5
invalid number '0x3' for --thresholds|csf-assess|--thresholds 0x3,2
empty value for --type|csf-cat|-t ''
invalid list 'a,,b' for --type: empty name|csf-cat|-t a,,b
invalid list ',' for --exclude: empty name|csf-cat|-x ,
empty value for --output|csf-cat|-o ''
empty value for --data|csf-cat|--data ''
invalid value 'fr' for --lang (expected ja or en)|csf-check|--lang fr
empty value for --nice|csf-check|--nice ''
invalid number '1O' for --max-width|csf-render|--max-width 1O
invalid value 'pie' for --chart (expected radar, bars or heatmap)|csf-render|--chart pie
empty value for --type|csf-render|-t ''
empty value for --subject|csf-render|--subject ''
empty value for --role|csf-roles|--role ''
invalid list 'role,' for --type: empty name|csf-roles|-t role,
empty value for --search|csf-roles|-s ''
empty value for --work-role|csf-map-nice|-w ''
--by needs a field name, not '-c'|csf-map-nice|--coverage --by -c
invalid list 'nice,' for --to: empty name|csf-map-nice|--to nice,
CASES
}

@test "option values: a missing argument names the option and exits 2" {
	for t in csf-gap:--by csf-gap:--top csf-plan:--budget csf-assess:--role csf-cat:--type csf-render:--format csf-roles:--search csf-map-nice:--to csf-check:--nice; do
		run --separate-stderr csf "${t%%:*}" "${t#*:}"
		[ "$status" -eq 2 ] || fail "$t: exit $status"
		[[ "${stderr%%$'\n'*}" == "${t%%:*}: option '${t#*:}' requires an argument" ]] || fail "$t: $stderr"
	done
}

# ---- -o onto files that are not regular ----

@test "-o onto a device writes to it: /dev/full stays a device and the error is reported" {
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr csf csf-cat -o /dev/full <<< '{"type":"x"}'
	assert_failure 1
	assert_equal "$stderr" "csf-cat: /dev/full: No space left on device"
	[ -c /dev/full ] || fail "/dev/full is no longer a character device"
	run csf csf-cat -o /dev/null <<< '{"type":"x"}'
	assert_success
	[ -c /dev/null ]
	ls /dev/null.* 2>/dev/null && fail "a temp file was left in /dev" || true
}

@test "-o onto a FIFO writes into it; onto a directory is refused" {
	mkfifo "$BATS_TEST_TMPDIR/fifo"
	cat "$BATS_TEST_TMPDIR/fifo" > "$BATS_TEST_TMPDIR/got" &
	run csf csf-cat -o "$BATS_TEST_TMPDIR/fifo" <<< '{"type":"x"}'
	assert_success
	wait
	[ -p "$BATS_TEST_TMPDIR/fifo" ] || fail "the FIFO was replaced"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/got")" '{"type":"x"}'
	mkdir "$BATS_TEST_TMPDIR/dir"
	run --separate-stderr csf csf-cat -o "$BATS_TEST_TMPDIR/dir" <<< '{"type":"x"}'
	assert_failure 1
	assert_equal "$stderr" "csf-cat: $BATS_TEST_TMPDIR/dir: Is a directory"
}

@test "-o replacing a regular file keeps its mode; through a symlink the target is replaced" {
	f="$BATS_TEST_TMPDIR/secret"
	echo old > "$f"
	chmod 600 "$f"
	for t in csf-cat csf-render; do
		run csf "$t" -o "$f" <<< '{"type":"x","a":1}'
		assert_success
		assert_equal "$(stat -c %a "$f")" 600
	done
	chmod 640 "$f"
	ln -s secret "$BATS_TEST_TMPDIR/link"
	run csf csf-cat -o "$BATS_TEST_TMPDIR/link" <<< '{"type":"y"}'
	assert_success
	[ -L "$BATS_TEST_TMPDIR/link" ] || fail "the symlink was replaced"
	assert_equal "$(cat "$f")" '{"type":"y"}'
	assert_equal "$(stat -c %a "$f")" 640
	run csf csf-cat -o "$BATS_TEST_TMPDIR/new" <<< '{"type":"z"}'
	assert_equal "$(stat -c %a "$BATS_TEST_TMPDIR/new")" "$(printf '%o' $((0666 & ~0$(umask))))"
}

@test "-o /dev/null and /dev/stdout work for an unprivileged user, for every tool" {
	[ "$(id -u)" -eq 0 ] || skip "needs root to become another user"
	command -v setpriv > /dev/null || skip "no setpriv"
	# The tools must be reachable by that user: copy bin/ and share/ out.
	d=$(mktemp -d /tmp/csf-hostile.XXXXXX)
	cp -r "$ROOT/bin" "$ROOT/share" "$d/"
	chmod -R a+rX "$d"
	printf '%s\n' '{"type":"profile","subject":"u","role":"R03"}' '{"type":"answer","subject":"u","item":"K001","level":1}' > "$d/in.ndjson"
	chmod a+r "$d/in.ndjson"
	for t in csf-cat csf-assess csf-gap csf-plan csf-render csf-check csf-map-nice; do
		run --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups env CSF_DATADIR="$d/share/csf" "$d/bin/$t" -o /dev/null "$d/in.ndjson"
		[ "$status" -le 1 ] || fail "$t -o /dev/null as nobody: exit $status: $stderr"
		[[ "$stderr" != *"/dev/null"* ]] || fail "$t -o /dev/null as nobody: $stderr"
	done
	run setpriv --reuid=65534 --regid=65534 --clear-groups env CSF_DATADIR="$d/share/csf" "$d/bin/csf-roles" -o /dev/null
	assert_success
	rm -rf "$d"
	[ -c /dev/null ]
}

# ---- the line bound counts the record, not the CR or BOM the reader drops ----

@test "a record of exactly 1 MiB is read with CRLF and after a BOM; one byte more is not" {
	f="$BATS_TEST_TMPDIR/crlf"
	rec() { printf '{"s":"'; head -c $(($1 - 8)) /dev/zero | tr '\0' x; printf '"}'; }
	{ printf '\xef\xbb\xbf'; rec 1048576; printf '\r\n'; rec 1048576; printf '\r\n'; rec 1048577; printf '\r\n{"a":1}\r\n'; } > "$f"
	run --separate-stderr csf csf-cat --keep-going "$f"
	assert_failure 1
	assert_equal "$stderr" "csf-cat: $f:3: line too long (over 1048576 bytes)"
	assert_equal "$(printf '%s\n' "$output" | awk '{ print length($0) }' | tr '\n' ' ')" "1048576 1048576 7 "
}

# ---- messages: control characters escaped, long ones cut in the middle ----

@test "messages escape control characters: a value cannot forge a line or drive the terminal" {
	f="$BATS_TEST_TMPDIR/ctl"
	printf '%s\n' '{"type":"profile","subject":"a\nb\u001b[31m\u0007\u202e","role":"R03"}' \
	    '{"type":"profile","subject":"a\nb\u001b[31m\u0007\u202e","role":"R03"}' > "$f"
	for t in csf-assess csf-gap; do
		run --separate-stderr csf "$t" "$f"
		assert_failure 1
		assert_equal "$stderr" "$t: $f:2: duplicate profile for subject \"a\\nb\\e[31m\\a\\u202e\" (first at $f:1)"
	done
	# The file name is escaped too.
	g="$BATS_TEST_TMPDIR/x"$'\n'"csf-cat: forged"
	printf '{"type":\n' > "$g"
	run --separate-stderr csf csf-cat "$g"
	assert_failure 1
	assert_equal "${#lines[@]}" 0
	[ "$(printf '%s\n' "$stderr" | wc -l)" -eq 1 ] || fail "two lines: $stderr"
	[[ "$stderr" == "csf-cat: $BATS_TEST_TMPDIR/x\\ncsf-cat: forged:1: invalid JSON"* ]] || fail "$stderr"
}

@test "a long message is cut in its middle on a character boundary and keeps its '(first at ...)'" {
	f="$BATS_TEST_TMPDIR/long"
	long=$(printf 'あ%.0s' $(seq 1000))
	printf '{"type":"profile","subject":"%s","role":"R03"}\n' "$long" "$long" > "$f"
	for t in csf-assess csf-gap; do
		run --separate-stderr csf "$t" "$f"
		assert_failure 1
		[[ "$stderr" == "$t: $f:2: duplicate profile for subject \"あああ"*"…"*"あああ\" (first at $f:1)" ]] || fail "$t: $stderr"
		printf '%s' "$stderr" | iconv -f UTF-8 -t UTF-8 > /dev/null || fail "$t: not UTF-8"
		[ "$(printf '%s' "$stderr" | wc -c)" -le 1024 ] || fail "$t: $(printf '%s' "$stderr" | wc -c) bytes"
	done
}
