/* org_assess.c - the organisation model's csf-assess stage. Unit,
 * assignment and org records are checked and copied through unchanged
 * (later stages and csf-render read the structure itself); when an
 * organisation ends, each task in its scope gets a "score" kind "org_task":
 * the strongest involvement (own > outsource > support > none), the kind
 * of performer that has it and the units per mode. A person's profile
 * that names a unit as its department and no role gets the roles behind
 * the unit's tasks. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "org/org.h"
#include "org/org_int.h"
#include "core/jw.h"
#include "core/fields.h"

static org_reader *reader;
static json_t *unit_roles;   /* "org\037unit" and "unit" -> {"role":[...],"target":n} */

/* A person's roles from the unit: kept up to date as assignments come, so
 * that a profile read after the unit's records gets them. */
static void
remember(const struct org *o, const struct org_asg *a)
{
	if (!o->unit[a->u].in_house || a->mode == ORG_OUTSOURCE)
		return;
	if (!unit_roles)
		unit_roles = json_object();
	char key[512];
	snprintf(key, sizeof key, "%s\037%s", o->subject, a->unit);
	const char *keys[2] = { key, a->unit };
	for (int k = 0; k < 2; k++) {
		json_t *v = json_object_get(unit_roles, keys[k]);
		if (k == 1 && v && json_object_get(v, "org") &&
		    strcmp(json_string_value(json_object_get(v, "org")), o->subject) != 0)
			continue;   /* a bare unit name means the first organisation that has it */
		if (!v) {
			v = json_pack("{s:[],s:i,s:s}", "role", "target", 0, "org", o->subject);
			json_object_set_new(unit_roles, keys[k], v);
		}
		int t = a->mode == ORG_OWN ? 3 : 2;
		if (t > json_integer_value(json_object_get(v, "target")))
			json_object_set_new(v, "target", json_integer(t));
		size_t i;
		json_t *r;
		json_array_foreach(org_task_roles(a->task), i, r)
			org_add_unique(json_object_get(v, "role"), json_string_value(r));
	}
}

static void
emit_task_scores(void *ctx, struct org *o)
{
	(void)ctx;
	jw w = { 0 };
	int *start, *idx = org_asg_by_task(o, &start);
	const char *task;
	json_t *v;
	int t = 0;
	json_object_foreach(o->scope, task, v) {
		const int *mine = idx + start[t];
		int n = start[t + 1] - start[t];
		t++;
		int perf, mode = org_task_mode_of(o, task, mine, n, &perf);
		jw_begin(&w);
		jw_str(&w, "type", "score");
		jw_str(&w, "kind", "org_task");
		jw_str(&w, "subject", o->subject);
		jw_str(&w, "task", task);
		jw_str(&w, "mode", mode == ORG_NONE ? "none" : org_mode_name[mode]);
		jw_str(&w, "performer", org_perf_name[perf]);
		for (int m = 0; m < ORG_NMODES; m++) {
			jw_array(&w, org_mode_name[m]);
			for (int k = 0; k < n; k++)
				if (o->asg[mine[k]].mode == m)
					jw_str(&w, NULL, o->asg[mine[k]].unit);
			jw_close(&w);
		}
		jw_emit(&w);
	}
	jw_free(&w);
	free(idx);
	free(start);
}

void
org_assess_start(int ungrouped)
{
	reader = org_reader_new(ungrouped, emit_task_scores, NULL);
}

void
org_assess_record(csf_input *in, const csf_line *ln, json_t *rec)
{
	struct org *o = org_reader_add(reader, in, ln, rec);
	if (!o)
		return;
	csf_pass_record(ln, rec);
	if (strcmp(csf_str(rec, "type"), "assignment") == 0)
		remember(o, &o->asg[o->nasg - 1]);
}

/* A short string member into buf; 0 if absent or not a string that fits. */
static int
field_str(const csf_field *f, char *buf, size_t size)
{
	return f->val && csf_field_str(f, buf, size) >= 0;
}

