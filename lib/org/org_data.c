/* org_data.c - what the organisation model reads from share/csf: task
 * records of four kinds, the ITSS+ areas and framework roles behind a
 * task, and the model's own records (org.ndjson). Derived tables are built
 * once, on first use. */
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "org/org_int.h"

const char *const org_mode_name[ORG_NMODES] = { "own", "support", "outsource" };
const char *const org_perf_name[ORG_NPERF] = {
	"is", "other", "subsidiary", "ict_vendor", "security_vendor", "none"
};

int
org_mode_parse(const char *s)
{
	for (int i = 0; i < ORG_NMODES; i++)
		if (s && strcmp(s, org_mode_name[i]) == 0)
			return i;
	return ORG_NONE;
}

json_t *
org_task_record(const char *task)
{
	if (!task)
		return NULL;
	switch (task[0]) {
	case 'F': return csf_data_find("function", task);
	case 'I': return csf_data_find("itss_area", task);
	case 'T': return csf_data_find("task", task);
	case 'X': return csf_data_find("itss_task", task);
	}
	return NULL;
}

json_t *
org_task_name(const char *task)
{
	json_t *r = org_task_record(task);
	if (!r)
		return NULL;
	switch (task[0]) {
	case 'F': {
		/* the role text says what the function does; labels are headings */
		json_t *v = json_array_get(json_object_get(r, "role_text"), 0);
		return v ? v : json_array_get(json_object_get(r, "labels"), 0);
	}
	case 'T': return json_object_get(r, "text");
	default: return json_object_get(r, "name");
	}
}

/* Fold a name for matching: full-width ASCII to half-width, spaces out. */
static char *
fold(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2]) {
			unsigned cp = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				*o++ = (char)(cp - 0xFEE0);
				p += 3;
				continue;
			}
		}
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) {   /* ideographic space */
			p += 3;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		*o++ = (char)*p++;
	}
	*o = '\0';
	return out;
}

static json_t *area_roles_map;    /* area -> [roles] */
static json_t *task_areas_map;    /* task -> [areas] (T tasks, derived) */
static json_t *task_roles_map;    /* task -> [roles] (derived) */

void
org_add_unique(json_t *arr, const char *s)
{
	if (!csf_array_has(arr, s))
		json_array_append_new(arr, json_string(s));
}

/* Roles per area, from the roles' crosswalk cells (a cell may name two
 * areas joined by 、) matched to area names and aliases after folding. */
static void
build_area_roles(void)
{
	area_roles_map = json_object();
	json_t *areas = csf_data_all("itss_area"), *roles = csf_data_all("role"), *a, *r;
	size_t i, j;
	json_array_foreach(areas, i, a)
		json_object_set_new(area_roles_map, csf_str(a, "id"), json_array());
	json_array_foreach(roles, j, r) {
		json_t *cells = json_object_get(json_object_get(r, "crosswalk"), "itss_plus"), *c;
		size_t k;
		json_array_foreach(cells, k, c) {
			char *cell = xstrdup(json_string_value(c));
			/* split at 、 (E3 80 81) */
			for (char *part = cell, *next; part; part = next) {
				next = strstr(part, "\xE3\x80\x81");
				if (next) {
					*next = '\0';
					next += 3;
				}
				char *fp = fold(part);
				json_array_foreach(areas, i, a) {
					int hit = 0;
					char *fa = fold(json_string_value(json_object_get(json_object_get(a, "name"), "ja")));
					hit = strcmp(fa, fp) == 0;
					free(fa);
					json_t *al;
					size_t m;
					json_array_foreach(json_object_get(a, "aliases"), m, al) {
						char *fl = fold(json_string_value(al));
						hit |= strcmp(fl, fp) == 0;
						free(fl);
					}
					if (hit)
						org_add_unique(json_object_get(area_roles_map, csf_str(a, "id")), csf_str(r, "id"));
				}
				free(fp);
			}
			free(cell);
		}
	}
}

json_t *
org_task_areas(const char *task)
{
	static json_t *empty;
	if (!empty)
		empty = json_array();
	json_t *r = org_task_record(task);
	if (!r)
		return empty;
	switch (task[0]) {
	case 'X':
		return json_object_get(r, "areas");
	case 'F': {
		json_t *fo = csf_data_find("function_org", task);
		return fo ? json_object_get(fo, "areas") : empty;
	}
	}
	if (!task_areas_map)
		task_areas_map = json_object();
	json_t *got = json_object_get(task_areas_map, task);
	if (got)
		return got;
	got = json_array();
	if (task[0] == 'I') {
		json_array_append_new(got, json_string(task));
	} else {   /* T: the areas of its roles */
		if (!area_roles_map)
			build_area_roles();
		const char *area;
		json_t *rl, *role;
		size_t i, j;
		json_object_foreach(area_roles_map, area, rl) {
			int hit = 0;
			json_t *x;
			json_array_foreach(json_object_get(r, "roles"), i, role)
				json_array_foreach(rl, j, x)
					if (strcmp(json_string_value(x), json_string_value(role)) == 0)
						hit = 1;
			if (hit)
				json_array_append_new(got, json_string(area));
		}
	}
	json_object_set_new(task_areas_map, task, got);
	return got;
}

json_t *
org_task_roles(const char *task)
{
	json_t *r = org_task_record(task);
	if (r && task[0] == 'T')
		return json_object_get(r, "roles");
	if (!task_roles_map)
		task_roles_map = json_object();
	json_t *got = json_object_get(task_roles_map, task);
	if (got)
		return got;
	if (!area_roles_map)
		build_area_roles();
	got = json_array();
	json_t *a, *role;
	size_t i, j;
	json_array_foreach(org_task_areas(task), i, a)
		json_array_foreach(json_object_get(area_roles_map, json_string_value(a)), j, role)
			org_add_unique(got, json_string_value(role));
	json_object_set_new(task_roles_map, task, got);
	return got;
}

int
org_task_incident(const char *task)
{
	json_t *r = org_task_record(task);
	if (!r)
		return 0;
	switch (task[0]) {
	case 'X':
		return json_is_true(json_object_get(r, "incident"));
	case 'F': {
		json_t *fo = csf_data_find("function_org", task);
		return fo && json_is_true(json_object_get(fo, "incident"));
	}
	case 'T': {   /* tasks of role ④ 対処 (R04) answer incidents */
		json_t *role;
		size_t i;
		json_array_foreach(json_object_get(r, "roles"), i, role)
			if (strcmp(json_string_value(role), "R04") == 0)
				return 1;
		return 0;
	}
	}
	return 0;
}

json_t *
org_ref(const char *type, const char *id)
{
	json_t *r = csf_data_find(type, id);
	if (!r)
		csf_die(1, "%s/org.ndjson has no %s \"%s\"", csf_datadir(), type, id);
	return r;
}

json_t *
org_rule(const char *id)
{
	return org_ref("org_rule", id);
}
