/* nicecov.c - coverage of NICE work roles by the items records hold
 * (csf-map-nice --coverage).
 *
 * With --by subject on input grouped by subject (as csf-assess and csf-gap
 * write it) one subject is held at a time and written when the next one
 * starts (core/subjects.c), so memory does not grow with the subjects.
 * Otherwise (--ungrouped, or --by another field) every group is held to the
 * end. Records whose subject is missing or not a string are held apart.
 *
 * Sharded (--partial, --merge): a shard writes each group's covered NICE
 * IDs, a set, instead of its figures; the merge takes the union per group
 * and writes the figures one run over all the input writes, the groups in
 * one run's order: --role groups, then the others by the first shard that
 * has them (--shard N) and the order they came from it, then, for --by
 * subject on grouped input, the groups one run holds to the end. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/buf.h"
#include "core/jw.h"
#include "core/fields.h"
#include "core/jobs.h"
#include "core/partial.h"
#include "core/strmap.h"
#include "core/subjects.h"
#include "nice/nicemap_impl.h"

/* Where one NICE ID is listed: once per listing in a work role's task list
 * (ks 0) or knowledge/skill lists (ks 1), and once per category and ks. */
struct listing { size_t at; int ks; };
struct nice_id {
	const char *name;
	struct listing *wr, *cat;
	size_t nwr, ncat;
};

/* A category's totals, the same for every group. */
struct cat_total { size_t wr, t, ks; };

/* What a work role's records say besides the counts. */
struct wr_facts { const char *id, *name, *category; size_t t, ks; };

/* One group: the IDs it covers, as sorted indexes into ids[]. */
struct group {
	json_t *value;    /* the --by field's value as first seen (NULL: absent) */
	char *role;       /* --role ID, else NULL */
	uint32_t *ids;
	size_t n, cap;
	unsigned char *bits;   /* the same set as bits, once it is large */
	int last;         /* --by subject, grouped: held to the end (no subject) */
	long long shard, arrival;  /* --merge: the first shard with it, and when */
	const char *file; /* --merge: its first partial */
	long line;
};

/* Text to paste after other members: ",..." ("" for none). */
struct part {
	char *text;
	size_t len;
};

/* A figure of every group's records, and its texts by covered count. */
struct column {
	const char *key;
	size_t total;
	struct part *at;   /* total + 1 of them, made on first use */
};

/* What a data item covers: its "nice" IDs as indexes into c->ids
 * (those a work role lists), read from its line when first counted. */
struct item_ids {
	uint32_t *x;
	size_t n;
	int read;
};

struct nicecov {
	nicemap *m;
	const char *by;
	subjects *stream;  /* --by subject on grouped input, else NULL */
	int started;
	strmap *held;      /* label -> group, in first-seen order */
	struct nice_id *ids;   /* as m->listed numbers them (listed_at) */
	size_t nids;
	struct listing *listings;   /* every ids[].wr, then every ids[].cat */
	size_t nwr, ncat;
	size_t *wr_cat;    /* work role -> category index (SIZE_MAX: none) */
	struct wr_facts *wr;
	/* Text every group's records repeat, made once (NULL: not yet): a
	 * work role's and a category's members after "scope", and each
	 * figure of a column (a work role's task and ks, a category's
	 * work_roles, task and ks) by its covered count. */
	struct part *wr_part, *cat_part;
	struct column *wr_fig, *cat_fig;
	csf_buf out;       /* a group's records, written at once */
	jw scratch;        /* a part or figure being made */
	long long groups_out;   /* groups written */
	struct cat_total *cats;
	size_t *cat_of;    /* m->cats entry -> category index (SIZE_MAX: none) */
	size_t *nt, *nk, *tc, *ksc, *wrc;  /* scratch counts of one group */
	jw w;
	int partial;       /* --partial: covered IDs per group, not figures */
	long long shard;   /* --partial --shard N */
	int merge;         /* --merge: groups from partial records */
	int by_known;      /* --merge: a partial has said what by is */
	char *by_merged;   /* --merge: that by (c->by), NULL: none */
	long long arrivals;    /* --merge: partials read */
	unsigned char *seen;   /* --merge scratch: IDs met in one record */
	uint32_t *pick;        /* --merge scratch: one record's IDs */
	char *text;            /* --merge scratch: a label read from a line */
	size_t text_cap;
	uint32_t *item_index;  /* framework items by number (item_find), built on first use */
	struct item_ids *items[3];   /* per data item of item_types[k] (item_find) */
	struct group *last_held;     /* the held group the last line counted in, */
	char *last_label;            /* and its label (nicecov_add_line) */
	size_t last_label_len, last_label_cap;
	/* -j, in a worker (nicecov_shard_begin): where its state goes, where
	 * its output was at its first counted record (-1: none yet), whether
	 * that record opened a subject (grouped --by subject), and whether
	 * groups closing now go to the state. */
	int by_fast;       /* the --by field is none the line fast path reads */
	FILE *shard_fp;
	off_t shard_at;
	int shard_clean;
	int capturing;
};

/* The index into c->ids[] + 1 of NICE ID S (N bytes), 0 if no work role
 * lists it. */
static inline uint32_t
id_lookup(nicecov *c, const char *s, size_t n)
{
	return listed_at(c->m, s, n);
}

/* Index every listing of every work role once, so that a group's figures
 * cost what it covers rather than the size of NICE. */
