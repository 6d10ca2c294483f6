# bench/render.sh - csf-render on the whole pipeline's output:
# CPU MB/s of each format and against csf-cat reading the same stream
# (issue: html at 100 MB/s, within 4x of csf-cat), with CSF_OLD the html
# figure before and after, and peak memory and temporary bytes at two
# input sizes, which should be the same for every format that streams.
# Sourced by bench/run (which provides measure, per_run, row, cpu, kib,
# ratio, $runs, $old and $TMP). csf-cat reads the stream in about 50 ms
# and html in a few hundred: both are the mean of several runs timed at
# once (per_run), so that the ratio does not sit on time(1)'s 10 ms steps.

# 2000 people (RENDER_SUBJECTS): about 250 000 records, 48 MB.
rn=${RENDER_SUBJECTS:-2000}
echo "== csf-render over the pipeline of $rn people (gen.awk | assess | gap --by department | plan) =="
awk -v n="$rn" -v k=40 -f bench/gen.awk | bin/csf-assess | bin/csf-gap --by department | bin/csf-plan > "$TMP/pipeline.ndjson"
rbytes=$(wc -c < "$TMP/pipeline.ndjson")
echo "pipeline: $(wc -l < "$TMP/pipeline.ndjson") records, $rbytes bytes"
mbs() { awk -v b="$rbytes" -v ms="$1" 'BEGIN { printf "%.0f", (ms > 0 ? b / 1e6 / (ms / 1000) : 0) }'; }
c=$(per_run 10 "bin/csf-cat $TMP/pipeline.ndjson")
row "csf-cat ($(mbs "$(cpu "$c")") MB/s cpu, mean of 10)" "$c"
for f in html csv table xlsx; do
	if [ "$f" = html ]; then
		r=$(per_run 3 "bin/csf-render -f $f -o $TMP/out.$f $TMP/pipeline.ndjson")
	else
		r=$(measure "bin/csf-render -f $f -o $TMP/out.$f $TMP/pipeline.ndjson")
	fi
	row "csf-render -f $f ($(mbs "$(cpu "$r")") MB/s cpu, $(ratio "$(cpu "$r")" "$(cpu "$c")")x csf-cat)" "$r"
	if [ "$f" = html ] && [ -n "$old" ]; then
		w=$(per_run 3 "$old/bin/csf-render -f $f -o $TMP/out.$f $TMP/pipeline.ndjson")
		row "  before ($(mbs "$(cpu "$w")") MB/s cpu)" "$w"
		echo "    before / after: cpu $(ratio "$(cpu "$w")" "$(cpu "$r")")x"
	fi
	if [ "$f" = html ]; then
		# With -o the kernel writes the 80 MB report into the page cache
		# and, at the rename, frees the one it replaces (0.06-0.08 s of
		# system time, more than csf-cat's whole read): csf-cat -o pays
		# the same for its own output, so this is the like-for-like -o ratio.
		ro=$r
		co=$(per_run 10 "bin/csf-cat -o $TMP/out.cat $TMP/pipeline.ndjson")
		row "  csf-cat -o, its output to a file too" "$co"
		echo "    html -o / csf-cat -o: cpu $(ratio "$(cpu "$ro")" "$(cpu "$co")")x"
		# The same to stdout (discarded): without the kernel's cost of
		# writing the 80 MB file, which -o adds to every run.
		r=$(per_run 3 "bin/csf-render -f html $TMP/pipeline.ndjson")
		row "  to stdout ($(mbs "$(cpu "$r")") MB/s cpu, $(ratio "$(cpu "$r")" "$(cpu "$c")")x csf-cat)" "$r"
		if [ -n "$old" ]; then
			w=$(per_run 3 "$old/bin/csf-render -f html $TMP/pipeline.ndjson")
			row "  before, to stdout ($(mbs "$(cpu "$w")") MB/s cpu)" "$w"
		fi
	fi
done
echo "  (targets: html >= 100 MB/s and <= 4x csf-cat; csf-cat and html: mean of 10 and 3 runs)"

# Peak memory at the whole pipeline and at its first quarter; html from a
# pipe spools its input once, from a file it reads the file again.
head -n $(( $(wc -l < "$TMP/pipeline.ndjson") / 4 )) "$TMP/pipeline.ndjson" > "$TMP/quarter.ndjson"
runs_before=$runs
runs=1
for f in csv table md json html xlsx svg; do
	q=$(measure "bin/csf-render -f $f -o $TMP/out.$f $TMP/quarter.ndjson")
	w=$(measure "bin/csf-render -f $f -o $TMP/out.$f $TMP/pipeline.ndjson")
	echo "  csf-render -f $f peak: $(kib "$q") KiB at 1/4 of the input, $(kib "$w") KiB at all of it"
done
# Memory that grows with the people rather than the records shows only on
# more of them: the same pipeline of 8 x the people (the issue's 4 M
# records at the default size), for the formats that take seconds there.
awk -v n=$((rn * 8)) -v k=40 -f bench/gen.awk | bin/csf-assess | bin/csf-gap --by department | bin/csf-plan > "$TMP/pipeline8.ndjson"
echo "  at 8 x the people: $(wc -l < "$TMP/pipeline8.ndjson") records, $(wc -c < "$TMP/pipeline8.ndjson") bytes"
for f in csv json html svg; do
	q=$(measure "bin/csf-render -f $f -o $TMP/out.$f $TMP/quarter.ndjson")
	e=$(measure "bin/csf-render -f $f -o $TMP/out.$f $TMP/pipeline8.ndjson")
	echo "  csf-render -f $f peak: $(kib "$q") KiB at $((rn / 4)) people, $(kib "$e") KiB at $((rn * 8)):" \
	     "$(( ($(kib "$e") - $(kib "$q")) * 1024 / (rn * 8 - rn / 4) )) bytes a person"
done
rm -f "$TMP/pipeline8.ndjson"
q=$(measure "cat $TMP/quarter.ndjson | bin/csf-render -f html -o $TMP/out.html")
w=$(measure "cat $TMP/pipeline.ndjson | bin/csf-render -f html -o $TMP/out.html")
echo "  csf-render -f html from a pipe peak: $(kib "$q") KiB at 1/4, $(kib "$w") KiB at all (and a spool of the input on disk)"
runs=$runs_before
