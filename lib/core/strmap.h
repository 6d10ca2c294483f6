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

uint64_t csf_hash(const char *s);

#endif
