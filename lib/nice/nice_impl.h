/* nice_impl.h - the loader's database (nice.c) as its cache (nice_cache.c)
 * writes and reads it. Not for other folders; lib/nice/nice.h is the
 * loader's interface. */
#ifndef CSF_NICE_IMPL_H
#define CSF_NICE_IMPL_H

#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "nice/nice.h"

struct nice_elem {
	const char *id, *kind, *title, *text;
	size_t out, nout;                     /* slice of db->out */
	size_t in, nin;                       /* slice of db->in */
};

/* A note on a quirk of NIST's file, kept (not printed at once) so that a
 * load from the cache prints the very same notes. */
enum {
	NOTE_NO_RELS, NOTE_VERSION_FROM_ID, NOTE_NO_VERSION, NOTE_DOCS,
	NOTE_DUP_ELEM, NOTE_DUP_ELEMS, NOTE_TRIMMED, NOTE_DANGLING, NOTE_DANGLINGS,
	NOTE_DUP_LINKS, NOTE_BAD_RECORDS, NOTE_KINDS
};
struct nice_note {
	unsigned code;
	const char *s1, *s2, *s3;
	size_t n1, n2;
};
#define NICE_NOTES_MAX 32   /* at most 19: individual notes stop at five a kind */

struct nice_db {
	char *buf;                /* the file, strings unescaped in place; or the cache */
	char *path;
	char version[32];
	const char *doc_id;
	struct nice_elem *elems;
	size_t nelems;
	uint32_t *slot;           /* id hash -> 1 + place in elems; 0 empty */
	size_t nslots;            /* a power of two above nelems */
	const char **out, **in;   /* relationship targets/sources, grouped */
	const char **out_kind, **in_kind;   /* their kinds */
	size_t nlinks;
	struct nice_quirks quirks;
	struct nice_note note[NICE_NOTES_MAX];
	size_t nnotes;
};

/* The slot of ID in db->slot: its element's, or the empty one where it
 * would go (FNV-1a, linear probing). The probe is bounded, so a damaged
 * table cannot loop: NULL when it is full. */
static inline uint32_t *
nice_slot(const nice_db *db, const char *id)
{
	uint32_t h = 2166136261u;
	for (const char *p = id; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	size_t mask = db->nslots - 1, i = h & mask;
	for (size_t n = 0; n < db->nslots; n++, i = (i + 1) & mask)
		if (!db->slot[i] || strcmp(db->elems[db->slot[i] - 1].id, id) == 0)
			return &db->slot[i];
	return NULL;
}

/* ---- the cache (nice_cache.c) ---- */
struct nice_cache {
	char *path;               /* the cache file; NULL: no cache for this load */
	struct stat st;           /* of the NICE file, before it was read */
	int settled;              /* its times are old enough to vouch for its bytes */
	uint64_t src_hash;        /* of its bytes, once read */
	char *file;               /* the cache file read, its length */
	size_t len;
};
/* Where SOURCE's cache is: 0 (nothing to free) when it has none (stdin,
 * not a regular file, CSF_NICE_CACHE=off, no cache directory). */
int nice_cache_open(struct nice_cache *c, const char *source);
/* Fill DB from the cache: 1. 0: no usable cache (parse the file). -1:
 * it matches the file's key, but the file changed too recently for its
 * times to vouch for its bytes: call again with c->src_hash set. */
int nice_cache_read(struct nice_cache *c, nice_db *db);
/* Write DB (just parsed from bytes hashing to c->src_hash); failures are
 * silent: the cache only saves time. */
void nice_cache_write(struct nice_cache *c, const nice_db *db);
void nice_cache_close(struct nice_cache *c);

#endif
