/* mgmt_gap.c - compare each assessed subject with the next class up, as the
 * カルテ does (C -> B, B -> A, A -> level 5 or the A mean), optionally with a
 * cohort of the benchmark companies, and aggregate directive means over
 * subjects (--by). Records from csf-assess arrive per assessment: check and
 * directive scores, then the maturity record that completes it. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mgmt/mgmt.h"

struct pending {
	int *cur;          /* displayed directive mean in tenths, -1 if none */
	double *mean;      /* full-precision directive mean */
	double *check;     /* check level, 0 if none */
	json_t **who;      /* per check {assessor, evidence} of its score, or NULL */
};

/* --by's sums are of directive means in units of 1/10000, the precision
 * csf-assess writes them in: whole numbers, so that shards' partials add
 * up to exactly what one run sums. */
#define MEAN_UNIT 10000.0

struct group {
	char *name;        /* "" when the subjects lack the field */
	long long *n;
	long long *sum;    /* in MEAN_UNIT */
};

/* --by parent: one company of a group, a row of Table 2.2's view; all it
 * needs, in one block: the group has to be complete before its means. */
struct member {
	char *parent;      /* NULL: none (it may be a group's parent itself) */
	char *subject, *date;
	int *cur;          /* per directive, shown tenths; -1 if none */
	json_t *index, *class;   /* as the maturity record gives them */
	double mean[];     /* per directive, full precision; NAN if none */
};

static struct {
	const char *bench, *a_target, *cohort, *cohort_set, *by, *only_group;
	int min_n, partial, merge;
	struct mgmt_held pending;   /* struct pending of each open assessment */
	struct group *groups;
	int ngroups;
	struct member **members;
	int nmembers, cap;
	double t_a, t_b;            /* the members' class bounds, for the group's class */
	int have_thresholds;
} G = { "table2.3", "5", NULL, "table2.2", NULL, NULL, 5, 0, 0, { NULL, NULL, 0 }, NULL, 0, NULL, 0, 0, 0, 0, 0 };

int
mgmt_gap_option(int c, const char *arg)
{
	switch (c) {
	case MGMT_OPT_BENCHMARK: G.bench = csf_arg_nonempty("--benchmark", arg); return 1;
	case MGMT_OPT_COHORT: G.cohort = csf_arg_nonempty("--cohort", arg); return 1;
	case MGMT_OPT_COHORT_SET: G.cohort_set = csf_arg_nonempty("--cohort-set", arg); return 1;
	case MGMT_OPT_A_TARGET:
		csf_arg_choice("--a-target", arg, "5|mean");
		G.a_target = arg;
		return 1;
	case MGMT_OPT_MIN_N: G.min_n = (int)csf_arg_long("--min-n", arg, 1, 1000000); return 1;
	case MGMT_OPT_GROUP: G.only_group = csf_arg_nonempty("--group", arg); return 1;
	}
	return 0;
}

/* --by's field when it is one of the management model's (kept: a
 * partial's name for it goes with its record). */
static void
set_by(const char *field)
{
	static const char *const fields[] = { "class", "industry", "manufacturing", "all", "size", "parent" };
	for (size_t i = 0; field && i < sizeof fields / sizeof *fields; i++)
		if (!strcmp(field, fields[i]))
			G.by = fields[i];
}

/* Company rows of the cohort set that belong to group g. */
static int
in_cohort(json_t *row, const char *g)
{
	const char *cls = csf_str(row, "class");
	json_t *ind = json_object_get(row, "industry");
	int mfg = json_is_true(json_object_get(row, "manufacturing"));
	if (!strcmp(g, "all"))
		return 1;
	if (!strcmp(g, "mfg"))
		return mfg;
	if (!strcmp(g, "nonmfg"))
		return !mfg;
	if (cls && !strcmp(g, cls))
		return 1;
	const char *id = csf_str(ind, "id");
	return id && !strcmp(id, g);
}

static int
cohort_exists(const char *g)
{
	json_t *all = csf_data_all("benchmark"), *r;
	size_t i;
	json_array_foreach(all, i, r) {
		const char *set = csf_str(r, "set"), *kind = csf_str(r, "kind");
		if (set && kind && !strcmp(set, G.cohort_set) && !strcmp(kind, "company") && in_cohort(r, g))
			return 1;
	}
	return 0;
}

