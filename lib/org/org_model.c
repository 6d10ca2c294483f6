/* org_model.c - the standard distribution model (標準的な機能分化モデル)
 * over many organisations: per group of a profile field and per task, how
 * many organisations own, support or outsource it or do not perform it,
 * and which kind of performer has it. Only counts are kept, so shards
 * summed with --partial/--merge give what one run gives. Also the reading
 * of such a model back (--org-model) to compare one organisation with it. */
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "core/strmap.h"
#include "core/jw.h"
#include "core/partial.h"

/* Counts per task: own, support, outsource, then the five performers
 * other than "none". "none" is always n minus the first three. */
enum { NC = ORG_NMODES + ORG_NPERF - 1 };

struct dgroup {
	char *value;      /* NULL: organisations without the field */
	long n;
	strmap *tasks;    /* task -> long[NC] */
	char *file;       /* --merge: where its first partial was */
	long line;
};

struct org_dist {
	char *by;
	strmap *groups;   /* value (or "\001" for none) -> struct dgroup */
};

org_dist *
org_dist_new(const char *by)
{
	org_dist *d = xcalloc(1, sizeof *d);
	d->by = xstrdup(by);
	d->groups = strmap_new();
	return d;
}

static struct dgroup *
group_get(org_dist *d, const char *value)
{
	int created;
	void **slot = strmap_slot(d->groups, value ? value : "\001", &created);
	if (created) {
		struct dgroup *g = xcalloc(1, sizeof *g);
		g->value = value ? xstrdup(value) : NULL;
		g->tasks = strmap_new();
		*slot = g;
	}
	return *slot;
}

static long *
task_counts(struct dgroup *g, const char *task)
{
	int created;
	void **slot = strmap_slot(g->tasks, task, &created);
	if (created)
		*slot = xcalloc(NC, sizeof(long));
	return *slot;
}

void
org_dist_add_org(org_dist *d, const char *group)
{
	group_get(d, group)->n++;
}

void
org_dist_add_task(org_dist *d, const char *group, const char *task, int mode, int perf)
{
	if (mode == ORG_NONE)
		return;
	long *c = task_counts(group_get(d, group), task);
	c[mode]++;
	if (perf >= 0 && perf < ORG_NPERF - 1)
		c[ORG_NMODES + perf]++;
}

int
org_dist_merge(org_dist *d, csf_input *in, const csf_line *ln, json_t *rec)
{
	const char *by = csf_str(rec, "by");
	json_t *value = json_object_get(rec, "value"), *tasks = json_object_get(rec, "tasks");
	long long n;
	if (!by || !value || !(json_is_string(value) || json_is_null(value)) ||
	    !csf_count_of(json_object_get(rec, "n"), &n) || !json_is_array(tasks)) {
		csf_input_bad(in, ln, "gap_partial kind org_model needs \"by\", \"value\" (string or null), \"n\" (a count) and \"tasks\"");
		return 0;
	}
	if (strcmp(by, d->by) != 0) {
		csf_input_bad(in, ln, "gap_partial by \"%s\" cannot merge with by \"%s\"", by, d->by);
		return 0;
	}
	/* Check every entry before adding any, so a bad record adds nothing.
	 * A long group goes on in records of n 0 (emit_group): theirs are
	 * checked against the merged group (merged_invalid). */
	struct dgroup *g = group_get(d, json_is_string(value) ? json_string_value(value) : NULL);
	size_t i;
	json_t *t;
	json_array_foreach(tasks, i, t) {
		long long c = 0, sum = 0, psum = 0;
		const char *task = json_is_array(t) && json_is_string(json_array_get(t, 0)) ? json_string_value(json_array_get(t, 0)) : NULL;
		int ok = task && json_array_size(t) == 1 + NC && org_task_record(task);
		const long *had = ok ? strmap_get(g->tasks, task) : NULL;
		for (int k = 0; ok && k < NC; k++) {
			ok = csf_count_of(json_array_get(t, 1 + k), &c) && csf_count_fits(c, had ? had[k] : 0);
			if (k < ORG_NMODES)
				sum += c;
			else
				psum += c;
		}
		if (!ok || psum > sum || (n > 0 && sum > n)) {
			csf_input_bad(in, ln, "gap_partial: bad entry %zu in \"tasks\": want [TASK, own, support, outsource, and five performer counts] within n", i + 1);
			return 0;
		}
	}
	if (!csf_count_fits(g->n, n)) {
		csf_input_bad(in, ln, "gap_partial: merged counts of %s \"%s\" would pass %lld",
		    d->by, g->value ? g->value : "null", (long long)CSF_COUNT_MAX);
		return 0;
	}
	if (!g->file) {
		g->file = xstrdup(ln->file);
		g->line = ln->line;
	}
	g->n += (long)n;
	json_array_foreach(tasks, i, t) {
		long *c = task_counts(g, json_string_value(json_array_get(t, 0)));
		for (int k = 0; k < NC; k++)
			c[k] += (long)json_integer_value(json_array_get(t, 1 + k));
	}
	return 1;
}

