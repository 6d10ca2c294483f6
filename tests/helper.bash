# Shared set-up for every bats file: the tools under test come from bin/,
# and CSF_WRAP (e.g. valgrind) prefixes each run when set.
bats_require_minimum_version 1.5.0
load '/usr/lib/bats/bats-support/load'
load '/usr/lib/bats/bats-assert/load'

ROOT="$(cd "$BATS_TEST_DIRNAME/.." && pwd)"
FIX="$ROOT/tests/fixtures"
NICE_DIR="$ROOT/../shared/nice"
export CSF_DATADIR="$ROOT/share/csf"
# csf-map-nice and csf-check keep a cache of NIST's NICE files there:
# never the user's (each test starts with none).
export XDG_CACHE_HOME="${BATS_TEST_TMPDIR:-${BATS_TMPDIR:-/tmp}}/cache"
export LC_ALL=C.UTF-8
unset LANG LC_MESSAGES

# csf NAME ARGS...: run bin/NAME (through $CSF_WRAP when set).
csf() {
	local tool="$1"; shift
	$CSF_WRAP "$ROOT/bin/$tool" "$@"
}


# The -j tests (gap-jobs.bats, map-nice-jobs.bats), in $T:
# jobs_both TOOL NAME JOBS ARGS...: TOOL ARGS in one process and with -j JOBS;
# their stdout, stderr (less the -j lines, kept in $T/NAME.log) and exit
# status (in $T/NAME.status) must be equal.
jobs_both() {
	local tool="$1" name="$2" jobs="$3" one=0 many=0
	shift 3
	csf "$tool" "$@" > "$T/$name.out1" 2> "$T/$name.err1" || one=$?
	CSF_JOBS_LOG=1 csf "$tool" -j "$jobs" "$@" > "$T/$name.outj" 2> "$T/$name.errj" || many=$?
	grep -e '-j: piece' "$T/$name.errj" > "$T/$name.log" || true
	grep -v -e '-j: piece' "$T/$name.errj" > "$T/$name.errj1" || true
	cmp "$T/$name.out1" "$T/$name.outj"
	cmp "$T/$name.err1" "$T/$name.errj1"
	[ "$one" = "$many" ]
	echo "$one" > "$T/$name.status"
}

# jobs_turns_joined TOOL NAME PIECES PROCS: read in turns, every worker's
# piece joined on (piece k, counted from 1, is a worker's when k - 1 is
# not a multiple of PROCS; the others are this process's own).
jobs_turns_joined() {
	local k=2 want=""
	while [ "$k" -le "$3" ]; do
		[ $(((k - 1) % $4)) -eq 0 ] || want="${want}$1: -j: piece $k of $3 joined
"
		k=$((k + 1))
	done
	assert_equal "$(cat "$T/$2.log")" "${want%
}"
}

# jobs_joined TOOL NAME PIECES: every piece after the first joined on.
jobs_joined() {
	local k=2 want=""
	while [ "$k" -le "$3" ]; do
		want="${want}$1: -j: piece $k of $3 joined
"
		k=$((k + 1))
	done
	assert_equal "$(cat "$T/$2.log")" "${want%
}"
}
