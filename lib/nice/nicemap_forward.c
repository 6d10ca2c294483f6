/* nicemap_forward.c - forward mapping: what a role, item, score, gap or
 * function record maps to under the chosen targets (csf-map-nice). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/jw.h"
#include "nice/nicemap_impl.h"

int
nicemap_owns(const char *type)
{
	static const char *owned[] = { "gap", "score", "task", "knowledge", "skill", "role", "function" };
	for (size_t i = 0; i < sizeof owned / sizeof *owned; i++)
		if (strcmp(type, owned[i]) == 0)
			return 1;
	return 0;
}

static json_t *
wr_brief(nicemap *m, const char *id)
{
	json_t *wr = json_object_get(m->wr_by_id, id);

	if (!wr)
		return json_pack("{s:s, s:b}", "id", id, "missing", 1);
	return json_pack("{s:s, s:s, s:s}", "id", id, "name", csf_str(wr, "name"),
	    "category", csf_str(wr, "category"));
}

/* Work roles (as briefs, in NIST order) that list any ID in NICE. */
static json_t *
wrs_listing(nicemap *m, json_t *nice)
{
	json_t *set = json_object(), *out = json_array(), *v, *w;
	size_t i, j;

	json_array_foreach(nice, i, v) {
		struct wrlist l = wrs_of(m, json_string_value(v));
		for (j = 0; j < l.n; j++)
			json_object_set_new(set, wr_id(m, l.w[j]), json_true());
	}
	json_array_foreach(m->wrs, i, w)
		if (json_object_get(set, csf_str(w, "id")))
			json_array_append_new(out, wr_brief(m, csf_str(w, "id")));
	json_decref(set);
	return out;
}

static json_t *
nice_item_brief(nicemap *m, const char *id)
{
	const char *kind = nicemap_kind(m, id);
	json_t *o = json_pack("{s:s}", "id", id);

	if (!kind) {
		json_object_set_new(o, "missing", json_true());
		return o;
	}
	json_object_set_new(o, "kind", json_string(kind));
	if (m->db)
		json_object_set_new(o, "text", json_string(nice_text(m->db, id)));
	return o;
}

/* Resolve OBJ; 0 if it names nothing mappable, -1 on an unknown ID. */
int
resolve_subject(json_t *obj, const char *type, struct subject *s, char *err, size_t errsz)
{
	const char *id = csf_str(obj, "id"), *item, *role, *fn;
	json_t *r, *v;
	size_t i;

	memset(s, 0, sizeof *s);
	if (!strcmp(type, "role")) {
		/* A role record may carry its own mappings; our data fills the gaps. */
		r = id ? find_role(id) : NULL;
		if (!r && !json_object_get(obj, "nice") && !json_object_get(obj, "crosswalk")) {
			csf_msgf(err, errsz, "unknown role %s", id ? id : "(no \"id\")");
			return -1;
		}
		if (r && !json_object_get(obj, "nice") && !json_object_get(obj, "crosswalk"))
			snprintf(s->key, sizeof s->key, "r:%s", id);
		json_t *view = r ? json_copy(r) : json_object();
		if (json_object_get(obj, "nice"))
			json_object_set(view, "nice", json_object_get(obj, "nice"));
		if (json_object_get(obj, "crosswalk"))
			json_object_set(view, "crosswalk", json_object_get(obj, "crosswalk"));
		s->roles = json_array();
		json_array_append_new(s->roles, view);
		return 1;
	}
	if (!strcmp(type, "function")) {
		if (id && (s->fn = csf_data_find("function", id))) {
			snprintf(s->key, sizeof s->key, "f:%s", id);
			return 1;
		}
		if (json_object_get(obj, "nice1") || json_object_get(obj, "csf")) {
			s->fn = obj;
			return 1;
		}
		csf_msgf(err, errsz, "unknown function %s", id ? id : "(no \"id\")");
		return -1;
	}
	if (!strcmp(type, "task") || !strcmp(type, "knowledge") || !strcmp(type, "skill")) {
		r = id ? csf_data_find(type, id) : NULL;
		if (!r && !json_object_get(obj, "nice")) {
			csf_msgf(err, errsz, "unknown %s %s", type, id ? id : "(no \"id\")");
			return -1;
		}
		s->item = json_object_get(obj, "nice") ? obj : r;
		if (s->item == r)
			snprintf(s->key, sizeof s->key, "i:%s", id);
	} else {
		item = csf_str(obj, "item");
		role = csf_str(obj, "role");
		fn = csf_str(obj, "function");
		if (is_item_id(item)) {
			if (!(s->item = csf_data_item(item))) {
				csf_msgf(err, errsz, "unknown item %s", item);
				return -1;
			}
			snprintf(s->key, sizeof s->key, "i:%s", item);
		} else if (is_role_id(role)) {
			if (!(r = find_role(role))) {
				csf_msgf(err, errsz, "unknown role %s", role);
				return -1;
			}
			snprintf(s->key, sizeof s->key, "r:%s", role);
			s->roles = json_array();
			json_array_append(s->roles, r);
			return 1;
		} else if (is_function_id(fn)) {
			if (!(s->fn = csf_data_find("function", fn))) {
				csf_msgf(err, errsz, "unknown function %s", fn);
				return -1;
			}
			snprintf(s->key, sizeof s->key, "f:%s", fn);
			return 1;
		} else {
			return 0;
		}
	}
	/* An item's roles, for the role-level crosswalks. */
	s->roles = json_array();
	json_array_foreach(json_object_get(s->item, "roles"), i, v)
		if ((r = find_role(json_string_value(v))))
			json_array_append(s->roles, r);
	return 1;
}

