/* nicecov.c - coverage of NICE work roles by the items records hold
 * (csf-map-nice --coverage).
 *
 * With --by subject on input grouped by subject (as csf-assess and csf-gap
 * write it) one subject is held at a time and written when the next one
 * starts (core/subjects.c), so memory does not grow with the subjects.
 * Otherwise (--ungrouped, or --by another field) every group is held to the
 * end. Records whose subject is missing or not a string are held apart. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/jw.h"
#include "core/strmap.h"
#include "core/subjects.h"
#include "nice/nicemap_impl.h"

/* Where one NICE ID is listed: once per listing in a work role's task list
 * (ks 0) or knowledge/skill lists (ks 1), and once per category and ks. */
struct listing { size_t at; int ks; };
struct nice_id {
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
};

struct nicecov {
	nicemap *m;
	const char *by;
	subjects *stream;  /* --by subject on grouped input, else NULL */
	int started;
	strmap *held;      /* label -> group, in first-seen order */
	strmap *id_index;  /* NICE ID -> index into ids[] + 1 */
	struct nice_id *ids;
	size_t nids;
	size_t nwr, ncat;
	size_t *wr_cat;    /* work role -> category index (SIZE_MAX: none) */
	struct wr_facts *wr;
	struct cat_total *cats;
	size_t *cat_of;    /* m->cats entry -> category index (SIZE_MAX: none) */
	size_t *nt, *nk, *tc, *ksc, *wrc;  /* scratch counts of one group */
	jw w;
};

