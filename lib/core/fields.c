/* fields.c - top-level member lookup on validated JSON text (fields.h).
 * The text was checked by csf_scan_json, so it is well formed; every step
 * still stays within the given length. */
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"

static const char *
ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* Past the string whose opening quote is at p: memchr finds each quote
 * a word or a vector at a time (a byte loop was most of reading the data
 * files); a quote is the closing one unless an odd run of backslashes
 * stands before it. */
static const char *
skip_string(const char *p, const char *end)
{
	const char *open = p;
	for (p++; p < end; p++) {
		p = memchr(p, '"', (size_t)(end - p));
		if (!p)
			return end;
		const char *b = p;
		while (b > open + 1 && b[-1] == '\\')
			b--;
		if ((p - b) % 2 == 0)
			return p + 1;
	}
	return end;
}

/* Past the value starting at p. */
static const char *
skip_value(const char *p, const char *end)
{
	if (p >= end)
		return end;
	if (*p == '"')
		return skip_string(p, end);
	if (*p == '{' || *p == '[') {
		int depth = 0;
		while (p < end) {
			if (*p == '"') {
				p = skip_string(p, end);
				continue;
			}
			if (*p == '{' || *p == '[')
				depth++;
			else if ((*p == '}' || *p == ']') && --depth == 0)
				return p + 1;
			p++;
		}
		return end;
	}
	/* A number or literal ends where its container goes on. */
	static const unsigned char stop[256] = {
		[','] = 1, ['}'] = 1, [']'] = 1, [' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\n'] = 1
	};
	while (p < end && !stop[(unsigned char)*p])
		p++;
	return p;
}

static int
hex4(const char *p, const char *end, unsigned *v)
{
	*v = 0;
	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int c = p[i], d;
		if (c >= '0' && c <= '9') d = c - '0';
		else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
		else return -1;
		*v = *v << 4 | (unsigned)d;
	}
	return 0;
}

static size_t
put_utf8(char *o, unsigned cp)
{
	if (cp < 0x80) { o[0] = (char)cp; return 1; }
	if (cp < 0x800) { o[0] = (char)(0xc0 | cp >> 6); o[1] = (char)(0x80 | (cp & 0x3f)); return 2; }
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | cp >> 12); o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f)); return 3;
	}
	o[0] = (char)(0xf0 | cp >> 18); o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	o[2] = (char)(0x80 | (cp >> 6 & 0x3f)); o[3] = (char)(0x80 | (cp & 0x3f)); return 4;
}

/* Unescape the string at p (opening quote) into buf; length or -1. */
static long
unescape(const char *p, const char *end, char *buf, size_t size)
{
	size_t n = 0;
	if (p >= end || *p != '"' || size == 0)
		return -1;
	for (p++; p < end && *p != '"'; ) {
		char tmp[4];
		size_t k = 1;
		if (*p != '\\') {
			if (n + 1 >= size)
				return -1;
			buf[n++] = *p++;   /* most bytes: straight across */
			continue;
		} else {
			if (++p >= end)
				return -1;
			char c = *p++;
			switch (c) {
			case 'b': tmp[0] = '\b'; break;
			case 'f': tmp[0] = '\f'; break;
			case 'n': tmp[0] = '\n'; break;
			case 'r': tmp[0] = '\r'; break;
			case 't': tmp[0] = '\t'; break;
			case 'u': {
				unsigned cp, lo;
				if (hex4(p, end, &cp))
					return -1;
				p += 4;
				if (cp >= 0xd800 && cp <= 0xdbff) {
					if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || hex4(p + 2, end, &lo))
						return -1;
					p += 6;
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				k = put_utf8(tmp, cp);
				break;
			}
			default: tmp[0] = c;   /* " \ / */
			}
		}
		if (n + k >= size)
			return -1;
		memcpy(buf + n, tmp, k);
		n += k;
	}
	buf[n] = '\0';
	return (long)n;
}

int
csf_data_fields(const char *text, size_t len, csf_field *want, int n)
{
	const char *p = text, *end = text + len;
	size_t nlen[16];
	if (n > 16)
		n = 16;
	for (int i = 0; i < n; i++) {
		want[i].val = NULL;
		nlen[i] = strlen(want[i].name);
	}
	p = ws(p, end);
	if (p >= end || *p != '{')
		return -1;
	p = ws(p + 1, end);
	while (p < end && *p == '"') {
		const char *key = p + 1;
		p = skip_string(p, end);
		size_t klen = (size_t)(p - 1 - key);
		int escaped = memchr(key, '\\', klen) != NULL;
		char kbuf[64];
		if (escaped) {
			long kl = unescape(key - 1, end, kbuf, sizeof kbuf);
			key = kl < 0 ? "" : kbuf;
			klen = kl < 0 ? 0 : (size_t)kl;
		}
		p = ws(p, end);
		if (p < end && *p == ':')
			p = ws(p + 1, end);
		const char *val = p;
		p = skip_value(p, end);
		for (int i = 0; i < n; i++)
			if (nlen[i] == klen && want[i].name[0] == key[0] && memcmp(want[i].name, key, klen) == 0) {
				want[i].val = val;
				want[i].len = (size_t)(p - val);
			}
		p = ws(p, end);
		if (p < end && *p == ',')
			p = ws(p + 1, end);
	}
	/* A cut or unterminated line does not end on its closing brace. */
	return p < end && *p == '}' && ws(p + 1, end) == end ? 0 : -1;
}