void
mgmt_gap_start(const char *by, int partial, int merge)
{
	set_by(by);
	G.partial = partial;
	G.merge = merge;
	if (G.only_group && !(G.by && !strcmp(G.by, "parent")))
		csf_usage_error("--group goes with --by parent");
	if ((partial || merge) && G.by && !strcmp(G.by, "parent"))
		csf_usage_error("--by parent lists each group's companies: it has no partial sums (run it in one process)");
	if (!mgmt_bench_has(G.bench, 0)) {
		csf_warn("--benchmark: no class means in set '%s'", G.bench);
		exit(2);
	}
	if (G.cohort) {
		if (!mgmt_bench_has(G.cohort_set, 1)) {
			csf_warn("--cohort-set: no company rows in set '%s'", G.cohort_set);
			exit(2);
		}
		if (strcmp(G.cohort, "industry") && strcmp(G.cohort, "manufacturing") && !cohort_exists(G.cohort)) {
			csf_warn("--cohort: no company of set '%s' is in '%s'", G.cohort_set, G.cohort);
			exit(2);
		}
	}
}

static struct pending *
get_pending(const char *subject, const char *date, int create)
{
	const struct mgmt_model *m = mgmt_model();
	struct pending *p = mgmt_held_get(&G.pending, subject, date);
	if (p || !create)
		return p;
	p = xcalloc(1, sizeof *p);
	p->cur = xmalloc((size_t)m->ndir * sizeof *p->cur);
	for (int d = 0; d < m->ndir; d++)
		p->cur[d] = -1;
	p->mean = xcalloc((size_t)m->ndir, sizeof *p->mean);
	p->check = xcalloc((size_t)m->ncheck, sizeof *p->check);
	p->who = xcalloc((size_t)m->ncheck, sizeof *p->who);
	mgmt_held_add(&G.pending, subject, date, p);
	return p;
}

static void
free_pending(void *state)
{
	struct pending *p = state;
	free(p->cur);
	free(p->mean);
	for (int c = 0; c < mgmt_model()->ncheck; c++)
		json_decref(p->who[c]);
	free(p->check);
	free(p->who);
	free(p);
}

/* The lowest-answered checks of directive d, the Tips they point at (every
 * Tip of d when no check levels came in), and who answered them on what. */
static void
lowest_and_tips(const struct pending *p, int d, json_t **lowest, json_t **tips, json_t **evidence)
{
	const struct mgmt_model *m = mgmt_model();
	const struct mgmt_directive *dir = &m->dir[d];
	double lo = INFINITY;
	*lowest = json_array();
	*tips = json_array();
	*evidence = json_array();
	for (int c = dir->first; c < dir->first + dir->nchecks; c++)
		if (p->check[c] > 0 && p->check[c] < lo)
			lo = p->check[c];
	for (int c = dir->first; c < dir->first + dir->nchecks; c++) {
		if (isfinite(lo) && fabs(p->check[c] - lo) > 1e-9)
			continue;
		if (isfinite(lo))
			json_array_append_new(*lowest, json_string(m->check[c].id));
		if (isfinite(lo) && p->who[c]) {
			json_t *e = json_pack("{s:s,s:f}", "item", m->check[c].id, "level", p->check[c]);
			json_object_update(e, p->who[c]);
			json_array_append_new(*evidence, e);
		}
		json_t *t = json_object_get(m->check[c].rec, "tips"), *id;
		size_t i;
		json_array_foreach(t, i, id)
			json_array_append(*tips, id);
	}
}

static json_t *
directive_list(const int *mark, int want)
{
	const struct mgmt_model *m = mgmt_model();
	json_t *a = json_array();
	for (int d = 0; d < m->ndir; d++)
		if (mark[d] == want)
			json_array_append_new(a, json_string(m->dir[d].id));
	return a;
}

