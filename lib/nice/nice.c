/* NIST NICE Framework Components loader: see nice.h.
 *
 * NIST's export is one 2-3 MB JSON document, of which we keep four strings
 * per element and two per relationship. Building it as a jansson tree cost
 * ~30 ms (one hashtable per object, one allocation per string); instead
 * nice_scan.c reads the file into one buffer and scans it once, and this
 * file builds the database from what the scan kept and answers queries.
 * What it builds is also kept in a cache (nice_cache.c), which the next
 * load of the same file reads instead of the scan. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "core/dataindex.h"
#include "nice/nice.h"
#include "nice/nice_impl.h"
#include "nice/nice_scan.h"

/* Quirks are summarised after this many individual notes of one kind. */
#define NICE_MAX_NOTES 5

static void
add_note(nice_db *db, unsigned code, const char *s1, const char *s2, const char *s3, size_t n1, size_t n2)
{
	if (db->nnotes < NICE_NOTES_MAX)
		db->note[db->nnotes++] = (struct nice_note){ code, s1, s2, s3, n1, n2 };
}

/* The notes, in the order the load came upon them; the same whether it
 * parsed the file or read its cache. */
static void
print_notes(const nice_db *db)
{
	const char *p = db->path;

	for (size_t i = 0; i < db->nnotes; i++) {
		const struct nice_note *n = &db->note[i];
		switch (n->code) {
		case NOTE_NO_RELS:
			csf_warn_at(p, 0, "note: no \"relationships\" array; work roles list nothing");
			break;
		case NOTE_VERSION_FROM_ID:
			csf_warn_at(p, 0, "%s", N_("note: no version in \"documents\"; taken from the document identifier"));
			break;
		case NOTE_NO_VERSION:
			csf_warn_at(p, 0, "%s", N_("note: no version in \"documents\"; version unknown"));
			break;
		case NOTE_DOCS:
			csf_warn_at(p, 0, "note: %zu documents listed; using version %s", n->n1, n->s1);
			break;
		case NOTE_DUP_ELEM:
			csf_warn_at(p, 0, "note: element %s appears again; first kept", n->s1);
			break;
		case NOTE_DUP_ELEMS:
			csf_warn_at(p, 0, "note: %zu repeated element IDs in all; first of each kept", n->n1);
			break;
		case NOTE_TRIMMED:
			csf_warn_at(p, 0, "note: trimmed non-breaking or stray spaces in %zu titles and %zu texts (first: %s)",
			    n->n1, n->n2, n->s1);
			break;
		case NOTE_DANGLING:
			csf_warn_at(p, 0, "note: relationship %s -> %s names a missing element %s; ignored",
			    n->s1, n->s2, n->s3);
			break;
		case NOTE_DANGLINGS:
			csf_warn_at(p, 0, "note: %zu relationships name missing elements in all; ignored", n->n1);
			break;
		case NOTE_DUP_LINKS:
			csf_warn_at(p, 0, "note: %zu repeated relationships; one of each kept", n->n1);
			break;
		case NOTE_BAD_RECORDS:
			csf_warn_at(p, 0, "note: %zu records without string identifiers; skipped", n->n1);
			break;
		}
	}
}

/* Replace NBSP (U+00A0) by a space and strip leading/trailing white space,
 * in place. Returns the tidied string; *changed is set if it differs. */
