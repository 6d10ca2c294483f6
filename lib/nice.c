/* NIST NICE Framework Components loader: see nice.h. */
#define _GNU_SOURCE /* program_invocation_short_name */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "nice.h"

/* NIST's files are 2-3 MB; refuse anything absurd before parsing it. */
#define NICE_MAX_BYTES (64UL << 20)
/* Quirks are summarised after this many individual notes of one kind. */
#define NICE_MAX_NOTES 5

struct nice_elem {
	const char *id, *kind, *title, *text; /* point into db->root */
	size_t out, nout;                     /* slice of db->out */
	size_t in, nin;                       /* slice of db->in */
};

struct nice_db {
	json_t *root;
	json_t *index;            /* id -> integer position in elems */
	char *path;
	char version[32];
	const char *doc_id;
	struct nice_elem *elems;
	size_t nelems;
	const char **out, **in;   /* relationship targets/sources, grouped */
	struct nice_quirks quirks;
};

static const char *
progname(void)
{
#ifdef __GLIBC__
	return program_invocation_short_name;
#else
	return "csf";
#endif
}

/* Bounded reader for json_load_callback: stops the parse past NICE_MAX_BYTES. */
struct reader {
	FILE *fp;
	size_t total;
	int too_big, failed;
};

static size_t
read_chunk(void *buf, size_t len, void *arg)
{
	struct reader *r = arg;
	size_t n = fread(buf, 1, len, r->fp);

	if (n == 0 && ferror(r->fp)) {
		r->failed = errno ? errno : EIO;
		return (size_t)-1;
	}
	r->total += n;
	if (r->total > NICE_MAX_BYTES) {
		r->too_big = 1;
		return (size_t)-1;
	}
	return n;
}

static json_t *
load_json(const char *path, const char *name)
{
	struct reader r = { 0 };
	json_error_t err;
	json_t *root;

	if (strcmp(path, "-") == 0)
		r.fp = stdin;
	else if (!(r.fp = fopen(path, "rb"))) {
		fprintf(stderr, "%s: %s: %s\n", progname(), name, strerror(errno));
		return NULL;
	}
	root = json_load_callback(read_chunk, &r, 0, &err);
	if (r.fp != stdin)
		fclose(r.fp);
	if (r.too_big)
		fprintf(stderr, "%s: %s: larger than %lu MiB, not a NICE components file\n",
		    progname(), name, NICE_MAX_BYTES >> 20);
	else if (r.failed)
		fprintf(stderr, "%s: %s: %s\n", progname(), name, strerror(r.failed));
	else if (!root)
		fprintf(stderr, "%s: %s:%d: %s\n", progname(), name, err.line, err.text);
	if (root && (r.too_big || r.failed)) {
		json_decref(root);
		root = NULL;
	}
	return root;
}

/* Replace NBSP (U+00A0) by a space and strip leading/trailing white space.
 * Returns 1 if the string at KEY changed. */
static int
tidy_string(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);
	const char *s;
	size_t len, i, j, b, e;
	char *buf;
	int changed = 0;

	if (!json_is_string(v))
		return 0;
	s = json_string_value(v);
	len = json_string_length(v);
	if (len == 0)
		return 0;
	if (!(buf = malloc(len)))
		return 0;
	for (i = j = 0; i < len; i++) {
		if ((unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA0) {
			buf[j++] = ' ';
			i++;
			changed = 1;
		} else
			buf[j++] = s[i];
	}
	for (b = 0; b < j && strchr(" \t\r\n", buf[b]); b++)
		;
	for (e = j; e > b && strchr(" \t\r\n", buf[e - 1]); e--)
		;
	if (b > 0 || e < j)
		changed = 1;
	if (changed)
		json_object_set_new(obj, key, json_stringn(buf + b, e - b));
	free(buf);
	return changed;
}

