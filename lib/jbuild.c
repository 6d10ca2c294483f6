/* jbuild.c - build jansson values from a line csf_scan_json has already
 * accepted. jansson's own decoder reads a byte at a time through a stream
 * layer and checks everything again; a line we validated needs none of
 * that, and loading the reference data at start-up is mostly decoding.
 * The result is the value json_loadb would give (same types, key order,
 * last duplicate key wins in the first one's place). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csf.h"

struct build {
	const char *p, *end;
	char *buf;        /* scratch for unescaped strings */
	size_t cap;
};

static void
skip_ws(struct build *b)
{
	while (b->p < b->end && (*b->p == ' ' || *b->p == '\t' || *b->p == '\n' || *b->p == '\r'))
		b->p++;
}

static unsigned
hex4(const char *s)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int c = s[i];
		v = v << 4 | (unsigned)(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
	}
	return v;
}

static size_t
put_utf8(char *out, unsigned cp)
{
	if (cp < 0x80) { out[0] = (char)cp; return 1; }
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The string at b->p (on its opening quote): its bytes, unescaped into
 * b->buf when needed, NUL-terminated. */
static const char *
string_at(struct build *b, size_t *len)
{
	const char *start = ++b->p, *q = start;
	while (*q != '"' && *q != '\\')
		q++;
	if (*q == '"') {          /* no escapes: copy straight from the line */
		*len = (size_t)(q - start);
		b->p = q + 1;
		if (*len + 1 > b->cap) {
			b->cap = *len + 64;
			b->buf = xrealloc(b->buf, b->cap);
		}
		memcpy(b->buf, start, *len);
		b->buf[*len] = '\0';
		return b->buf;
	}
	/* Escaped output is never longer than its source. */
	const char *close = q;
	while (*close != '"')
		close += *close == '\\' ? 2 : 1;
	size_t need = (size_t)(close - start) + 1;
	if (need > b->cap) {
		b->cap = need + 64;
		b->buf = xrealloc(b->buf, b->cap);
	}
	char *out = b->buf;
	for (q = start; q < close; ) {
		if (*q != '\\') {
			*out++ = *q++;
			continue;
		}
		char c = q[1];
		q += 2;
		switch (c) {
		case 'b': *out++ = '\b'; break;
		case 'f': *out++ = '\f'; break;
		case 'n': *out++ = '\n'; break;
		case 'r': *out++ = '\r'; break;
		case 't': *out++ = '\t'; break;
		case 'u': {
			unsigned cp = hex4(q);
			q += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {   /* the scan checked the pair */
				unsigned lo = hex4(q + 2);
				q += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			}
			out += put_utf8(out, cp);
			break;
		}
		default: *out++ = c; break;   /* " \ / */
		}
	}
	*len = (size_t)(out - b->buf);
	*out = '\0';
	b->p = close + 1;
	return b->buf;
}

static json_t *
number_at(struct build *b)
{
	const char *start = b->p;
	int real = 0;
	while (b->p < b->end) {
		char c = *b->p;
		if (c == '.' || c == 'e' || c == 'E')
			real = 1;
		else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9')))
			break;
		b->p++;
	}
	/* The line is NUL-terminated after the object, so strto* stop at the
	 * number's end: the next byte is a delimiter. */
	if (real)
		return json_real(strtod(start, NULL));
	return json_integer(strtoll(start, NULL, 10));
}

static json_t *
value_at(struct build *b)
{
	skip_ws(b);
	switch (*b->p) {
	case '{': {
		json_t *obj = json_object();
		b->p++;
		skip_ws(b);
		if (*b->p == '}') {
			b->p++;
			return obj;
		}
		for (;;) {
			skip_ws(b);
			size_t klen;
			string_at(b, &klen);
			char stackkey[128], *key = klen < sizeof stackkey ? stackkey : xmalloc(klen + 1);
			memcpy(key, b->buf, klen + 1);
			skip_ws(b);
			b->p++;   /* ':' */
			json_object_setn_new_nocheck(obj, key, klen, value_at(b));
			if (key != stackkey)
				free(key);
			skip_ws(b);
			if (*b->p++ == '}')
				return obj;
		}
	}
	case '[': {
		json_t *arr = json_array();
		b->p++;
		skip_ws(b);
		if (*b->p == ']') {
			b->p++;
			return arr;
		}
		for (;;) {
			json_array_append_new(arr, value_at(b));
			skip_ws(b);
			if (*b->p++ == ']')
				return arr;
		}
	}
	case '"': {
		size_t len;
		const char *s = string_at(b, &len);
		return json_stringn_nocheck(s, len);
	}
	case 't': b->p += 4; return json_true();
	case 'f': b->p += 5; return json_false();
	case 'n': b->p += 4; return json_null();
	default: return number_at(b);
	}
}

json_t *
csf_build_json(const char *text, size_t len)
{
	struct build b = { text, text + len, NULL, 0 };
	json_t *v = value_at(&b);
	free(b.buf);
	return v;
}