static void
emit_gaps(const char *subject, const char *date, const char *cls, const struct pending *p)
{
	const struct mgmt_model *m = mgmt_model();
	/* An A subject is compared with the top of the answer scale ("5"). */
	char top[16];
	snprintf(top, sizeof top, "%d", m->scale_max);
	const char *target = !strcmp(cls, "C") ? "B" : !strcmp(cls, "B") ? "A"
	                   : !strcmp(G.a_target, "5") ? top : "A";
	int to_top = target == top;
	json_t *row = !to_top ? mgmt_bench_row(G.bench, target) : NULL;
	json_t *means = json_object_get(row, "means");
	const char *version = mgmt_bench_version(G.bench);
	int *tier = xcalloc((size_t)m->ndir, sizeof *tier);
	int *level5 = xcalloc((size_t)m->ndir, sizeof *level5);
	for (int d = 0; d < m->ndir; d++) {
		tier[d] = -1;
		if (p->cur[d] < 0)
			continue;
		json_t *tv = json_object_get(means, m->dir[d].id);
		if (!to_top && !json_is_number(tv))
			continue;
		/* Shown minus shown, as on the sheet: KK-2's 指示6 is 4.5 - 3.3 = 1.2
		 * there, not 4.5 - 3.25. */
		int t = !to_top ? mgmt_tenths(json_number_value(tv)) : m->scale_max * 10;
		int gap = t - p->cur[d];
		tier[d] = gap >= 20 ? 2 : gap >= 10 ? 1 : 0;
		level5[d] = p->cur[d] == m->scale_max * 10;
		json_t *lowest, *tips, *evidence;
		lowest_and_tips(p, d, &lowest, &tips, &evidence);
		json_t *o = mgmt_record("gap", "directive", subject, date);
		json_object_set_new(o, "directive", json_string(m->dir[d].id));
		json_object_set_new(o, "class", json_string(cls));
		json_object_set_new(o, "target", json_string(target));
		json_object_set_new(o, "benchmark", json_string(!to_top ? G.bench : "level5"));
		if (!to_top)
			json_object_set_new(o, "version", json_string(version));
		json_object_set_new(o, "current", json_real(p->cur[d] / 10.0));
		json_object_set_new(o, "target_mean", json_real(t / 10.0));
		json_object_set_new(o, "gap", json_real(gap / 10.0));
		json_object_set_new(o, "flag1", json_boolean(gap >= 10));
		json_object_set_new(o, "flag2", json_boolean(gap >= 20));
		json_object_set_new(o, "lowest", lowest);
		json_object_set_new(o, "tips", tips);
		if (json_array_size(evidence))
			json_object_set_new(o, "evidence", evidence);
		else
			json_decref(evidence);
		mgmt_emit(o);
	}
	json_t *o = mgmt_record("gap", "maturity", subject, date);
	json_object_set_new(o, "class", json_string(cls));
	json_object_set_new(o, "target", json_string(target));
	json_object_set_new(o, "benchmark", json_string(!to_top ? G.bench : "level5"));
	json_object_set_new(o, "level5", directive_list(level5, 1));
	json_object_set_new(o, "one_point", directive_list(tier, 1));
	json_object_set_new(o, "two_points", directive_list(tier, 2));
	mgmt_emit(o);
	free(tier);
	free(level5);
}

static void
emit_cohort(const char *subject, const char *date, const char *group, const struct pending *p)
{
	const struct mgmt_model *m = mgmt_model();
	int n = 0;
	double *sum = xcalloc((size_t)m->ndir, sizeof *sum);
	json_t *all = csf_data_all("benchmark"), *r;
	size_t i;
	json_array_foreach(all, i, r) {
		const char *set = csf_str(r, "set"), *kind = csf_str(r, "kind");
		if (!set || !kind || strcmp(set, G.cohort_set) || strcmp(kind, "company") || !in_cohort(r, group))
			continue;
		n++;
		json_t *means = json_object_get(r, "means");
		for (int d = 0; d < m->ndir; d++)
			sum[d] += mgmt_unround(json_number_value(json_object_get(means, m->dir[d].id)),
			                       m->dir[d].nchecks);
	}
	for (int d = 0; d < m->ndir; d++) {
		if (p->cur[d] < 0)
			continue;
		json_t *o = mgmt_record("gap", "cohort", subject, date);
		json_object_set_new(o, "directive", json_string(m->dir[d].id));
		json_object_set_new(o, "cohort", json_string(group));
		json_object_set_new(o, "benchmark", json_string(G.cohort_set));
		json_object_set_new(o, "version", json_string(mgmt_bench_version(G.cohort_set)));
		json_object_set_new(o, "n", json_integer(n));
		if (n < G.min_n) {
			/* Small groups of named industries identify companies. */
			json_object_set_new(o, "suppressed", json_true());
		} else {
			int t = mgmt_tenths(sum[d] / n), gap = t - p->cur[d];
			json_object_set_new(o, "mean", json_real(t / 10.0));
			json_object_set_new(o, "current", json_real(p->cur[d] / 10.0));
			json_object_set_new(o, "gap", json_real(gap / 10.0));
			json_object_set_new(o, "flag1", json_boolean(gap >= 10));
			json_object_set_new(o, "flag2", json_boolean(gap >= 20));
		}
		mgmt_emit(o);
	}
	free(sum);
}