static json_t *
map_nice(nicemap *m, struct subject *s)
{
	json_t *out = json_pack("{s:s}", "version", m->version), *wrs, *v, *r;
	size_t i, j;

	if (s->item) {
		json_t *nice = json_object_get(s->item, "nice"), *items = json_array();
		json_array_foreach(nice, i, v)
			if (json_is_string(v))
				json_array_append_new(items, nice_item_brief(m, json_string_value(v)));
		json_object_set_new(out, "work_roles", wrs_listing(m, nice));
		json_object_set_new(out, "items", items);
		return out;
	}
	wrs = json_array();
	json_t *seen = json_object();
	json_array_foreach(s->roles, i, r)
		json_array_foreach(json_object_get(r, "nice"), j, v)
			if (json_is_string(v) && !json_object_get(seen, json_string_value(v))) {
				json_object_set_new(seen, json_string_value(v), json_true());
				json_array_append_new(wrs, wr_brief(m, json_string_value(v)));
			}
	json_decref(seen);
	json_object_set_new(out, "work_roles", wrs);
	return out;
}

static json_t *
map_role_crosswalk(nicemap *m, struct subject *s, int t)
{
	json_t *out = json_array(), *seen = json_object(), *r, *v;
	size_t i, j;

	load_crosswalks(m);
	json_array_foreach(s->roles, i, r)
		json_array_foreach(json_object_get(json_object_get(r, "crosswalk"), target_keys[t]), j, v) {
			if (!json_is_string(v))
				continue;
			const char *name = json_string_value(v);
			if (t != 1) {
				append_once(out, seen, name);
				continue;
			}
			json_t *areas = itss_areas(m->itss, name), *area;
			size_t k;
			if (json_array_size(areas) == 0 && !json_object_get(seen, name)) {
				json_object_set_new(seen, name, json_true());
				json_array_append_new(out, json_pack("{s:s}", "name", name));
			}
			json_array_foreach(areas, k, area) {
				const char *key = csf_str(area, "id");
				if (json_object_get(seen, key))
					continue;
				json_object_set_new(seen, key, json_true());
				json_array_append_new(out, json_pack("{s:s, s:s}", "id", key,
				    "name", csf_text(json_object_get(area, "name"))));
			}
			json_decref(areas);
		}
	json_decref(seen);
	return out;
}

static json_t *
map_function(json_t *fn, int t)
{
	json_t *out = json_array(), *e;
	size_t i;

	json_array_foreach(json_object_get(fn, target_keys[t]), i, e)
		json_array_append_new(out, json_pack("{s:s?, s:s}", "code", csf_str(e, "code"),
		    "name", csf_text(json_object_get(e, "name"))));
	if (t == 6)
		json_array_foreach(json_object_get(fn, "csf_unplaced"), i, e)
			json_array_append_new(out, json_pack("{s:s?, s:O?, s:s}", "code", csf_str(e, "code"),
			    "maybe", json_object_get(e, "maybe"), "name", csf_text(json_object_get(e, "name"))));
	return out;
}

/* ---- items of the data, mapped from their lines ----
 *
 * A record naming an item of the data (a gap or score's "item", a task's
 * "id") gets the map of that item, the same for every record: it is
 * written once per item with jw, from the item's line (its "nice" and
 * "roles" as the data file's index noted them), and kept. The work
 * roles an item's NICE IDs are listed by come from one table of NICE
 * numbers, filled from the work roles' lists on first use. Building the
 * item's tree, its roles' trees and a jansson map to encode cost ~300 K
 * instructions an item. */

#define ITEM_NUMBERS 1000     /* T/K/S + three digits */

static const char *const tks_types[] = { "task", "knowledge", "skill" };
static const char tks_letters[] = "TKS";

struct text {
	char *s;
	size_t len;
	int state;        /* 0 not built, 1 built, 2 nothing to map (pass the record) */
};

