/* mgmt_assess.c - where the management model turns answers into scores
 * (csf-assess): answers to check items accumulate per subject, date and
 * assessor; at the end each assessment becomes check, directive and index
 * scores and a maturity class, and successive dates of one subject become
 * trends.
 *
 * Accumulators only (one byte and a position per answered item), never the
 * records, and on grouped input one subject at a time. --deviation needs
 * its cohorts' statistics before any company's score can be written: a
 * finished subject's answers go to a spool file and memory keeps only what
 * the statistics need (the latest assessment's index and directive means,
 * the cohort), about a hundred bytes a company; at the end each subject is
 * read back and written out. With -u every subject is held to the end. */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "mgmt/mgmt.h"

#define MAX_ASSESSORS 64

struct assessor {
	char *name;
	unsigned char *val;    /* per check, 0 = not answered */
	const char **file;     /* where each answer was, for duplicate messages */
	long *line;
	char **evidence;       /* per check, what the answer rests on; NULL if none */
};

struct assessment {
	char *date;            /* "" when undated */
	int nas;
	struct assessor *as;   /* nas of them, at most MAX_ASSESSORS */
	json_t *bench;         /* company row when scored from a benchmark set */
	/* results, filled by finalize() */
	double *mean;          /* per directive */
	int *n;                /* answered items per directive */
	int complete;
	double index;
	const char *class;
	struct cohort *cohort; /* --deviation: its subject's cohort, NULL if none */
};

struct subject {
	char *name;
	char *industry;        /* from a profile record, NULL if none */
	char *parent;          /* the group it belongs to, NULL if none */
	char *size;            /* size band id, NULL if unknown */
	int mfg;               /* manufacturing: 1, 0, -1 unknown */
	int n;
	struct assessment **a;
};

/* What a subject's cohort needs of it, kept for --deviation: its latest
 * assessment's index and directive means. */
struct summary {
	int cohort;            /* in A.cohorts; -1: the subject has no cohort */
	int complete;
	double index;
	double *mean;          /* per directive; NAN where not answered */
};

/* A cohort for the deviation score: the latest assessment of each of its
 * subjects is a member; mean and population standard deviation of the
 * index and of each directive mean over the members. */
struct cohort {
	char *key;
	int n;                 /* members */
	int ni;                /* members with an index */
	double isum, imean, isd;
	int *nd;               /* per directive: members with a mean */
	double *sum, *mean, *sd;
};

static struct {
	double t_a, t_b;
	int disagree, ungrouped;
	const char *from_bench;
	int nsub;
	struct subject **sub;
	json_t *index;   /* subject -> index in sub[] */
	char *last;      /* subject of the previous answer */
	json_t *done;    /* subjects already emitted (grouped input) */
	int template;    /* --mgmt: the questionnaire */
	const char *deviation;   /* --deviation BY: all, industry, size, manufacturing */
	int min_n;
	struct cohort *cohorts;
	int ncohorts;
	json_t *cohort_ix;       /* cohort key -> index in cohorts */
	struct summary *sums;    /* per subject in output order: spooled, then held */
	int nsums;
	FILE *spool;             /* the spooled subjects, in order (NULL: none) */
	int nspooled;
} A = { 3.75, 2.67, 1, 0, NULL, 0, NULL, NULL, NULL, NULL, 0, NULL, 5, NULL, 0, NULL, NULL, 0, NULL, 0 };

int
mgmt_assess_template_wanted(void)
{
	return A.template;
}

static void emit_subject(struct subject *s);
static void free_subject(struct subject *s);
static void spool_subject(struct subject *s);

