/* NIST NICE Framework Components loader: see nice.h.
 *
 * NIST's export is one 2-3 MB JSON document, of which we keep four strings
 * per element and two per relationship. Building it as a jansson tree cost
 * ~30 ms (one hashtable per object, one allocation per string); instead
 * nice_scan.c reads the file into one buffer and scans it once, and this
 * file builds the database from what the scan kept and answers queries. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csf.h"
#include "nice/nice.h"
#include "nice/nice_scan.h"

/* Quirks are summarised after this many individual notes of one kind. */
#define NICE_MAX_NOTES 5

struct nice_elem {
	const char *id, *kind, *title, *text; /* point into db->buf */
	size_t out, nout;                     /* slice of db->out */
	size_t in, nin;                       /* slice of db->in */
};

struct nice_db {
	char *buf;                /* the file, strings unescaped in place */
	json_t *index;            /* id -> integer position in elems */
	char *path;
	char version[32];
	const char *doc_id;
	struct nice_elem *elems;
	size_t nelems;
	const char **out, **in;   /* relationship targets/sources, grouped */
	struct nice_quirks quirks;
};

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
find(const nice_db *db, const char *id)
{
	json_t *v;

	if (!db || !id || !(v = json_object_get(db->index, id)))
		return NULL;
	return &db->elems[json_integer_value(v)];
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
find_version(nice_db *db, struct level *lv, FILE *diag)
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
		if (diag)
			csf_warn_at(db->path, 0, db->version[0]
			    ? N_("note: no version in \"documents\"; taken from the document identifier")
			    : N_("note: no version in \"documents\"; version unknown"));
		if (!db->version[0])
			strcpy(db->version, "unknown");
	}
	if (lv->ndocs > 1 && diag)
		csf_warn_at(db->path, 0, "note: %zu documents listed; using version %s",
		     lv->ndocs, db->version);
}

