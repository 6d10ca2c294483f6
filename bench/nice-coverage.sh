# bench/nice-coverage.sh - csf-map-nice -c -b subject on input grouped by
# subject holds one subject at a time: its peak memory must not grow with
# the subjects beyond the 16 bytes each that catch a subject coming back
# (before streaming it grew ~700 bytes a subject; -u still holds them all).
# Sourced by bench/run (COV_SUBJECTS), or run alone:
#   sh bench/nice-coverage.sh [SUBJECTS]
# Peak memory at SUBJECTS (default 20000) and ten times as many.

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
rm -f "$cov_tmp/cov1.ndjson" "$cov_tmp/cov10.ndjson" "$cov_tmp/cov.time"
