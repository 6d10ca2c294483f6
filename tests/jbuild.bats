#!/usr/bin/env bats
# The fast decoder of validated lines (lib/core/jbuild.c) against jansson's own,
# over every line the project ships or tests with, plus hand-made edge cases.

load helper

setup_file() {
	export PROBE="$BATS_FILE_TMPDIR/jbuild-diff"
	${CC:-cc} -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -O1 -g \
	    -I"$BATS_TEST_DIRNAME/../lib" $(pkg-config --cflags jansson 2>/dev/null) \
	    -o "$PROBE" "$BATS_TEST_DIRNAME/jbuild-diff.c" \
	    $(for f in jbuild jscan utf8 err cli jsonutil msgcat_ja; do echo "$BATS_TEST_DIRNAME/../lib/core/$f.c"; done) \
	    $(pkg-config --libs jansson 2>/dev/null || echo -ljansson) -lm
}

@test "edge cases decode as jansson decodes them" {
	cat > "$BATS_TEST_TMPDIR/edge" <<-'EOF'
	{}
	{"":""}
	{"a":[],"b":{},"c":[[],[{}]],"d":null,"e":true,"f":false}
	{"n":0,"m":-0,"i":9223372036854775807,"j":-9223372036854775808,"k":12345678901234567}
	{"r":1.0,"s":-0.0,"t":1e2,"u":1E-2,"v":2.5e+3,"w":1e-320,"x":0.1,"y":123456789.123456789}
	{"s":"\"\\\/\b\f\n\r\t","u":"\u00e9\u3042\ud83d\ude00","raw":"é あ 😀"}
	{"dup":1,"other":2,"dup":3}
	{"typ\u0065":"answer","k\u00e9y":"v"}
	  { "spaced" :  [ 1 , 2 ]  , "x" : { "y" : "z" } }	
	{"long":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"}
	{"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk\u0041":1}
	EOF
	run "$PROBE" "$BATS_TEST_TMPDIR/edge"
	assert_success
	assert_output "11 lines checked, 0 differ"
}

@test "every shipped data and fixture line decodes as jansson decodes it" {
	run "$PROBE" "$ROOT"/share/csf/*.ndjson "$ROOT"/share/csf/sample/*.ndjson $(find "$ROOT/tests/fixtures" -name '*.ndjson')
	assert_success
	assert_output --regexp '^[0-9]+ lines checked, 0 differ$'
	n=$(printf '%s' "$output" | cut -d' ' -f1)
	[ "$n" -gt 2000 ]
}