static const char *
tidy(char *str, int *changed)
{
	char *r, *w, *e;

	*changed = 0;
	if (!str)
		return "";
	for (r = w = str; *r; ) {
		if ((unsigned char)r[0] == 0xC2 && (unsigned char)r[1] == 0xA0) {
			*w++ = ' ';
			r += 2;
			*changed = 1;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	while (*str && strchr(" \t\r\n", *str)) {
		str++;
		*changed = 1;
	}
	for (e = str + strlen(str); e > str && strchr(" \t\r\n", e[-1]); e--)
		*changed = 1;
	*e = '\0';
	return str;
}

static struct nice_elem *
nice_find(const nice_db *db, const char *id)
{
	uint32_t *s;

	if (!db || !id || !db->nslots || !(s = nice_slot(db, id)) || !*s)
		return NULL;
	return &db->elems[*s - 1];
}

/* "SP_800_181_2_1_0" -> "2.1.0": the last three '_'-separated fields, if
 * all numeric.  Leaves OUT untouched otherwise. */
static void
version_from_doc_id(const char *id, char *out, size_t size)
{
	const char *f[4], *p;
	int k = 0;

	if (!id)
		return;
	for (p = id + strlen(id); p > id && k < 4; p--)
		if (p[-1] == '_')
			f[k++] = p;
	if (k < 3)
		return;
	/* f[2] f[1] f[0] are the starts of the last three fields */
	for (p = f[2]; *p; p++)
		if (!(*p >= '0' && *p <= '9') && *p != '_')
			return;
	if ((size_t)snprintf(out, size, "%.*s.%.*s.%s", (int)(f[1] - f[2] - 1), f[2],
	    (int)(f[0] - f[1] - 1), f[1], f[0]) >= size || f[1] - f[2] < 2 ||
	    f[0] - f[1] < 2 || !*f[0])
		out[0] = '\0';
}

static void
find_version(nice_db *db, struct level *lv)
{
	const char *v = lv->version;

	db->doc_id = lv->version ? lv->doc_id : NULL;
	if (!db->doc_id && lv->nelems > 0)
		db->doc_id = lv->elems[0].doc;
	if (v) {
		size_t n = strcspn(v, "\t\r\n");
		if (n >= sizeof db->version)
			n = sizeof db->version - 1;
		memcpy(db->version, v, n);
		db->version[n] = '\0';
	} else {
		version_from_doc_id(db->doc_id, db->version, sizeof db->version);
		add_note(db, db->version[0] ? NOTE_VERSION_FROM_ID : NOTE_NO_VERSION, NULL, NULL, NULL, 0, 0);
		if (!db->version[0])
			strcpy(db->version, "unknown");
	}
	if (lv->ndocs > 1)
		add_note(db, NOTE_DOCS, db->version, NULL, NULL, lv->ndocs, 0);
}

static int
load_elements(nice_db *db, struct level *lv)
{
	const char *first_tidy = NULL;

	for (db->nslots = 16; db->nslots < 2 * lv->nelems; db->nslots <<= 1)
		;
	if (!(db->elems = calloc(lv->nelems + 1, sizeof *db->elems))
	    || !(db->slot = calloc(db->nslots, sizeof *db->slot)))
		return 0;
	for (size_t i = 0; i < lv->nelems; i++) {
		struct raw_elem *e = &lv->elems[i];
		struct nice_elem *el;
		int t1, t2;

		uint32_t *slot = nice_slot(db, e->id);
		if (*slot) {
			if (db->quirks.dup_elements++ < NICE_MAX_NOTES)
				add_note(db, NOTE_DUP_ELEM, e->id, NULL, NULL, 0, 0);
			continue;
		}
		el = &db->elems[db->nelems];
		el->id = e->id;
		el->kind = e->kind;
		el->title = tidy(e->title, &t1);
		el->text = tidy(e->text, &t2);
		db->quirks.titles += t1;
		db->quirks.texts += t2;
		if ((t1 || t2) && !first_tidy)
			first_tidy = e->id;
		*slot = (uint32_t)++db->nelems;
	}
	if (db->quirks.dup_elements > NICE_MAX_NOTES)
		add_note(db, NOTE_DUP_ELEMS, NULL, NULL, NULL, db->quirks.dup_elements, 0);
	if (db->quirks.titles || db->quirks.texts)
		add_note(db, NOTE_TRIMMED, first_tidy, NULL, NULL, db->quirks.titles, db->quirks.texts);
	return 1;
}

/* Open-addressing set of (source, target) pairs, to drop repeated edges in O(n). */
struct pairset {
	uint64_t *slot;
	size_t mask;
};

static int
pairset_add(struct pairset *ps, size_t a, size_t b)
{
	uint64_t key = ((uint64_t)(a + 1) << 32) | (uint64_t)(b + 1);
	size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> 20) & ps->mask;

	while (ps->slot[h]) {
		if (ps->slot[h] == key)
			return 0;
		h = (h + 1) & ps->mask;
	}
	ps->slot[h] = key;
	return 1;
}

static int
load_relationships(nice_db *db, struct level *lv)
{
	size_t n = lv->nrels, i, k, npairs = 0, cap = 16;
	size_t (*pairs)[2] = NULL;
	size_t *fill = NULL;
	struct pairset ps = { 0 };
	int ok = 0;

	while (cap < 2 * n)
		cap <<= 1;
	pairs = malloc((n + 1) * sizeof *pairs);
	ps.slot = calloc(cap, sizeof *ps.slot);
	ps.mask = cap - 1;
	if (!pairs || !ps.slot)
		goto out;

	for (i = 0; i < n; i++) {
		const char *s = lv->rels[i].src, *d = lv->rels[i].dst;
		struct nice_elem *se = nice_find(db, s), *de = nice_find(db, d);

		if (!se || !de) {
			if (db->quirks.dangling++ < NICE_MAX_NOTES)
				add_note(db, NOTE_DANGLING, s, d, se ? d : s, 0, 0);
			continue;
		}
		if (!pairset_add(&ps, (size_t)(se - db->elems), (size_t)(de - db->elems))) {
			db->quirks.dup_links++;
			continue;
		}
		pairs[npairs][0] = (size_t)(se - db->elems);
		pairs[npairs][1] = (size_t)(de - db->elems);
		se->nout++;
		de->nin++;
		npairs++;
	}
	if (db->quirks.dangling > NICE_MAX_NOTES)
		add_note(db, NOTE_DANGLINGS, NULL, NULL, NULL, db->quirks.dangling, 0);
	if (db->quirks.dup_links)
		add_note(db, NOTE_DUP_LINKS, NULL, NULL, NULL, db->quirks.dup_links, 0);

	/* Lay the edges out grouped by element (CSR), keeping file order. */
	db->nlinks = npairs;
	db->out = malloc((npairs + 1) * sizeof *db->out);
	db->in = malloc((npairs + 1) * sizeof *db->in);
	db->out_kind = malloc((npairs + 1) * sizeof *db->out_kind);
	db->in_kind = malloc((npairs + 1) * sizeof *db->in_kind);
	fill = calloc(2 * (db->nelems + 1), sizeof *fill);
	if (!db->out || !db->in || !db->out_kind || !db->in_kind || !fill)
		goto out;
	for (i = 0, k = 0; i < db->nelems; i++) {
		db->elems[i].out = k;
		k += db->elems[i].nout;
	}
	for (i = 0, k = 0; i < db->nelems; i++) {
		db->elems[i].in = k;
		k += db->elems[i].nin;
	}
	for (i = 0; i < npairs; i++) {
		struct nice_elem *se = &db->elems[pairs[i][0]], *de = &db->elems[pairs[i][1]];

		size_t o = se->out + fill[2 * pairs[i][0]]++, n = de->in + fill[2 * pairs[i][1] + 1]++;

		db->out[o] = de->id;
		db->out_kind[o] = de->kind;
		db->in[n] = se->id;
		db->in_kind[n] = se->kind;
	}
	ok = 1;
out:
	free(pairs);
	free(ps.slot);
	free(fill);
	return ok;
}

/* The file's text -> DB, or 0 after a message. */
static int
parse(nice_db *db, const char *name, size_t len)
{
	struct level levels[2], *lv;
	long line;
	int ok = 0;

	const char *err = nice_scan(db->buf, len, levels, &line);
	if (err) {
		csf_warn_at(name, line, "%s", err);
		return 0;
	}
	/* v2.1.0 wraps the four keys in response.elements; others are flat. */
	lv = levels[1].seen ? &levels[1] : &levels[0];
	if (!lv->has_elems) {
		csf_warn_at(name, 0, "not a NICE components file (no \"elements\" array)");
		goto out;
	}
	if (!lv->has_rels)
		add_note(db, NOTE_NO_RELS, NULL, NULL, NULL, 0, 0);
	db->quirks.bad_records = lv->bad;
	find_version(db, lv);
	if (!load_elements(db, lv) || !load_relationships(db, lv)) {
		csf_warn_at(name, 0, "out of memory");
		goto out;
	}
	if (db->quirks.bad_records)
		add_note(db, NOTE_BAD_RECORDS, NULL, NULL, NULL, db->quirks.bad_records, 0);
	if (!db->doc_id)
		db->doc_id = "";
	ok = 1;
out:
	nice_levels_free(levels);
	return ok;
}

nice_db *
nice_load(const char *path, FILE *diag)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct nice_cache cache = { 0 };
	size_t len = 0;
	char *src = NULL;
	nice_db *db;
	int cached = 0;

	if (!(db = calloc(1, sizeof *db)) || !(db->path = strdup(name))) {
		csf_warn_at(name, 0, "out of memory");
		nice_free(db);
		return NULL;
	}
	if (nice_cache_open(&cache, path)) {
		cached = nice_cache_read(&cache, db);
		if (cached < 0) {   /* the file's times cannot vouch for it: its bytes do */
			if (!(src = nice_slurp(path, name, &len)))
				goto fail;
			cache.src_hash = csf_dix_hash(src, len);
			cached = nice_cache_read(&cache, db);
		}
	}
	if (cached == 1) {
		free(src);
		goto done;
	}
	if (!src && !(src = nice_slurp(path, name, &len)))
		goto fail;
	db->buf = src;
	if (cache.path && !cache.src_hash)
		cache.src_hash = csf_dix_hash(db->buf, len);   /* before the scan unescapes it */
	if (!parse(db, name, len))
		goto fail;
	if (cache.path)
		nice_cache_write(&cache, db);
done:
	nice_cache_close(&cache);
	if (diag)
		print_notes(db);
	return db;
fail:
	nice_cache_close(&cache);
	nice_free(db);
	return NULL;
}