static int
load_elements(nice_db *db, struct level *lv, FILE *diag)
{
	const char *first_tidy = NULL;

	if (!(db->elems = calloc(lv->nelems + 1, sizeof *db->elems)))
		return 0;
	for (size_t i = 0; i < lv->nelems; i++) {
		struct raw_elem *e = &lv->elems[i];
		struct nice_elem *el;
		int t1, t2;

		if (json_object_get(db->index, e->id)) {
			if (db->quirks.dup_elements++ < NICE_MAX_NOTES && diag)
				csf_warn_at(db->path, 0, "note: element %s appears again; first kept",
				     e->id);
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
		if (json_object_set_new(db->index, e->id, json_integer((json_int_t)db->nelems)))
			return 0;
		db->nelems++;
	}
	if (diag && db->quirks.dup_elements > NICE_MAX_NOTES)
		csf_warn_at(db->path, 0, "note: %zu repeated element IDs in all; first of each kept",
		     db->quirks.dup_elements);
	if (diag && (db->quirks.titles || db->quirks.texts))
		csf_warn_at(db->path, 0, "note: trimmed non-breaking or stray spaces in %zu titles and %zu texts (first: %s)",
		     db->quirks.titles, db->quirks.texts, first_tidy);
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
load_relationships(nice_db *db, struct level *lv, FILE *diag)
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
		struct nice_elem *se = find(db, s), *de = find(db, d);

		if (!se || !de) {
			if (db->quirks.dangling++ < NICE_MAX_NOTES && diag)
				csf_warn_at(db->path, 0, "note: relationship %s -> %s names a missing element %s; ignored",
				     s, d, se ? d : s);
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
	if (diag && db->quirks.dangling > NICE_MAX_NOTES)
		csf_warn_at(db->path, 0, "note: %zu relationships name missing elements in all; ignored",
		     db->quirks.dangling);
	if (diag && db->quirks.dup_links)
		csf_warn_at(db->path, 0, "note: %zu repeated relationships; one of each kept",
		     db->quirks.dup_links);

	/* Lay the edges out grouped by element (CSR), keeping file order. */
	db->out = malloc((npairs + 1) * sizeof *db->out);
	db->in = malloc((npairs + 1) * sizeof *db->in);
	fill = calloc(2 * (db->nelems + 1), sizeof *fill);
	if (!db->out || !db->in || !fill)
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

		db->out[se->out + fill[2 * pairs[i][0]]++] = de->id;
		db->in[de->in + fill[2 * pairs[i][1] + 1]++] = se->id;
	}
	ok = 1;
out:
	free(pairs);
	free(ps.slot);
	free(fill);
	return ok;
}

nice_db *
nice_load(const char *path, FILE *diag)
{
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	struct level levels[2], *lv;
	size_t len;
	long line;
	nice_db *db;

	if (!(db = calloc(1, sizeof *db)) || !(db->path = strdup(name)) ||
	    !(db->index = json_object())) {
		csf_warn_at(name, 0, "out of memory");
		nice_free(db);
		return NULL;
	}
	if (!(db->buf = nice_slurp(path, name, &len))) {
		nice_free(db);
		return NULL;
	}
	const char *err = nice_scan(db->buf, len, levels, &line);
	if (err) {
		csf_warn_at(name, line, "%s", err);
		nice_free(db);
		return NULL;
	}
	/* v2.1.0 wraps the four keys in response.elements; others are flat. */
	lv = levels[1].seen ? &levels[1] : &levels[0];
	if (!lv->has_elems) {
		csf_warn_at(name, 0, "not a NICE components file (no \"elements\" array)");
		nice_levels_free(levels);
		nice_free(db);
		return NULL;
	}
	if (!lv->has_rels && diag)
		csf_warn_at(name, 0, "note: no \"relationships\" array; work roles list nothing");
	db->quirks.bad_records = lv->bad;
	find_version(db, lv, diag);
	if (!load_elements(db, lv, diag) || !load_relationships(db, lv, diag)) {
		csf_warn_at(name, 0, "out of memory");
		nice_levels_free(levels);
		nice_free(db);
		return NULL;
	}
	if (diag && db->quirks.bad_records)
		csf_warn_at(name, 0, "note: %zu records without string identifiers; skipped",
		     db->quirks.bad_records);
	if (!db->doc_id)
		db->doc_id = "";
	nice_levels_free(levels);
	return db;
}

void
nice_free(nice_db *db)
{
	if (!db)
		return;
	json_decref(db->index);
	free(db->buf);
	free(db->elems);
	free(db->out);
	free(db->in);
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
	struct nice_elem *e = find(db, id);

	return e ? e->kind : NULL;
}

const char *
nice_title(const nice_db *db, const char *id)
{
	struct nice_elem *e = find(db, id);

	return e ? e->title : "";
}

const char *
nice_text(const nice_db *db, const char *id)
{
	struct nice_elem *e = find(db, id);

	return e ? e->text : "";
}

const char *
nice_id_at(const nice_db *db, size_t i)
{
	return i < db->nelems ? db->elems[i].id : NULL;
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
	struct nice_elem *e = find(db, id);

	*n = e ? e->nout : 0;
	return *n ? db->out + e->out : NULL;
}

const char *const *
nice_parents(const nice_db *db, const char *id, size_t *n)
{
	struct nice_elem *e = find(db, id);

	*n = e ? e->nin : 0;
	return *n ? db->in + e->in : NULL;
}

const char *
nice_parent_kind(const nice_db *db, const char *id, const char *kind)
{
	size_t i, n;
	const char *const *p = nice_parents(db, id, &n);

	for (i = 0; i < n; i++)
		if (strcmp(nice_kind(db, p[i]), kind) == 0)
			return p[i];
	return NULL;
}

size_t
nice_links_kind(const nice_db *db, const char *id, const char *kind)
{
	size_t i, n, k = 0;
	const char *const *p = nice_links(db, id, &n);

	for (i = 0; i < n; i++)
		k += strcmp(nice_kind(db, p[i]), kind) == 0;
	return k;
}
