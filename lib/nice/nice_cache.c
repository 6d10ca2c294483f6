/* nice_cache.c - what the loader (nice.c) built from a NICE file, kept in
 * $XDG_CACHE_HOME/csf (else ~/.cache/csf) so the next load of the same
 * file reads ~0.3 MB of tables instead of scanning NIST's 2.4 MB of JSON
 * (44 M instructions). CSF_NICE_CACHE=off turns it off.
 *
 * One cache file per NICE file (by device and inode), in the byte order
 * of the machine that wrote it: a header, then the body (the model's
 * counts and quirks, the notes, the elements, the relationships as
 * element numbers, the ID hash table, the string pool). It is used only
 * when
 *   - its header names the file as it is now: device, inode, size, and
 *     modification and change times to the nanosecond. Writing a file
 *     changes its change time, so an edit is noticed without reading it.
 *     File systems stamp times from a clock that moves in ticks, so two
 *     writes within one tick can leave the same times: when the file had
 *     changed within two seconds of the load that wrote the cache, the
 *     times cannot vouch for it, and its bytes are read and compared with
 *     the hash the header records (then the cache is marked as vouched
 *     for, once the file is old enough);
 *   - the body holds together: its size adds up, a hash of its bytes
 *     matches the header's, every offset and element number is within
 *     its table, every string ends in the pool.
 * Otherwise the file is parsed as before and the cache rewritten. It is
 * written to a temporary file renamed into place; any failure (no HOME,
 * a directory that cannot be written) only means no cache. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/csf.h"
#include "core/dataindex.h"
#include "nice/nice_impl.h"

#define MAGIC "csfnic1"   /* and its NUL: 8 bytes; a new layout, a new magic */
#define ORDER 0x01020304u
#define NONE UINT32_MAX   /* no string */
#define SETTLE_SECONDS 2  /* a file this much older than the load vouches for its times */
#define CACHE_MAX_BYTES (64UL << 20)

struct header {
	char magic[8];
	uint32_t order, settled;
	uint64_t dev, ino, size, mtime_s, mtime_ns, ctime_s, ctime_ns;
	uint64_t src_hash;            /* of the NICE file's bytes */
	uint64_t body_len, body_hash;
};

struct meta {
	uint32_t nelems, nlinks, nslots, nnotes, npool, version, doc_id, pad;
	uint64_t quirks[6];
};

struct cnote {
	uint32_t code, s[3];
	uint64_t n1, n2;
};

struct celem {
	uint32_t id, kind, title, text, out, nout, in, nin;
};

static int
cache_off(void)
{
	const char *v = getenv("CSF_NICE_CACHE");
	return v && (!strcmp(v, "off") || !strcmp(v, "0") || !strcmp(v, "no"));
}

int
nice_cache_open(struct nice_cache *c, const char *source)
{
	const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct timespec now;

	memset(c, 0, sizeof *c);
	if (strcmp(source, "-") == 0 || cache_off())
		return 0;
	/* The clock first: a file changed after it is never "settled". */
	if (clock_gettime(CLOCK_REALTIME, &now) != 0 || stat(source, &c->st) != 0
	    || !S_ISREG(c->st.st_mode))
		return 0;
	/* XDG: a relative XDG_CACHE_HOME is to be ignored. */
	if (xdg && xdg[0] == '/')
		c->path = csf_fmt("%s/csf/nice-%llx-%llx", xdg,
		    (unsigned long long)c->st.st_dev, (unsigned long long)c->st.st_ino);
	else if (home && home[0] == '/')
		c->path = csf_fmt("%s/.cache/csf/nice-%llx-%llx", home,
		    (unsigned long long)c->st.st_dev, (unsigned long long)c->st.st_ino);
	else
		return 0;
	c->settled = c->st.st_mtim.tv_sec + SETTLE_SECONDS <= now.tv_sec
	    && c->st.st_ctim.tv_sec + SETTLE_SECONDS <= now.tv_sec;
	return 1;
}

void
nice_cache_close(struct nice_cache *c)
{
	free(c->path);
	free(c->file);
	memset(c, 0, sizeof *c);
}

