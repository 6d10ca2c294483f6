/* jw.c - a direct JSON record writer (see jw.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jw.h"

static void
grow(jw *w, size_t n)
{
	while (w->len + n > w->cap)
		w->cap = w->cap ? w->cap * 2 : 1024;
	w->buf = xrealloc(w->buf, w->cap);
}

/* Room for n more bytes: the writers below reserve once per call and
 * then store bytes directly. */
static inline char *
room(jw *w, size_t n)
{
	if (w->len + n > w->cap)
		grow(w, n);
	return w->buf + w->len;
}

static void
put(jw *w, const char *s, size_t n)
{
	memcpy(room(w, n), s, n);
	w->len += n;
}

static inline void
putch(jw *w, char c)
{
	*room(w, 1) = c;
	w->len++;
}

/* 1 for the bytes a JSON string holds as they are, as jansson writes
 * them (no flags): all but '"', '\\' and the controls below 0x20. */
static const unsigned char plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};

/* A JSON string, escaped as jansson's dump does without flags; then
 * the byte after, if any (a key's ':'). Room is reserved once, for the
 * longest escaping (6 bytes a byte). */
static void
string(jw *w, const char *s, char after)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s);
	char *o = room(w, 6 * n + 3), *start = o;
	*o++ = '"';
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned char c = *p;
		if (plain[c]) {
			*o++ = (char)c;
			continue;
		}
		*o++ = '\\';
		switch (c) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[c >> 4];
			o[4] = hex[c & 15];
			o += 5;
		}
	}
	*o++ = '"';
	if (after)
		*o++ = after;
	w->len += (size_t)(o - start);
}

static void
member(jw *w, const char *key)
{
	if (!w->first[w->depth])
		putch(w, ',');
	w->first[w->depth] = 0;
	if (key)
		string(w, key, ':');
}

void
jw_begin(jw *w)
{
	w->len = 0;
	w->depth = 0;
	w->first[0] = 1;
	putch(w, '{');
}

void
jw_str(jw *w, const char *key, const char *val)
{
	member(w, key);
	if (val)
		string(w, val, 0);
	else
		put(w, "null", 4);
}

void
jw_int(jw *w, const char *key, long long val)
{
	char num[24], *p = num + sizeof num;
	/* Digits by hand: snprintf is most of the cost of a small record. */
	unsigned long long u = val < 0 ? 0ULL - (unsigned long long)val : (unsigned long long)val;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (val < 0)
		*--p = '-';
	member(w, key);
	put(w, p, (size_t)(num + sizeof num - p));
}

/* As jansson's jsonp_dtostr: %.15g, a ".0" so it stays a real, and an
 * exponent without '+' or leading zeros. */
/* VAL as "%.15g" writes it, without printf, when VAL is the double
 * nearest a decimal K / 10^D (D <= 6) of at most 15 digits, from 1e-4 up
 * to 1e15: what csf_round makes of shares, means and percentages. Such a
 * decimal reads back through the nearest double, so "%.15g" prints exactly
 * its digits (plain notation in that range, trailing zeros dropped).
 * Returns the length written to OUT, 0 for any other value. */
static size_t
short_decimal(char *out, double val)
{
	static const double scale[] = { 1, 10, 100, 1e3, 1e4, 1e5, 1e6 };
	double a = val < 0 ? -val : val;
	if (!(a >= 1e-4 && a < 1e15))   /* also NaN */
		return 0;
	int d = 0;
	long long k;
	for (;; d++) {
		if (d == 7 || a * scale[d] >= 1e15)
			return 0;
		k = (long long)(a * scale[d] + 0.5);
		if ((double)k / scale[d] == a)
			break;
	}
	char digits[24];
	int n = 0;
	do
		digits[n++] = (char)('0' + k % 10);
	while ((k /= 10) > 0);
	while (n <= d)   /* 0.05: a zero before the point */
		digits[n++] = '0';
	size_t len = 0;
	if (val < 0)
		out[len++] = '-';
	while (n > d)
		out[len++] = digits[--n];
	int last = 0;   /* the last fractional digit that is not 0 */
	for (int i = d; i >= 1; i--)
		if (digits[i - 1] != '0')
			last = d - i + 1;
	out[len++] = '.';
	if (!last)
		out[len++] = '0';   /* 3 is written 3.0, as below */
	for (int i = 0; i < last; i++)
		out[len++] = digits[d - 1 - i];
	return len;
}

void
jw_real(jw *w, const char *key, double val)
{
	char num[48], out[48];
	member(w, key);
	size_t n = short_decimal(out, val);
	if (n) {
		put(w, out, n);
		return;
	}
	snprintf(num, sizeof num, "%.15g", val);
	if (!strpbrk(num, ".e") && !strstr(num, "inf") && !strstr(num, "nan"))
		strcat(num, ".0");
	char *e = strchr(num, 'e'), *o = out;
	if (!e) {
		put(w, num, strlen(num));
		return;
	}
	for (char *p = num; p <= e; p++)
		*o++ = *p;
	char *p = e + 1;
	if (*p == '+')
		p++;
	else if (*p == '-')
		*o++ = *p++;
	while (*p == '0' && p[1])
		p++;
	while (*p)
		*o++ = *p++;
	put(w, out, (size_t)(o - out));
}

void
jw_null(jw *w, const char *key)
{
	member(w, key);
	put(w, "null", 4);
}

void
jw_raw(jw *w, const char *key, const char *json, size_t len)
{
	member(w, key);
	put(w, json, len);
}

static void
open_(jw *w, const char *key, char c)
{
	member(w, key);
	putch(w, c);
	if (w->depth + 1 >= JW_DEPTH)
		csf_die(1, "jw: nesting too deep");
	w->first[++w->depth] = 1;
	w->kind[w->depth] = c;
}

void
jw_array(jw *w, const char *key)
{
	open_(w, key, '[');
}

void
jw_object(jw *w, const char *key)
{
	open_(w, key, '{');
}

void
jw_close(jw *w)
{
	putch(w, w->kind[w->depth] == '[' ? ']' : '}');
	w->depth--;
}

void
jw_paste(jw *w, const char *text, size_t n)
{
	put(w, text, n);
}

char *
jw_part(const jw *w, size_t *n)
{
	*n = w->len - 1;
	char *s = xmalloc(*n + 1);
	memcpy(s, w->buf + 1, *n);
	s[*n] = '\0';
	return s;
}

void
jw_emit(jw *w)
{
	putch(w, '}');
	putch(w, '\n');
	fwrite(w->buf, 1, w->len, csf_out);
	w->len = 0;
}

void
jw_emit_atomic(jw *w)
{
	putch(w, '}');
	putch(w, '\n');
	csf_out_atomic(w->buf, w->len);
	w->len = 0;
}

void
jw_free(jw *w)
{
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
}
