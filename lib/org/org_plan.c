/* org_plan.c - the organisation model's csf-plan stage: every finding
 * becomes the actions that the table of org.ndjson ("org_action" records,
 * one or more per rule) lists for its rule, with the task, the units and,
 * for an unstaffed security area, STEP4's ways to get people. Another
 * kind of action is one more record in that table. */
#include <stdlib.h>
#include <string.h>

#include "org/help.h"
#include "org/org.h"

/* "{task}" etc. in the action's text, in one language. */
static char *
fill(const char *tmpl, const json_t *vars, const char *lang)
{
	size_t cap = strlen(tmpl) + 256, len = 0;
	char *out = xmalloc(cap);
	for (const char *p = tmpl; *p; ) {
		const char *end = *p == '{' ? strchr(p, '}') : NULL;
		const char *val = NULL;
		if (end) {
			char name[32];
			size_t n = (size_t)(end - p - 1);
			if (n < sizeof name) {
				memcpy(name, p + 1, n);
				name[n] = '\0';
				json_t *v = json_object_get(vars, name);
				val = csf_str(v, lang);
			}
		}
		size_t add = val ? strlen(val) : 1;
		if (len + add + 1 > cap) {
			cap = 2 * (len + add + 1);
			out = xrealloc(out, cap);
		}
		if (val) {
			memcpy(out + len, val, add);
			len += add;
			p = end + 1;
		} else {
			out[len++] = *p++;
		}
	}
	out[len] = '\0';
	return out;
}

static json_t *
both(const char *ja, const char *en)
{
	return json_pack("{s:s,s:s}", "ja", ja, "en", en);
}

/* Join the strings of arr, or the lang member of its objects. */
static char *
join(const json_t *arr, const char *member, const char *lang, const char *sep)
{
	size_t cap = 64, len = 0;
	char *out = xmalloc(cap);
	out[0] = '\0';
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v) {
		const char *s = member ? csf_str(json_object_get(v, member), lang) : json_string_value(v);
		if (!s)
			continue;
		size_t need = len + strlen(sep) + strlen(s) + 1;
		if (need > cap) {
			cap = 2 * need;
			out = xrealloc(out, cap);
		}
		if (len) {
			strcpy(out + len, sep);
			len += strlen(sep);
		}
		strcpy(out + len, s);
		len += strlen(s);
	}
	return out;
}

static void
emit_actions(json_t *gap, const char *rule)
{
	const char *subject = csf_str(gap, "subject"), *task = csf_str(gap, "task");
	json_t *vars = json_object();
	if (task) {
		json_t *name = json_object_get(gap, "task_name");
		char ja[1024], en[1024];
		snprintf(ja, sizeof ja, "%s（%s）", task, name ? csf_str(name, "ja") ? csf_str(name, "ja") : "" : "");
		snprintf(en, sizeof en, "%s (%s)", task, name ? csf_str(name, "en") ? csf_str(name, "en") : "" : "");
		json_object_set_new(vars, "task", both(ja, en));
	}
	json_t *names = json_object_get(gap, "unit_names");
	char *uja = join(names ? names : json_object_get(gap, "units"), NULL, NULL, "、");
	char *uen = join(names ? names : json_object_get(gap, "units"), NULL, NULL, ", ");
	json_object_set_new(vars, "units", both(uja, uen));
	free(uja);
	free(uen);
	const char *xsirt = csf_str(gap, "xsirt");
	if (xsirt)
		json_object_set_new(vars, "xsirt", both(xsirt, xsirt));
	json_t *ways = csf_data_all("acquisition");
	char *wja = join(ways, "name", "ja", "、"), *wen = join(ways, "name", "en", "; ");
	json_object_set_new(vars, "ways", both(wja, wen));
	free(wja);
	free(wen);

	size_t i;
	json_t *a;
	json_array_foreach(csf_data_all("org_action"), i, a) {
		const char *r = csf_str(a, "rule");
		if (!r || strcmp(r, rule) != 0)
			continue;
		json_t *text = json_object_get(a, "text");
		char *ja = fill(csf_str(text, "ja"), vars, "ja"), *en = fill(csf_str(text, "en"), vars, "en");
		json_t *p = json_pack("{s:s,s:s,s:s,s:s,s:s}", "type", "plan", "kind", "org_action",
		                      "subject", subject, "rule", csf_str(gap, "rule") ? csf_str(gap, "rule") : rule,
		                      "action", csf_str(a, "id"));
		if (task)
			json_object_set_new(p, "task", json_string(task));
		json_t *units = json_object_get(gap, "units");
		json_object_set_new(p, "units", units ? json_incref(units) : json_array());
		if (xsirt)
			json_object_set_new(p, "xsirt", json_string(xsirt));
		json_object_set_new(p, "text", both(ja, en));
		free(ja);
		free(en);
		if (strcmp(csf_str(a, "id"), "get-people") == 0) {
			json_t *opts = json_array(), *w;
			size_t k;
			json_array_foreach(ways, k, w)
				json_array_append_new(opts, json_pack("{s:O,s:O}", "id", json_object_get(w, "id"), "name", json_object_get(w, "name")));
			json_object_set_new(p, "options", opts);
		}
		if (strcmp(csf_str(a, "id"), "plus-security") == 0) {
			json_t *ex = json_array(), *e;
			size_t k;
			json_array_foreach(csf_data_all("plus_security_example"), k, e)
				json_array_append_new(ex, json_pack("{s:O,s:O,s:O}", "id", json_object_get(e, "id"),
				                      "who", json_object_get(e, "who"), "risk", json_object_get(e, "risk")));
			json_object_set_new(p, "examples", ex);
		}
		json_object_set(p, "source", json_object_get(a, "source"));
		csf_emit_new(p);
	}
	json_decref(vars);
}

int
org_plan_record(csf_input *in, const csf_line *ln, json_t *rec)
{
	(void)in;
	const char *type = csf_str(rec, "type"), *kind = csf_str(rec, "kind");
	if (type && strcmp(type, "org") == 0) {
		/* The organisation's profile: a small one gets the dispatch schemes. */
		csf_pass_record(ln, rec);
		help_plan_dispatch(rec);
		return 1;
	}
	if (!kind || strncmp(kind, "org", 3) != 0)
		return 0;
	csf_pass_record(ln, rec);
	if (strcmp(kind, "org_task") == 0) {
		/* Who does a task: an outsourced one names the service types to buy. */
		const json_t *vendors = json_object_get(rec, "outsource");
		if (json_array_size(vendors))
			help_plan_service(csf_str(rec, "subject"), csf_str(rec, "task"), vendors, "outsourced");
		return 1;
	}
	if (strcmp(kind, "org") == 0 && csf_str(rec, "rule")) {
		emit_actions(rec, csf_str(rec, "rule"));
		/* An area nobody covers, not even a vendor (an outsourced one was
		 * named with its task score above). */
		if (strcmp(csf_str(rec, "rule"), "no-inhouse-primary") == 0 && !json_array_size(json_object_get(rec, "units")))
			help_plan_service(csf_str(rec, "subject"), csf_str(rec, "task"), NULL, "no-inhouse-primary");
	}
	else if (strcmp(kind, "org_governance") == 0 && json_is_null(json_object_get(rec, "governance")))
		emit_actions(rec, "governance");
	else if (strcmp(kind, "org_xsirt") == 0 && json_is_false(json_object_get(rec, "covered")) &&
	         json_is_null(json_object_get(rec, "because")))
		emit_actions(rec, "xsirt");   /* no incident response at all: a CSIRT */
	return 1;
}

void
org_plan_finish(void)
{
}
