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

# The synopsis lines and each option's names and arguments (the ASCII
# words before its description) of a usage text.
help_skeleton() {
	awk '/^usage: / || /^ +csf-/ || /^ +\[/ { print; next }
	     /^(  |      )-/ {
		tok = "(-[!-~]*|[A-Z0-9.,]+|[!-~]*[|][!-~]*)"
		match($0, "^ +" tok "( " tok ")*"); print substr($0, 1, RLENGTH) }'
}

@test "every tool: --help in Japanese under a ja locale or --lang ja, English otherwise" {
	local maru=$'\xe3\x80\x82'  # 。
	for t in $(tools); do
		run --separate-stderr env LC_ALL= LC_MESSAGES= LANG=ja_JP.UTF-8 "$ROOT/bin/$t" --help
		[ "$status" -eq 0 ] || fail "$t ja --help exit $status"
		[ -z "$stderr" ] || fail "$t ja --help wrote to stderr: $stderr"
		[[ "${lines[0]}" == "usage: $t"* ]] || fail "$t ja --help first line: ${lines[0]}"
		[[ "$output" == *"$maru"* ]] || fail "$t ja --help has no Japanese sentence"
		local ja="$output"

		run --separate-stderr csf "$t" --lang ja --help
		[ "$status" -eq 0 ] && [ "$output" = "$ja" ] || fail "$t --lang ja --help differs from the ja locale's"

		run --separate-stderr csf "$t" --lang en --help
		[ "$status" -eq 0 ] && [ -z "$stderr" ] || fail "$t --lang en --help exit $status"
		local en="$output"
		[[ "${lines[0]}" == "usage: $t"* ]] || fail "$t en --help first line: ${lines[0]}"
		! LC_ALL=C grep -q '[^ -~]' <<< "$en" || fail "$t English help has non-ASCII bytes"
		run csf "$t" --help
		[ "$output" = "$en" ] || fail "$t: C.UTF-8 locale help differs from --lang en"
		run env LC_ALL= LANG=ja_JP.UTF-8 "$ROOT/bin/$t" --lang en --help
		[ "$output" = "$en" ] || fail "$t: --lang en does not override a ja locale"

		[ "$(help_skeleton <<< "$ja")" = "$(help_skeleton <<< "$en")" ] ||
			fail "$t: synopsis or option names differ between ja and en"

		run --separate-stderr csf "$t" --lang ja --no-such-option
		[ "$status" -eq 2 ] || fail "$t ja bad option exit $status"
		[ -z "$output" ] || fail "$t ja bad option wrote to stdout"
		[[ "$stderr" == *"usage: $t"*"$maru"* ]] || fail "$t ja bad option: no Japanese usage on stderr"
		run --separate-stderr csf "$t" --lang en --no-such-option
		[ "$status" -eq 2 ] && [[ "$stderr" == *"usage: $t"* ]] || fail "$t en bad option exit $status"
		! LC_ALL=C grep -q '[^ -~]' <<< "$stderr" || fail "$t English usage error has non-ASCII bytes"
	done
}
