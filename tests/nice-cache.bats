#!/usr/bin/env bats
# The cache of NIST's NICE files (lib/nice/nice_cache.c): a load from the
# cache gives what parsing gives, byte for byte (stdout, stderr, exit
# status); a changed file, a damaged cache and a cache directory that
# cannot be written are noticed and fall back to parsing;
# CSF_NICE_CACHE=off turns it off. The helper points XDG_CACHE_HOME at
# this test's own directory.

load helper

N1="$NICE_DIR/nice_components_v2.1.0_cprt.json"
N0="$NICE_DIR/nice_components_v2.0.0.json"

setup() {
	[ -r "$N1" ] && [ -r "$N0" ] || skip "NIST's NICE files are not in ../shared/nice"
	cd "$BATS_TEST_TMPDIR"
	awk -v n=1 -v k=2 -f "$ROOT/bench/gen.awk" > one.ndjson
	csf csf-assess one.ndjson > one.scores
	csf csf-gap one.scores > one.gaps
	grep -m1 '"type":"gap","kind":"item"' one.gaps > rec.gap
}

# run_form NAME ARGS...: csf-map-nice ARGS into NAME.out, NAME.err, and
# its exit status as the last line of NAME.out.
run_form() {
	local name=$1; shift
	local rc=0
	csf csf-map-nice "$@" > "$name.out" 2> "$name.err" || rc=$?
	echo "exit $rc" >> "$name.out"
}

# same_as_off ARGS...: without the cache, with it (written), with it (read).
same_as_off() {
	CSF_NICE_CACHE=off run_form off "$@"
	run_form miss "$@"
	run_form hit "$@"
	cmp off.out miss.out && cmp off.err miss.err
	cmp off.out hit.out && cmp off.err hit.err
}

# The last letter of PD-WRL-003's title changed, in place (the same inode,
# size and modification time): "Incident Responsf".
respond_in_place() {
	local at
	at=$(grep -b -o '"title": "Incident Response"' "$1" | cut -d: -f1)
	touch -r "$1" "$1.time"
	printf f | dd of="$1" bs=1 seek=$((at + 26)) conv=notrunc 2> /dev/null
	touch -r "$1.time" "$1"
}

cache_files() { ls "$XDG_CACHE_HOME/csf" 2> /dev/null | grep -c '^nice-' || true; }

@test "a hit and a miss give what parsing gives: look-ups, a gap record, coverage, both versions" {
	for f in "$N1" "$N0"; do
		same_as_off --nice "$f" --work-role PD-WRL-003
		same_as_off --nice "$f" --reverse T1023
		same_as_off --nice "$f" --reverse K0004 --lang ja
		same_as_off --nice "$f" rec.gap
		same_as_off --nice "$f" --coverage one.scores
		same_as_off --nice "$f" --work-role T1023       # not a work role: exit 1
	done
	# v2.0.0's notes on NIST's quirks come back from the cache as well
	same_as_off --nice "$N0" --work-role PD-WRL-003
	[ "$(grep -c 'names a missing element' hit.err)" -eq 4 ]
	grep -q '"name":"Incident Response"' hit.out
	[ "$(cache_files)" -eq 2 ]
}

@test "a hit reads the cache without rewriting it; csf-check and --diff use it too" {
	run_form first --nice "$N1" --work-role PD-WRL-003
	local c=("$XDG_CACHE_HOME"/csf/nice-*)
	[ "${#c[@]}" -eq 1 ]
	local before
	before=$(stat -c '%i %Y %s' "${c[0]}")
	run_form second --nice "$N1" --work-role PD-WRL-003
	[ "$(stat -c '%i %Y %s' "${c[0]}")" = "$before" ]
	cmp first.out second.out
	CSF_NICE_CACHE=off run --separate-stderr csf csf-check --nice "$N0" "$CSF_DATADIR/crosswalk.ndjson"
	local off_out=$output off_err=$stderr off_rc=$status
	for i in 1 2; do
		run --separate-stderr csf csf-check --nice "$N0" "$CSF_DATADIR/crosswalk.ndjson"
		[ "$output" = "$off_out" ] && [ "$stderr" = "$off_err" ] && [ "$status" -eq "$off_rc" ]
	done
	same_as_off --diff "$N0" "$N1"
	[ "$(cache_files)" -eq 2 ]
}

@test "a changed file of the same size and time is noticed" {
	cp "$N1" nice.json
	run_form before --nice nice.json --work-role PD-WRL-003
	grep -q '"name":"Incident Response"' before.out
	local was
	was=$(stat -c '%i %s %y' nice.json)
	# the same length, the same modification time: only the change time and the bytes differ
	respond_in_place nice.json
	[ "$(stat -c %s nice.json)" -eq "$(stat -c %s "$N1")" ]
	same_as_off --nice nice.json --work-role PD-WRL-003
	grep -q '"name":"Incident Responsf"' hit.out
	# and the other way, in place again
	cp "$N1" nice.json
	same_as_off --nice nice.json --work-role PD-WRL-003
	grep -q '"name":"Incident Response"' hit.out
}

