/* help.c - which outside help serves a task; see help.h. */
#include <string.h>
#include <strings.h>

#include "org/help.h"

/* Does the service type serve task, or one of the ITSS+ areas in areas? */
static int
serves(const json_t *svc, const char *task, const json_t *areas)
{
	if (csf_array_has(json_object_get(svc, "functions"), task) || csf_array_has(json_object_get(svc, "itss"), task))
		return 1;
	size_t i;
	json_t *a;
	json_array_foreach(areas, i, a)
		if (json_is_string(a) && csf_array_has(json_object_get(svc, "itss"), json_string_value(a)))
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

void
help_plan_service(const char *subject, const char *task, const json_t *units, const char *why)
{
	json_t *services = help_services(task);
	if (!json_array_size(services)) {
		json_decref(services);
		return;
	}
	json_t *p = json_pack("{s:s,s:s,s:s,s:s}", "type", "plan", "kind", "org_service",
	                      "subject", subject ? subject : "", "task", task);
	json_object_set(p, "units", units ? (json_t *)units : json_array());
	json_object_set_new(p, "why", json_string(why));
	/* Every type names the same list; say it once on the step. */
	json_object_set(p, "choose_from", json_object_get(json_array_get(services, 0), "choose_from"));
	size_t i;
	json_t *s;
	json_array_foreach(services, i, s)
		json_object_del(s, "choose_from");
	json_object_set_new(p, "services", services);
	json_object_set_new(p, "source", json_string("seed002:Fig 5.1-5.2:L1913-1925; seed002:L1395 (手引き 2.3 ②)"));
	csf_emit_new(p);
}

int
help_is_small(const json_t *org)
{
	const json_t *size = json_object_get(org, "size");
	if (json_is_integer(size))
		return json_integer_value(size) > 0 && json_integer_value(size) <= 300;
	static const char *const small[] = { "small", "sme", "micro", "小規模", "中小", "中小企業", "小" };
	const char *s = json_string_value(size);
	for (size_t i = 0; s && i < sizeof small / sizeof *small; i++)
		if (strcasecmp(s, small[i]) == 0)
			return 1;
	return 0;
}

int
help_plan_dispatch(const json_t *org)
{
	if (!help_is_small(org))
		return 0;
	json_t *p = json_pack("{s:s,s:s,s:s}", "type", "plan", "kind", "org_dispatch",
	                      "subject", csf_str(org, "subject") ? csf_str(org, "subject") : "");
	json_object_set_new(p, "schemes", help_dispatch());
	json_object_set_new(p, "source", json_string("seed002:Table 4.1:L1494-1504"));
	csf_emit_new(p);
	return 1;
}