struct forward {
	int items_indexed;
	unsigned item_at[3][ITEM_NUMBERS];   /* data index + 1, per type and number */
	struct text *item_map[3];            /* per type and data index */
	size_t nitem[3];
	int roles_read;
	const char **role_id;                /* the data's roles, in order */
	size_t nrole;
	struct text *role_map;               /* per role: its map */
	unsigned role_by_no[100];            /* R00-R99: place + 1 (the last of an id) */
	/* the work roles (wrs_of lists them by place), told apart by id */
	int wrs_read;
	size_t nwr, words;
	size_t *canon;                       /* work role -> first one with its id */
	uint64_t *acc;                       /* an item's: bits of canon */
	struct text *brief;                  /* per work role: {"id","name","category"} */
	strmap *crosswalk;                   /* target + raw "roles" -> encoded array */
	int areas_read;                      /* 1 read, -1 not plain: jansson's way */
	strmap *area_by_name;                /* folded id, name or alias -> area + 1 */
	struct text *area;                   /* per ITSS+ area: {"id","name"} */
	size_t narea;
	jw w;
	const char **ids;                    /* an item's NICE IDs (unescaped into idbuf) */
	size_t *idlen, nids, idcap;
	char *idbuf;
	size_t idbufsz;
};

static void
forward_free(struct forward *f)
{
	for (int t = 0; t < 3; t++) {
		for (size_t i = 0; i < f->nitem[t]; i++)
			free(f->item_map[t][i].s);
		free(f->item_map[t]);
	}
	for (size_t w = 0; f->brief && w < f->nwr; w++)
		free(f->brief[w].s);
	strmap_free_with(f->crosswalk, free);
	for (size_t i = 0; f->area && i < f->narea; i++)
		free(f->area[i].s);
	free(f->area);
	strmap_free(f->area_by_name);
	for (size_t i = 0; f->role_map && i < f->nrole; i++)
		free(f->role_map[i].s);
	free(f->role_map);
	free(f->role_id);
	free(f->canon);
	free(f->acc);
	free(f->brief);
	free(f->ids);
	free(f->idlen);
	free(f->idbuf);
	jw_free(&f->w);
	free(f);
}

static struct forward *
forward_of(nicemap *m)
{
	if (!m->fw) {
		m->fw = xcalloc(1, sizeof *m->fw);
		m->fw_free = forward_free;
	}
	return m->fw;
}

static int
tks_index(const char *type)
{
	for (int t = 0; t < 3; t++)
		if (!strcmp(type, tks_types[t]))
			return t;
	return -1;
}

/* Items by type and number, as csf_data_find finds them (the last of a
 * repeated id); IDs of another shape are left to csf_data_find. */
static void
index_items(struct forward *f)
{
	if (f->items_indexed)
		return;
	f->items_indexed = 1;
	for (int t = 0; t < 3; t++) {
		size_t n = f->nitem[t] = csf_data_count(tks_types[t]);
		f->item_map[t] = xcalloc(n ? n : 1, sizeof *f->item_map[t]);
		for (size_t i = 0; i < n; i++) {
			const char *id = csf_data_id(tks_types[t], i);
			int no = item_no(id);
			if (no >= 0 && id[0] == tks_letters[t])
				f->item_at[t][no] = (unsigned)i + 1;
		}
	}
}

/* The place of role ID in the data, as csf_data_find finds it; -1 if none. */
static long
role_at(struct forward *f, const char *id)
{
	if (!f->roles_read) {
		f->roles_read = 1;
		f->nrole = csf_data_count("role");
		f->role_id = xmalloc((f->nrole ? f->nrole : 1) * sizeof *f->role_id);
		f->role_map = xcalloc(f->nrole ? f->nrole : 1, sizeof *f->role_map);
		for (size_t i = 0; i < f->nrole; i++)
			if (is_role_id(f->role_id[i] = csf_data_id("role", i)))
				f->role_by_no[(f->role_id[i][1] - '0') * 10 + f->role_id[i][2] - '0'] = (unsigned)i + 1;
	}
	if (is_role_id(id))
		return (long)f->role_by_no[(id[1] - '0') * 10 + id[2] - '0'] - 1;
	for (size_t i = f->nrole; i-- > 0; )
		if (f->role_id[i] && !strcmp(f->role_id[i], id))
			return (long)i;
	return -1;
}

/* The work roles by id (the listing was a set of ids), and the table
 * of NICE IDs built now: every item asks for its IDs. */
static void
read_work_roles(nicemap *m, struct forward *f)
{
	if (f->wrs_read)
		return;
	f->wrs_read = 1;
	f->nwr = json_array_size(m->wrs);
	f->words = f->nwr / 64 + 1;
	f->canon = xmalloc((f->nwr ? f->nwr : 1) * sizeof *f->canon);
	f->brief = xcalloc(f->nwr ? f->nwr : 1, sizeof *f->brief);
	f->acc = xcalloc(f->words, sizeof *f->acc);
	for (size_t w = 0; w < f->nwr; w++) {
		const char *id = wr_id(m, w);
		f->canon[w] = w;
		for (size_t v = 0; id && v < w; v++)
			if (f->canon[v] == v && !strcmp(wr_id(m, v), id)) {
				f->canon[w] = v;
				break;
			}
	}
	index_wr_lists(m);
}

