/* nicemap.c - crosswalks between the framework and NICE, ITSS+, SecBoK, the
 * 人材定義リファレンス, CSIJ, and between the interim report's functions and
 * NICE 1.0 / NIST CSF. See nicemap.h. All indexes are jansson objects (hash
 * tables) built once; arrays keep the order of the data files. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nice/nicemap_impl.h"

char *
fold_name(const char *s)
{
	size_t n = strlen(s);
	char *out = xmalloc(n + 1), *o = out;
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		if (*p == ' ' || *p == '\t') {
			p++;
		} else if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {
			p += 3; /* U+3000 ideographic space */
		} else if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 && p[2] <= 0xBF) {
			unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				*o++ = (char)(cp - 0xFEE0);
				p += 3;
			} else {
				*o++ = (char)*p++;
			}
		} else {
			*o++ = (char)*p++;
		}
	}
	*o = '\0';
	return out;
}

/* ---- the model ---- */



const char *const target_keys[] = { "nice", "itss_plus", "secbok", "jinzai_ref", "csij", "nice1", "csf" };
const char *const target_names[] = { "nice", "itss", "secbok", "jinzai", "csij", "nice1", "csf" };

unsigned
nicemap_targets(const char *list)
{
	unsigned t = 0;
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ",");
		unsigned bit = 0;
		for (unsigned i = 0; i < sizeof target_names / sizeof *target_names; i++)
			if ((strlen(target_names[i]) == n && !strncmp(p, target_names[i], n)) ||
			    (strlen(target_keys[i]) == n && !strncmp(p, target_keys[i], n)))
				bit = 1u << i;
		if (!bit)
			return 0;
		t |= bit;
		p += n;
		if (*p == ',')
			p++;
	}
	return t;
}

int
target_index(unsigned target)
{
	for (int i = 0; i < 7; i++)
		if (target == 1u << i)
			return i;
	return 0;
}

const char *
nicemap_target_name(unsigned target)
{
	return target_names[target_index(target)];
}

/* strcmp(a, b) == 0 in line: NICE's kinds are a few bytes, and a map
 * compares thousands of them. */
static inline int
same(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Sort key of a NICE element: the title of its "sort" element (NIST's
 * display order, "00004.00003"), or FALLBACK. */
static const char *
sort_key(nice_db *db, const char *id, const char *fallback)
{
	size_t i, n;
	const char *const *l = nice_links(db, id, &n), *const *kind = nice_link_kinds(db, id, &n);

	for (i = 0; i < n; i++)
		if (kind[i][0] == 's' && kind[i][1] == 'o' && same(kind[i], "sort"))
			return nice_title(db, l[i]);
	return fallback;
}

/* NIST's own sort keys of the categories (v2.1.0), for files that carry
 * none (v2.0.0), so every version lists work roles in the same order. */
static const char *
category_order(const char *id)
{
	static const char *const order[][2] = { { "OG", "00001" }, { "DD", "00002" },
	    { "IO", "00003" }, { "PD", "00004" }, { "IN", "00007" } };
	for (size_t i = 0; i < sizeof order / sizeof *order; i++)
		if (strcmp(id, order[i][0]) == 0)
			return order[i][1];
	return "99999";
}

struct keyed {
	char key[64];
	const char *id;
};

/* S's first MAX bytes (at most SIZE - 1), then TAIL, into DST of SIZE
 * bytes: snprintf's "%.*s%s" without reading a format (it was a fifth of
 * sorting NIST's work roles). */
static void
put_key(char *dst, size_t size, const char *s, size_t max, const char *tail)
{
	size_t n = 0;
	while (n < max && n + 1 < size && s[n])
		dst[n] = s[n], n++;
	while (n + 1 < size && *tail)
		dst[n++] = *tail++;
	dst[n] = '\0';
}

static int
cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : strcmp(x->id, y->id);
}

