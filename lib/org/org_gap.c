/* org_gap.c - the organisation model's csf-gap stage. Per organisation
 * (when its records end): its governance-function type and what that type
 * usually covers, the xSIRT functions its profile calls for, and findings
 * ("gap" kind "org") by the rules of org.ndjson, each naming the task,
 * units, severity and the seed passage behind the rule. The plus-security
 * rule needs people, so it runs at the end of the input. With --by FIELD
 * the stage builds the distribution model instead (org_model.c). */
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "org/org_int.h"
#include "core/fields.h"

static struct {
	long overload;        /* -1: the rule's threshold from the data */
	const char *model_path;
	const char *by;
	int partial, merge;
	org_reader *reader;
	org_dist *dist;
	org_norm *norm;
	json_t *group_of;     /* --by: organisation -> group value (null if none) */
	json_t *people;       /* "org\037unit" or "\037unit" -> count */
	json_t *held;         /* [{subject, unit, name, tasks}] for plus-security */
} G = { -1, NULL, NULL, 0, 0, NULL, NULL, NULL, NULL, NULL, NULL };

int
org_gap_option(int c, const char *arg)
{
	switch (c) {
	case ORG_OPT_OVERLOAD:
		G.overload = csf_arg_long("--overload", arg, 1, 100000);
		return 1;
	case ORG_OPT_MODEL:
		G.model_path = arg;
		return 1;
	}
	return 0;
}

/* ---- findings ---- */

/* {"type":"gap","kind":"org","subject","rule","severity","title"[,"task","task_name"]} */
static json_t *
finding(const struct org *o, const char *rule, const char *task)
{
	json_t *r = org_rule(rule);
	json_t *f = json_pack("{s:s,s:s,s:s,s:s,s:O,s:O}", "type", "gap", "kind", "org",
	                      "subject", o->subject, "rule", rule,
	                      "severity", json_object_get(r, "severity"), "title", json_object_get(r, "title"));
	if (task) {
		json_object_set_new(f, "task", json_string(task));
		json_t *name = org_task_name(task);
		if (name)
			json_object_set(f, "task_name", name);
	}
	return f;
}

static void
set_units(json_t *f, const struct org *o, const int *units, int n)
{
	json_t *ids = json_array(), *names = json_array();
	for (int i = 0; i < n; i++) {
		json_array_append_new(ids, json_string(o->unit[units[i]].id));
		json_array_append_new(names, json_string(org_unit_name(&o->unit[units[i]])));
	}
	json_object_set_new(f, "units", ids);
	json_object_set_new(f, "unit_names", names);
}

static void
emit_finding(json_t *f, const char *rule)
{
	json_object_set(f, "source", json_object_get(org_rule(rule), "source"));
	csf_emit_new(f);
}

/* Indexes of the units with an assignment to task in the given modes
 * (bit per mode; bit 3 means "outsourced, whatever the mode"). */
static int
units_of(const struct org *o, const char *task, unsigned modes, int *out)
{
	int n = 0;
	for (int i = 0; i < o->nasg; i++) {
		const struct org_asg *a = &o->asg[i];
		if (strcmp(a->task, task) != 0)
			continue;
		if (!((modes >> a->mode) & 1) && !((modes & 8) && org_asg_outsourced(o, a)))
			continue;
		int seen = 0;
		for (int k = 0; k < n; k++)
			seen |= out[k] == a->u;
		if (!seen)
			out[n++] = a->u;
	}
	return n;
}

static int
by_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The tasks in scope, sorted, as a borrowed array of keys of o->scope. */
static const char **
scope_sorted(const struct org *o, size_t *n)
{
	*n = json_object_size(o->scope);
	const char **ids = xmalloc((*n ? *n : 1) * sizeof *ids), *k;
	size_t i = 0;
	json_t *v;
	json_object_foreach(o->scope, k, v)
		ids[i++] = k;
	qsort(ids, *n, sizeof *ids, by_str);
	return ids;
}

static void
rule_unowned(const struct org *o, const char **tasks, size_t nt, int *buf)
{
	for (size_t i = 0; i < nt; i++) {
		if (units_of(o, tasks[i], 1u << ORG_OWN | 1u << ORG_OUTSOURCE | 8, buf))
			continue;
		json_t *f = finding(o, "unowned", tasks[i]);
		set_units(f, o, buf, units_of(o, tasks[i], 1u << ORG_SUPPORT, buf));
		emit_finding(f, "unowned");
	}
}