static void
index_listings(nicecov *c)
{
	nicemap *m = c->m;
	strmap *cat_index = strmap_new();
	json_t *w, *v;
	size_t i, j;

	c->nwr = json_array_size(m->wrs);
	c->ncat = 0;
	c->wr_cat = xcalloc(c->nwr + 1, sizeof *c->wr_cat);
	c->wr = xcalloc(c->nwr + 1, sizeof *c->wr);
	c->cat_of = xcalloc(json_array_size(m->cats) + 1, sizeof *c->cat_of);
	/* Categories are those some work role names, in m->cats's order. */
	json_array_foreach(m->wrs, i, w) {
		const char *cid = csf_str(w, "category");
		c->wr[i] = (struct wr_facts){ csf_str(w, "id"), csf_str(w, "name"), cid,
		    wr_list(m, i, 0)->n, wr_list(m, i, 1)->n + wr_list(m, i, 2)->n };
		if (!cid) {
			c->wr_cat[i] = SIZE_MAX;
			continue;
		}
		int created;
		void **slot = strmap_slot(cat_index, cid, &created);
		if (created)
			*slot = (void *)(uintptr_t)++c->ncat;
		c->wr_cat[i] = (size_t)(uintptr_t)*slot - 1;
	}
	c->cats = xcalloc(c->ncat + 1, sizeof *c->cats);
	json_array_foreach(m->cats, i, v) {
		const char *id = csf_str(v, "id");
		void *at = id ? strmap_get(cat_index, id) : NULL;
		c->cat_of[i] = at ? (size_t)(uintptr_t)at - 1 : SIZE_MAX;
	}
	strmap_free(cat_index);

	/* The IDs (numbered as the map numbers them) and how many listings
	 * each has, then every listing laid out in one block (a realloc a
	 * listing was most of the start). */
	index_wr_lists(m);
	c->nids = m->nlisted;
	c->ids = xmalloc((c->nids + 1) * sizeof *c->ids);
	for (i = 0; i < c->nids; i++)
		c->ids[i] = (struct nice_id){ m->listed[i], NULL, NULL, 0, 0 };
	size_t total = 0, k = 0, off = 0;
	for (i = 0; i < c->nwr; i++)
		for (int l = 0; l < 3; l++)
			total += wr_list(m, i, l)->n;
	const int *where = m->entry_listed;   /* each entry's ID, in the lists' order */
	for (k = 0; k < total; k++)
		c->ids[where[k] - 1].nwr++;
	c->listings = xmalloc((2 * total + 1) * sizeof *c->listings);
	for (i = 0; i < c->nids; i++) {   /* a category listing comes from a work role's */
		c->ids[i].wr = c->listings + off;
		c->ids[i].cat = c->listings + total + off;
		off += c->ids[i].nwr;
		c->ids[i].nwr = 0;
	}
	k = 0;
	json_array_foreach(m->wrs, i, w) {
		size_t cat = c->wr_cat[i];
		if (cat != SIZE_MAX)
			c->cats[cat].wr++;
		for (int l = 0; l < 3; l++) {
			int ks = l > 0;
			const struct idlist *list = wr_list(m, i, l);
			for (j = 0; j < list->n; j++) {
				struct nice_id *id = &c->ids[where[k++] - 1];
				id->wr[id->nwr++] = (struct listing){ i, ks };
				if (cat == SIZE_MAX)
					continue;
				size_t x;
				for (x = 0; x < id->ncat; x++)
					if (id->cat[x].at == cat && id->cat[x].ks == ks)
						break;
				if (x == id->ncat) {
					id->cat[id->ncat++] = (struct listing){ cat, ks };
					if (ks)
						c->cats[cat].ks++;
					else
						c->cats[cat].t++;
				}
			}
		}
	}
	c->wr_fig = xcalloc(2 * c->nwr + 1, sizeof *c->wr_fig);
	for (i = 0; i < c->nwr; i++) {
		c->wr_fig[2 * i] = (struct column){ "task", c->wr[i].t, NULL };
		c->wr_fig[2 * i + 1] = (struct column){ "ks", c->wr[i].ks, NULL };
	}
	c->cat_fig = xcalloc(3 * c->ncat + 1, sizeof *c->cat_fig);
	for (i = 0; i < c->ncat; i++) {
		c->cat_fig[3 * i] = (struct column){ "work_roles", c->cats[i].wr, NULL };
		c->cat_fig[3 * i + 1] = (struct column){ "task", c->cats[i].t, NULL };
		c->cat_fig[3 * i + 2] = (struct column){ "ks", c->cats[i].ks, NULL };
	}
	c->nt = xcalloc(c->nwr + 1, sizeof *c->nt);
	c->nk = xcalloc(c->nwr + 1, sizeof *c->nk);
	c->tc = xcalloc(c->ncat + 1, sizeof *c->tc);
	c->ksc = xcalloc(c->ncat + 1, sizeof *c->ksc);
	c->wrc = xcalloc(c->ncat + 1, sizeof *c->wrc);
}

/* ---- the framework's items and roles, read from their lines ----
 * A coverage needs an item's "nice" and a role's items, not their trees:
 * building the trees (and the maps of every item and role by ID) was most
 * of a one-subject run. */

static const char *const item_types[] = { "task", "knowledge", "skill" };

/* The data files a coverage reads, loaded at the start and the roles'
 * lines checked, as building their trees would: a broken line stops the
 * run before it writes anything. */
static void
load_data(void)
{
	size_t len;
	for (size_t i = 0; i < csf_data_count("role"); i++)
		csf_data_valid_text("role", i, &len);
	for (int k = 0; k < 3; k++)
		csf_data_count(item_types[k]);
}

static void
index_items(nicecov *c)
{
	c->item_index = xcalloc(3 * 1000, sizeof *c->item_index);
	for (int k = 0; k < 3; k++) {
		size_t n = csf_data_count(item_types[k]);
		c->items[k] = xcalloc(n + 1, sizeof *c->items[k]);
		for (size_t i = 0; i < n; i++) {
			const char *id = csf_data_id(item_types[k], i);
			int no = id && tks_no(id[0]) == k ? item_no(id) : -1;
			if (no >= 0)
				c->item_index[k * 1000 + no] = (uint32_t)i + 1;   /* the last of a repeated ID */
		}
	}
}

/* Data item AT of item_types[KIND]'s NICE IDs, read from its raw "nice". */
static void
read_item_ids(nicecov *c, int kind, size_t at, struct item_ids *it)
{
	csf_field nice, e;
	csf_iter iter;
	char buf[64];
	size_t cap = 0;

	csf_data_nice(item_types[kind], at, &nice);
	if (csf_field_array(&nice, &iter))
		while (csf_iter_next(&iter, &e)) {
			if (e.val[0] != '"')
				continue;   /* not a string: counts nowhere */
			char *s = e.len < sizeof buf ? buf : xmalloc(e.len);   /* unescaping never lengthens */
			long n = csf_field_str(&e, s, e.len < sizeof buf ? sizeof buf : e.len);
			/* an ID no work role lists counts nowhere */
			uint32_t x = n >= 0 ? id_lookup(c, s, strlen(s)) : 0;
			if (s != buf)
				free(s);
			if (!x)
				continue;
			if (it->n == cap)
				it->x = xrealloc(it->x, (cap = cap ? 2 * cap : 8) * sizeof *it->x);
			it->x[it->n++] = x - 1;
		}
	it->read = 1;
}

/* The data item csf_data_item(ID) would give, with what it covers; NULL
 * if none. Its line is checked, as building its tree would, when first
 * found. */
static const struct item_ids *
item_find(nicecov *c, const char *id)
{
	int k = id ? tks_no(id[0]) : -1, no;
	size_t i = 0;
	if (k < 0)
		return NULL;
	if (!c->item_index)
		index_items(c);
	if ((no = item_no(id)) >= 0) {
		if (!(i = c->item_index[k * 1000 + no]))
			return NULL;
		i--;
	} else {   /* another shape (a role's items may have one): the last by a scan */
		for (i = csf_data_count(item_types[k]); i-- > 0; ) {
			const char *d = csf_data_id(item_types[k], i);
			if (d && !strcmp(d, id))
				break;
		}
		if (i == (size_t)-1)
			return NULL;
	}
	struct item_ids *it = &c->items[k][i];
	if (!it->read) {
		size_t len;
		csf_data_valid_text(item_types[k], i, &len);
		read_item_ids(c, k, i, it);
	}
	return it;
}

/* Is role ID a role of the data (the last of that ID, its line checked)? */
static int
role_known(const char *id)
{
	for (size_t i = csf_data_count("role"); i-- > 0; ) {
		const char *d = csf_data_id("role", i);
		if (d && !strcmp(d, id)) {
			size_t len;
			csf_data_valid_text("role", i, &len);
			return 1;
		}
	}
	return 0;
}

static void *
group_open(void *ctx, const char *name)
{
	(void)ctx;
	(void)name;
	return xcalloc(1, sizeof(struct group));
}

static void group_close(void *ctx, void *state);

nicecov *
nicecov_new(nicemap *m, const struct nicecov_opts *o)
{
	nicecov *c = xcalloc(1, sizeof *c);

	c->m = m;
	c->by = o->by;
	c->partial = o->partial;
	c->shard = o->shard;
	c->merge = o->merge;
	c->held = strmap_new();
	c->by_fast = !o->by || (strcmp(o->by, "item") && strcmp(o->by, "gap") && strcmp(o->by, "current")
	                        && strcmp(o->by, "target"));
	if (o->by && !strcmp(o->by, "subject") && !o->ungrouped)
		c->stream = subjects_new(0, group_open, group_close, c);
	load_data();
	index_listings(c);
	if (c->merge) {
		c->seen = xcalloc(c->nids + 1, 1);
		c->pick = xcalloc(c->nids + 1, sizeof *c->pick);
	}
	return c;
}

static int
cmp_u32(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
	return (a > b) - (a < b);
}

/* A group this large also keeps its set as bits (merges add the same
 * IDs again and again). */
