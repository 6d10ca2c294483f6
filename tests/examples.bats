#!/usr/bin/env bats
# Every example of README.md and the man pages runs as written, from a
# clean clone that followed the README's quick start, and prints the output
# it shows. scripts/examples finds them (see its header for the marks);
# README examples run in the clone's top directory, a man page's in a copy
# of share/csf/examples (the files its examples name), in order, so one
# example may read what an earlier one of the same page wrote.
load helper

setup_file() {
	export CLONE="$BATS_FILE_TMPDIR/clone"
	git clone -q "$ROOT" "$CLONE"
	# The quick start: the block after "<!-- quick start -->" in README.md.
	awk '/^<!-- quick start -->/ { q = 1; next } q && /^    / { print substr($0, 5); got = 1; next } q && got && !/^[ \t]*$/ { exit }' \
	    "$CLONE/README.md" > "$BATS_FILE_TMPDIR/quickstart.sh"
	grep -q . "$BATS_FILE_TMPDIR/quickstart.sh"
	(cd "$CLONE" && bash -e "$BATS_FILE_TMPDIR/quickstart.sh") > "$BATS_FILE_TMPDIR/quickstart.log" 2>&1
	sh "$CLONE/scripts/examples" "$BATS_FILE_TMPDIR/ex" "$CLONE/README.md" "$CLONE"/man/*.1 "$CLONE"/man/*.7
}

# run_examples FILTER: run every extracted example whose source matches.
run_examples() {
	local fails=0 n=0 dir prev="" ex src
	for ex in "$BATS_FILE_TMPDIR"/ex/*.sh; do
		src=$(sed -n '1s/^# //p' "$ex")
		case "$src" in $1) ;; *) continue ;; esac
		file=${src%%:*}
		if [ "$file" != "$prev" ]; then
			prev=$file
			case "$file" in
			*README.md) dir="$CLONE" ;;
			*) dir="$BATS_FILE_TMPDIR/run-$(basename "$file")"
			   rm -rf "$dir"; mkdir -p "$dir"; cp "$CLONE"/share/csf/examples/*.ndjson "$dir"/
			   ln -s "$CLONE/share" "$dir/share"   # "share/csf/..." as in the source tree
			   for f in "$NICE_DIR"/nice_components_v2.*.json; do [ -f "$f" ] && ln -s "$f" "$dir/"; done ;;
			esac
		fi
		if grep -q -e 'nice_components' -e CSF_NICE "$ex" && ! [ -f "$NICE_DIR/nice_components_v2.1.0_cprt.json" ]; then
			echo "skipped (no NIST file in ../shared/nice): $src"
			continue
		fi
		n=$((n + 1))
		# The shell of the quick start, in the example's directory.
		# An example that shows its output is judged by it (stderr
		# included: a report of problems exits 1); others must succeed.
		local shown=; [ -f "${ex%.sh}.out" ] && shown=1
		if [ -n "$shown" ]; then
			(cd "$dir" && PATH="$CLONE/bin:$PATH" CSF_NICE="$NICE_DIR/nice_components_v2.1.0_cprt.json" \
			    timeout 120 bash -o pipefail "$ex") > "$ex.got" 2>&1 < /dev/null
		else
			(cd "$dir" && PATH="$CLONE/bin:$PATH" CSF_NICE="$NICE_DIR/nice_components_v2.1.0_cprt.json" \
			    timeout 120 bash -e -o pipefail "$ex") > "$ex.got" 2> "$ex.err" < /dev/null
		fi
		st=$?
		if [ $st -ne 0 ] && [ -z "$shown" ]; then
			fails=$((fails + 1))
			printf '%s: example failed (exit %d):\n%s\n--- stderr:\n%s\n\n' "${src#$CLONE/}" $st "$(sed 1d "$ex")" "$(head -c 2000 "$ex.err")"
		elif [ -f "${ex%.sh}.out" ] && ! cmp -s "${ex%.sh}.out" "$ex.got"; then
			fails=$((fails + 1))
			printf '%s: example prints other output than shown:\n%s\n--- diff shown got:\n%s\n\n' "${src#$CLONE/}" "$(sed 1d "$ex")" "$(diff "${ex%.sh}.out" "$ex.got" | head -20)"
		fi
	done
	echo "$n examples run, $fails failed"
	[ "$n" -gt 0 ] && [ $fails -eq 0 ]
}

@test "the quick start builds the tools and puts them on PATH" {
	[ -x "$CLONE/bin/csf-roles" ] || { cat "$BATS_FILE_TMPDIR/quickstart.log"; false; }
	grep -q 'PATH=' "$BATS_FILE_TMPDIR/quickstart.sh"
}

@test "every example of README.md runs as written and prints what it shows" {
	run run_examples "*README.md:*"
	echo "$output"
	assert_success
	# Outputs are really compared: at least two examples show one.
	[ "$(ls "$BATS_FILE_TMPDIR"/ex/*.out | xargs grep -l . | wc -l)" -ge 2 ]
}

@test "every example of the man pages runs as written" {
	run run_examples "*/man/*"
	echo "$output"
	assert_success
}

@test "man page examples are literal at MANWIDTH=80: each line renders whole" {
	command -v man >/dev/null || skip "man not installed"
	fails=0
	for ex in "$BATS_FILE_TMPDIR"/ex/*.sh; do
		src=$(sed -n '1s/^# //p' "$ex"); file=${src%%:*}
		case "$file" in */man/*) ;; *) continue ;; esac
		page=$(MANWIDTH=80 man -l "$file" 2>/dev/null | sed 's/^[ \t]*//')
		while IFS= read -r line; do
			[ -n "$line" ] || continue
			l=$(printf '%s' "$line" | sed 's/^[ \t]*//')
			printf '%s\n' "$page" | grep -qxF -e "$l" -e "\$ $l" ||
			    { echo "${src#$CLONE/}: wrapped or changed at MANWIDTH=80: $line"; fails=$((fails + 1)); }
		done < <(sed 1d "$ex"; cat "${ex%.sh}.out" 2>/dev/null)
	done
	[ $fails -eq 0 ]
}

@test "the extractor finds each kind of example and honours the marks" {
	mkdir -p "$BATS_TEST_TMPDIR/src"
	cd "$BATS_TEST_TMPDIR/src"
	printf 'Intro\n\n    $ echo a |\n        tr a b\n    b\n    $ true\n\n<!-- not run: needs a network -->\n\n    curl x\n\nText\n\n    echo one\n    echo two\n' > t.md
	printf '.Sh DESCRIPTION\n.Dl not-an-example\n.Sh EXAMPLES\n.Dl echo \\[u5BFE] \\e\n.\\" not run: slow\n.Dl sleep 99\n.Bd -literal -offset indent\nprintf x \\e\n    y\n.Ed\n' > t.1
	sh "$ROOT/scripts/examples" out t.md t.1
	assert_equal "$(ls out | tr '\n' ' ')" '0001.out 0001.sh 0002.sh 0003.sh 0004.sh skipped '
	assert_equal "$(cat out/0001.sh)" $'# t.md:3\necho a |\n    tr a b\ntrue'
	assert_equal "$(cat out/0001.out)" 'b'
	assert_equal "$(cat out/0002.sh)" $'# t.md:14\necho one\necho two'
	assert_equal "$(cat out/0003.sh)" $'# t.1:4\necho 対 \\'
	assert_equal "$(cat out/0004.sh)" $'# t.1:8\nprintf x \\\n    y'
	assert_equal "$(cat out/skipped)" $'t.md:10: needs a network\nt.1:6: slow'
}