static void
rule_unsupervised(const struct org *o, const char **tasks, size_t nt)
{
	for (size_t i = 0; i < nt; i++)
		for (int k = 0; k < o->nasg; k++) {
			const struct org_asg *a = &o->asg[k];
			if (strcmp(a->task, tasks[i]) || !org_asg_outsourced(o, a) || a->supervisor)
				continue;
			json_t *f = finding(o, "unsupervised-outsourcing", a->task);
			set_units(f, o, &a->u, 1);
			json_object_set_new(f, "mode", json_string(org_mode_name[a->mode]));
			emit_finding(f, "unsupervised-outsourcing");
		}
}

static void
rule_authority(const struct org *o, const char **tasks, size_t nt)
{
	for (size_t i = 0; i < nt; i++)
		for (int k = 0; k < o->nasg; k++) {
			const struct org_asg *a = &o->asg[k];
			if (strcmp(a->task, tasks[i]) || a->mode != ORG_OWN || a->authority != 0 || !o->unit[a->u].in_house)
				continue;
			json_t *f = finding(o, "no-authority", a->task);
			set_units(f, o, &a->u, 1);
			emit_finding(f, "no-authority");
		}
}

/* Does the profile call for a domain, and is it covered by incident work? */
static const struct { const char *flag, *domain, *xsirt; unsigned bit; } incident_domains[] = {
	{ NULL, "it", "CSIRT", ORG_DOM_IT },
	{ "sells_connected_products", "products", "PSIRT", ORG_DOM_PRODUCTS },
	{ "digital_services", "services", "DSIRT", ORG_DOM_SERVICES },
	{ "factories", "ot", "FSIRT", ORG_DOM_OT },
};

static int
incident_units(const struct org *o, unsigned bit, int *out)
{
	int n = 0;
	for (int i = 0; i < o->nasg; i++) {
		const struct org_asg *a = &o->asg[i];
		if (!(a->covers & bit) || !(a->incident || org_task_incident(a->task)))
			continue;
		int seen = 0;
		for (int k = 0; k < n; k++)
			seen |= out[k] == a->u;
		if (!seen)
			out[n++] = a->u;
	}
	return n;
}

static int
profile_flag(const struct org *o, const char *flag)
{
	return o->profile && json_is_true(json_object_get(o->profile, flag));
}

static void
rule_incident_scope(const struct org *o, int *buf)
{
	for (size_t d = 1; d < sizeof incident_domains / sizeof *incident_domains; d++) {
		if (!profile_flag(o, incident_domains[d].flag) || incident_units(o, incident_domains[d].bit, buf))
			continue;
		json_t *f = finding(o, "incident-scope", NULL);
		set_units(f, o, buf, 0);
		json_object_set_new(f, "domain", json_string(incident_domains[d].domain));
		json_object_set_new(f, "because", json_string(incident_domains[d].flag));
		json_object_set_new(f, "xsirt", json_string(incident_domains[d].xsirt));
		emit_finding(f, "incident-scope");
	}
}

static int
task_in_area(const char *task, const char *area)
{
	size_t i;
	json_t *a;
	json_array_foreach(org_task_areas(task), i, a)
		if (strcmp(json_string_value(a), area) == 0)
			return 1;
	return 0;
}

static void
rule_inhouse_primary(const struct org *o, int *buf)
{
	size_t i;
	json_t *area;
	json_array_foreach(csf_data_all("itss_area"), i, area) {
		if (!json_is_true(json_object_get(area, "security_primary")))
			continue;
		const char *id = csf_str(area, "id");
		int touched = 0, inhouse = 0, n = 0;
		for (int k = 0; k < o->nasg; k++) {
			const struct org_asg *a = &o->asg[k];
			if (!task_in_area(a->task, id))
				continue;
			touched = 1;
			/* an in-house unit doing or supporting it, or supervising the
			 * vendor who does it, is the in-house person STEP4 asks for */
			if ((o->unit[a->u].in_house && a->mode != ORG_OUTSOURCE) || a->supervisor) {
				inhouse = 1;
				continue;
			}
			int seen = 0;
			for (int j = 0; j < n; j++)
				seen |= buf[j] == a->u;
			if (!seen && !o->unit[a->u].in_house)
				buf[n++] = a->u;
		}
		if (!touched || inhouse)
			continue;
		json_t *f = finding(o, "no-inhouse-primary", id);
		set_units(f, o, buf, n);
		emit_finding(f, "no-inhouse-primary");
	}
}

/* Distinct tasks an in-house unit owns or supports. */
static long
unit_load(const struct org *o, int u)
{
	json_t *seen = json_object();
	for (int i = 0; i < o->nasg; i++)
		if (o->asg[i].u == u && o->asg[i].mode != ORG_OUTSOURCE)
			json_object_set_new(seen, o->asg[i].task, json_true());
	long n = (long)json_object_size(seen);
	json_decref(seen);
	return n;
}

