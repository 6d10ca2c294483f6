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

