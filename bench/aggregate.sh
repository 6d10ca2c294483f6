# bench/aggregate.sh - aggregation: csf-gap --by department against jq
# computing a subset of the same figures (pairs, unanswered, mean level,
# share at target, distribution per level) in one streaming reduce.
# csf-gap also finds single points of failure, so the ratio is conservative.
# Sourced by bench/run (which provides best, ratio, $TMP and $ORG).

echo "== aggregation: csf-gap --by department over $(basename "$ORG")'s scores =="
bin/csf-assess "$ORG" > "$TMP/scores.ndjson"
agg_jq='reduce inputs as $r ({};
	if $r.type == "profile" then .dept[$r.subject] = $r.department
	elif $r.type == "score" and $r.kind == "item" then
		.dept[$r.subject] as $d
		| .g[$d].pairs += 1
		| if $r.current == null then .g[$d].unanswered += 1
		  else .g[$d].sum += $r.current | .g[$d].dist[$r.current] += 1
		     | (if $r.current >= $r.target then .g[$d].at += 1 else . end)
		  end
	else . end)
	| .g | to_entries[] | .value as $v
	| {department: .key, pairs: $v.pairs, unanswered: $v.unanswered,
	   mean: ($v.sum / ($v.pairs - $v.unanswered)),
	   share_at_target: (100 * $v.at / $v.pairs), dist: $v.dist}'
c=$(best "bin/csf-gap --by department $TMP/scores.ndjson")
j=$(best "jq -nc '$agg_jq' $TMP/scores.ndjson")
echo "$(wc -l < "$TMP/scores.ndjson") score records: csf-gap ${c} ms, jq ${j} ms"
echo "jq / csf = $(ratio "$j" "$c")x (target >= 10)"

echo
echo "== start-up with data loaded: csf-roles --role R03, 200 runs =="
t0=$(date +%s%N)
i=0
while [ $i -lt 200 ]; do bin/csf-roles --role R03 > /dev/null; i=$((i + 1)); done
t1=$(date +%s%N)
echo "mean $(awk -v ns=$((t1 - t0)) 'BEGIN { printf "%.2f", ns / 200 / 1e6 }') ms per run (target < 3 ms, fork+exec included)"
if command -v valgrind > /dev/null 2>&1; then
	# Instruction counts do not depend on how busy the machine is.
	ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : //p'; }
	echo "instructions: csf-roles --role R03 $(ir bin/csf-roles --role R03), csf-cat --version $(ir bin/csf-cat --version)"
fi