#define GROUP_BITS_FROM 64

/* Add index X of c->ids (NIDS of them) to G's sorted set, once. */
static void
add_index(struct group *g, uint32_t x, size_t nids)
{
	if (g->bits && (g->bits[x / 8] >> (x % 8) & 1))
		return;
	if (g->n == 0 || g->ids[g->n - 1] < x) {   /* IDs come in order */
		if (g->n == g->cap) {
			g->cap = g->cap ? g->cap * 2 : 8;
			g->ids = xrealloc(g->ids, g->cap * sizeof *g->ids);
		}
		g->ids[g->n++] = x;
		goto added;
	}
	size_t lo = 0, hi = g->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->ids[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < g->n && g->ids[lo] == x)
		return;
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 8;
		g->ids = xrealloc(g->ids, g->cap * sizeof *g->ids);
	}
	memmove(g->ids + lo + 1, g->ids + lo, (g->n - lo) * sizeof *g->ids);
	g->ids[lo] = x;
	g->n++;
added:
	if (g->bits)
		g->bits[x / 8] |= (unsigned char)(1u << (x % 8));
	else if (g->n >= GROUP_BITS_FROM) {
		g->bits = xcalloc(nids / 8 + 1, 1);
		for (size_t i = 0; i < g->n; i++)
			g->bits[g->ids[i] / 8] |= (unsigned char)(1u << (g->ids[i] % 8));
	}
}

/* Add NICE ID (any string) to G, once. */
static void
cover_id(nicecov *c, struct group *g, const char *id)
{
	uint32_t at = id_lookup(c, id, strlen(id));
	if (!at)
		return;   /* no work role lists it: it counts nowhere */
	add_index(g, at - 1, c->nids);
}

static void
cover_item(nicecov *c, struct group *g, json_t *item)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(item, "nice"), i, v)
		if (json_is_string(v))
			cover_id(c, g, json_string_value(v));
}

/* The same for a data item (item_find). */
static void
cover_data_item(nicecov *c, struct group *g, const struct item_ids *it)
{
	for (size_t i = 0; i < it->n; i++)
		add_index(g, it->x[i], c->nids);
}

/* Is ROLE letters, digits, '-' and '_' only (as role IDs are)? */
static int
plain_role(const char *role)
{
	const char *p = role;
	while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_')
		p++;
	return p > role && !*p;
}

/* Does the raw array ROLES list ROLE (N bytes, PLAIN: plain_role)? */
static int
lists_role(const csf_field *roles, const char *role, size_t n, int plain)
{
	csf_iter it;
	csf_field e;
	char buf[256];

	if (!roles->val || !roles->len || roles->val[0] != '[')
		return 0;
	/* In an array of strings without escapes (no '\\', no nested '[' or
	 * '{'), every '"' opens or closes one, and a closing one is followed
	 * by ',', ']' or a space: "ROLE" there is an element, as it is. */
	const char *v = roles->val, *end = v + roles->len;
	if (plain && !memchr(v, '\\', roles->len) && !memchr(v + 1, '[', roles->len - 1)
	    && !memchr(v, '{', roles->len)) {
		for (const char *q = v; (q = memchr(q, '"', (size_t)(end - q))); q++)
			if ((size_t)(end - q) > n + 1 && q[n + 1] == '"' && !memcmp(q + 1, role, n))
				return 1;
		return 0;
	}
	if (csf_field_array(roles, &it))
		while (csf_iter_next(&it, &e))
			if (csf_field_str(&e, buf, sizeof buf) >= 0 && !strcmp(buf, role))
				return 1;
	return 0;
}

/* Add the items of framework role ROLE: each item listing it, as
 * csf_data_item finds it by its ID. */
static void
cover_role(nicecov *c, struct group *g, const char *role)
{
	size_t rlen = strlen(role);
	int plain = plain_role(role);
	for (int k = 0; k < 3; k++)
		for (size_t i = 0, n = csf_data_count(item_types[k]); i < n; i++) {
			const char *id = csf_data_id(item_types[k], i);
			csf_field roles;
			const struct item_ids *it;
			if (!id)
				continue;
			csf_data_roles(item_types[k], i, &roles);
			if (lists_role(&roles, role, rlen, plain) && (it = item_find(c, id)))
				cover_data_item(c, g, it);
		}
}

/* Does a score/gap record say the item is held? */
static int
is_covered(json_t *obj)
{
	json_t *gap = json_object_get(obj, "gap"), *cur = json_object_get(obj, "current"),
	    *tgt = json_object_get(obj, "target");

	if (json_is_number(gap))
		return json_number_value(gap) <= 0;
	if (json_is_number(cur))
		return json_is_number(tgt) ? json_number_value(cur) >= json_number_value(tgt)
		    : json_number_value(cur) >= 1;
	return 1;
}

/* "KEY":{"covered":C,"total":T,"share":S}, S rounded to 3 places. */
static void
share(jw *w, const char *key, size_t covered, size_t total)
{
	jw_object(w, key);
	jw_int(w, "covered", (long long)covered);
	jw_int(w, "total", (long long)total);
	if (covered == 0 || total == 0)
		jw_raw(w, "share", "0.0", 3);   /* most of them: no printf */
	else
		jw_real(w, "share", csf_round((double)covered / (double)total, 3));
	jw_close(w);
}

/* A member only when there is a value, as json_object_set_new drops NULL. */
static void
str_member(jw *w, const char *key, const char *val)
{
	if (val)
		jw_str(w, key, val);
}

/* The JSON text of a group's value, as csf_emit writes it (PRECISION 15)
 * or, for a partial, exactly (17 digits: a merge reads back the same
 * number, and so the same group). */
static char *
value_text(const struct group *g, int exact, size_t *n)
{
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY
	    | JSON_REAL_PRECISION(exact ? 17 : 15);
	char *t = json_dumps(g->value ? g->value : json_null(), flags);
	*n = t ? strlen(t) : 0;
	return t;
}

/* {"type":"nice_coverage_partial","version":V,"shard":N, then "role":ID,
 * or "by":FIELD with "value" (absent when records lacked the field) and
 * "last":true, then "ids":[. */
static void
partial_head(nicecov *c, const struct group *g, const char *value, size_t n)
{
	jw *o = &c->w;
	jw_begin(o);
	jw_str(o, "type", "nice_coverage_partial");
	jw_str(o, "version", nicemap_version(c->m));
	jw_int(o, "shard", c->shard);
	if (g->role)
		jw_str(o, "role", g->role);
	else if (c->by) {
		jw_str(o, "by", c->by);
		if (g->value)
			jw_raw(o, "value", value, n);
		if (g->last)
			jw_raw(o, "last", "true", 4);
	}
	jw_array(o, "ids");
}

/* G's covered IDs, in lines a pipe shared by shards keeps whole
 * (core/partial.h); a long list goes on in further records of G. */
static void
partial_out(nicecov *c, const struct group *g)
{
	size_t n = 0;
	char *value = c->by && !g->role && g->value ? value_text(g, 1, &n) : NULL;
	int in_record = 0;
	partial_head(c, g, value, n);
	for (size_t i = 0; i < g->n; i++) {
		size_t mark = c->w.len;
		jw_str(&c->w, NULL, c->ids[g->ids[i]].name);
		if (jw_partial_full(&c->w, mark, in_record)) {
			partial_head(c, g, value, n);
			in_record = 0;
			i--;
			continue;
		}
		in_record++;
	}
	jw_partial_emit(&c->w);
	free(value);
}

/* {"type":"nice_coverage",GROUP,"scope": in c->w, the head of each of
 * G's records: GROUP is "role":ID or the --by field and its value as
 * csf_emit writes it (a string as jansson escapes it, as jw does). */
