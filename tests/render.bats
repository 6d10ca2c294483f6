#!/usr/bin/env bats
# csf-render: every format against golden files, hostile strings in every
# format, the XLSX through LibreOffice and the HTML through Chromium.
# CSF_REGEN=1 bats tests/render.bats rewrites the golden files; read the
# diff before committing them.

load helper

R="$FIX/render"
G="$R/golden"
# Reports say the date of their data, or today: a fixed today for golden files.
export SOURCE_DATE_EPOCH=1767225600

# golden NAME CMD...: CMD's standard output must equal golden/NAME byte for byte.
golden() {
	local name="$1"; shift
	local out="$BATS_TEST_TMPDIR/$name"
	"$@" > "$out" || fail "exit $? from: $*"
	[ -z "${CSF_REGEN:-}" ] || cp "$out" "$G/$name"
	cmp -s "$out" "$G/$name" || fail "$name differs from the golden file:
$(diff -u "$G/$name" "$out" | head -40)"
}

# LibreOffice, headless, with a profile of its own: sheet N of an xlsx as CSV.
have_soffice() {
	command -v soffice > /dev/null || skip "LibreOffice not installed (scripts/deps installs it)"
}
xlsx_to_csv() {
	local xlsx="$1" dir="$2"
	mkdir -p "$dir"
	soffice -env:UserInstallation="file://$BATS_TEST_TMPDIR/lo" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
		--outdir "$dir" "$xlsx" > "$BATS_TEST_TMPDIR/soffice.log" 2>&1 ||
		fail "soffice failed: $(cat "$BATS_TEST_TMPDIR/soffice.log")"
}

# ---- generic formats on any records ----

@test "table: one aligned table per type, Japanese at double width, numbers right" {
	golden mixed.table csf csf-render -f table "$R/mixed.ndjson"
}

@test "table: display width by hand: wide, halfwidth and ASCII" {
	run csf csf-render <<'EOF'
{"name":"日本語"}
{"name":"abc","n":10}
{"name":"ｱｲｳｴｵ","n":2.5}
EOF
	assert_success
	assert_output "- (3)
name      n
------  ---
日本語
abc      10
ｱｲｳｴｵ   2.5"
}

@test "table: --max-width cuts wide text on a character boundary" {
	run csf csf-render --max-width 8 <<< '{"a":"日本語のなまえ","b":"abcdefghijk"}'
	assert_success
	# 8 columns: 2 wide characters (4) + "..." (3) = 7, a third would make 9.
	assert_output "- (1)
a        b
-------  --------
日本...  abcde..."
	run csf csf-render --max-width 0 <<< '{"a":"日本語のなまえ"}'
	assert_line --index 3 '日本語のなまえ'
}

@test "table: a name whose profile comes after its rows is measured, shown and aligned (it padded for ever)" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' '{"type":"score","kind":"item","subject":"u1","item":"K004","class":"knowledge","current":1,"target":3}' \
		'{"type":"score","kind":"item","subject":"u2","item":"K004","class":"knowledge","current":2,"target":3,"@name":"Bo"}' \
		'{"type":"profile","subject":"u1","name":"Alexandra Long"}' > late.ndjson
	run sh -c "timeout 20 '$ROOT/bin/csf-render' -f table --max-width 12 late.ndjson | head -c 100000"
	assert_output "$(printf '%s\n' 'Levels per item (2)' \
		'Subject  Name          Item  Description   Class      Current  Target  Mode  Phase' \
		'-------  ------------  ----  ------------  ---------  -------  ------  ----  -----' \
		'u1       Alexandra...  K004  Identifyi...  knowledge        1       3' \
		'u2       Bo            K004  Identifyi...  knowledge        2       3' \
		'' 'Profiles (1)' 'Subject  Name' '-------  ------------' 'u1       Alexandra...')"
	# the name column is kept when no row had its name yet
	run sh -c "sed 2d late.ndjson | timeout 20 '$ROOT/bin/csf-render' -f table --max-width 12 | sed -n 2,4p"
	assert_output "$(printf '%s\n' 'Subject  Name          Item  Description   Class      Current  Target  Mode  Phase' \
		'-------  ------------  ----  ------------  ---------  -------  ------  ----  -----' \
		'u1       Alexandra...  K004  Identifyi...  knowledge        1       3')"
}