void
nice_free(nice_db *db)
{
	if (!db)
		return;
	free(db->buf);
	free(db->elems);
	free(db->slot);
	free(db->out);
	free(db->in);
	free(db->out_kind);
	free(db->in_kind);
	free(db->path);
	free(db);
}

const char *nice_path(const nice_db *db) { return db->path; }
const char *nice_version(const nice_db *db) { return db->version; }
const char *nice_doc_id(const nice_db *db) { return db->doc_id; }
size_t nice_count(const nice_db *db) { return db->nelems; }
const struct nice_quirks *nice_quirks(const nice_db *db) { return &db->quirks; }

const char *
nice_kind(const nice_db *db, const char *id)
{
	struct nice_elem *e = nice_find(db, id);

	return e ? e->kind : NULL;
}

const char *
nice_title(const nice_db *db, const char *id)
{
	struct nice_elem *e = nice_find(db, id);

	return e ? e->title : "";
}

const char *
nice_text(const nice_db *db, const char *id)
{
	struct nice_elem *e = nice_find(db, id);

	return e ? e->text : "";
}

const char *
nice_id_at(const nice_db *db, size_t i)
{
	return i < db->nelems ? db->elems[i].id : NULL;
}

const char *
nice_kind_at(const nice_db *db, size_t i)
{
	return i < db->nelems ? db->elems[i].kind : NULL;
}

