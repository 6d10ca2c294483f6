/* nicemap_impl.h - what the parts of the crosswalk code share (not for
 * other folders): the map's state, ID shapes, small index helpers, and the
 * loaders in nicemap.c. The parts: nicemap.c (loading and targets),
 * nicemap_forward.c (annotate), nicemap_reverse.c (reverse, --work-role),
 * nicecov.c (--coverage), nicediff.c (--diff). */
#ifndef CSF_NICEMAP_IMPL_H
#define CSF_NICEMAP_IMPL_H

#include <ctype.h>
#include <string.h>

#include "core/fields.h"
#include "core/strmap.h"
#include "nice/nicemap.h"

struct nicemap {
	nice_db *db;
	char version[32];
	json_t *wrs;        /* [{id,name,category,text?}] in NIST order */
	struct wr_lists *wl; /* per element of wrs: its task, knowledge and skill IDs */
	json_t *wr_by_id;   /* id -> element of wrs */
	json_t *cats;       /* [{id,name}] in NIST order */
	json_t *cat_by_id;
	/* The indexes a look-up needs are strmaps of idlists (building them
	 * as jansson objects cost more than the rest of a run). */
	/* NICE T/K/S id -> the work roles listing it and (without NIST's
	 * file) its kind, from the lists (wrs_of): one table for every path.
	 * IDs of NICE's shape by number (a strmap of all 1 821 IDs was a
	 * sixth of a run), others in a strmap. */
	int wrs_indexed;
	struct wrs_at *wrs_at;     /* per number: its entries and kind */
	unsigned *wrs_entry;       /* places in wrs, each number's together */
	strmap *nice_wrs;          /* IDs of another shape -> struct wrset */
	const char **listed;       /* every ID the lists hold, once, in their order */
	size_t nlisted;
	int *entry_listed;         /* per entry of the lists, in their order: its ID's place + 1 in listed */
	strmap *wrs_scanned;       /* before the index: the IDs looked up by a scan */
	int roles_valid;           /* every role line validated (validate_roles) */
	int fw_loaded;
	strmap *nice_items; /* NICE id -> framework item ids */
	strmap *wr_roles;   /* work role id -> framework role ids */
	int xw_loaded;
	json_t *itss;       /* folded name, alias or id -> itss_area record */
	json_t *xw_roles;   /* "secbok\037folded value" -> [role ids]; itss by area id */
	int fn_loaded;
	json_t *fn_codes;   /* "nice1\037code" / "csf\037code" -> [function ids] */
	json_t *fn_maybe;   /* "csf\037RS.IM" -> [function ids] (csf_unplaced) */
	json_t *fn_names;   /* "nice1\037code" -> name object */
	json_t *annotations; /* subject key -> encoded map (or null: nothing) */
	json_t *scratch;    /* the last map of a subject that is not cached */
	struct forward *fw; /* the forward path's per-item caches (nicemap_forward.c), */
	void (*fw_free)(struct forward *);   /* and how it frees them (no call back into it) */
};

/* ---- loaders and look-ups (nicemap.c) ---- */
void load_framework(nicemap *m);
void load_crosswalks(nicemap *m);
void load_functions(nicemap *m);
/* The work roles listing NICE T/K/S ID: their places in m->wrs in the
 * lists' order (a work role listing it twice, twice), and its kind
 * without NIST's file (the list it is in last). Borrowed, valid as long
 * as the map. */
struct wrlist {
	const unsigned *w;
	size_t n;
	const char *kind;
};
struct wrlist wrs_of(nicemap *m, const char *id);
/* A NICE number's entries in m->wrs_entry (index_wr_lists). */
struct wrs_at {
	unsigned start, n;
	unsigned listed;       /* its place + 1 in m->listed; 0 none */
	unsigned char kind;    /* 1 + the list it is in last; 0 none */
};
/* The place + 1 in m->listed of the ID at S (N bytes, then a NUL), 0 if
 * no work role lists it; builds the index. */
unsigned listed_at(nicemap *m, const char *s, size_t n);
/* The table wrs_of reads, built now (else after a few IDs looked up by
 * scanning the lists): for paths that look up every item's IDs. */
void index_wr_lists(nicemap *m);
/* The id of work role W (its place in m->wrs). */
const char *wr_id(const nicemap *m, size_t w);
/* nicemap_kind of ID, LEN bytes unescaped; LISTED when an item of the
 * data lists it (its kind then follows from its prefix without indexing
 * the items' lists). */
const char *kind_of(nicemap *m, const char *id, size_t len, int listed);
/* Every role line validated, once (as building their trees would). */
void validate_roles(nicemap *m);
json_t *find_role(const char *id);
/* The place of work role ID in m->wrs; (size_t)-1 if it is none. */
size_t wr_index(const nicemap *m, const char *id);
/* The ITSS+ areas NAME stands for: one (its folded whole, as FIND finds
 * it in CTX), or several when a cell lists them in one string
 * ("セキュリティ監査、システム監査"); none if any part is unknown. Their
 * count, and what FIND gave in *OUT (malloc'd, or NULL). */
size_t itss_split(const char *name, const void *(*find)(const void *ctx, const char *folded),
                  const void *ctx, const void ***out);
/* The same as an array of the area records m->itss holds (borrowed). */
json_t *itss_areas(json_t *itss, const char *name);
int target_index(unsigned target);
extern const char *const target_keys[], *const target_names[];