static int
by_value(const void *x, const void *y)
{
	const struct dgroup *a = *(struct dgroup *const *)x, *b = *(struct dgroup *const *)y;
	if (!a->value || !b->value)
		return !a->value - !b->value;   /* organisations without a value last */
	return strcmp(a->value, b->value);
}

static int
by_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static double
pct(long part, long whole)
{
	return whole ? csf_round(100.0 * (double)part / (double)whole, 1) : 0;
}

static void
partial_head(const org_dist *d, const struct dgroup *g, long n, jw *w)
{
	jw_begin(w);
	jw_str(w, "type", "gap_partial");
	jw_str(w, "kind", "org_model");
	jw_str(w, "by", d->by);
	jw_str(w, "value", g->value);
	jw_int(w, "n", n);
	jw_array(w, "tasks");
}

/* Merged partials: no task done by more organisations than the group has. */
static int
merged_invalid(const org_dist *d, const struct dgroup *g, const char *const *ids, size_t nt)
{
	for (size_t i = 0; i < nt; i++) {
		const long *c = strmap_get(g->tasks, ids[i]);
		long long sum = (long long)c[0] + c[1] + c[2];
		if (sum > g->n) {
			csf_bad_at(g->file, g->line, "gap_partial: task \"%s\" of %s \"%s\" is done by %lld organisations, the group has %ld",
			    ids[i], d->by, g->value ? g->value : "null", sum, g->n);
			return 1;
		}
	}
	return 0;
}

static void
emit_group(const org_dist *d, const struct dgroup *g, int partial, jw *w)
{
	size_t nt = strmap_count(g->tasks);
	const char **ids = xmalloc((nt ? nt : 1) * sizeof *ids);
	strmap_list(g->tasks, ids, NULL);
	qsort(ids, nt, sizeof *ids, by_str);
	if (partial) {
		/* In lines a pipe shared by shards keeps whole (core/partial.h):
		 * tasks that do not fit go on in records of the group with n 0. */
		int in_record = 0;
		partial_head(d, g, g->n, w);
		for (size_t i = 0; i < nt; i++) {
			const long *c = strmap_get(g->tasks, ids[i]);
			size_t mark = w->len;
			jw_array(w, NULL);
			jw_str(w, NULL, ids[i]);
			for (int k = 0; k < NC; k++)
				jw_int(w, NULL, c[k]);
			jw_close(w);
			if (jw_partial_full(w, mark, in_record)) {
				partial_head(d, g, 0, w);
				i--;
				in_record = 0;
				continue;
			}
			in_record++;
		}
		jw_partial_emit(w);
		free(ids);
		return;
	}
	if (g->file && merged_invalid(d, g, ids, nt)) {
		free(ids);
		return;
	}
	for (size_t i = 0; i < nt; i++) {
		const long *c = strmap_get(g->tasks, ids[i]);
		long mode[ORG_NMODES + 1];
		for (int k = 0; k < ORG_NMODES; k++)
			mode[k] = c[k];
		mode[ORG_NMODES] = g->n - c[0] - c[1] - c[2];
		static const char *const mname[] = { "own", "support", "outsource", "none" };
		/* the typical mode: the most organisations; ties to own, outsource,
		 * support, none in that order */
		static const int pref[] = { ORG_OWN, ORG_OUTSOURCE, ORG_SUPPORT, ORG_NMODES };
		int typical = pref[0];
		for (int k = 1; k < 4; k++)
			if (mode[pref[k]] > mode[typical])
				typical = pref[k];
		jw_begin(w);
		jw_str(w, "type", "gap");
		jw_str(w, "kind", "org_model");
		jw_str(w, "by", d->by);
		jw_str(w, "value", g->value);
		jw_str(w, "task", ids[i]);
		jw_int(w, "n", g->n);
		jw_object(w, "mode");
		for (int k = 0; k <= ORG_NMODES; k++)
			jw_int(w, mname[k], mode[k]);
		jw_close(w);
		jw_object(w, "share");
		for (int k = 0; k <= ORG_NMODES; k++)
			jw_real(w, mname[k], pct(mode[k], g->n));
		jw_close(w);
		jw_object(w, "performer");
		long performed = 0;
		for (int k = 0; k < ORG_NPERF - 1; k++) {
			jw_int(w, org_perf_name[k], c[ORG_NMODES + k]);
			performed += c[ORG_NMODES + k];
		}
		jw_int(w, "none", g->n - performed);
		jw_close(w);
		jw_str(w, "typical", mname[typical]);
		jw_real(w, "typical_share", pct(mode[typical], g->n));
		jw_emit(w);
	}
	free(ids);
}

