/* jw.c - a direct JSON record writer (see jw.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jw.h"

static void
reserve(jw *w, size_t n)
{
	if (w->len + n <= w->cap)
		return;
	while (w->len + n > w->cap)
		w->cap = w->cap ? w->cap * 2 : 1024;
	w->buf = xrealloc(w->buf, w->cap);
}

static void
put(jw *w, const char *s, size_t n)
{
	reserve(w, n);
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

static void
putch(jw *w, char c)
{
	reserve(w, 1);
	w->buf[w->len++] = c;
}

/* A JSON string, escaped as jansson's dump does without flags. */
static void
string(jw *w, const char *s)
{
	putch(w, '"');
	const char *run = s;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		put(w, run, (size_t)(s - run));
		run = s + 1;
		char esc[8];
		switch (c) {
		case '"': put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case '\b': put(w, "\\b", 2); break;
		case '\f': put(w, "\\f", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\r': put(w, "\\r", 2); break;
		case '\t': put(w, "\\t", 2); break;
		default:
			snprintf(esc, sizeof esc, "\\u%04X", c);
			put(w, esc, 6);
		}
	}
	put(w, run, (size_t)(s - run));
	putch(w, '"');
}

static void
member(jw *w, const char *key)
{
	if (!w->first[w->depth])
		putch(w, ',');
	w->first[w->depth] = 0;
	if (key) {
		string(w, key);
		putch(w, ':');
	}
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
		string(w, val);
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
void
jw_real(jw *w, const char *key, double val)
{
	char num[48], out[48];
	member(w, key);
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
