/* render_escape.c - the one escaping function per output format. Every
 * string that reaches a report goes through one of these, so a name like
 * "<script>" or "=HYPERLINK(...)" comes out as text, never as markup or a
 * formula. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

static const char replacement[] = "\xef\xbf\xbd";  /* U+FFFD */

/* Where escaped text goes: a stream, or a buffer (a person's section and
 * the charts, gathered before one write). */
struct sink {
	FILE *f;
	csf_buf *b;
};

static inline void
sink_put(struct sink *k, const char *s, size_t n)
{
	if (k->b)
		csf_buf_put(k->b, s, n);
	else
		fwrite(s, 1, n, k->f);
}

#define sink_lit(k, s) sink_put((k), "" s, sizeof (s) - 1)

/* Characters XML 1.0 cannot carry, and C1 controls HTML calls errors. */
static int
xml_forbidden(uint32_t cp)
{
	return (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7f && cp <= 0x9f) || cp == 0xfffe || cp == 0xffff;
}

/* One character (n bytes at s) as HTML and Markdown both need it: & < >
 * as entities, what XML cannot carry and invalid bytes as U+FFFD, any
 * other as it is. */
static void
put_markup_char(struct sink *k, const char *s, size_t n, uint32_t cp)
{
	switch (cp) {
	case '&': sink_lit(k, "&amp;"); break;
	case '<': sink_lit(k, "&lt;"); break;
	case '>': sink_lit(k, "&gt;"); break;
	default:
		if (xml_forbidden(cp) || cp == 0xfffd)
			sink_put(k, replacement, 3);
		else
			sink_put(k, s, n);
	}
}

/* ASCII bytes HTML text can carry as they are. */
static unsigned char html_plain[128];

static void
html_plain_init(void)
{
	for (int c = 0x20; c < 0x7f; c++)
		html_plain[c] = !strchr("&<>\"'", c);
	html_plain['\t'] = html_plain['\n'] = html_plain['\r'] = 1;
}

/* Runs of characters that need no escaping are written with one fwrite:
 * a report is mostly such runs, and a call per character was a fifth of
 * the time of a large report. */
static void
put_html(struct sink *k, const char *s)
{
	if (!html_plain['a'])
		html_plain_init();
	const unsigned char *p = (const unsigned char *)s, *run = p;
	for (;;) {
		while (*p && *p < 0x80 && html_plain[*p])
			p++;
		if (*p >= 0xe3 && *p <= 0xe9 && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
			/* U+3000-U+9FFF (kana, CJK): well formed, nothing there
			 * to escape or replace; most of a Japanese report. */
			p += 3;
			continue;
		}
		if (*p >= 0x80) {
			/* Well-formed UTF-8 other than C1 controls, U+FFFD (a
			 * stand-in for bad bytes) and the noncharacters XML forbids
			 * stays in the run. */
			uint32_t cp;
			size_t n = csf_utf8_next((const char *)p, &cp);
			if (cp != 0xfffd && !xml_forbidden(cp)) {
				p += n;
				continue;
			}
		}
		if (p > run)
			sink_put(k, (const char *)run, (size_t)(p - run));
		if (!*p)
			return;
		uint32_t cp;
		size_t n = csf_utf8_next((const char *)p, &cp);
		switch (cp) {
		case '"': sink_lit(k, "&quot;"); break;
		case '\'': sink_lit(k, "&#39;"); break;
		default: put_markup_char(k, (const char *)p, n, cp);
		}
		p += n;
		run = p;
	}
}

void
csf_put_html(FILE *f, const char *s)
{
	struct sink k = { f, NULL };
	put_html(&k, s);
}

void
csf_buf_html(csf_buf *b, const char *s)
{
	struct sink k = { NULL, b };
	put_html(&k, s);
}

void
csf_put_fixed(FILE *f, double x, int decimals)
{
	char buf[CSF_FIXED_MAX];
	fwrite(buf, 1, csf_fmt_fixed(buf, x, decimals), f);
}

void
csf_buf_fixed(csf_buf *b, double x, int decimals)
{
	if (b->cap - b->n < CSF_FIXED_MAX)
		csf_buf_grow(b, CSF_FIXED_MAX);
	b->n += csf_fmt_fixed(b->p + b->n, x, decimals);
}

/* llround without the call: y's distance from its truncation is exact
 * (|y| < 1e16 here), so the half is decided as llround decides it. */
static inline long long
round_half_away(double y)
{
	long long t = (long long)y;
	double frac = y - (double)t;
	return frac >= 0.5 ? t + 1 : frac <= -0.5 ? t - 1 : t;
}