int
org_assess_fast(csf_input *in, const csf_line *ln)
{
	if (strcmp(ln->type, "assignment") != 0)
		return 0;
	csf_field f[] = { { "subject", NULL, 0 }, { "task", NULL, 0 }, { "unit", NULL, 0 }, { "mode", NULL, 0 },
	                  { "supervisor", NULL, 0 }, { "authority", NULL, 0 }, { "phase", NULL, 0 }, { "covers", NULL, 0 } };
	char subject[512], task[64], unit[512], mode[32], sup[512], phase[32];
	if (csf_line_fields(ln, f, 8) < 0 || f[7].val ||
	    !field_str(&f[0], subject, sizeof subject) || !*subject || !field_str(&f[1], task, sizeof task) ||
	    !field_str(&f[2], unit, sizeof unit) || !field_str(&f[3], mode, sizeof mode))
		return 0;   /* the parsed path says what is wrong, or reads "covers" */
	int has_sup = f[4].val && !csf_field_null(&f[4]), authority = -1;
	if ((has_sup && !field_str(&f[4], sup, sizeof sup)) || (f[6].val && !field_str(&f[6], phase, sizeof phase)))
		return 0;
	if (f[5].val) {
		if (f[5].len == 4 && !memcmp(f[5].val, "true", 4))
			authority = 1;
		else if (f[5].len == 5 && !memcmp(f[5].val, "false", 5))
			authority = 0;
		else
			return 0;
	}
	struct org *o = org_reader_peek(reader, in, ln, subject);
	if (!o)
		return 1;   /* reported */
	if (org_struct_add_asg(o, in, ln, task, unit, mode, has_sup ? sup : NULL, authority,
	                       f[6].val ? phase : NULL, ORG_DOM_IT)) {
		csf_pass(ln);
		remember(o, &o->asg[o->nasg - 1]);
	}
	return 1;
}

void
org_assess_matrix_row(csf_input *in, const csf_line *ln, json_t *row)
{
	const char *subject = csf_str(row, "subject"), *task = csf_str(row, "task");
	if (!subject || !task) {
		csf_input_bad(in, ln, "a tasks x units row needs \"subject\" and \"task\"");
		return;
	}
	struct org *o = org_reader_peek(reader, in, ln, subject);
	if (!o)
		return;
	const char *col;
	json_t *cell;
	json_object_foreach(row, col, cell) {
		if (!strcmp(col, "subject") || !strcmp(col, "task") || !strcmp(col, "name") || !strcmp(col, "type"))
			continue;
		const char *text = json_string_value(cell);
		if (!text || !*text)
			continue;
		/* CSV headers arrive lowercased: find the unit they name */
		const char *unit = col;
		for (int u = 0; u < o->nunit; u++)
			if (strcasecmp(o->unit[u].id, col) == 0)
				unit = o->unit[u].id;
		char mode[32];
		const char *slash = strchr(text, '/');
		size_t n = slash ? (size_t)(slash - text) : strlen(text);
		if (n >= sizeof mode)
			n = sizeof mode - 1;
		memcpy(mode, text, n);
		mode[n] = '\0';
		json_t *a = json_pack("{s:s,s:s,s:s,s:s,s:s}", "type", "assignment", "subject", subject,
		                      "task", task, "unit", unit, "mode", mode);
		if (slash && slash[1])
			json_object_set_new(a, "supervisor", json_string(slash + 1));
		struct org *got = org_reader_add(reader, in, ln, a);
		if (got) {
			csf_emit(a);
			remember(got, &got->asg[got->nasg - 1]);
		}
		json_decref(a);
	}
}

void
org_assess_profile(json_t *rec)
{
	const char *dept = csf_str(rec, "department");
	if (!dept || !unit_roles)
		return;
	json_t *role = json_object_get(rec, "role"), *persona = json_object_get(rec, "persona");
	if ((role && !json_is_null(role)) || (persona && !json_is_null(persona)))
		return;
	const char *org = csf_str(rec, "org");
	json_t *v;
	if (org) {
		char key[512];
		snprintf(key, sizeof key, "%s\037%s", org, dept);
		v = json_object_get(unit_roles, key);
	} else {
		v = json_object_get(unit_roles, dept);
	}
	if (!v || !json_array_size(json_object_get(v, "role")))
		return;
	json_object_set(rec, "role", json_object_get(v, "role"));
	if (!json_object_get(rec, "target"))
		json_object_set(rec, "target", json_object_get(v, "target"));
}

void
org_assess_finish(void)
{
	org_reader_finish(reader);
	reader = NULL;
}