/* The --by group name, made empty if new. */
static struct group *
group_named(const char *name)
{
	const struct mgmt_model *m = mgmt_model();
	int g = 0;
	while (g < G.ngroups && strcmp(G.groups[g].name, name))
		g++;
	if (g == G.ngroups) {
		G.groups = xrealloc(G.groups, (size_t)(G.ngroups + 1) * sizeof *G.groups);
		G.groups[g].name = xstrdup(name);
		G.groups[g].n = xcalloc((size_t)m->ndir, sizeof *G.groups[g].n);
		G.groups[g].sum = xcalloc((size_t)m->ndir, sizeof *G.groups[g].sum);
		G.ngroups++;
	}
	return &G.groups[g];
}

static void
add_to_group(const char *name, const struct pending *p)
{
	const struct mgmt_model *m = mgmt_model();
	struct group *gr = group_named(name);
	for (int d = 0; d < m->ndir; d++)
		if (p->cur[d] >= 0)
			gr->n[d]++, gr->sum[d] += llround(p->mean[d] * MEAN_UNIT);
}

/* --merge: a partial of --by's sums (mgmt_gap_finish writes them with
 * --partial), added in; 0 when it is not one (another model's). */
static int
add_partial(csf_input *in, const csf_line *ln, json_t *rec)
{
	const struct mgmt_model *m = mgmt_model();
	const char *by = csf_str(rec, "by");
	json_t *value = json_object_get(rec, "value"), *n = json_object_get(rec, "n"), *sum = json_object_get(rec, "sum");
	if (!by || !(json_is_string(value) || json_is_null(value)) || !json_is_object(n) || !json_is_object(sum)) {
		csf_input_bad(in, ln, "gap_partial kind mgmt needs \"by\", \"value\" (string or null), \"n\" and \"sum\" (objects by directive)");
		return 1;
	}
	if (!mgmt_same_generation(in, ln, rec))
		return 1;
	if (!G.by)
		set_by(by);   /* --merge takes --by from the partials */
	if (!G.by || strcmp(G.by, by)) {
		if (G.by)
			csf_input_bad(in, ln, "gap_partial by \"%s\" cannot merge with by \"%s\"", by, G.by);
		else
			csf_input_bad(in, ln, "gap_partial by \"%s\": not a management --by", by);
		return 1;
	}
	const char *id;
	json_t *v;
	json_object_foreach(n, id, v)
		if (mgmt_directive_index(id) < 0 || !json_is_integer(v) || !json_is_integer(json_object_get(sum, id))) {
			csf_input_bad(in, ln, "gap_partial: directive \"%s\" needs a count in \"n\" and a whole sum in \"sum\"", id);
			return 1;
		}
	json_object_foreach(sum, id, v)
		if (!json_object_get(n, id)) {
			csf_input_bad(in, ln, "gap_partial: directive \"%s\" has a sum and no count", id);
			return 1;
		}
	struct group *gr = group_named(json_is_string(value) ? json_string_value(value) : "");
	long long *add = xcalloc(2 * (size_t)m->ndir, sizeof *add), *add_sum = add + m->ndir;
	for (int d = 0; d < m->ndir; d++) {
		json_t *cn = json_object_get(n, m->dir[d].id);
		add[d] = cn ? json_integer_value(cn) : 0;
		add_sum[d] = cn ? json_integer_value(json_object_get(sum, m->dir[d].id)) : 0;
		/* counts that stay counts, every mean on the answer scale */
		if (add[d] < 0 || add[d] > (1LL << 40) || gr->n[d] + add[d] > (1LL << 40)
		    || add_sum[d] < add[d] * (long long)(m->scale_min * MEAN_UNIT)
		    || add_sum[d] > add[d] * (long long)(m->scale_max * MEAN_UNIT)) {
			csf_input_bad(in, ln, "gap_partial: directive \"%s\": %lld means cannot sum to %lld on a scale of %d-%d",
			              m->dir[d].id, add[d], add_sum[d], m->scale_min, m->scale_max);
			free(add);
			return 1;
		}
	}
	for (int d = 0; d < m->ndir; d++)
		gr->n[d] += add[d], gr->sum[d] += add_sum[d];
	free(add);
	return 1;
}

