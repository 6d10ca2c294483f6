#!/bin/sh
# seed.sh DIR: one seed file per line of the shipped data and test fixtures,
# plus the hand-written edge cases of tests/core.bats.
# seed.sh --csv DIR: answer sheets for csv_read: the golden CSV files of
# tests/, a template sheet, and hand-written edge cases (quotes, CRLF, BOM,
# the formula guard's quote, ragged rows, repeated headers).
set -e
root=$(cd "$(dirname "$0")/.." && pwd)
if [ "$1" = --csv ]; then
	dir=${2:-csv-corpus}
	mkdir -p "$dir"
	n=0
	find "$root/tests" -name '*.csv' | while IFS= read -r f; do
		n=$((n + 1))
		head -c 2048 "$f" > "$dir/golden-$n"
	done
	if [ -x "$root/bin/csf-assess" ]; then
		CSF_DATADIR="$root/share/csf" "$root/bin/csf-assess" --template -r R03 -s "=x" --format csv | head -c 2048 > "$dir/template"
	fi
	i=0
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%b' "$line" > "$dir/edge-$i"
	done <<'END'
subject,item,level\r\nu1,K001,3\r\nu1,K002,\r\n
\xef\xbb\xbfsubject,item,level,target\nu1,K001,2,3\n"u,2",K002,1,2\n
Subject , ITEM ,Level\n"a ""q""",S001,4\n
subject,item,level\n'=1,K001,1\n''-1,K002,0\n
type,subject,role,department,item,level\nprofile,u1,R03,Ops,,\nanswer,u1,,,K001,2\n
subject,item,level\nu1,K001\nu1,K001,2,9\n
subject,subject,level\nu,K001,1\n
subject,item,level\n"unterminated,K001,1\n
subject,item,level\nu1,K001,1\rx\n
subject,item,level\n\xe3\x81\x82,K001,\xff\n
END
	echo "$(ls "$dir" | wc -l) CSV seeds in $dir"
	exit 0
fi
dir=${1:-corpus}
mkdir -p "$dir"
n=0
for f in "$root"/share/csf/*.ndjson $(find "$root/tests/fixtures" -name '*.ndjson'); do
	while IFS= read -r line || [ -n "$line" ]; do
		n=$((n + 1))
		printf '%s' "$line" > "$dir/seed-$n"
	done < "$f"
done
i=0
while IFS= read -r line; do
	i=$((i + 1))
	printf '%b' "$line" > "$dir/edge-$i"
done <<'END'
{"type":"meta", "z" : [1, 2.50]}
{"type":"\\u0061nswer"}
{"m":{"type":"answer"},"type":"meta"}
{"s":"\\ud83d\\ude00 \\u00e9","t":true,"f":false,"n":null}
{"n":-0.5e-3,"m":9223372036854775807,"k":-9223372036854775808}
{"n":1e308,"u":1e-320,"z":0e0,"e":1E+2}
{"type":"answer","type":1}
{"":{},"a":[],"b":[{}],"c":"\\/\\b\\f\\n\\r\\t\\"\\\\"}
{"s":"\xe3\x81\x82\xf0\x9f\x98\x80"}
 \t{"type" : "x"} \r\n
END
echo "$n data seeds, $i edge seeds in $dir"