static const char *
string_field(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
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
find_version(nice_db *db, json_t *docs, json_t *elements, FILE *diag)
{
	json_t *d;
	const char *v = NULL, *first_elem_doc = NULL;
	size_t i, n;

	json_array_foreach(docs, i, d) {
		if ((v = string_field(d, "version")) && *v) {
			db->doc_id = string_field(d, "doc_identifier");
			break;
		}
		v = NULL;
	}
	if (json_array_size(elements) > 0)
		first_elem_doc = string_field(json_array_get(elements, 0), "doc_identifier");
	if (!db->doc_id)
		db->doc_id = first_elem_doc;
	if (v) {
		n = strcspn(v, "\t\r\n");
		if (n >= sizeof db->version)
			n = sizeof db->version - 1;
		memcpy(db->version, v, n);
		db->version[n] = '\0';
	} else {
		version_from_doc_id(db->doc_id, db->version, sizeof db->version);
		if (diag)
			fprintf(diag, "%s: note: no version in \"documents\"; %s\n", db->path,
			    db->version[0] ? "taken from the document identifier" : "version unknown");
		if (!db->version[0])
			strcpy(db->version, "unknown");
	}
	if (json_array_size(docs) > 1 && diag)
		fprintf(diag, "%s: note: %zu documents listed; using version %s\n",
		    db->path, json_array_size(docs), db->version);
}

static void
load_elements(nice_db *db, json_t *elements, FILE *diag)
{
	json_t *e;
	size_t i;
	const char *first_tidy = NULL;

	json_array_foreach(elements, i, e) {
		const char *id = string_field(e, "element_identifier");
		const char *kind = string_field(e, "element_type");
		struct nice_elem *el;
		int t1, t2;

		if (!id || !*id || !kind || !*kind) {
			db->quirks.bad_records++;
			continue;
		}
		if (json_object_get(db->index, id)) {
			if (db->quirks.dup_elements++ < NICE_MAX_NOTES && diag)
				fprintf(diag, "%s: note: element %s appears again; first kept\n",
				    db->path, id);
			continue;
		}
		t1 = tidy_string(e, "title");
		t2 = tidy_string(e, "text");
		db->quirks.titles += t1;
		db->quirks.texts += t2;
		if ((t1 || t2) && !first_tidy)
			first_tidy = id;
		el = &db->elems[db->nelems];
		el->id = id;
		el->kind = kind;
		el->title = string_field(e, "title");
		el->text = string_field(e, "text");
		if (!el->title)
			el->title = "";
		if (!el->text)
			el->text = "";
		json_object_set_new(db->index, id, json_integer((json_int_t)db->nelems));
		db->nelems++;
	}
	if (diag && db->quirks.dup_elements > NICE_MAX_NOTES)
		fprintf(diag, "%s: note: %zu repeated element IDs in all; first of each kept\n",
		    db->path, db->quirks.dup_elements);
	if (diag && (db->quirks.titles || db->quirks.texts))
		fprintf(diag, "%s: note: trimmed non-breaking or stray spaces in %zu titles and %zu texts (first: %s)\n",
		    db->path, db->quirks.titles, db->quirks.texts, first_tidy);
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
load_relationships(nice_db *db, json_t *rels, FILE *diag)
{
	size_t n = json_array_size(rels), i, k, npairs = 0, cap = 16;
	size_t (*pairs)[2] = NULL;
	size_t *fill = NULL;
	struct pairset ps = { 0 };
	json_t *r;
	int ok = 0;

	while (cap < 2 * n)
		cap <<= 1;
	pairs = malloc((n + 1) * sizeof *pairs);
	ps.slot = calloc(cap, sizeof *ps.slot);
	ps.mask = cap - 1;
	if (!pairs || !ps.slot)
		goto out;

	json_array_foreach(rels, i, r) {
		const char *s = string_field(r, "source_element_identifier");
		const char *d = string_field(r, "dest_element_identifier");
		struct nice_elem *se, *de;

		if (!s || !d) {
			db->quirks.bad_records++;
			continue;
		}
		se = find(db, s);
		de = find(db, d);
		if (!se || !de) {
			if (db->quirks.dangling++ < NICE_MAX_NOTES && diag)
				fprintf(diag, "%s: note: relationship %s -> %s names a missing element %s; ignored\n",
				    db->path, s, d, se ? d : s);
			continue;
		}
		if (!pairset_add(&ps, (size_t)(se - db->elems), (size_t)(de - db->elems))) {
			db->quirks.dup_links++;
			continue;
		}
		pairs[npairs][0] = (size_t)(se - db->elems);
		pairs[npairs][1] = (size_t)(de - db->elems);
		db->elems[pairs[npairs][0]].nout++;
		db->elems[pairs[npairs][1]].nin++;
		npairs++;
	}
	if (diag && db->quirks.dangling > NICE_MAX_NOTES)
		fprintf(diag, "%s: note: %zu relationships name missing elements in all; ignored\n",
		    db->path, db->quirks.dangling);
	if (diag && db->quirks.dup_links)
		fprintf(diag, "%s: note: %zu repeated relationships; one of each kept\n",
		    db->path, db->quirks.dup_links);

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
	nice_db *db;
	json_t *doc, *resp, *elements, *rels;

	if (!(db = calloc(1, sizeof *db)) || !(db->path = strdup(name)) ||
	    !(db->index = json_object())) {
		fprintf(stderr, "%s: %s: out of memory\n", progname(), name);
		nice_free(db);
		return NULL;
	}
	if (!(db->root = load_json(path, name))) {
		nice_free(db);
		return NULL;
	}
	/* v2.1.0 wraps the four keys in response.elements; others are flat. */
	doc = db->root;
	resp = json_object_get(doc, "response");
	if (json_is_object(resp) && json_is_object(json_object_get(resp, "elements")))
		doc = json_object_get(resp, "elements");
	elements = json_object_get(doc, "elements");
	if (!json_is_array(elements)) {
		fprintf(stderr, "%s: %s: not a NICE components file (no \"elements\" array)\n",
		    progname(), name);
		nice_free(db);
		return NULL;
	}
	rels = json_object_get(doc, "relationships");
	if (!json_is_array(rels)) {
		if (diag)
			fprintf(diag, "%s: note: no \"relationships\" array; work roles list nothing\n", name);
		rels = NULL;
	}
	find_version(db, json_object_get(doc, "documents"), elements, diag);
	if (!(db->elems = calloc(json_array_size(elements) + 1, sizeof *db->elems)) ||
	    (load_elements(db, elements, diag), !load_relationships(db, rels, diag))) {
		fprintf(stderr, "%s: %s: out of memory\n", progname(), name);
		nice_free(db);
		return NULL;
	}
	if (diag && db->quirks.bad_records)
		fprintf(diag, "%s: note: %zu records without string identifiers; skipped\n",
		    name, db->quirks.bad_records);
	if (!db->doc_id)
		db->doc_id = "";
	return db;
}

void
nice_free(nice_db *db)
{
	if (!db)
		return;
	json_decref(db->root);
	json_decref(db->index);
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
