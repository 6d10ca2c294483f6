/* nicemap.c - crosswalks between the framework and NICE, ITSS+, SecBoK, the
 * 人材定義リファレンス, CSIJ, and between the interim report's functions and
 * NICE 1.0 / NIST CSF. See nicemap.h. All indexes are jansson objects (hash
 * tables) built once; arrays keep the order of the data files. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "nice/nicemap.h"

/* ---- small helpers ---- */

static int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return s[n] == '\0';
}

static int is_role_id(const char *s) { return s && s[0] == 'R' && digits(s + 1, 2); }
static int is_item_id(const char *s) { return s && s[0] && strchr("TKS", s[0]) && digits(s + 1, 3); }
static int is_function_id(const char *s) { return s && s[0] == 'F' && digits(s + 1, 2); }
/* NICE T/K/S IDs have four digits; the framework's have three. */
static int is_nice_tks(const char *s) { return s && s[0] && strchr("TKS", s[0]) && digits(s + 1, 4); }

static const char *
kind_of_prefix(char c)
{
	return c == 'T' ? "task" : c == 'K' ? "knowledge" : "skill";
}

/* Append string S to the array stored under KEY in index IDX. */
static void
multi_add(json_t *idx, const char *key, const char *s)
{
	json_t *a = json_object_get(idx, key);
	if (!a) {
		a = json_array();
		json_object_set_new(idx, key, a);
	}
	json_array_append_new(a, json_string(s));
}

static size_t
multi_count(json_t *idx, const char *key)
{
	return json_array_size(json_object_get(idx, key));
}

/* Append S to array A unless SEEN (an object used as a set) has it. */
static void
append_once(json_t *a, json_t *seen, const char *s)
{
	if (json_object_get(seen, s))
		return;
	json_object_set_new(seen, s, json_true());
	json_array_append_new(a, json_string(s));
}

/* How a mapping pairs up: N_OURS is how many targets our element maps to,
 * N_THEIRS how many of our elements map to this target. */
static const char *
strength(size_t n_ours, size_t n_theirs)
{
	if (n_ours <= 1)
		return n_theirs <= 1 ? "one-to-one" : "many-to-one";
	return n_theirs <= 1 ? "one-to-many" : "many-to-many";
}

/* Crosswalk names are compared with full-width ASCII folded to half-width
 * and spaces dropped: "セキュリティ経営（ＣＩＳＯ）" = "セキュリティ経営 (CISO)". */
static char *
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

struct nicemap;
static void load_framework(struct nicemap *m);

struct nicemap {
	nice_db *db;
	char version[32];
	json_t *wrs;        /* [{id,name,category,text?,task[],knowledge[],skill[]}] in NIST order */
	json_t *wr_by_id;   /* id -> element of wrs */
	json_t *cats;       /* [{id,name}] in NIST order */
	json_t *cat_by_id;
	json_t *nice_wrs;   /* NICE T/K/S id -> [work role ids listing it] */
	json_t *nice_kinds; /* NICE T/K/S id -> kind, from the lists (no db) */
	int fw_loaded;
	json_t *nice_items; /* NICE id -> [framework item ids] */
	json_t *wr_roles;   /* work role id -> [framework role ids] */
	json_t *role_items; /* role id -> [item ids] */
	int xw_loaded;
	json_t *itss;       /* folded name, alias or id -> itss_area record */
	json_t *xw_roles;   /* "secbok\037folded value" -> [role ids]; itss by area id */
	int fn_loaded;
	json_t *fn_codes;   /* "nice1\037code" / "csf\037code" -> [function ids] */
	json_t *fn_maybe;   /* "csf\037RS.IM" -> [function ids] (csf_unplaced) */
	json_t *fn_names;   /* "nice1\037code" -> name object */
	json_t *annotations; /* subject key -> encoded map (or null: nothing) */
	json_t *scratch;    /* the last map of a subject that is not cached */
};

static const char *target_keys[] = { "nice", "itss_plus", "secbok", "jinzai_ref", "csij", "nice1", "csf" };
static const char *target_names[] = { "nice", "itss", "secbok", "jinzai", "csij", "nice1", "csf" };

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

static int
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

/* Sort key of a NICE element: the title of its "sort" element (NIST's
 * display order, "00004.00003"), or FALLBACK. */
