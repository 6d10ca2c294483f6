/* dataindex.c - the compact index of a data file (dataindex.h). Layout,
 * in the byte order of the machine that wrote it (the order mark tells
 * another machine to ignore it): the header, the records, the members,
 * then the string pool. The header holds a hash of the rest, so a
 * damaged index is noticed and ignored too. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/csf.h"
#include "core/dataindex.h"

#define MAGIC "csfidx1"   /* and its NUL: the 8 bytes of magic */
#define ORDER 0x01020304u

struct header {
	char magic[8];
	uint32_t order, nrec, nmem, npool;
	uint64_t size, hash;   /* of the data file */
	uint64_t body;         /* the hash of the rest of the index */
};

/* Four words at a time, each lane added and multiplied (an odd factor:
 * each step is one to one, so a change in one word always changes the
 * result), then folded: not for adversaries, but two versions of a data
 * file of the same size do not meet by chance. Callgrind: half an
 * instruction a byte. */
uint64_t
csf_dix_hash(const char *p, size_t n)
{
	const uint64_t k0 = 0x9e3779b97f4a7c15ull, k1 = 0xff51afd7ed558ccdull,
	               k2 = 0xc4ceb9fe1a85ec53ull, k3 = 0xd6e8feb86659fd93ull;
	uint64_t h0 = n, h1 = ~(uint64_t)n, h2 = 0x243f6a8885a308d3ull, h3 = 0x13198a2e03707344ull;
	uint64_t w0, w1, w2, w3;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {   /* the lanes in registers */
		memcpy(&w0, p + i, 8);
		memcpy(&w1, p + i + 8, 8);
		memcpy(&w2, p + i + 16, 8);
		memcpy(&w3, p + i + 24, 8);
		h0 = (h0 + w0) * k0;
		h1 = (h1 + w1) * k1;
		h2 = (h2 + w2) * k2;
		h3 = (h3 + w3) * k3;
	}
	uint64_t w[4] = { 0 }, h[4] = { h0, h1, h2, h3 }, k[4] = { k0, k1, k2, k3 }, r = 0;
	memcpy(w, p + i, n - i);
	for (int l = 0; l < 4; l++) {
		uint64_t x = (h[l] + w[l]) * k[l];
		r = (r ^ x ^ x >> 31) * k[(l + 1) % 4];
	}
	return r ^ r >> 29;
}

/* Every offset within its table, every string ended by a NUL in the
 * pool: a broken index is ignored, never read past its end. */
static int
holds_together(const csf_dix *x, size_t len)
{
	if (x->npool == 0 || x->pool[x->npool - 1] != '\0')
		return 0;
	for (uint32_t i = 0; i < x->nrec; i++) {
		const struct csf_dix_rec *r = &x->rec[i];
		if (r->off > len || r->len > len - r->off || r->type >= x->npool
		    || (r->id != CSF_DIX_NONE && r->id >= x->npool))
			return 0;
		if (r->nmem == CSF_DIX_NONE)
			continue;
		if (r->mem > x->nmem || r->nmem > x->nmem - r->mem)
			return 0;
		for (uint32_t k = r->mem; k < r->mem + r->nmem; k++) {
			const struct csf_dix_mem *m = &x->mem[k];
			if (m->key >= x->npool || m->klen > x->npool - 1 - m->key
			    || m->val > r->len || m->vlen > r->len - m->val)
				return 0;
		}
	}
	return 1;
}

int
csf_dix_open(csf_dix *x, const char *path, const char *data, size_t len)
{
	memset(x, 0, sizeof *x);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	struct stat st;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < sizeof(struct header)) {
		close(fd);
		return 0;
	}
	/* Mapped, not read: the kernel maps the cached pages a few at a
	 * fault, with no copy (a third of the page faults of a start). */
	size_t size = (size_t)st.st_size;
	void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return 0;
	struct header h;
	memcpy(&h, map, sizeof h);
	size_t body = size - sizeof h;
	const char *b = (const char *)map + sizeof h;
	if (memcmp(h.magic, MAGIC, 8) != 0 || h.order != ORDER
	    || h.size != len || h.nrec > len || h.nmem > len || h.npool > (uint64_t)size
	    || (uint64_t)size != sizeof h + (uint64_t)h.nrec * sizeof *x->rec
	                        + (uint64_t)h.nmem * sizeof *x->mem + h.npool
	    || h.hash != csf_dix_hash(data, len) || h.body != csf_dix_hash(b, body)) {
		munmap(map, size);
		return 0;
	}
	x->map = map;
	x->mapsize = size;
	x->rec = (const struct csf_dix_rec *)b;
	x->nrec = h.nrec;
	x->mem = (const struct csf_dix_mem *)(b + (size_t)h.nrec * sizeof *x->rec);
	x->nmem = h.nmem;
	x->pool = (const char *)(x->mem + h.nmem);
	x->npool = h.npool;
	if (!holds_together(x, len)) {
		csf_dix_close(x);
		return 0;
	}
	return 1;
}

void
csf_dix_close(csf_dix *x)
{
	if (x->map)
		munmap(x->map, x->mapsize);
	memset(x, 0, sizeof *x);
}

int
csf_write_atomic(const char *path, const struct csf_part *part, size_t nparts)
{
	char *tmp = csf_fmt("%s.tmp%ld", path, (long)getpid());
	FILE *fp = fopen(tmp, "wb");
	if (!fp) {
		free(tmp);
		return -1;
	}
	int ok = 1;
	for (size_t i = 0; i < nparts; i++)
		if (part[i].len && fwrite(part[i].p, 1, part[i].len, fp) != part[i].len)
			ok = 0;
	ok = (fclose(fp) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		int e = errno;
		unlink(tmp);
		free(tmp);
		errno = e;
		return -1;
	}
	free(tmp);
	return 0;
}

int
csf_dix_write(const char *path, size_t size, uint64_t hash,
              const struct csf_dix_rec *rec, uint32_t nrec,
              const struct csf_dix_mem *mem, uint32_t nmem,
              const char *pool, uint32_t npool)
{
	/* The body hashed as csf_dix_open reads it: one block. */
	size_t nr = (size_t)nrec * sizeof *rec, nm = (size_t)nmem * sizeof *mem;
	char *body = xmalloc(nr + nm + npool + 1);
	/* memcpy from NULL is undefined even for 0 bytes: a file may have no
	 * members or no pool. */
	if (nr)
		memcpy(body, rec, nr);
	if (nm)
		memcpy(body + nr, mem, nm);
	if (npool)
		memcpy(body + nr + nm, pool, npool);
	struct header h = { MAGIC, ORDER, nrec, nmem, npool, size, hash, csf_dix_hash(body, nr + nm + npool) };
	struct csf_part parts[] = { { &h, sizeof h }, { body, nr + nm + npool } };
	int r = csf_write_atomic(path, parts, 2);
	free(body);
	return r;
}
