# csf - see README.md. `make` builds bin/csf-*, `make check` runs the tests.
VERSION = 0.1.0
PREFIX ?= /usr/local
BINDIR = $(PREFIX)/bin
DATADIR = $(PREFIX)/share/csf
MANDIR = $(PREFIX)/share/man

CC ?= cc
CFLAGS ?= -O2 -g
JANSSON_CFLAGS := $(shell pkg-config --cflags jansson)
JANSSON_LIBS := $(shell pkg-config --libs jansson)
XLSX_LIBS := $(shell pkg-config --libs xlsxwriter 2>/dev/null)
# csf-render's PDF: cairo draws, pango lays out Japanese text.
PDF_CFLAGS := $(shell pkg-config --cflags pangocairo cairo-pdf 2>/dev/null)
PDF_LIBS := $(shell pkg-config --libs pangocairo cairo-pdf 2>/dev/null)
CSF_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Werror -Ilib $(JANSSON_CFLAGS) \
	-DCSF_VERSION='"$(VERSION)"' -DCSF_DATADIR='"$(DATADIR)"'
LDLIBS_ALL = $(JANSSON_LIBS) -lm

# SAN=1 builds with AddressSanitizer and UBSan (make clean first).
ifeq ($(SAN),1)
CFLAGS += -O1 -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif

LIB_SRC := $(wildcard lib/*/*.c)
LIB_HDR := $(wildcard lib/*/*.h)
LIB_OBJ := $(LIB_SRC:.c=.o)
CMD_SRC := $(wildcard cmd/csf-*.c)
BINS := $(patsubst cmd/%.c,bin/%,$(CMD_SRC))
MANS := $(wildcard man/*.1 man/*.7)

all: $(BINS)

lib/%.o: lib/%.c $(LIB_HDR)
	$(CC) $(CSF_CFLAGS) $(CFLAGS) -c -o $@ $<

lib/render/render_pdf.o: lib/render/render_pdf.c $(LIB_HDR)
	$(CC) $(CSF_CFLAGS) $(PDF_CFLAGS) $(CFLAGS) -c -o $@ $<

lib/libcsf.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $(LIB_OBJ)

bin/csf-render: EXTRA_LIBS = $(XLSX_LIBS) $(PDF_LIBS)

bin/%: cmd/%.c lib/libcsf.a $(LIB_HDR)
	@mkdir -p bin
	$(CC) $(CSF_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< lib/libcsf.a $(EXTRA_LIBS) $(LDLIBS_ALL)

NICE_JSON = ../shared/nice/nice_components_v2.1.0_cprt.json

# The shipped data must validate (against NIST's file when it is beside
# the tree), then every bats test runs.
check: all
	bin/csf-check share/csf/*.ndjson
	@if [ -f $(NICE_JSON) ]; then echo bin/csf-check --nice $(NICE_JSON) share/csf/*.ndjson; \
	  bin/csf-check --nice $(NICE_JSON) share/csf/*.ndjson; fi
	bats tests

# The whole suite under valgrind (slow; CSF_WRAP prefixes every tool run).
check-valgrind: all
	CSF_WRAP='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite' bats tests

check-san:
	$(MAKE) clean
	$(MAKE) SAN=1 check

demo: all
	@sh scripts/demo

bench: all
	@sh bench/run

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	cp -f $(BINS) $(DESTDIR)$(BINDIR)/
	cp -Rf share/csf/. $(DESTDIR)$(DATADIR)/
	for m in $(MANS); do case $$m in *.1) cp -f $$m $(DESTDIR)$(MANDIR)/man1/;; *.7) cp -f $$m $(DESTDIR)$(MANDIR)/man7/;; esac; done

clean:
	rm -rf bin lib/*/*.o lib/libcsf.a tests/tmp

.PHONY: all check check-valgrind check-san demo bench install clean
