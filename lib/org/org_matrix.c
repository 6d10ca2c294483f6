/* org_matrix.c - csf-assess --template for the organisation:
 *   --org   the tasks x units matrix as CSV (subject, task, name, one
 *           column per unit; cells own, support, outsource, outsource/SUP
 *           for an outsourced task with its supervisor, or blank), for a
 *           person to fill in; csf-assess reads it back as assignments;
 *   --unit  a person's template: the knowledge and skills (and tasks) of
 *           the framework roles behind what the unit owns (target 3),
 *           supports (2) or has outsourced or supervises (1). */
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "org/org_int.h"
#include "core/csv.h"   /* the one CSV cell writer */

static struct {
	int org;
	const char *unit;
	const char *sets;
} T = { 0, NULL, "functions,scope" };

int
org_assess_option(int c, const char *arg)
{
	switch (c) {
	case ORG_OPT_ORG: T.org = 1; return 1;
	case ORG_OPT_UNIT: T.unit = csf_arg_nonempty("--unit", arg); return 1;
	case ORG_OPT_TASKS: {
		static const char *const ok[] = { "functions", "areas", "examples", "scope" };
		char *copy = xstrdup(arg);
		for (char *p = strtok(copy, ","); p; p = strtok(NULL, ",")) {
			int hit = 0;
			for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
				hit |= strcmp(p, ok[i]) == 0;
			if (!hit)
				csf_usage_error("--org-tasks: unknown set \"%s\" (want functions, areas, examples, scope)", p);
		}
		free(copy);
		T.sets = arg;
		return 1;
	}
	}
	return 0;
}

int
org_template_wanted(void)
{
	return T.org || T.unit;
}

/* The organisations read, kept whole (a template reads small files). */
static struct org **held;
static int nheld;

static void
keep(void *ctx, struct org *o)
{
	(void)ctx;
	/* the reader frees o after this: keep a copy of what we need */
	struct org *c = org_struct_new(o->subject);
	c->nunit = o->nunit;
	c->unit = xmalloc(((size_t)o->nunit + 1) * sizeof *c->unit);
	for (int i = 0; i < o->nunit; i++) {
		c->unit[i] = o->unit[i];
		c->unit[i].id = xstrdup(o->unit[i].id);
		json_incref(c->unit[i].rec);
	}
	c->nasg = o->nasg;
	c->asg = xmalloc(((size_t)o->nasg + 1) * sizeof *c->asg);
	for (int i = 0; i < o->nasg; i++) {
		c->asg[i] = o->asg[i];
		c->asg[i].task = xstrdup(o->asg[i].task);
		c->asg[i].unit = xstrdup(o->asg[i].unit);
		c->asg[i].supervisor = o->asg[i].supervisor ? xstrdup(o->asg[i].supervisor) : NULL;
	}
	json_decref(c->scope);
	c->scope = json_deep_copy(o->scope);
	c->profile = json_incref(o->profile);
	held = xrealloc(held, ((size_t)nheld + 1) * sizeof *held);
	held[nheld++] = c;
}

static long
read_orgs(int nfiles, char **files)
{
	org_reader *r = org_reader_new(1, keep, NULL);
	char *stdin_only[] = { "-" };
	csf_input *in = csf_input_open(nfiles ? nfiles : 1, nfiles ? files : stdin_only);
	csf_line ln;
	while (csf_input_next(in, &ln)) {
		if (!org_is_struct_type(ln.type))
			continue;   /* people and other records are not part of the structure */
		json_t *rec = csf_line_parse(&ln);
		org_reader_add(r, in, &ln, rec);
		json_decref(rec);
	}
	long errors = csf_input_errors(in);
	csf_input_close(in);
	org_reader_finish(r);
	return errors;
}

static void
cell(const char *s, int last)
{
	csf_put_csv(csf_out, s, ',');
	fputs(last ? "\r\n" : ",", csf_out);
}

/* The rows of the matrix: the chosen sets, then tasks in scope not yet listed. */
static json_t *
matrix_rows(void)
{
	json_t *rows = json_array(), *seen = json_object();
	char *copy = xstrdup(T.sets);
	for (char *p = strtok(copy, ","); p; p = strtok(NULL, ",")) {
		const char *type = !strcmp(p, "functions") ? "function" : !strcmp(p, "areas") ? "itss_area" :
		                   !strcmp(p, "examples") ? "itss_task" : NULL;
		size_t i;
		json_t *r;
		if (type) {
			json_array_foreach(csf_data_all(type), i, r)
				if (!json_object_get(seen, csf_str(r, "id"))) {
					json_object_set_new(seen, csf_str(r, "id"), json_true());
					json_array_append_new(rows, json_string(csf_str(r, "id")));
				}
			continue;
		}
		for (int k = 0; k < nheld; k++) {   /* scope */
			const char *task;
			json_t *v;
			json_object_foreach(held[k]->scope, task, v)
				if (!json_object_get(seen, task)) {
					json_object_set_new(seen, task, json_true());
					json_array_append_new(rows, json_string(task));
				}
		}
	}
	free(copy);
	json_decref(seen);
	return rows;
}

