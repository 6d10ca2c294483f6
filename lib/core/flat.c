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
/* Zero bytes after the text, so a string is searched 8 bytes at a time. */
#define PAD 8

/* The first '"' or '\\' at or after p. The text ends in zero bytes past
 * its closing brace (PAD), and a string always closes before that. */
static inline unsigned char *
quote_or_escape(unsigned char *p, const unsigned char *end)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	while (p < end) {
		uint64_t w, q, b;
		memcpy(&w, p, 8);
		q = w ^ (ones * '"');
		b = w ^ (ones * '\\');
		uint64_t hit = (((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
		if (hit)
			return p + (__builtin_ctzll(hit) >> 3);   /* the lowest hit is a true one */
		p += 8;
	}
	return (unsigned char *)end;
#else
	while (p < end && *p != '"' && *p != '\\')
		p++;
	return (unsigned char *)p;
#endif
}

/* Past the string body at p (just after its opening quote), decoding it
 * in place; its decoded length in *len. */
static inline unsigned char *
string_in_place(unsigned char *p, const unsigned char *end, unsigned *len)
{
	unsigned char *start = p;
	/* Most strings hold no escape. */
	p = quote_or_escape(p, end);
	if (p >= end) {
		*len = (unsigned)(end - start);
		return (unsigned char *)end;
	}
	if (*p == '"') {
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
static inline const unsigned char *
skip_string(const unsigned char *p, const unsigned char *end)
{
	for (p++; p < end; ) {
		p = quote_or_escape((unsigned char *)p, end);
		if (p >= end)
			return end;
		if (*p == '"')
			return p + 1;
		p += 2;   /* an escape and the character it escapes */
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
	/* Inside, only quotes and brackets matter: the bytes between them
	 * (numbers, literals, commas, colons) are passed by a table. */
	static const unsigned char structural[256] = { ['"'] = 1, ['{'] = 2, ['['] = 2, ['}'] = 3, [']'] = 3 };
	int depth = 0;
	while (p < end) {
		switch (structural[*p]) {
		case 0:
			p++;
			continue;
		case 1:
			p = skip_string(p, end);
			continue;
		case 2:
			depth++;
			break;
		default:
			if (--depth == 0)
				return p + 1;
		}
		p++;
	}
	return end;
}

/* Records freed are kept for the next ones (a person's records are
 * read and freed by the hundred, of much the same size), up to a bound. */
#define SPARE_MAX 256
#define SPARE_SIZE 4096
static csf_flat *spare[SPARE_MAX];
static int nspare;

static csf_flat *
flat_alloc(size_t size)
{
	size = (size + 255) & ~(size_t)255;   /* sizes that can be reused */
	while (nspare > 0) {
		csf_flat *r = spare[--nspare];
		if (r->size >= size)
			return r;
		free(r);
	}
	csf_flat *r = xmalloc(size);
	r->size = size;
	return r;
}

/* The keys of the last record read, in order: records of a stream come
 * in a few shapes, so a key is most often where it was last time, and
 * is then known by a compare instead of a search for its end. */
#define SEEN_MAX 32
static struct seen {
	uint64_t quoted;    /* the key and its closing quote, when they fit in 8 bytes */
	uint64_t mask;      /* of those bytes; 0 when they do not fit in 16 */
	uint64_t quoted2, mask2;   /* the same for bytes 8 to 15 (mask2 0: none) */
	uint64_t head;
	unsigned klen, slot;
} seen[SEEN_MAX];
static int nseen;

static unsigned
key_slot(const char *key, unsigned klen)
{
	return (unsigned)((klen * 5 + (unsigned char)key[0] * 15 +
	    (unsigned char)key[klen ? klen - 1 : 0] * 9) & 63);   /* csf_flat_key's slot */
}

/* Members read into m from text (copied to copy, with PAD zero bytes
 * after it); their number, -1 if it is not an object or has more than
 * most. */
static int
read_members(char *copy, size_t len, struct csf_flat_member *m, int most, int *all_seen)
{
	int n = 0;
	*all_seen = 1;
	unsigned char *p = (unsigned char *)copy, *end = p + len;
	p = (unsigned char *)jsonlex_ws(p, end);
	if (p >= end || *p != '{')
		return -1;
	p = (unsigned char *)jsonlex_ws(p + 1, end);
	while (p < end && *p == '"') {
		if (n == most)
			return -1;
		struct csf_flat_member *e = &m[n];
		e->key = (const char *)p + 1;
		uint64_t w, w2;
		memcpy(&w, p + 1, 8);   /* within the text and its padding */
		if (n < nseen && (w & seen[n].mask) == seen[n].quoted &&
		    (!seen[n].mask2 || (memcpy(&w2, p + 9, 8),   /* 8 key bytes read: the rest, its ':', a value and '}' follow, and the padding */
		     (w2 & seen[n].mask2) == seen[n].quoted2))) {
			/* The key of last time, quote included. */
			e->klen = seen[n].klen;
			e->head = seen[n].head;
			p += 2 + e->klen;
			p[-1] = '\0';
		} else {
			*all_seen = 0;
			p = string_in_place(p + 1, end, &e->klen);
			memcpy(&w, e->key, 8);
			e->head = e->klen >= 8 ? w : w & ((((uint64_t)1) << (e->klen * 8)) - 1);
			if (n < SEEN_MAX) {
				/* Remembered when the key and its quote fit in 8 bytes
				 * and it held no escape. */
				int plain = p - (unsigned char *)e->key == (long)e->klen + 1;
				seen[n].klen = e->klen;
				seen[n].head = e->head;
				unsigned k = e->klen;
				seen[n].mask = !plain || k >= 16 ? 0 : k >= 7 ? UINT64_MAX
				    : (((uint64_t)1) << ((k + 1) * 8)) - 1;
				seen[n].quoted = !plain || k >= 16 ? 1 : k >= 8 ? e->head
				    : e->head | (uint64_t)'"' << (k * 8);
				/* keys of 8 to 15 bytes: the rest and the quote in a second word */
				uint64_t tail = 0;
				if (plain && k >= 8 && k < 16)
					memcpy(&tail, e->key + 8, k - 8);
				seen[n].mask2 = !plain || k < 8 || k >= 16 ? 0 : k == 15 ? UINT64_MAX
				    : (((uint64_t)1) << ((k - 8 + 1) * 8)) - 1;
				seen[n].quoted2 = !plain || k < 8 || k >= 16 ? 0 : tail | (uint64_t)'"' << ((k - 8) * 8);
				seen[n].slot = key_slot(e->key, e->klen);
				if (n >= nseen)
					nseen = n + 1;
			}
		}
		n++;
		if (*p == ':')
			p++;
		else
			p = (unsigned char *)jsonlex_ws(p, end), p += p < end && *p == ':';
		if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p = (unsigned char *)jsonlex_ws(p, end);
		e->is_string = p < end && *p == '"';
		if (e->is_string) {
			e->val = (const char *)p + 1;
			p = string_in_place(p + 1, end, &e->vlen);
		} else {
			e->val = (const char *)p;
			p = (unsigned char *)skip_value(p, end);
			e->vlen = (unsigned)(p - (const unsigned char *)e->val);
		}
		if (*p != ',')
			p = (unsigned char *)jsonlex_ws(p, end);
		if (p < end && *p == ',') {
			p++;
			if (*p != '"')
				p = (unsigned char *)jsonlex_ws(p, end);
		}
	}
	return n;
}

csf_flat *
csf_flat_new(const char *text, size_t len)
{
	/* One allocation: room for as many members as the last record had
	 * and a few more, then the text, read in place; a record with more
	 * members is read again with room for all it can have. */
	static int last_n = 16;
	/* the slots of the last record whose slots were made, and its
	 * number of members (-1: none, or seen[] changed since) */
	static uint64_t last_keys;
	static unsigned char last_slot[64];
	static int last_slots_n = -1;
	int most = last_n + 8 < FLAT_MAX ? last_n + 8 : FLAT_MAX;
	for (;;) {
		csf_flat *r = flat_alloc(sizeof *r + (size_t)most * sizeof *r->m + len + PAD);
		char *copy = (char *)(r->m + most);
		memcpy(copy, text, len);
		memset(copy + len, 0, PAD);
		int all_seen;
		int n = read_members(copy, len, r->m, most, &all_seen);
		if (n < 0) {
			last_slots_n = -1;   /* seen[] may have changed */
			csf_flat_free(r);
			if (most < FLAT_MAX && len / 5 + 1 > (size_t)most) {
				most = FLAT_MAX;   /* not an object, or more members than room */
				continue;
			}
			return NULL;
		}
		r->n = n;
		/* The same keys as the record before (all as seen, as many):
		 * the same slots. */
		if (all_seen && n == last_slots_n) {
			r->keys = last_keys;
			memcpy(r->slot, last_slot, sizeof r->slot);
			last_n = n;
			return r;
		}
		last_n = n;
		r->keys = 0;
		memset(r->slot, CSF_FLAT_NO_SLOT, sizeof r->slot);
		for (int i = 0; i < n; i++) {
			/* seen[i] is this record's key now, matched or made. */
			unsigned bit = i < SEEN_MAX ? seen[i].slot : key_slot(r->m[i].key, r->m[i].klen);
			r->keys |= (uint64_t)1 << bit;
			r->slot[bit] = r->slot[bit] == CSF_FLAT_NO_SLOT ? (unsigned char)i : CSF_FLAT_SEARCH;
		}
		last_keys = r->keys;
		memcpy(last_slot, r->slot, sizeof last_slot);
		last_slots_n = n <= SEEN_MAX ? n : -1;
		return r;
	}
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
	if (nspare < SPARE_MAX && r->size <= SPARE_SIZE)
		spare[nspare++] = r;
	else
		free(r);
}

int
csf_flat_get_k(const csf_flat *r, struct csf_flat_key k, csf_field *v)
{
	const struct csf_flat_member *e = csf_flat_find(r, k);
	if (!e)
		return 0;
	v->name = k.name;
	v->val = e->val;
	v->len = e->vlen;
	return 1;
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
csf_flat_int_k(const csf_flat *r, struct csf_flat_key k, long long *v)
{
	const struct csf_flat_member *e = csf_flat_find(r, k);
	if (!e || e->is_string)
		return 0;
	csf_field f = { k.name, e->val, e->vlen };
	return csf_field_int(&f, v);
}

int
csf_flat_array_k(const csf_flat *r, struct csf_flat_key k, csf_iter *it)
{
	const struct csf_flat_member *e = csf_flat_find(r, k);
	if (!e || e->is_string)
		return 0;
	csf_field f = { k.name, e->val, e->vlen };
	return csf_field_array(&f, it);
}

const char *
csf_raw_str(const csf_field *v, char *buf, size_t size)
{
	return csf_field_str(v, buf, size) < 0 ? NULL : buf;
}