/* Add the work roles listing NICE ID to f->acc. */
static void
add_work_roles(nicemap *m, struct forward *f, const char *id)
{
	struct wrlist l = wrs_of(m, id);
	for (size_t i = 0; i < l.n; i++) {
		size_t c = f->canon[l.w[i]];
		f->acc[c / 64] |= 1ull << (c % 64);
	}
}

/* Is S well-formed UTF-8 (what json_string asks of a text)? */
static int
utf8_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + strlen(s);
	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		int n = csf_utf8_len(p, end);
		if (!n)
			return 0;
		p += n;
	}
	return 1;
}

/* Work role W's brief, as wr_brief encodes it; its length 0 when
 * json_pack would fail (no name or category) and write nothing. */
static const struct text *
brief_of(nicemap *m, struct forward *f, size_t w)
{
	struct text *b = &f->brief[w];
	if (b->state)
		return b;
	b->state = 1;
	json_t *wr = json_array_get(m->wrs, w);
	const char *id = csf_str(wr, "id");
	json_t *by_id = id ? json_object_get(m->wr_by_id, id) : NULL;
	const char *name = csf_str(by_id, "name"), *cat = csf_str(by_id, "category");
	if (!id || (by_id && (!name || !cat)))
		return b;
	jw w_;
	memset(&w_, 0, sizeof w_);
	jw_begin(&w_);
	jw_str(&w_, "id", id);
	if (!by_id) {
		jw_raw(&w_, "missing", "true", 4);
	} else {
		jw_str(&w_, "name", name);
		jw_str(&w_, "category", cat);
	}
	jw_paste(&w_, "}", 1);
	b->s = w_.buf;
	b->len = w_.len;
	return b;
}

/* The strings of a raw "nice" array, unescaped into f->ids (as the
 * tree's json_string_value would give them). */
static void
read_ids(struct forward *f, const csf_field *nice)
{
	csf_iter it;
	csf_field e;
	f->nids = 0;
	if (!nice->val || !csf_field_array(nice, &it))
		return;
	if (f->idbufsz < nice->len + 1) {
		f->idbufsz = nice->len + 1;
		f->idbuf = xrealloc(f->idbuf, f->idbufsz);
	}
	char *at = f->idbuf;
	while (csf_iter_next(&it, &e)) {
		long n = e.val[0] == '"' ? csf_field_str(&e, at, e.len) : -1;
		if (n < 0)
			continue;
		if (f->nids == f->idcap) {
			f->idcap = f->idcap ? 2 * f->idcap : 8;
			f->ids = xrealloc(f->ids, f->idcap * sizeof *f->ids);
			f->idlen = xrealloc(f->idlen, f->idcap * sizeof *f->idlen);
		}
		f->idlen[f->nids] = (size_t)n;
		f->ids[f->nids++] = at;
		at += n + 1;
	}
}

/* "nice": {"version", "work_roles", "items"} of an item's NICE IDs, as
 * map_nice writes it. */
static void
write_item_nice(nicemap *m, struct forward *f, const csf_field *nice)
{
	jw *w = &f->w;
	read_work_roles(m, f);
	read_ids(f, nice);
	jw_object(w, "nice");
	jw_str(w, "version", m->version);
	memset(f->acc, 0, f->words * sizeof *f->acc);
	for (size_t i = 0; i < f->nids; i++)
		add_work_roles(m, f, f->ids[i]);
	jw_array(w, "work_roles");
	for (size_t v = 0; v < f->nwr; v++) {
		size_t c = f->canon[v];
		if (!(f->acc[c / 64] & (1ull << (c % 64))))
			continue;
		const struct text *b = brief_of(m, f, v);
		if (b->len)
			jw_raw(w, NULL, b->s, b->len);
	}
	jw_close(w);
	jw_array(w, "items");
	for (size_t i = 0; i < f->nids; i++) {
		const char *id = f->ids[i], *kind = kind_of(m, id, f->idlen[i], 1);
		jw_object(w, NULL);
		jw_str(w, "id", id);
		if (!kind) {
			jw_raw(w, "missing", "true", 4);
		} else {
			/* json_string refuses what is not UTF-8: no member then */
			if (!m->db || utf8_ok(kind))
				jw_str(w, "kind", kind);
			const char *text = m->db ? nice_text(m->db, id) : NULL;
			if (text && utf8_ok(text))
				jw_str(w, "text", text);
		}
		jw_close(w);
	}
	jw_close(w);
	jw_close(w);
}

