/* help.c - which outside help serves a task; see help.h. */
#include <string.h>

#include "org/help.h"

static int
lists(const json_t *arr, const char *id)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), id) == 0)
			return 1;
	return 0;
}

/* Does the service type serve task, or one of the ITSS+ areas in areas? */
static int
serves(const json_t *svc, const char *task, const json_t *areas)
{
	if (lists(json_object_get(svc, "functions"), task) || lists(json_object_get(svc, "itss"), task))
		return 1;
	size_t i;
	json_t *a;
	json_array_foreach(areas, i, a)
		if (json_is_string(a) && lists(json_object_get(svc, "itss"), json_string_value(a)))
			return 1;
	return 0;
}

json_t *
help_services(const char *task)
{
	json_t *out = json_array();
	if (!task)
		return out;
	/* An ITSS+ example task is served through the areas it belongs to;
	 * a function or an area is matched as itself. */
	const json_t *example = strncmp(task, "ITSS", 4) && task[0] != 'F'
	    ? csf_data_find("itss_task", task) : NULL;
	const json_t *areas = json_object_get(example, "areas");
	size_t i;
	json_t *svc;
	json_array_foreach(csf_data_all("service_type"), i, svc) {
		if (!serves(svc, task, areas))
			continue;
		json_t *o = json_object();
		json_object_set(o, "id", json_object_get(svc, "id"));
		json_object_set(o, "name", json_object_get(svc, "name"));
		json_object_set(o, "choose_from", json_object_get(svc, "choose_from"));
		json_array_append_new(out, o);
	}
	return out;
}

json_t *
help_dispatch(void)
{
	json_t *out = json_array();
	size_t i;
	json_t *ds;
	json_array_foreach(csf_data_all("dispatch_scheme"), i, ds) {
		if (!json_is_true(json_object_get(ds, "small_org")))
			continue;
		json_t *o = json_object();
		static const char *const keys[] = { "id", "org", "name", "published" };
		for (int k = 0; k < 4; k++)
			json_object_set(o, keys[k], json_object_get(ds, keys[k]));
		json_array_append_new(out, o);
	}
	return out;
}
