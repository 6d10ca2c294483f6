# bench/nice-coverage.sh - csf-map-nice -c -b subject on input grouped by
# subject holds one subject at a time: its peak memory must not grow with
# the subjects beyond the 16 bytes each that catch a subject coming back
# (before streaming it grew ~700 bytes a subject; -u still holds them all).
# Sourced by bench/run (COV_SUBJECTS), or run alone:
#   sh bench/nice-coverage.sh [SUBJECTS]
# Peak memory at SUBJECTS (default 20000) and ten times as many; then
# the sharded forms (-j2; --partial, --merge) against one run.

[ -x bin/csf-map-nice ] || cd "$(dirname "$0")/.." || exit 1
cov_n=${COV_SUBJECTS:-${1:-20000}}
cov_tmp=${TMP:-${TMPDIR:-/tmp}}
export CSF_DATADIR="${CSF_DATADIR:-$PWD/share/csf}"

# peak KiB and CPU seconds of: csf-map-nice ARGS < FILE
cov_peak() {
	/usr/bin/time -f '%M %U %S' -o "$cov_tmp/cov.time" bin/csf-map-nice "$@" > /dev/null
	awk '{ printf "%d %.2f", $1, $2 + $3 }' "$cov_tmp/cov.time"
}

echo "== NICE coverage by subject: peak memory at $cov_n and $((cov_n * 10)) subjects =="
awk -v n="$cov_n" -v k=4 -f bench/scores-gen.awk > "$cov_tmp/cov1.ndjson"
awk -v n=$((cov_n * 10)) -v k=4 -f bench/scores-gen.awk > "$cov_tmp/cov10.ndjson"
read -r small small_cpu <<COV
$(cov_peak -c -b subject "$cov_tmp/cov1.ndjson")
COV
read -r big big_cpu <<COV
$(cov_peak -c -b subject "$cov_tmp/cov10.ndjson")
COV
per=$(( (big - small) * 1024 / (cov_n * 9) ))
printf '  grouped:  %8d KiB, %5s s cpu   %8d KiB, %5s s cpu   %d bytes a subject (target <= 64)\n' \
	"$small" "$small_cpu" "$big" "$big_cpu" "$per"
hsmall=$(cov_peak -c -b subject -u "$cov_tmp/cov1.ndjson" | cut -d' ' -f1)
hbig=$(cov_peak -c -b subject -u "$cov_tmp/cov10.ndjson" | cut -d' ' -f1)
printf '  held (-u): %7d KiB                %8d KiB                %d bytes a subject\n' \
	"$hsmall" "$hbig" $(( (hbig - hsmall) * 1024 / (cov_n * 9) ))
[ "$per" -le 64 ] || echo "  WARNING: grouped coverage grows with the subjects"
rm -f "$cov_tmp/cov1.ndjson" "$cov_tmp/cov10.ndjson"

# ---- sharded coverage: --partial shards merged against one run ----
# Coverage by department (an aggregate: a small result from a large input)
# at 10 x SUBJECTS subjects: one run; -j2 (one file read by two
# processes); two shard files written into one pipe and merged; GNU
# parallel --pipepart -j2 and merged. The merged
# records must equal one run's. The machine is shared, so besides wall
# time the critical path is shown: the slower shard's CPU plus the merge's,
# what two idle cores would take. Then --by subject, which is not an
# aggregate (about 16 records a subject): there the merge writes them all.
cov_runs=${RUNS:-3}
# best wall of $cov_runs runs of sh -c CMD, as "WALL_MS CPU_MS"
cov_time() {
	cov_best=""
	cov_i=0
	while [ "$cov_i" -lt "$cov_runs" ]; do
		/usr/bin/time -f '%e %U %S' -o "$cov_tmp/cov.time" sh -c "$1" > /dev/null
		cov_r=$(awk '{ printf "%d %d", $1 * 1000, ($2 + $3) * 1000 }' "$cov_tmp/cov.time")
		if [ -z "$cov_best" ] || [ "${cov_r%% *}" -lt "${cov_best%% *}" ]; then cov_best=$cov_r; fi
		cov_i=$((cov_i + 1))
	done
	echo "$cov_best"
}
# the same, as the mean of $1 runs timed at once, with one decimal: for
# runs of a few milliseconds, which time(1)'s 10 ms steps cannot tell apart
cov_per_run() {
	cov_r=$(cov_time "cov_j=0; while [ \$cov_j -lt $1 ]; do $2; cov_j=\$((cov_j + 1)); done")
	echo "$cov_r" | awk -v n="$1" '{ printf "%.1f %.1f", $1 / n, $2 / n }'
}
cov_row() { printf '  %-44s %7s ms wall %7s ms cpu\n' "$1" "${2%% *}" "${2##* }"; }
cov_ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }'; }

cov_sn=$((cov_n * 10))
echo
echo "== NICE coverage in shards: $cov_sn subjects, 50 departments =="
awk -v n="$cov_sn" -v k=4 -v dept=50 -f bench/scores-gen.awk > "$cov_tmp/covd.ndjson"
awk -v half=$(( $(wc -l < "$cov_tmp/covd.ndjson") / 2 )) -v dir="$cov_tmp" \
	'NR > half && /^\{"type":"profile"/ { f = 1 } { print > (dir (f ? "/covs2" : "/covs1")) }' "$cov_tmp/covd.ndjson"