/* ---- role-level crosswalks from the lines ----
 *
 * An item's list under ITSS+, SecBoK, the reference or CSIJ is what its
 * roles' "crosswalk" lists name (each once; an ITSS+ cell as the areas it
 * names), written from the roles' and the areas' lines: building every
 * role's and area's tree and a jansson array to encode was most of a
 * --to run. A string with an escape in any of them (none in share/csf)
 * goes jansson's way, map_role_crosswalk. */

/* The string of a raw value without escapes (absent: no string), copied
 * into BUF: 1; 0 when it is no string; -1 when it has an escape or does
 * not fit (read it jansson's way). */
static int
plain_str(const csf_field *e, char *buf, size_t size)
{
	if (!e->val || e->val[0] != '"')
		return 0;
	size_t n = e->len - 2;
	if (n >= size || memchr(e->val + 1, '\\', n))
		return -1;
	memcpy(buf, e->val + 1, n);
	buf[n] = '\0';
	return 1;
}

static void
area_name(struct forward *f, const char *name, size_t area)
{
	char *folded = fold_name(name);
	int created;
	void **slot = strmap_slot(f->area_by_name, folded, &created);
	*slot = (void *)(uintptr_t)(area + 1);   /* the last area with it, as json_object_set */
	free(folded);
}

/* The ITSS+ areas by folded id, name and alias, as load_crosswalks
 * indexes their records; every area's and role's line validated first,
 * as building their trees there did. 1, or -1 for jansson's way. */
static int
read_areas(struct forward *f)
{
	if (f->areas_read)
		return f->areas_read;
	size_t len, n = csf_data_count("itss_area");
	for (size_t i = 0; i < n; i++)
		csf_data_valid_text("itss_area", i, &len);
	for (size_t i = 0, nr = csf_data_count("role"); i < nr; i++)
		csf_data_valid_text("role", i, &len);
	f->areas_read = -1;
	f->area_by_name = strmap_new();
	f->area = xcalloc(n ? n : 1, sizeof *f->area);
	f->narea = n;
	for (size_t i = 0; i < n; i++) {
		const char *text = csf_data_valid_text("itss_area", i, &len);
		csf_field a[3] = { { "id", NULL, 0 }, { "name", NULL, 0 }, { "aliases", NULL, 0 } };
		csf_field lang[2] = { { "ja", NULL, 0 }, { "en", NULL, 0 } }, e;
		csf_iter it;
		char id[256], s[1024];
		if (memchr(text, '\\', len) || csf_data_record_fields("itss_area", i, a, 3) < 0
		    || plain_str(&a[0], id, sizeof id) <= 0)
			return -1;
		area_name(f, id, i);
		if (a[1].val && a[1].val[0] == '{' && csf_data_fields(a[1].val, a[1].len, lang, 2) == 0)
			for (int l = 0; l < 2; l++) {
				int rc = plain_str(&lang[l], s, sizeof s);
				if (rc < 0)
					return -1;
				if (rc)
					area_name(f, s, i);
			}
		if (a[2].val && csf_field_array(&a[2], &it))
			while (csf_iter_next(&it, &e)) {
				int rc = plain_str(&e, s, sizeof s);
				if (rc < 0)
					return -1;
				if (rc)
					area_name(f, s, i);
			}
		/* {"id","name"} as map_role_crosswalk packs it */
		char *name = csf_field_text(&a[1]);
		jw w = { 0 };
		jw_begin(&w);
		jw_str(&w, "id", id);
		jw_str(&w, "name", name);
		jw_paste(&w, "}", 1);
		free(name);
		f->area[i].s = w.buf;
		f->area[i].len = w.len;
	}
	return f->areas_read = 1;
}

static const void *
area_get(const void *by_name, const char *folded)
{
	return strmap_get(by_name, folded);
}

/* Has SEEN (N strings) got S? If not, it is added. */
static int
seen_before(char ***seen, size_t *n, const char *s)
{
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*seen)[i], s))
			return 1;
	if ((*n & (*n - 1)) == 0)   /* grow at powers of two */
		*seen = xrealloc(*seen, (*n ? 2 * *n : 1) * sizeof **seen);
	(*seen)[(*n)++] = xstrdup(s);
	return 0;
}

/* Role I's list under target T (its line's crosswalk) written to W:
 * 0, or -1 for an escaped string. */