int
csf_fields(const char *text, size_t len, csf_field *want, int n)
{
	return csf_data_fields(text, len, want, n);
}

int
csf_line_fields(const csf_line *ln, csf_field *want, int n)
{
	const csf_members *x = ln->members;
	if (!x || x->n < 0)
		return csf_fields(ln->text, ln->len, want, n);
	for (int i = 0; i < n; i++) {
		size_t nlen = strlen(want[i].name);
		want[i].val = NULL;
		/* The last copy of a key counts, as in jansson: look from the end. */
		for (int k = x->n - 1; k >= 0; k--)
			if (x->m[k].klen == nlen && x->m[k].key[0] == want[i].name[0]
			    && memcmp(x->m[k].key, want[i].name, nlen) == 0) {
				want[i].val = x->m[k].val;
				want[i].len = x->m[k].vlen;
				break;
			}
	}
	return 0;
}

int
csf_field_null(const csf_field *f)
{
	return f->val && f->len == 4 && memcmp(f->val, "null", 4) == 0;
}

int
csf_field_int(const csf_field *f, long long *v)
{
	if (!f->val || !f->len || f->len > 20)
		return 0;
	/* Short plain integers (levels, counts) without a copy and strtoll. */
	const char *p = f->val, *e = f->val + f->len;
	int neg = *p == '-';
	p += neg;
	if (e - p >= 1 && e - p <= 18) {
		long long x = 0;
		for (; p < e && *p >= '0' && *p <= '9'; p++)
			x = x * 10 + (*p - '0');
		if (p == e) {
			*v = neg ? -x : x;
			return 1;
		}
		if (*p != '.' && *p != 'e' && *p != 'E')
			return 0;
	}
	char buf[24];
	memcpy(buf, f->val, f->len);
	buf[f->len] = '\0';
	if (strpbrk(buf, ".eE") || !(buf[0] == '-' || (buf[0] >= '0' && buf[0] <= '9')))
		return 0;
	char *endp;
	*v = strtoll(buf, &endp, 10);
	return *endp == '\0';
}

long
csf_field_str(const csf_field *f, char *buf, size_t size)
{
	if (!f->val || !f->len || f->val[0] != '"')
		return -1;
	/* Most strings hold no escape: copied whole. */
	size_t n = f->len - 2;
	if (f->len >= 2 && f->val[f->len - 1] == '"' && !memchr(f->val + 1, '\\', n)) {
		if (n >= size)
			return -1;
		memcpy(buf, f->val + 1, n);
		buf[n] = '\0';
		return (long)n;
	}
	return unescape(f->val, f->val + f->len, buf, size);
}

int
csf_field_array(const csf_field *f, csf_iter *it)
{
	if (!f->val || !f->len || f->val[0] != '[')
		return 0;
	it->p = f->val + 1;
	it->end = f->val + f->len - 1;   /* the closing bracket */
	it->outer = NULL;
	return 1;
}

/* The start of the next element, or NULL at the end: the end of the span,
 * or (in an array entered in one pass) the bracket that closes it. */
static const char *
next_element(csf_iter *it)
{
	const char *p = ws(it->p, it->end);
	if (p < it->end && *p == ',')
		p = ws(p + 1, it->end);
	if (p >= it->end)
		return NULL;
	if (*p == ']') {
		if (it->outer)
			it->outer->p = p + 1;
		return NULL;
	}
	return p;
}

int
csf_iter_next(csf_iter *it, csf_field *elem)
{
	const char *p = next_element(it);
	if (!p)
		return 0;
	elem->val = p;
	p = skip_value(p, it->end);
	elem->len = (size_t)(p - elem->val);
	it->p = p;
	return elem->len > 0;
}

int
csf_iter_enter(csf_iter *it, csf_iter *inner)
{
	const char *p = next_element(it);
	if (!p)
		return 0;
	if (*p != '[')
		return -1;
	inner->p = p + 1;
	inner->end = it->end;
	inner->outer = it;
	return 1;
}