size_t
nice_count_kind(const nice_db *db, const char *kind)
{
	size_t i, n = 0;

	for (i = 0; i < db->nelems; i++)
		n += strcmp(db->elems[i].kind, kind) == 0;
	return n;
}

const char *const *
nice_links(const nice_db *db, const char *id, size_t *n)
{
	struct nice_elem *e = nice_find(db, id);

	*n = e ? e->nout : 0;
	return *n ? db->out + e->out : NULL;
}

const char *const *
nice_parents(const nice_db *db, const char *id, size_t *n)
{
	struct nice_elem *e = nice_find(db, id);

	*n = e ? e->nin : 0;
	return *n ? db->in + e->in : NULL;
}

const char *const *
nice_link_kinds(const nice_db *db, const char *id, size_t *n)
{
	struct nice_elem *e = nice_find(db, id);

	*n = e ? e->nout : 0;
	return *n ? db->out_kind + e->out : NULL;
}

const char *
nice_parent_kind(const nice_db *db, const char *id, const char *kind)
{
	struct nice_elem *e = nice_find(db, id);

	for (size_t i = 0; e && i < e->nin; i++)
		if (strcmp(db->in_kind[e->in + i], kind) == 0)
			return db->in[e->in + i];
	return NULL;
}

size_t
nice_links_kind(const nice_db *db, const char *id, const char *kind)
{
	size_t i, n, k = 0;
	const char *const *p = nice_link_kinds(db, id, &n);

	for (i = 0; i < n; i++)
		k += strcmp(p[i], kind) == 0;
	return k;
}