static int
write_matrix(void)
{
	/* columns: every unit of every organisation, first seen first */
	json_t *cols = json_array();
	for (int k = 0; k < nheld; k++)
		for (int u = 0; u < held[k]->nunit; u++)
			org_add_unique(cols, held[k]->unit[u].id);
	fputs("\xef\xbb\xbf", csf_out);
	cell("type", 0);
	cell("subject", 0);
	cell("task", 0);
	cell("name", json_array_size(cols) == 0);
	size_t c, i;
	json_t *col, *row;
	json_array_foreach(cols, c, col)
		cell(json_string_value(col), c + 1 == json_array_size(cols));
	json_t *rows = matrix_rows();
	for (int k = 0; k < nheld; k++) {
		const struct org *o = held[k];
		json_array_foreach(rows, i, row) {
			const char *task = json_string_value(row);
			json_t *name = org_task_name(task);
			cell("assignment", 0);
			cell(o->subject, 0);
			cell(task, 0);
			cell(name ? csf_text(name) : "", json_array_size(cols) == 0);
			json_array_foreach(cols, c, col) {
				const char *text = "";
				char buf[512];
				for (int a = 0; a < o->nasg; a++) {
					const struct org_asg *g = &o->asg[a];
					if (strcmp(g->task, task) || strcmp(g->unit, json_string_value(col)))
						continue;
					if (g->mode == ORG_OUTSOURCE && g->supervisor) {
						snprintf(buf, sizeof buf, "outsource/%s", g->supervisor);
						text = buf;
					} else {
						text = org_mode_name[g->mode];
					}
					break;   /* one cell per task and unit: the first assignment */
				}
				cell(text, c + 1 == json_array_size(cols));
			}
		}
	}
	json_decref(rows);
	json_decref(cols);
	return 0;
}

/* ---- a person's template from the unit ---- */

static void
raise(json_t *targets, const char *id, int target, const char *mode)
{
	json_t *v = json_object_get(targets, id);
	if (!v || json_integer_value(json_array_get(v, 0)) < target)
		json_object_set_new(targets, id, json_pack("[i,s]", target, mode));
}

static int
write_person(const char *subject, int csv, int with_tasks)
{
	const struct org *o = NULL;
	int u = -1;
	for (int k = 0; k < nheld && u < 0; k++)
		if ((u = org_unit_index(held[k], T.unit)) >= 0)
			o = held[k];
	if (!o)
		csf_usage_error("--unit: no unit \"%s\" in the organisation records read", T.unit);
	/* role -> [target, mode]: the strongest relation of the unit to any
	 * task behind the role */
	json_t *roles = json_object(), *r;
	size_t i;
	for (int a = 0; a < o->nasg; a++) {
		const struct org_asg *g = &o->asg[a];
		int t = 0;
		const char *mode = NULL;
		if (g->u == u)
			t = g->mode == ORG_OWN ? 3 : g->mode == ORG_SUPPORT ? 2 : 1, mode = org_mode_name[g->mode];
		else if (g->supervisor && strcmp(g->supervisor, T.unit) == 0)
			t = 1, mode = "outsource";   /* supervising a vendor: judge its work */
		if (!t)
			continue;
		json_array_foreach(org_task_roles(g->task), i, r)
			raise(roles, json_string_value(r), t, mode);
	}
	json_t *role_list = json_array();
	const char *rid;
	json_object_foreach(roles, rid, r)
		json_array_append_new(role_list, json_string(rid));
	json_t *prof = json_pack("{s:s,s:s,s:O,s:s,s:s}", "type", "profile", "subject", subject, "role", role_list,
	                         "department", T.unit, "org", o->subject);
	if (csv) {
		fputs("\xef\xbb\xbf", csf_out);
		static const char *const head[] = { "subject", "item", "class", "text", "mode", "phase", "target", "level" };
		for (int h = 0; h < 8; h++)
			cell(head[h], h == 7);
	} else {
		csf_emit(prof);
	}
	json_decref(prof);
	static const char *const classes[] = { "task", "knowledge", "skill" };
	for (int c = with_tasks ? 0 : 1; c < 3; c++) {
		json_t *item;
		json_array_foreach(csf_data_all(classes[c]), i, item) {
			int best = 0;
			const char *mode = NULL;
			size_t k;
			json_array_foreach(json_object_get(item, "roles"), k, r) {
				json_t *v = json_object_get(roles, json_string_value(r));
				if (v && json_integer_value(json_array_get(v, 0)) > best) {
					best = (int)json_integer_value(json_array_get(v, 0));
					mode = json_string_value(json_array_get(v, 1));
				}
			}
			if (!best)
				continue;
			const char *text = csf_text(json_object_get(item, "text"));
			if (csv) {
				char t[8];
				snprintf(t, sizeof t, "%d", best);
				cell(subject, 0);
				cell(csf_str(item, "id"), 0);
				cell(classes[c], 0);
				cell(text, 0);
				cell(mode, 0);
				cell("", 0);
				cell(t, 0);
				cell("", 1);
			} else {
				json_t *ans = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:i,s:n}", "type", "answer", "subject", subject,
				                        "item", csf_str(item, "id"), "class", classes[c], "text", text,
				                        "mode", mode, "target", best, "level");
				csf_emit_new(ans);
			}
		}
	}
	json_decref(role_list);
	json_decref(roles);
	return 0;
}

int
org_template_run(int nfiles, char **files, const char *subject, int csv, int tasks)
{
	long errors = read_orgs(nfiles, files);
	int status = errors ? 1 : T.unit ? write_person(subject, csv, tasks) : write_matrix();
	for (int k = 0; k < nheld; k++)
		org_struct_free(held[k]);
	free(held);
	held = NULL;
	nheld = 0;
	return status;
}