static int
parse_number(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);
	if (end == s || *end || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

int
mgmt_assess_option(int c, const char *arg)
{
	switch (c) {
	case MGMT_OPT_THRESHOLDS: {
		char *buf = xstrdup(arg);
		char *comma = strchr(buf, ',');
		if (!comma)
			csf_usage_error("invalid value '%s' for --thresholds (expected A,B with 1 <= B <= A <= 5)", arg);
		*comma = '\0';
		A.t_a = csf_arg_double("--thresholds", buf, 1, 5);
		A.t_b = csf_arg_double("--thresholds", comma + 1, 1, 5);
		free(buf);
		if (A.t_b > A.t_a)
			csf_usage_error("invalid value '%s' for --thresholds (expected A,B with 1 <= B <= A <= 5)", arg);
		return 1;
	}
	case MGMT_OPT_FROM_BENCHMARK:
		A.from_bench = csf_arg_nonempty("--from-benchmark", arg);
		return 1;
	case MGMT_OPT_TEMPLATE:
		A.template = 1;
		return 1;
	case MGMT_OPT_DEVIATION:
		(void)csf_arg_choice("--deviation", arg, "all|industry|size|manufacturing");
		A.deviation = arg;
		return 1;
	case MGMT_OPT_MIN_N:
		A.min_n = (int)csf_arg_long("--min-n", arg, 1, 1000000);
		return 1;
	case MGMT_OPT_DISAGREE:
		A.disagree = (int)csf_arg_long("--disagree", arg, 1, 4);
		return 1;
	}
	return 0;
}

int
mgmt_assess_start(int ungrouped)
{
	A.ungrouped = ungrouped;
	if (A.from_bench && !mgmt_bench_has(A.from_bench, 1)) {
		csf_warn("--from-benchmark: no company rows in set '%s'", A.from_bench);
		exit(2);
	}
	return A.from_bench != NULL;
}

static struct subject *
get_subject(const char *name)
{
	if (!A.index)
		A.index = json_object();
	json_t *v = json_object_get(A.index, name);
	if (v)
		return A.sub[json_integer_value(v)];
	struct subject *s = xcalloc(1, sizeof *s);
	s->name = xstrdup(name);
	s->mfg = -1;
	A.sub = xrealloc(A.sub, (size_t)(A.nsub + 1) * sizeof *A.sub);
	json_object_set_new(A.index, name, json_integer(A.nsub));
	A.sub[A.nsub++] = s;
	return s;
}

static struct assessment *
get_assessment(struct subject *s, const char *date)
{
	for (int i = 0; i < s->n; i++)
		if (!strcmp(s->a[i]->date, date))
			return s->a[i];
	struct assessment *a = xcalloc(1, sizeof *a);
	a->date = xstrdup(date);
	s->a = xrealloc(s->a, (size_t)(s->n + 1) * sizeof *s->a);
	s->a[s->n++] = a;
	return a;
}

/* YYYY, YYYY-MM or YYYY-MM-DD: sortable as text. */
static int
valid_date(const char *d)
{
	static const char *shapes[] = { "dddd", "dddd-dd", "dddd-dd-dd" };
	for (size_t i = 0; i < 3; i++) {
		const char *p = shapes[i], *q = d;
		while (*p && *q && (*p == 'd' ? (*q >= '0' && *q <= '9') : *q == *p))
			p++, q++;
		if (!*p && !*q)
			return 1;
	}
	return 0;
}

void
mgmt_assess_profile(const csf_line *ln, json_t *rec)
{
	const char *subject = csf_str(rec, "subject");
	if (!subject || !*subject)
		return;
	const char *industry = csf_str(rec, "industry"), *parent = csf_str(rec, "parent");
	const char *size = csf_str(rec, "size");
	json_t *emp = json_object_get(rec, "employees"), *mfg = json_object_get(rec, "manufacturing");
	double n;
	/* CSV cells arrive as strings. */
	if (json_is_string(emp) && parse_number(json_string_value(emp), &n) && n >= 1 && n < 1e9)
		size = mgmt_size_band((long)n);
	else if (json_is_number(emp) && json_number_value(emp) >= 1 && json_number_value(emp) < 1e9)
		size = mgmt_size_band((long)json_number_value(emp));
	int m = json_is_boolean(mfg) ? json_is_true(mfg)
	      : json_is_string(mfg) ? (!strcmp(json_string_value(mfg), "true") ? 1
	                             : !strcmp(json_string_value(mfg), "false") ? 0 : -1)
	      : -1;
	if (!industry && !parent && !size && m < 0)
		return;   /* nothing the management model uses */
	if (!A.ungrouped && json_object_get(A.done, subject)) {
		/* Its answers are written already: say so rather than drop it. */
		csf_warn_at(ln->file, ln->line, "profile of subject '%s' comes after its answers and "
		            "after other subjects; its industry, size and group are not used (use -u)",
		            subject);
		return;
	}
	struct subject *s = get_subject(subject);
	if (industry) {
		free(s->industry);
		s->industry = xstrdup(industry);
	}
	if (parent && *parent) {
		free(s->parent);
		s->parent = xstrdup(parent);
	}
	if (size) {
		free(s->size);
		s->size = xstrdup(size);
	}
	if (m >= 0)
		s->mfg = m;
}

const char *
mgmt_size_band(long employees)
{
	json_t *all = csf_data_all("size_band"), *b;
	size_t i;
	json_array_foreach(all, i, b) {
		json_t *from = json_object_get(b, "from"), *below = json_object_get(b, "below");
		if (json_is_integer(from) && employees < json_integer_value(from))
			continue;
		if (json_is_integer(below) && employees >= json_integer_value(below))
			continue;
		return csf_str(b, "id");
	}
	return NULL;
}

/* Emit and forget every subject but keep, and those with a profile but no
 * answers yet: a file of profiles may come before every answer. */
static void
flush_except(const char *keep)
{
	int kept = 0;
	if (!A.done)
		A.done = json_object();
	for (int i = 0; i < A.nsub; i++) {
		struct subject *s = A.sub[i];
		if ((keep && !strcmp(s->name, keep)) || !s->n) {
			A.sub[kept++] = s;
			continue;
		}
		if (s->n) {
			if (A.deviation)
				spool_subject(s);
			else
				emit_subject(s);
			json_object_set_new(A.done, s->name, json_true());
		}
		free_subject(s);
	}
	A.nsub = kept;
	json_object_clear(A.index);
	for (int i = 0; i < A.nsub; i++)
		json_object_set_new(A.index, A.sub[i]->name, json_integer(i));
}

void
mgmt_assess_answer(csf_input *in, const csf_line *ln, json_t *rec)
{
	const struct mgmt_model *m = mgmt_model();
	const char *item = csf_str(rec, "item");
	int ci = mgmt_check_index(item);
	if (ci < 0) {
		csf_input_bad(in, ln, "unknown check ID '%s'", item ? item : "");
		return;
	}
	const char *subject = csf_str(rec, "subject");
	if (!subject || !*subject) {
		csf_input_bad(in, ln, "answer to check %s has no \"subject\"", item);
		return;
	}
	if (!mgmt_same_generation(in, ln, rec))
		return;
	json_t *lv = json_object_get(rec, "level");
	double v;
	if (json_is_null(lv))
		return;  /* a blank in a filled-in template: not answered */
	/* CSV cells arrive as strings: "3" is a number, "three" is not. */
	if (!(json_is_number(lv) ? (v = json_number_value(lv), 1)
	      : json_is_string(lv) && parse_number(json_string_value(lv), &v))) {
		csf_input_bad(in, ln, "check %s: \"level\" must be a number %d-%d", item, m->scale_min, m->scale_max);
		return;
	}
	if (v < m->scale_min || v > m->scale_max) {
		csf_input_bad(in, ln, "check %s: level %g is outside %d-%d", item, v, m->scale_min, m->scale_max);
		return;
	}
	if (v != floor(v)) {
		csf_input_bad(in, ln, "check %s: level %g is not a whole number", item, v);
		return;
	}
	json_t *jd = json_object_get(rec, "date"), *ja = json_object_get(rec, "assessor");
	if (jd && !json_is_null(jd) && (!json_is_string(jd) || !valid_date(json_string_value(jd)))) {
		csf_input_bad(in, ln, "\"date\" must be YYYY-MM-DD");
		return;
	}
	if (ja && !json_is_null(ja) && !json_is_string(ja)) {
		csf_input_bad(in, ln, "\"assessor\" must be a string");
		return;
	}
	json_t *je = json_object_get(rec, "evidence");
	if (je && !json_is_null(je) && !json_is_string(je)) {
		csf_input_bad(in, ln, "\"evidence\" must be a string");
		return;
	}
	const char *date = json_is_string(jd) ? json_string_value(jd) : "";
	const char *who = json_is_string(ja) ? json_string_value(ja) : "";
	if (!A.ungrouped && (!A.last || strcmp(A.last, subject))) {
		if (json_object_get(A.done, subject)) {
			csf_input_bad(in, ln, "answers for subject '%s' resume after other subjects; "
			              "the input is not grouped by subject (use -u)", subject);
			return;
		}
		flush_except(subject);
		free(A.last);
		A.last = xstrdup(subject);
	}

	struct assessment *a = get_assessment(get_subject(subject), date);
	struct assessor *as = NULL;
	for (int i = 0; i < a->nas; i++)
		if (!strcmp(a->as[i].name, who))
			as = &a->as[i];
	if (!as) {
		if (a->nas == MAX_ASSESSORS) {
			csf_input_bad(in, ln, "subject '%s' has more than %d assessors", subject, MAX_ASSESSORS);
			return;
		}
		a->as = xrealloc(a->as, (size_t)(a->nas + 1) * sizeof *a->as);
		as = &a->as[a->nas++];
		as->name = xstrdup(who);
		as->val = xcalloc((size_t)m->ncheck, 1);
		as->file = xcalloc((size_t)m->ncheck, sizeof *as->file);
		as->line = xcalloc((size_t)m->ncheck, sizeof *as->line);
		as->evidence = xcalloc((size_t)m->ncheck, sizeof *as->evidence);
	}
	if (as->val[ci]) {
		csf_input_bad(in, ln, "duplicate answer to check %s for subject '%s' (first at %s:%ld)",
		              item, subject, as->file[ci], as->line[ci]);
		return;
	}
	as->val[ci] = (unsigned char)v;
	as->file[ci] = ln->file;
	as->line[ci] = ln->line;
	/* A blank cell of a filled-in sheet is no evidence. */
	if (json_is_string(je) && *json_string_value(je))
		as->evidence[ci] = xstrdup(json_string_value(je));
}

/* The consensus value of check ci: the mean of its assessors' answers. */
static double
check_value(const struct assessment *a, int ci, int *count)
{
	int sum = 0, n = 0;
	for (int i = 0; i < a->nas; i++)
		if (a->as[i].val[ci])
			sum += a->as[i].val[ci], n++;
	*count = n;
	return n ? (double)sum / n : 0;
}

static void
finalize(struct assessment *a)
{
	const struct mgmt_model *m = mgmt_model();
	if (a->mean)
		return;   /* already */
	a->mean = xcalloc((size_t)m->ndir, sizeof *a->mean);
	a->n = xcalloc((size_t)m->ndir, sizeof *a->n);
	for (int d = 0; d < m->ndir; d++) {
		if (a->bench) {
			/* Printed one-decimal means: recover the exact k/n behind each. */
			json_t *v = json_object_get(json_object_get(a->bench, "means"), m->dir[d].id);
			if (json_is_number(v)) {
				a->mean[d] = mgmt_unround(json_number_value(v), m->dir[d].nchecks);
				a->n[d] = m->dir[d].nchecks;
			}
			continue;
		}
		double sum = 0;
		for (int c = m->dir[d].first; c < m->dir[d].first + m->dir[d].nchecks; c++) {
			int cnt;
			double v = check_value(a, c, &cnt);
			if (cnt)
				sum += v, a->n[d]++;
		}
		if (a->n[d])
			a->mean[d] = sum / a->n[d];
	}
	a->complete = 1;
	double sum = 0;
	for (int d = 0; d < m->ndir; d++) {
		a->complete &= a->n[d] > 0;
		sum += a->mean[d];
	}
	a->index = sum / m->ndir;
	/* The rule is not published; these bounds reproduce all 28 trial classes. */
	a->class = !a->complete ? NULL
	         : a->index + 1e-9 >= A.t_a ? "A"
	         : a->index + 1e-9 >= A.t_b ? "B" : "C";
}

static const char *
band_of(double display)
{
	json_t *bands = csf_data_all("band"), *b;
	size_t i;
	json_array_foreach(bands, i, b) {
		json_t *from = json_object_get(b, "from"), *below = json_object_get(b, "below");
		if (json_is_number(from) && display + 1e-9 < json_number_value(from))
			continue;
		if (json_is_number(below) && display + 1e-9 >= json_number_value(below))
			continue;
		return csf_str(b, "id");
	}
	return NULL;
}

static void
emit_disagreements(const char *subject, const struct assessment *a)
{
	const struct mgmt_model *m = mgmt_model();
	if (a->nas < 2)
		return;
	for (int c = 0; c < m->ncheck; c++) {
		int lo = INT32_MAX, hi = 0;
		json_t *answers = json_object(), *evidence = json_object();
		for (int i = 0; i < a->nas; i++) {
			int v = a->as[i].val[c];
			if (!v)
				continue;
			json_object_set_new(answers, a->as[i].name, json_integer(v));
			if (a->as[i].evidence[c])
				json_object_set_new(evidence, a->as[i].name, json_string(a->as[i].evidence[c]));
			lo = v < lo ? v : lo;
			hi = v > hi ? v : hi;
		}
		if (json_object_size(answers) >= 2 && hi - lo >= A.disagree) {
			json_t *o = mgmt_record("score", "disagreement", subject, a->date);
			json_object_set_new(o, "item", json_string(m->check[c].id));
			json_object_set_new(o, "directive", json_string(m->dir[m->check[c].directive].id));
			json_object_set_new(o, "answers", answers);
			json_object_set_new(o, "min", json_integer(lo));
			json_object_set_new(o, "max", json_integer(hi));
			json_object_set_new(o, "spread", json_integer(hi - lo));
			if (json_object_size(evidence))
				json_object_set_new(o, "evidence", json_incref(evidence));
			mgmt_emit(o);
		} else
			json_decref(answers);
		json_decref(evidence);
	}
}

/* Who answered check c and on what: the one answer's assessor and evidence
 * as they are; several answers as "who: evidence" joined, for a cell of a
 * sheet (the answer scores below keep them apart). */
static void
add_who_and_evidence(json_t *o, const struct assessment *a, int c)
{
	char *who = NULL, *what = NULL;
	size_t wholen = 0, whatlen = 0;
	int nwho = 0, nwhat = 0, many, any = 0;
	/* Most answers name nobody and no evidence: nothing to build. */
	for (int i = 0; i < a->nas && !any; i++)
		any = a->as[i].val[c] && (*a->as[i].name || a->as[i].evidence[c]);
	if (!any)
		return;
	check_value(a, c, &many);
	many = many >= 2;
	FILE *fw = open_memstream(&who, &wholen), *fe = open_memstream(&what, &whatlen);
	if (!fw || !fe)
		csf_die(1, "out of memory");
	for (int i = 0; i < a->nas; i++) {
		const struct assessor *as = &a->as[i];
		if (!as->val[c])
			continue;
		if (*as->name)
			fprintf(fw, "%s%s", nwho++ ? ", " : "", as->name);
		if (as->evidence[c]) {
			if (nwhat++)
				fputs("; ", fe);
			if (many && *as->name)
				fprintf(fe, "%s: ", as->name);
			fputs(as->evidence[c], fe);
		}
	}
	fclose(fw);
	fclose(fe);
	if (nwho)
		json_object_set_new(o, "assessor", json_string(who));
	if (nwhat)
		json_object_set_new(o, "evidence", json_string(what));
	free(who);
	free(what);
}

/* The multi-assessor view: each assessor's answer to check c, with its
 * evidence ("who assessed it, on what basis"). */
static void
emit_answers(const char *subject, const struct assessment *a, int c)
{
	const struct mgmt_model *m = mgmt_model();
	for (int i = 0; i < a->nas; i++) {
		const struct assessor *as = &a->as[i];
		if (!as->val[c])
			continue;
		json_t *o = mgmt_record("score", "answer", subject, a->date);
		json_object_set_new(o, "item", json_string(m->check[c].id));
		json_object_set_new(o, "directive", json_string(m->dir[m->check[c].directive].id));
		json_object_set_new(o, "assessor", json_string(as->name));
		json_object_set_new(o, "level", json_integer(as->val[c]));
		if (as->evidence[c])
			json_object_set_new(o, "evidence", json_string(as->evidence[c]));
		mgmt_emit(o);
	}
}

/* A subject's industry id (NULL if none) and manufacturing flag (-1 if
 * unknown): a benchmark row's own, else the profile's, the flag read off
 * the industry's rows in table2.2 unless the profile says it. */
static void
attributes(const struct subject *s, const struct assessment *a, const char **industry, int *mfg)
{
	*industry = s->industry;
	*mfg = -1;
	if (a->bench) {
		*industry = csf_str(json_object_get(a->bench, "industry"), "id");
		*mfg = json_is_true(json_object_get(a->bench, "manufacturing"));
		return;
	}
	if (*industry) {
		const char *id = mgmt_industry("table2.2", *industry, mfg);
		*industry = id ? id : *industry;
	}
	if (s->mfg >= 0)
		*mfg = s->mfg;
}

/* 偏差値: (x - mean) / sd * 10 + 50, with the population sd; 50 when
 * every member has the same value. */
static double
deviation(double x, double mean, double sd)
{
	return csf_round(sd > 1e-12 ? (x - mean) / sd * 10 + 50 : 50, 1);
}

static void
emit_assessment(const struct subject *s, const struct assessment *a)
{
	const struct mgmt_model *m = mgmt_model();
	json_t *o;
	emit_disagreements(s->name, a);
	for (int c = 0; !a->bench && c < m->ncheck; c++) {
		int cnt;
		double v = check_value(a, c, &cnt);
		if (!cnt)
			continue;
		o = mgmt_record("score", "check", s->name, a->date);
		json_object_set_new(o, "item", json_string(m->check[c].id));
		json_object_set_new(o, "directive", json_string(m->dir[m->check[c].directive].id));
		json_object_set_new(o, "level", json_real(csf_round(v, 4)));
		json_object_set_new(o, "n", json_integer(cnt));
		add_who_and_evidence(o, a, c);
		mgmt_emit(o);
		if (cnt >= 2)
			emit_answers(s->name, a, c);
	}
	for (int d = 0; d < m->ndir; d++) {
		if (!a->n[d])
			continue;
		double shown = csf_round(a->mean[d], 1);
		const char *band = band_of(shown);
		o = mgmt_record("score", "directive", s->name, a->date);
		json_object_set_new(o, "directive", json_string(m->dir[d].id));
		json_object_set_new(o, "mean", json_real(csf_round(a->mean[d], 4)));
		json_object_set_new(o, "display", json_real(shown));
		json_object_set_new(o, "level", json_integer((int)floor(shown + 1e-9)));
		json_object_set_new(o, "band", band ? json_string(band) : json_null());
		json_object_set_new(o, "n", json_integer(a->n[d]));
		json_object_set_new(o, "items", json_integer(m->dir[d].nchecks));
		const struct cohort *c = a->cohort;
		if (c && c->n >= A.min_n && c->nd[d])
			json_object_set_new(o, "deviation", json_real(deviation(a->mean[d], c->mean[d], c->sd[d])));
		mgmt_emit(o);
	}
	if (a->complete) {
		o = mgmt_record("score", "index", s->name, a->date);
		json_object_set_new(o, "index", json_real(csf_round(a->index, 4)));
		json_object_set_new(o, "display", json_real(csf_round(a->index, 2)));
		json_object_set_new(o, "directives", json_integer(m->ndir));
		mgmt_emit(o);
	}
	o = mgmt_record("maturity", NULL, s->name, a->date);
	json_object_set_new(o, "index", a->complete ? json_real(csf_round(a->index, 4)) : json_null());
	json_object_set_new(o, "class", a->class ? json_string(a->class) : json_null());
	json_object_set_new(o, "rule", json_string("inferred"));
	json_object_set_new(o, "thresholds", json_pack("{s:f,s:f}", "A", A.t_a, "B", A.t_b));
	if (!a->complete) {
		json_t *missing = json_array();
		for (int d = 0; d < m->ndir; d++)
			if (!a->n[d])
				json_array_append_new(missing, json_string(m->dir[d].id));
		json_object_set_new(o, "missing", missing);
	}
	const char *industry;
	int mfg;
	attributes(s, a, &industry, &mfg);
	if (industry)
		json_object_set_new(o, "industry", json_string(industry));
	if (mfg >= 0)
		json_object_set_new(o, "manufacturing", json_boolean(mfg));
	if (s->size)
		json_object_set_new(o, "size", json_string(s->size));
	if (s->parent)
		json_object_set_new(o, "parent", json_string(s->parent));
	if (A.deviation) {
		const struct cohort *c = a->cohort;
		json_t *co = json_pack("{s:s,s:s?,s:i}", "by", A.deviation, "group", c ? c->key : NULL,
		                       "n", c ? c->n : 0);
		int shown = c && c->n >= A.min_n;
		if (c && !shown)
			json_object_set_new(co, "suppressed", json_true());  /* small cohorts identify companies */
		json_object_set_new(o, "cohort", co);
		if (shown && a->complete && c->ni)
			json_object_set_new(o, "deviation", json_real(deviation(a->index, c->imean, c->isd)));
	}
	if (a->bench) {
		const char *pub = csf_str(a->bench, "class");
		json_object_set_new(o, "benchmark", json_string(A.from_bench));
		json_object_set_new(o, "published", pub ? json_string(pub) : json_null());
		json_object_set_new(o, "agrees", json_boolean(pub && a->class && !strcmp(pub, a->class)));
	}
	mgmt_emit(o);
}

static int
by_date(const void *x, const void *y)
{
	const struct assessment *a = *(struct assessment *const *)x, *b = *(struct assessment *const *)y;
	return strcmp(a->date, b->date);
}

static void
emit_trends(const struct subject *s)
{
	const struct mgmt_model *m = mgmt_model();
	const struct assessment *prev = NULL;
	for (int i = 0; i < s->n; i++) {
		const struct assessment *a = s->a[i];
		if (!*a->date)
			continue;
		if (prev) {
			for (int d = 0; d < m->ndir; d++) {
				if (!prev->n[d] || !a->n[d])
					continue;
				double before = csf_round(prev->mean[d], 1), after = csf_round(a->mean[d], 1);
				json_t *o = mgmt_record("trend", "directive", s->name, NULL);
				json_object_set_new(o, "from", json_string(prev->date));
				json_object_set_new(o, "to", json_string(a->date));
				json_object_set_new(o, "directive", json_string(m->dir[d].id));
				json_object_set_new(o, "before", json_real(before));
				json_object_set_new(o, "after", json_real(after));
				json_object_set_new(o, "delta", json_real(csf_round(after - before, 1)));
				mgmt_emit(o);
			}
			if (prev->class && a->class) {
				int c = strcmp(prev->class, a->class);  /* "A" < "B": lower letter is better */
				json_t *o = mgmt_record("trend", "class", s->name, NULL);
				json_object_set_new(o, "from", json_string(prev->date));
				json_object_set_new(o, "to", json_string(a->date));
				json_object_set_new(o, "before", json_string(prev->class));
				json_object_set_new(o, "after", json_string(a->class));
				json_object_set_new(o, "index_before", json_real(csf_round(prev->index, 4)));
				json_object_set_new(o, "index_after", json_real(csf_round(a->index, 4)));
				json_object_set_new(o, "delta", json_real(csf_round(a->index - prev->index, 4)));
				json_object_set_new(o, "change", json_string(c > 0 ? "up" : c < 0 ? "down" : "same"));
				mgmt_emit(o);
			}
		}
		prev = a;
	}
}

static void
free_assessment(struct assessment *a)
{
	for (int i = 0; i < a->nas; i++) {
		free(a->as[i].name);
		free(a->as[i].val);
		free(a->as[i].file);
		free(a->as[i].line);
		for (int c = 0; a->as[i].evidence && c < mgmt_model()->ncheck; c++)
			free(a->as[i].evidence[c]);
		free(a->as[i].evidence);
	}
	free(a->as);
	free(a->date);
	free(a->mean);
	free(a->n);
	free(a);
}

static void
free_subject(struct subject *s)
{
	for (int i = 0; i < s->n; i++)
		free_assessment(s->a[i]);
	free(s->a);
	free(s->name);
	free(s->industry);
	free(s->parent);
	free(s->size);
	free(s);
}

static void
finalize_subject(struct subject *s)
{
	qsort(s->a, (size_t)s->n, sizeof *s->a, by_date);
	for (int i = 0; i < s->n; i++)
		finalize(s->a[i]);
}

static void
emit_subject(struct subject *s)
{
	finalize_subject(s);
	for (int i = 0; i < s->n; i++)
		emit_assessment(s, s->a[i]);
	emit_trends(s);
}

/* The cohort key of subject s for --deviation, NULL if it lacks one. */
static const char *
cohort_key(const struct subject *s)
{
	const char *industry;
	int mfg;
	attributes(s, s->a[s->n - 1], &industry, &mfg);
	if (!strcmp(A.deviation, "all"))
		return "all";
	if (!strcmp(A.deviation, "industry"))
		return industry;
	if (!strcmp(A.deviation, "size"))
		return s->size;
	return mfg < 0 ? NULL : mfg ? "mfg" : "nonmfg";
}

/* The cohort of key, made when new. */
static int
cohort_of(const char *key)
{
	const struct mgmt_model *m = mgmt_model();
	if (!A.cohort_ix)
		A.cohort_ix = json_object();
	json_t *v = json_object_get(A.cohort_ix, key);
	if (v)
		return (int)json_integer_value(v);
	A.cohorts = xrealloc(A.cohorts, (size_t)(A.ncohorts + 1) * sizeof *A.cohorts);
	struct cohort *c = &A.cohorts[A.ncohorts];
	*c = (struct cohort){ .key = xstrdup(key) };
	c->nd = xcalloc((size_t)m->ndir, sizeof *c->nd);
	c->sum = xcalloc((size_t)m->ndir, sizeof *c->sum);
	c->mean = xcalloc((size_t)m->ndir, sizeof *c->mean);
	c->sd = xcalloc((size_t)m->ndir, sizeof *c->sd);
	json_object_set_new(A.cohort_ix, key, json_integer(A.ncohorts));
	return A.ncohorts++;
}

/* Keep what the cohort of s (finalized) needs of it: its latest assessment
 * is the member. */
static void
summarize(const struct subject *s)
{
	const struct mgmt_model *m = mgmt_model();
	static int cap;
	if (A.nsums == cap) {
		cap = cap ? 2 * cap : 64;
		A.sums = xrealloc(A.sums, (size_t)cap * sizeof *A.sums);
	}
	const struct assessment *a = s->a[s->n - 1];
	const char *key = cohort_key(s);
	struct summary *u = &A.sums[A.nsums++];
	u->cohort = key ? cohort_of(key) : -1;
	u->complete = a->complete;
	u->index = a->index;
	u->mean = xmalloc((size_t)m->ndir * sizeof *u->mean);
	for (int d = 0; d < m->ndir; d++)
		u->mean[d] = a->n[d] ? a->mean[d] : NAN;
}

/* Mean and population sd of each cohort, in two passes (means, then
 * squared deviations) over the members in output order. */
static void
cohort_stats(void)
{
	const struct mgmt_model *m = mgmt_model();
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < A.nsums; i++) {
			const struct summary *u = &A.sums[i];
			if (u->cohort < 0)
				continue;
			struct cohort *c = &A.cohorts[u->cohort];
			if (pass == 0)
				c->n++;
			if (u->complete) {
				if (pass == 0)
					c->ni++, c->isum += u->index;
				else
					c->isd += (u->index - c->imean) * (u->index - c->imean);
			}
			for (int d = 0; d < m->ndir; d++) {
				if (isnan(u->mean[d]))
					continue;
				if (pass == 0)
					c->nd[d]++, c->sum[d] += u->mean[d];
				else
					c->sd[d] += (u->mean[d] - c->mean[d]) * (u->mean[d] - c->mean[d]);
			}
		}
		for (int k = 0; k < A.ncohorts; k++) {
			struct cohort *c = &A.cohorts[k];
			if (pass == 0) {
				c->imean = c->ni ? c->isum / c->ni : 0;
				for (int d = 0; d < m->ndir; d++)
					c->mean[d] = c->nd[d] ? c->sum[d] / c->nd[d] : 0;
			} else {
				c->isd = c->ni ? sqrt(c->isd / c->ni) : 0;
				for (int d = 0; d < m->ndir; d++)
					c->sd[d] = c->nd[d] ? sqrt(c->sd[d] / c->nd[d]) : 0;
			}
		}
	}
}

