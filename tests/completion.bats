#!/usr/bin/env bats
# Shell completion: installed by make install, removed by make uninstall;
# options come from the tools' --help, role and persona IDs from the data.
load helper

setup_file() {
	export STAGE="$BATS_FILE_TMPDIR/stage"
	make -s -C "$ROOT" install PREFIX=/usr DESTDIR="$STAGE" >/dev/null
}

# complete_words WORDS...: what bash offers for the last word.
complete_words() {
	bash -c 'PATH="$1:$PATH"; source "$2"; shift 2; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _csf; printf "%s\n" "${COMPREPLY[@]}"' \
	    _ "$STAGE/usr/bin" "$STAGE/usr/share/bash-completion/completions/csf-roles" "$@"
}

@test "make install puts a bash completion for every tool, and zsh's" {
	for t in "$ROOT"/bin/csf-*; do
		[ -f "$STAGE/usr/share/bash-completion/completions/${t##*/}" ] || { echo "no completion for ${t##*/}"; false; }
	done
	run bash -c "source '$STAGE/usr/share/bash-completion/completions/csf-roles'; complete -p csf-roles csf-assess"
	assert_success
	assert_line 'complete -o filenames -F _csf csf-roles'
	assert_line 'complete -o filenames -F _csf csf-assess'
	grep -qx 'source "/usr/share/bash-completion/completions/csf-roles"' "$STAGE/usr/share/zsh/site-functions/_csf"
	head -1 "$STAGE/usr/share/zsh/site-functions/_csf" | grep -q '^#compdef csf-assess'
}

@test "csf-roles --role completes the role IDs of the data, --persona the personas" {
	run complete_words csf-roles --role ''
	assert_success
	assert_output "$(csf csf-roles -t role -f text | cut -f1)"
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 13
	run complete_words csf-assess --template --persona ''
	assert_output "$(csf csf-roles -t persona -f text | cut -f1)"
	run complete_words csf-roles --role R1
	assert_output $'R10\nR11\nR12\nR13'
}

@test "options complete from each tool's --help; formats and languages by name" {
	run complete_words csf-gap --b
	assert_output $'--benchmark\n--by'
	run complete_words csf-render --all
	assert_output '--allow-empty'
	run complete_words csf-render -f x
	assert_output 'xlsx'
	run complete_words csf-cat --lang ''
	assert_output $'ja\nen'
}

@test "csf-map-nice's sharding options complete; --shard and -j take a number, not a file" {
	run complete_words csf-map-nice --p
	assert_output '--partial'
	run complete_words csf-map-nice --sh
	assert_output '--shard'
	run complete_words csf-map-nice --me
	assert_output '--merge'
	run complete_words csf-map-nice -c --partial --shard ''
	assert_success
	assert_output ''
	# -j N as csf-gap's: a number of processes
	run complete_words csf-map-nice -c --jo
	assert_output '--jobs'
	run complete_words csf-map-nice -c -j ''
	assert_success
	assert_output ''
	run complete_words csf-gap --jobs ''
	assert_output ''
}

@test "make uninstall removes what install wrote" {
	make -s -C "$ROOT" uninstall PREFIX=/usr DESTDIR="$STAGE"
	assert_equal "$(find "$STAGE" -type f | wc -l)" 0
}