static int
write_role_list(struct forward *f, size_t i, int t, jw *w, char ***seen, size_t *nseen)
{
	csf_field xw = { "crosswalk", NULL, 0 }, list = { target_keys[t], NULL, 0 }, e;
	csf_iter it;
	char name[1024];
	csf_data_record_fields("role", i, &xw, 1);
	if (!xw.val || xw.val[0] != '{' || csf_data_fields(xw.val, xw.len, &list, 1) < 0
	    || !list.val || !csf_field_array(&list, &it))
		return 0;
	while (csf_iter_next(&it, &e)) {
		int rc = plain_str(&e, name, sizeof name);
		if (rc < 0)
			return -1;
		if (!rc)
			continue;
		if (t != 1) {
			if (!seen_before(seen, nseen, name))
				jw_str(w, NULL, name);
			continue;
		}
		const void **areas;
		size_t n = itss_split(name, area_get, f->area_by_name, &areas);
		if (n == 0 && !seen_before(seen, nseen, name)) {
			jw_object(w, NULL);
			jw_str(w, "name", name);
			jw_close(w);
		}
		for (size_t k = 0; k < n; k++) {
			size_t a = (uintptr_t)areas[k] - 1;
			char id[256];
			csf_field idf = { "id", NULL, 0 };
			csf_data_record_fields("itss_area", a, &idf, 1);
			plain_str(&idf, id, sizeof id);
			if (seen_before(seen, nseen, id))
				continue;
			if (!w->first[w->depth])
				jw_paste(w, ",", 1);
			w->first[w->depth] = 0;
			jw_paste(w, f->area[a].s, f->area[a].len);
		}
		free(areas);
	}
	return 0;
}

/* map_role_crosswalk's array for the roles a raw "roles" value lists,
 * from the lines (malloc'd); NULL for jansson's way. */
static char *
crosswalk_from_lines(struct forward *f, const csf_field *roles, int t)
{
	csf_iter it;
	csf_field e;
	char id[200], **seen = NULL;
	size_t nseen = 0;
	int ok = read_areas(f) > 0;
	jw w = { 0 };
	jw_begin(&w);
	jw_array(&w, NULL);
	if (ok && roles->val && csf_field_array(roles, &it))
		while (ok && csf_iter_next(&it, &e)) {
			int rc = plain_str(&e, id, sizeof id);
			long at = rc > 0 ? role_at(f, id) : -1;
			if (rc < 0 || (at >= 0 && write_role_list(f, (size_t)at, t, &w, &seen, &nseen) < 0))
				ok = 0;
		}
	jw_close(&w);
	for (size_t i = 0; i < nseen; i++)
		free(seen[i]);
	free(seen);
	char *out = NULL;
	if (ok) {
		out = xmalloc(w.len);
		memcpy(out, w.buf + 1, w.len - 1);   /* without jw_begin's "{" */
		out[w.len - 1] = '\0';
	}
	jw_free(&w);
	return out;
}

/* An item's list under role-level target T, from the raw "roles" of its
 * line: map_role_crosswalk over those roles, encoded once per target and
 * list (items share a handful of role lists). */