/* ---- the spool: a finished subject's answers, read back at the end ---- */

static void
put_bytes(const void *p, size_t n)
{
	if (n && fwrite(p, 1, n, A.spool) != n)
		csf_die(1, "temporary file: %s", csf_strerror(errno));
}

static void
put_str(const char *str)
{
	uint32_t n = str ? (uint32_t)strlen(str) : UINT32_MAX;
	put_bytes(&n, sizeof n);
	if (str)
		put_bytes(str, n);
}

static void
get_bytes(void *p, size_t n)
{
	if (n && fread(p, 1, n, A.spool) != n)
		csf_die(1, "temporary file: read failed");
}

static char *
get_str(void)
{
	uint32_t n;
	get_bytes(&n, sizeof n);
	if (n == UINT32_MAX)
		return NULL;
	char *str = xmalloc((size_t)n + 1);
	get_bytes(str, n);
	str[n] = '\0';
	return str;
}

/* Write subject s (answered, not from a benchmark set) to the spool and
 * keep its summary; the caller frees it. */
static void
spool_subject(struct subject *s)
{
	const struct mgmt_model *m = mgmt_model();
	finalize_subject(s);
	summarize(s);
	if (!A.spool) {
		A.spool = tmpfile();
		if (!A.spool)
			csf_die(1, "temporary file: %s", csf_strerror(errno));
		setvbuf(A.spool, NULL, _IOFBF, 1 << 18);
	}
	put_str(s->name);
	put_str(s->industry);
	put_str(s->parent);
	put_str(s->size);
	int32_t head[2] = { s->mfg, s->n };
	put_bytes(head, sizeof head);
	for (int i = 0; i < s->n; i++) {
		const struct assessment *a = s->a[i];
		put_str(a->date);
		int32_t nas = a->nas;
		put_bytes(&nas, sizeof nas);
		for (int j = 0; j < a->nas; j++) {
			const struct assessor *as = &a->as[j];
			put_str(as->name);
			put_bytes(as->val, (size_t)m->ncheck);
			for (int c = 0; c < m->ncheck; c++)
				put_str(as->evidence[c]);
		}
	}
	A.nspooled++;
}

