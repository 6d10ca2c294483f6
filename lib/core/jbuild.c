/* jbuild.c - build jansson values from a line csf_scan_json has already
 * accepted. jansson's own decoder reads a byte at a time through a stream
 * layer and checks everything again; a line we validated needs none of
 * that, and loading the reference data at start-up is mostly decoding.
 * The result is the value json_loadb would give (same types, key order,
 * last duplicate key wins in the first one's place). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jsonlex.h"

struct build {
	const unsigned char *p, *end;
	char *buf;        /* scratch for a string's bytes */
	size_t cap;
};

static void
skip_ws(struct build *b)
{
	b->p = jsonlex_ws(b->p, b->end);
}

/* The string at b->p (on its opening quote): its bytes, unescaped into
 * b->buf, NUL-terminated. */
static const char *
string_at(struct build *b, size_t *len)
{
	const unsigned char *start = ++b->p, *q = start;
	while (*q != '"' && *q != '\\')
		q++;
	if (*q == '"') {          /* no escapes, the common case: copy */
		*len = (size_t)(q - start);
		b->p = q + 1;
	} else {
		/* Decoded output is never longer than its source. */
		const unsigned char *close = q;
		while (*close != '"')
			close += *close == '\\' ? 2 : 1;
		*len = (size_t)(close - start);
	}
	if (*len + 1 > b->cap) {
		b->cap = *len + 64;
		b->buf = xrealloc(b->buf, b->cap);
	}
	if (*q == '"') {
		memcpy(b->buf, start, *len);
	} else {
		/* The shared decoder; the scan already accepted the string. */
		unsigned char *w = (unsigned char *)b->buf;
		int escaped;
		jsonlex_string(&b->p, b->end, &w, &escaped, NULL);
		*len = (size_t)(w - (unsigned char *)b->buf);
		b->p++;   /* the closing quote */
	}
	b->buf[*len] = '\0';
	return b->buf;
}

static json_t *
number_at(struct build *b)
{
	const char *start = (const char *)b->p;
	int real, has_exp;
	b->p = jsonlex_number(b->p, b->end, &real, &has_exp);
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
	struct build b = { (const unsigned char *)text, (const unsigned char *)text + len, NULL, 0 };
	json_t *v = value_at(&b);
	free(b.buf);
	return v;
}