static void
cov_head(nicecov *c, const struct group *g)
{
	const char *s = json_string_value(g->value);
	jw_begin(&c->w);
	jw_str(&c->w, "type", "nice_coverage");
	if (g->role)
		jw_str(&c->w, "role", g->role);
	else if (s && strlen(s) == json_string_length(g->value))
		jw_str(&c->w, c->by, s);
	else if (c->by) {   /* another value, or a string holding NUL */
		size_t n;
		char *text = value_text(g, 0, &n);
		jw_raw(&c->w, c->by, text, n);
		free(text);
	}
	jw_raw(&c->w, "scope", "", 0);
}

/* The members written to c->scratch since jw_begin, as a part. */
static struct part
scratch_part(nicecov *c)
{
	jw *w = &c->scratch;
	struct part p = { xmalloc(w->len), w->len > 1 ? w->len : 0 };
	memcpy(p.text, w->buf, w->len);
	p.text[0] = ',';   /* not "{": after other members */
	return p;
}

/* ,"id":..,"name":..[,"category":..] of a work role or category. */
static struct part
named_part(nicecov *c, const char *id, const char *name, const char *category)
{
	jw_begin(&c->scratch);
	str_member(&c->scratch, "id", id);
	str_member(&c->scratch, "name", name);
	str_member(&c->scratch, "category", category);
	return scratch_part(c);
}

/* ,"KEY":{"covered":COVERED,"total":TOTAL,"share":..} of column COL, as
 * share() writes it. Made once for each count the column meets, from a
 * run's few first groups on (a run of a few would only pay for it). */
#define FIGURES_CACHED_FROM 4
static void
put_figure(nicecov *c, struct column *col, size_t covered)
{
	csf_buf *b = &c->out;
	jw *w = &c->scratch;
	if (!col->at && c->groups_out >= FIGURES_CACHED_FROM)
		col->at = xcalloc(col->total + 1, sizeof *col->at);
	/* never more than the total (a group covers an ID once) */
	struct part *p = col->at && covered <= col->total ? &col->at[covered] : NULL;
	if (!p || !p->text) {
		jw_begin(w);
		share(w, col->key, covered, col->total);
		if (!p) {
			csf_buf_put(b, ",", 1);
			csf_buf_put(b, w->buf + 1, w->len - 1);
			return;
		}
		*p = scratch_part(c);
	}
	csf_buf_put(b, p->text, p->len);
}

static void
free_parts(struct part *parts, size_t n)
{
	for (size_t i = 0; parts && i < n; i++)
		free(parts[i].text);
	free(parts);
}

/* Write G's records: each work role it touches in NIST order, then every
 * category with work roles; all of them at once. */
static void
coverage_out(nicecov *c, const struct group *g)
{
	json_t *cat;
	size_t i;

	memset(c->nt, 0, c->nwr * sizeof *c->nt);
	memset(c->nk, 0, c->nwr * sizeof *c->nk);
	memset(c->tc, 0, c->ncat * sizeof *c->tc);
	memset(c->ksc, 0, c->ncat * sizeof *c->ksc);
	memset(c->wrc, 0, c->ncat * sizeof *c->wrc);
	for (i = 0; i < g->n; i++) {
		const struct nice_id *id = &c->ids[g->ids[i]];
		for (size_t k = 0; k < id->nwr; k++)
			(id->wr[k].ks ? c->nk : c->nt)[id->wr[k].at]++;
		for (size_t k = 0; k < id->ncat; k++)
			(id->cat[k].ks ? c->ksc : c->tc)[id->cat[k].at]++;
	}
	cov_head(c, g);
	csf_buf *b = &c->out;
	const struct part *part;
	for (i = 0; i < c->nwr; i++) {
		const struct wr_facts *w = &c->wr[i];
		if (c->nt[i] + c->nk[i] == 0)
			continue;
		if (c->wr_cat[i] != SIZE_MAX)
			c->wrc[c->wr_cat[i]]++;
		csf_buf_put(b, c->w.buf, c->w.len);
		csf_buf_lit(b, "\"work_role\"");
		if (!c->wr_part)
			c->wr_part = xcalloc(c->nwr + 1, sizeof *c->wr_part);
		part = &c->wr_part[i];
		if (!part->text)   /* escaped once a run, for the work roles a run touches */
			c->wr_part[i] = named_part(c, w->id, w->name, w->category);
		csf_buf_put(b, part->text, part->len);
		put_figure(c, &c->wr_fig[2 * i], c->nt[i]);
		put_figure(c, &c->wr_fig[2 * i + 1], c->nk[i]);
		csf_buf_lit(b, "}\n");
	}
	if (!c->cat_part) {   /* every group writes every category with work roles */
		c->cat_part = xcalloc(json_array_size(c->m->cats) + 1, sizeof *c->cat_part);
		json_array_foreach(c->m->cats, i, cat)
			if (c->cat_of[i] != SIZE_MAX)
				c->cat_part[i] = named_part(c, csf_str(cat, "id"), csf_str(cat, "name"), NULL);
	}
	for (i = 0; i < json_array_size(c->m->cats); i++) {
		size_t x = c->cat_of[i];
		if (x == SIZE_MAX)
			continue;
		csf_buf_put(b, c->w.buf, c->w.len);
		csf_buf_lit(b, "\"category\"");
		csf_buf_put(b, c->cat_part[i].text, c->cat_part[i].len);
		put_figure(c, &c->cat_fig[3 * x], c->wrc[x]);
		put_figure(c, &c->cat_fig[3 * x + 1], c->tc[x]);
		put_figure(c, &c->cat_fig[3 * x + 2], c->ksc[x]);
		csf_buf_lit(b, "}\n");
	}
	csf_buf_write(b, csf_out);
	c->groups_out++;
}

static void shard_write_group(nicecov *c, const struct group *g);
static char *value_label(const json_t *value);

static void
group_free(void *p)   /* a strmap value (strmap_free_with) */
{
	struct group *g = p;
	json_decref(g->value);
	free(g->role);
	free(g->ids);
	free(g->bits);
	free(g);
}

/* Write G (its figures, or its partial) and free it. A -j worker at its
 * end writes what it holds to its state instead (the --role groups are
 * the parent's). */
static void
group_close(void *ctx, void *state)
{
	nicecov *c = ctx;
	struct group *g = state;

	if (c->capturing) {
		if (!g->role)
			shard_write_group(c, g);
		group_free(g);
		return;
	}
	if (c->partial)
		partial_out(c, g);
	else
		coverage_out(c, g);
	group_free(g);
}

/* An empty map of held groups (the one before freed or emptied). */
static void
renew_held(nicecov *c)
{
	c->held = strmap_new();
	c->last_held = NULL;
}

/* PREFIX then S, as a held group's label. */
static char *
label_of(char prefix, const char *s)
{
	size_t n = strlen(s);
	char *l = xmalloc(n + 2);
	l[0] = prefix;
	memcpy(l + 1, s, n + 1);
	return l;
}

/* The held group LABEL, made with VALUE (borrowed) if new. */
static struct group *
held_group(nicecov *c, const char *label, json_t *value)
{
	int created;
	void **slot = strmap_slot(c->held, label, &created);

	if (created) {
		struct group *g = xcalloc(1, sizeof *g);
		g->value = json_incref(value);
		*slot = g;
	}
	return *slot;
}

/* Write the held groups in ORDER (NULL: first-seen order) and forget
 * them. */
static void
flush_held_in(nicecov *c, int (*order)(const void *, const void *))
{
	size_t n = strmap_count(c->held);
	void **groups = xmalloc((n ? n : 1) * sizeof *groups);

	strmap_list(c->held, NULL, groups);
	if (order)
		qsort(groups, n, sizeof *groups, order);
	for (size_t i = 0; i < n; i++)
		group_close(c, groups[i]);
	free(groups);
	strmap_free(c->held);
	renew_held(c);
}

