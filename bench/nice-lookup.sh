# bench/nice-lookup.sh - load NIST's NICE v2.1.0 file (2.4 MB) and list one
# work role's tasks, knowledge and skills with their texts: csf-map-nice
# against jq answering the same question (jq's fastest form we found: a
# set of the role's destination IDs, then one pass over the elements).
# Sourced by bench/run, or run alone: sh bench/nice-lookup.sh
# NICE_FILE overrides the file, NICE_RUNS the runs (10); hyperfine is used
# when installed.

[ -x bin/csf-map-nice ] || cd "$(dirname "$0")/.." || exit 1
nice_file=${NICE_FILE:-../shared/nice/nice_components_v2.1.0_cprt.json}
nice_runs=${NICE_RUNS:-10}
nice_role=PD-WRL-003
nice_jq='.response.elements
  | ([.relationships[] | select(.source_element_identifier == "'$nice_role'")
      | {key: .dest_element_identifier, value: true}] | from_entries) as $ids
  | .elements[]
  | select($ids[.element_identifier] and (.element_type == "task"
      or .element_type == "knowledge" or .element_type == "skill"))
  | {id: .element_identifier, kind: .element_type, text}'

# best wall-clock ms of $nice_runs runs of: sh -c "$1"
nice_best() {
	nb=""
	i=0
	while [ "$i" -lt "$nice_runs" ]; do
		t0=$(date +%s%N)
		sh -c "exec $1" > /dev/null 2>&1
		t1=$(date +%s%N)
		t=$(( (t1 - t0) / 1000 ))
		if [ -z "$nb" ] || [ "$t" -lt "$nb" ]; then nb=$t; fi
		i=$((i + 1))
	done
	awk -v us="$nb" 'BEGIN { printf "%.1f", us / 1000 }'
}

echo "== NICE look-up: load $(basename "$nice_file") + list work role $nice_role =="
if [ ! -r "$nice_file" ]; then
	echo "skipped: $nice_file not readable (set NICE_FILE)"
elif [ ! -x bin/csf-map-nice ]; then
	echo "skipped: bin/csf-map-nice not built (make)"
else
	csf_cmd="bin/csf-map-nice --nice '$nice_file' --work-role $nice_role"
	jq_cmd="jq -c '$nice_jq' '$nice_file'"
	# Same answer first: 107 items (29 T, 55 K, 23 S) from both.
	n_csf=$(sh -c "$csf_cmd" | grep -c '"type":"nice_item"')
	n_jq=$(sh -c "$jq_cmd" | wc -l)
	echo "items: csf-map-nice $n_csf, jq $n_jq"
	if command -v hyperfine > /dev/null 2>&1; then
		hyperfine -N --warmup 3 --runs "$nice_runs" "$csf_cmd" "$jq_cmd"
	else
		sh -c "$csf_cmd" > /dev/null   # warm the page cache
		c_ms=$(nice_best "$csf_cmd")
		j_ms=$(nice_best "$jq_cmd")
		echo "csf-map-nice ${c_ms} ms, jq ${j_ms} ms (best of $nice_runs)"
		awk -v c="$c_ms" -v j="$j_ms" 'BEGIN { printf "jq / csf-map-nice = %.1fx\n", (c > 0 ? j / c : 0) }'
	fi
fi

# Forward annotation: gap records (made from the synthetic organisation's
# answers) get their items' NICE work roles and IDs; jq does the same join
# with the data files slurped once.
echo
echo "== NICE forward map: gap records annotated with work roles and IDs =="
nice_tmp=${TMP:-${TMPDIR:-/tmp}}
nice_gaps="$nice_tmp/nice-gaps.$$.ndjson"
if [ -n "$ORG" ] && [ -r "$ORG" ]; then cat "$ORG"; else awk -v n=2000 -v k=40 -f bench/gen.awk; fi |
awk -F'"' '/"type":"answer"/ {
	match($0, /"level":[0-9]+/); l = substr($0, RSTART + 8, RLENGTH - 8)
	match($0, /"target":[0-9]+/); t = substr($0, RSTART + 9, RLENGTH - 9)
	printf "{\"type\":\"gap\",\"subject\":\"%s\",\"item\":\"%s\",\"current\":%d,\"target\":%d,\"gap\":%d}\n", $8, $12, l, t, t - l
	next } { print }' > "$nice_gaps"
nice_fwd_jq='($t | map({key: .id, value: .nice}) | from_entries) as $m
  | ([$c[] | select(.type == "nice_work_role") | .id as $w | (.tasks + .knowledge + .skills)[] | {k: ., w: $w}]
     | group_by(.k) | map({key: .[0].k, value: map(.w)}) | from_entries) as $wr
  | inputs
  | if .type == "gap" then .map = {nice: {version: "2.1.0", work_roles: ([$m[.item][]? | $wr[.][]?] | unique), items: $m[.item]}} else . end'
echo "input: $(wc -l < "$nice_gaps") records"
nice_runs=3
c_ms=$(nice_best "bin/csf-map-nice '$nice_gaps'")
j_ms=$(nice_best "jq -n -c --slurpfile t share/csf/tks.ndjson --slurpfile c share/csf/crosswalk.ndjson '$nice_fwd_jq' '$nice_gaps'")
echo "csf-map-nice ${c_ms} ms, jq ${j_ms} ms (best of $nice_runs)"
awk -v c="$c_ms" -v j="$j_ms" 'BEGIN { printf "jq / csf-map-nice = %.1fx\n", (c > 0 ? j / c : 0) }'
rm -f "$nice_gaps"