@test "tabular cells made on the first pass: a column that comes later, and a name from a later profile" {
	cd "$BATS_TEST_TMPDIR"
	# "a.ja" is a column only from the second record on; the first has it
	# inside its language object, and shows it.
	printf '%s\n' '{"type":"x","a":{"ja":"日本","en":"Japan"}}' '{"type":"x","a.ja":"lit","n":2.5}' > late-col.ndjson
	run "$ROOT/bin/csf-render" -f csv late-col.ndjson
	assert_output "$(printf 'a,a.ja,n\r\nJapan,日本,\r\n,lit,2.5\r')"
	run "$ROOT/bin/csf-render" -f md late-col.ndjson
	assert_output "$(printf '%s\n' '## x (2)' '' '| a | a.ja | n |' '| --- | --- | ---: |' '| Japan | 日本 |  |' '|  | lit | 2.5 |')"
	run "$ROOT/bin/csf-render" -f table late-col.ndjson
	assert_output "$(printf '%s\n' 'x (2)' 'a      a.ja    n' '-----  ----  ---' 'Japan  日本' '       lit   2.5')"
	# A row spooled before its subject's profile shows the name all the same.
	printf '%s\n' '{"type":"score","kind":"item","subject":"u1","item":"K004","class":"knowledge","current":1,"target":3}' \
		'{"type":"profile","subject":"u1","name":"Ann, \"A\""}' > late-name.ndjson
	run "$ROOT/bin/csf-render" -f csv late-name.ndjson
	assert_line --index 2 "$(printf 'u1,"Ann, ""A""",K004,Identifying and assessing supplier risk,knowledge,1,3,,\r')"
}

@test "table: a subject's name is the first named profile's, wherever it comes; past 65 536 unnamed subjects a late name widens every name column" {
	cd "$BATS_TEST_TMPDIR"
	printf '%s\n' '{"type":"score","kind":"item","subject":"u1","item":"K004","class":"knowledge","current":1,"target":3}' \
		'{"type":"profile","subject":"u1"}' '{"type":"profile","subject":"u1","name":"Later Name"}' \
		'{"type":"profile","subject":"u1","name":"Third"}' \
		'{"type":"score","kind":"item","subject":"u1","item":"K005","class":"knowledge","current":2,"target":3}' > names.ndjson
	run "$ROOT/bin/csf-render" -f table --max-width 14 names.ndjson
	assert_output "$(printf '%s\n' 'Levels per item (2)' \
		'Subject  Name        Item  Description     Class      Current  Target  Mode  Phase' \
		'-------  ----------  ----  --------------  ---------  -------  ------  ----  -----' \
		'u1       Later Name  K004  Identifying...  knowledge        1       3' \
		'u1       Later Name  K005  What is nee...  knowledge        2       3' '' \
		'Profiles (3)' 'Subject  Name' '-------  ----------' 'u1' 'u1       Later Name' 'u1       Third')"
	# N subjects without a name in one section, x in another, then a name
	# for a subject with no rows: it widens x's name column only once more
	# than 65 536 subjects wait for theirs (each is not remembered then).
	for n in 65535 65536; do
		awk -v n=$n 'BEGIN { for (i = 1; i <= n; i++) printf "{\"type\":\"score\",\"kind\":\"item\",\"subject\":\"s%d\",\"item\":\"K004\",\"class\":\"knowledge\",\"current\":1,\"target\":3}\n", i
			print "{\"type\":\"gap\",\"kind\":\"item\",\"subject\":\"x\",\"item\":\"K004\",\"class\":\"knowledge\",\"current\":1,\"target\":3,\"gap\":2}"
			print "{\"type\":\"profile\",\"subject\":\"nobody\",\"name\":\"A Long Name\"}" }' > cap.ndjson
		"$ROOT/bin/csf-render" -f table cap.ndjson | grep -A1 '^Gaps per item' | tail -1 | cut -c1-30 | sed 's/ *$//' >> heads
	done
	run cat heads
	assert_output "$(printf '%s\n' 'Subject  Item  Description' 'Subject  Name         Item  De')"
}

@test "table: --lang picks the language of {ja,en} texts" {
	golden mixed.ja.table csf csf-render --lang ja "$R/mixed.ndjson"
}

@test "md: a heading and a pipe table per type" {
	golden mixed.md csf csf-render -f md "$R/mixed.ndjson"
}

@test "json: one array, records byte for byte" {
	golden mixed.json csf csf-render -f json "$R/mixed.ndjson"
	run jq -c 'length' "$G/mixed.json"
	assert_output 7
}

@test "json: --type and --columns project records onto paths" {
	golden mixed.columns.json csf csf-render -f json -t role,meta -c id,name.en,crosswalk.secbok,by "$R/mixed.ndjson"
}

@test "csv: RFC 4180 with CRLF, columns inferred with dotted paths" {
	golden mixed.score.csv csf csf-render -f csv -t score "$R/mixed.ndjson"
}

@test "tsv: LF lines, arrays joined with ';'" {
	golden mixed.role.tsv csf csf-render -f tsv -t role "$R/mixed.ndjson"
}

@test "csv: --bom and chosen columns (streamed)" {
	golden mixed.role.bom.csv csf csf-render -f csv --bom -t role -c id,name.ja,nice,missing "$R/mixed.ndjson"
	run head -c 3 "$G/mixed.role.bom.csv"
	assert_output $'\xef\xbb\xbf'
}

@test "csv without --type: every type, a section each, nothing left out" {
	run --separate-stderr csf csf-render -f csv "$R/mixed.ndjson"
	assert_success
	assert_equal "$stderr" ""
	# 4 sections: title, header and rows (2 + 1 + 3 + 1), an empty line between.
	assert_equal "${lines[0]}" $'role\r'
	assert_equal "${lines[1]}" $'id,no,name,nice,crosswalk.itss_plus,crosswalk.secbok,source\r'
	assert_equal "$(printf '%s\n' "$output" | grep -c $'^\r$')" 3
	assert_equal "$(printf '%s\n' "$output" | grep -xc $'\\(role\\|Notes\\|Levels per item\\|\'-\\)\r')" 4
	assert_equal "${#lines[@]}" 18
}

@test "html: records of unknown kinds become plain tables" {
	golden mixed.html csf csf-render -f html "$R/mixed.ndjson"
}

@test "empty input: nothing, an empty array, an empty report" {
	run csf csf-render < /dev/null
	assert_success
	assert_output ''
	run csf csf-render -f json < /dev/null
	assert_output '[]'
	run csf csf-render -f csv < /dev/null
	assert_output ''
	run csf csf-render -f html < /dev/null
	assert_output --partial '<p>There are no records to show.</p>'
}

# ---- hostile strings: inert in every format ----

@test "hostile: table shows control characters as escapes" {
	golden hostile.table csf csf-render "$R/hostile.ndjson"
	run grep -c $'\x1b' "$G/hostile.table"
	assert_output 0
}

@test "hostile: md escapes markup, pipes and HTML" {
	golden hostile.md csf csf-render -f md "$R/hostile.ndjson"
	run grep -c '<script\|<img\|<b>' "$G/hostile.md"
	assert_output 0
}

@test "hostile: csv neutralises formulas and quotes per RFC 4180" {
	golden hostile.csv csf csf-render -f csv -t person "$R/hostile.ndjson"
	# Cells checked by hand: a ' before = + - @ TAB CR; numbers stay bare.
	run csf csf-render -f csv -t person -c name,plus,minus,at,num,quotes,lead_tab "$R/hostile.ndjson"
	assert_line --index 1 $'"\'=HYPERLINK(""http://x"",""y"")",\'+1,\'-1,\'@SUM(A1:A9),-1,"say ""hi"", \'you\'",\'\t=1+1\r'
	run csf csf-render -f csv -t '<b>bold</b>/x' "$R/hostile.ndjson"
	assert_line --index 0 $'\'=cmd|\' /C calc\'!A0,cell\r'
}

@test "hostile: tsv quotes cells holding tabs and newlines" {
	golden hostile.tsv csf csf-render -f tsv -t person -c tab,newlines,lead_cr "$R/hostile.ndjson"
	assert_equal "$(cat -A "$G/hostile.tsv")" 'tab^Inewlines^Ilead_cr$
"tab^Ihere"^I"line1$
line2^M$
line3"^I"'"'"'^M=1+1"$'
}

@test "hostile: html has no tag but ours, and forbids scripts" {
	golden hostile.html csf csf-render -f html "$R/hostile.ndjson"
	run sh -c "grep -o '<[a-zA-Z/!][a-zA-Z0-9]*' '$G/hostile.html' | sort -u | tr '\n' ' '"
	assert_output '<!DOCTYPE </body </dd </div </dl </dt </h1 </h2 </h3 </head </header </html </p </section </style </table </tbody </td </th </thead </title </tr <body <dd <div <dl <dt <h1 <h2 <h3 <head <header <html <meta <p <section <style <table <tbody <td <th <thead <title <tr '
	assert_output --partial '</style'
	run grep -c "default-src 'none'" "$G/hostile.html"
	assert_output 1
	run grep -c '&lt;script&gt;alert(1)&lt;/script&gt;' "$G/hostile.html"
	assert_output 1
	run csf csf-render -f html --title '</title><script>x</script>' < /dev/null
	assert_output --partial '<title>&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>'
	refute_output --partial '<script'
}

@test "hostile: json stays the same bytes" {
	run csf csf-render -f json "$R/hostile.ndjson"
	assert_success
	assert_equal "$(printf '%s\n' "$output" | sed '1d;$d;s/,$//')" "$(cat "$R/hostile.ndjson")"
}

@test "hostile: xlsx keeps formulas as text through LibreOffice" {
	have_soffice
	run csf csf-render -o "$BATS_TEST_TMPDIR/h.xlsx" "$R/hostile.ndjson"
	assert_success
	xlsx_to_csv "$BATS_TEST_TMPDIR/h.xlsx" "$BATS_TEST_TMPDIR/csv"
	run ls "$BATS_TEST_TMPDIR/csv"
	assert_output $'h-<b>bold<_b>_x.csv\nh-person.csv'
	# Text cells come back as the same text: no formula ran, nothing was cut.
	run cat "$BATS_TEST_TMPDIR/csv/h-person.csv"
	assert_output --partial '"=HYPERLINK(""http://x"",""y"")",+1,-1,@SUM(A1:A9),-1,'
	assert_output --partial "$(jq -r .long "$R/hostile.ndjson" | head -1)"
}

# ---- xlsx ----

@test "xlsx: a sheet per type, numbers as numbers, round trip through LibreOffice" {
	have_soffice
	run csf csf-render -o "$BATS_TEST_TMPDIR/m.xlsx" "$R/mixed.ndjson"
	assert_success
	assert_output ''
	xlsx_to_csv "$BATS_TEST_TMPDIR/m.xlsx" "$BATS_TEST_TMPDIR/csv"
	for s in role Notes 'Levels per item' records; do
		[ -n "${CSF_REGEN:-}" ] && cp "$BATS_TEST_TMPDIR/csv/m-$s.csv" "$G/mixed.xlsx.$s.csv"
		cmp "$BATS_TEST_TMPDIR/csv/m-$s.csv" "$G/mixed.xlsx.$s.csv" ||
			fail "sheet $s: $(diff -u "$G/mixed.xlsx.$s.csv" "$BATS_TEST_TMPDIR/csv/m-$s.csv")"
	done
}

@test "xlsx: header frozen, level cells banded, same bytes for the same input" {
	run csf csf-render -o "$BATS_TEST_TMPDIR/a.xlsx" "$R/mixed.ndjson"
	SOURCE_DATE_EPOCH=1700000000 csf csf-render -o "$BATS_TEST_TMPDIR/b.xlsx" "$R/mixed.ndjson"
	SOURCE_DATE_EPOCH=1700000000 csf csf-render -o "$BATS_TEST_TMPDIR/c.xlsx" "$R/mixed.ndjson"
	cmp "$BATS_TEST_TMPDIR/b.xlsx" "$BATS_TEST_TMPDIR/c.xlsx"
	run unzip -p "$BATS_TEST_TMPDIR/b.xlsx" xl/worksheets/sheet3.xml
	assert_output --partial '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
	assert_output --partial '<autoFilter ref="A1:L4"/>'
	assert_output --partial '<c r="A1" s="1" t="inlineStr"><is><t>Subject</t></is></c>'
	# u01 is 1 below target (yellow), u03 4 below (pink), u02 above (none).
	assert_output --partial '<c r="E2" s="2"><v>2</v></c>'
	assert_output --partial '<c r="E4" s="3"><v>0</v></c>'
	assert_output --partial '<c r="E3"><v>3.5</v></c>'
	# Style 2 fills with fill 3 (yellow), style 3 with fill 4 (pink).
	run unzip -p "$BATS_TEST_TMPDIR/b.xlsx" xl/styles.xml
	assert_output --partial '<fgColor rgb="FFFFF2A8"/><bgColor indexed="64"/></patternFill></fill><fill><patternFill patternType="solid"><fgColor rgb="FFF8C8D8"/>'
	assert_output --partial '<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/><xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1"/>'
}

@test "xlsx: refused on a terminal, allowed into a pipe" {
	command -v script > /dev/null || skip "script(1) not installed"
	run script -qec "$ROOT/bin/csf-render -f xlsx < /dev/null" /dev/null
	assert_failure 2
	assert_output --partial 'csf-render: xlsx is binary: write it with -o FILE or into a pipe, not to a terminal'
	run sh -c "'$ROOT/bin/csf-render' -f xlsx < '$R/mixed.ndjson' | head -c 2"
	assert_output 'PK'
}

# ---- the command line ----

@test "the format follows the -o file's extension" {
	run csf csf-render -o "$BATS_TEST_TMPDIR/r.CSV" -t role "$R/mixed.ndjson"
	assert_success
	assert_equal "$(head -c 3 "$BATS_TEST_TMPDIR/r.CSV")" 'id,'
	run csf csf-render -o "$BATS_TEST_TMPDIR/r.html" "$R/mixed.ndjson"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/r.html")" '<!DOCTYPE html>'
	run csf csf-render -o "$BATS_TEST_TMPDIR/r.txt" "$R/mixed.ndjson"
	assert_equal "$(head -1 "$BATS_TEST_TMPDIR/r.txt")" 'role (2)'
	run csf csf-render -o "$BATS_TEST_TMPDIR/r.pdf" "$R/mixed.ndjson"
	assert_success
	assert_equal "$(head -c 5 "$BATS_TEST_TMPDIR/r.pdf")" '%PDF-'
	# A name no format has is a usage error, not a text table under that name.
	run --separate-stderr csf csf-render -o "$BATS_TEST_TMPDIR/r.docx" "$R/mixed.ndjson"
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-render: -o $BATS_TEST_TMPDIR/r.docx: no format has that extension; choose one with --format"
	[ ! -e "$BATS_TEST_TMPDIR/r.docx" ]
}

@test "usage errors exit 2" {
	run --separate-stderr csf csf-render -f docx
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-render: invalid value 'docx' for --format (expected table, md, json, csv, tsv, xlsx, html, svg or pdf)"
	run --separate-stderr csf csf-render --split "$BATS_TEST_TMPDIR/d" -f csv
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-render: --split: writes html or pdf files, not csv"
	run --separate-stderr csf csf-render -c 'a,,b'
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "csf-render: --columns: empty column name in 'a,,b'"
	run --separate-stderr csf csf-render --max-width x
	assert_failure 2
	run --separate-stderr csf csf-render --chart pie
	assert_failure 2
}

@test "bad input lines are reported with file and line; -o is left untouched" {
	printf '{"a":1}\n{"a":\n' > "$BATS_TEST_TMPDIR/in"
	echo old > "$BATS_TEST_TMPDIR/out.html"
	run --separate-stderr csf csf-render -o "$BATS_TEST_TMPDIR/out.html" "$BATS_TEST_TMPDIR/in"
	assert_failure 1
	assert_equal "$stderr" "csf-render: $BATS_TEST_TMPDIR/in:2: invalid JSON: unexpected end of line"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/out.html")" old
}

# ---- the reports: management result sheet, organisation, people ----

@test "html: the result sheets of the three example companies" {
	golden karte.html csf csf-render -f html "$R/karte.ndjson"
	golden karte.ja.html csf csf-render -f html --lang ja "$R/karte.ndjson"
}

@test "html: KK-2's sheet shows the report's own rows (seed002 Fig 2.3)" {
	run csf csf-render -f html "$R/karte.ndjson"
	assert_success
	# Its means, the karte's class A means and the printed gap row, cell by cell.
	assert_output --partial '<tr class="own"><th>KK-2</th><td class="num">4.3</td><td class="num">5.0</td><td class="num">4.0</td><td class="num">3.0</td><td class="num">3.5</td><td class="num">3.3</td><td class="num">4.0</td><td class="num">4.5</td><td class="num band-low">1.7</td><td class="num">3.5</td></tr>'
	assert_output --partial '<tr><th>Maturity A mean</th><td class="num">4.8</td><td class="num">4.7</td><td class="num">4.7</td><td class="num">4.1</td><td class="num">4.7</td><td class="num">4.5</td><td class="num">4.6</td><td class="num">4.3</td><td class="num">4.1</td><td class="num">4.0</td></tr>'
	assert_output --partial '<tr class="gap"><th>Gap to maturity A</th><td class="num">0.5</td><td class="num">-0.3</td><td class="num">0.7</td><td class="num flag1">1.1</td><td class="num flag1">1.2</td><td class="num flag1">1.2</td><td class="num">0.6</td><td class="num">-0.2</td><td class="num flag2">2.4</td><td class="num">0.5</td></tr>'
	assert_output --partial '<li>Directives 4, 5 and 6 are 1 point or more behind maturity A</li>
<li>Directive 9 is 2 points or more behind maturity A</li>'
	run csf csf-render -f html --lang ja "$R/karte.ndjson"
	assert_output --partial '<li>指示1、2、7はレベル5に達している</li>
<li>指示6、8、9はレベル4で改善の余地がある</li>'
	assert_output --partial '<li>指示6、8が成熟度Bと1ポイント以上差がある</li>
<li>指示4、10が成熟度Bと2ポイント以上差がある</li>'
}

@test "html: organisation heat map, single points of failure, people" {
	golden org.html csf csf-render -f html "$R/org.ndjson"
	run csf csf-render -f html "$R/org.ndjson"
	# R03 in Ops: u1 40%, u3 80% -> 60; R08: Ops u3 50, Admin u2 50.
	assert_output --partial '<tr><th>R03 Monitoring</th><td class="num" style="background:#eee99d" title="n=2">60</td><td></td></tr>'
	# one folded table per department; K002 is in Ops's
	assert_output --partial '<details class="group-items"><summary>department: Ops (6 items)</summary>'
	run sh -c "printf '%s\n' \"\$1\" | sed -n '/summary>department: Ops (6 items)/,/<\/details>/p' | grep -c '<td class=\"id\">K002</td>'" _ "$output"
	assert_output 1
}

@test "svg: radar, bars and heat map, drawn by us" {
	golden karte.KK-2.radar.svg csf csf-render -f svg --subject KK-2 "$R/karte.ndjson"
	golden karte.SV-1.bars.svg csf csf-render -f svg --chart bars --subject SV-1 "$R/karte.ndjson"
	golden karte.heatmap.svg csf csf-render -f svg "$R/karte.ndjson"
	golden org.heatmap.svg csf csf-render -f svg "$R/org.ndjson"
	golden org.u3.bars.svg csf csf-render -f svg --subject u3 "$R/org.ndjson"
	run xmllint --noout "$G/karte.KK-2.radar.svg" "$G/org.heatmap.svg"
	assert_success
}

@test "svg: nothing to chart is an error, not an empty file" {
	run --separate-stderr csf csf-render -f svg --chart radar -o "$BATS_TEST_TMPDIR/x.svg" "$R/org.ndjson"
	assert_failure 1
	assert_equal "$stderr" "csf-render: svg: no radar chart in this input (radar and bars need a subject's directive means or item levels, heatmap several subjects or departments)"
	[ ! -e "$BATS_TEST_TMPDIR/x.svg" ]
}

@test "hostile: svg labels and chart titles stay text" {
	printf '%s\n' '{"type":"score","kind":"directive","subject":"<script>x</script>","directive":"D1","display":1.5}' > "$BATS_TEST_TMPDIR/h"
	run csf csf-render -f svg "$BATS_TEST_TMPDIR/h"
	assert_success
	refute_output --partial '<script'
	assert_output --partial '&lt;script&gt;x&lt;/script&gt;'
}

@test "xlsx: directive means banded as the tool shades them" {
	run csf csf-render -o "$BATS_TEST_TMPDIR/k.xlsx" -t score -c subject,directive,display "$R/karte.ndjson"
	assert_success
	# Rows 141-150 are SV-1's directives (after 3 x 39 checks and KY-1's and
	# KK-2's directives and index): 4.3 3.0 3.3 1.3 2.9 1.5 2.4 1.0 2.0 1.5.
	run sh -c "unzip -p '$BATS_TEST_TMPDIR/k.xlsx' xl/worksheets/sheet1.xml | grep -o '<c r=\"C1[45][0-9]\"[^>]*><v>[^<]*</v>' | tr '\n' ' '"
	assert_output '<c r="C141"><v>4.3</v> <c r="C142"><v>3</v> <c r="C143"><v>3.3</v> <c r="C144" s="2"><v>1.3</v> <c r="C145" s="3"><v>2.9</v> <c r="C146" s="2"><v>1.5</v> <c r="C147" s="3"><v>2.4</v> <c r="C148" s="2"><v>1</v> <c r="C149" s="3"><v>2</v> <c r="C150" s="2"><v>1.5</v> <c r="C151"><v>2.32</v> '
	# Style 2 fills pink (fill 3), style 3 yellow (fill 4).
	run sh -c "unzip -p '$BATS_TEST_TMPDIR/k.xlsx' xl/styles.xml | grep -o '<fgColor rgb=\"[^\"]*\"/>' | tr '\n' ' '"
	assert_output '<fgColor rgb="FFD9D9D9"/> <fgColor rgb="FFF8C8D8"/> <fgColor rgb="FFFFF2A8"/> '
}

# ---- the HTML in a real browser ----

# pngstat FILE: "WIDTH HEIGHT COLOURS".
pngstat() { python3 "$ROOT/tests/pngstat" "$1"; }

screenshot() {
	chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$BATS_TEST_TMPDIR/chromium" --screenshot="$2" --window-size=1200,1600 \
		"$1" > "$BATS_TEST_TMPDIR/chromium.log" 2>&1 || fail "chromium: $(tail -5 "$BATS_TEST_TMPDIR/chromium.log")"
}

@test "html: headless Chromium draws the reports (not a blank page)" {
	command -v chromium > /dev/null || skip "Chromium not installed (scripts/deps installs it)"
	command -v python3 > /dev/null || skip "python3 not installed (scripts/deps installs it)"
	csf csf-render --lang ja -o "$BATS_TEST_TMPDIR/karte.html" "$R/karte.ndjson"
	csf csf-render -o "$BATS_TEST_TMPDIR/org.html" "$R/org.ndjson"
	screenshot "file://$BATS_TEST_TMPDIR/karte.html" "$BATS_TEST_TMPDIR/karte.png"
	screenshot "file://$BATS_TEST_TMPDIR/org.html" "$BATS_TEST_TMPDIR/org.png"
	screenshot "about:blank" "$BATS_TEST_TMPDIR/blank.png"
	# The check can tell: a blank page is one colour.
	run pngstat "$BATS_TEST_TMPDIR/blank.png"
	assert_output '1200 1600 1'
	for p in karte org; do
		run pngstat "$BATS_TEST_TMPDIR/$p.png"
		assert_success
		set -- $output
		[ "$1 $2" = "1200 1600" ] || fail "$p.png is $1x$2"
		# Text, table bands, the radar's colours: hundreds of colours.
		[ "$3" -ge 300 ] || fail "$p.png has only $3 colours"
		[ "$(wc -c < "$BATS_TEST_TMPDIR/$p.png")" -ge 40000 ] || fail "$p.png is small"
	done
}

@test "odd shapes of known kinds degrade: every format finishes, exit 0" {
	for f in table md json csv tsv html svg; do
		run --separate-stderr timeout 20 "$ROOT/bin/csf-render" -f "$f" "$R/edge.ndjson"
		[ "$status" -eq 0 ] || fail "$f: exit $status: $stderr"
	done
	for c in radar bars heatmap; do
		run --separate-stderr timeout 20 "$ROOT/bin/csf-render" -f svg --chart "$c" "$R/edge.ndjson"
		[ "$status" -eq 0 ] || fail "svg $c: exit $status: $stderr"
	done
	run timeout 20 "$ROOT/bin/csf-render" -o "$BATS_TEST_TMPDIR/e.xlsx" "$R/edge.ndjson"
	assert_success
}

@test "--subject keeps one subject's records and those without a subject" {
	run csf csf-render -f html --subject KK-2 "$R/karte.ndjson"
	assert_success
	# The one sheet, which is its own summary.
	assert_equal "$(printf '%s\n' "$output" | grep -c '<section')" 1
	assert_equal "$(printf '%s\n' "$output" | grep -c '<section id="s[0-9]*" class="karte">')" 1
	assert_output --partial '<h2>Assessment result sheet: KK-2</h2>'
	run csf csf-render -f csv -t score -c subject,role --subject u3 "$R/org.ndjson"
	assert_output $'Subject,Role\r\nu3,R03\r\nu3,R08\r'
	# u3: a profile, 2 role scores, 4 gaps, 3 plan records; the meta record
	# and the two department aggregates have no subject (plus the brackets).
	run csf csf-render -f json --subject u3 "$R/org.ndjson"
	assert_equal "$(printf '%s\n' "$output" | grep -c '"subject":"u3"')" 10
	assert_equal "$(printf '%s\n' "$output" | grep -vc '"subject"')" 5
}

# ---- the shipped sample organisation through the real pipeline ----

# The pipeline of `make demo` on share/csf/sample/staff.ndjson, into $S.
sample_pipeline() {
	S="$BATS_TEST_TMPDIR/sample.ndjson"
	csf csf-assess "$ROOT/share/csf/sample/staff.ndjson" > "$BATS_TEST_TMPDIR/s1" || fail "csf-assess"
	csf csf-gap --by department "$BATS_TEST_TMPDIR/s1" > "$BATS_TEST_TMPDIR/s2" || fail "csf-gap"
	csf csf-plan "$BATS_TEST_TMPDIR/s2" > "$S" || fail "csf-plan"
}

@test "sample org: the pipeline's records, by type and kind" {
	sample_pipeline
	run sh -c "jq -r '[.type, (.kind // \"-\")] | join(\" \")' '$S' | sort | uniq -c | tr -s ' ' | tr '\n' ','"
	assert_output ' 7 gap group, 559 gap item, 34 gap subject, 1 meta -, 251 plan step, 34 plan subject, 34 profile -, 849 score item, 29 score persona, 13 score role,'
}

@test "sample org: table, md and json of one person" {
	sample_pipeline
	golden sample.E12.table csf csf-render -t gap,plan --subject E12 "$S"
	golden sample.E12.ja.md csf csf-render -f md --lang ja -t score,plan --subject E12 "$S"
	golden sample.E12.plan.json csf csf-render -f json -t plan --subject E12 "$S"
}

@test "sample org: csv and tsv of one type, inferred and chosen columns" {
	sample_pipeline
	grep '"kind":"group"' "$S" > "$BATS_TEST_TMPDIR/groups"
	golden sample.group.csv csf csf-render -f csv -t gap -c by,value,n,mean,share_at_target,task_coverage,ks_coverage,dist "$BATS_TEST_TMPDIR/groups"
	# n per department is the number of profiles there in the input.
	assert_equal "$(sed 1d "$G/sample.group.csv" | cut -d, -f2,3 | sort)" \
		"$(jq -r 'select(.type == "profile") | .department' "$ROOT/share/csf/sample/staff.ndjson" | sort | uniq -c | awk '{ print $2 "," $1 }' | sort)"
	golden sample.E07.gap.csv csf csf-render -f csv -t gap --subject E07 "$S"
	golden sample.profile.tsv csf csf-render -f tsv -t profile "$S"
}

@test "sample org: the whole HTML report, in Japanese; one person in English" {
	sample_pipeline
	golden sample.ja.html csf csf-render -f html --lang ja --title 'サンプル組織 評価レポート' "$S"
	golden sample.E12.en.html csf csf-render -f html --lang en --subject E12 "$S"
}

# Records stably sorted by type, types in first-seen order: the report
# only depends on the order of records within each type.
by_type() {
	awk '{ t = $0; sub(/^.*"type":"/, "", t); sub(/".*$/, "", t)
		if (!(t in seen)) { seen[t] = ++n; name[n] = t }
		rec[t, ++count[t]] = $0 }
	END { for (i = 1; i <= n; i++) for (j = 1; j <= count[name[i]]; j++) print rec[name[i], j] }' "$1"
}

@test "html: records not grouped by subject give the report grouped ones give" {
	sample_pipeline
	# Each person's records split across the stream (every gap after
	# every score): the report is the golden one all the same.
	by_type "$S" > "$BATS_TEST_TMPDIR/bytype"
	golden sample.ja.html csf csf-render -f html --lang ja --title 'サンプル組織 評価レポート' "$BATS_TEST_TMPDIR/bytype"
	# Shuffled, people are listed by where their records first appear, as
	# for any input; it is the same report as for the shuffled records
	# sorted by type, and every person is in it once.
	shuf --random-source=<(yes) "$S" > "$BATS_TEST_TMPDIR/shuf"
	by_type "$BATS_TEST_TMPDIR/shuf" > "$BATS_TEST_TMPDIR/shuf.bytype"
	csf csf-render -f html --lang ja "$BATS_TEST_TMPDIR/shuf" > "$BATS_TEST_TMPDIR/a.html"
	csf csf-render -f html --lang ja "$BATS_TEST_TMPDIR/shuf.bytype" > "$BATS_TEST_TMPDIR/b.html"
	cmp "$BATS_TEST_TMPDIR/a.html" "$BATS_TEST_TMPDIR/b.html" || fail "shuffled and by-type reports differ"
	run grep -c '^<section id="s[0-9]*" class="person">$' "$BATS_TEST_TMPDIR/a.html"
	assert_output 34
}

@test "html: people streamed in the order the held report lists them" {
	# The score record without a subject makes score the first type, so B
	# (a score) comes before A (only a gap) although A's records came first.
	# A's profile comes after its records; B's second profile is another record.
	cat > "$BATS_TEST_TMPDIR/in" <<-'EOF'
	{"type":"score","kind":"index","note":"no subject"}
	{"type":"gap","kind":"item","subject":"A","item":"T001","current":0,"target":2,"gap":2}
	{"type":"profile","subject":"A","department":"Ops"}
	{"type":"profile","subject":"B","department":"Dev"}
	{"type":"profile","subject":"B","department":"Sales"}
	{"type":"score","kind":"item","subject":"B","item":"T001","current":1,"target":2}
	EOF
	run --separate-stderr csf csf-render -f html --lang en "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output --partial '<li><a href="#s1">Person: B</a></li>
<li><a href="#s2">Person: A</a></li>
<li><a href="#s3">Other records</a></li>'
	assert_output --partial '<section id="s1" class="person">
<h2>Person: B</h2>
<dl class="facts">
<dt>Department</dt><dd>Dev</dd>'
	assert_output --partial '<section id="s2" class="person">
<h2>Person: A</h2>
<dl class="facts">
<dt>Department</dt><dd>Ops</dd>'
	assert_output --partial '<h3>Profiles (1)</h3>'
	assert_output --partial '<td>B</td><td>Sales</td>'
	# The same report from the records sorted by type (B's profiles last).
	csf csf-render -f html --lang en "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/a"
	by_type "$BATS_TEST_TMPDIR/in" | csf csf-render -f html --lang en > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" || fail "streamed and held reports differ"
}

@test "html: a profile for a person whose section has passed without one gives the held report" {
	# A's records, then B's, then A's profile: A's section was made without
	# it, so the report is built as for any order (the same as by type).
	cat > "$BATS_TEST_TMPDIR/in" <<-'EOF'
	{"type":"score","kind":"item","subject":"A","item":"T001","current":1,"target":2}
	{"type":"profile","subject":"B","department":"Dev"}
	{"type":"score","kind":"item","subject":"B","item":"T001","current":2,"target":2}
	{"type":"profile","subject":"A","department":"Ops","name":"Ann"}
	EOF
	run --separate-stderr csf csf-render -f html --lang en "$BATS_TEST_TMPDIR/in"
	assert_success
	assert_output --partial '<li><a href="#s1">Person: Ann</a></li>
<li><a href="#s2">Person: B</a></li>'
	assert_output --partial '<h2>Person: Ann <span class="muted">(A)</span></h2>
<dl class="facts">
<dt>Department</dt><dd>Ops</dd>'
	csf csf-render -f html --lang en "$BATS_TEST_TMPDIR/in" > "$BATS_TEST_TMPDIR/a"
	by_type "$BATS_TEST_TMPDIR/in" | csf csf-render -f html --lang en > "$BATS_TEST_TMPDIR/b"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b" || fail "streamed and held reports differ"
}

@test "html streams people: 10x the organisation, about the same peak" {
	command -v /usr/bin/time > /dev/null 2>&1 || skip "/usr/bin/time not installed"
	ldd "$ROOT/bin/csf-render" | grep -q asan && skip "sanitizer builds keep freed memory"
	[ -n "$CSF_WRAP" ] && skip "under a wrapper"
	for n in 300 3000; do
		awk -v n=$n -v k=40 -f "$ROOT/bench/gen.awk" | "$ROOT/bin/csf-assess" |
			"$ROOT/bin/csf-gap" --by department | "$ROOT/bin/csf-plan" > "$BATS_TEST_TMPDIR/org$n" ||
			fail "pipeline for $n people"
		/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/m$n" "$ROOT/bin/csf-render" -f html \
			"$BATS_TEST_TMPDIR/org$n" > "$BATS_TEST_TMPDIR/html$n" || fail "render for $n people"
	done
	run grep -c '^<section id="s[0-9]*" class="person">$' "$BATS_TEST_TMPDIR/html3000"
	assert_output 3000
	small=$(cat "$BATS_TEST_TMPDIR/m300") large=$(cat "$BATS_TEST_TMPDIR/m3000")
	# 45 MB more input; holding the records took 500 MB more. What grows is
	# a person's place and hash (their name, profile and heat-map figures
	# wait on disk): ~200 bytes a person here, 550 KB; 530 when they stayed.
	[ $((large - small)) -lt 1024 ] || fail "peak RSS grew from $small KB to $large KB"
	# svg: a subject's figures wait on disk too, found by a 16-byte slot
	for n in 300 3000; do
		/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/m$n" "$ROOT/bin/csf-render" -f svg \
			"$BATS_TEST_TMPDIR/org$n" > "$BATS_TEST_TMPDIR/svg$n" || fail "svg for $n people"
	done
	small=$(cat "$BATS_TEST_TMPDIR/m300") large=$(cat "$BATS_TEST_TMPDIR/m3000")
	[ $((large - small)) -lt 1024 ] || fail "svg: peak RSS grew from $small KB to $large KB"
}

@test "sample org: svg heat map of departments and one person's bars" {
	sample_pipeline
	golden sample.heatmap.svg csf csf-render -f svg --chart heatmap "$S"
	golden sample.E12.bars.svg csf csf-render -f svg --chart bars --subject E12 "$S"
	run xmllint --noout "$G/sample.heatmap.svg" "$G/sample.E12.bars.svg"
	assert_success
}

@test "csv: a plan's moves with levels as %g writes them, cut at 159 bytes as before" {
	printf '%s\n' '{"type":"plan","kind":"step","subject":"a","step":1,"moves":[{"item":"T001","from":1,"to":3,"why":"prerequisite"},{"item":"T002","from":2.5,"to":-0.0},{"item":"T003","from":-2,"to":1000000},{"item":"T004","from":1e-7,"to":999999}]}' \
		"{\"type\":\"plan\",\"kind\":\"step\",\"subject\":\"b\",\"step\":2,\"moves\":[{\"item\":\"$(printf 'X%.0s' $(seq 150))\",\"from\":1,\"to\":1000000,\"why\":\"x\"}]}" \
		> "$BATS_TEST_TMPDIR/m.ndjson"
	run --separate-stderr csf csf-render -f tsv -c moves "$BATS_TEST_TMPDIR/m.ndjson"
	assert_success
	assert_line --index 1 "T001 1 -> 3 (prerequisite); T002 2.5 -> -0; T003 -2 -> 1e+06; T004 1e-07 -> 999999"
	assert_line --index 2 "$(printf 'X%.0s' $(seq 150)) 1 -> 1e+"
	run --separate-stderr csf csf-render -f tsv --lang ja -c moves "$BATS_TEST_TMPDIR/m.ndjson"
	assert_line --index 1 "T001 1→3 (前提となる項目); T002 2.5→-0; T003 -2→1e+06; T004 1e-07→999999"
}

# svg keeps people's profiles and summaries in a temporary file until the
# end: the heat map reads them back person by person in the report's order.
svg_texts() {
	grep -o '<text[^>]*>[^<]*</text>' | sed 's/<text[^>]*>//; s/<\/text>//' | tr '\n' '|'
}

@test "svg: heat map of people interleaved, with late and repeated profiles" {
	cat > "$BATS_TEST_TMPDIR/p.ndjson" <<-'EOF'
	{"type":"score","kind":"role","subject":"a","role":"R01","coverage":40}
	{"type":"score","kind":"role","subject":"b","role":"R01","coverage":80}
	{"type":"score","kind":"item","subject":"a","item":"K0001","level":1}
	{"type":"score","kind":"persona","subject":"b","persona":"x","coverage":10}
	{"type":"score","kind":"role","subject":"a","role":"R02","coverage":20}
	{"type":"score","kind":"role","subject":"c","role":"R01","coverage":65}
	{"type":"profile","subject":"b","department":"経理"}
	{"type":"profile","subject":"a","department":"営業"}
	{"type":"profile","subject":"c","department":"営業"}
	{"type":"profile","subject":"a","department":"経理"}
	{"type":"score","kind":"role","subject":"d","role":"R02","coverage":99}
	EOF
	# Departments in person order (a, b; c and a's second profile add
	# none; d has no profile); R01 in 営業 is the mean of a and c (52.5).
	run csf csf-render -f svg "$BATS_TEST_TMPDIR/p.ndjson"
	assert_success
	assert_equal "$(printf '%s' "$output" | svg_texts)" \
		"Roles by department: mean share of items at targe...|営業|経理|R01 Decision-making and strategy|53|80|R02 Strategy execution and projec...|20|Persona x|10|0|100  low ← → high|"
	# The bars are the first person's: a, whose item is held.
	run csf csf-render -f svg --chart bars "$BATS_TEST_TMPDIR/p.ndjson"
	assert_equal "$(printf '%s' "$output" | svg_texts)" \
		"a: level per item against its target|0|1|2|3|4|K0001|At target|1 below target|2 or more below|Target (vertical line)|"
	# From a pipe, and with a person whose summaries come first.
	run sh -c "grep -v K0001 '$BATS_TEST_TMPDIR/p.ndjson' | '$ROOT/bin/csf-render' -f svg --chart bars"
	assert_failure
	assert_equal "$(printf '%s' "$output" | svg_texts)" ""
	assert_line --partial "csf-render: svg: no bars chart in this input"
}

@test "sample org: xlsx of one person, every sheet through LibreOffice" {
	have_soffice
	sample_pipeline
	run csf csf-render --subject E12 -o "$BATS_TEST_TMPDIR/s.xlsx" "$S"
	assert_success
	xlsx_to_csv "$BATS_TEST_TMPDIR/s.xlsx" "$BATS_TEST_TMPDIR/csv"
	# A sheet per kind of record, named in --lang.
	local sheets=('Gaps per item' 'Gaps per person' 'Group figures' 'Learning plan steps' 'Learning plan totals'
		'Levels per item' 'Notes' 'Profiles' 'Progress per persona')
	run ls "$BATS_TEST_TMPDIR/csv"
	assert_output "$(printf 's-%s.csv\n' "${sheets[@]}")"
	for s in "${sheets[@]}"; do
		[ -n "${CSF_REGEN:-}" ] && cp "$BATS_TEST_TMPDIR/csv/s-$s.csv" "$G/sample.E12.xlsx.$s.csv"
		cmp "$BATS_TEST_TMPDIR/csv/s-$s.csv" "$G/sample.E12.xlsx.$s.csv" ||
			fail "sheet $s: $(diff -u "$G/sample.E12.xlsx.$s.csv" "$BATS_TEST_TMPDIR/csv/s-$s.csv")"
	done
}

@test "sample org: headless Chromium draws the report" {
	command -v chromium > /dev/null || skip "Chromium not installed (scripts/deps installs it)"
	command -v python3 > /dev/null || skip "python3 not installed (scripts/deps installs it)"
	sample_pipeline
	csf csf-render --lang ja -o "$BATS_TEST_TMPDIR/sample.html" "$S"
	screenshot "file://$BATS_TEST_TMPDIR/sample.html" "$BATS_TEST_TMPDIR/sample.png"
	run pngstat "$BATS_TEST_TMPDIR/sample.png"
	assert_success
	set -- $output
	[ "$1 $2" = "1200 1600" ] || fail "sample.png is $1x$2"
	[ "$3" -ge 300 ] || fail "sample.png has only $3 colours"
	[ "$(wc -c < "$BATS_TEST_TMPDIR/sample.png")" -ge 40000 ] || fail "sample.png is small"
}

@test "html: plan steps named from the data in --lang, whatever language csf-plan wrote" {
	cat > "$BATS_TEST_TMPDIR/p" <<'EOF2'
{"type":"plan","kind":"step","subject":"u1","step":1,"resource":"pre-cyder","name":"プレCYDER","hours":3,"raises":["S007"],"reason":"未解消で最大のギャップ S007 (0→3)"}
{"type":"plan","kind":"step","subject":"u1","step":2,"resource":"no-such","name":"<i>Own</i> course","hours":1,"reason":"manager's pick <b>"}
{"type":"plan","kind":"step","subject":"u1","step":3,"resource":"pre-cyder","reason":"largest open gap: S007 (0 -> 3) and more"}
{"type":"gap","kind":"item","subject":"u1","item":"S007","class":"skill","current":0,"target":3,"gap":3,"severity":"high"}
{"type":"gap","kind":"item","subject":"u1","item":"X1","class":"other","current":0,"target":1,"gap":1,"severity":"urgent"}
EOF2
	run csf csf-render -f html --lang en "$BATS_TEST_TMPDIR/p"
	assert_success
	assert_output --partial '<li><strong>Pre-CYDER (short introductory course)</strong> (3 hours)<br>Raises: <span title="From first findings gathered inside and outside the organisation, decide what to do first to keep the business running (triage)">S007</span><br><span class="muted">largest open gap: S007 (0 -&gt; 3)</span></li>'
	# Not in the data: the record's own name; a reason of another shape as written, escaped.
	assert_output --partial '<li><strong>&lt;i&gt;Own&lt;/i&gt; course</strong> (1 hour)<br><span class="muted">manager&#39;s pick &lt;b&gt;</span></li>'
	assert_output --partial '<span class="muted">largest open gap: S007 (0 -&gt; 3) and more</span>'
	assert_output --partial '<tr><td class="id">S007</td><td class="word">skill</td>'
	assert_output --partial '<td class="num">1</td><td class="word">urgent</td></tr>'
	run csf csf-render -f html --lang ja "$BATS_TEST_TMPDIR/p"
	assert_output --partial '<li><strong>プレCYDER</strong> (3時間)'
	assert_output --partial '<span class="muted">未解消で最大のギャップ S007 (0→3)</span>'
	assert_output --partial '<tr><td class="id">S007</td><td class="word">スキル</td>'
	assert_output --partial '<td class="num">3</td><td class="word">高</td></tr>'
	assert_output --partial '<tr><td class="id">X1</td><td class="word">other</td>'
}

@test "html: group tables named by their field in --lang" {
	run csf csf-render -f html --lang ja "$R/org.ndjson"
	assert_output --partial '<h3>部署別の集計</h3>'
	assert_output --partial '<details class="group-items"><summary>部署: Ops (6件)</summary>'
	run csf csf-render -f html --lang en "$R/org.ndjson"
	assert_output --partial '<h3>By department</h3>'
	printf '%s\n' '{"type":"gap","kind":"group","by":"site<x>","value":"Osaka","n":1}' |
		csf csf-render -f html --lang ja > "$BATS_TEST_TMPDIR/o"
	run grep -c '<h3>site&lt;x&gt;別の集計</h3>' "$BATS_TEST_TMPDIR/o"
	assert_output 1
}

@test "html: the organisation model's plans are tables with headers and values in --lang" {
	# A small organisation (seed002 Table 4.1 schemes) with the sample's outsourced tasks.
	sed 's/"size":"large"/"size":"small"/' "$ROOT/share/csf/sample/org.ndjson" > "$BATS_TEST_TMPDIR/org"
	csf csf-assess "$BATS_TEST_TMPDIR/org" "$ROOT/share/csf/sample/staff.ndjson" | csf csf-gap | csf csf-plan \
		> "$BATS_TEST_TMPDIR/plan"
	run csf csf-render -f html --lang ja "$BATS_TEST_TMPDIR/plan"
	assert_success
	assert_output --partial '<h3>購入すべきサービス (4)</h3>
<div class="scroll"><table>
<thead><tr><th>対象</th><th>タスク</th><th>部署</th><th>理由</th><th>選定に使うリスト</th><th>サービス種別</th><th>出典</th></tr></thead>
<tbody>
<tr><td>sample</td><td>F31</td><td>監視ベンダー</td><td>委託する項目</td><td>情報セキュリティサービス基準適合サービスリスト</td><td>SVC4 (セキュリティ監視・運用)</td>'
	assert_output --partial '<h3>専門家・講師の派遣制度 (1)</h3>'
	assert_output --partial '<td>DS1 (IPA, 中小企業向け啓発セミナーへの講師派遣, 2021-02); DS2 (IPA, 地域の講習会, 2021-02);'
	assert_output --partial '<h3>組織への対処 (12)</h3>'
	# No raw JSON left in a cell.
	refute_output --partial '[{&quot;id&quot;'
	run csf csf-render -f html --lang en "$BATS_TEST_TMPDIR/plan"
	assert_output --partial '<h3>Services to buy (4)</h3>'
	assert_output --partial '<th>Task</th><th>Units</th><th>Why</th><th>Choose a provider from</th><th>Service types</th>'
	assert_output --partial '<td>SVC3 (Digital forensics)</td>'
	assert_output --partial '<h3>Actions for the organisation (12)</h3>'
}

@test "json, and csv/tsv with --type and --columns, stream: 10x the records, the same peak" {
	command -v /usr/bin/time > /dev/null 2>&1 || skip "/usr/bin/time not installed"
	ldd "$ROOT/bin/csf-render" | grep -q asan && skip "sanitizer builds keep freed memory"
	[ -n "$CSF_WRAP" ] && skip "under a wrapper"
	gen() { awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++)
		printf "{\"type\":\"gap\",\"kind\":\"item\",\"subject\":\"p%d\",\"item\":\"T%03d\",\"gap\":%d,\"note\":\"%0200d\"}\n", i / 10, i % 100, i % 4, i }'; }
	gen 20000 > "$BATS_TEST_TMPDIR/small"
	gen 200000 > "$BATS_TEST_TMPDIR/large"
	for args in "-f json" "-f json -t gap -c subject,gap" "-f csv -t gap -c subject,item,gap" "-f tsv -t gap -c subject,note"; do
		/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/m1" "$ROOT/bin/csf-render" $args "$BATS_TEST_TMPDIR/small" > /dev/null
		/usr/bin/time -f %M -o "$BATS_TEST_TMPDIR/m2" "$ROOT/bin/csf-render" $args "$BATS_TEST_TMPDIR/large" > /dev/null
		small=$(cat "$BATS_TEST_TMPDIR/m1") large=$(cat "$BATS_TEST_TMPDIR/m2")
		# 50 MB more input; a held record set would add tens of MB.
		[ $((large - small)) -lt 1024 ] || fail "$args: peak RSS grew from $small KB to $large KB"
	done
}

# ---- PDF, labels in every format ----

have_poppler() {
	command -v pdfinfo > /dev/null && command -v pdftotext > /dev/null ||
		skip "poppler-utils not installed (scripts/deps installs it)"
}

# The management model's pipeline of csf-mgmt(7) for the 28 companies, into $K.
karte_pipeline() {
	K="$BATS_TEST_TMPDIR/karte.ndjson"
	csf csf-assess --from-benchmark table2.2 > "$BATS_TEST_TMPDIR/k1" || fail "csf-assess"
	csf csf-gap --benchmark karte "$BATS_TEST_TMPDIR/k1" > "$BATS_TEST_TMPDIR/k2" || fail "csf-gap"
	csf csf-plan "$BATS_TEST_TMPDIR/k2" > "$K" || fail "csf-plan"
}

@test "pdf: the records no section shows read as the html report's tables do, in --lang" {
	have_poppler
	csf csf-assess "$ROOT/share/csf/sample/org.ndjson" > "$BATS_TEST_TMPDIR/o1" || fail "csf-assess"
	csf csf-gap "$BATS_TEST_TMPDIR/o1" > "$BATS_TEST_TMPDIR/o2" || fail "csf-gap"
	csf csf-plan "$BATS_TEST_TMPDIR/o2" > "$BATS_TEST_TMPDIR/o3" || fail "csf-plan"
	for l in en ja; do
		csf csf-render -f pdf --lang $l -o "$BATS_TEST_TMPDIR/$l.pdf" "$BATS_TEST_TMPDIR/o3" || fail "pdf $l"
		csf csf-render -f html --lang $l -o "$BATS_TEST_TMPDIR/$l.html" "$BATS_TEST_TMPDIR/o3" || fail "html $l"
		# the html's table headings after the organisation's own
		sed -n 's/^<h3>\([^<]*([0-9]*)\)<\/h3>$/\1/p' "$BATS_TEST_TMPDIR/$l.html" > "$BATS_TEST_TMPDIR/$l.want"
		pdftotext -layout "$BATS_TEST_TMPDIR/$l.pdf" - | grep -x -F -f "$BATS_TEST_TMPDIR/$l.want" > "$BATS_TEST_TMPDIR/$l.got"
		diff "$BATS_TEST_TMPDIR/$l.want" "$BATS_TEST_TMPDIR/$l.got"
	done
	run cat "$BATS_TEST_TMPDIR/ja.got"
	assert_output "$(printf '%s\n' 'メタ情報 (1)' 'org (1)' 'unit (13)' 'assignment (45)' 'score (43)' '購入すべきサービス (4)' '組織への対処 (9)' 'gap (11)')"
	run sh -c "pdftotext '$BATS_TEST_TMPDIR/en.pdf' - | grep -A1 -x 'Services to buy (4)'"
	assert_line --index 1 'Subject: sample; Task: F31; Units: 監視ベンダー; Why: outsourced; Choose a provider from: list of services conforming to the'
}

@test "pdf: one organisation's カルテ is one A4 page: industry, class, directive names, hints" {
	have_poppler
	karte_pipeline
	run csf csf-render --lang ja --subject KK-1 -o "$BATS_TEST_TMPDIR/k.pdf" "$K"
	assert_success
	run pdfinfo "$BATS_TEST_TMPDIR/k.pdf"
	assert_line --regexp '^Pages: +1$'
	assert_line --regexp '^Page size: +595.28 x 841.89 pts \(A4\)$'
	run pdftotext "$BATS_TEST_TMPDIR/k.pdf" -
	assert_output --partial '評価結果(カルテ): KK-1'
	assert_output --partial '業種グループ: 機械器具製造'
	assert_output --partial '成熟度総合評価: C'
	assert_output --partial 'サイバーセキュリティリスク管理体制の構築'
	assert_output --partial '成熟度Bになるためのヒント'
	assert_output --partial '比較データ: '
	# Tips printed, not folded away.
	assert_output --partial '参照するティップス 10-1'
}

@test "pdf: 28 companies: a summary page, then each sheet on a page of its own" {
	have_poppler
	karte_pipeline
	run csf csf-render --lang en -o "$BATS_TEST_TMPDIR/all.pdf" "$K"
	assert_success
	run pdfinfo "$BATS_TEST_TMPDIR/all.pdf"
	assert_line --regexp '^Pages: +29$'
	for page in 2 15 29; do
		run pdftotext -f "$page" -l "$page" "$BATS_TEST_TMPDIR/all.pdf" -
		assert_line --index 0 --regexp '^Assessment result sheet: [A-Z]{2}-[0-9]+$'
	done
	run pdftotext -f 1 -l 1 "$BATS_TEST_TMPDIR/all.pdf" -
	assert_line --index 0 'Cybersecurity workforce and management report'
	assert_output --partial 'KK-1: Overall maturity C'
}

@test "pdf: the demo report: summary first, every person from a new page, names in Japanese" {
	have_poppler
	sample_pipeline
	SOURCE_DATE_EPOCH=1767225600 run csf csf-render --lang ja -o "$BATS_TEST_TMPDIR/demo.pdf" "$S"
	assert_success
	run pdftotext -f 1 -l 1 "$BATS_TEST_TMPDIR/demo.pdf" -
	assert_output --partial '概要'
	assert_output --partial 'データの日付: 2026-01-01 (作成日)'
	assert_output --partial '評価した人数: 34人'
	assert_output --partial '最も大きいギャップ'
	pdftotext "$BATS_TEST_TMPDIR/demo.pdf" "$BATS_TEST_TMPDIR/demo.txt"
	# 34 people, each page of theirs opens with the heading.
	assert_equal "$(tr '\f' '\n' < "$BATS_TEST_TMPDIR/demo.txt" | grep -c '^個人: E[0-9][0-9]$')" 34
	run grep -c '個人: E' "$BATS_TEST_TMPDIR/demo.txt"
	assert_output 34
	# Role and persona names, not their IDs alone.
	run grep -c '監視' "$BATS_TEST_TMPDIR/demo.txt"
	assert [ "$output" -gt 0 ]
	run grep -c 'bさん（副社長）企画担当・情報管理' "$BATS_TEST_TMPDIR/demo.txt"
	assert [ "$output" -gt 0 ]
	# --summary: the organisation only.
	run csf csf-render --lang ja --summary -o "$BATS_TEST_TMPDIR/sum.pdf" "$S"
	run pdftotext "$BATS_TEST_TMPDIR/sum.pdf" -
	refute_output --partial '個人: E'
	assert_output --partial '単一障害点'
}

@test "every tabular format follows --lang: headers, kinds as sections, values as words" {
	sample_pipeline
	run csf csf-render --lang ja -f csv --kind item -t gap --subject E07 "$S"
	assert_success
	assert_line --index 0 $'対象,項目,内容,区分,現在,目標,差,重要度,関わり方,局面\r'
	assert_line --index 1 $'E07,T002,ユーザーアカウント・権限管理,タスク,0,3,3,高,自ら担う,平常時\r'
	run csf csf-render --lang en -f tsv --kind group "$S"
	assert_line --index 0 $'Grouped by\tGroup\tPeople\tMean\tAt target (%)\tTasks at target (%)\tKnowledge and skills at target (%)\tUnanswered\tLevels 0-4\tSingle points of failure\tItems nobody holds\tAnswers\tAt target\tItems\tTasks\tTasks held\tKnowledge and skills\tKnowledge and skills held'
	# Arrays read as text: spof as "item (holder)", never JSON.
	refute_output --partial '[{'
	assert_output --partial 'T009 (E31); T011 (E30)'
	# --raw keeps keys and values as written.
	run csf csf-render --raw -f csv -t gap --kind group -c value,share_at_target "$S"
	assert_line --index 0 $'value,share_at_target\r'
}

@test "a manager's numbers: カルテ means at one decimal, not 3.3333" {
	karte_pipeline
	run csf csf-render --lang ja -f table -t score --kind directive --subject KK-1 "$K"
	assert_success
	assert_line --index 0 '指示ごとの平均値 (10)'
	assert_line --index 3 --regexp '^KK-1  D1    サイバーセキュリティリスクの認識、組織全体での対応方針の策定 +2\.3  +2  +3  +3  +2\.33  2( .*)?$'
	refute_output --partial '3.3333'
}

@test "xlsx in Japanese: LibreOffice reads the localized headers and sheet names" {
	have_soffice
	sample_pipeline
	run csf csf-render --lang ja --subject E12 -o "$BATS_TEST_TMPDIR/ja.xlsx" "$S"
	assert_success
	xlsx_to_csv "$BATS_TEST_TMPDIR/ja.xlsx" "$BATS_TEST_TMPDIR/csv"
	run head -1 "$BATS_TEST_TMPDIR/csv/ja-項目ごとのギャップ.csv"
	assert_output '対象,項目,内容,区分,現在,目標,差,重要度,関わり方,局面'
	run head -2 "$BATS_TEST_TMPDIR/csv/ja-学習計画の手順.csv"
	assert_line --index 1 'E12,1,ojt-R03,OJT（監視）,演習,80,,T015、S019,未解消で最大のギャップ T015 (0→3),T015 0→2 (未解消で最大のギャップ); S019 1→2 (同じ教材で上がる),ojt,3'
}

@test "--split DIR: a report per person and an index linking them" {
	sample_pipeline
	run csf csf-render --lang ja --split "$BATS_TEST_TMPDIR/out" "$S"
	assert_success
	assert_equal "$(ls "$BATS_TEST_TMPDIR/out" | grep -c '^E[0-9][0-9]\.html$')" 34
	run grep -c '<section id="s[0-9]*" class="person">' "$BATS_TEST_TMPDIR/out/E12.html"
	assert_output 1
	run grep -o 'href="E[0-9]*\.html"' "$BATS_TEST_TMPDIR/out/index.html"
	assert_equal "${#lines[@]}" 34
	refute_output --partial 'class="person"'
}

# A page of our own that loads a report in a frame of WIDTH pixels and
# writes what the layout came to: the widest box, and the fewest characters
# a line of any table header holds (1: broken per character).
layout_probe() {
	local report="$1" width="$2" probe="$BATS_TEST_TMPDIR/probe-$2.html"
	cat > "$probe" <<PROBE
<!DOCTYPE html><html><head><meta charset="utf-8"></head><body style="margin:0">
<iframe id="r" src="$(basename "$report")" style="width:${width}px;height:900px;border:0"></iframe>
<pre id="out">pending</pre>
<script>
document.getElementById('r').onload = function () {
  var d = this.contentDocument, fewest = 99, over = 0;
  d.querySelectorAll('th').forEach(function (th) {
    /* Lines of the text itself (not the row's height): distinct tops. */
    var n = th.textContent.length, r = d.createRange(), tops = {};
    r.selectNodeContents(th);
    Array.prototype.forEach.call(r.getClientRects(), function (b) { tops[Math.round(b.top)] = 1; });
    var lines = Math.max(1, Object.keys(tops).length);
    if (n >= 4 && n / lines < fewest) fewest = Math.floor(n / lines);
  });
  d.querySelectorAll('body > *, section > *').forEach(function (e) {
    if (e.getBoundingClientRect().right > d.documentElement.clientWidth + 1) over++;
  });
  document.getElementById('out').textContent = 'page ' + d.documentElement.scrollWidth + '/' +
    d.documentElement.clientWidth + ' overflowing ' + over + ' fewest ' + fewest;
};
</script></body></html>
PROBE
	chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
		--user-data-dir="$BATS_TEST_TMPDIR/chromium" --allow-file-access-from-files \
		--virtual-time-budget=5000 --dump-dom "file://$probe" 2> /dev/null |
		sed -n 's/.*<pre id="out">\([^<]*\)<.*/\1/p'
}

@test "html in Chromium at 1280 and 390 px: drawn, nothing wider than a phone, headers whole" {
	command -v chromium > /dev/null || skip "Chromium not installed (scripts/deps installs it)"
	command -v python3 > /dev/null || skip "python3 not installed (scripts/deps installs it)"
	sample_pipeline
	karte_pipeline
	csf csf-render --lang ja -o "$BATS_TEST_TMPDIR/demo.html" "$S"
	csf csf-render --lang ja --subject KK-1 -o "$BATS_TEST_TMPDIR/karte.html" "$K"
	for p in demo karte; do
		for w in 1280 390; do
			chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
				--user-data-dir="$BATS_TEST_TMPDIR/chromium" --screenshot="$BATS_TEST_TMPDIR/$p-$w.png" \
				--window-size=$w,1800 "file://$BATS_TEST_TMPDIR/$p.html" > /dev/null 2>&1 || fail "chromium $p $w"
			run pngstat "$BATS_TEST_TMPDIR/$p-$w.png"
			assert_success
			set -- $output
			[ "$1 $2" = "$w 1800" ] || fail "$p-$w.png is $1x$2"
			[ "$3" -ge 300 ] || fail "$p-$w.png has only $3 colours"
		done
		# At 390 px the page is no wider than the screen: wide tables scroll
		# in their own box; no header holds two characters or fewer a line.
		run layout_probe "$BATS_TEST_TMPDIR/$p.html" 390
		assert_output --regexp '^page ([0-9]+)/\1 overflowing 0 fewest ([2-9]|[1-9][0-9])$'
	done
}

@test "html printed to PDF by Chromium: A4, and one company's カルテ on one page" {
	command -v chromium > /dev/null || skip "Chromium not installed (scripts/deps installs it)"
	have_poppler
	karte_pipeline
	for s in KK-1 KK-2 SV-2; do
		csf csf-render --lang ja --subject "$s" -o "$BATS_TEST_TMPDIR/$s.html" "$K"
		chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
			--user-data-dir="$BATS_TEST_TMPDIR/chromium" --no-pdf-header-footer \
			--print-to-pdf="$BATS_TEST_TMPDIR/$s.pdf" "file://$BATS_TEST_TMPDIR/$s.html" > /dev/null 2>&1 ||
			fail "chromium --print-to-pdf $s"
		run pdfinfo "$BATS_TEST_TMPDIR/$s.pdf"
		assert_line --regexp '^Pages: +1$'
		assert_line --regexp '^Page size: +59[0-9.]+ x 84[0-9.]+ pts \(A4\)$'
		# Tips and answers print: nothing stays folded.
		run pdftotext "$BATS_TEST_TMPDIR/$s.pdf" -
		assert_output --partial '参照するティップス'
	done
}

@test "html: 30 people's sections (1.2 MB, written past stdio's buffer) in order from a file, a pipe and -o; a full disk is a write error" {
	local d="$BATS_TEST_TMPDIR"
	awk -v n=30 -v k=40 -f "$ROOT/bench/gen.awk" | csf csf-assess | csf csf-gap --by department | csf csf-plan > "$d/p.ndjson"
	csf csf-render -f html "$d/p.ndjson" > "$d/file.html"
	csf csf-render -f html < "$d/p.ndjson" > "$d/stdin.html"
	cat "$d/p.ndjson" | csf csf-render -f html > "$d/pipe.html"
	csf csf-render -f html -o "$d/o.html" "$d/p.ndjson"
	[ "$(wc -c < "$d/file.html")" -gt 1000000 ] || fail "the report is smaller than the sections' buffer"
	cmp "$d/file.html" "$d/stdin.html"
	cmp "$d/file.html" "$d/pipe.html"
	cmp "$d/file.html" "$d/o.html"
	# the organisation, then u000001 to u000030, one section each, numbered in order
	local want got
	want="s1 org Organisation"
	for i in $(seq 1 30); do want="$want
s$((i + 1)) person Person: $(printf 'u%06d' "$i")"; done
	got=$(awk '/^<section id="s[0-9]*" class="[a-z]*">$/ { split($0, a, "\""); s = a[2] " " a[4]; next }
		s != "" && /^<h2>/ { sub(/^<h2>/, ""); sub(/<\/h2>.*/, ""); print s " " $0; s = "" }' "$d/file.html")
	assert_equal "$got" "$want"
	# the overview, the organisation and 30 people: each section closed
	assert_equal "$(grep -c '<section' "$d/file.html") $(grep -c '^</section>$' "$d/file.html")" "32 32"
	[ -w /dev/full ] || skip "no /dev/full"
	run --separate-stderr sh -c "'$ROOT/bin/csf-render' -f html '$d/p.ndjson' > /dev/full"
	assert_equal "$status" 1
	assert_equal "$stderr" "csf-render: write error: No space left on device"
}
