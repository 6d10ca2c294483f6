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

# ---- csf-gap --merge: a partial record is input like any other ----

@test "gap --merge: counts out of range or contradicting each other are reported with file:line" {
	f="$FIX/hostile/gap-partial.ndjson"
	run --separate-stderr csf csf-gap --merge --keep-going "$f"
	assert_failure 1
	assert_equal "$stderr" "csf-gap: $f:2: gap_partial: \"n\" must be a count from 0 to 9007199254740991
csf-gap: $f:3: gap_partial: \"at_target\" 3 is more than \"pairs\" 2
csf-gap: $f:4: gap_partial: \"dist\" adds up to 3, not \"pairs\" 2
csf-gap: $f:5: gap_partial: \"n\" must be a count from 0 to 9007199254740991
csf-gap: $f:6: gap_partial: \"pairs\" must be a count from 0 to 9007199254740991
csf-gap: $f:7: gap_partial: \"sum\" 4 is not the levels \"dist\" counts (3)
csf-gap: $f:8: gap_partial: item \"T001\" listed twice in \"items\"
csf-gap: $f:9: gap_partial: \"n\" must be a count from 0 to 9007199254740991
csf-gap: $f:10: gap_partial: \"unanswered\" 1 is more than the level-0 count 0
csf-gap: $f:12: gap_partial: merged counts of department \"Y\" would pass 9007199254740991
csf-gap: $f:13: gap_partial by \"role\" cannot merge with by \"department\""
	# Line 1 by hand: levels 1 and 2 -> mean 1.5, one of two at target -> 50 %.
	assert_output '{"type":"gap","kind":"group","by":"department","value":"X","n":1,"pairs":2,"mean":1.5,"at_target":1,"share_at_target":50.0,"unanswered":0,"dist":[0,1,1,0,0],"items":2,"tasks":1,"tasks_held":1,"task_coverage":100.0,"ks":1,"ks_held":0,"ks_coverage":0.0,"spof":[{"item":"T001","holder":"u"}],"nobody":["K001"]}
{"type":"gap","kind":"group","by":"department","value":"Y","n":9007199254740991,"pairs":0,"mean":null,"at_target":0,"share_at_target":null,"unanswered":0,"dist":[0,0,0,0,0],"items":0,"tasks":0,"tasks_held":0,"task_coverage":null,"ks":0,"ks_held":0,"ks_coverage":null,"spof":[],"nobody":[]}'
	# Strict by default: the first bad record stops it.
	run --separate-stderr csf csf-gap --merge "$f"
	assert_failure 1
	assert_output ''
}

@test "gap --merge: a group's items, split over records, must add up once merged" {
	f="$FIX/hostile/gap-partial-split.ndjson"
	run --separate-stderr csf csf-gap --merge --keep-going "$f"
	assert_failure 1
	# Reported in group order, at each group's first record.
	assert_equal "$stderr" "csf-gap: $f:5: gap_partial: the items of department \"U\" add up to 1 holders, not \"at_target\" 0
csf-gap: $f:3: gap_partial: item \"T001\" has 2 subjects with a target, the group 1
csf-gap: $f:2: gap_partial: the items of department \"W\" add up to 1 subjects, not \"pairs\" 2"
	# Z's two records together are line 1 of gap-partial.ndjson.
	assert_output '{"type":"gap","kind":"group","by":"department","value":"Z","n":1,"pairs":2,"mean":1.5,"at_target":1,"share_at_target":50.0,"unanswered":0,"dist":[0,1,1,0,0],"items":2,"tasks":1,"tasks_held":1,"task_coverage":100.0,"ks":1,"ks_held":0,"ks_coverage":0.0,"spof":[{"item":"T001","holder":"u"}],"nobody":["K001"]}'
}

@test "gap --merge: every share stays within 0-100 and every mean within 0-4 for partials that pass" {
	# Shards of a real run, merged, give what one run gives (gap.bats); here
	# each valid partial is checked against the bounds its sums imply.
	run bash -c "'$ROOT/bin/csf-assess' '$FIX/assess/org.ndjson' | '$ROOT/bin/csf-gap' --by role --partial | '$ROOT/bin/csf-gap' --merge"
	assert_success
	printf '%s\n' "$output" | jq -e 'select(.kind == "group") | (.mean // 0) <= 4 and (.share_at_target // 0) <= 100 and .at_target <= .pairs' > /dev/null
}

# ---- a missing or unusable data directory is named, once, exit 2 ----