/* Elements of KIND in NIST's display order. */
static struct keyed *
sorted_kind(nice_db *db, const char *kind, size_t *np)
{
	size_t i, n = 0, total = nice_count(db), cap = 64;
	struct keyed *k = xmalloc(cap * sizeof *k);

	for (i = 0; i < total; i++) {
		const char *k_i = nice_kind_at(db, i);
		if (k_i[0] != kind[0] || !same(k_i, kind))
			continue;
		if (n == cap)
			k = xrealloc(k, (cap *= 2) * sizeof *k);
		const char *id = nice_id_at(db, i);
		char fb[48] = "99999";
		if (strcmp(kind, "category") == 0)
			put_key(fb, sizeof fb, category_order(id), (size_t)-1, "");
		if (strcmp(kind, "work_role") == 0) {
			/* A role without its own sort entry goes after its category's. */
			const char *cat = nice_parent_kind(db, id, "category");
			put_key(fb, sizeof fb, cat ? sort_key(db, cat, category_order(cat)) : "99999", 40, ".99999");
		}
		put_key(k[n].key, sizeof k[n].key, sort_key(db, id, fb), (size_t)-1, "");
		k[n].id = id;
		n++;
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	*np = n;
	return k;
}

/* Append WR (id, name, category) and its lists, taken over. */
static void
add_wr(nicemap *m, json_t *wr, struct wr_lists *lists)
{
	size_t n = json_array_size(m->wrs);
	if ((n & (n - 1)) == 0 || n == 0)   /* grow at powers of two */
		m->wl = xrealloc(m->wl, (n ? 2 * n : 1) * sizeof *m->wl);
	m->wl[n] = *lists;
	m->wl[n].id = csf_str(wr, "id");
	json_array_append_new(m->wrs, wr);
	json_object_set(m->wr_by_id, csf_str(wr, "id"), wr);
}

size_t
wr_index(const nicemap *m, const char *id)
{
	json_t *w;
	size_t i;
	json_array_foreach(m->wrs, i, w)
		if (!strcmp(csf_str(w, "id"), id))
			return i;
	return (size_t)-1;
}


/* ---- NICE T/K/S ID -> the work roles listing it ---- */

struct wrset {             /* an ID of another shape, or one scanned */
	unsigned *w;
	size_t n, cap;
	const char *kind;
	unsigned listed;       /* its place + 1 in m->listed (index_wr_lists) */
};

static const char *const list_kinds[] = { "task", "knowledge", "skill" };

const char *
wr_id(const nicemap *m, size_t w)
{
	return m->wl[w].id;
}

static void
wrset_add(struct wrset *l, size_t w, int k, const nicemap *m)
{
	if (l->n == l->cap)
		l->w = xrealloc(l->w, (l->cap = l->cap ? 2 * l->cap : 4) * sizeof *l->w);
	l->w[l->n++] = (unsigned)w;
	if (!m->db)
		l->kind = list_kinds[k];
}

static void
wrset_free(void *p)
{
	struct wrset *l = p;
	free(l->w);
	free(l);
}

/* Built on first use (listing a work role needs none of it): the
 * entries counted per number, then each number's placed together when
 * its first entry comes, in the lists' order, and every ID numbered
 * (m->listed) when it first comes. The per-number table is touched only
 * where NICE has IDs. */
void
index_wr_lists(nicemap *m)
{
	if (m->wrs_indexed)
		return;
	m->wrs_indexed = 1;
	m->nice_wrs = strmap_new();
	m->wrs_at = xcalloc(NICE_NUMBERS, sizeof *m->wrs_at);
	size_t nwr = json_array_size(m->wrs), total = 0, e = 0;
	for (size_t w = 0; w < nwr; w++)
		for (int k = 0; k < 3; k++)
			total += wr_list(m, w, k)->n;
	/* each entry's number worked out once, and counted; then (the
	 * same array) its place + 1 in m->listed */
	int *no = xmalloc((total ? total : 1) * sizeof *no);
	for (size_t w = 0; w < nwr; w++)
		for (int k = 0; k < 3; k++) {
			const struct idlist *list = wr_list(m, w, k);
			for (size_t i = 0; i < list->n; i++, e++)
				if ((no[e] = nice_no(list->v[i])) >= 0)
					m->wrs_at[no[e]].n++;
		}
	m->wrs_entry = xmalloc((total ? total : 1) * sizeof *m->wrs_entry);
	m->listed = xmalloc((total ? total : 1) * sizeof *m->listed);
	m->nlisted = 0;
	unsigned at = 0;
	e = 0;
	for (size_t w = 0; w < nwr; w++)
		for (int k = 0; k < 3; k++) {
			const struct idlist *list = wr_list(m, w, k);
			for (size_t i = 0; i < list->n; i++, e++) {
				if (no[e] < 0) {
					int created;
					void **slot = strmap_slot(m->nice_wrs, list->v[i], &created);
					if (created) {
						struct wrset *l = *slot = xcalloc(1, sizeof(struct wrset));
						m->listed[m->nlisted] = list->v[i];
						l->listed = (unsigned)++m->nlisted;
					}
					wrset_add(*slot, w, k, m);
					no[e] = (int)((struct wrset *)*slot)->listed;
					continue;
				}
				struct wrs_at *x = &m->wrs_at[no[e]];
				if (!x->kind) {   /* its first entry: its places */
					x->start = at;
					at += x->n;
					x->n = 0;
					m->listed[m->nlisted] = list->v[i];
					x->listed = (unsigned)++m->nlisted;
				}
				m->wrs_entry[x->start + x->n++] = (unsigned)w;
				x->kind = (unsigned char)(k + 1);
				no[e] = (int)x->listed;
			}
		}
	m->entry_listed = no;
}

unsigned
listed_at(nicemap *m, const char *s, size_t n)
{
	index_wr_lists(m);
	int no = nice_no_n(s, n);
	if (no >= 0)
		return m->wrs_at[no].listed;
	const struct wrset *l = strmap_get(m->nice_wrs, s);
	return l ? l->listed : 0;
}

/* One ID's listing from the lists themselves: for the first few IDs a run
 * looks up (a --reverse, one record), cheaper than indexing all 5 334. */
static void
scan_wr_lists(nicemap *m, const char *id, struct wrset *l)
{
	size_t nwr = json_array_size(m->wrs);
	for (size_t w = 0; w < nwr; w++)
		for (int k = 0; k < 3; k++) {
			const struct idlist *list = wr_list(m, w, k);
			for (size_t i = 0; i < list->n; i++)
				if (list->v[i][0] == id[0] && strcmp(list->v[i], id) == 0)
					wrset_add(l, w, k, m);
		}
}

#define WRS_SCANS 4   /* IDs looked up by scanning before the index is built */

static struct wrlist
view(const struct wrset *l)
{
	struct wrlist v = { NULL, 0, NULL };
	if (l) {
		v.w = l->w;
		v.n = l->n;
		v.kind = l->kind;
	}
	return v;
}

struct wrlist
wrs_of(nicemap *m, const char *id)
{
	struct wrlist l = { NULL, 0, NULL };
	if (!id)
		return l;
	if (!m->wrs_indexed) {
		if (!m->wrs_scanned)
			m->wrs_scanned = strmap_new();
		int created;
		void **slot = strmap_slot(m->wrs_scanned, id, &created);
		if (!created)
			return view(*slot);
		*slot = xcalloc(1, sizeof(struct wrset));
		if (strmap_count(m->wrs_scanned) <= WRS_SCANS) {
			scan_wr_lists(m, id, *slot);
			return view(*slot);
		}
		index_wr_lists(m);
	}
	int no = nice_no(id);
	if (no < 0)
		return view(strmap_get(m->nice_wrs, id));
	const struct wrs_at *e = &m->wrs_at[no];
	l.w = m->wrs_entry + e->start;
	l.n = e->n;
	l.kind = e->kind && !m->db ? list_kinds[e->kind - 1] : NULL;
	return l;
}

static json_t *named(const char *id, const char *name, const char *category);

static void
load_nice_from_db(nicemap *m)
{
	nice_db *db = m->db;
	size_t i, j, n, nl;
	struct keyed *k;
	const char *last = NULL;   /* a kind's text is shared by its elements: the last one's list */
	int last_x = -1;

	snprintf(m->version, sizeof m->version, "%s", nice_version(db));
	k = sorted_kind(db, "category", &n);
	for (i = 0; i < n; i++) {
		json_t *c = named(k[i].id, nice_title(db, k[i].id), NULL);
		json_array_append_new(m->cats, c);
		json_object_set(m->cat_by_id, k[i].id, c);
	}
	free(k);
	k = sorted_kind(db, "work_role", &n);
	for (i = 0; i < n; i++) {
		const char *id = k[i].id, *cat = nice_parent_kind(db, id, "category");
		const char *const *l = nice_links(db, id, &nl), *const *kinds = nice_link_kinds(db, id, &nl);
		struct wr_lists lists = { 0 };
		for (j = 0; j < nl; j++) {
			const char *kind = kinds[j];
			if (kind != last) {
				last = kind;
				last_x = kind[0] == 't' ? (same(kind, "task") ? 0 : -1)
				    : kind[0] == 'k' ? (same(kind, "knowledge") ? 1 : -1)
				    : kind[0] == 's' ? (same(kind, "skill") ? 2 : -1) : -1;
			}
			int x = last_x;
			if (x >= 0)
				idlist_push(&lists.l[x], l[j]);   /* the file's, kept to the end */
		}
		/* its text is NIST's file's (nicemap_work_role) */
		add_wr(m, named(id, nice_title(db, id), cat), &lists);
	}
	free(k);
}

/* The strings of an array of a validated line copied one after another
 * to *at, NUL-terminated, and listed in l, when they are all plain (no
 * escape; no other value): 0. Else -1, nothing listed: csf_iter reads
 * them. A byte loop, since NICE's IDs are a few bytes each. */
/* No quote or backslash in the five bytes at P (eight readable): a word
 * at once, a byte equal to either made zero and found by the borrow it
 * takes. A borrow never reaches a byte below a zero, so in the masked
 * bytes it is exact (on a big-endian machine a zero after them may also
 * answer no: the caller then goes byte by byte). */
static inline int
plain5(const char *p)
{
	static const unsigned char five[8] = { 0x80, 0x80, 0x80, 0x80, 0x80, 0, 0, 0 };
	uint64_t w, mask, q, b;
	const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
	memcpy(&w, p, 8);
	memcpy(&mask, five, 8);
	q = w ^ 0x2222222222222222ull;   /* '"' */
	b = w ^ 0x5c5c5c5c5c5c5c5cull;   /* '\\' */
	return ((((q - ones) & ~q) | ((b - ones) & ~b)) & highs & mask) == 0;
}

static int
plain_ids(const csf_field *array, char **at, struct idlist *l)
{
	static const unsigned char sep[256] = { [','] = 1, [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1 };
	const char *p = array->val + 1, *end = array->val + array->len - 1;
	char *out = *at;
	size_t listed = l->n;
	/* room for as many as the value holds at eight bytes an ID ("T1234",) */
	if (l->cap < l->n + array->len / 8 + 1) {
		l->cap = l->n + array->len / 8 + 1;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	for (;;) {
		while (p < end && sep[(unsigned char)*p])
			p++;
		if (p >= end)
			break;
		if (*p != '"') {
			l->n = listed;
			return -1;
		}
		char *s = out;
		/* NICE's usual ID, a letter and four digits, at once: the
		 * line is valid JSON, so a quote after five plain bytes ends it */
		if (end - p >= 8 && p[6] == '"' && plain5(p + 1)) {
			memcpy(out, p + 1, 5);
			out[5] = '\0';
			out += 6;
			p += 7;
			idlist_push(l, s);
			continue;
		}
		/* else byte by byte: the string ends before the array */
		for (p++; *p != '"' && *p != '\\'; )
			*out++ = *p++;
		if (*p != '"') {
			l->n = listed;
			return -1;
		}
		p++;
		*out++ = '\0';
		idlist_push(l, s);
	}
	*at = out;
	return 0;
}

/* {"id":ID,"name":NAME[,"category":CATEGORY]}, as json_pack makes it
 * (NULL if a text is not UTF-8), without reading a format: json_pack was
 * a sixth of csf-map-nice's start. */
static json_t *
named(const char *id, const char *name, const char *category)
{
	json_t *o = json_object(), *v[3] = { json_string(id), json_string(name),
	    category ? json_string(category) : json_null() };
	static const char *const keys[] = { "id", "name", "category" };
	int ok = v[0] && v[1] && v[2];
	for (int k = 0; k < 3; k++)
		if (ok && (k < 2 || category))
			json_object_set_new_nocheck(o, keys[k], v[k]);
		else
			json_decref(v[k]);
	if (!ok) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The work roles of share/csf, read from their (validated) lines: their
 * trees, the lists as jansson strings, were most of a look-up. */
static void
load_nice_from_data(nicemap *m)
{
	enum { NAME, CATEGORY, VERSION, TASKS, KNOWLEDGE, SKILLS, NF };
	for (size_t i = 0; i < csf_data_count("nice_work_role"); i++) {
		const char *id = csf_data_id("nice_work_role", i);
		size_t len;
		csf_data_valid_text("nice_work_role", i, &len);   /* its names reach the output */
		csf_field f[NF] = { { "name", NULL, 0 }, { "category", NULL, 0 }, { "version", NULL, 0 },
			{ "tasks", NULL, 0 }, { "knowledge", NULL, 0 }, { "skills", NULL, 0 } };
		csf_field cat[2] = { { "id", NULL, 0 }, { "name", NULL, 0 } };
		char cid[64], version[32];
		csf_data_record_fields("nice_work_role", i, f, NF);
		if (!id || !f[CATEGORY].val || f[CATEGORY].val[0] != '{'
		    || csf_data_fields(f[CATEGORY].val, f[CATEGORY].len, cat, 2) < 0
		    || csf_field_str(&cat[0], cid, sizeof cid) < 0)
			continue;
		if (!json_object_get(m->cat_by_id, cid)) {
			char *cname = csf_field_text(&cat[1]);
			json_t *c = named(cid, cname, NULL);
			free(cname);
			json_array_append_new(m->cats, c);
			json_object_set(m->cat_by_id, cid, c);
		}
		if (!m->version[0] && csf_field_str(&f[VERSION], version, sizeof version) >= 0)
			snprintf(m->version, sizeof m->version, "%s", version);
		/* The IDs, unescaped one after another into one block. */
		struct wr_lists lists = { 0 };
		char *at = lists.store = xmalloc(f[TASKS].len + f[KNOWLEDGE].len + f[SKILLS].len + 1);
		for (int k = 0; k < 3; k++) {
			csf_iter it;
			csf_field e;
			if (!f[TASKS + k].val || !csf_field_array(&f[TASKS + k], &it)
			    || plain_ids(&f[TASKS + k], &at, &lists.l[k]) == 0)
				continue;
			while (csf_iter_next(&it, &e)) {
				long n = e.val[0] == '"' ? csf_field_str(&e, at, e.len) : -1;
				if (n < 0)
					continue;
				idlist_push(&lists.l[k], at);
				at += n + 1;
			}
		}
		char *name = csf_field_text(&f[NAME]);
		add_wr(m, named(id, name, cid), &lists);
		free(name);
	}
}

nicemap *
nicemap_new(nice_db *db)
{
	nicemap *m = xcalloc(1, sizeof *m);

	m->db = db;
	m->annotations = json_object();
	m->wrs = json_array();
	m->wr_by_id = json_object();
	m->cats = json_array();
	m->cat_by_id = json_object();
	if (db)
		load_nice_from_db(m);
	else
		load_nice_from_data(m);
	if (json_array_size(m->wrs) == 0)
		csf_die(1, db ? N_("%s: no NICE work roles in the file") :
		    N_("%s/crosswalk.ndjson: no nice_work_role records; use --nice FILE"),
		    db ? nice_path(db) : csf_datadir());
	if (!m->version[0])
		snprintf(m->version, sizeof m->version, "unknown");
	return m;
}

void
nicemap_free(nicemap *m)
{
	if (!m)
		return;
	if (m->fw_free)
		m->fw_free(m->fw);
	strmap_free_with(m->nice_wrs, wrset_free);
	strmap_free_with(m->wrs_scanned, wrset_free);
	free(m->wrs_at);
	free(m->wrs_entry);
	free(m->listed);
	free(m->entry_listed);
	strmap_free_with(m->nice_items, idlist_free);
	strmap_free_with(m->wr_roles, idlist_free);
	for (size_t w = 0; w < json_array_size(m->wrs); w++) {
		for (int k = 0; k < 3; k++)
			free(m->wl[w].l[k].v);
		free(m->wl[w].store);
	}
	free(m->wl);
	json_t **all[] = { &m->wrs, &m->wr_by_id, &m->cats, &m->cat_by_id, &m->itss,
	    &m->xw_roles, &m->fn_codes, &m->fn_maybe, &m->fn_names, &m->annotations, &m->scratch };
	for (size_t i = 0; i < sizeof all / sizeof *all; i++)
		json_decref(*all[i]);
	free(m);
}

const char *
nicemap_version(const nicemap *m)
{
	return m->version;
}

const char *
kind_of(nicemap *m, const char *id, size_t len, int listed)
{
	if (!id)
		return NULL;
	if (m->db)
		return nice_kind(m->db, id);
	if (json_object_get(m->wr_by_id, id))
		return "work_role";
	if (json_object_get(m->cat_by_id, id))
		return "category";
	const char *kind = wrs_of(m, id).kind;
	if (kind)
		return kind;
	/* Without NIST's file we know the T/K/S IDs work roles list and those
	 * our items map to; any other (NIST has a few hundred in no work role)
	 * needs --nice to be told from a typo. An ID an item lists (unless a
	 * NUL hides part of it) is one: load_framework's index of them is not
	 * needed, only its validation of the role lines. */
	if (listed && is_nice_tks(id) && len == 5) {
		validate_roles(m);
		return kind_of_prefix(id[0]);
	}
	load_framework(m);
	return is_nice_tks(id) && idlist_of(m->nice_items, id)->n ? kind_of_prefix(id[0]) : NULL;
}

const char *
nicemap_kind(nicemap *m, const char *id)
{
	return kind_of(m, id, id ? strlen(id) : 0, 0);
}

void
validate_roles(nicemap *m)
{
	if (m->roles_valid)
		return;
	m->roles_valid = 1;
	for (size_t i = 0, n = csf_data_count("role"); i < n; i++) {
		size_t len;
		csf_data_valid_text("role", i, &len);
	}
}

/* Each string of a raw array value: FN(m, string, id). */
static void
each_string(const csf_field *list, void (*fn)(nicemap *, const char *, const char *), nicemap *m,
            const char *id)
{
	csf_iter it;
	csf_field e;
	char buf[256];
	if (list->val && csf_field_array(list, &it))
		while (csf_iter_next(&it, &e))
			if (csf_field_str(&e, buf, sizeof buf) >= 0)
				fn(m, buf, id);
}

static void add_nice_item(nicemap *m, const char *nid, const char *id) { idlist_add(m->nice_items, nid, id); }
static void add_wr_role(nicemap *m, const char *wr, const char *id) { idlist_add(m->wr_roles, wr, id); }

/* The framework: roles, items and the indexes between them and NICE. The
 * items' "roles" and "nice" are read from their lines, as the loader
 * indexed them; no item's tree is built for this. */
void
load_framework(nicemap *m)
{
	static const char *types[] = { "task", "knowledge", "skill" };
	size_t i;

	if (m->fw_loaded)
		return;
	m->fw_loaded = 1;
	m->nice_items = strmap_new();
	m->wr_roles = strmap_new();
	/* A role's work roles from its line, as the items' below (validated
	 * first, as building its tree would). */
	validate_roles(m);
	for (i = 0; i < csf_data_count("role"); i++) {
		const char *id = csf_data_id("role", i);
		csf_field nice;
		csf_data_nice("role", i, &nice);
		if (id)
			each_string(&nice, add_wr_role, m, id);
	}
	for (int t = 0; t < 3; t++)
		for (i = 0; i < csf_data_count(types[t]); i++) {
			const char *id = csf_data_id(types[t], i);
			csf_field nice;
			if (!id)
				continue;
			csf_data_nice(types[t], i, &nice);
			each_string(&nice, add_nice_item, m, id);
		}
}

json_t *
find_role(const char *id)
{
	return csf_data_find("role", id);
}

size_t
itss_split(const char *name, const void *(*find)(const void *ctx, const char *folded),
           const void *ctx, const void ***out)
{
	char *f = fold_name(name), *part, *next;
	const void *area, **v = NULL;
	size_t n = 0, cap = 0;

	if ((area = find(ctx, f))) {
		v = xmalloc(sizeof *v);
		v[n++] = area;
		free(f);
		*out = v;
		return n;
	}
	for (part = f; part; part = next) {
		char *ideo = strstr(part, "\xE3\x80\x81"), *comma = strchr(part, ',');
		/* the nearer of "、" and "," ends this part */
		char *cut = ideo && (!comma || ideo < comma) ? ideo : comma;
		next = NULL;
		if (cut) {
			next = cut + (cut == ideo ? 3 : 1);
			*cut = '\0';
		}
		if (!(area = find(ctx, part))) {
			n = 0;
			break;
		}
		if (n == cap)
			v = xrealloc(v, (cap = cap ? 2 * cap : 4) * sizeof *v);
		v[n++] = area;
	}
	free(f);
	*out = v;
	return n;
}

static const void *
itss_get(const void *itss, const char *folded)
{
	return json_object_get(itss, folded);
}

/* itss_split over the areas' records (borrowed, in a new array). */
json_t *
itss_areas(json_t *itss, const char *name)
{
	json_t *out = json_array();
	const void **v;
	size_t n = itss_split(name, itss_get, itss, &v);
	for (size_t i = 0; i < n; i++)
		json_array_append(out, (json_t *)v[i]);
	free(v);
	return out;
}

/* The ITSS+ areas and the roles' crosswalk lists, indexed by folded name. */
void
load_crosswalks(nicemap *m)
{
	json_t *r, *v, *xw;
	size_t i, j;

	if (m->xw_loaded)
		return;
	m->xw_loaded = 1;
	m->itss = json_object();
	m->xw_roles = json_object();
	json_array_foreach(csf_data_all("itss_area"), i, r) {
		const char *id = csf_str(r, "id");
		json_t *name = json_object_get(r, "name");
		const char *names[] = { id, csf_str(name, "ja"), csf_str(name, "en") };
		for (int k = 0; k < 3; k++)
			if (names[k]) {
				char *f = fold_name(names[k]);
				json_object_set(m->itss, f, r);
				free(f);
			}
		json_array_foreach(json_object_get(r, "aliases"), j, v)
			if (json_is_string(v)) {
				char *f = fold_name(json_string_value(v));
				json_object_set(m->itss, f, r);
				free(f);
			}
	}
	json_array_foreach(csf_data_all("role"), i, r) {
		const char *id = csf_str(r, "id");
		xw = json_object_get(r, "crosswalk");
		if (!id || !xw)
			continue;
		for (int t = 1; t <= 4; t++) {
			json_t *seen = json_object();
			json_array_foreach(json_object_get(xw, target_keys[t]), j, v) {
				if (!json_is_string(v))
					continue;
				char *f = fold_name(json_string_value(v)), key[512];
				json_t *areas = t == 1 ? itss_areas(m->itss, json_string_value(v)) : json_array(), *area;
				size_t k;
				/* an ITSS+ cell is indexed under each area it names */
				if (json_array_size(areas) == 0)
					json_array_append_new(areas, json_null());
				json_array_foreach(areas, k, area) {
					snprintf(key, sizeof key, "%s\037%s", target_names[t],
					    json_is_null(area) ? f : csf_str(area, "id"));
					if (!json_object_get(seen, key)) {
						json_object_set_new(seen, key, json_true());
						multi_add(m->xw_roles, key, id);
					}
				}
				json_decref(areas);
				free(f);
			}
			json_decref(seen);
		}
	}
}

/* The function table, indexed by NICE 1.0 code and CSF category. */
void
load_functions(nicemap *m)
{
	json_t *f, *e;
	size_t i, j, k;

	if (m->fn_loaded)
		return;
	m->fn_loaded = 1;
	m->fn_codes = json_object();
	m->fn_maybe = json_object();
	m->fn_names = json_object();
	json_array_foreach(csf_data_all("function"), i, f) {
		const char *id = csf_str(f, "id");
		if (!id)
			continue;
		for (int t = 5; t <= 6; t++)
			json_array_foreach(json_object_get(f, target_keys[t]), j, e) {
				const char *code = csf_str(e, "code");
				char key[128];
				if (!code)
					continue;
				snprintf(key, sizeof key, "%s\037%s", target_keys[t], code);
				multi_add(m->fn_codes, key, id);
				if (!json_object_get(m->fn_names, key) && json_object_get(e, "name"))
					json_object_set(m->fn_names, key, json_object_get(e, "name"));
			}
		json_array_foreach(json_object_get(f, "csf_unplaced"), j, e) {
			json_t *maybe;
			json_array_foreach(json_object_get(e, "maybe"), k, maybe) {
				char key[128];
				if (!json_is_string(maybe))
					continue;
				snprintf(key, sizeof key, "csf\037%s", json_string_value(maybe));
				multi_add(m->fn_maybe, key, id);
				if (!json_object_get(m->fn_names, key) && json_object_get(e, "name"))
					json_object_set(m->fn_names, key, json_object_get(e, "name"));
			}
		}
	}
}
