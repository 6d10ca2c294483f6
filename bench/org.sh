# bench/org.sh - sourced by bench/run: the organisation model at scale,
# 1 000 organisations x 60 tasks x 8 units through
# csf-assess | csf-gap --by industry, against jq doing the same
# aggregation (bench/org.jq); the two results must agree.
on=${ORG_N:-1000}
awk -v n="$on" -v t=60 -f bench/org-gen.awk > "$TMP/orgs.ndjson"
echo "== organisation model: $on organisations x 60 tasks x 8 units, $(wc -l < "$TMP/orgs.ndjson") records =="
bin/csf-assess "$TMP/orgs.ndjson" | bin/csf-gap --by industry |
	jq -r 'select(.kind == "org_model") | [.value, .task, .mode.own, .mode.support, .mode.outsource] | @tsv' |
	sort > "$TMP/org.csf"
jq -rs -f bench/org.jq "$TMP/orgs.ndjson" | sort > "$TMP/org.jq"
if cmp -s "$TMP/org.csf" "$TMP/org.jq"; then
	echo "csf and jq agree on $(wc -l < "$TMP/org.csf") industry x task counts"
else
	echo "csf and jq DISAGREE on the distribution model" >&2
	exit 1
fi
c=$(best "bin/csf-assess $TMP/orgs.ndjson | bin/csf-gap --by industry")
j=$(best "jq -rs -f bench/org.jq $TMP/orgs.ndjson")
echo "csf-assess | csf-gap --by industry ${c} ms, jq ${j} ms"
echo "jq / csf = $(ratio "$j" "$c")x (target >= 10, aggregation)"
