# csf - see README.md. `make` builds bin/csf-*, `make check` runs the tests.
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/csf
MANDIR = $(PREFIX)/share/man
# bash-completion loads completions/NAME for command NAME; zsh reads site-functions.
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR = $(PREFIX)/share/zsh/site-functions

CC ?= cc
CFLAGS ?= -O2 -g
JANSSON_CFLAGS := $(shell pkg-config --cflags jansson)
JANSSON_LIBS := $(shell pkg-config --libs jansson)
# csf-render's xlsx (libxlsxwriter) and PDF (cairo draws, pango lays out
# Japanese text) libraries are opened at run time, only for those formats
# (lib/render/render_dl.h): the headers are needed here, not the libraries.
XLSX_CFLAGS := $(shell pkg-config --cflags xlsxwriter 2>/dev/null)
XLSX_SONAME := $(shell objdump -p "$$($(CC) -print-file-name=libxlsxwriter.so)" 2>/dev/null | awk '$$1 == "SONAME" { print $$2 }')
PDF_CFLAGS := $(shell pkg-config --cflags pangocairo cairo-pdf fontconfig 2>/dev/null)
CSF_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Ilib $(JANSSON_CFLAGS) $(XLSX_CFLAGS) \
	-DCSF_VERSION='"$(VERSION)"' -DCSF_DATADIR='"$(DATADIR)"'
LDLIBS_ALL = $(JANSSON_LIBS) -lm

# SAN=1 builds with AddressSanitizer and UBSan (make clean first).
ifeq ($(SAN),1)
CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
STATIC = 0
endif

# The tools are linked statically (libc.a, libjansson.a): with no dynamic
# loader to map and relocate libc and jansson, a run starts in about half
# the time (~0.2 ms of csf-cat's ~0.5 ms). Position-independent, so the
# addresses stay random. csf-render opens cairo, pango and libxlsxwriter at
# run time, which needs the shared libc: it takes only jansson statically.
# STATIC=0 links everything dynamically (the sanitizers and valgrind's leak
# check need that; check-valgrind rebuilds so).
STATIC ?= 1
ifeq ($(STATIC),1)
TOOL_LDFLAGS = -static-pie
RENDER_LIBS = -Wl,-Bstatic $(JANSSON_LIBS) -Wl,-Bdynamic -lm
else
RENDER_LIBS = $(LDLIBS_ALL)
endif