static void
flush_held(nicecov *c)
{
	flush_held_in(c, NULL);
}

/* The group OBJ counts in; NULL for a subject that comes back (reported). */
static struct group *
group_of(nicecov *c, csf_input *in, const csf_line *ln, json_t *obj)
{
	json_t *value = c->by ? json_object_get(obj, c->by) : NULL;
	const char *s = json_string_value(value);

	if (c->stream && s && *s) {
		struct group *g = subjects_get(c->stream, in, ln, s);
		if (g && !g->value)
			g->value = json_incref(value);
		return g;
	}
	char *label = value_label(value);
	struct group *g = held_group(c, label, value);
	g->last = c->stream != NULL;   /* written after the streamed subjects */
	free(label);
	return g;
}

/* ---- -j: pieces of one input read by several processes (core/jobs.h) ----
 * A worker writes its state: a head (where its output was at its first
 * counted record, whether that record began a subject, the hashes of
 * the subjects it began), then its groups: the subject still open at
 * its end, which the next piece may go on with, and the groups held to
 * the end, in first-seen order. The parent writes the worker's output up
 * to that first record, then what the record would have made it write
 * (the --role groups if nothing was counted yet, the subject it closes),
 * and takes the groups in: the same bytes as reading the piece itself. */

struct shard_head {
	char magic[8];
	off_t at;             /* -1: the piece counted nothing */
	int clean;
	size_t nsubjects;     /* hashes that follow */
};

struct shard_group {
	int open;             /* the subject still open, else a held group */
	int last;
	size_t vlen;          /* its value as JSON text (0: none), then */
	size_t n;             /* its IDs, indexes into c->ids */
};

static const char shard_magic[8] = "csfcov1";

void
nicecov_shard_begin(nicecov *c, FILE *state)
{
	c->shard_fp = state;
	c->shard_at = -1;
	c->shard_clean = 1;
	if (!c->stream)
		return;   /* the --role groups stay first among the held ones */
	/* Grouped by subject, the --role groups were written before any
	 * piece but the first. */
	subjects_log(c->stream);
	c->started = 1;
	strmap_free_with(c->held, group_free);
	renew_held(c);
}

/* The worker's first counted record: what the parent writes before it
 * goes at this point of the output, and it must begin a subject. */
static void
shard_mark(nicecov *c, const char *subject)
{
	c->shard_at = csf_jobs_written();
	c->shard_clean = !c->stream || (subject && *subject);
}

static void
shard_write(nicecov *c, const void *p, size_t size, size_t n)
{
	if (n && fwrite(p, size, n, c->shard_fp) != n)
		csf_die(1, "write error: %s", csf_strerror(errno));
}

static void
shard_write_group(nicecov *c, const struct group *g)
{
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(17);
	char *value = g->value ? json_dumps(g->value, flags) : NULL;
	struct shard_group sg;
	memset(&sg, 0, sizeof sg);   /* padding too: every byte written is set */
	sg.open = c->capturing == 1;
	sg.last = g->last;
	sg.vlen = value ? strlen(value) : 0;
	sg.n = g->n;
	shard_write(c, &sg, sizeof sg, 1);
	shard_write(c, value, 1, sg.vlen);
	shard_write(c, g->ids, sizeof *g->ids, g->n);
	free(value);
}

/* The head of a worker's state. */
static void
shard_write_head(nicecov *c)
{
	struct shard_head h;
	memset(&h, 0, sizeof h);   /* padding too */
	h.at = c->shard_at;
	h.clean = c->shard_clean;
	const uint64_t *hashes = NULL;
	const char *file;
	long line;
	memcpy(h.magic, shard_magic, sizeof h.magic);
	if (c->stream)
		h.nsubjects = subjects_logged(c->stream, &hashes, &file, &line);
	shard_write(c, &h, sizeof h, 1);
	shard_write(c, hashes, sizeof *hashes, h.nsubjects);
}

/* At a worker's end: the state, instead of the figures. */
static void
shard_finish(nicecov *c)
{
	shard_write_head(c);
	c->capturing = 1;   /* the subject left open */
	if (c->stream)
		subjects_finish(c->stream);
	c->stream = NULL;
	c->capturing = 2;   /* the held groups */
	flush_held(c);
	c->capturing = 0;
}

int
nicecov_turn_end(nicecov *c)
{
	shard_write_head(c);
	c->capturing = 1;   /* the subject left open: the parent adopts it */
	uint64_t open;
	if (c->stream)
		subjects_close_current(c->stream, 0, &open);
	c->capturing = 2;   /* the held groups */
	flush_held(c);
	c->capturing = 0;
	return 1;
}

static void
shard_read(FILE *fp, void *p, size_t size, size_t n)
{
	if (n && fread(p, size, n, fp) != n)
		csf_die(70, "-j: a worker's state does not read back");
}

int
nicecov_shard_join(nicecov *c, FILE *fp, struct csf_joining *out)
{
	struct shard_head h;
	if (fread(&h, sizeof h, 1, fp) != 1 || memcmp(h.magic, shard_magic, sizeof h.magic))
		return 0;
	if (c->stream) {
		if (!h.clean)
			return 0;
		uint64_t *hashes = xmalloc((h.nsubjects ? h.nsubjects : 1) * sizeof *hashes);
		shard_read(fp, hashes, sizeof *hashes, h.nsubjects);
		if (!subjects_can_join(c->stream, hashes, h.nsubjects)) {
			free(hashes);
			return 0;
		}
		if (h.at >= 0) {   /* what its first counted record writes here */
			csf_jobs_copy(out, h.at);
			if (!c->started) {
				c->started = 1;
				flush_held(c);
			}
			subjects_join(c->stream, hashes, h.nsubjects);
		}
		free(hashes);
	}
	struct shard_group sg;
	while (fread(&sg, sizeof sg, 1, fp) == 1) {
		char *text = xmalloc(sg.vlen + 1);
		shard_read(fp, text, 1, sg.vlen);
		json_t *value = sg.vlen ? json_loadb(text, sg.vlen, JSON_DECODE_ANY | JSON_ALLOW_NUL, NULL) : NULL;
		free(text);
		if (sg.vlen && !value)
			csf_die(70, "-j: a worker's state does not read back");
		struct group *g;
		if (sg.open) {
			const char *name = json_string_value(value);
			if (!c->stream || !name)
				csf_die(70, "-j: a worker's state does not read back");
			g = xcalloc(1, sizeof *g);
			g->value = json_incref(value);
			subjects_adopt(c->stream, name, g);
		} else {
			char *label = value_label(value);
			g = held_group(c, label, value);
			g->last = sg.last;
			free(label);
		}
		json_decref(value);
		for (size_t i = 0; i < sg.n; i++) {
			uint32_t x;
			shard_read(fp, &x, sizeof x, 1);
			if (x >= c->nids)
				csf_die(70, "-j: a worker's state does not read back");
			add_index(g, x, c->nids);
		}
	}
	return 1;
}

/* What record OBJ counts: for a score or gap of a data item (nearly
 * every record), the item's (*ITEM), read from its line; for a role's
 * summary nothing, its role checked; else what the forward path
 * resolves (*S). Returns as resolve_subject does. */
