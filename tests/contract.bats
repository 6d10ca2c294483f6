#!/usr/bin/env bats
# The command-line contract every tool keeps (DESIGN.md), checked for each
# bin/csf-* so a new tool cannot forget it.

load helper

tools() {
	for t in "$ROOT"/bin/csf-*; do basename "$t"; done
}

@test "every tool: --help to stdout exit 0, --version, unknown option exit 2" {
	for t in $(tools); do
		run --separate-stderr csf "$t" --help
		[ "$status" -eq 0 ] || fail "$t --help exit $status"
		[[ "$output" == *"usage: $t"* ]] || fail "$t --help lacks 'usage: $t'"
		run csf "$t" --version
		[ "$output" = "$t (csf) 0.1.0" ] || fail "$t --version: $output"
		run --separate-stderr csf "$t" --no-such-option
		[ "$status" -eq 2 ] || fail "$t bad option exit $status"
	done
}

@test "every tool has a man page that renders without warnings" {
	for t in $(tools); do
		[ -f "$ROOT/man/$t.1" ] || fail "no man/$t.1"
		run sh -c "groff -k -mandoc -Tutf8 -ww -z '$ROOT/man/$t.1' 2>&1"
		[ -z "$output" ] || fail "$t.1: $output"
	done
}

@test "every tool names file and line for a broken line on stdin" {
	for t in $(tools); do
		case $t in csf-roles) continue;; esac  # reads only reference data
		run --separate-stderr csf "$t" <<< '{"type":"answer",'
		[ "$status" -eq 1 ] || fail "$t exit $status on broken JSON"
		[[ "$stderr" == *"$t: <stdin>:1: invalid JSON"* ]] || fail "$t said: $stderr"
	done
}
