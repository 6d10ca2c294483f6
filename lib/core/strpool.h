/* strpool.h - a string-keyed table for state kept per subject over a whole
 * run (a tabular report's names): keys and values packed together in
 * blocks, 16 bytes a slot, no allocation per entry; a run that names a
 * million subjects holds them in tens of bytes each, not a hundred.
 * Entries are never removed and never move: a value's address stays good
 * until strpool_free. */
#ifndef CSF_STRPOOL_H
#define CSF_STRPOOL_H

#include <stddef.h>

typedef struct strpool strpool;
strpool *strpool_new(void);
/* The value of key: the n bytes of val stored with it, if key was not
 * there (*created 1), else what it holds (*created 0). Values are 8-byte
 * aligned. */
void *strpool_put(strpool *p, const char *key, const void *val, size_t n, int *created);
void *strpool_get(const strpool *p, const char *key);
size_t strpool_count(const strpool *p);
void strpool_free(strpool *p);

#endif