static void
add_listing(struct listing **a, size_t *n, size_t at, int ks)
{
	*a = xrealloc(*a, (*n + 1) * sizeof **a);
	(*a)[(*n)++] = (struct listing){ at, ks };
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

	c->id_index = strmap_new();
	json_array_foreach(m->wrs, i, w) {
		size_t cat = c->wr_cat[i];
		if (cat != SIZE_MAX)
			c->cats[cat].wr++;
		for (int l = 0; l < 3; l++) {
			int ks = l > 0;
			const struct idlist *list = wr_list(m, i, l);
			for (j = 0; j < list->n; j++) {
				int created;
				void **slot = strmap_slot(c->id_index, list->v[j], &created);
				if (created) {
					c->ids = xrealloc(c->ids, (c->nids + 1) * sizeof *c->ids);
					memset(&c->ids[c->nids], 0, sizeof *c->ids);
					*slot = (void *)(uintptr_t)++c->nids;
				}
				struct nice_id *id = &c->ids[(uintptr_t)*slot - 1];
				add_listing(&id->wr, &id->nwr, i, ks);
				if (cat == SIZE_MAX)
					continue;
				size_t k;
				for (k = 0; k < id->ncat; k++)
					if (id->cat[k].at == cat && id->cat[k].ks == ks)
						break;
				if (k == id->ncat) {
					add_listing(&id->cat, &id->ncat, cat, ks);
					if (ks)
						c->cats[cat].ks++;
					else
						c->cats[cat].t++;
				}
			}
		}
	}
	c->nt = xcalloc(c->nwr + 1, sizeof *c->nt);
	c->nk = xcalloc(c->nwr + 1, sizeof *c->nk);
	c->tc = xcalloc(c->ncat + 1, sizeof *c->tc);
	c->ksc = xcalloc(c->ncat + 1, sizeof *c->ksc);
	c->wrc = xcalloc(c->ncat + 1, sizeof *c->wrc);
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
nicecov_new(nicemap *m, const char *by, int ungrouped)
{
	nicecov *c = xcalloc(1, sizeof *c);

	c->m = m;
	c->by = by;
	c->held = strmap_new();
	if (by && !strcmp(by, "subject") && !ungrouped)
		c->stream = subjects_new(0, group_open, group_close, c);
	load_framework(m);
	index_listings(c);
	return c;
}

/* Add NICE ID (any string) to G, once. */
static void
cover_id(nicecov *c, struct group *g, const char *id)
{
	void *at = strmap_get(c->id_index, id);
	if (!at)
		return;   /* no work role lists it: it counts nowhere */
	uint32_t x = (uint32_t)((uintptr_t)at - 1);
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

static void
cover_role(nicecov *c, struct group *g, const char *role)
{
	const struct idlist *l = role_items_of(c->m, role);
	for (size_t i = 0; i < l->n; i++)
		cover_item(c, g, csf_data_item(l->v[i]));
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

/* {"type":"nice_coverage",GROUP,"scope":SCOPE: GROUP is "role":ID or the
 * --by field with its value as JSON text (BY, n bytes). */
static void
cov_record(nicecov *c, const struct group *g, const char *by, size_t n, const char *scope)
{
	jw_begin(&c->w);
	jw_str(&c->w, "type", "nice_coverage");
	if (g->role)
		jw_str(&c->w, "role", g->role);
	else if (c->by)
		jw_raw(&c->w, c->by, by, n);
	jw_str(&c->w, "scope", scope);
}

/* Write G's records: each work role it touches in NIST order, then every
 * category with work roles; then free G. */
static void
group_close(void *ctx, void *state)
{
	nicecov *c = ctx;
	struct group *g = state;
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
	/* The group's value as csf_emit writes it, once for all its records. */
	const size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15) | JSON_ENCODE_ANY;
	char *by = c->by && !g->role ? json_dumps(g->value ? g->value : json_null(), flags) : NULL;
	size_t n = by ? strlen(by) : 0;
	jw *o = &c->w;
	for (i = 0; i < c->nwr; i++) {
		const struct wr_facts *w = &c->wr[i];
		if (c->nt[i] + c->nk[i] == 0)
			continue;
		if (c->wr_cat[i] != SIZE_MAX)
			c->wrc[c->wr_cat[i]]++;
		cov_record(c, g, by, n, "work_role");
		str_member(o, "id", w->id);
		str_member(o, "name", w->name);
		str_member(o, "category", w->category);
		share(o, "task", c->nt[i], w->t);
		share(o, "ks", c->nk[i], w->ks);
		jw_emit(o);
	}
	json_array_foreach(c->m->cats, i, cat) {
		size_t x = c->cat_of[i];
		if (x == SIZE_MAX)
			continue;
		cov_record(c, g, by, n, "category");
		str_member(o, "id", csf_str(cat, "id"));
		str_member(o, "name", csf_str(cat, "name"));
		share(o, "work_roles", c->wrc[x], c->cats[x].wr);
		share(o, "task", c->tc[x], c->cats[x].t);
		share(o, "ks", c->ksc[x], c->cats[x].ks);
		jw_emit(o);
	}
	free(by);
	json_decref(g->value);
	free(g->role);
	free(g->ids);
	free(g);
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

/* Write the held groups in first-seen order and forget them. */
static void
flush_held(nicecov *c)
{
	size_t n = strmap_count(c->held);
	void **groups = xmalloc((n ? n : 1) * sizeof *groups);

	strmap_list(c->held, NULL, groups);
	for (size_t i = 0; i < n; i++)
		group_close(c, groups[i]);
	free(groups);
	strmap_free(c->held);
	c->held = strmap_new();
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
	/* Labels keep a string "1" apart from the number 1. */
	char *dump = NULL, *label;
	if (s)
		label = label_of('s', s);
	else if (value) {
		dump = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
		label = label_of('j', dump ? dump : "");
	} else
		label = xstrdup("");
	struct group *g = held_group(c, label, value);
	free(label);
	free(dump);
	return g;
}

int
nicecov_add(nicecov *c, csf_input *in, const csf_line *ln, json_t *obj, const char *type,
            char *err, size_t errsz)
{
	struct subject s;
	struct group *g;
	int rc;

	if (!strcmp(type, "function"))
		return 0;
	if ((rc = resolve_subject(obj, type, &s, err, errsz)) <= 0)
		return rc;
	if (c->stream && !c->started) {
		c->started = 1;
		flush_held(c);   /* the --role groups, complete before any input */
	}
	if (!(g = group_of(c, in, ln, obj)))
		rc = 0;          /* reported: it passes through uncounted */
	else if (s.item) {
		if (is_covered(obj))
			cover_item(c, g, s.item);
	} else if (!strcmp(type, "role")) {
		cover_role(c, g, csf_str(obj, "id"));
	}
	/* score/gap records of a role (summaries) are read but add nothing. */
	json_decref(s.roles);
	return rc;
}

int
nicecov_add_role(nicecov *c, const char *role, char *err, size_t errsz)
{
	if (!find_role(role)) {
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

void
nicecov_finish(nicecov *c)
{
	if (c->stream) {
		if (!c->started)
			flush_held(c);
		subjects_finish(c->stream);
	}
	flush_held(c);
	strmap_free(c->held);
	strmap_free(c->id_index);
	for (size_t i = 0; i < c->nids; i++) {
		free(c->ids[i].wr);
		free(c->ids[i].cat);
	}
	free(c->ids);
	free(c->wr_cat);
	free(c->wr);
	free(c->cat_of);
	free(c->cats);
	free(c->nt);
	free(c->nk);
	free(c->tc);
	free(c->ksc);
	free(c->wrc);
	jw_free(&c->w);
	free(c);
}