cov_m=bin/csf-map-nice
cov_one="$cov_m -c -b department $cov_tmp/covd.ndjson"
cov_one_all=$cov_one
cov_files="($cov_m -c -b department --partial --shard 1 $cov_tmp/covs1 & $cov_m -c -b department --partial --shard 2 $cov_tmp/covs2; wait) | $cov_m --merge"
cov_pp="parallel --will-cite --pipepart -a $cov_tmp/covd.ndjson --block -1 -j2 --recstart '{\"type\":\"profile\"' $cov_m -c -b department --partial --shard {#} | $cov_m --merge"
sh -c "$cov_one" | grep '"type":"nice_coverage"' > "$cov_tmp/cov.one"
sh -c "$cov_files" > "$cov_tmp/cov.files"
cmp -s "$cov_tmp/cov.one" "$cov_tmp/cov.files" && echo "  files: the same $(wc -l < "$cov_tmp/cov.one") records as one run" ||
	echo "  WARNING: files: the merge differs from one run"
# -j2: the same file read in two processes; its whole output (records
# passed through included) must be one run's
cov_j2="$cov_m -j2 -c -b department $cov_tmp/covd.ndjson"
sh -c "$cov_one_all" > "$cov_tmp/cov.all"
sh -c "$cov_j2" > "$cov_tmp/cov.j2"
cmp -s "$cov_tmp/cov.all" "$cov_tmp/cov.j2" && echo "  -j2: the same $(wc -l < "$cov_tmp/cov.all") lines as one run" ||
	echo "  WARNING: -j2: the output differs from one run"
