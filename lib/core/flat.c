/* flat.c - a record's top-level members without a tree (flat.h). The
 * line passed csf_scan_json, so the walk trusts its grammar; every step
 * still stays within the line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/flat.h"
#include "core/jsonlex.h"

/* A record with more members than this is read in full as a tree by the
 * callers' other path (csf_flat_new gives NULL). */
#define FLAT_MAX 128

struct member {
	uint64_t head;      /* the key's first 8 bytes, zero-padded: most keys whole */
	const char *key, *val;
	unsigned klen, vlen;
	int is_string;
};

static uint64_t
key_bit(const char *key, size_t len)
{
	return (uint64_t)1 << ((len * 7 + (unsigned char)key[0] + (len > 1 ? (unsigned char)key[len - 1] : 0)) & 63);
}

static uint64_t
key_head(const char *key, size_t len)
{
	uint64_t h = 0;
	memcpy(&h, key, len < 8 ? len : 8);
	return h;
}

struct csf_flat {
	int n;
	uint64_t keys;      /* a bit per key (key_bit): most keys asked for are absent */
	char *text;
	struct member m[];
};

/* Past the string body at p (just after its opening quote), decoding it
 * in place; its decoded length in *len. */
static unsigned char *
string_in_place(unsigned char *p, const unsigned char *end, unsigned *len)
{
	unsigned char *start = p;
	/* Most strings hold no escape: find the quote, then look for one. */
	unsigned char *q = memchr(p, '"', (size_t)(end - p));
	unsigned char *bs = q ? memchr(p, '\\', (size_t)(q - p)) : NULL;
	p = !q ? (unsigned char *)end : bs ? bs : q;
	if (p < end && *p == '"') {
		*len = (unsigned)(p - start);
		*p = '\0';
		return p + 1;
	}
	const unsigned char *r = p;
	unsigned char *w = p;
	int escaped = 0;
	jsonlex_string(&r, end, &w, &escaped, NULL);
	*len = (unsigned)(w - start);
	*w = '\0';
	return (unsigned char *)r + (r < end);
}

/* Past the string whose opening quote is at p. */
static const unsigned char *
skip_string(const unsigned char *p, const unsigned char *end)
{
	for (p++; p < end; p++) {
		const unsigned char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return end;
		const unsigned char *b = q;
		while (b > p && b[-1] == '\\')
			b--;
		if ((q - b) % 2 == 0)
			return q + 1;
		p = q;
	}
	return end;
}

/* Past the value at p: a string, number, literal, object or array. */
static const unsigned char *
skip_value(const unsigned char *p, const unsigned char *end)
{
	if (p >= end)
		return end;
	if (*p == '"')
		return skip_string(p, end);
	if (*p != '{' && *p != '[') {
		/* A number or a literal: up to its delimiter. */
		while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t' &&
		    *p != '\r' && *p != '\n')
			p++;
		return p;
	}
	int depth = 0;
	while (p < end) {
		switch (*p) {
		case '"':
			p = skip_string(p, end);
			continue;
		case '{': case '[':
			depth++;
			break;
		case '}': case ']':
			if (--depth == 0)
				return p + 1;
			break;
		}
		p++;
	}
	return end;
}