/* A subject's group for --by, "" if its maturity record lacks the field. */
static const char *
group_of(json_t *mat)
{
	if (!strcmp(G.by, "all"))
		return "all";
	if (!strcmp(G.by, "manufacturing")) {
		json_t *v = json_object_get(mat, "manufacturing");
		return json_is_boolean(v) ? (json_is_true(v) ? "mfg" : "nonmfg") : "";
	}
	const char *v = csf_str(mat, G.by);
	return v ? v : "";
}

static void add_member(json_t *mat, const char *subject, const char *date, const struct pending *p);

/* A number within the generation's answer scale. */
static int
on_scale(json_t *v)
{
	const struct mgmt_model *m = mgmt_model();
	return json_is_number(v) && json_number_value(v) >= m->scale_min
	    && json_number_value(v) <= m->scale_max;
}

static int
is_mgmt_score(const char *kind)
{
	return kind && (!strcmp(kind, "check") || !strcmp(kind, "directive")
	             || !strcmp(kind, "index") || !strcmp(kind, "disagreement")
	             || !strcmp(kind, "answer"));
}

int
mgmt_gap_record(csf_input *in, const csf_line *ln, json_t *rec)
{
	(void)mgmt_model();   /* load and check the model before any record */
	const char *kind = csf_str(rec, "kind");
	if (!strcmp(ln->type, "gap_partial"))
		return G.merge && kind && !strcmp(kind, "mgmt") && add_partial(in, ln, rec);
	int maturity = !strcmp(ln->type, "maturity");
	if (!maturity && !(!strcmp(ln->type, "score") && is_mgmt_score(kind)))
		return 0;
	if (maturity && kind)
		return 0;  /* not an assessment's maturity */
	if (!G.partial)   /* a shard writes its sums only */
		csf_pass(ln);
	const char *subject = csf_str(rec, "subject"), *date = csf_str(rec, "date");
	if (!subject) {
		csf_input_bad(in, ln, "%s record has no \"subject\"", ln->type);
		return 1;
	}
	if (!mgmt_same_generation(in, ln, rec))
		return 1;
	if (!maturity && !strcmp(kind, "check")) {
		int c = mgmt_check_index(csf_str(rec, "item"));
		json_t *lv = json_object_get(rec, "level");
		if (c < 0 || !on_scale(lv)) {
			csf_input_bad(in, ln, "check score needs a known \"item\" and a \"level\" of %d-%d",
			              mgmt_model()->scale_min, mgmt_model()->scale_max);
			return 1;
		}
		struct pending *p = get_pending(subject, date, 1);
		p->check[c] = json_number_value(lv);
		/* Who answered and on what, for the gap's lowest checks. */
		json_t *who = json_object(), *v;
		if ((v = json_object_get(rec, "assessor")) && json_is_string(v))
			json_object_set(who, "assessor", v);
		if ((v = json_object_get(rec, "evidence")) && json_is_string(v))
			json_object_set(who, "evidence", v);
		json_decref(p->who[c]);
		p->who[c] = json_object_size(who) ? who : (json_decref(who), NULL);
	} else if (!maturity && !strcmp(kind, "directive")) {
		int d = mgmt_directive_index(csf_str(rec, "directive"));
		json_t *shown = json_object_get(rec, "display"), *mean = json_object_get(rec, "mean");
		if (!json_is_number(shown))
			shown = mean;
		if (d < 0 || !on_scale(shown)) {
			csf_input_bad(in, ln, "directive score needs a known \"directive\" and a \"display\" of %d-%d",
			              mgmt_model()->scale_min, mgmt_model()->scale_max);
			return 1;
		}
		struct pending *p = get_pending(subject, date, 1);
		p->cur[d] = mgmt_tenths(json_number_value(shown));
		p->mean[d] = json_is_number(mean) ? json_number_value(mean) : json_number_value(shown);
	} else if (maturity) {
		struct pending *p = get_pending(subject, date, 0);
		const char *cls = csf_str(rec, "class");
		if (!p)
			return 1;  /* no directive scores before it: nothing to compare */
		if (cls && (!strcmp(cls, "A") || !strcmp(cls, "B") || !strcmp(cls, "C"))) {
			if (!G.partial)
				emit_gaps(subject, date, cls, p);
			if (G.cohort && !G.partial) {
				const char *g = G.cohort;
				if (!strcmp(g, "industry"))
					g = csf_str(rec, "industry");
				else if (!strcmp(g, "manufacturing")) {
					json_t *v = json_object_get(rec, "manufacturing");
					g = json_is_boolean(v) ? (json_is_true(v) ? "mfg" : "nonmfg") : NULL;
				}
				if (g)
					emit_cohort(subject, date, g, p);
				else
					csf_warn_at(ln->file, ln->line, "subject '%s' has no %s for --cohort %s",
					            subject, G.cohort, G.cohort);
			}
			if (G.by && strcmp(G.by, "parent"))
				add_to_group(group_of(rec), p);
		}
		if (G.by && !strcmp(G.by, "parent"))
			add_member(rec, subject, date, p);
		free_pending(mgmt_held_take(&G.pending, subject, date));
	}
	return 1;
}