cov_one=$(cov_time "$cov_one")
cov_row "one run: -c -b department" "$cov_one"
cov_j2=$(cov_time "$cov_j2")
cov_row "-j2 -c -b department" "$cov_j2"
echo "  one run / -j2 = wall $(cov_ratio "${cov_one%% *}" "${cov_j2%% *}")x (target >= 1.7), cpu $(cov_ratio "${cov_one##* }" "${cov_j2##* }")x" \
	"(cpu: this process's; the worker is not waited for)"
if [ -n "${old:-}" ]; then   # the build before, in one process: -j's gain for a user
	cov_was=$(cov_time "$old/bin/csf-map-nice -c -b department $cov_tmp/covd.ndjson")
	cov_row "  before ($old), one run" "$cov_was"
	echo "    before, one run / -j2 = wall $(cov_ratio "${cov_was%% *}" "${cov_j2%% *}")x"
fi
cov_files=$(cov_time "$cov_files")
cov_row "two files into one pipe, merged" "$cov_files"
echo "  one run / two files = wall $(cov_ratio "${cov_one%% *}" "${cov_files%% *}")x (target >= 1.7), cpu $(cov_ratio "${cov_one##* }" "${cov_files##* }")x"
# cov_pipepart AT REF PP ONE: GNU parallel's form PP, its records checked
# against REF, timed against one run's time ONE
cov_pipepart() {
	sh -c "$3" > "$cov_tmp/cov.pp"
	cmp -s "$2" "$cov_tmp/cov.pp" && echo "  --pipepart$1: the same records as one run" ||
		echo "  WARNING: --pipepart$1: the merge differs from one run"
	cov_p=$(cov_time "$3")
	cov_row "parallel --pipepart -j2$1, merged" "$cov_p"
	echo "  one run / --pipepart$1 = wall $(cov_ratio "${4%% *}" "${cov_p%% *}")x (target >= 1.7)"
}
if command -v parallel > /dev/null; then
	cov_pipepart "" "$cov_tmp/cov.one" "$cov_pp" "$cov_one"
	# parallel's own ~0.1 s start is a third of one run here: the same
	# form on 4 x the subjects shows what the sharding itself gives
	awk -v n=$((cov_sn * 4)) -v k=4 -v dept=50 -f bench/scores-gen.awk > "$cov_tmp/covd4.ndjson"
	cov_one4="$cov_m -c -b department $cov_tmp/covd4.ndjson"
	sh -c "$cov_one4" | grep '"type":"nice_coverage"' > "$cov_tmp/cov.one4"
	cov_t4=$(cov_time "$cov_one4")
	cov_row "one run at 4 x ($((cov_sn * 4)) subjects)" "$cov_t4"
	cov_pipepart " at 4 x" "$cov_tmp/cov.one4" "$(echo "$cov_pp" | sed "s|$cov_tmp/covd.ndjson|$cov_tmp/covd4.ndjson|")" "$cov_t4"
	rm -f "$cov_tmp/covd4.ndjson" "$cov_tmp/cov.one4"
else
	echo "  GNU parallel: skipped (not installed)"
fi
$cov_m -c -b department --partial --shard 1 "$cov_tmp/covs1" > "$cov_tmp/covp1"
$cov_m -c -b department --partial --shard 2 "$cov_tmp/covs2" > "$cov_tmp/covp2"
cov_s1=$(cov_time "$cov_m -c -b department --partial --shard 1 $cov_tmp/covs1")
cov_s2=$(cov_time "$cov_m -c -b department --partial --shard 2 $cov_tmp/covs2")
cov_mg=$(cov_per_run 20 "$cov_m --merge $cov_tmp/covp1 $cov_tmp/covp2")
cov_crit=$(awk -v a="${cov_s1##* }" -v b="${cov_s2##* }" -v m="${cov_mg##* }" 'BEGIN { print (a > b ? a : b) + m }')
echo "  critical path: shards ${cov_s1##* } and ${cov_s2##* } ms cpu, merge ${cov_mg##* } ms cpu:" \
	"one run / (slower shard + merge) = $(cov_ratio "${cov_one##* }" "$cov_crit")x (two idle cores)"
cov_k=0
while [ $cov_k -lt 500 ]; do cat "$cov_tmp/covp1"; cov_k=$((cov_k + 1)); done > "$cov_tmp/covmany"
# against cat (bytes copied unread) and csf-cat (the validating scan every
# reader shares) on the same bytes: means of several runs, as above
cov_many=$(cov_per_run 3 "$cov_m --merge $cov_tmp/covmany")
cov_cat500=$(cov_per_run 20 "cat $cov_tmp/covmany")
cov_csfcat=$(cov_per_run 2 "bin/csf-cat $cov_tmp/covmany")
cov_row "--merge of 500 shards' partials" "$cov_many"
cov_row "cat of the same $(wc -c < "$cov_tmp/covmany") bytes" "$cov_cat500"
cov_row "csf-cat of the same bytes" "$cov_csfcat"
echo "  --merge / cat = wall $(cov_ratio "${cov_many%% *}" "${cov_cat500%% *}")x, cpu $(cov_ratio "${cov_many##* }" "${cov_cat500##* }")x;" \
	"--merge / csf-cat = wall $(cov_ratio "${cov_many%% *}" "${cov_csfcat%% *}")x, cpu $(cov_ratio "${cov_many##* }" "${cov_csfcat##* }")x (target: near 1)"
echo "  (mean of 3, 20 and 2 runs a figure)"
if [ -n "${old:-}" ] && ! "$old/bin/csf-map-nice" --merge < /dev/null > /dev/null 2>&1; then
	echo "  before ($old): its csf-map-nice has no --merge"
elif [ -n "${old:-}" ]; then
	cov_was=$(cov_per_run 3 "$old/bin/csf-map-nice --merge $cov_tmp/covmany")
	cov_row "  before ($old)" "$cov_was"
	echo "    before / after: wall $(cov_ratio "${cov_was%% *}" "${cov_many%% *}")x, cpu $(cov_ratio "${cov_was##* }" "${cov_many##* }")x"
fi
cov_sub_one=$(cov_time "$cov_m -c -b subject $cov_tmp/covd.ndjson")
cov_sub_files=$(cov_time "($cov_m -c -b subject --partial --shard 1 $cov_tmp/covs1 & $cov_m -c -b subject --partial --shard 2 $cov_tmp/covs2; wait) | $cov_m --merge")
$cov_m -c -b subject "$cov_tmp/covd.ndjson" > "$cov_tmp/cov.all"
$cov_m -j2 -c -b subject "$cov_tmp/covd.ndjson" > "$cov_tmp/cov.j2"
cmp -s "$cov_tmp/cov.all" "$cov_tmp/cov.j2" && echo "  -j2 -b subject: the same $(wc -l < "$cov_tmp/cov.all") lines as one run" ||
	echo "  WARNING: -j2 -b subject: the output differs from one run"
cov_sub_j2=$(cov_time "$cov_m -j2 -c -b subject $cov_tmp/covd.ndjson")
cov_row "one run: -c -b subject" "$cov_sub_one"
cov_row "-b subject: two files, merged" "$cov_sub_files"
cov_row "-j2 -c -b subject" "$cov_sub_j2"
echo "  one run / two files = wall $(cov_ratio "${cov_sub_one%% *}" "${cov_sub_files%% *}")x (not an aggregate: the merge writes every record)"
echo "  one run / -j2 = wall $(cov_ratio "${cov_sub_one%% *}" "${cov_sub_j2%% *}")x (target >= 1.7; read in turns: every subject's records are written)"
if [ -n "${old:-}" ]; then
	cov_was=$(cov_time "$old/bin/csf-map-nice -j2 -c -b subject $cov_tmp/covd.ndjson")
	cov_row "  -j2 before ($old)" "$cov_was"
	echo "    -j2 before / after: wall $(cov_ratio "${cov_was%% *}" "${cov_sub_j2%% *}")x"
fi
rm -f "$cov_tmp/covd.ndjson" "$cov_tmp/covs1" "$cov_tmp/covs2" "$cov_tmp/covp1" "$cov_tmp/covp2" \
	"$cov_tmp/covmany" "$cov_tmp/cov.one" "$cov_tmp/cov.files" "$cov_tmp/cov.pp" "$cov_tmp/cov.time" \
	"$cov_tmp/cov.all" "$cov_tmp/cov.j2"