static int
read_cache_file(struct nice_cache *c)
{
	int fd = open(c->path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	size_t got = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size < sizeof(struct header)
	    || (unsigned long)st.st_size > CACHE_MAX_BYTES || !(c->file = malloc((size_t)st.st_size))) {
		close(fd);
		return 0;
	}
	c->len = (size_t)st.st_size;
	while (got < c->len) {
		ssize_t n = read(fd, c->file + got, c->len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got != c->len) {
		free(c->file);
		c->file = NULL;
		return 0;
	}
	return 1;
}

static void
key_of(const struct stat *st, struct header *h)
{
	h->dev = (uint64_t)st->st_dev;
	h->ino = (uint64_t)st->st_ino;
	h->size = (uint64_t)st->st_size;
	h->mtime_s = (uint64_t)st->st_mtim.tv_sec;
	h->mtime_ns = (uint64_t)st->st_mtim.tv_nsec;
	h->ctime_s = (uint64_t)st->st_ctim.tv_sec;
	h->ctime_ns = (uint64_t)st->st_ctim.tv_nsec;
}

/* Is S a string of the pool (or NONE, when that is allowed)? */
static int
in_pool(uint32_t s, uint32_t npool, int none_ok)
{
	return s < npool || (none_ok && s == NONE);
}

/* The body's tables, checked: every offset and number within bounds. */
static int
holds_together(const struct meta *m, const struct cnote *cn, const struct celem *ce,
               const uint32_t *out, const uint32_t *in, const uint32_t *slot, const char *pool)
{
	if (m->npool == 0 || pool[m->npool - 1] != '\0' || m->nnotes > NICE_NOTES_MAX
	    || m->nslots == 0 || (m->nslots & (m->nslots - 1)) || m->nslots <= m->nelems
	    || !in_pool(m->version, m->npool, 0) || !in_pool(m->doc_id, m->npool, 0))
		return 0;
	for (uint32_t i = 0; i < m->nnotes; i++)
		if (cn[i].code >= NOTE_KINDS || !in_pool(cn[i].s[0], m->npool, 1)
		    || !in_pool(cn[i].s[1], m->npool, 1) || !in_pool(cn[i].s[2], m->npool, 1))
			return 0;
	for (uint32_t i = 0; i < m->nelems; i++) {
		const struct celem *e = &ce[i];
		if (e->id >= m->npool || e->kind >= m->npool || e->title >= m->npool || e->text >= m->npool
		    || e->out > m->nlinks || e->nout > m->nlinks - e->out
		    || e->in > m->nlinks || e->nin > m->nlinks - e->in)
			return 0;
	}
	for (uint32_t i = 0; i < m->nlinks; i++)
		if (out[i] >= m->nelems || in[i] >= m->nelems)
			return 0;
	for (uint32_t i = 0; i < m->nslots; i++)
		if (slot[i] > m->nelems)
			return 0;
	return 1;
}

int
nice_cache_read(struct nice_cache *c, nice_db *db)
{
	struct header h;

	if (!c->file && !read_cache_file(c))
		return 0;
	memcpy(&h, c->file, sizeof h);
	struct header key = { 0 };
	key_of(&c->st, &key);
	if (memcmp(h.magic, MAGIC, 8) != 0 || h.order != ORDER || h.dev != key.dev || h.ino != key.ino
	    || h.size != key.size || h.mtime_s != key.mtime_s || h.mtime_ns != key.mtime_ns
	    || h.ctime_s != key.ctime_s || h.ctime_ns != key.ctime_ns
	    || h.body_len != c->len - sizeof h)
		return 0;
	if (!h.settled && !c->src_hash)
		return -1;
	if (!h.settled && h.src_hash != c->src_hash)
		return 0;

	/* The body: its hash, then its tables (all 8-byte multiples or at
	 * the end, so each starts aligned in the malloc'd block). */
	char *body = c->file + sizeof h;
	size_t len = (size_t)h.body_len;
	struct meta m;
	if (len < sizeof m || h.body_hash != csf_dix_hash(body, len))
		return 0;
	memcpy(&m, body, sizeof m);
	uint64_t need = sizeof m + (uint64_t)m.nnotes * sizeof(struct cnote)
	    + (uint64_t)m.nelems * sizeof(struct celem) + 2 * (uint64_t)m.nlinks * 4
	    + (uint64_t)m.nslots * 4 + m.npool;
	if (need != len)
		return 0;
	const struct cnote *cn = (const struct cnote *)(body + sizeof m);
	const struct celem *ce = (const struct celem *)(cn + m.nnotes);
	const uint32_t *out = (const uint32_t *)(ce + m.nelems), *in = out + m.nlinks;
	const uint32_t *slot = in + m.nlinks;
	const char *pool = (const char *)(slot + m.nslots);
	if (!holds_together(&m, cn, ce, out, in, slot, pool))
		return 0;

	struct nice_elem *elems = malloc(((size_t)m.nelems + 1) * sizeof *elems);
	const char **o = malloc(((size_t)m.nlinks + 1) * sizeof *o);
	const char **i = malloc(((size_t)m.nlinks + 1) * sizeof *i);
	const char **ok = malloc(((size_t)m.nlinks + 1) * sizeof *ok);
	const char **ik = malloc(((size_t)m.nlinks + 1) * sizeof *ik);
	uint32_t *sl = malloc((size_t)m.nslots * sizeof *sl);
	if (!elems || !o || !i || !ok || !ik || !sl) {
		free(elems);
		free(o);
		free(i);
		free(ok);
		free(ik);
		free(sl);
		return 0;
	}
	for (uint32_t k = 0; k < m.nelems; k++)
		elems[k] = (struct nice_elem){ pool + ce[k].id, pool + ce[k].kind, pool + ce[k].title,
		    pool + ce[k].text, ce[k].out, ce[k].nout, ce[k].in, ce[k].nin };
	for (uint32_t k = 0; k < m.nlinks; k++) {
		o[k] = elems[out[k]].id;
		ok[k] = elems[out[k]].kind;
		i[k] = elems[in[k]].id;
		ik[k] = elems[in[k]].kind;
	}
	memcpy(sl, slot, (size_t)m.nslots * sizeof *sl);
	for (uint32_t k = 0; k < m.nnotes; k++)
		db->note[k] = (struct nice_note){ cn[k].code,
		    cn[k].s[0] == NONE ? NULL : pool + cn[k].s[0],
		    cn[k].s[1] == NONE ? NULL : pool + cn[k].s[1],
		    cn[k].s[2] == NONE ? NULL : pool + cn[k].s[2], (size_t)cn[k].n1, (size_t)cn[k].n2 };
	db->nnotes = m.nnotes;
	snprintf(db->version, sizeof db->version, "%s", pool + m.version);
	db->doc_id = pool + m.doc_id;
	db->elems = elems;
	db->nelems = m.nelems;
	db->out = o;
	db->in = i;
	db->out_kind = ok;
	db->in_kind = ik;
	db->nlinks = m.nlinks;
	db->slot = sl;
	db->nslots = m.nslots;
	db->quirks = (struct nice_quirks){ (size_t)m.quirks[0], (size_t)m.quirks[1], (size_t)m.quirks[2],
	    (size_t)m.quirks[3], (size_t)m.quirks[4], (size_t)m.quirks[5] };
	/* The bytes confirmed it and the file is old enough now: from here
	 * on its times vouch for it. */
	if (!h.settled && c->settled) {
		h.settled = 1;
		memcpy(c->file, &h, sizeof h);
		struct csf_part part = { c->file, c->len };
		csf_write_atomic(c->path, &part, 1);
	}
	db->buf = c->file;   /* the strings live there */
	c->file = NULL;
	return 1;
}

/* The pool offset of S, appended (NULL: NONE). Kinds repeat thousands of
 * times: those few are kept once. */
static uint32_t
pool_add(csf_buf *pool, const char *s)
{
	if (!s)
		return NONE;
	uint32_t at = (uint32_t)pool->n;
	csf_buf_put(pool, s, strlen(s) + 1);
	return at;
}

static uint32_t
pool_kind(csf_buf *pool, const char *kind, const char **seen, uint32_t *at, size_t *nseen)
{
	for (size_t k = 0; k < *nseen; k++)
		if (strcmp(seen[k], kind) == 0)
			return at[k];
	uint32_t off = pool_add(pool, kind);
	if (*nseen < 16) {
		seen[*nseen] = kind;
		at[(*nseen)++] = off;
	}
	return off;
}

/* The place in db->elems of a relationship's end (an element's ID). */
static uint32_t
elem_no(const nice_db *db, const char *id)
{
	return *nice_slot(db, id) - 1;
}

/* Create the cache directory (and its parent, as XDG asks: 0700). */
static void
make_dirs(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	if (slash) {
		*slash = '\0';
		char *up = strrchr(dir, '/');
		if (up && up != dir) {
			*up = '\0';
			mkdir(dir, 0700);
			*up = '/';
		}
		mkdir(dir, 0700);
	}
	free(dir);
}

void
nice_cache_write(struct nice_cache *c, const nice_db *db)
{
	csf_buf pool = { 0 };
	struct meta m = { 0 };
	const char *kinds[16];
	uint32_t kind_at[16];
	size_t nkinds = 0;

	if (db->nelems >= NONE || db->nlinks >= NONE || db->nslots >= NONE)
		return;
	m.nelems = (uint32_t)db->nelems;
	m.nlinks = (uint32_t)db->nlinks;
	m.nslots = (uint32_t)db->nslots;
	m.nnotes = (uint32_t)db->nnotes;
	size_t tables = sizeof m + m.nnotes * sizeof(struct cnote) + m.nelems * sizeof(struct celem)
	    + 2 * (size_t)m.nlinks * 4 + (size_t)m.nslots * 4;
	char *body = xcalloc(1, tables);
	struct cnote *cn = (struct cnote *)(body + sizeof m);
	struct celem *ce = (struct celem *)(cn + m.nnotes);
	uint32_t *out = (uint32_t *)(ce + m.nelems), *in = out + m.nlinks, *slot = in + m.nlinks;

	m.version = pool_add(&pool, db->version);
	m.doc_id = pool_add(&pool, db->doc_id ? db->doc_id : "");
	const struct nice_quirks *q = &db->quirks;
	uint64_t qs[6] = { q->dangling, q->dup_elements, q->dup_links, q->bad_records, q->titles, q->texts };
	memcpy(m.quirks, qs, sizeof qs);
	for (size_t k = 0; k < db->nnotes; k++) {
		const struct nice_note *n = &db->note[k];
		cn[k] = (struct cnote){ n->code, { pool_add(&pool, n->s1), pool_add(&pool, n->s2),
		    pool_add(&pool, n->s3) }, n->n1, n->n2 };
	}
	for (size_t k = 0; k < db->nelems; k++) {
		const struct nice_elem *e = &db->elems[k];
		ce[k] = (struct celem){ pool_add(&pool, e->id), pool_kind(&pool, e->kind, kinds, kind_at, &nkinds),
		    pool_add(&pool, e->title), pool_add(&pool, e->text), (uint32_t)e->out, (uint32_t)e->nout,
		    (uint32_t)e->in, (uint32_t)e->nin };
	}
	for (size_t k = 0; k < db->nlinks; k++) {
		out[k] = elem_no(db, db->out[k]);
		in[k] = elem_no(db, db->in[k]);
	}
	memcpy(slot, db->slot, db->nslots * sizeof *slot);
	m.npool = (uint32_t)pool.n;
	memcpy(body, &m, sizeof m);
	if (pool.n < NONE) {
		/* The hash covers the body as the reader sees it: tables, then pool. */
		char *whole = xmalloc(tables + pool.n);
		memcpy(whole, body, tables);
		memcpy(whole + tables, pool.p, pool.n);
		struct header h = { MAGIC, ORDER, (uint32_t)c->settled, 0, 0, 0, 0, 0, 0, 0,
		    c->src_hash, tables + pool.n, csf_dix_hash(whole, tables + pool.n) };
		key_of(&c->st, &h);
		struct csf_part parts[] = { { &h, sizeof h }, { whole, tables + pool.n } };
		if (csf_write_atomic(c->path, parts, 2) != 0 && errno == ENOENT) {
			make_dirs(c->path);
			csf_write_atomic(c->path, parts, 2);
		}
		free(whole);
	}
	free(body);
	csf_buf_free(&pool);
}
