/* strmap.c - open-addressing hash tables (linear probing): strmap with
 * backward-shift deletion, so removals leave no tombstones and a table
 * that sees one subject at a time stays small; hashset, hashindex and
 * strpool on one table of 64-bit hashes that only grows. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/strmap.h"

uint64_t
csf_hash(const char *s)
{
	/* FNV-1a, then a final mix so that low bits are usable as an index. */
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

struct entry {
	char *key;     /* NULL: empty slot */
	uint64_t hash;
	size_t order;  /* insertion counter, for listing */
	void *val;
};

struct strmap {
	struct entry *tab;
	size_t cap, count, next_order;
};

strmap *
strmap_new(void)
{
	strmap *m = xcalloc(1, sizeof *m);
	m->cap = 16;
	m->tab = xcalloc(m->cap, sizeof *m->tab);
	return m;
}

static struct entry *
find(const strmap *m, const char *key, uint64_t h)
{
	size_t mask = m->cap - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct entry *e = &m->tab[i];
		if (!e->key || (e->hash == h && strcmp(e->key, key) == 0))
			return e;
	}
}

static void
grow(strmap *m)
{
	struct entry *old = m->tab;
	size_t oldcap = m->cap;
	m->cap *= 2;
	m->tab = xcalloc(m->cap, sizeof *m->tab);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].hash) = old[i];
	free(old);
}

void **
strmap_slot(strmap *m, const char *key, int *created)
{
	uint64_t h = csf_hash(key);
	struct entry *e = find(m, key, h);
	if (e->key) {
		if (created)
			*created = 0;
		return &e->val;
	}
	if ((m->count + 1) * 4 > m->cap * 3) {
		grow(m);
		e = find(m, key, h);
	}
	e->key = xstrdup(key);
	e->hash = h;
	e->order = m->next_order++;
	e->val = NULL;
	m->count++;
	if (created)
		*created = 1;
	return &e->val;
}

void *
strmap_get(const strmap *m, const char *key)
{
	struct entry *e = find(m, key, csf_hash(key));
	return e->key ? e->val : NULL;
}

void *
strmap_remove(strmap *m, const char *key)
{
	struct entry *e = find(m, key, csf_hash(key));
	if (!e->key)
		return NULL;
	void *val = e->val;
	free(e->key);
	m->count--;
	/* Backward-shift: move later members of the probe run into the hole. */
	size_t mask = m->cap - 1, hole = (size_t)(e - m->tab);
	for (size_t i = (hole + 1) & mask; m->tab[i].key; i = (i + 1) & mask) {
		size_t home = m->tab[i].hash & mask;
		/* Entry i may fill the hole if the hole lies on its probe path,
		 * i.e. its home is at least as far back as the hole. */
		if (((i - home) & mask) >= ((i - hole) & mask)) {
			m->tab[hole] = m->tab[i];
			hole = i;
		}
	}
	m->tab[hole].key = NULL;
	m->tab[hole].val = NULL;
	if (m->count == 0)
		m->next_order = 0;
	return val;
}

size_t
strmap_count(const strmap *m)
{
	return m->count;
}

static int
by_order(const void *a, const void *b)
{
	const struct entry *x = *(struct entry *const *)a, *y = *(struct entry *const *)b;
	return x->order < y->order ? -1 : x->order > y->order;
}

void
strmap_list(const strmap *m, const char **keys, void **vals)
{
	struct entry **v = xmalloc(m->count * sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < m->cap; i++)
		if (m->tab[i].key)
			v[n++] = &m->tab[i];
	qsort(v, n, sizeof *v, by_order);
	for (size_t i = 0; i < n; i++) {
		if (keys)
			keys[i] = v[i]->key;
		if (vals)
			vals[i] = v[i]->val;
	}
	free(v);
}

void
strmap_free(strmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		free(m->tab[i].key);
	free(m->tab);
	free(m);
}

void
strmap_free_with(strmap *m, void (*free_value)(void *))
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++)
		if (m->tab[i].key)
			free_value(m->tab[i].val);
	strmap_free(m);
}

/* Tables keyed by 64-bit hashes: slots of `words` words, the hash first
 * (0: an empty slot; a hash of 0 is kept as 1), at most half full. */
struct htab {
	uint64_t *tab;
	size_t cap, count, words;
};

static void
htab_init(struct htab *t, size_t words)
{
	t->cap = 64;
	t->words = words;
	t->count = 0;
	t->tab = xcalloc(t->cap * words, sizeof *t->tab);
}

static uint64_t
htab_key(uint64_t h)
{
	return h ? h : 1;
}

/* The k-th slot from h's home on. */
static uint64_t *
htab_at(const struct htab *t, uint64_t h, size_t k)
{
	return t->tab + ((h + k) & (t->cap - 1)) * t->words;
}

/* The first slot from h's home on that is empty or, with same, holds h. */
static uint64_t *
htab_find(const struct htab *t, uint64_t h, int same)
{
	for (size_t k = 0;; k++) {
		uint64_t *e = htab_at(t, h, k);
		if (!e[0] || (same && e[0] == h))
			return e;
	}
}