static const char *
sort_key(nice_db *db, const char *id, const char *fallback)
{
	size_t i, n;
	const char *const *l = nice_links(db, id, &n);

	for (i = 0; i < n; i++)
		if (strcmp(nice_kind(db, l[i]), "sort") == 0)
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
	size_t i, n = 0, total = nice_count(db);
	struct keyed *k = xcalloc(nice_count_kind(db, kind) + 1, sizeof *k);

	for (i = 0; i < total; i++) {
		const char *id = nice_id_at(db, i);
		if (strcmp(nice_kind(db, id), kind))
			continue;
		char fb[48] = "99999";
		if (strcmp(kind, "category") == 0)
			snprintf(fb, sizeof fb, "%s", category_order(id));
		if (strcmp(kind, "work_role") == 0) {
			/* A role without its own sort entry goes after its category's. */
			const char *cat = nice_parent_kind(db, id, "category");
			snprintf(fb, sizeof fb, "%.40s.99999", cat ? sort_key(db, cat, category_order(cat)) : "99999");
		}
		snprintf(k[n].key, sizeof k[n].key, "%s", sort_key(db, id, fb));
		k[n].id = id;
		n++;
	}
	qsort(k, n, sizeof *k, cmp_keyed);
	*np = n;
	return k;
}

static void
add_wr(nicemap *m, json_t *wr)
{
	json_array_append_new(m->wrs, wr);
	json_object_set(m->wr_by_id, csf_str(wr, "id"), wr);
}

/* NICE T/K/S ID -> the work roles listing it (and, without NIST's file,
 * its kind): built on first use, since listing a work role needs neither. */
static void
index_wr_lists(nicemap *m)
{
	static const char *kinds[] = { "task", "knowledge", "skill" };
	json_t *wr, *v;
	size_t w, i;

	if (m->nice_wrs)
		return;
	m->nice_wrs = json_object();
	m->nice_kinds = json_object();
	json_array_foreach(m->wrs, w, wr) {
		const char *id = csf_str(wr, "id");
		for (int k = 0; k < 3; k++)
			json_array_foreach(json_object_get(wr, kinds[k]), i, v) {
				multi_add(m->nice_wrs, json_string_value(v), id);
				if (!m->db)
					json_object_set_new(m->nice_kinds, json_string_value(v), json_string(kinds[k]));
			}
	}
}

static void
load_nice_from_db(nicemap *m)
{
	nice_db *db = m->db;
	size_t i, j, n, nl;
	struct keyed *k;

	snprintf(m->version, sizeof m->version, "%s", nice_version(db));
	k = sorted_kind(db, "category", &n);
	for (i = 0; i < n; i++) {
		json_t *c = json_pack("{s:s, s:s}", "id", k[i].id, "name", nice_title(db, k[i].id));
		json_array_append_new(m->cats, c);
		json_object_set(m->cat_by_id, k[i].id, c);
	}
	free(k);
	k = sorted_kind(db, "work_role", &n);
	for (i = 0; i < n; i++) {
		const char *id = k[i].id, *cat = nice_parent_kind(db, id, "category");
		const char *const *l = nice_links(db, id, &nl);
		json_t *lists[3] = { json_array(), json_array(), json_array() };
		for (j = 0; j < nl; j++) {
			const char *kind = nice_kind(db, l[j]);
			int x = !strcmp(kind, "task") ? 0 : !strcmp(kind, "knowledge") ? 1 : !strcmp(kind, "skill") ? 2 : -1;
			if (x >= 0)
				json_array_append_new(lists[x], json_string(l[j]));
		}
		add_wr(m, json_pack("{s:s, s:s, s:s?, s:s, s:o, s:o, s:o}", "id", id,
		    "name", nice_title(db, id), "category", cat, "text", nice_text(db, id),
		    "task", lists[0], "knowledge", lists[1], "skill", lists[2]));
	}
	free(k);
}