@test "no reference data: every tool that needs it names the directory and where it looked, exit 2" {
	p='{"type":"profile","subject":"a","role":"R03"}'
	touch "$BATS_TEST_TMPDIR/file"
	mkdir "$BATS_TEST_TMPDIR/empty"
	for t in csf-roles csf-assess csf-gap csf-plan csf-check csf-map-nice; do
		run --separate-stderr csf "$t" --data /nonexistent <<< "$p"
		[ "$status" -eq 2 ] || fail "$t --data /nonexistent: exit $status"
		assert_equal "$stderr" "$t: /nonexistent: no csf reference data (looked in /nonexistent, from --data)"
		run --separate-stderr env CSF_DATADIR="$BATS_TEST_TMPDIR/file" "$ROOT/bin/$t" <<< "$p"
		[ "$status" -eq 2 ] || fail "$t CSF_DATADIR=file: exit $status"
		assert_equal "$stderr" "$t: $BATS_TEST_TMPDIR/file: no csf reference data (looked in $BATS_TEST_TMPDIR/file, from CSF_DATADIR)"
		run --separate-stderr csf "$t" --data "$BATS_TEST_TMPDIR/empty" <<< "$p"
		[ "$status" -eq 2 ] || fail "$t empty dir: exit $status"
	done
	# A binary copied away from share/ looks beside itself, then in PREFIX.
	mkdir -p "$BATS_TEST_TMPDIR/away/bin"
	cp "$ROOT/bin/csf-roles" "$BATS_TEST_TMPDIR/away/bin/"
	run --separate-stderr env -u CSF_DATADIR "$BATS_TEST_TMPDIR/away/bin/csf-roles"
	if [ -d /usr/local/share/csf ]; then skip "csf is installed in /usr/local"; fi
	assert_failure 2
	assert_equal "$stderr" "csf-roles: /usr/local/share/csf: no csf reference data (looked in $BATS_TEST_TMPDIR/away/bin/../share/csf, /usr/local/share/csf)"
	# Tools that read no reference data do not ask for it.
	run csf csf-cat --data /nonexistent <<< "$p"
	assert_success
	run csf csf-render -f json --data /nonexistent <<< "$p"
	assert_success
}

# ---- one CSV writer, with the formula guard, wherever CSV is written ----

@test "csv/tsv: every formula sign a spreadsheet honours is neutralised, also full-width and after blanks" {
	# formula.tsv checked by hand, line by line against formula.ndjson:
	# = + - @, ＝＋－＠, ﹦, −, behind space/NBSP/U+3000/BOM/ZWSP, a
	# leading LF/VT/FF/TAB/CR; a value starting with ' before a formula
	# gets one more '; "a=b", "'abc", " plain" and "1-2" stay as they are.
	run csf csf-render -f tsv -c v "$FIX/hostile/formula.ndjson"
	assert_success
	assert_equal "$output" "$(cat "$FIX/hostile/formula.tsv")"
	# The same cells in CSV: only the separator and quoting differ.
	run csf csf-render -f csv -t t "$FIX/hostile/formula.ndjson"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | sed -n '1,3p;6p;12p' | tr -d '\r')" "v
'=1+1
'+1
'＝1
' =1"
	assert_equal "$(printf '%s\n' "$output" | sed -n '18,19p;24,25p' | tr -d '\r')" "\"'