static int
record_subject(nicecov *c, json_t *obj, const char *type, const struct item_ids **data_item,
               struct subject *s, char *err, size_t errsz)
{
	memset(s, 0, sizeof *s);
	if (strcmp(type, "score") && strcmp(type, "gap"))
		return resolve_subject(obj, type, s, err, errsz);
	const char *item = csf_str(obj, "item"), *role = csf_str(obj, "role");
	if (is_item_id(item)) {
		if ((*data_item = item_find(c, item)))
			return 1;
		csf_msgf(err, errsz, "unknown item %s", item);
		return -1;
	}
	if (is_role_id(role)) {
		if (role_known(role))
			return 1;
		csf_msgf(err, errsz, "unknown role %s", role);
		return -1;
	}
	return resolve_subject(obj, type, s, err, errsz);   /* a function's */
}

int
nicecov_add(nicecov *c, csf_input *in, const csf_line *ln, json_t *obj, const char *type,
            char *err, size_t errsz)
{
	struct subject s;
	struct group *g;
	const struct item_ids *item = NULL;
	int rc;

	if (!strcmp(type, "function"))
		return 0;
	if ((rc = record_subject(c, obj, type, &item, &s, err, errsz)) <= 0)
		return rc;
	if (c->shard_fp && c->shard_at < 0)
		shard_mark(c, c->by ? json_string_value(json_object_get(obj, c->by)) : NULL);
	if (c->stream && !c->started) {
		c->started = 1;
		flush_held(c);   /* the --role groups, complete before any input */
	}
	if (!(g = group_of(c, in, ln, obj)))
		rc = 0;          /* reported: it passes through uncounted */
	else if (item) {
		if (is_covered(obj))
			cover_data_item(c, g, item);
	} else if (s.item) {
		if (is_covered(obj))
			cover_item(c, g, s.item);
	} else if (!strcmp(type, "role")) {
		cover_role(c, g, csf_str(obj, "id"));
	}
	/* score/gap records of a role (summaries) are read but add nothing. */
	json_decref(s.roles);
	return rc;
}

/* A number member as is_covered reads it: 1 and *v; 0 when it is not a
 * number (absent, or another type); -1 for a number other than an
 * integer (read the general way). */
static int
field_number(const csf_field *f, double *v)
{
	long long i;
	if (!f->val || (f->val[0] != '-' && (f->val[0] < '0' || f->val[0] > '9')))
		return 0;
	if (!csf_field_int(f, &i))
		return -1;
	*v = (double)i;
	return 1;
}

/* Room in c->text for a label read from N bytes of a line: its kind,
 * the string (never longer than its JSON text) and a NUL. */
static void
text_room(nicecov *c, size_t n)
{
	if (n + 2 > c->text_cap) {
		c->text_cap = n + 2;
		c->text = xrealloc(c->text, c->text_cap);
	}
}

/* The held group a line's label (LEN bytes in c->text) names, made if
 * new: records of one subject, and so of one department, come together,
 * so the last one is kept. */
static struct group *
held_line_group(nicecov *c, size_t len, int has_value)
{
	const char *label = c->text;
	if (c->last_held && len == c->last_label_len && !memcmp(label, c->last_label, len))
		return c->last_held;
	int created;
	void **slot = strmap_slot(c->held, label, &created);
	if (created) {
		struct group *n = xcalloc(1, sizeof *n);
		n->value = has_value ? json_stringn(label + 1, len - 1) : NULL;
		*slot = n;
	}
	if (len + 1 > c->last_label_cap)
		c->last_label = xrealloc(c->last_label, c->last_label_cap = len + 1);
	memcpy(c->last_label, label, len + 1);
	c->last_label_len = len;
	return c->last_held = *slot;
}

int
nicecov_add_line(nicecov *c, csf_input *in, const csf_line *ln, const char *type, int *rc)
{
	enum { ITEM, GAP, CUR, TGT, BY, NF };
	csf_field f[NF] = {
		{ "item", NULL, 0 }, { "gap", NULL, 0 }, { "current", NULL, 0 }, { "target", NULL, 0 }, { c->by, NULL, 0 }
	};
	double gap = 0, cur = 0, tgt = 0;
	char id[64];
	const struct item_ids *item;

	if ((strcmp(type, "score") && strcmp(type, "gap")) || !c->by_fast
	    || csf_line_fields(ln, f, c->by ? NF : BY) < 0)
		return 0;
	/* The item: a string, a framework item's ID. */
	if (csf_field_str(&f[ITEM], id, sizeof id) < 0)
		return 0;
	int g = field_number(&f[GAP], &gap), cu = field_number(&f[CUR], &cur), t = field_number(&f[TGT], &tgt);
	if (g < 0 || cu < 0 || t < 0 || !is_item_id(id) || !(item = item_find(c, id)))
		return 0;
	/* The --by field: a string without NUL (as its label in c->text, 's'
	 * and the string), or absent (""). */
	const char *value = NULL;
	long vn = -1;
	text_room(c, f[BY].len);
	if (c->by && f[BY].val) {
		if ((vn = csf_field_str(&f[BY], c->text + 1, c->text_cap - 1)) < 0
		    || memchr(c->text + 1, '\0', (size_t)vn))
			return 0;
		c->text[0] = 's';
		value = c->text + 1;
	} else
		c->text[0] = '\0';
	/* From here on as nicecov_add and is_covered. */
	if (c->shard_fp && c->shard_at < 0)
		shard_mark(c, value);
	if (c->stream && !c->started) {
		c->started = 1;
		flush_held(c);
	}
	struct group *grp;
	if (c->stream && value && *value) {
		if ((grp = subjects_get(c->stream, in, ln, value)) && !grp->value)
			grp->value = json_stringn(value, (size_t)vn);
	} else {
		grp = held_line_group(c, value ? (size_t)vn + 1 : 0, value != NULL);
		grp->last = c->stream != NULL;
	}
	int covered = g ? gap <= 0 : cu ? (t ? cur >= tgt : cur >= 1) : 1;
	if (grp && covered)
		cover_data_item(c, grp, item);
	*rc = grp ? 1 : 0;   /* NULL: a subject that came back, reported */
	return 1;
}

int
nicecov_add_role(nicecov *c, const char *role, char *err, size_t errsz)
{
	if (!role_known(role)) {
		csf_msgf(err, errsz, "unknown role %s", role);
		return -1;
	}
	char *label = label_of('r', role);
	struct group *g = held_group(c, label, NULL);
	free(label);
	if (!g->role) {
		g->role = xstrdup(role);
		cover_role(c, g, role);
	}
	return 1;
}

/* ---- --merge ---- */

static void merge_add(nicecov *c, const csf_line *ln, struct group *g, const char *label, json_t *value,
                      const char *role, int last, long long shard, long n);
static int pick(nicecov *c, uint32_t at, long *n);
static int unpick(nicecov *c, long n);
static int merge_picked(nicecov *c, const csf_line *ln, const char *byp, long vn, int last, long long shard, long n);

/* The label of the group of records whose BY field is VALUE (NULL:
 * absent): labels keep a string "1" apart from the number 1. */
static char *
value_label(const json_t *value)
{
	if (json_is_string(value))
		return label_of('s', json_string_value(value));
	if (!value)
		return xstrdup("");
	char *dump = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
	char *label = label_of('j', dump ? dump : "");
	free(dump);
	return label;
}

/* The by of the partials merged (NULL: none), from the first one that
 * is not a --role group's. */
static void
know_by(nicecov *c, const char *by)
{
	c->by_known = 1;
	c->by = c->by_merged = by ? xstrdup(by) : NULL;
}

/* Is BY the by of every partial so far? The first one that is not a
 * --role group's says what it is. Reports and returns 0 if not. */
