/* strpool.c - see strpool.h. An entry is its key, a NUL, padding to 8
 * bytes and its value, in the current block; the table holds its hash
 * and where it starts (linear probing, at most half full). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/strmap.h"
#include "core/strpool.h"

enum { BLOCK = 64 * 1024 };

struct block {
	struct block *prev;
	size_t used, size;
	_Alignas(8) char data[];
};

struct slot {
	uint64_t hash;   /* 0: empty (a hash of 0 is stored as 1) */
	char *key;
};

struct strpool {
	struct slot *tab;
	size_t cap, count;
	struct block *last;
};

strpool *
strpool_new(void)
{
	strpool *p = xcalloc(1, sizeof *p);
	p->cap = 64;
	p->tab = xcalloc(p->cap, sizeof *p->tab);
	return p;
}

static size_t
value_at(size_t keylen)
{
	return (keylen + 1 + 7) & ~(size_t)7;
}

static uint64_t
hash_of(const char *key)
{
	uint64_t h = csf_hash(key);
	return h ? h : 1;
}

static struct slot *
find(const strpool *p, const char *key, uint64_t h)
{
	size_t mask = p->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct slot *s = &p->tab[i];
		if (!s->hash || (s->hash == h && strcmp(s->key, key) == 0))
			return s;
	}
}

/* Room for n bytes, 8-byte aligned, that will not move. */
static char *
take(strpool *p, size_t n)
{
	n = (n + 7) & ~(size_t)7;
	struct block *b = p->last;
	if (!b || b->size - b->used < n) {
		size_t size = n > BLOCK ? n : BLOCK;
		b = xmalloc(sizeof *b + size);
		b->prev = p->last;
		b->used = 0;
		b->size = size;
		p->last = b;
	}
	char *at = b->data + b->used;
	b->used += n;
	return at;
}

void *
strpool_put(strpool *p, const char *key, const void *val, size_t n, int *created)
{
	uint64_t h = hash_of(key);
	struct slot *s = find(p, key, h);
	size_t keylen = strlen(key);
	if (s->hash) {
		if (created)
			*created = 0;
		return s->key + value_at(keylen);
	}
	if ((p->count + 1) * 2 > p->cap) {
		struct slot *old = p->tab;
		size_t oldcap = p->cap;
		p->cap *= 2;
		p->tab = xcalloc(p->cap, sizeof *p->tab);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].hash)
				*find(p, old[i].key, old[i].hash) = old[i];
		free(old);
		s = find(p, key, h);
	}
	char *e = take(p, value_at(keylen) + n);
	memcpy(e, key, keylen + 1);
	if (n)
		memcpy(e + value_at(keylen), val, n);
	s->hash = h;
	s->key = e;
	p->count++;
	if (created)
		*created = 1;
	return e + value_at(keylen);
}

void *
strpool_get(const strpool *p, const char *key)
{
	struct slot *s = find(p, key, hash_of(key));
	return s->hash ? s->key + value_at(strlen(key)) : NULL;
}

size_t
strpool_count(const strpool *p)
{
	return p->count;
}

void
strpool_free(strpool *p)
{
	if (!p)
		return;
	for (struct block *b = p->last, *prev; b; b = prev) {
		prev = b->prev;
		free(b);
	}
	free(p->tab);
	free(p);
}