csf_flat *
csf_flat_new(const char *text, size_t len)
{
	struct member m[FLAT_MAX];
	int n = 0;
	char *copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	unsigned char *p = (unsigned char *)copy, *end = p + len;
	p = (unsigned char *)jsonlex_ws(p, end);
	if (p >= end || *p != '{') {
		free(copy);
		return NULL;
	}
	p = (unsigned char *)jsonlex_ws(p + 1, end);
	while (p < end && *p == '"') {
		if (n == FLAT_MAX) {
			free(copy);
			return NULL;
		}
		struct member *e = &m[n++];
		e->key = (const char *)p + 1;
		p = string_in_place(p + 1, end, &e->klen);
		e->head = key_head(e->key, e->klen);
		p = (unsigned char *)jsonlex_ws(p, end);
		p = (unsigned char *)jsonlex_ws(p + (p < end && *p == ':'), end);
		e->is_string = p < end && *p == '"';
		if (e->is_string) {
			e->val = (const char *)p + 1;
			p = string_in_place(p + 1, end, &e->vlen);
		} else {
			e->val = (const char *)p;
			p = (unsigned char *)skip_value(p, end);
			e->vlen = (unsigned)(p - (const unsigned char *)e->val);
		}
		p = (unsigned char *)jsonlex_ws(p, end);
		if (p < end && *p == ',')
			p = (unsigned char *)jsonlex_ws(p + 1, end);
	}
	csf_flat *r = xmalloc(sizeof *r + (size_t)n * sizeof *r->m);
	r->n = n;
	r->keys = 0;
	for (int i = 0; i < n; i++)
		r->keys |= key_bit(m[i].key, m[i].klen);
	r->text = copy;
	memcpy(r->m, m, (size_t)n * sizeof *m);
	return r;
}

csf_flat *
csf_flat_of_json(const json_t *rec)
{
	char *text = json_dumps(rec, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(17));
	csf_flat *r = text ? csf_flat_new(text, strlen(text)) : NULL;
	free(text);
	return r;
}

void
csf_flat_free(csf_flat *r)
{
	if (!r)
		return;
	free(r->text);
	free(r);
}

static const struct member *
find(const csf_flat *r, const char *key)
{
	if (!r)
		return NULL;
	size_t klen = strlen(key);
	if (!(r->keys & key_bit(key, klen)))
		return NULL;
	uint64_t head = key_head(key, klen);
	for (int i = r->n; i-- > 0; ) {
		const struct member *e = &r->m[i];
		if (e->head == head && e->klen == klen && (klen <= 8 || !memcmp(e->key + 8, key + 8, klen - 8)))
			return e;
	}
	return NULL;
}

int
csf_flat_get(const csf_flat *r, const char *key, csf_field *v)
{
	const struct member *e = find(r, key);
	if (!e)
		return 0;
	v->name = key;
	v->val = e->val;
	v->len = e->vlen;
	return 1;
}

int
csf_flat_has(const csf_flat *r, const char *key)
{
	return find(r, key) != NULL;
}

const char *
csf_flat_str(const csf_flat *r, const char *key)
{
	const struct member *e = find(r, key);
	return e && e->is_string ? e->val : NULL;
}

int
csf_field_num(const csf_field *f, double *x)
{
	if (!f->val || !f->len || !(f->val[0] == '-' || (f->val[0] >= '0' && f->val[0] <= '9')))
		return 0;
	long long v;
	if (csf_field_int(f, &v)) {
		*x = (double)v;
		return CSF_FLAT_INT;
	}
	/* The value ends at a delimiter of the line, so strtod stops there. */
	*x = strtod(f->val, NULL);
	return CSF_FLAT_REAL;
}

int
csf_flat_num(const csf_flat *r, const char *key, double *x)
{
	const struct member *e = find(r, key);
	if (!e || e->is_string)
		return 0;
	csf_field f = { key, e->val, e->vlen };
	return csf_field_num(&f, x);
}

int
csf_flat_int(const csf_flat *r, const char *key, long long *v)
{
	const struct member *e = find(r, key);
	if (!e || e->is_string)
		return 0;
	csf_field f = { key, e->val, e->vlen };
	return csf_field_int(&f, v);
}

int
csf_flat_array(const csf_flat *r, const char *key, csf_iter *it)
{
	csf_field f;
	return csf_flat_get(r, key, &f) && !find(r, key)->is_string && csf_field_array(&f, it);
}

const char *
csf_raw_str(const csf_field *v, char *buf, size_t size)
{
	return csf_field_str(v, buf, size) < 0 ? NULL : buf;
}
