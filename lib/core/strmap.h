/* strmap.h - string-keyed hash tables for per-subject and per-group state:
 * open addressing, keys copied, iteration in insertion order. */
#ifndef CSF_STRMAP_H
#define CSF_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct strmap strmap;
strmap *strmap_new(void);
/* The value slot of key, inserted (NULL) if absent; *created says which. */
void **strmap_slot(strmap *m, const char *key, int *created);
void *strmap_get(const strmap *m, const char *key);
/* Remove key; returns its value (NULL if absent). */
void *strmap_remove(strmap *m, const char *key);
size_t strmap_count(const strmap *m);
/* Keys and values in insertion order, into arrays of strmap_count() entries
 * (either may be NULL). Keys stay owned by the map. */
void strmap_list(const strmap *m, const char **keys, void **vals);
void strmap_free(strmap *m);
/* The same, after free_value(v) for every value v. */
void strmap_free_with(strmap *m, void (*free_value)(void *));

/* A set of 64-bit hashes: remembers names in 16 bytes each. */
typedef struct hashset hashset;
hashset *hashset_new(void);
int hashset_add(hashset *s, uint64_t h);     /* 1 if new */
int hashset_has(const hashset *s, uint64_t h);
void hashset_free(hashset *s);

/* Values of 0 or more filed under 64-bit hashes, 16 bytes each: what a
 * name stands for, kept elsewhere with the name, found by its hash (two
 * names of one hash each keep theirs: a caller tells them apart). */
typedef struct hashindex hashindex;
hashindex *hashindex_new(void);
void hashindex_add(hashindex *x, uint64_t h, long value);
/* The values filed under h, one a call, *k from 0; -1 after the last. */
long hashindex_next(const hashindex *x, uint64_t h, size_t *k);
/* Every value, one a call in no order, *i from 0; -1 after the last. */
long hashindex_each(const hashindex *x, size_t *i);
size_t hashindex_count(const hashindex *x);
void hashindex_free(hashindex *x);

/* strpool: a string-keyed table for state kept per subject over a whole
 * run (a tabular report's names): keys and values packed together in
 * blocks, 16 bytes a slot, no allocation per entry; a run that names a
 * million subjects holds them in tens of bytes each, not a hundred.
 * Entries are never removed and never move: a value's address stays good
 * until strpool_free. */
typedef struct strpool strpool;
strpool *strpool_new(void);
/* The value of key: the n bytes of val stored with it, if key was not
 * there (*created 1), else what it holds (*created 0). Values are 8-byte
 * aligned. */
void *strpool_put(strpool *p, const char *key, const void *val, size_t n, int *created);
void *strpool_get(const strpool *p, const char *key);
size_t strpool_count(const strpool *p);
void strpool_free(strpool *p);

uint64_t csf_hash(const char *s);

#endif