/* Room for one more: the table doubles when it would be over half full
 * (1: it did, and slots found before have moved). */
static int
htab_room(struct htab *t)
{
	if ((t->count + 1) * 2 <= t->cap)
		return 0;
	struct htab old = *t;
	t->cap *= 2;
	t->tab = xcalloc(t->cap * t->words, sizeof *t->tab);
	for (size_t i = 0; i < old.cap; i++) {
		uint64_t *e = old.tab + i * old.words;
		if (e[0])
			memcpy(htab_find(t, e[0], 0), e, t->words * sizeof *e);
	}
	free(old.tab);
	return 1;
}

struct hashset {
	struct htab t;
};

hashset *
hashset_new(void)
{
	hashset *s = xcalloc(1, sizeof *s);
	htab_init(&s->t, 1);
	return s;
}

int
hashset_add(hashset *s, uint64_t h)
{
	h = htab_key(h);
	uint64_t *e = htab_find(&s->t, h, 1);
	if (*e)
		return 0;
	if (htab_room(&s->t))
		e = htab_find(&s->t, h, 1);
	*e = h;
	s->t.count++;
	return 1;
}

int
hashset_has(const hashset *s, uint64_t h)
{
	return *htab_find(&s->t, htab_key(h), 1) != 0;
}

void
hashset_free(hashset *s)
{
	if (!s)
		return;
	free(s->t.tab);
	free(s);
}

struct hashindex {
	struct htab t;   /* slots: the hash, then the value */
};

hashindex *
hashindex_new(void)
{
	hashindex *x = xcalloc(1, sizeof *x);
	htab_init(&x->t, 2);
	return x;
}

void
hashindex_add(hashindex *x, uint64_t h, long value)
{
	htab_room(&x->t);
	uint64_t *e = htab_find(&x->t, htab_key(h), 0);
	e[0] = htab_key(h);
	e[1] = (uint64_t)value;
	x->t.count++;
}

long
hashindex_next(const hashindex *x, uint64_t h, size_t *k)
{
	h = htab_key(h);
	for (;;) {
		const uint64_t *e = htab_at(&x->t, h, (*k)++);
		if (!e[0])
			return -1;
		if (e[0] == h)
			return (long)e[1];
	}
}

long
hashindex_each(const hashindex *x, size_t *i)
{
	while (*i < x->t.cap) {
		const uint64_t *e = x->t.tab + (*i)++ * 2;
		if (e[0])
			return (long)e[1];
	}
	return -1;
}

size_t
hashindex_count(const hashindex *x)
{
	return x->t.count;
}

void
hashindex_free(hashindex *x)
{
	if (!x)
		return;
	free(x->t.tab);
	free(x);
}

/* The pool: an entry is its key, a NUL, padding to 8 bytes and its value,
 * in the current block; a slot holds the key's hash and where it starts. */
enum { BLOCK = 64 * 1024 };

struct block {
	struct block *prev;
	size_t used, size;
	_Alignas(8) char data[];
};

struct strpool {
	struct htab t;   /* slots: the hash, then the entry */
	struct block *last;
};

strpool *
strpool_new(void)
{
	strpool *p = xcalloc(1, sizeof *p);
	htab_init(&p->t, 2);
	return p;
}

static size_t
value_at(size_t keylen)
{
	return (keylen + 1 + 7) & ~(size_t)7;
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

/* The slot of key, or the empty one where it would go. */
static uint64_t *
slot_of(const strpool *p, const char *key, uint64_t h)
{
	for (size_t k = 0;; k++) {
		uint64_t *e = htab_at(&p->t, h, k);
		if (!e[0] || (e[0] == h && strcmp((char *)(uintptr_t)e[1], key) == 0))
			return e;
	}
}

void *
strpool_put(strpool *p, const char *key, const void *val, size_t n, int *created)
{
	uint64_t h = htab_key(csf_hash(key));
	size_t keylen = strlen(key);
	uint64_t *slot = slot_of(p, key, h);
	if (created)
		*created = !slot[0];
	if (slot[0])
		return (char *)(uintptr_t)slot[1] + value_at(keylen);
	if (htab_room(&p->t))
		slot = htab_find(&p->t, h, 0);   /* key is not there: its empty slot */
	char *e = take(p, value_at(keylen) + n);
	memcpy(e, key, keylen + 1);
	if (n)
		memcpy(e + value_at(keylen), val, n);
	slot[0] = h;
	slot[1] = (uint64_t)(uintptr_t)e;
	p->t.count++;
	return e + value_at(keylen);
}

void *
strpool_get(const strpool *p, const char *key)
{
	const uint64_t *slot = slot_of(p, key, htab_key(csf_hash(key)));
	return slot[0] ? (char *)(uintptr_t)slot[1] + value_at(strlen(key)) : NULL;
}

size_t
strpool_count(const strpool *p)
{
	return p->t.count;
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
	free(p->t.tab);
	free(p);
}