/* --by parent: keep the subject's row of the group view. */
static void
add_member(json_t *mat, const char *subject, const char *date, const struct pending *p)
{
	const struct mgmt_model *m = mgmt_model();
	const char *parent = csf_str(mat, "parent");
	json_t *t = json_object_get(mat, "thresholds");
	if (!G.have_thresholds && json_is_number(json_object_get(t, "A")) && json_is_number(json_object_get(t, "B"))) {
		G.t_a = json_number_value(json_object_get(t, "A"));
		G.t_b = json_number_value(json_object_get(t, "B"));
		G.have_thresholds = 1;
	}
	if (G.nmembers == G.cap) {
		G.cap = G.cap ? 2 * G.cap : 256;
		G.members = xrealloc(G.members, (size_t)G.cap * sizeof *G.members);
	}
	size_t nd = (size_t)m->ndir, ls = strlen(subject) + 1, ld = date ? strlen(date) + 1 : 0;
	size_t lp = parent && *parent ? strlen(parent) + 1 : 0;
	struct member *mb = xmalloc(sizeof *mb + nd * (sizeof *mb->mean + sizeof *mb->cur) + ls + ld + lp);
	G.members[G.nmembers++] = mb;
	mb->cur = (int *)(mb->mean + nd);
	char *str = (char *)(mb->cur + nd);
	mb->subject = memcpy(str, subject, ls);
	mb->date = ld ? memcpy(str + ls, date, ld) : NULL;
	mb->parent = lp ? memcpy(str + ls + ld, parent, lp) : NULL;
	for (int d = 0; d < m->ndir; d++) {
		mb->cur[d] = p->cur[d];
		mb->mean[d] = p->cur[d] >= 0 ? p->mean[d] : NAN;
	}
	mb->index = json_incref(json_object_get(mat, "index"));
	mb->class = json_incref(json_object_get(mat, "class"));
}

/* The group a member rolls up to: its parent, or itself when it is the
 * parent others name. NULL if neither. */
static const char *
member_group(const struct member *mb, json_t *parents)
{
	if (mb->parent)
		return mb->parent;
	return json_object_get(parents, mb->subject) ? mb->subject : NULL;
}