void
org_dist_emit(org_dist *d, int partial)
{
	size_t ng = strmap_count(d->groups);
	struct dgroup **gs = xmalloc((ng ? ng : 1) * sizeof *gs);
	strmap_list(d->groups, NULL, (void **)gs);
	qsort(gs, ng, sizeof *gs, by_value);
	jw w = { 0 };
	for (size_t i = 0; i < ng; i++)
		emit_group(d, gs[i], partial, &w);
	jw_free(&w);
	free(gs);
}

void
org_dist_free(org_dist *d)
{
	if (!d)
		return;
	size_t ng = strmap_count(d->groups);
	struct dgroup **gs = xmalloc((ng ? ng : 1) * sizeof *gs);
	strmap_list(d->groups, NULL, (void **)gs);
	for (size_t i = 0; i < ng; i++) {
		size_t nt = strmap_count(gs[i]->tasks);
		void **c = xmalloc((nt ? nt : 1) * sizeof *c);
		strmap_list(gs[i]->tasks, NULL, c);
		for (size_t k = 0; k < nt; k++)
			free(c[k]);
		free(c);
		strmap_free(gs[i]->tasks);
		free(gs[i]->value);
		free(gs[i]->file);
		free(gs[i]);
	}
	free(gs);
	strmap_free(d->groups);
	free(d->by);
	free(d);
}

/* ---- a model read back ---- */
struct org_norm {
	char *by;
	json_t *typical;   /* "value\037task" -> [mode, share] */
	json_t *tasks;     /* value -> [task, ...] */
};

static const char *
norm_key(char *buf, size_t size, const char *group, const char *task)
{
	snprintf(buf, size, "%s\037%s", group ? group : "\001", task);
	return buf;
}

org_norm *
org_norm_load(const char *path)
{
	org_norm *m = xcalloc(1, sizeof *m);
	m->typical = json_object();
	m->tasks = json_object();
	char *files[] = { (char *)path };
	csf_input *in = csf_input_open(1, files);
	csf_line ln;
	while (csf_input_next(in, &ln)) {
		if (strcmp(ln.type, "gap") != 0)
			continue;
		json_t *r = csf_line_parse(&ln);
		const char *kind = csf_str(r, "kind"), *by = csf_str(r, "by"), *task = csf_str(r, "task");
		const char *typ = csf_str(r, "typical");
		json_t *value = json_object_get(r, "value"), *share = json_object_get(r, "typical_share");
		if (!kind || strcmp(kind, "org_model") != 0) {
			json_decref(r);
			continue;
		}
		int mode = typ && strcmp(typ, "none") == 0 ? ORG_NONE : org_mode_parse(typ);
		if (!by || !task || !value || !(json_is_string(value) || json_is_null(value)) ||
		    !json_is_number(share) || (mode == ORG_NONE && (!typ || strcmp(typ, "none")))) {
			csf_input_bad(in, &ln, "org_model record needs \"by\", \"value\", \"task\", \"typical\" and \"typical_share\"");
		} else if (m->by && strcmp(m->by, by) != 0) {
			csf_input_bad(in, &ln, "the model mixes by \"%s\" and by \"%s\"", m->by, by);
		} else {
			if (!m->by)
				m->by = xstrdup(by);
			char key[512];
			const char *g = json_string_value(value);
			json_object_set_new(m->typical, norm_key(key, sizeof key, g, task),
			                    json_pack("[i,f]", mode, json_number_value(share)));
			const char *gk = g ? g : "\001";
			json_t *list = json_object_get(m->tasks, gk);
			if (!list) {
				list = json_array();
				json_object_set_new(m->tasks, gk, list);
			}
			json_array_append_new(list, json_string(task));
		}
		json_decref(r);
	}
	long errors = csf_input_errors(in);
	csf_input_close(in);
	if (errors)
		exit(1);
	if (!m->by)
		csf_die(1, "%s: no org_model records (make them with csf-gap --by FIELD)", path);
	return m;
}

const char *
org_norm_by(const org_norm *m)
{
	return m->by;
}

int
org_norm_typical(const org_norm *m, const char *group, const char *task, int *mode, double *share)
{
	char key[512];
	json_t *v = json_object_get(m->typical, norm_key(key, sizeof key, group, task));
	if (!v)
		return 0;
	*mode = (int)json_integer_value(json_array_get(v, 0));
	*share = json_real_value(json_array_get(v, 1));
	return 1;
}

json_t *
org_norm_tasks(const org_norm *m, const char *group)
{
	return json_object_get(m->tasks, group ? group : "\001");
}

void
org_norm_free(org_norm *m)
{
	if (!m)
		return;
	json_decref(m->typical);
	json_decref(m->tasks);
	free(m->by);
	free(m);
}