/* ---- forward (nicemap_forward.c) ---- */
/* What a record stands for: framework roles, an item, or a function. */
struct subject {
	json_t *item;    /* the item record (stream or data), borrowed */
	json_t *roles;   /* [role records], owned */
	json_t *fn;      /* function record, borrowed */
	char key[64];    /* "i:T001", "r:R04", "f:F08" when it comes from the
	                    data (its mapping can be cached), else "" */
};
/* Resolve OBJ; 0 if it names nothing mappable, -1 on an unknown ID. */
int resolve_subject(json_t *obj, const char *type, struct subject *s, char *err, size_t errsz);

/* ---- small helpers ---- */

static inline int
digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return s[n] == '\0';
}

static inline int is_role_id(const char *s) { return s && s[0] == 'R' && digits(s + 1, 2); }
static inline int is_item_id(const char *s) { return s && s[0] && strchr("TKS", s[0]) && digits(s + 1, 3); }
static inline int is_function_id(const char *s) { return s && s[0] == 'F' && digits(s + 1, 2); }
/* T, K, S: 0, 1, 2 (task, knowledge, skill); -1 for another letter. */
static inline int tks_no(char c) { return c == 'T' ? 0 : c == 'K' ? 1 : c == 'S' ? 2 : -1; }

/* The number of the framework's item ID, a T/K/S and three digits (T001: 1),
 * -1 for another shape. */
static inline int
item_no(const char *id)
{
	return is_item_id(id) ? (id[1] - '0') * 100 + (id[2] - '0') * 10 + (id[3] - '0') : -1;
}

/* A NICE T/K/S ID's number (T1023: 1023, K0004: 10004, S0001: 20001)
 * from the five bytes at ID, -1 for another shape. Digit by digit: a
 * shorter NUL-terminated ID ends before the next is read. */
#define NICE_NUMBERS 30000
static inline int
nice_no_at(const char *id)
{
	const unsigned char *p = (const unsigned char *)id;
	int base = p[0] == 'T' ? 0 : p[0] == 'K' ? 10000 : p[0] == 'S' ? 20000 : -1;
	unsigned a, b, c, d;
	if (base < 0 || (a = p[1] - '0') > 9 || (b = p[2] - '0') > 9 || (c = p[3] - '0') > 9
	    || (d = p[4] - '0') > 9)
		return -1;
	return base + (int)(a * 1000 + b * 100 + c * 10 + d);
}

/* The same for a NUL-terminated ID, */
static inline int
nice_no(const char *id)
{
	int no = nice_no_at(id);
	return no >= 0 && !id[5] ? no : -1;
}

/* and for one of N bytes. */
static inline int
nice_no_n(const char *id, size_t n)
{
	return n == 5 ? nice_no_at(id) : -1;
}
/* NICE T/K/S IDs have four digits; the framework's have three. */
static inline int is_nice_tks(const char *s) { return s && s[0] && strchr("TKS", s[0]) && digits(s + 1, 4); }

static inline const char *
kind_of_prefix(char c)
{
	return c == 'T' ? "task" : c == 'K' ? "knowledge" : "skill";
}

/* Append string S to the array stored under KEY in index IDX. */
static inline void
multi_add(json_t *idx, const char *key, const char *s)
{
	json_t *a = json_object_get(idx, key);
	if (!a) {
		a = json_array();
		json_object_set_new(idx, key, a);
	}
	json_array_append_new(a, json_string(s));
}

/* The strings listed under a key of a strmap index, in the order added.
 * They are borrowed: IDs of the data (csf_data_id) or of m->wrs, which
 * live as long as the map. */
struct idlist {
	const char **v;
	size_t n, cap;
	const char *kind;   /* nice_wrs: the list the ID is in (static) */
};

static inline void
idlist_push(struct idlist *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 4;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = s;
}

static inline struct idlist *
idlist_add(strmap *idx, const char *key, const char *s)
{
	int created;
	void **slot = strmap_slot(idx, key, &created);
	if (created)
		*slot = xcalloc(1, sizeof(struct idlist));
	idlist_push(*slot, s);
	return *slot;
}

/* A work role's task (0), knowledge (1) and skill (2) IDs, kept as C
 * arrays: as jansson strings, NICE's 5 334 list entries were a third of a
 * one-record run. The IDs are NIST's file's, or unescaped into store. */
struct wr_lists {
	struct idlist l[3];
	char *store;
	const char *id;     /* its id (wr_id) */
};

static inline const struct idlist *
wr_list(const nicemap *m, size_t w, int kind)
{
	return &m->wl[w].l[kind];
}

/* Never NULL: a key not there lists nothing. */
static inline const struct idlist *
idlist_of(const strmap *idx, const char *key)
{
	static const struct idlist none;
	const struct idlist *l = idx && key ? strmap_get(idx, key) : NULL;
	return l ? l : &none;
}

static inline void
idlist_free(void *p)
{
	struct idlist *l = p;
	free(l->v);
	free(l);
}

/* Append S to array A unless SEEN (an object used as a set) has it. */
static inline void
append_once(json_t *a, json_t *seen, const char *s)
{
	if (json_object_get(seen, s))
		return;
	json_object_set_new(seen, s, json_true());
	json_array_append_new(a, json_string(s));
}

/* How a mapping pairs up: N_OURS is how many targets our element maps to,
 * N_THEIRS how many of our elements map to this target. */
static inline const char *
strength(size_t n_ours, size_t n_theirs)
{
	if (n_ours <= 1)
		return n_theirs <= 1 ? "one-to-one" : "many-to-one";
	return n_theirs <= 1 ? "one-to-many" : "many-to-many";
}


/* Crosswalk names are compared with full-width ASCII folded to half-width
 * and spaces dropped: "セキュリティ経営（ＣＩＳＯ）" = "セキュリティ経営 (CISO)". */
char *fold_name(const char *s);

#endif
