/* flat.h - a record's top-level members read straight from its line, for
 * records a tool keeps by the hundred thousand (a person's scores, gaps
 * and plan steps in the HTML report), where a jansson tree per record cost
 * more than drawing it. One allocation holds the line and its members;
 * top-level strings are unescaped in place. Works on lines csf_input_next
 * returned (already validated JSON). */
#ifndef CSF_FLAT_H
#define CSF_FLAT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <jansson.h>

#include "core/fields.h"

typedef struct csf_flat csf_flat;

/* NULL if text is not an object. */
csf_flat *csf_flat_new(const char *text, size_t len);
/* The same for a decoded record (written out, then read flat). */
csf_flat *csf_flat_of_json(const json_t *rec);
void csf_flat_free(csf_flat *r);

/* A key as the look-ups compare it: its length, first 8 bytes and bit
 * made once, at compile time when the key is a literal (the wrappers
 * below are inline). */
struct csf_flat_key {
	const char *name;
	size_t len;
	uint64_t head;
	unsigned slot;      /* 0-63, a hash of the key */
};

static inline struct csf_flat_key
csf_flat_key(const char *name)
{
	struct csf_flat_key k = { name, strlen(name), 0, 0 };
	memcpy(&k.head, name, k.len < 8 ? k.len : 8);
	k.slot = (unsigned)((k.len * 5 + (unsigned char)name[0] * 15 +
	    (unsigned char)name[k.len ? k.len - 1 : 0] * 9) & 63);
	return k;
}

/* The record's layout, here so that a look-up is inline (a report looks
 * up a dozen keys of every record); only flat.c writes it. */
struct csf_flat_member {
	uint64_t head;      /* the key's first 8 bytes, zero-padded: most keys whole */
	const char *key, *val;
	unsigned klen, vlen;
	int is_string;
};

#define CSF_FLAT_NO_SLOT 0xff    /* no member has this bit */
#define CSF_FLAT_SEARCH 0xfe     /* more than one: search them all */

struct csf_flat {
	int n;
	size_t size;        /* of the allocation, for reuse */
	uint64_t keys;      /* a bit per key's slot (csf_flat_key): most keys asked for are absent */
	unsigned char slot[64];   /* the member of each bit, most keys found at once */
	struct csf_flat_member m[];  /* then the text, in the same allocation */
};

static inline int
csf_flat_is(const struct csf_flat_member *e, struct csf_flat_key k)
{
	return e->head == k.head && e->klen == k.len && (k.len <= 8 || !memcmp(e->key + 8, k.name + 8, k.len - 8));
}

/* The member of key k, the last one if it repeats; NULL if none. */
static inline const struct csf_flat_member *
csf_flat_find(const csf_flat *r, struct csf_flat_key k)
{
	if (!r || !(r->keys & ((uint64_t)1 << k.slot)))
		return NULL;
	unsigned i = r->slot[k.slot];
	if (i != CSF_FLAT_SEARCH)
		return csf_flat_is(&r->m[i], k) ? &r->m[i] : NULL;
	for (int j = r->n; j-- > 0; )
		if (csf_flat_is(&r->m[j], k))
			return &r->m[j];
	return NULL;
}

int csf_flat_get_k(const csf_flat *r, struct csf_flat_key k, csf_field *v);

static inline int
csf_flat_has_k(const csf_flat *r, struct csf_flat_key k)
{
	return csf_flat_find(r, k) != NULL;
}

static inline const char *
csf_flat_str_k(const csf_flat *r, struct csf_flat_key k)
{
	const struct csf_flat_member *e = csf_flat_find(r, k);
	return e && e->is_string ? e->val : NULL;
}

enum { CSF_FLAT_INT = 1, CSF_FLAT_REAL = 2 };
int csf_field_num(const csf_field *f, double *x);

static inline int
csf_flat_num_k(const csf_flat *r, struct csf_flat_key k, double *x)
{
	const struct csf_flat_member *e = csf_flat_find(r, k);
	if (!e || e->is_string)
		return 0;
	/* A level or a count: one or two digits, read here. */
	if (e->vlen == 1 && e->val[0] >= '0' && e->val[0] <= '9') {
		*x = e->val[0] - '0';
		return CSF_FLAT_INT;
	}
	if (e->vlen == 2 && e->val[0] >= '1' && e->val[0] <= '9' && e->val[1] >= '0' && e->val[1] <= '9') {
		*x = (e->val[0] - '0') * 10 + (e->val[1] - '0');
		return CSF_FLAT_INT;
	}
	csf_field f = { k.name, e->val, e->vlen };
	return csf_field_num(&f, x);
}
int csf_flat_int_k(const csf_flat *r, struct csf_flat_key k, long long *v);
int csf_flat_array_k(const csf_flat *r, struct csf_flat_key k, csf_iter *it);

/* The member's raw JSON value (strings: their text, unescaped, with the
 * quotes gone); 0 if absent. The last one wins when a key repeats. */
static inline int
csf_flat_get(const csf_flat *r, const char *key, csf_field *v)
{
	return csf_flat_get_k(r, csf_flat_key(key), v);
}

static inline int
csf_flat_has(const csf_flat *r, const char *key)
{
	return csf_flat_has_k(r, csf_flat_key(key));
}

/* A string member, NUL-terminated; NULL if absent or not a string. */
static inline const char *
csf_flat_str(const csf_flat *r, const char *key)
{
	return csf_flat_str_k(r, csf_flat_key(key));
}

/* The same with its length (strings may hold NUL escaped: the length is
 * the decoded one). */
static inline const char *
csf_flat_strn(const csf_flat *r, const char *key, size_t *len)
{
	const struct csf_flat_member *e = csf_flat_find(r, csf_flat_key(key));
	if (!e || !e->is_string)
		return NULL;
	*len = e->vlen;
	return e->val;
}

/* A number member into *x: CSF_FLAT_INT or CSF_FLAT_REAL (as jansson
 * would type it), 0 if absent or not a number. */
static inline int
csf_flat_num(const csf_flat *r, const char *key, double *x)
{
	return csf_flat_num_k(r, csf_flat_key(key), x);
}

/* An integer member (no fraction or exponent); 0 if not one. */
static inline int
csf_flat_int(const csf_flat *r, const char *key, long long *v)
{
	return csf_flat_int_k(r, csf_flat_key(key), v);
}

/* The elements of an array member; 0 if not an array. */
static inline int
csf_flat_array(const csf_flat *r, const char *key, csf_iter *it)
{
	return csf_flat_array_k(r, csf_flat_key(key), it);
}

/* (csf_field_num, above: the same for a raw value, a field read off a line.) */
/* An array element or other raw value that is a string, unescaped into
 * buf; NULL if it is not a string or does not fit. */
const char *csf_raw_str(const csf_field *v, char *buf, size_t size);

#endif