@test "a file old enough for its times to vouch for it: a change is seen in its times" {
	# Changed two seconds before the load, a file is taken on its key
	# alone (device, inode, size, times) without reading it.
	cp "$N1" nice.json
	sleep 2.1
	run_form first --nice nice.json --work-role PD-WRL-003
	local c=("$XDG_CACHE_HOME"/csf/nice-*)
	local before
	before=$(stat -c '%i %Y' "${c[0]}")
	run_form second --nice nice.json --work-role PD-WRL-003
	[ "$(stat -c '%i %Y' "${c[0]}")" = "$before" ]
	respond_in_place nice.json
	same_as_off --nice nice.json --work-role PD-WRL-003
	grep -q '"name":"Incident Responsf"' hit.out
}

@test "a file replaced by another (a new inode) gets its own cache" {
	cp "$N1" nice.json
	same_as_off --nice nice.json --reverse T1023
	cp "$N0" other.json
	mv other.json nice.json
	same_as_off --nice nice.json --reverse T1023
	grep -q 'names a missing element' hit.err   # v2.0.0's notes: the new file's
	[ "$(cache_files)" -eq 2 ]
}

@test "a damaged, truncated or empty cache is not used, and is written anew" {
	CSF_NICE_CACHE=off run_form off --nice "$N0" --work-role PD-WRL-003
	run_form miss --nice "$N0" --work-role PD-WRL-003
	local c=("$XDG_CACHE_HOME"/csf/nice-*)
	cp "${c[0]}" good
	local size
	size=$(stat -c %s good)
	# one byte of the body flipped, one of the header, the end cut off,
	# the body cut off, an empty file, text
	for damage in "$((size / 2))" 20 cut half empty text; do
		cp good "${c[0]}"
		case $damage in
		cut) truncate -s $((size - 1)) "${c[0]}" ;;
		half) truncate -s $((size / 2)) "${c[0]}" ;;
		empty) : > "${c[0]}" ;;
		text) echo 'not a cache' > "${c[0]}" ;;
		*) printf '\377' | dd of="${c[0]}" bs=1 seek="$damage" conv=notrunc 2> /dev/null ;;
		esac
		run_form again --nice "$N0" --work-role PD-WRL-003
		cmp off.out again.out && cmp off.err again.err
		cmp good "${c[0]}"   # written anew
	done
}

@test "a cache directory that cannot be made or written: the same output, no message" {
	CSF_NICE_CACHE=off run_form off --nice "$N1" --reverse T1023
	# a file where the directory would go
	mkdir xdg && : > xdg/csf
	XDG_CACHE_HOME="$PWD/xdg" run_form nodir --nice "$N1" --reverse T1023
	cmp off.out nodir.out && cmp off.err nodir.err
	# a parent that is a file
	: > notadir
	XDG_CACHE_HOME="$PWD/notadir/x" run_form nodir2 --nice "$N1" --reverse T1023
	cmp off.out nodir2.out && cmp off.err nodir2.err
	# a relative XDG_CACHE_HOME is ignored (XDG), HOME/.cache used instead
	mkdir home
	HOME="$PWD/home" XDG_CACHE_HOME=rel run_form rel --nice "$N1" --reverse T1023
	cmp off.out rel.out && cmp off.err rel.err
	[ ! -e rel ] && ls home/.cache/csf/nice-*
	# no HOME and no XDG_CACHE_HOME: no cache at all
	env -u HOME -u XDG_CACHE_HOME "$ROOT/bin/csf-map-nice" --nice "$N1" --reverse T1023 > nohome.out
	head -n -1 off.out | cmp - nohome.out
}

@test "CSF_NICE_CACHE=off writes and reads no cache; stdin is never cached" {
	for v in off 0 no; do
		CSF_NICE_CACHE=$v run_form off --nice "$N1" --work-role PD-WRL-003
	done
	[ "$(cache_files)" -eq 0 ]
	run_form stdin --nice - --work-role PD-WRL-003 < "$N1"
	[ "$(cache_files)" -eq 0 ]
	cmp off.out stdin.out
	# off also means a cache already there is not read
	run_form miss --nice "$N1" --work-role PD-WRL-003
	local c=("$XDG_CACHE_HOME"/csf/nice-*)
	printf '\377' | dd of="${c[0]}" bs=1 seek=200 conv=notrunc 2> /dev/null
	cp "${c[0]}" damaged
	CSF_NICE_CACHE=off run_form off2 --nice "$N1" --work-role PD-WRL-003
	cmp damaged "${c[0]}" && cmp off.out off2.out
}

@test "a file that fails to parse leaves no cache; a good one after it does" {
	printf '{"elements": [' > bad.json
	run_form bad --nice bad.json --work-role PD-WRL-003
	grep -q 'exit 1' bad.out
	[ "$(cache_files)" -eq 0 ]
	cp "$N1" bad.json
	same_as_off --nice bad.json --work-role PD-WRL-003
	[ "$(cache_files)" -eq 1 ]
}