static int
same_by(nicecov *c, csf_input *in, const csf_line *ln, const char *by)
{
	if (!c->by_known) {
		know_by(c, by);
		return 1;
	}
	if (by && c->by && !strcmp(by, c->by))
		return 1;
	if (!by && !c->by)
		return 1;
	if (!by)
		csf_input_bad(in, ln, "nice_coverage_partial without \"by\" cannot merge with by \"%s\"", c->by);
	else if (!c->by)
		csf_input_bad(in, ln, "nice_coverage_partial by \"%s\" cannot merge with partials without \"by\"", by);
	else
		csf_input_bad(in, ln, "nice_coverage_partial by \"%s\" cannot merge with by \"%s\"", by, c->by);
	return 0;
}

/* The IDs of partial record IDS as indexes into c->pick, each a NICE ID
 * some work role lists, once, and for a --role group one of the role's
 * (ROLE_SET). Reports the first that is not and returns -1, else the count. */
static long
pick_ids(nicecov *c, csf_input *in, const csf_line *ln, json_t *ids, const struct group *role_set)
{
	size_t i, n = 0;
	json_t *v;
	long bad = 0;

	json_array_foreach(ids, i, v) {
		uint32_t at = json_is_string(v) ? id_lookup(c, json_string_value(v), strlen(json_string_value(v))) : 0;
		if (!at) {
			csf_input_bad(in, ln, "nice_coverage_partial: bad entry %zu in \"ids\": want a NICE ID that a work role of NICE %s lists",
			    i + 1, nicemap_version(c->m));
			bad = -1;
			break;
		}
		uint32_t x = (uint32_t)((uintptr_t)at - 1);
		if (c->seen[x]) {
			csf_input_bad(in, ln, "nice_coverage_partial: \"%s\" listed twice in \"ids\"", json_string_value(v));
			bad = -1;
			break;
		}
		if (role_set && !bsearch(&x, role_set->ids, role_set->n, sizeof x, cmp_u32)) {
			csf_input_bad(in, ln, "nice_coverage_partial: the items of role %s do not cover \"%s\"",
			    role_set->role, json_string_value(v));
			bad = -1;
			break;
		}
		c->seen[x] = 1;
		c->pick[n++] = x;
	}
	for (i = 0; i < n; i++)
		c->seen[c->pick[i]] = 0;
	return bad ? bad : (long)n;
}

int
nicecov_merge(nicecov *c, csf_input *in, const csf_line *ln, json_t *obj)
{
	json_t *by = json_object_get(obj, "by"), *role = json_object_get(obj, "role"),
	    *value = json_object_get(obj, "value"), *last = json_object_get(obj, "last"),
	    *ids = json_object_get(obj, "ids");
	const char *version = csf_str(obj, "version");
	long long shard;
	long n;

	if (!version || !csf_count_of(json_object_get(obj, "shard"), &shard) || shard > NICECOV_SHARD_MAX
	    || !json_is_array(ids)) {
		csf_input_bad(in, ln, "nice_coverage_partial needs \"version\", \"shard\" (a count from 0 to %d) and \"ids\" (an array)",
		    NICECOV_SHARD_MAX);
		return 1;
	}
	if ((by && !(json_is_string(by) && *json_string_value(by))) || (role && !json_is_string(role))) {
		csf_input_bad(in, ln, "nice_coverage_partial: \"%s\" must be a non-empty string",
		    by && !(json_is_string(by) && *json_string_value(by)) ? "by" : "role");
		return 1;
	}
	if (by && role) {
		csf_input_bad(in, ln, "nice_coverage_partial: \"by\" and \"role\" exclude each other");
		return 1;
	}
	if (value && !by) {
		csf_input_bad(in, ln, "nice_coverage_partial: \"value\" goes with \"by\"");
		return 1;
	}
	if (last && !(json_is_true(last) && by && !strcmp(json_string_value(by), "subject"))) {
		csf_input_bad(in, ln, "nice_coverage_partial: \"last\" is true or absent, and goes with by \"subject\"");
		return 1;
	}
	if (strcmp(version, nicemap_version(c->m)) != 0) {
		csf_input_bad(in, ln, "nice_coverage_partial of NICE %s cannot merge with NICE %s (give the shards' --nice)",
		    version, nicemap_version(c->m));
		return 1;
	}
	if (!role && !same_by(c, in, ln, json_string_value(by)))
		return 1;

	/* The group, checked before anything is added to it. */
	char *label;
	struct group *role_set = NULL;
	if (role) {
		if (!find_role(json_string_value(role))) {
			csf_input_bad(in, ln, "unknown role %s", json_string_value(role));
			return 1;
		}
		label = label_of('r', json_string_value(role));
		role_set = xcalloc(1, sizeof *role_set);
		role_set->role = (char *)json_string_value(role);
		cover_role(c, role_set, role_set->role);
	} else
		label = by ? value_label(value) : xstrdup("");
	struct group *g = strmap_get(c->held, label);
	n = pick_ids(c, in, ln, ids, role_set);
	if (role_set) {
		free(role_set->ids);
		free(role_set->bits);
		free(role_set);
	}
	if (n >= 0 && g && g->last != (last != NULL)) {
		csf_input_bad(in, ln, "nice_coverage_partial: \"last\" differs from this group's first partial (%s:%ld)",
		    g->file, csf_line_number(g->line));
		n = -1;
	}
	if (n >= 0)
		merge_add(c, ln, g, label, value, json_string_value(role), last != NULL, shard, n);
	free(label);
	return 1;
}

/* The same for the usual shape, read from the line: a --by or overall
 * group with a string value (or none), plain IDs. 0 for anything else,
 * or anything wrong, which nicecov_merge then reads and reports. */
int
nicecov_merge_fast(nicecov *c, const csf_line *ln)
{
	enum { VERSION, SHARD, BY, VALUE, ROLE, LAST, IDS, NF };
	csf_field f[NF] = {
		{ "version", NULL, 0 }, { "shard", NULL, 0 }, { "by", NULL, 0 }, { "value", NULL, 0 },
		{ "role", NULL, 0 }, { "last", NULL, 0 }, { "ids", NULL, 0 }
	};
	char version[64], by[256], id[64];
	long long shard;
	long vn = 0;
	csf_iter it;
	csf_field e;

	text_room(c, ln->len);
	if (csf_line_fields(ln, f, NF) < 0 || f[ROLE].val || !f[SHARD].val || !f[IDS].val
	    || csf_field_str(&f[VERSION], version, sizeof version) < 0 || strcmp(version, nicemap_version(c->m))
	    || !csf_field_int(&f[SHARD], &shard) || shard < 0 || shard > NICECOV_SHARD_MAX
	    || (f[BY].val && csf_field_str(&f[BY], by, sizeof by) <= 0)
	    || (!f[BY].val && (f[VALUE].val || f[LAST].val))
	    || (f[LAST].val && (f[LAST].len != 4 || memcmp(f[LAST].val, "true", 4) || strcmp(by, "subject"))))
		return 0;
	const char *byp = f[BY].val ? by : NULL;
	if (f[VALUE].val) {
		c->text[0] = 's';
		if ((vn = csf_field_str(&f[VALUE], c->text + 1, c->text_cap - 1)) < 0
		    || memchr(c->text + 1, '\0', (size_t)vn))
			return 0;   /* not a string (a label of JSON text), or one with NUL */
	}
	if (!csf_field_array(&f[IDS], &it))
		return 0;
	long n = 0;
	while (csf_iter_next(&it, &e)) {
		long len;
		uint32_t at;
		int no = e.len == 7 && e.val[0] == '"' && e.val[6] == '"' ? nice_no_n(e.val + 1, 5) : -1;
		if (no >= 0)
			at = c->m->wrs_at[no].listed;   /* "T1348" as it is: no escapes */
		else
			at = (len = csf_field_str(&e, id, sizeof id)) >= 0 ? id_lookup(c, id, (size_t)len) : 0;
		if (!pick(c, at, &n))
			return unpick(c, n);
	}
	return merge_picked(c, ln, byp, f[VALUE].val ? vn : -1, f[LAST].val != NULL, shard, n);
}