=1\"
''=1
'''-1"
}

@test "csv: csf-assess --template writes through the same guarded writer, and reads its guard back off" {
	run csf csf-assess --template -r R03 -s '＝HYPERLINK("x")' --format csv
	assert_success
	# Row 2 is the profile, row 3 the first answer (type, subject, role, persona, item).
	assert_equal "$(printf '%s\n' "$output" | sed -n 2p | cut -d, -f1-2)" "profile,\"'＝HYPERLINK(\"\"x\"\")\""
	assert_equal "$(printf '%s\n' "$output" | sed -n 3p | cut -d, -f2-5)" "\"'＝HYPERLINK(\"\"x\"\")\",,,K010"
	for s in '=cmd' '@x' $'\t-1' "'=1" "'plain"; do
		csf csf-assess --template -r R03 -s "$s" --format csv > "$BATS_TEST_TMPDIR/t.csv"
		run csf csf-assess "$BATS_TEST_TMPDIR/t.csv"
		assert_success
		assert_equal "$(printf '%s\n' "${lines[0]}" | jq -r .subject)" "$s"
	done
}

# ---- xlsx: what XML 1.0 forbids is escaped as OOXML says, everywhere ----

@test "xlsx: U+FFFE, U+FFFF and C0 controls become _xHHHH_; a literal _x0041_ stays literal" {
	f="$BATS_TEST_TMPDIR/x.ndjson"
	printf '%s\n' '{"type":"t\uffff","a\ufffe":"x\u0001y","b":"p\ufffeq\uffffr","c":"_x0041_","d":"z\u001b_X00e9_","e":"after"}' > "$f"
	run csf csf-render -o "$BATS_TEST_TMPDIR/x.xlsx" "$f"
	assert_success
	# The workbook keeps constant memory: strings are inline in the sheet.
	run unzip -p "$BATS_TEST_TMPDIR/x.xlsx" xl/worksheets/sheet1.xml
	assert_output --partial '<is><t>a_xFFFE_</t></is>'
	assert_output --partial '<is><t>x_x0001_y</t></is></c><c r="B2" t="inlineStr"><is><t>p_xFFFE_q_xFFFF_r</t></is></c><c r="C2" t="inlineStr"><is><t>_x005F_x0041_</t></is></c><c r="D2" t="inlineStr"><is><t>z_x001B__x005F_X00e9_</t></is></c><c r="E2" t="inlineStr"><is><t>after</t></is>'
	# Every part is well-formed XML, and the sheet name has no U+FFFF.
	for part in xl/workbook.xml xl/worksheets/sheet1.xml; do
		unzip -p "$BATS_TEST_TMPDIR/x.xlsx" "$part" | xmllint --noout - || fail "$part is not well-formed"
	done
	unzip -p "$BATS_TEST_TMPDIR/x.xlsx" xl/workbook.xml | grep -q '<sheet name="t_"' || fail "sheet name"
}

@test "xlsx: LibreOffice reads every text cell after a forbidden character, and _x0041_ as written" {
	command -v soffice > /dev/null || skip "LibreOffice not installed (scripts/deps installs it)"
	f="$BATS_TEST_TMPDIR/x.ndjson"
	printf '%s\n' '{"type":"t","b":"p\uffffq","c":"_x0041_","e":"after"}' '{"type":"t","b":"2nd","c":"x","e":"last"}' > "$f"
	run csf csf-render -o "$BATS_TEST_TMPDIR/x.xlsx" "$f"
	assert_success
	soffice -env:UserInstallation="file://$BATS_TEST_TMPDIR/lo" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$BATS_TEST_TMPDIR/csv" "$BATS_TEST_TMPDIR/x.xlsx" > /dev/null 2>&1
	run cat "$BATS_TEST_TMPDIR"/csv/*.csv
	assert_output "b,c,e
p"$'\xef\xbf\xbf'"q,_x0041_,after
2nd,x,last"
}

# ---- record types are carried whole, whatever their length ----

@test "long types: csf-cat -t finds them, render keeps types that share a long prefix apart" {
	a=$(printf 'a%.0s' $(seq 40))
	j=$(printf '種類%.0s' $(seq 20))   # 40 characters, 120 bytes
	printf '{"type":"%s_one","n":1}\n{"type":"%s_two","n":2}\n{"type":"%s","n":3}\n{"type":"%sX","n":4}\n' "$a" "$a" "$j" "$j" > "$BATS_TEST_TMPDIR/t"
	run csf csf-cat -t "${a}_two,${j}X" "$BATS_TEST_TMPDIR/t"
	assert_success
	assert_output "{\"type\":\"${a}_two\",\"n\":2}
{\"type\":\"${j}X\",\"n\":4}"
	run csf csf-cat -x "${a}_one" "$BATS_TEST_TMPDIR/t"
	assert_equal "${#lines[@]}" 3
	# An escaped long type is decoded whole too.
	run csf csf-cat -t "${a}_two" <<< "{\"type\":\"${a}_tw\\u006f\"}"
	assert_output "{\"type\":\"${a}_tw\\u006f\"}"
	# Four types, four tables, each headed by its whole name.
	run csf csf-render "$BATS_TEST_TMPDIR/t"
	assert_success
	assert_line "${a}_one (1)"
	assert_line "${a}_two (1)"
	assert_line "${j} (1)"
	assert_line "${j}X (1)"
	run csf csf-render -f md "$BATS_TEST_TMPDIR/t"
	printf '%s' "$output" | iconv -f UTF-8 -t UTF-8 > /dev/null || fail "md output is not UTF-8"
	[[ "$output" == *"${j}X"* ]] || fail "md lost the type"
}

@test "long types: xlsx sheet names are at most 31 characters, cut on a character, and distinct" {
	a=$(printf 'a%.0s' $(seq 40))
	j=$(printf '種類%.0s' $(seq 20))
	printf '{"type":"%s_one","n":1}\n{"type":"%s_two","n":2}\n{"type":"%s","n":3}\n{"type":"%sX","n":4}\n' "$a" "$a" "$j" "$j" > "$BATS_TEST_TMPDIR/t"
	run csf csf-render -o "$BATS_TEST_TMPDIR/t.xlsx" "$BATS_TEST_TMPDIR/t"
	assert_success
	run sh -c "unzip -p '$BATS_TEST_TMPDIR/t.xlsx' xl/workbook.xml | grep -o '<sheet name=\"[^\"]*\"' | cut -d'\"' -f2"
	assert_output "$(printf 'a%.0s' $(seq 31))
$(printf 'a%.0s' $(seq 29))~2
$(printf '種類%.0s' $(seq 15))種
$(printf '種類%.0s' $(seq 14))種~2"
	unzip -p "$BATS_TEST_TMPDIR/t.xlsx" xl/workbook.xml | iconv -f UTF-8 -t UTF-8 > /dev/null || fail "workbook.xml is not UTF-8"
}

# ---- one definition of a record's valid fields: csf-check and the tools agree ----

@test "profiles: csf-check refuses exactly the targets and subjects csf-assess, csf-gap and csf-plan refuse" {
	ok_targets='1 2 3 4 null'
	bad_targets='0 5 -1 3.5 "3" true [] {} 1e308 3.0'
	for t in $ok_targets $bad_targets; do
		p="{\"type\":\"profile\",\"subject\":\"u\",\"role\":\"R03\",\"target\":$t}"
		run --separate-stderr csf csf-check <<< "$p"
		check=$status
		run --separate-stderr csf csf-assess <<< "$p"
		assess=$status
		case " $ok_targets " in
		*" $t "*) [ "$check" -eq 0 ] && [ "$assess" -eq 0 ] || fail "target $t: check $check, assess $assess (want 0 0)" ;;
		*) [ "$check" -eq 1 ] && [ "$assess" -eq 1 ] || fail "target $t: check $check, assess $assess (want 1 1)" ;;
		esac
	done
	for s in null 3 '["u"]' '""' '{}' true; do
		p="{\"type\":\"profile\",\"subject\":$s,\"role\":\"R03\"}"
		for t in csf-check csf-assess csf-gap csf-plan; do
			run --separate-stderr csf "$t" <<< "$p"
			[ "$status" -eq 1 ] || fail "$t accepted subject $s (exit $status)"
		done
		run --separate-stderr csf csf-plan <<< "$p"
		assert_equal "$stderr" 'csf-plan: <stdin>:1: profile has no "subject"'
	done
	# A good profile passes every tool.
	for t in csf-check csf-assess csf-gap csf-plan; do
		run csf "$t" <<< '{"type":"profile","subject":"u","role":"R03","target":4}'
		[ "$status" -eq 0 ] || fail "$t refused a good profile"
	done
}

@test "stdout closed or full: every tool says 'write error' and exits 1, -j, --help and --version too" {
	E="$ROOT/share/csf/examples/staff.ndjson"
	S="$BATS_TEST_TMPDIR/s"
	G="$BATS_TEST_TMPDIR/g"
	csf csf-assess "$E" > "$S" || fail "csf-assess"
	csf csf-gap "$S" > "$G" || fail "csf-gap"
	# csf-gap -j's temporary files must not take the closed stdout's place
	for c in "csf-cat $E" "csf-assess $E" "csf-gap $S" "csf-gap -j 2 $S" "csf-gap -j 2 --by department $S" \
	    "csf-plan $G" "csf-map-nice $G" "csf-roles" "csf-render -f csv $G" "csf-render -f html $G" \
	    "csf-check --help" "csf-gap --version" "csf-render --help --lang ja"; do
		run sh -c "'$ROOT/bin/'$c >&-"
		[ "$status" -eq 1 ] || fail "$c with stdout closed: exit $status"
		assert_output --regexp "^csf-[a-z-]+: (write error: Bad file descriptor|書き込みエラー: .*)$"
		run sh -c "'$ROOT/bin/'$c > /dev/full"
		[ "$status" -eq 1 ] || fail "$c into /dev/full: exit $status"
	done
	# stdin closed: a read error, not an empty run
	run sh -c "'$ROOT/bin/csf-gap' <&-"
	assert_failure 1
	assert_output 'csf-gap: <stdin>:1: read error: Bad file descriptor'
	# stderr closed does not change what is written or the exit
	run sh -c "'$ROOT/bin/csf-gap' -j 2 '$S' 2>&- | cmp - '$G'"
	assert_success
}