/* The next subject of the spool, as it was before it was written. */
static struct subject *
unspool_subject(void)
{
	const struct mgmt_model *m = mgmt_model();
	struct subject *s = xcalloc(1, sizeof *s);
	s->name = get_str();
	s->industry = get_str();
	s->parent = get_str();
	s->size = get_str();
	int32_t head[2];
	get_bytes(head, sizeof head);
	s->mfg = head[0];
	s->n = head[1];
	s->a = xcalloc((size_t)s->n, sizeof *s->a);
	for (int i = 0; i < s->n; i++) {
		struct assessment *a = s->a[i] = xcalloc(1, sizeof *a);
		a->date = get_str();
		int32_t nas;
		get_bytes(&nas, sizeof nas);
		a->nas = nas;
		a->as = xcalloc((size_t)nas, sizeof *a->as);
		for (int j = 0; j < nas; j++) {
			struct assessor *as = &a->as[j];
			as->name = get_str();
			as->val = xmalloc((size_t)m->ncheck);
			get_bytes(as->val, (size_t)m->ncheck);
			as->evidence = xcalloc((size_t)m->ncheck, sizeof *as->evidence);
			for (int c = 0; c < m->ncheck; c++)
				as->evidence[c] = get_str();
		}
	}
	return s;
}

/* Write out subject s with its assessments' cohort, and free it. */
static void
emit_member(struct subject *s, const struct summary *u)
{
	for (int j = 0; j < s->n; j++)
		s->a[j]->cohort = u->cohort >= 0 ? &A.cohorts[u->cohort] : NULL;
	emit_subject(s);
	free_subject(s);
}