static void
load_nice_from_data(nicemap *m)
{
	json_t *all = csf_data_all("nice_work_role"), *r;
	size_t i;

	json_array_foreach(all, i, r) {
		const char *id = csf_str(r, "id");
		json_t *cat = json_object_get(r, "category");
		const char *cid = csf_str(cat, "id");
		if (!id || !cid)
			continue;
		if (!json_object_get(m->cat_by_id, cid)) {
			json_t *c = json_pack("{s:s, s:s}", "id", cid, "name", csf_text(json_object_get(cat, "name")));
			json_array_append_new(m->cats, c);
			json_object_set(m->cat_by_id, cid, c);
		}
		if (!m->version[0] && csf_str(r, "version"))
			snprintf(m->version, sizeof m->version, "%s", csf_str(r, "version"));
		json_t *t = json_object_get(r, "tasks"), *k = json_object_get(r, "knowledge"),
		    *s = json_object_get(r, "skills");
		add_wr(m, json_pack("{s:s, s:s, s:s, s:O, s:O, s:O}", "id", id,
		    "name", csf_text(json_object_get(r, "name")), "category", cid,
		    "task", json_is_array(t) ? t : json_array(),
		    "knowledge", json_is_array(k) ? k : json_array(),
		    "skill", json_is_array(s) ? s : json_array()));
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
	json_t **all[] = { &m->wrs, &m->wr_by_id, &m->cats, &m->cat_by_id, &m->nice_wrs,
	    &m->nice_kinds, &m->nice_items, &m->wr_roles, &m->role_items, &m->itss,
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
nicemap_kind(nicemap *m, const char *id)
{
	if (!id)
		return NULL;
	if (m->db)
		return nice_kind(m->db, id);
	if (json_object_get(m->wr_by_id, id))
		return "work_role";
	if (json_object_get(m->cat_by_id, id))
		return "category";
	index_wr_lists(m);
	if (json_object_get(m->nice_kinds, id))
		return json_string_value(json_object_get(m->nice_kinds, id));
	/* Without NIST's file we know the T/K/S IDs work roles list and those
	 * our items map to; any other (NIST has a few hundred in no work role)
	 * needs --nice to be told from a typo. */
	load_framework(m);
	return is_nice_tks(id) && json_object_get(m->nice_items, id) ? kind_of_prefix(id[0]) : NULL;
}

/* The framework: roles, items and the indexes between them and NICE. */
static void
load_framework(nicemap *m)
{
	static const char *types[] = { "task", "knowledge", "skill" };
	json_t *r, *v;
	size_t i, j;

	if (m->fw_loaded)
		return;
	m->fw_loaded = 1;
	m->nice_items = json_object();
	m->wr_roles = json_object();
	m->role_items = json_object();
	json_array_foreach(csf_data_all("role"), i, r) {
		const char *id = csf_str(r, "id");
		if (id)
			json_array_foreach(json_object_get(r, "nice"), j, v)
				if (json_is_string(v))
					multi_add(m->wr_roles, json_string_value(v), id);
	}
	for (int t = 0; t < 3; t++)
		json_array_foreach(csf_data_all(types[t]), i, r) {
			const char *id = csf_str(r, "id");
			if (!id)
				continue;
			json_array_foreach(json_object_get(r, "roles"), j, v)
				if (json_is_string(v))
					multi_add(m->role_items, json_string_value(v), id);
			json_array_foreach(json_object_get(r, "nice"), j, v)
				if (json_is_string(v))
					multi_add(m->nice_items, json_string_value(v), id);
		}
}

static json_t *
find_role(const char *id)
{
	return csf_data_find("role", id);
}

/* The ITSS+ areas NAME stands for: one, or several when a cell lists them
 * in one string ("セキュリティ監査、システム監査"); an empty array if any part
 * is unknown. Borrowed records. */
static json_t *
itss_areas(json_t *itss, const char *name)
{
	json_t *out = json_array(), *area;
	char *f = fold_name(name), *part, *next;

	if ((area = json_object_get(itss, f))) {
		json_array_append(out, area);
		free(f);
		return out;
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
		if (!(area = json_object_get(itss, part))) {
			json_array_clear(out);
			break;
		}
		json_array_append(out, area);
	}
	free(f);
	return out;
}

/* The ITSS+ areas and the roles' crosswalk lists, indexed by folded name. */
static void
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
static void
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

/* ---- forward ---- */

int
nicemap_owns(const char *type)
{
	static const char *owned[] = { "role", "task", "knowledge", "skill", "score", "gap", "function" };
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

	index_wr_lists(m);
	json_array_foreach(nice, i, v)
		json_array_foreach(json_object_get(m->nice_wrs, json_string_value(v)), j, w)
			json_object_set_new(set, json_string_value(w), json_true());
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

/* What a record stands for: framework roles, an item, or a function. */
struct subject {
	json_t *item;    /* the item record (stream or data), borrowed */
	json_t *roles;   /* [role records], owned */
	json_t *fn;      /* function record, borrowed */
	char key[64];    /* "i:T001", "r:R04", "f:F08" when it comes from the
	                    data (its mapping can be cached), else "" */
};

/* Resolve OBJ; 0 if it names nothing mappable, -1 on an unknown ID. */
static int
resolve(json_t *obj, const char *type, struct subject *s, char *err, size_t errsz)
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

int
nicemap_annotate(nicemap *m, json_t *obj, const char *type, unsigned targets,
    const char **text, size_t *len, char *err, size_t errsz)
{
	struct subject s;
	json_t *map, *hit;
	int rc = resolve(obj, type, &s, err, errsz);

	if (rc <= 0)
		return rc;
	/* Records of one item, role or function get the same map: build and
	 * encode it once. */
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

/* ---- reverse ---- */

const char *
nicemap_reverse_key(const json_t *obj, const char *type, unsigned target)
{
	if (target == MAP_NICE && (!strcmp(type, "nice_item") || !strcmp(type, "nice_work_role")))
		return csf_str(obj, "id");
	if (target == MAP_ITSS && !strcmp(type, "itss_area"))
		return csf_str(obj, "id");
	return NULL;
}

static json_t *
role_entry(const char *id, size_t n_ours, size_t n_theirs)
{
	json_t *r = find_role(id);

	return json_pack("{s:s, s:s, s:s, s:I}", "id", id, "name", csf_text(json_object_get(r, "name")),
	    "strength", strength(n_ours, n_theirs), "maps_to", (json_int_t)n_ours);
}

static json_t *
reverse_nice(nicemap *m, const char *key, char *err, size_t errsz)
{
	const char *kind = nicemap_kind(m, key);
	json_t *rec, *roles = json_array(), *v, *w;
	size_t i, j;

	if (!kind) {
		csf_msgf(err, errsz, m->db ? N_("%s: not in NICE %s (%s)") :
		    N_("%s: no NICE %s work role lists it and no item of ours maps to it%.0s; --nice FILE looks up every NICE element"),
		    key, m->version, m->db ? nice_path(m->db) : "");
		json_decref(roles);
		return NULL;
	}
	if (strcmp(kind, "work_role") && strcmp(kind, "category") && strcmp(kind, "task") &&
	    strcmp(kind, "knowledge") && strcmp(kind, "skill")) {
		csf_msgf(err, errsz, "%s is a NICE %s; only work roles, categories, tasks, knowledge and skills map", key, kind);
		json_decref(roles);
		return NULL;
	}
	load_framework(m);
	rec = json_pack("{s:s, s:s, s:s, s:s}", "type", "reverse", "to", "nice", "id", key, "kind", kind);
	if (!strcmp(kind, "work_role") || !strcmp(kind, "category")) {
		/* A category stands for all its work roles. */
		json_t *wrs = json_array(), *seen = json_object();
		if (!strcmp(kind, "work_role"))
			json_array_append_new(wrs, json_string(key));
		else
			json_array_foreach(m->wrs, i, w)
				if (!strcmp(csf_str(w, "category"), key))
					json_array_append_new(wrs, json_string(csf_str(w, "id")));
		json_object_set_new(rec, "name", json_string(!strcmp(kind, "work_role") ?
		    csf_str(json_object_get(m->wr_by_id, key), "name") :
		    csf_str(json_object_get(m->cat_by_id, key), "name")));
		if (!strcmp(kind, "work_role"))
			json_object_set_new(rec, "category", json_string(csf_str(json_object_get(m->wr_by_id, key), "category")));
		json_array_foreach(wrs, i, w) {
			const char *wid = json_string_value(w);
			json_array_foreach(json_object_get(m->wr_roles, wid), j, v) {
				const char *rid = json_string_value(v);
				if (json_object_get(seen, rid))
					continue;
				json_object_set_new(seen, rid, json_true());
				json_array_append_new(roles, role_entry(rid,
				    json_array_size(json_object_get(find_role(rid), "nice")),
				    multi_count(m->wr_roles, wid)));
			}
		}
		if (!strcmp(kind, "category"))
			json_object_set_new(rec, "work_roles", wrs);
		else
			json_decref(wrs);
		json_decref(seen);
		json_object_set_new(rec, "roles", roles);
		return rec;
	}
	if (m->db)
		json_object_set_new(rec, "text", json_string(nice_text(m->db, key)));
	index_wr_lists(m);
	json_t *items = json_array(), *seen = json_object(), *wrs = json_array();
	size_t n_theirs = multi_count(m->nice_items, key);
	json_array_foreach(json_object_get(m->nice_items, key), i, v) {
		json_t *it = csf_data_item(json_string_value(v)), *rl = json_array(), *r;
		json_array_foreach(json_object_get(it, "roles"), j, r)
			if (json_is_string(r)) {
				json_array_append(rl, r);
				append_once(roles, seen, json_string_value(r));
			}
		size_t n_ours = json_array_size(json_object_get(it, "nice"));
		json_array_append_new(items, json_pack("{s:s, s:s?, s:o, s:s, s:I}", "id", json_string_value(v),
		    "kind", csf_str(it, "type"), "roles", rl, "strength", strength(n_ours, n_theirs),
		    "maps_to", (json_int_t)n_ours));
	}
	json_array_foreach(json_object_get(m->nice_wrs, key), i, w)
		json_array_append(wrs, w);
	json_object_set_new(rec, "work_roles", wrs);
	json_object_set_new(rec, "items", items);
	json_object_set_new(rec, "roles", roles);
	json_decref(seen);
	return rec;
}

static json_t *
reverse_roles(nicemap *m, const char *key, unsigned target, char *err, size_t errsz)
{
	int t = target_index(target);
	char *f = fold_name(key), xkey[512];
	json_t *area = NULL, *rec, *roles = json_array(), *v;
	size_t i;

	load_framework(m);
	load_crosswalks(m);
	if (t == 1 && !(area = json_object_get(m->itss, f))) {
		csf_msgf(err, errsz, "%s: not an ITSS+ area", key);
		free(f);
		json_decref(roles);
		return NULL;
	}
	snprintf(xkey, sizeof xkey, "%s\037%s", target_names[t], area ? csf_str(area, "id") : f);
	free(f);
	json_t *list = json_object_get(m->xw_roles, xkey);
	if (!list && !area) {
		csf_msgf(err, errsz, "%s: no role lists it under %s", key, target_names[t]);
		json_decref(roles);
		return NULL;
	}
	json_array_foreach(list, i, v) {
		const char *rid = json_string_value(v);
		json_t *xw = json_object_get(json_object_get(find_role(rid), "crosswalk"), target_keys[t]), *x;
		size_t n_ours = 0, k;
		/* an ITSS+ cell naming two areas counts as two */
		json_array_foreach(xw, k, x) {
			json_t *areas = t == 1 && json_is_string(x) ? itss_areas(m->itss, json_string_value(x)) : NULL;
			n_ours += json_array_size(areas) ? json_array_size(areas) : 1;
			json_decref(areas);
		}
		json_array_append_new(roles, role_entry(rid, n_ours, json_array_size(list)));
	}
	rec = json_pack("{s:s, s:s, s:s}", "type", "reverse", "to", target_names[t],
	    "id", area ? csf_str(area, "id") : key);
	if (area)
		json_object_set_new(rec, "name", json_string(csf_text(json_object_get(area, "name"))));
	json_object_set_new(rec, "roles", roles);
	return rec;
}

static const char *
function_text(json_t *fn)
{
	json_t *rt = json_array_get(json_object_get(fn, "role_text"), 0);
	return csf_text(rt);
}

static json_t *
reverse_functions(nicemap *m, const char *key, unsigned target, char *err, size_t errsz)
{
	int t = target_index(target);
	char k[128];
	json_t *fns = json_array(), *v, *rec;
	size_t i;

	load_functions(m);
	snprintf(k, sizeof k, "%s\037%s", target_keys[t], key);
	json_t *exact = json_object_get(m->fn_codes, k), *maybe = json_object_get(m->fn_maybe, k);
	if (!exact && !maybe) {
		csf_msgf(err, errsz, "%s: no function maps to this %s code", key,
		    t == 5 ? "NICE 1.0" : "CSF");
		json_decref(fns);
		return NULL;
	}
	size_t n_theirs = json_array_size(exact) + json_array_size(maybe);
	for (int pass = 0; pass < 2; pass++)
		json_array_foreach(pass ? maybe : exact, i, v) {
			json_t *fn = csf_data_find("function", json_string_value(v));
			size_t n_ours = json_array_size(json_object_get(fn, target_keys[t])) +
			    (t == 6 ? json_array_size(json_object_get(fn, "csf_unplaced")) : 0);
			json_array_append_new(fns, json_pack("{s:s, s:s, s:s, s:s, s:I}", "id", json_string_value(v),
			    "text", function_text(fn), "placement", pass ? "possible" : "printed",
			    "strength", strength(n_ours, n_theirs), "maps_to", (json_int_t)n_ours));
		}
	rec = json_pack("{s:s, s:s, s:s, s:s, s:o}", "type", "reverse", "to", target_names[t], "id", key,
	    "name", csf_text(json_object_get(m->fn_names, k)), "functions", fns);
	return rec;
}

json_t *
nicemap_reverse(nicemap *m, const char *key, unsigned target, char *err, size_t errsz)
{
	switch (target) {
	case MAP_NICE:
		return reverse_nice(m, key, err, errsz);
	case MAP_NICE1:
	case MAP_CSF:
		return reverse_functions(m, key, target, err, errsz);
	default:
		return reverse_roles(m, key, target, err, errsz);
	}
}

/* ---- --work-role ---- */

int
nicemap_work_role(nicemap *m, const char *id, char *err, size_t errsz)
{
	static const char *kinds[] = { "task", "knowledge", "skill" };
	json_t *wr = json_object_get(m->wr_by_id, id), *v, *roles;
	size_t i;

	if (!wr) {
		const char *kind = nicemap_kind(m, id);
		csf_msgf(err, errsz, kind ? N_("%s is a NICE %s, not a work role") : N_("%s: no such work role in NICE %s"),
		    id, kind ? kind : m->version);
		return -1;
	}
	load_framework(m);
	roles = json_array();
	json_array_foreach(json_object_get(m->wr_roles, id), i, v)
		json_array_append(roles, v);
	json_t *head = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "nice_work_role", "id", id,
	    "name", csf_str(wr, "name"), "category", csf_str(wr, "category"), "version", m->version);
	if (csf_str(wr, "text"))
		json_object_set_new(head, "text", json_string(csf_str(wr, "text")));
	json_object_set_new(head, "counts", json_pack("{s:I, s:I, s:I}",
	    "task", (json_int_t)json_array_size(json_object_get(wr, "task")),
	    "knowledge", (json_int_t)json_array_size(json_object_get(wr, "knowledge")),
	    "skill", (json_int_t)json_array_size(json_object_get(wr, "skill"))));
	json_object_set_new(head, "roles", roles);
	csf_emit_new(head);
	for (int k = 0; k < 3; k++)
		json_array_foreach(json_object_get(wr, kinds[k]), i, v) {
			const char *nid = json_string_value(v);
			json_t *rec = json_pack("{s:s, s:s, s:s, s:s}", "type", "nice_item", "work_role", id,
			    "id", nid, "kind", kinds[k]);
			if (m->db)
				json_object_set_new(rec, "text", json_string(nice_text(m->db, nid)));
			json_t *items = json_array(), *it;
			size_t j;
			json_array_foreach(json_object_get(m->nice_items, nid), j, it)
				json_array_append(items, it);
			json_object_set_new(rec, "items", items);
			csf_emit_new(rec);
		}
	return 0;
}

/* ---- coverage ---- */

struct nicecov {
	nicemap *m;
	const char *by;
	json_t *groups;   /* group label -> set of covered NICE IDs */
	json_t *order;    /* group labels in first-seen order */
	json_t *labels;   /* group label -> the by-field's value as seen */
};

nicecov *
nicecov_new(nicemap *m, const char *by)
{
	nicecov *c = xcalloc(1, sizeof *c);

	c->m = m;
	c->by = by;
	c->groups = json_object();
	c->order = json_array();
	c->labels = json_object();
	load_framework(m);
	return c;
}

static json_t *
group_set(nicecov *c, const char *label, json_t *value)
{
	json_t *set = json_object_get(c->groups, label);

	if (!set) {
		set = json_object();
		json_object_set_new(c->groups, label, set);
		json_array_append_new(c->order, json_string(label));
		json_object_set(c->labels, label, value ? value : json_null());
	}
	return set;
}

static void
cover_item(json_t *set, json_t *item)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(item, "nice"), i, v)
		if (json_is_string(v))
			json_object_set_new(set, json_string_value(v), json_true());
}

static void
cover_role(nicecov *c, json_t *set, const char *role)
{
	json_t *v;
	size_t i;

	json_array_foreach(json_object_get(c->m->role_items, role), i, v)
		cover_item(set, csf_data_item(json_string_value(v)));
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

int
nicecov_add(nicecov *c, json_t *obj, const char *type, char *err, size_t errsz)
{
	struct subject s;
	json_t *value = NULL, *set;
	char label[256] = "";
	int rc;

	if (!strcmp(type, "function"))
		return 0;
	if ((rc = resolve(obj, type, &s, err, errsz)) <= 0)
		return rc;
	if (c->by) {
		value = json_object_get(obj, c->by);
		if (json_is_string(value))
			snprintf(label, sizeof label, "s%s", json_string_value(value));
		else if (value) {
			char *d = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
			snprintf(label, sizeof label, "j%s", d ? d : "");
			free(d);
		}
	}
	set = group_set(c, label, value);
	if (s.item) {
		if (is_covered(obj))
			cover_item(set, s.item);
	} else if (!strcmp(type, "role")) {
		cover_role(c, set, csf_str(obj, "id"));
	}
	/* score/gap records of a role (summaries) are read but add nothing. */
	json_decref(s.roles);
	return 1;
}

int
nicecov_add_role(nicecov *c, const char *role, char *err, size_t errsz)
{
	char label[256];

	if (!find_role(role)) {
		csf_msgf(err, errsz, "unknown role %s", role);
		return -1;
	}
	snprintf(label, sizeof label, "r%s", role);
	json_t *v = json_string(role);
	cover_role(c, group_set(c, label, v), role);
	json_decref(v);
	return 1;
}

static json_t *
share(size_t covered, size_t total)
{
	return json_pack("{s:I, s:I, s:f}", "covered", (json_int_t)covered, "total", (json_int_t)total,
	    "share", total ? csf_round((double)covered / (double)total, 3) : 0.0);
}

static size_t
count_in(json_t *list, json_t *set, json_t *distinct, json_t *distinct_cov)
{
	json_t *v;
	size_t i, n = 0;

	json_array_foreach(list, i, v) {
		const char *id = json_string_value(v);
		int has = json_object_get(set, id) != NULL;
		n += has;
		json_object_set_new(distinct, id, json_true());
		if (has)
			json_object_set_new(distinct_cov, id, json_true());
	}
	return n;
}

static json_t *
cov_record(nicecov *c, const char *label, const char *scope)
{
	json_t *rec = json_pack("{s:s}", "type", "nice_coverage");

	if (label[0] == 'r')
		json_object_set_new(rec, "role", json_string(label + 1));
	else if (c->by)
		json_object_set(rec, c->by, json_object_get(c->labels, label));
	json_object_set_new(rec, "scope", json_string(scope));
	return rec;
}

void
nicecov_finish(nicecov *c)
{
	json_t *g, *w, *cat;
	size_t gi, i, j;

	json_array_foreach(c->order, gi, g) {
		const char *label = json_string_value(g);
		json_t *set = json_object_get(c->groups, label);
		json_t *cats = json_object();  /* category -> {t, tc, ks, ksc, wr, wrc} */
		json_array_foreach(c->m->wrs, i, w) {
			const char *cid = csf_str(w, "category");
			json_t *cs = json_object_get(cats, cid);
			if (!cs) {
				cs = json_pack("{s:o, s:o, s:o, s:o, s:i, s:i}", "t", json_object(), "tc", json_object(),
				    "ks", json_object(), "ksc", json_object(), "wr", 0, "wrc", 0);
				json_object_set_new(cats, cid, cs);
			}
			size_t nt = count_in(json_object_get(w, "task"), set,
			    json_object_get(cs, "t"), json_object_get(cs, "tc"));
			size_t nk = count_in(json_object_get(w, "knowledge"), set,
			    json_object_get(cs, "ks"), json_object_get(cs, "ksc"));
			nk += count_in(json_object_get(w, "skill"), set,
			    json_object_get(cs, "ks"), json_object_get(cs, "ksc"));
			json_object_set_new(cs, "wr", json_integer(json_integer_value(json_object_get(cs, "wr")) + 1));
			if (nt + nk == 0)
				continue;
			json_object_set_new(cs, "wrc", json_integer(json_integer_value(json_object_get(cs, "wrc")) + 1));
			json_t *rec = cov_record(c, label, "work_role");
			json_object_set_new(rec, "id", json_string(csf_str(w, "id")));
			json_object_set_new(rec, "name", json_string(csf_str(w, "name")));
			json_object_set_new(rec, "category", json_string(cid));
			json_object_set_new(rec, "task", share(nt, json_array_size(json_object_get(w, "task"))));
			json_object_set_new(rec, "ks", share(nk, json_array_size(json_object_get(w, "knowledge")) +
			    json_array_size(json_object_get(w, "skill"))));
			csf_emit_new(rec);
		}
		json_array_foreach(c->m->cats, j, cat) {
			json_t *cs = json_object_get(cats, csf_str(cat, "id"));
			if (!cs)
				continue;
			json_t *rec = cov_record(c, label, "category");
			json_object_set_new(rec, "id", json_string(csf_str(cat, "id")));
			json_object_set_new(rec, "name", json_string(csf_str(cat, "name")));
			json_object_set_new(rec, "work_roles", share((size_t)json_integer_value(json_object_get(cs, "wrc")),
			    (size_t)json_integer_value(json_object_get(cs, "wr"))));
			json_object_set_new(rec, "task", share(json_object_size(json_object_get(cs, "tc")),
			    json_object_size(json_object_get(cs, "t"))));
			json_object_set_new(rec, "ks", share(json_object_size(json_object_get(cs, "ksc")),
			    json_object_size(json_object_get(cs, "ks"))));
			csf_emit_new(rec);
		}
		json_decref(cats);
	}
	json_decref(c->groups);
	json_decref(c->order);
	json_decref(c->labels);
	free(c);
}

/* ---- --diff ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* ID's outgoing links in DB, sorted, without "sort" elements (display
 * order only: v2.1.0 added them to every work role). */
static const char **
sorted_links(const nice_db *db, const char *id, size_t *np)
{
	size_t n, i, k = 0;
	const char *const *l = nice_links(db, id, &n);
	const char **s = xmalloc((n + 1) * sizeof *s);

	for (i = 0; i < n; i++)
		if (strcmp(nice_kind(db, l[i]), "sort"))
			s[k++] = l[i];
	qsort(s, k, sizeof *s, cmp_str);
	*np = k;
	return s;
}

/* Do ID's outgoing links differ between the two files (as sets)? */
static int
links_differ(const nice_db *a, const nice_db *b, const char *id)
{
	size_t na, nb, i;
	const char **sa = sorted_links(a, id, &na), **sb = sorted_links(b, id, &nb);
	int differ = na != nb;

	for (i = 0; i < na && !differ; i++)
		differ = strcmp(sa[i], sb[i]) != 0;
	free(sa);
	free(sb);
	return differ;
}

static void
tally(json_t *by_kind, const char *kind, const char *change)
{
	json_t *k = json_object_get(by_kind, kind);

	if (!k) {
		k = json_pack("{s:i, s:i, s:i}", "added", 0, "removed", 0, "changed", 0);
		json_object_set_new(by_kind, kind, k);
	}
	json_object_set_new(k, change, json_integer(json_integer_value(json_object_get(k, change)) + 1));
}

static void
diff_record(const char *id, const char *kind, const char *change, json_t *fields)
{
	json_t *rec = json_pack("{s:s, s:s, s:s, s:s}", "type", "nice_diff", "id", id, "kind", kind,
	    "change", change);

	if (fields)
		json_object_set_new(rec, "fields", fields);
	csf_emit_new(rec);
}

void
nice_diff(const nice_db *old, const nice_db *new_)
{
	json_t *by_kind = json_object();
	size_t i, n[3] = { 0, 0, 0 };

	for (i = 0; i < nice_count(old); i++) {
		const char *id = nice_id_at(old, i), *kind = nice_kind(old, id), *nkind = nice_kind(new_, id);
		if (!nkind) {
			diff_record(id, kind, "removed", NULL);
			tally(by_kind, kind, "removed");
			n[1]++;
			continue;
		}
		json_t *fields = json_array();
		if (strcmp(kind, nkind))
			json_array_append_new(fields, json_string("kind"));
		if (strcmp(nice_title(old, id), nice_title(new_, id)))
			json_array_append_new(fields, json_string("title"));
		if (strcmp(nice_text(old, id), nice_text(new_, id)))
			json_array_append_new(fields, json_string("text"));
		if (links_differ(old, new_, id))
			json_array_append_new(fields, json_string("links"));
		if (json_array_size(fields) == 0) {
			json_decref(fields);
			continue;
		}
		diff_record(id, nkind, "changed", fields);
		tally(by_kind, nkind, "changed");
		n[2]++;
	}
	for (i = 0; i < nice_count(new_); i++) {
		const char *id = nice_id_at(new_, i), *kind = nice_kind(new_, id);
		if (nice_kind(old, id))
			continue;
		diff_record(id, kind, "added", NULL);
		tally(by_kind, kind, "added");
		n[0]++;
	}
	csf_emit_new(json_pack("{s:s, s:s, s:s, s:I, s:I, s:I, s:o}", "type", "nice_diff_summary",
	    "old", nice_version(old), "new", nice_version(new_), "added", (json_int_t)n[0],
	    "removed", (json_int_t)n[1], "changed", (json_int_t)n[2], "by_kind", by_kind));
}
