/* nicemap_forward.c - forward mapping: what a role, item, score, gap or
 * function record maps to under the chosen targets (csf-map-nice). */
#include <stdlib.h>
#include <string.h>

#include "nice/nicemap_impl.h"

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

	json_array_foreach(nice, i, v) {
		struct idlist l = wrs_of(m, json_string_value(v));
		for (j = 0; j < l.n; j++)
			json_object_set_new(set, l.v[j], json_true());
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

int
nicemap_annotate(nicemap *m, json_t *obj, const char *type, unsigned targets,
    const char **text, size_t *len, char *err, size_t errsz)
{
	struct subject s;
	json_t *map, *hit;
	int rc = resolve_subject(obj, type, &s, err, errsz);

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
