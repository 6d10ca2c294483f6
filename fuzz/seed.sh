#!/bin/sh
# seed.sh DIR: one seed file per line of the shipped data and test fixtures,
# plus the hand-written edge cases of tests/core.bats.
set -e
dir=${1:-corpus}
root=$(cd "$(dirname "$0")/.." && pwd)
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