/* One more ID of a partial read from its line: AT is its index into
 * c->ids + 1 (0: no work role lists it). 0 if it is not one to merge. */
static int
pick(nicecov *c, uint32_t at, long *n)
{
	uint32_t x = at - 1;
	if (!at || c->seen[x])
		return 0;
	c->seen[x] = 1;
	c->pick[(*n)++] = x;
	return 1;
}

/* Forget the N IDs picked (c->seen); 0. */
static int
unpick(nicecov *c, long n)
{
	for (long i = 0; i < n; i++)
		c->seen[c->pick[i]] = 0;
	return 0;
}

/* A partial read from its line, its N IDs picked: by BYP (NULL: none),
 * the value's VN bytes in c->text after its 's' (-1: no value), LAST,
 * SHARD. Merged and 1, or 0 when it needs the checks of nicecov_merge. */
static int
merge_picked(nicecov *c, const csf_line *ln, const char *byp, long vn, int last, long long shard, long n)
{
	char *label = c->text;   /* 's' and the value, or "" */
	unpick(c, n);
	if (c->by_known && (byp ? !c->by || strcmp(byp, c->by) : c->by != NULL))
		return 0;
	if (vn < 0)
		label[0] = '\0';
	else
		label[vn + 1] = '\0';
	struct group *g = strmap_get(c->held, label);
	if (g && g->last != last)
		return 0;
	if (!c->by_known)
		know_by(c, byp);
	json_t *value = !g && vn >= 0 ? json_stringn(label + 1, (size_t)vn) : NULL;
	merge_add(c, ln, g, label, value, NULL, last, shard, n);
	json_decref(value);
	return 1;
}

/* An ID of NICE's usual shape as a shard writes it, "T1348", then ',' or
 * ']' (8 bytes there): its number, or -1. */
static inline int
quoted_tks(const char *q)
{
	if (q[0] != '"' || q[6] != '"' || (q[7] != ',' && q[7] != ']'))
		return -1;
	return nice_no_n(q + 1, 5);
}

int
nicecov_merge_exact(nicecov *c, const csf_line *ln)
{
	static const char head[] = "{\"type\":\"nice_coverage_partial\",\"version\":";
	csf_exact x = { ln->text, ln->text + ln->len };
	const char *version = nicemap_version(c->m), *str, *byp = NULL;
	char by[256], id[64];
	size_t vlen = strlen(version), n;
	long long shard;
	long vn = -1, picked = 0;
	int last = 0;

	text_room(c, ln->len);
	if (!csf_exact_lit(&x, head, sizeof head - 1) || !(str = csf_exact_str(&x, &n)) || n != vlen
	    || memcmp(str, version, n) || !csf_exact_lit(&x, ",\"shard\":", 9)
	    || !csf_exact_count(&x, &shard) || shard > NICECOV_SHARD_MAX)
		return 0;
	if (csf_exact_lit(&x, ",\"by\":", 6)) {
		if (!(str = csf_exact_str(&x, &n)) || n == 0 || n >= sizeof by)
			return 0;
		memcpy(by, str, n);
		by[n] = '\0';
		byp = by;
		if (csf_exact_lit(&x, ",\"value\":", 9)) {
			if (!(str = csf_exact_str(&x, &n)))
				return 0;   /* a value other than a string: the general way */
			c->text[0] = 's';
			memcpy(c->text + 1, str, n);
			vn = (long)n;
		}
		if (csf_exact_lit(&x, ",\"last\":true", 12)) {
			if (strcmp(by, "subject"))
				return 0;
			last = 1;
		}
	}
	if (!csf_exact_lit(&x, ",\"ids\":[", 8))
		return 0;
	if (!csf_exact_byte(&x, ']')) {
		do {
			int no = x.end - x.p >= 8 ? quoted_tks(x.p) : -1;
			uint32_t at;
			if (no >= 0) {
				at = c->m->wrs_at[no].listed;
				x.p += 7;
			} else if (!(str = csf_exact_str(&x, &n)) || n >= sizeof id)
				return unpick(c, picked);
			else {
				memcpy(id, str, n);
				id[n] = '\0';
				at = id_lookup(c, id, n);
			}
			if (!pick(c, at, &picked))
				return unpick(c, picked);
		} while (csf_exact_byte(&x, ','));
		if (!csf_exact_byte(&x, ']'))
			return unpick(c, picked);
	}
	if (!csf_exact_byte(&x, '}') || x.p != x.end)
		return unpick(c, picked);
	return merge_picked(c, ln, byp, vn, last, shard, picked);
}

/* Add a checked partial's N IDs (c->pick) to group G, made with LABEL
 * and VALUE (borrowed) when NULL. */
static void
merge_add(nicecov *c, const csf_line *ln, struct group *g, const char *label, json_t *value,
          const char *role, int last, long long shard, long n)
{
	if (!g) {
		g = held_group(c, label, value);
		g->role = role ? xstrdup(role) : NULL;
		g->last = last;
		g->shard = shard;
		g->arrival = c->arrivals;
		g->file = ln->file;
		g->line = ln->line;
	} else if (shard < g->shard) {
		g->shard = shard;          /* one run meets it first there */
		g->arrival = c->arrivals;
	}
	c->arrivals++;
	for (long i = 0; i < n; i++) {
		uint32_t x = c->pick[i];
		if (!g->bits || !(g->bits[x / 8] >> (x % 8) & 1))   /* most are there already */
			add_index(g, x, c->nids);
	}
}

/* One run's order: --role groups, then by first shard and arrival, then
 * the groups held to the end. */
static int
merged_order(const void *x, const void *y)
{
	const struct group *a = *(struct group *const *)x, *b = *(struct group *const *)y;
	int ca = a->role ? 0 : a->last ? 2 : 1, cb = b->role ? 0 : b->last ? 2 : 1;
	if (ca != cb)
		return ca - cb;
	if (a->shard != b->shard)
		return a->shard < b->shard ? -1 : 1;
	return (a->arrival > b->arrival) - (a->arrival < b->arrival);
}

void
nicecov_finish(nicecov *c)
{
	if (c->shard_fp)
		shard_finish(c);
	if (c->merge)
		flush_held_in(c, merged_order);
	if (c->stream) {
		if (!c->started)
			flush_held(c);
		subjects_finish(c->stream);
	}
	flush_held(c);
	strmap_free(c->held);
	free(c->ids);
	free(c->listings);
	free(c->wr_cat);
	free_parts(c->wr_part, c->nwr);
	free_parts(c->cat_part, json_array_size(c->m->cats));
	for (size_t i = 0; i < 2 * c->nwr; i++)
		free_parts(c->wr_fig[i].at, c->wr_fig[i].total + 1);
	for (size_t i = 0; i < 3 * c->ncat; i++)
		free_parts(c->cat_fig[i].at, c->cat_fig[i].total + 1);
	free(c->wr_fig);
	free(c->cat_fig);
	csf_buf_free(&c->out);
	jw_free(&c->scratch);
	free(c->wr);
	free(c->cat_of);
	free(c->cats);
	free(c->nt);
	free(c->nk);
	free(c->tc);
	free(c->ksc);
	free(c->wrc);
	jw_free(&c->w);
	free(c->by_merged);
	free(c->seen);
	free(c->pick);
	free(c->text);
	free(c->item_index);
	for (int k = 0; k < 3; k++)
		for (size_t i = 0; c->items[k] && i < csf_data_count(item_types[k]); i++)
			free(c->items[k][i].x);
	for (int k = 0; k < 3; k++)
		free(c->items[k]);
	free(c->last_label);
	free(c);
}
