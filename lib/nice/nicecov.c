/* nicecov.c - coverage of NICE work roles by the items records hold
 * (csf-map-nice --coverage). */
#include <stdlib.h>
#include <string.h>

#include "nice/nicemap_impl.h"

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
	const struct idlist *l = idlist_of(c->m->role_items, role);
	for (size_t i = 0; i < l->n; i++)
		cover_item(set, csf_data_item(l->v[i]));
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
	if ((rc = resolve_subject(obj, type, &s, err, errsz)) <= 0)
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
