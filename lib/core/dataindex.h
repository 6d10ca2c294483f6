/* dataindex.h - the compact index of a share/csf data file (NAME.idx
 * beside NAME.ndjson, written by `make`): per line its place, type, id,
 * whether it is valid JSON, and where each top-level member is, so a
 * tool's start reads the index instead of scanning the text. The index
 * records the data file's size and a hash of its bytes: one that does
 * not match them, or does not hold together, is not used (data.c then
 * scans the file as it always did). */
#ifndef CSF_DATAINDEX_H
#define CSF_DATAINDEX_H

#include <stddef.h>
#include <stdint.h>

#define CSF_DIX_NONE UINT32_MAX   /* no id; a line the index leaves to the scan */
#define CSF_DIX_VALID 1u          /* the line passed csf_scan_json */
#define CSF_DIX_CANONICAL 2u      /* and it is what csf_emit writes of its tree */

struct csf_dix_rec {
	uint32_t off, len;   /* the line's text in the file's bytes (no BOM, CR, LF) */
	uint32_t line;       /* 1-based */
	uint32_t type, id;   /* NUL-terminated strings in the pool; id may be NONE */
	uint32_t mem, nmem;  /* its members; nmem NONE: scan the line instead */
	uint32_t flags;
};

struct csf_dix_mem {
	uint32_t key, klen;  /* the key, in the pool */
	uint32_t val, vlen;  /* the raw value, from the start of the line */
};

typedef struct {
	void *map;           /* the whole index file, mapped read-only */
	size_t mapsize;
	const struct csf_dix_rec *rec;
	uint32_t nrec;
	const struct csf_dix_mem *mem;
	uint32_t nmem;
	const char *pool;
	uint32_t npool;
} csf_dix;

/* A hash of the data file's bytes, as the index records it. */
uint64_t csf_dix_hash(const char *p, size_t n);
/* Read PATH and check it against the data file's bytes: 1 with *x
 * filled, 0 (nothing allocated) when it is missing, stale or broken. */
int csf_dix_open(csf_dix *x, const char *path, const char *data, size_t len);
void csf_dix_close(csf_dix *x);
/* Write the index of a data file of size bytes with that hash (of the
 * bytes as read, before anything cut them into lines) from its parts to
 * PATH, atomically (a temporary file renamed into place): 0, or -1. */
int csf_dix_write(const char *path, size_t size, uint64_t hash,
                  const struct csf_dix_rec *rec, uint32_t nrec,
                  const struct csf_dix_mem *mem, uint32_t nmem,
                  const char *pool, uint32_t npool);

/* Write the parts one after another to PATH through a temporary file
 * renamed into place, so a reader sees the old file or the whole new
 * one: 0, or -1 with errno set (nothing left behind). */
struct csf_part {
	const void *p;
	size_t len;
};
int csf_write_atomic(const char *path, const struct csf_part *part, size_t nparts);

#endif
