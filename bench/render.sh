# bench/render.sh - csf-render on the whole pipeline's output of $ORG:
# speed of each format in MB/s and against csf-cat reading the same
# stream (issue: html within 4x of csf-cat), and peak memory at two input
# sizes, which should be the same for every format that streams.
# Sourced by bench/run (which provides best, ratio, $TMP and $ORG).

echo "== csf-render over the pipeline of $(basename "$ORG") (assess | gap --by department | plan) =="
bin/csf-assess "$ORG" | bin/csf-gap --by department | bin/csf-plan > "$TMP/pipeline.ndjson"
rbytes=$(wc -c < "$TMP/pipeline.ndjson")
echo "pipeline: $(wc -l < "$TMP/pipeline.ndjson") records, $rbytes bytes"
mbs() { awk -v b="$rbytes" -v ms="$1" 'BEGIN { printf "%.0f", (ms > 0 ? b / 1e6 / (ms / 1000) : 0) }'; }
cat_ms=$(best "bin/csf-cat $TMP/pipeline.ndjson")
echo "csf-cat: ${cat_ms} ms ($(mbs "$cat_ms") MB/s)"
for f in html csv table xlsx; do
	t=$(best "bin/csf-render -f $f -o $TMP/out.$f $TMP/pipeline.ndjson")
	echo "csf-render -f $f: ${t} ms ($(mbs "$t") MB/s), $(ratio "$t" "$cat_ms")x csf-cat"
done
echo "(targets: html >= 100 MB/s and <= 4x csf-cat)"

# Peak memory at the whole pipeline and at its first quarter.
if [ -x /usr/bin/time ]; then
	head -n $(( $(wc -l < "$TMP/pipeline.ndjson") / 4 )) "$TMP/pipeline.ndjson" > "$TMP/quarter.ndjson"
	for f in csv table md json html xlsx svg; do
		q=$( { /usr/bin/time -f %M bin/csf-render -f $f -o "$TMP/out.$f" "$TMP/quarter.ndjson"; } 2>&1 | tail -1)
		w=$( { /usr/bin/time -f %M bin/csf-render -f $f -o "$TMP/out.$f" "$TMP/pipeline.ndjson"; } 2>&1 | tail -1)
		echo "csf-render -f $f peak: ${q} KB at 1/4 of the input, ${w} KB at all of it"
	done
else
	echo "(no /usr/bin/time: peak memory not measured)"
fi