# lib/core/msgcat_ja.c is generated from po/ja.po (scripts/po2c).
LIB_SRC := $(sort $(wildcard lib/*/*.c) lib/core/msgcat_ja.c)
LIB_HDR := $(wildcard lib/*/*.h)
LIB_OBJ := $(LIB_SRC:.c=.o)
CMD_SRC := $(wildcard cmd/csf-*.c)
BINS := $(patsubst cmd/%.c,bin/%,$(CMD_SRC))
MANS := $(wildcard man/*.1 man/*.7)

# The compact index of each data file (lib/core/dataindex.h), which the
# tools start from; without one, or with one older than its file, they
# read the file's text instead.
IDX := $(patsubst %.ndjson,%.idx,$(wildcard share/csf/*.ndjson))

all: $(BINS) $(IDX)

lib/%.o: lib/%.c $(LIB_HDR)
	$(CC) $(CSF_CFLAGS) $(CFLAGS) -c -o $@ $<

lib/core/msgcat_ja.c: po/ja.po scripts/po2c
	sh scripts/po2c po/ja.po ja > $@.tmp && mv $@.tmp $@

lib/render/render_pdf.o: lib/render/render_pdf.c $(LIB_HDR)
	$(CC) $(CSF_CFLAGS) $(PDF_CFLAGS) $(CFLAGS) -c -o $@ $<

lib/render/render_xlsxlib.o: lib/render/render_xlsxlib.c $(LIB_HDR)
	$(CC) $(CSF_CFLAGS) $(if $(XLSX_SONAME),-DXLSX_SONAME='"$(XLSX_SONAME)"') $(CFLAGS) -c -o $@ $<

lib/libcsf.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

bin/%: cmd/%.c lib/libcsf.a $(LIB_HDR)
	@mkdir -p bin
	$(CC) $(CSF_CFLAGS) $(CFLAGS) $(LDFLAGS) $(TOOL_LDFLAGS) -o $@ $< lib/libcsf.a $(LDLIBS_ALL)

bin/csf-render: cmd/csf-render.c lib/libcsf.a $(LIB_HDR)
	@mkdir -p bin
	$(CC) $(CSF_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libcsf.a -ldl $(RENDER_LIBS)

scripts/mkindex: scripts/mkindex.c lib/libcsf.a $(LIB_HDR)
	$(CC) $(CSF_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libcsf.a $(LDLIBS_ALL)

share/csf/%.idx: share/csf/%.ndjson scripts/mkindex
	scripts/mkindex $< $@

NICE_JSON = ../shared/nice/nice_components_v2.1.0_cprt.json

# The shipped data must validate (against NIST's file when it is beside
# the tree), then every bats test runs.
check: all
	sh scripts/include-graph -q
	bin/csf-check share/csf/*.ndjson
	@if [ -f $(NICE_JSON) ]; then echo bin/csf-check --nice $(NICE_JSON) share/csf/*.ndjson; \
	  CSF_NICE_CACHE=off bin/csf-check --nice $(NICE_JSON) share/csf/*.ndjson; fi
	bats tests

# The whole suite under valgrind (slow; CSF_WRAP prefixes every tool run).
check-valgrind:
	rm -f $(BINS)
	$(MAKE) STATIC=0 all
	CSF_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite --suppressions=$(CURDIR)/tests/valgrind.supp' bats tests

# The hostile corpus and the bad-input classes alone (both also run in
# check); with SAN=1 after `make clean` they run under ASan and UBSan.
check-hostile: all
	bats tests/hostile-corpus.bats tests/hostile.bats

check-san:
	$(MAKE) clean
	$(MAKE) SAN=1 check

# The dependency graph by folder and by file; fails on a circle or a
# dependency against core <- models <- render <- cmd (make check runs it -q).
include-graph: all
	sh scripts/include-graph

demo: all
	@sh scripts/demo

bench: all
	@sh bench/run

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	cp -f $(BINS) $(DESTDIR)$(BINDIR)/
	cp -Rf share/csf/. $(DESTDIR)$(DATADIR)/
	for m in $(MANS); do case $$m in *.1) cp -f $$m $(DESTDIR)$(MANDIR)/man1/;; *.7) cp -f $$m $(DESTDIR)$(MANDIR)/man7/;; esac; done
	mkdir -p $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	for t in $(notdir $(BINS)); do cp -f completion/csf.bash $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	sed 's|@CSF_BASH_COMPLETION@|$(BASHCOMPDIR)/csf-roles|' completion/_csf > $(DESTDIR)$(ZSHCOMPDIR)/_csf

# What install wrote, and nothing else (the data directory is csf's own).
uninstall:
	for t in $(notdir $(BINS)); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(BASHCOMPDIR)/$$t; done
	for m in $(notdir $(MANS)); do case $$m in *.1) rm -f $(DESTDIR)$(MANDIR)/man1/$$m;; *.7) rm -f $(DESTDIR)$(MANDIR)/man7/$$m;; esac; done
	rm -f $(DESTDIR)$(ZSHCOMPDIR)/_csf
	rm -rf $(DESTDIR)$(DATADIR)

# Extract every message from the sources into po/csf.pot and merge it into
# po/ja.po (new messages arrive untranslated; see po/README).
XGETTEXT_KEYWORDS = --keyword=N_ --keyword=csf_tr --keyword=csf_warn --keyword=csf_die:2 \
	--keyword=csf_warn_at:3 --keyword=csf_input_bad:3 --keyword=bad_at:3 --keyword=fail:2 \
	--keyword=csf_msgf:3 --keyword=problem:3 --keyword=bad:3 --keyword=csf_usage_error --keyword=csf_bad_at:3 \
	--flag=csf_warn:1:c-format --flag=csf_die:2:c-format --flag=csf_warn_at:3:c-format \
	--flag=csf_input_bad:3:c-format --flag=bad_at:3:c-format \
	--flag=csf_msgf:3:c-format --flag=problem:3:c-format --flag=csf_usage_error:1:c-format \
	--flag=csf_bad_at:3:c-format
po/csf.pot: $(LIB_SRC) $(LIB_HDR) $(CMD_SRC)
	@$(MAKE) -s POT_OUT=$@ pot-to

# Every message has a translation (fuzzy ones do not count) whose printf
# conversions match; tests/i18n.bats runs this.
POT = po/csf.pot
po-check:
	@$(MAKE) -s POT_OUT=$(POT) pot-to
	msgcmp po/ja.po $(POT)
	@msgfmt --check -o /dev/null po/ja.po
	@if grep -q '^#, fuzzy' po/ja.po; then echo 'po/ja.po: fuzzy entries left (translate them, remove the flag)'; exit 1; fi

pot-to:
	xgettext --from-code=UTF-8 --language=C --no-wrap --no-location --sort-output --omit-header \
	  $(XGETTEXT_KEYWORDS) -o $(POT_OUT) \
	  $(filter-out lib/core/msgcat_ja.c,$(LIB_SRC)) $(LIB_HDR) $(CMD_SRC)

po: po/csf.pot
	msgmerge --quiet --update --backup=none --no-wrap --no-location --sort-output po/ja.po po/csf.pot
	msgattrib --no-obsolete --no-wrap --sort-output -o po/ja.po po/ja.po
	@msgfmt --check --statistics -o /dev/null po/ja.po

clean:
	rm -rf bin lib/*/*.o lib/libcsf.a lib/core/msgcat_ja.c tests/tmp scripts/mkindex share/csf/*.idx

.PHONY: uninstall po po-check pot-to all check check-hostile include-graph check-valgrind check-san demo bench install clean