size_t
csf_fmt_fixed(char out[CSF_FIXED_MAX], double x, int decimals)
{
	static const double scale[] = { 1, 10, 100, 1000, 10000 };
	if (decimals < 0 || decimals > 4 || !(fabs(x) < 1e12)) {
		int n = snprintf(out, CSF_FIXED_MAX, "%.*f", decimals < 0 ? 0 : decimals, x);
		return n < 0 ? 0 : (size_t)n < CSF_FIXED_MAX ? (size_t)n : CSF_FIXED_MAX - 1;
	}
	/* Levels and counts (whole, under 100) are most numbers a report has:
	 * their digits, and the decimals' zeros. */
	if (x >= 0 && x < 100 && x == (double)(int)x) {
		int i = (int)x;
		size_t n = 0;
		if (i >= 10)
			out[n++] = (char)('0' + i / 10);
		out[n++] = (char)('0' + i % 10);
		if (decimals > 0) {
			out[n++] = '.';
			for (int d = 0; d < decimals; d++)
				out[n++] = '0';
		}
		return n;
	}
	/* The value is rounded to its decimals first (half away from zero, as
	 * csf_round does), then its digits are written without printf. */
	long long v = round_half_away(x * scale[decimals] + (x >= 0 ? 1e-9 : -1e-9));   /* csf_round's nudge */
	/* Written from the right into a scratch buffer (at most 19 bytes),
	 * then copied: the digits need not be counted first. Values that fit 32 bits (every
	 * chart coordinate) divide in 32 bits. */
	int neg = v < 0;
	unsigned long long u = neg ? 0 - (unsigned long long)v : (unsigned long long)v;
	char tmp[64], *end = tmp + 32, *q = end;
	if (u <= UINT32_MAX) {
		uint32_t s = (uint32_t)u;
		for (int d = 0; d < decimals; d++) {
			*--q = (char)('0' + s % 10);
			s /= 10;
		}
		if (decimals > 0)
			*--q = '.';
		do {
			*--q = (char)('0' + s % 10);
			s /= 10;
		} while (s);
	} else {
		for (int d = 0; d < decimals; d++) {
			*--q = (char)('0' + u % 10);
			u /= 10;
		}
		if (decimals > 0)
			*--q = '.';
		do {
			*--q = (char)('0' + u % 10);
			u /= 10;
		} while (u);
	}
	if (neg)
		*--q = '-';
	/* a copy of fixed size (out has CSF_FIXED_MAX bytes): two moves */
	memcpy(out, q, 32);
	return (size_t)(end - q);
}

/* ASCII bytes a Markdown cell carries as they are. */
static unsigned char md_plain[128];

void
csf_put_md(FILE *f, const char *s)
{
	struct sink k = { f, NULL };
	uint32_t cp;
	size_t n;
	if (!md_plain[' ']) {
		for (int c = 0x20; c < 0x7f; c++)
			md_plain[c] = !strchr("|\\`*_[]~&<>", c);
	}
	for (;;) {
		/* A run that needs no escaping in one write. */
		const char *run = s;
		while ((unsigned char)*s < 0x80 && md_plain[(unsigned char)*s])
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), f);
		if ((n = csf_utf8_next(s, &cp)) == 0)
			break;
		switch (cp) {
		case '\r':
			if (s[1] == '\n')
				break;   /* CRLF is one line break */
			/* fall through */
		case '\n': fputs("<br>", f); break;
		case '\t': putc(' ', f); break;
		case '|': case '\\': case '`': case '*': case '_':
		case '[': case ']': case '~':
			putc('\\', f);
			putc((int)cp, f);
			break;
		default: put_markup_char(&k, s, n, cp);
		}
		s += n;
	}
}

/* Characters that reorder or hide text on a terminal. */
static int
term_hidden(uint32_t cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t
csf_printable_ascii(const char *s)
{
	size_t n = 0;
	while ((unsigned char)s[n] >= 0x20 && (unsigned char)s[n] < 0x7f)
		n++;
	return n;
}

char *
csf_term_text(const char *s)
{
	/* Printable ASCII is copied as it is, a run at a time: most cells
	 * are only that. */
	size_t len = strlen(s), cap = len + 1, used = 0;
	char *out = xmalloc(cap);
	uint32_t cp;
	size_t n;
	for (;;) {
		size_t run = csf_printable_ascii(s);
		if (used + run + 1 > cap) {   /* after escapes, which lengthen */
			cap = 2 * cap + run;
			out = xrealloc(out, cap);
		}
		memcpy(out + used, s, run);
		used += run;
		s += run;
		if ((n = csf_utf8_next(s, &cp)) == 0)
			break;
		char esc[16];
		const char *piece = s;
		size_t plen = n;
		if (cp == '\n')
			piece = "\\n", plen = 2;
		else if (cp == '\t')
			piece = "\\t", plen = 2;
		else if (cp == '\r')
			piece = "\\r", plen = 2;
		else if (cp < 0x20 || cp == 0x7f) {
			snprintf(esc, sizeof esc, "\\x%02x", (unsigned)cp);
			piece = esc, plen = 4;
		} else if ((cp >= 0x80 && cp <= 0x9f) || term_hidden(cp)) {
			plen = (size_t)snprintf(esc, sizeof esc, "\\u{%04x}", (unsigned)cp);
			piece = esc;
		} else if (cp == 0xfffd && !(s[0] == '\xef' && n == 3)) {
			piece = replacement, plen = 3;   /* a stray invalid byte */
		}
		if (used + plen + 1 > cap) {
			cap = 2 * cap + plen;
			out = xrealloc(out, cap);
		}
		memcpy(out + used, piece, plen);
		used += plen;
		s += n;
	}
	out[used] = '\0';
	return out;
}

/* _xHHHH_ as OOXML reads it: four hex digits between "_x" and "_". */
static int
ooxml_escape_at(const char *s, size_t n)
{
	if (n < 7 || s[0] != '_' || (s[1] != 'x' && s[1] != 'X') || s[6] != '_')
		return 0;
	for (int i = 2; i < 6; i++)
		if (!strchr("0123456789abcdefABCDEF", s[i]) || !s[i])
			return 0;
	return 1;
}

char *
csf_ooxml_text(const char *s, size_t len)
{
	/* At worst every byte becomes 7 (a C0 control as _x001F_). */
	char *out = xmalloc(len * 7 + 1), *o = out;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		size_t n = csf_utf8_next(s + i, &cp);
		if (n == 0 || i + n > len)
			break;
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xfffe || cp == 0xffff)
			o += sprintf(o, "_x%04X_", (unsigned)cp);
		else if (ooxml_escape_at(s + i, len - i))
			o += sprintf(o, "_x005F_");
		else {
			memcpy(o, s + i, n);
			o += n;
		}
		i += n;
	}
	*o = '\0';
	return out;
}
