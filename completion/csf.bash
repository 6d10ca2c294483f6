# bash completion for the csf tools. Options come from each tool's --help
# and role, persona and record-type names from the data (csf-roles), so
# what is completed is what the installed tools accept.
_csf_words() {
	case "$1" in
	role) csf-roles -t role -f text 2>/dev/null | cut -f1 ;;
	persona) csf-roles -t persona -f text 2>/dev/null | cut -f1 ;;
	type) echo role task knowledge skill level persona question answer profile score gap plan ;;
	esac
}

_csf() {
	local cur prev tool words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	tool=${COMP_WORDS[0]##*/}
	case "$prev" in
	-r|--role) COMPREPLY=($(compgen -W "$(_csf_words role)" -- "$cur")); return ;;
	-p|--persona) COMPREPLY=($(compgen -W "$(_csf_words persona)" -- "$cur")); return ;;
	-t|--type) COMPREPLY=($(compgen -W "$(_csf_words type)" -- "$cur")); return ;;
	--lang) COMPREPLY=($(compgen -W "ja en" -- "$cur")); return ;;
	-f|--format)
		case "$tool" in
		csf-render) words="table md json csv tsv xlsx html svg pdf" ;;
		csf-assess) words="ndjson csv" ;;
		*) words="json text" ;;
		esac
		COMPREPLY=($(compgen -W "$words" -- "$cur")); return ;;
	-o|--output|--nice|-n|--data|--split) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--shard|-j|--jobs) COMPREPLY=(); return ;;   # a number
	esac
	if [[ $cur == -* ]]; then
		words=$("$tool" --help 2>/dev/null | grep -o -e '--[a-z][a-z0-9-]*' -e '^ *-[a-zA-Z]\b' | tr -d ' ' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
}

complete -o filenames -F _csf csf-assess csf-cat csf-check csf-gap csf-map-nice csf-plan csf-render csf-roles