static void
rule_overload(const struct org *o)
{
	long per = G.overload > 0 ? G.overload : (long)json_integer_value(json_object_get(org_rule("overload"), "threshold"));
	for (int u = 0; u < o->nunit; u++) {
		if (!o->unit[u].in_house)
			continue;
		long load = unit_load(o, u), limit = per * (o->unit[u].people > 1 ? o->unit[u].people : 1);
		if (load <= limit)
			continue;
		json_t *f = finding(o, "overload", NULL);
		set_units(f, o, &u, 1);
		json_object_set_new(f, "tasks", json_integer(load));
		json_object_set_new(f, "threshold", json_integer(limit));
		emit_finding(f, "overload");
	}
}

static const char *
group_value(const struct org *o, const char *by)
{
	json_t *v = o->profile ? json_object_get(o->profile, by) : NULL;
	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
rule_model(const struct org *o)
{
	if (!G.norm)
		return;
	const char *g = group_value(o, org_norm_by(G.norm));
	size_t i;
	json_t *t;
	json_array_foreach(org_norm_tasks(G.norm, g), i, t) {
		const char *task = json_string_value(t);
		int typical, mode = org_task_mode(o, task, NULL);
		double share;
		if (!org_norm_typical(G.norm, g, task, &typical, &share) || share <= 50 || mode == typical)
			continue;
		json_t *f = finding(o, "departs-from-model", task);
		json_object_set_new(f, "units", json_array());
		json_object_set_new(f, "by", json_string(org_norm_by(G.norm)));
		json_object_set_new(f, "value", g ? json_string(g) : json_null());
		json_object_set_new(f, "expected", json_string(typical == ORG_NONE ? "none" : org_mode_name[typical]));
		json_object_set_new(f, "share", json_real(share));
		json_object_set_new(f, "actual", json_string(mode == ORG_NONE ? "none" : org_mode_name[mode]));
		emit_finding(f, "departs-from-model");
	}
}

/* ---- governance type and xSIRT ---- */

static void
emit_governance(const struct org *o)
{
	json_t *g = o->profile ? json_object_get(o->profile, "governance") : NULL;
	const char *form = csf_str(g, "form"), *control = csf_str(g, "control"), *place = csf_str(g, "placement");
	json_t *r = json_pack("{s:s,s:s,s:s}", "type", "gap", "kind", "org_governance", "subject", o->subject);
	json_object_set_new(r, "form", form ? json_string(form) : json_null());
	json_object_set_new(r, "control", control ? json_string(control) : json_null());
	json_object_set_new(r, "placement", place ? json_string(place) : json_null());
	json_t *type = NULL;
	if (form && control) {
		char id[64];
		snprintf(id, sizeof id, "%s-%s", form, control);
		type = csf_data_find("governance_type", id);
	}
	json_object_set_new(r, "governance", type ? json_string(csf_str(type, "id")) : json_null());
	json_object_set(r, "name", type ? json_object_get(type, "name") : json_null());
	json_t *pl = place ? csf_data_find("governance_placement", place) : NULL;
	json_object_set(r, "placement_name", pl ? json_object_get(pl, "name") : json_null());
	json_t *covers = json_array(), *c;
	size_t i;
	json_array_foreach(type ? json_object_get(type, "covers") : NULL, i, c) {
		json_t *task = org_ref("governance_task", json_string_value(c));
		json_array_append_new(covers, json_pack("{s:O,s:O}", "id", c, "name", json_object_get(task, "name")));
	}
	json_object_set_new(r, "covers", covers);
	if (type)
		json_object_set(r, "desc", json_object_get(type, "desc"));
	json_object_set(r, "source", type ? json_object_get(type, "source") : json_object_get(org_ref("org_step", "STEP2"), "source"));
	csf_emit_new(r);
}

static void
emit_xsirt(const struct org *o, int *buf)
{
	for (size_t d = 0; d < sizeof incident_domains / sizeof *incident_domains; d++) {
		const char *flag = incident_domains[d].flag;
		if (flag && !profile_flag(o, flag))
			continue;
		json_t *x = org_ref("xsirt", incident_domains[d].xsirt);
		int n = incident_units(o, incident_domains[d].bit, buf);
		json_t *r = json_pack("{s:s,s:s,s:s,s:s}", "type", "gap", "kind", "org_xsirt",
		                      "subject", o->subject, "xsirt", incident_domains[d].xsirt);
		json_object_set_new(r, "because", flag ? json_string(flag) : json_null());
		json_object_set_new(r, "covered", json_boolean(n > 0));
		set_units(r, o, buf, n);
		static const char *const keys[] = { "name", "scope", "activities", "placement", "scale", "challenges", "caveat", "source" };
		for (size_t k = 0; k < sizeof keys / sizeof *keys; k++)
			if (json_object_get(x, keys[k]))
				json_object_set(r, keys[k], json_object_get(x, keys[k]));
		csf_emit_new(r);
	}
}

/* Keep what plus-security needs once the people are known. */
static void
hold_for_people(const struct org *o)
{
	for (int u = 0; u < o->nunit; u++) {
		if (!o->unit[u].in_house)
			continue;
		long load = unit_load(o, u);
		if (load)
			json_array_append_new(G.held, json_pack("{s:s,s:s,s:s,s:I}", "subject", o->subject,
			                      "unit", o->unit[u].id, "name", org_unit_name(&o->unit[u]), "tasks", (json_int_t)load));
	}
}

static void
close_org(void *ctx, struct org *o)
{
	(void)ctx;
	int *buf = xmalloc(((size_t)o->nunit + 1) * sizeof *buf);
	size_t nt;
	const char **tasks = scope_sorted(o, &nt);
	emit_governance(o);
	emit_xsirt(o, buf);
	rule_unowned(o, tasks, nt, buf);
	rule_unsupervised(o, tasks, nt);
	rule_authority(o, tasks, nt);
	rule_incident_scope(o, buf);
	rule_inhouse_primary(o, buf);
	rule_overload(o);
	rule_model(o);
	hold_for_people(o);
	free(tasks);
	free(buf);
}

/* ---- the stage ---- */

void
org_gap_start(const char *by, int partial, int merge, int ungrouped)
{
	G.by = by;
	G.partial = partial;
	G.merge = merge || (by && !partial);
	if (by) {
		G.dist = org_dist_new(by);
		G.group_of = json_object();
	} else {
		G.reader = org_reader_new(ungrouped, close_org, NULL);
		G.people = json_object();
		G.held = json_array();
		if (G.model_path)
			G.norm = org_norm_load(G.model_path);
	}
}

int
org_gap_wants(const char *type)
{
	if (G.by)
		return strcmp(type, "org") == 0 || strcmp(type, "score") == 0 ||
		       (G.merge && strcmp(type, "gap_partial") == 0);
	return org_is_struct_type(type) || strcmp(type, "profile") == 0 ||
	       (G.merge && strcmp(type, "gap_partial") == 0);
}

static void
note_person(json_t *rec)
{
	const char *dept = csf_str(rec, "department"), *org = csf_str(rec, "org");
	if (!dept)
		return;
	char key[512];
	snprintf(key, sizeof key, "%s\037%s", org ? org : "", dept);
	json_t *v = json_object_get(G.people, key);
	json_object_set_new(G.people, key, json_integer(v ? json_integer_value(v) + 1 : 1));
}

int
org_gap_record(csf_input *in, const csf_line *ln, json_t *rec)
{
	const char *type = csf_str(rec, "type"), *kind = csf_str(rec, "kind");
	if (G.by) {
		if (strcmp(type, "org") == 0) {
			const char *s = csf_str(rec, "subject");
			json_t *v = json_object_get(rec, G.by);
			if (s && !json_object_get(G.group_of, s)) {
				json_object_set_new(G.group_of, s, json_is_string(v) ? json_string(json_string_value(v)) : json_null());
				org_dist_add_org(G.dist, json_string_value(json_object_get(G.group_of, s)));
			}
			if (!G.partial)   /* a shard writes its sums only */
				csf_pass_record(ln, rec);
			return 1;
		}
		if (strcmp(type, "score") == 0 && kind && strcmp(kind, "org_task") == 0) {
			const char *s = csf_str(rec, "subject"), *task = csf_str(rec, "task");
			json_t *g = s ? json_object_get(G.group_of, s) : NULL;
			int mode = org_mode_parse(csf_str(rec, "mode")), perf = -1;
			const char *p = csf_str(rec, "performer");
			for (int k = 0; p && k < ORG_NPERF; k++)
				if (strcmp(p, org_perf_name[k]) == 0)
					perf = k;
			if (!g) {
				csf_input_bad(in, ln, "org_task score of \"%s\" comes before its \"org\" record: --by needs the org profile first", s ? s : "");
				return 1;
			}
			if (!task || !org_task_record(task)) {
				csf_input_bad(in, ln, "org_task score: unknown task \"%s\"", task ? task : "");
				return 1;
			}
			org_dist_add_task(G.dist, json_string_value(g), task, mode, perf);
			return 1;   /* consumed: the model replaces the scores */
		}
		if (G.merge && strcmp(type, "gap_partial") == 0 && kind && strcmp(kind, "org_model") == 0) {
			org_dist_merge(G.dist, in, ln, rec);
			return 1;
		}
		return 0;
	}
	if (strcmp(type, "gap_partial") == 0) {
		if (!kind || strcmp(kind, "org_model") != 0)
			return 0;   /* the TKS model's */
		/* --merge alone: the model's field comes with its partials */
		const char *by = csf_str(rec, "by");
		if (!G.dist && by)
			G.dist = org_dist_new(by);
		if (G.dist)
			org_dist_merge(G.dist, in, ln, rec);
		else
			csf_input_bad(in, ln, "gap_partial kind org_model needs \"by\", \"value\" (string or null), \"n\" (a count) and \"tasks\"");
		return 1;
	}
	if (strcmp(type, "profile") == 0) {
		note_person(rec);
		return 0;   /* the TKS stage passes it on */
	}
	if (org_is_struct_type(type)) {
		if (org_reader_add(G.reader, in, ln, rec))
			csf_pass_record(ln, rec);
		return 1;
	}
	return 0;
}

int
org_gap_fast(csf_input *in, const csf_line *ln)
{
	(void)in;
	if (G.by && (!strcmp(ln->type, "unit") || !strcmp(ln->type, "assignment"))) {
		if (!G.partial)   /* the model needs only org records and scores */
			csf_pass(ln);
		return 1;
	}
	if (!G.by || strcmp(ln->type, "score") != 0 || !strstr(ln->text, "\"org_task\""))
		return 0;
	csf_field f[] = { { "kind", NULL, 0 }, { "subject", NULL, 0 }, { "task", NULL, 0 }, { "mode", NULL, 0 },
	                  { "performer", NULL, 0 } };
	char kind[16], subject[512], task[64], mode[16], perf[32];
	if (csf_line_fields(ln, f, 5) < 0 || csf_field_str(&f[0], kind, sizeof kind) < 0 ||
	    strcmp(kind, "org_task") || csf_field_str(&f[1], subject, sizeof subject) < 0 ||
	    csf_field_str(&f[2], task, sizeof task) < 0 || csf_field_str(&f[3], mode, sizeof mode) < 0 ||
	    csf_field_str(&f[4], perf, sizeof perf) < 0)
		return 0;
	json_t *g = json_object_get(G.group_of, subject);
	int p = -1;
	for (int k = 0; k < ORG_NPERF; k++)
		if (!strcmp(perf, org_perf_name[k]))
			p = k;
	if (!g || !org_task_record(task) || p < 0 || (org_mode_parse(mode) == ORG_NONE && strcmp(mode, "none")))
		return 0;   /* the parsed path reports it */
	org_dist_add_task(G.dist, json_string_value(g), task, org_mode_parse(mode), p);
	return 1;
}

static void
emit_plus_security(void)
{
	if (!json_object_size(G.people))
		return;   /* no people in the stream: nothing to say */
	size_t i;
	json_t *h;
	json_array_foreach(G.held, i, h) {
		const char *subject = csf_str(h, "subject"), *unit = csf_str(h, "unit");
		char k1[512], k2[512];
		snprintf(k1, sizeof k1, "%s\037%s", subject, unit);
		snprintf(k2, sizeof k2, "\037%s", unit);
		if (json_object_get(G.people, k1) || json_object_get(G.people, k2))
			continue;
		json_t *r = org_rule("plus-security");
		json_t *f = json_pack("{s:s,s:s,s:s,s:s,s:O,s:O,s:[s],s:[O],s:O}", "type", "gap", "kind", "org",
		                      "subject", subject, "rule", "plus-security",
		                      "severity", json_object_get(r, "severity"), "title", json_object_get(r, "title"),
		                      "units", unit, "unit_names", json_object_get(h, "name"),
		                      "tasks", json_object_get(h, "tasks"));
		emit_finding(f, "plus-security");
	}
}

void
org_gap_finish(void)
{
	if (G.by) {
		org_dist_emit(G.dist, G.partial);
		org_dist_free(G.dist);
		json_decref(G.group_of);
		return;
	}
	if (G.dist) {   /* --merge alone */
		org_dist_emit(G.dist, 0);
		org_dist_free(G.dist);
	}
	org_reader_finish(G.reader);
	emit_plus_security();
	json_decref(G.people);
	json_decref(G.held);
	org_norm_free(G.norm);
}
