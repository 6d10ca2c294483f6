/* nicemap_reverse.c - reverse look-up (which framework roles, items or
 * functions map to a NICE ID, an area or a name) and --work-role. */
#include <stdlib.h>
#include <string.h>

#include "core/jw.h"
#include "nice/nicemap_impl.h"

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
	json_t *rec, *roles = json_array(), *w;
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
			const struct idlist *l = idlist_of(m->wr_roles, wid);
			for (j = 0; j < l->n; j++) {
				const char *rid = l->v[j];
				if (json_object_get(seen, rid))
					continue;
				json_object_set_new(seen, rid, json_true());
				json_array_append_new(roles, role_entry(rid,
				    json_array_size(json_object_get(find_role(rid), "nice")), l->n));
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
	json_t *items = json_array(), *seen = json_object(), *wrs = json_array();
	const struct idlist *mine = idlist_of(m->nice_items, key);
	size_t n_theirs = mine->n;
	for (i = 0; i < mine->n; i++) {
		json_t *it = csf_data_item(mine->v[i]), *rl = json_array(), *r;
		json_array_foreach(json_object_get(it, "roles"), j, r)
			if (json_is_string(r)) {
				json_array_append(rl, r);
				append_once(roles, seen, json_string_value(r));
			}
		size_t n_ours = json_array_size(json_object_get(it, "nice"));
		json_array_append_new(items, json_pack("{s:s, s:s?, s:o, s:s, s:I}", "id", mine->v[i],
		    "kind", csf_str(it, "type"), "roles", rl, "strength", strength(n_ours, n_theirs),
		    "maps_to", (json_int_t)n_ours));
	}
	struct wrlist listing = wrs_of(m, key);
	for (i = 0; i < listing.n; i++)
		json_array_append_new(wrs, json_string(wr_id(m, listing.w[i])));
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
	json_t *wr = json_object_get(m->wr_by_id, id), *roles;
	size_t i, w = wr ? wr_index(m, id) : 0;

	if (!wr) {
		const char *kind = nicemap_kind(m, id);
		csf_msgf(err, errsz, kind ? N_("%s is a NICE %s, not a work role") : N_("%s: no such work role in NICE %s"),
		    id, kind ? kind : m->version);
		return -1;
	}
	load_framework(m);
	roles = json_array();
	const struct idlist *rl = idlist_of(m->wr_roles, id);
	for (i = 0; i < rl->n; i++)
		json_array_append_new(roles, json_string(rl->v[i]));
	json_t *head = json_pack("{s:s, s:s, s:s, s:s, s:s}", "type", "nice_work_role", "id", id,
	    "name", csf_str(wr, "name"), "category", csf_str(wr, "category"), "version", m->version);
	if (m->db)
		json_object_set_new(head, "text", json_string(nice_text(m->db, id)));
	json_object_set_new(head, "counts", json_pack("{s:I, s:I, s:I}",
	    "task", (json_int_t)wr_list(m, w, 0)->n, "knowledge", (json_int_t)wr_list(m, w, 1)->n,
	    "skill", (json_int_t)wr_list(m, w, 2)->n));
	json_object_set_new(head, "roles", roles);
	csf_emit_new(head);
	for (int k = 0; k < 3; k++)
		for (i = 0; i < wr_list(m, w, k)->n; i++) {
			const char *nid = wr_list(m, w, k)->v[i];
			const struct idlist *il = idlist_of(m->nice_items, nid);
			/* The record written straight, 107 of them for one role:
			 * NIST's texts are valid UTF-8 (its loader checks), which jw
			 * escapes as csf_emit would. */
			static jw out;
			jw_begin(&out);
			jw_str(&out, "type", "nice_item");
			jw_str(&out, "work_role", id);
			jw_str(&out, "id", nid);
			jw_str(&out, "kind", kinds[k]);
			if (m->db)
				jw_str(&out, "text", nice_text(m->db, nid));
			jw_array(&out, "items");
			for (size_t j = 0; j < il->n; j++)
				jw_str(&out, NULL, il->v[j]);
			jw_close(&out);
			jw_emit(&out);
		}
	return 0;
}