static int
by_string(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Table 2.2's view of each group (or only --group's): a row per company
 * with its directive means as shown, bands and class; the group's means
 * per directive (n always, never suppressed: these are the group's own
 * companies); and the roll-up row: the group's means, their index and
 * the class the members' bounds give it. */
static void
emit_parent_groups(void)
{
	const struct mgmt_model *m = mgmt_model();
	json_t *parents = json_object();
	for (int i = 0; i < G.nmembers; i++)
		if (G.members[i]->parent)
			json_object_set_new(parents, G.members[i]->parent, json_true());
	size_t ng = json_object_size(parents), k = 0;
	const char **names = xmalloc((ng ? ng : 1) * sizeof *names);
	const char *key;
	json_t *v;
	json_object_foreach(parents, key, v)
		names[k++] = key;
	qsort(names, ng, sizeof *names, by_string);
	for (size_t g = 0; g < ng; g++)
		json_object_set_new(parents, names[g], json_integer((json_int_t)g));
	/* The members of each group together, in input order: one pass over
	 * them, not one per group. */
	size_t *start = xcalloc(ng + 1, sizeof *start), *fill = xmalloc((ng + 1) * sizeof *fill);
	int *of = xmalloc((size_t)(G.nmembers ? G.nmembers : 1) * sizeof *of);
	int *order = xmalloc((size_t)(G.nmembers ? G.nmembers : 1) * sizeof *order);
	for (int i = 0; i < G.nmembers; i++) {
		const char *mg = member_group(G.members[i], parents);
		of[i] = mg ? (int)json_integer_value(json_object_get(parents, mg)) : -1;
		if (of[i] >= 0)
			start[of[i] + 1]++;
	}
	for (size_t g = 0; g < ng; g++)
		start[g + 1] += start[g];
	memcpy(fill, start, (ng + 1) * sizeof *fill);
	for (int i = 0; i < G.nmembers; i++)
		if (of[i] >= 0)
			order[fill[of[i]]++] = i;
	int *n = xmalloc((size_t)m->ndir * sizeof *n);
	double *sum = xmalloc((size_t)m->ndir * sizeof *sum);
	for (size_t g = 0; g < ng; g++) {
		if (G.only_group && strcmp(G.only_group, names[g]))
			continue;
		int members = 0;
		for (int d = 0; d < m->ndir; d++)
			n[d] = 0, sum[d] = 0;
		/* The parent company first, then its affiliates in input order. */
		for (int pass = 0; pass < 2; pass++)
			for (size_t j = start[g]; j < start[g + 1]; j++) {
				const struct member *mb = G.members[order[j]];
				if ((pass == 0) != (mb->parent == NULL))
					continue;
				members++;
				json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s}", "type", "gap", "kind", "member",
				                      "by", "parent", "group", names[g], "subject", mb->subject);
				if (mb->date && *mb->date)
					json_object_set_new(o, "date", json_string(mb->date));
				json_t *means = json_object();
				for (int d = 0; d < m->ndir; d++) {
					if (mb->cur[d] < 0)
						continue;
					n[d]++, sum[d] += mb->mean[d];
					json_object_set_new(means, m->dir[d].id, json_real(mb->cur[d] / 10.0));
				}
				json_object_set_new(o, "means", means);
				json_object_set(o, "index", mb->index ? mb->index : json_null());
				json_object_set(o, "class", mb->class ? mb->class : json_null());
				mgmt_emit(o);
			}
		json_t *roll = json_pack("{s:s,s:s,s:s,s:s,s:i}", "type", "gap", "kind", "rollup",
		                         "by", "parent", "group", names[g], "n", members);
		json_t *means = json_object();
		double isum = 0;
		int complete = 1;
		for (int d = 0; d < m->ndir; d++) {
			if (!n[d]) {
				complete = 0;
				continue;
			}
			double mean = sum[d] / n[d];
			isum += mean;
			json_object_set_new(means, m->dir[d].id, json_real(csf_round(mean, 1)));
			json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:i,s:f,s:f}", "type", "gap", "kind", "group",
			                      "by", "parent", "group", names[g], "directive", m->dir[d].id,
			                      "n", n[d], "mean", csf_round(mean, 4), "display", csf_round(mean, 1));
			mgmt_emit(o);
		}
		json_object_set_new(roll, "means", means);
		/* The group's index weighs directives equally, as a company's does. */
		double index = isum / m->ndir;
		json_object_set_new(roll, "index", complete ? json_real(csf_round(index, 4)) : json_null());
		const char *cls = !complete || !G.have_thresholds ? NULL
		                : index + 1e-9 >= G.t_a ? "A" : index + 1e-9 >= G.t_b ? "B" : "C";
		json_object_set_new(roll, "class", cls ? json_string(cls) : json_null());
		mgmt_emit(roll);
	}
	free(n);
	free(sum);
	free(start);
	free(fill);
	free(of);
	free(order);
	free(names);
	json_decref(parents);
	for (int i = 0; i < G.nmembers; i++) {
		json_decref(G.members[i]->index);
		json_decref(G.members[i]->class);
		free(G.members[i]);
	}
	free(G.members);
	G.members = NULL;
	G.nmembers = G.cap = 0;
}

