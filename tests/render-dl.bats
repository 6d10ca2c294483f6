#!/usr/bin/env bats
# csf-render opens cairo/pango (pdf) and libxlsxwriter (xlsx) only for the
# format that draws with them (lib/render/render_dl.h); a missing library
# is named, with exit 2, before any input is read.
load helper

one_gap='{"type":"gap","subject":"u1","item":"T001","current":1,"target":3,"gap":2}'

# A csf-render whose render_xlsxlib.c and render_pdf.c look for libraries by
# sonames nobody has: how a machine without them behaves.
setup_file() {
	local d="$BATS_FILE_TMPDIR/absent" san=
	mkdir -p "$d"
	nm "$ROOT/lib/libcsf.a" 2>/dev/null | grep -q __asan_ && san="-fsanitize=address,undefined"
	local cflags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -I$ROOT/lib $san $(pkg-config --cflags jansson pangocairo xlsxwriter 2>/dev/null) -DCSF_VERSION=\"absent\" -DCSF_DATADIR=\"$ROOT/share/csf\""
	cc $cflags -DXLSX_SONAME='"libcsf-absent-xlsxwriter.so.0"' -c -o "$d/render_xlsxlib.o" "$ROOT/lib/render/render_xlsxlib.c" || return 1
	cc $cflags -DPANGOCAIRO_SONAME='"libcsf-absent-pangocairo.so.0"' -c -o "$d/render_pdf.o" "$ROOT/lib/render/render_pdf.c" || return 1
	cc $cflags -o "$d/csf-render" "$ROOT/cmd/csf-render.c" "$d/render_xlsxlib.o" "$d/render_pdf.o" "$ROOT/lib/libcsf.a" \
	    -ldl $(pkg-config --libs jansson) -lm || return 1
}

@test "csf-render is not linked against cairo, pango, fontconfig or libxlsxwriter" {
	run ldd "$ROOT/bin/csf-render"
	assert_success
	assert_output --partial libc.so
	refute_output --partial libcairo
	refute_output --partial libpango
	refute_output --partial libfontconfig
	refute_output --partial libxlsxwriter
}

@test "table, md, csv, json and html load none of the drawing libraries; pdf and xlsx load theirs" {
	local f
	for f in table md csv json html; do
		run env LD_DEBUG=files "$ROOT/bin/csf-render" -f "$f" <<< "$one_gap"
		assert_success
		refute_output --partial 'file=libcairo'
		refute_output --partial 'file=libxlsxwriter'
	done
	run env LD_DEBUG=files "$ROOT/bin/csf-render" -f pdf -o "$BATS_TEST_TMPDIR/r.pdf" <<< "$one_gap"
	assert_success
	assert_output --partial 'file=libpangocairo-1.0.so.0'
	assert_output --partial 'file=libcairo.so.2'
	refute_output --partial 'file=libxlsxwriter'
	run env LD_DEBUG=files "$ROOT/bin/csf-render" -f xlsx -o "$BATS_TEST_TMPDIR/r.xlsx" <<< "$one_gap"
	assert_success
	assert_output --partial 'file=libxlsxwriter'
	refute_output --partial 'file=libcairo'
}

@test "xlsx without libxlsxwriter: the library named, exit 2, no output file" {
	run --separate-stderr "$BATS_FILE_TMPDIR/absent/csf-render" -f xlsx -o "$BATS_TEST_TMPDIR/r.xlsx" <<< "$one_gap"
	[ "$status" -eq 2 ]
	[ "$stderr" = "csf-render: xlsx output needs libcsf-absent-xlsxwriter.so.0 (Debian: libxlsxwriter): libcsf-absent-xlsxwriter.so.0: cannot open shared object file: No such file or directory" ]
	[ ! -e "$BATS_TEST_TMPDIR/r.xlsx" ]
}

@test "pdf without pango: the library named, exit 2; other formats still work" {
	run --separate-stderr "$BATS_FILE_TMPDIR/absent/csf-render" -f pdf -o "$BATS_TEST_TMPDIR/r.pdf" <<< "$one_gap"
	[ "$status" -eq 2 ]
	[ "$stderr" = "csf-render: pdf output needs libcsf-absent-pangocairo.so.0 (Debian: libpangocairo-1.0-0): libcsf-absent-pangocairo.so.0: cannot open shared object file: No such file or directory" ]
	[ ! -e "$BATS_TEST_TMPDIR/r.pdf" ]
	run --separate-stderr "$BATS_FILE_TMPDIR/absent/csf-render" -f csv <<< "$one_gap"
	assert_success
	[ "$output" = "$(printf 'Subject,Item,Current,Target,Gap\r\nu1,T001,1,3,2\r')" ]
}
