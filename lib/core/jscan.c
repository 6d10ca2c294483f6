/* jscan.c - validate a JSON text without building it, and find the
 * top-level "type" on the way. Tools copy records they do not own straight
 * through; this scan is what still lets them refuse broken lines cheaply.
 * It accepts exactly what jansson's decoder accepts (RFC 8259, no NUL
 * escapes, paired surrogates, integers that fit in 64 bits). */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/jsonlex.h"

struct scan {
	const unsigned char *p, *end;
	int depth;
	const char *err;
};

static void
skip_ws(struct scan *s)
{
	s->p = jsonlex_ws(s->p, s->end);
}

static int
fail(struct scan *s, const char *msg)
{
	if (!s->err)
		s->err = msg;
	return -1;
}

/* Scan a string at s->p (on the opening quote). If raw is not NULL it gets
 * the span between the quotes and *escaped whether it holds escapes. */
static int
scan_string(struct scan *s, const unsigned char **raw, size_t *rawlen, int *escaped_out)
{
	const unsigned char *start = ++s->p;
	int escaped = 0;
	const char *err = jsonlex_string(&s->p, s->end, NULL, &escaped, N_("invalid \\u escape"));
	if (err)
		return fail(s, err);
	if (raw) {
		*raw = start;
		*rawlen = (size_t)(s->p - start);
		*escaped_out = escaped;
	}
	s->p++;
	return 0;
}

static int
scan_number(struct scan *s)
{
	const unsigned char *start = s->p;
	int is_real, has_exp;
	if (!(s->p = jsonlex_number(start, s->end, &is_real, &has_exp))) {
		s->p = start;
		return fail(s, "invalid number");
	}
	size_t n = (size_t)(s->p - start);
	if (!is_real && n > 20)
		return fail(s, "integer out of range");
	if (n > 15 || has_exp) {
		/* Long enough to overflow: check the range as jansson will.
		 * Reals may be long (many digits) and still valid. */
		char small[64], *buf = n < sizeof small ? small : malloc(n + 1);
		int bad = 0;
		if (!buf) return fail(s, "out of memory");
		memcpy(buf, start, n);
		buf[n] = '\0';
		errno = 0;
		if (is_real) {
			/* Only overflow is an error: jansson keeps underflow
			 * (subnormals and zero) although strtod says ERANGE. */
			double d = strtod(buf, NULL);
			bad = errno == ERANGE && isinf(d);
		} else {
			(void)strtoll(buf, NULL, 10);
			bad = errno == ERANGE;
		}
		if (buf != small) free(buf);
		if (bad)
			return fail(s, is_real ? N_("number out of range") : N_("integer out of range"));
	}
	return 0;
}

/* Whether an already validated key with escapes decodes to "type" (as in
 * "typ\u0065"): jansson sees that key, so the scan must too. */