static int
by_name(const void *x, const void *y)
{
	return strcmp(((const struct group *)x)->name, ((const struct group *)y)->name);
}

/* --partial: group gr's counts and sums by directive, in one write (a
 * pipe that several shards share keeps it whole). */
static void
emit_partial(const struct group *gr)
{
	const struct mgmt_model *m = mgmt_model();
	json_t *o = json_pack("{s:s,s:s,s:s}", "type", "gap_partial", "kind", "mgmt", "by", G.by);
	json_object_set_new(o, "value", *gr->name ? json_string(gr->name) : json_null());
	json_t *n = json_object(), *sum = json_object();
	for (int d = 0; d < m->ndir; d++)
		if (gr->n[d]) {
			json_object_set_new(n, m->dir[d].id, json_integer(gr->n[d]));
			json_object_set_new(sum, m->dir[d].id, json_integer(gr->sum[d]));
		}
	json_object_set_new(o, "n", n);
	json_object_set_new(o, "sum", sum);
	json_object_set_new(o, "generation", json_string(m->generation));
	csf_emit_whole(o);
	json_decref(o);
}

void
mgmt_gap_finish(void)
{
	if (G.by && !strcmp(G.by, "parent"))
		emit_parent_groups();
	const struct mgmt_model *m = G.ngroups ? mgmt_model() : NULL;
	if (G.ngroups)
		qsort(G.groups, (size_t)G.ngroups, sizeof *G.groups, by_name);
	for (int g = 0; g < G.ngroups; g++) {
		struct group *gr = &G.groups[g];
		if (G.partial) {
			emit_partial(gr);
			goto next;
		}
		json_t *pub = *gr->name ? json_object_get(mgmt_bench_row(G.bench, gr->name), "means") : NULL;
		for (int d = 0; d < m->ndir; d++) {
			if (!gr->n[d])
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "type", json_string("gap"));
			json_object_set_new(o, "kind", json_string("group"));
			json_object_set_new(o, "by", json_string(G.by));
			json_object_set_new(o, "group", *gr->name ? json_string(gr->name) : json_null());
			json_object_set_new(o, "directive", json_string(m->dir[d].id));
			json_object_set_new(o, "n", json_integer(gr->n[d]));
			if (gr->n[d] < G.min_n) {
				json_object_set_new(o, "suppressed", json_true());
			} else {
				double mean = (double)gr->sum[d] / MEAN_UNIT / (double)gr->n[d];
				json_object_set_new(o, "mean", json_real(csf_round(mean, 4)));
				json_object_set_new(o, "display", json_real(csf_round(mean, 1)));
				json_t *pv = json_object_get(pub, m->dir[d].id);
				if (json_is_number(pv)) {
					json_object_set_new(o, "benchmark", json_string(G.bench));
					json_object_set_new(o, "published", json_real(json_number_value(pv)));
					json_object_set_new(o, "diff", json_real(csf_round(mean - json_number_value(pv), 4)));
				}
			}
			mgmt_emit(o);
		}
	next:
		free(gr->name);
		free(gr->n);
		free(gr->sum);
	}
	free(G.groups);
	G.groups = NULL;
	G.ngroups = 0;
	mgmt_held_clear(&G.pending, free_pending);
}