static void
free_cohorts(void)
{
	for (int k = 0; k < A.ncohorts; k++) {
		free(A.cohorts[k].key);
		free(A.cohorts[k].nd);
		free(A.cohorts[k].sum);
		free(A.cohorts[k].mean);
		free(A.cohorts[k].sd);
	}
	free(A.cohorts);
	A.cohorts = NULL;
	A.ncohorts = 0;
	json_decref(A.cohort_ix);
	A.cohort_ix = NULL;
	for (int i = 0; i < A.nsums; i++)
		free(A.sums[i].mean);
	free(A.sums);
	A.sums = NULL;
	A.nsums = 0;
}

void
mgmt_assess_finish(void)
{
	/* --from-benchmark: each company row of the set is a subject scored
	 * from its printed means, after the input's own. */
	if (A.from_bench) {
		json_t *all = csf_data_all("benchmark"), *r;
		size_t i;
		json_array_foreach(all, i, r) {
			const char *set = csf_str(r, "set"), *kind = csf_str(r, "kind"), *row = csf_str(r, "row");
			if (!set || !kind || !row || strcmp(set, A.from_bench) || strcmp(kind, "company"))
				continue;
			struct subject *s = xcalloc(1, sizeof *s);
			s->name = xstrdup(row);
			s->mfg = -1;
			s->a = xmalloc(sizeof *s->a);
			s->a[0] = xcalloc(1, sizeof **s->a);
			s->a[0]->date = xstrdup("");
			s->a[0]->bench = r;
			s->n = 1;
			A.sub = xrealloc(A.sub, (size_t)(A.nsub + 1) * sizeof *A.sub);
			A.sub[A.nsub++] = s;
		}
	}
	/* A profile alone is not an assessment. */
	int kept = 0;
	for (int i = 0; i < A.nsub; i++) {
		if (A.sub[i]->n)
			A.sub[kept++] = A.sub[i];
		else
			free_subject(A.sub[i]);
	}
	A.nsub = kept;
	if (A.deviation) {
		/* The spooled subjects come first, then the held ones, as the
		 * input gave them. */
		for (int i = 0; i < A.nsub; i++) {
			finalize_subject(A.sub[i]);
			summarize(A.sub[i]);
		}
		cohort_stats();
		if (A.spool && fseek(A.spool, 0, SEEK_SET) != 0)
			csf_die(1, "temporary file: %s", csf_strerror(errno));
		for (int i = 0; i < A.nspooled; i++)
			emit_member(unspool_subject(), &A.sums[i]);
		for (int i = 0; i < A.nsub; i++)
			emit_member(A.sub[i], &A.sums[A.nspooled + i]);
		if (A.spool)
			fclose(A.spool);
		A.spool = NULL;
		A.nspooled = 0;
	} else {
		for (int i = 0; i < A.nsub; i++) {
			emit_subject(A.sub[i]);
			free_subject(A.sub[i]);
		}
	}
	free_cohorts();
	free(A.sub);
	A.sub = NULL;
	A.nsub = 0;
	json_decref(A.index);
	A.index = NULL;
	json_decref(A.done);
	A.done = NULL;
	free(A.last);
	A.last = NULL;
}