static const char *
item_crosswalk(nicemap *m, struct forward *f, const csf_field *roles, int t)
{
	size_t n = roles->val ? roles->len : 0;
	char *key = xmalloc(n + 2);
	key[0] = (char)('0' + t);
	memcpy(key + 1, roles->val ? roles->val : "", n);
	key[n + 1] = '\0';
	if (!f->crosswalk)
		f->crosswalk = strmap_new();
	int created;
	void **slot = strmap_slot(f->crosswalk, key, &created);
	free(key);
	if (!created)
		return *slot;
	if ((*slot = crosswalk_from_lines(f, roles, t)))
		return *slot;
	json_t *list = roles->val ? json_loadb(roles->val, roles->len, JSON_DECODE_ANY, NULL) : NULL, *v, *r;
	struct subject s = { NULL, json_array(), NULL, "" };
	size_t i;
	json_array_foreach(list, i, v)
		if ((r = find_role(json_string_value(v))))
			json_array_append(s.roles, r);
	json_t *out = map_role_crosswalk(m, &s, t);
	*slot = json_dumps(out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(out);
	json_decref(s.roles);
	json_decref(list);
	return *slot;
}

/* The map jw holds (a "{" and its members) closed and kept in OUT;
 * with no member, none: the record passes as it is. */
static void
keep_map(jw *w, struct text *out)
{
	out->state = 2;
	if (w->len == 1)
		return;
	jw_paste(w, "}", 1);
	out->s = xmalloc(w->len + 1);
	memcpy(out->s, w->buf, w->len);
	out->s[w->len] = '\0';
	out->len = w->len;
	out->state = 1;
}

/* The map of the I-th item of type T (tks_types), as nicemap_annotate
 * would encode it for the record of a data item. */
static void
build_item_map(nicemap *m, struct forward *f, int t, size_t i, unsigned targets, struct text *out)
{
	const char *type = tks_types[t];
	csf_field nice, roles, e;
	csf_iter it;
	size_t len;
	char id[256];

	/* Its line and its roles' lines validated, as building their trees
	 * (resolve_subject) did. */
	csf_data_valid_text(type, i, &len);
	csf_data_nice(type, i, &nice);
	csf_data_roles(type, i, &roles);
	if (roles.val && csf_field_array(&roles, &it))
		while (csf_iter_next(&it, &e)) {
			long at = csf_field_str(&e, id, sizeof id) >= 0 ? role_at(f, id) : -1;
			if (at >= 0)
				csf_data_valid_text("role", (size_t)at, &len);
		}
	jw *w = &f->w;
	jw_begin(w);
	if (targets & MAP_NICE)
		write_item_nice(m, f, &nice);
	for (int k = 1; k <= 4; k++)
		if (targets & (1u << k)) {
			const char *list = item_crosswalk(m, f, &roles, k);
			jw_raw(w, target_keys[k], list, strlen(list));
		}
	keep_map(w, out);
}

/* Role I's map, as nicemap_annotate encodes it for a record naming it:
 * its work roles (each once, in its list's order) and its crosswalks. */
static void
build_role_map(nicemap *m, struct forward *f, size_t i, unsigned targets, struct text *out)
{
	csf_field nice;
	size_t len;
	jw *w = &f->w;

	csf_data_valid_text("role", i, &len);   /* as building its tree did */
	jw_begin(w);
	if (targets & MAP_NICE) {
		csf_data_nice("role", i, &nice);
		read_ids(f, &nice);
		jw_object(w, "nice");
		jw_str(w, "version", m->version);
		jw_array(w, "work_roles");
		for (size_t k = 0; k < f->nids; k++) {
			const char *id = f->ids[k];
			size_t seen = 0;
			while (seen < k && strcmp(f->ids[seen], id))
				seen++;
			if (seen < k)
				continue;
			/* wr_brief */
			json_t *wr = json_object_get(m->wr_by_id, id);
			const char *name = csf_str(wr, "name"), *cat = csf_str(wr, "category");
			if (wr && (!name || !cat))
				continue;   /* json_pack fails: nothing appended */
			jw_object(w, NULL);
			jw_str(w, "id", id);
			if (!wr) {
				jw_raw(w, "missing", "true", 4);
			} else {
				jw_str(w, "name", name);
				jw_str(w, "category", cat);
			}
			jw_close(w);
		}
		jw_close(w);
		jw_close(w);
	}
	if (targets & (MAP_ITSS | MAP_SECBOK | MAP_JINZAI | MAP_CSIJ)) {
		/* the role alone, as a list of one */
		json_t *one = json_pack("[s]", f->role_id[i]);
		char *list = json_dumps(one, JSON_COMPACT);
		csf_field roles = { "roles", list, strlen(list) };
		json_decref(one);
		for (int k = 1; k <= 4; k++)
			if (targets & (1u << k)) {
				const char *a = item_crosswalk(m, f, &roles, k);
				jw_raw(w, target_keys[k], a, strlen(a));
			}
		free(list);
	}
	keep_map(w, out);
}

/* The map of role ID: as item_map. */
static int
role_map(nicemap *m, const char *id, unsigned targets, const char **text, size_t *len)
{
	struct forward *f = forward_of(m);
	long i = role_at(f, id);
	if (i < 0)
		return -1;
	struct text *c = &f->role_map[i];
	if (!c->state)
		build_role_map(m, f, (size_t)i, targets, c);
	if (c->state == 2)
		return 0;
	*text = c->s;
	*len = c->len;
	return 1;
}

/* The map of item ID (T/K/S and its number NO) of type T: 1 with it in
 * TEXT, 0 when the targets give none; -1 if the data has no such item. */
static int
item_map(nicemap *m, int t, int no, unsigned targets, const char **text, size_t *len)
{
	struct forward *f = forward_of(m);
	index_items(f);
	if (!f->item_at[t][no])
		return -1;
	struct text *c = &f->item_map[t][f->item_at[t][no] - 1];
	if (!c->state)
		build_item_map(m, f, t, f->item_at[t][no] - 1, targets, c);
	if (c->state == 2)
		return 0;
	*text = c->s;
	*len = c->len;
	return 1;
}

/* A map nicemap_annotate cached under KEY ("r:R03"): 1 and the text, 0
 * when it had nothing to map, NICEMAP_PARSE when it has none yet. */
static int
cached(nicemap *m, const char *key, const char **text, size_t *len)
{
	json_t *hit = json_object_get(m->annotations, key);
	if (!hit)
		return NICEMAP_PARSE;
	if (json_is_null(hit))
		return 0;
	*text = json_string_value(hit);
	*len = json_string_length(hit);
	return 1;
}

/* nicemap_annotate_line for the records of the data's types. */
static int
other_record(nicemap *m, const csf_line *ln, const char *type, unsigned targets,
    const char **text, size_t *len)
{
	char item[8];
	int t = tks_index(type), rc;

	if (!strcmp(type, "role")) {
		/* A role of the data by id (one with its own lists, or one the
		 * data lacks, goes the long way). */
		csf_field f[4] = { { "map", NULL, 0 }, { "nice", NULL, 0 }, { "crosswalk", NULL, 0 }, { "id", NULL, 0 } };
		char id[64];
		csf_line_fields(ln, f, 4);
		if (f[0].val || f[1].val || f[2].val || plain_str(&f[3], id, sizeof id) <= 0)
			return NICEMAP_PARSE;
		rc = role_map(m, id, targets, text, len);
		return rc < 0 ? NICEMAP_PARSE : rc;
	}
	if (t >= 0) {
		/* An item of the data by id (a stream item with its own list,
		 * or one the data lacks, goes the long way). */
		csf_field f[3] = { { "map", NULL, 0 }, { "nice", NULL, 0 }, { "id", NULL, 0 } };
		csf_line_fields(ln, f, 3);
		if (f[0].val || f[1].val || plain_str(&f[2], item, sizeof item) <= 0
		    || item[0] != tks_letters[t] || item_no(item) < 0)
			return NICEMAP_PARSE;
		rc = item_map(m, t, item_no(item), targets, text, len);
		return rc < 0 ? NICEMAP_PARSE : rc;
	}
	return NICEMAP_PARSE;
}

int
nicemap_annotate_line(nicemap *m, const csf_line *ln, const char *type, unsigned targets,
    const char **text, size_t *len, char *err, size_t errsz)
{
	char item[8], role[8], fn[8], key[16];
	int t, rc;

	if (!ln->members || ln->members->n < 0)
		return NICEMAP_PARSE;
	if (strcmp(type, "gap") && strcmp(type, "score"))
		return other_record(m, ln, type, targets, text, len);
	/* resolve_subject's order: an item, else a role, else a function */
	csf_field f[4] = { { "map", NULL, 0 }, { "item", NULL, 0 }, { "role", NULL, 0 }, { "function", NULL, 0 } };
	csf_line_fields(ln, f, 4);
	if (f[0].val || (rc = plain_str(&f[1], item, sizeof item)) < 0)
		return NICEMAP_PARSE;
	if (rc && is_item_id(item)) {
		t = tks_no(item[0]);
		rc = item_map(m, t, item_no(item), targets, text, len);
		if (rc < 0)
			csf_msgf(err, errsz, "unknown item %s", item);
		return rc;
	}
	if ((rc = plain_str(&f[2], role, sizeof role)) < 0)
		return NICEMAP_PARSE;
	if (rc && is_role_id(role)) {
		rc = role_map(m, role, targets, text, len);
		if (rc < 0)
			csf_msgf(err, errsz, "unknown role %s", role);
		return rc;
	}
	if ((rc = plain_str(&f[3], fn, sizeof fn)) < 0)
		return NICEMAP_PARSE;
	if (rc && is_function_id(fn)) {
		snprintf(key, sizeof key, "f:%s", fn);
		return cached(m, key, text, len);
	}
	return 0;
}

int
nicemap_annotate(nicemap *m, json_t *obj, const char *type, unsigned targets,
    const char **text, size_t *len, char *err, size_t errsz)
{
	struct subject s;
	json_t *map, *hit;
	int rc = resolve_subject(obj, type, &s, err, errsz);

	if (rc <= 0)
		return rc;
	/* An item of the data: its map from its line, kept per item. */
	const char *item_type = s.key[0] == 'i' ? csf_str(s.item, "type") : NULL;
	int it = item_type ? tks_index(item_type) : -1;
	if (it >= 0 && s.key[2] == tks_letters[it] && item_no(s.key + 2) >= 0) {
		json_decref(s.roles);
		return item_map(m, it, item_no(s.key + 2), targets, text, len);
	}
	/* A role of the data: likewise, kept per role. */
	if (s.key[0] == 'r') {
		json_decref(s.roles);
		return role_map(m, s.key + 2, targets, text, len);
	}
	/* Records of one function get the same map: build and encode it
	 * once. */
	if (s.key[0] && (hit = json_object_get(m->annotations, s.key))) {
		json_decref(s.roles);
		if (json_is_null(hit))
			return 0;
		*text = json_string_value(hit);
		*len = json_string_length(hit);
		return 1;
	}
	map = json_object();
	if (s.fn) {
		for (int t = 5; t <= 6; t++)
			if (targets & (1u << t))
				json_object_set_new(map, target_keys[t], map_function(s.fn, t));
	} else {
		if (targets & MAP_NICE)
			json_object_set_new(map, "nice", map_nice(m, &s));
		for (int t = 1; t <= 4; t++)
			if (targets & (1u << t))
				json_object_set_new(map, target_keys[t], map_role_crosswalk(m, &s, t));
	}
	json_decref(s.roles);
	char *dump = json_object_size(map) ? json_dumps(map, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(map);
	hit = dump ? json_string_nocheck(dump) : json_null();
	free(dump);
	if (s.key[0])
		json_object_set_new(m->annotations, s.key, hit);
	else {
		json_decref(m->scratch);
		m->scratch = hit;
	}
	if (json_is_null(hit))
		return 0;
	*text = json_string_value(hit);
	*len = json_string_length(hit);
	return 1;
}