static int
escaped_is_type(const unsigned char *p, size_t len)
{
	static const char want[] = "type";
	const unsigned char *end = p + len;
	size_t i = 0;
	while (p < end) {
		unsigned c = *p++;
		if (c == '\\') {
			c = *p++;
			if (c == 'u') {
				unsigned v = 0;
				for (int k = 0; k < 4; k++) {
					unsigned h = *p++;
					v = v << 4 | (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
				}
				c = v;  /* a surrogate pair never matches: both halves > 0x7f */
			} else if (c == 'b') c = '\b';
			else if (c == 'f') c = '\f';
			else if (c == 'n') c = '\n';
			else if (c == 'r') c = '\r';
			else if (c == 't') c = '\t';
		}
		if (i == 4 || c != (unsigned char)want[i++])
			return 0;
	}
	return i == 4;
}

static int scan_value(struct scan *s, int top, char *type, size_t typesz);

static int
scan_object(struct scan *s, int top, char *type, size_t typesz, csf_members *idx)
{
	if (++s->depth > CSF_DEPTH_MAX)
		return fail(s, "nesting too deep");
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == '}') {
		s->p++;
		s->depth--;
		return 0;
	}
	for (;;) {
		const unsigned char *key;
		size_t keylen;
		int key_escaped;
		skip_ws(s);
		if (s->p >= s->end || *s->p != '"')
			return fail(s, "expected a string key");
		if (scan_string(s, &key, &keylen, &key_escaped)) return -1;
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return fail(s, "expected ':'");
		s->p++;
		skip_ws(s);
		int is_type = top && (key_escaped ? escaped_is_type(key, keylen)
		    : keylen == 4 && !memcmp(key, "type", 4));
		const unsigned char *val = s->p;
		if (is_type && s->p < s->end && *s->p == '"') {
			const unsigned char *v;
			size_t vlen;
			int v_escaped;
			if (scan_string(s, &v, &vlen, &v_escaped)) return -1;
			if (type) {
				/* An escaped value, or one longer than the buffer,
				 * is marked "\\" so the caller decodes it with a
				 * full parse: a type is never cut short. */
				if (v_escaped || vlen >= typesz) {
					strcpy(type, "\\");
				} else {
					memcpy(type, v, vlen);
					type[vlen] = '\0';
				}
			}
		} else {
			if (is_type && type) type[0] = '\0';
			if (scan_value(s, 0, NULL, 0)) return -1;
		}
		if (idx) {
			/* Note where the member is. An escaped key (rare) or more
			 * members than fit leave the line unindexed (n -1):
			 * readers then scan it themselves. */
			if ((unsigned)idx->n < CSF_MEMBERS_MAX && !key_escaped)
				idx->m[idx->n++] = (struct csf_member){ (const char *)key, keylen, (const char *)val, (size_t)(s->p - val) };
			else
				idx->n = -1;
		}
		skip_ws(s);
		if (s->p >= s->end) return fail(s, "unterminated object");
		if (*s->p == ',') { s->p++; continue; }
		if (*s->p == '}') { s->p++; s->depth--; return 0; }
		return fail(s, "expected ',' or '}'");
	}
}

static int
scan_array(struct scan *s)
{
	if (++s->depth > CSF_DEPTH_MAX)
		return fail(s, "nesting too deep");
	s->p++;
	skip_ws(s);
	if (s->p < s->end && *s->p == ']') {
		s->p++;
		s->depth--;
		return 0;
	}
	for (;;) {
		if (scan_value(s, 0, NULL, 0)) return -1;
		skip_ws(s);
		if (s->p >= s->end) return fail(s, "unterminated array");
		if (*s->p == ',') { s->p++; continue; }
		if (*s->p == ']') { s->p++; s->depth--; return 0; }
		return fail(s, "expected ',' or ']'");
	}
}

static int
scan_literal(struct scan *s, const char *word, size_t n)
{
	/* n is a constant at each call: the compare becomes a load or two */
	if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n))
		return fail(s, "invalid JSON value");
	s->p += n;
	return 0;
}

static int
scan_value(struct scan *s, int top, char *type, size_t typesz)
{
	skip_ws(s);
	if (s->p >= s->end)
		return fail(s, "unexpected end of line");
	switch (*s->p) {
	case '{': return scan_object(s, top, type, typesz, NULL);
	case '[': return scan_array(s);
	case '"': return scan_string(s, NULL, NULL, NULL);
	case 't': return scan_literal(s, "true", 4);
	case 'f': return scan_literal(s, "false", 5);
	case 'n': return scan_literal(s, "null", 4);
	default:
		if (*s->p == '-' || (*s->p >= '0' && *s->p <= '9'))
			return scan_number(s);
		return fail(s, "invalid JSON value");
	}
}

const char *
csf_scan_json(const char *text, size_t len, char *type, size_t typesz)
{
	return csf_scan_index(text, len, type, typesz, NULL);
}

const char *
csf_scan_index(const char *text, size_t len, char *type, size_t typesz, csf_members *idx)
{
	struct scan s = { (const unsigned char *)text, (const unsigned char *)text + len, 0, NULL };
	if (idx)
		idx->n = 0;
	if (type && typesz) type[0] = '\0';
	skip_ws(&s);
	if (s.p >= s.end || *s.p != '{')
		return N_("not a JSON object");
	if (scan_object(&s, 1, type, typesz, idx))
		return s.err;
	skip_ws(&s);
	if (s.p != s.end)
		return N_("trailing characters after the object");
	return NULL;
}
