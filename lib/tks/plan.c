/* plan.c - learning plans: a subject's "gap" records -> ordered steps,
 * each a resource of share/csf/resources.ndjson, and with --years a
 * schedule over years with qualification milestones.
 *
 * Level fit. A resource with "levels":[FROM,TO] suits a learner at level
 * FROM or above and teaches an item it covers up to TO. It applies to an
 * open item at level c with target t when FROM <= c < t and TO <= t: it
 * never teaches above the target, so a level-2 target gets a resource
 * that ends at 2, not a level-4 exam. Work itself (format "ojt" or
 * "assignment") stops where the target is, so TO may exceed t there; but
 * an item the person outsources gets no work on it. A step raises each
 * item it applies to to min(TO, t). A resource's "requires" (item and
 * level) must hold first; the planner plans the prerequisite when not.
 *
 * Greedy, so that the largest gaps close first with few resources:
 *   1. take the open item with the largest remaining gap (ties as csf-gap
 *      orders them: involvement, then data order);
 *   2. among unused resources that apply to it, prefer the kind that fits
 *      the item (knowledge -> "knowledge": study and exams; skill or task
 *      -> "practice": exercises, training, OJT), and within --budget;
 *   3. pick the one that closes the most gap over all open items (ties:
 *      fewer hours, then catalogue order), and apply it to all of them.
 * An item nothing applies to is "uncovered", with the reason; one whose
 * resources would all exceed the budget is "deferred".
 *
 * Years (--years N): steps go, in plan order, to the first year their
 * earlier steps allow (a step that moved one of the same items, or met a
 * requirement, must have started; one that lasts whole years must have
 * ended) with room in --hours-per-year. Study hours draw on that room;
 * work ("ojt", "assignment") runs alongside; a "full_time" resource takes
 * its whole years. An exam's fields end in a milestone (the exam) the
 * year the last of them is studied; a resource that "grants" a
 * qualification (ICSCoE: 支援士 without the exam when registering within
 * a year) ends in a milestone the year after; a qualification with
 * "upkeep" adds its yearly course every later year. What does not fit in
 * N years is deferred. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/jw.h"
#include "core/records.h"
#include "tks/pipeline.h"
#include "tks/tks.h"

static jw w;   /* the record being written */

enum { KIND_KNOWLEDGE, KIND_PRACTICE };
#define MAX_REQ 4

struct resource {
	char *id, *format;
	size_t at;            /* its place among the resource records, for its name */
	int kind, from, to;
	double hours;
	int work;             /* ojt or assignment: on the job */
	int full_time;        /* takes its whole years */
	int years;            /* whole years it lasts; 0: as long as its hours */
	int nreq;
	struct { int item, level; } req[MAX_REQ];
	char *qualification;         /* the exam it prepares for */
	char *grants;                /* qualification it gives on completion */
	int grant_within;            /* ... when registering within N years */
	csf_field lists[2];          /* "covers" and "tasks", raw */
};

/* Why an item stays open. */
enum { WHY_NONE, WHY_NO_RESOURCE, WHY_ABOVE_TARGET, WHY_OUTSOURCED, WHY_PREREQUISITE,
       WHY_LEVELS, WHY_BUDGET, WHY_YEARS };
static const char *const why_names[] = {
	"", "no-resource", "above-target", "outsourced", "prerequisite", "levels", "budget", "years"
};
/* Why a step moves an item. */
enum { MOVE_LARGEST, MOVE_PREREQ, MOVE_ALSO };
static const char *const move_names[] = { "largest-gap", "prerequisite", "same-resource" };

struct pitem {
	int idx;
	signed char cur, tgt, rank;
	signed char cur0, tgt0;   /* as read: the gap the subject came with */
	signed char state;        /* OPEN, or why it stays open */
	signed char why;          /* WHY_* once UNCOVERED or DEFERRED */
	signed char pushed;       /* planned as a prerequisite once already */
	signed char moved;        /* scratch: 1 closed, 2 raised by this step */
};
enum { OPEN, UNCOVERED, DEFERRED };

struct move {
	int item;                 /* index into psubj.it */
	signed char from, to, why;
};

struct pstep {
	int res, gain;
	struct move *mv;
	int nmv;
	int year, end;            /* 0: not scheduled (no --years) */
	int deferred;
	int no;                   /* its number among the kept steps */
};

struct psubj {
	char *name;
	int tks;              /* had TKS gap records: gets a plan */
	struct pitem *it;
	int n, cap;
	unsigned char *seen;
	struct pstep *st;
	int nst, capst;
};

struct planner {
	struct plan_opts opt;
	subjects *subjects;
	int nitems;
	struct resource *res;
	int nres;
	int **by_item;        /* item index -> resource indexes, -1 ended */
	unsigned char *used;  /* scratch per subject */
};

static int
is_work(const char *format)
{
	return format && (strcmp(format, "ojt") == 0 || strcmp(format, "assignment") == 0);
}

/* A string member, unescaped into a new string; NULL if absent or not a
 * string (as csf_str reads it). */
static char *
field_dup(const csf_field *f)
{
	if (!f->val)
		return NULL;
	char *buf = xmalloc(f->len + 1);   /* unescaping never lengthens */
	if (csf_field_str(f, buf, f->len + 1) < 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* The framework item a string element names; -1 if it names none. */
static int
item_of(const csf_field *f)
{
	char id[32];
	return csf_field_str(f, id, sizeof id) < 0 ? -1 : tks_index(id);
}

static int
int_in(const csf_field *f, long long lo, long long hi, int *out)
{
	long long v;
	if (!csf_field_int(f, &v) || v < lo || v > hi)
		return 0;
	*out = (int)v;
	return 1;
}

static void
bad_resource(size_t i, const char *id)
{
	csf_die(1, "%s/resources.ndjson: resource %zu (%s) needs \"id\", \"kind\" knowledge|practice, "
	        "\"levels\" [FROM,TO] within 0-4 and \"hours\" (and \"years\" 1-50 when full_time)",
	        csf_datadir(), i + 1, id ? id : "no id");
}

static void
load_requires(struct resource *r, const csf_field *requires, size_t i)
{
	csf_iter it;
	csf_field q;
	if (!csf_field_array(requires, &it))
		return;
	while (csf_iter_next(&it, &q)) {
		csf_field f[2] = { { "item", NULL, 0 }, { "level", NULL, 0 } };
		int k = -1, level = 0;
		if (csf_data_fields(q.val, q.len, f, 2) == 0 && f[0].val)
			k = item_of(&f[0]);
		if (k < 0 || !int_in(&f[1], 1, TARGET_MAX, &level) || r->nreq == MAX_REQ)
			csf_die(1, "%s/resources.ndjson: resource %zu (%s): each of at most %d \"requires\" needs "
			        "a known \"item\" and a \"level\" 1-4", csf_datadir(), i + 1, r->id, MAX_REQ);
		r->req[r->nreq].item = k;
		r->req[r->nreq].level = level;
		r->nreq++;
	}
}

/* One resource from its line: only the members the planner uses are read
 * from the text (building every resource's tree was most of csf-plan's
 * start); the name is decoded when a step shows it. */
static void
read_resource(struct resource *r, size_t i)
{
	enum { ID, KIND, FORMAT, LEVELS, HOURS, YEARS, FULL_TIME, QUALIFICATION, GRANTS, REQUIRES,
	       COVERS, TASKS, NF };
	csf_field f[NF] = { { "id", NULL, 0 }, { "kind", NULL, 0 }, { "format", NULL, 0 },
		{ "levels", NULL, 0 }, { "hours", NULL, 0 }, { "years", NULL, 0 },
		{ "full_time", NULL, 0 }, { "qualification", NULL, 0 }, { "grants", NULL, 0 },
		{ "requires", NULL, 0 }, { "covers", NULL, 0 }, { "tasks", NULL, 0 } };
	char kind[16];
	csf_data_record_fields("resource", i, f, NF);   /* the loader checked it is an object */
	r->at = i;
	r->id = field_dup(&f[ID]);
	r->format = field_dup(&f[FORMAT]);
	r->qualification = field_dup(&f[QUALIFICATION]);
	int known_kind = f[KIND].val && csf_field_str(&f[KIND], kind, sizeof kind) >= 0
	                 && (!strcmp(kind, "knowledge") || !strcmp(kind, "practice"));
	r->kind = known_kind && !strcmp(kind, "knowledge") ? KIND_KNOWLEDGE : KIND_PRACTICE;
	csf_iter lv;
	csf_field e[3];
	int nlv = 0;
	if (csf_field_array(&f[LEVELS], &lv))
		while (nlv < 3 && csf_iter_next(&lv, &e[nlv]))
			nlv++;
	long long from = 0, to = 0;
	int levels_ok = nlv == 2 && csf_field_int(&e[0], &from) && csf_field_int(&e[1], &to);
	r->from = (int)from;
	r->to = (int)to;
	const char *h = f[HOURS].val;
	int hours_ok = h && (*h == '-' || (*h >= '0' && *h <= '9'));
	r->hours = hours_ok ? strtod(h, NULL) : 0;
	r->work = is_work(r->format);
	r->full_time = f[FULL_TIME].val && f[FULL_TIME].len == 4 && !memcmp(f[FULL_TIME].val, "true", 4);
	int years_ok = !f[YEARS].val || int_in(&f[YEARS], 1, 50, &r->years);
	if (f[GRANTS].val && f[GRANTS].val[0] == '{') {
		csf_field g[2] = { { "qualification", NULL, 0 }, { "within_years", NULL, 0 } };
		long long within = 0;
		if (csf_data_fields(f[GRANTS].val, f[GRANTS].len, g, 2) == 0) {
			r->grants = field_dup(&g[0]);
			if (csf_field_int(&g[1], &within))
				r->grant_within = (int)within;
		}
	}
	if (!r->id || !known_kind || !levels_ok || r->from < 0 || r->to > TARGET_MAX || r->from >= r->to
	    || !hours_ok || r->hours < 0 || !years_ok || (r->full_time && r->years < 1))
		bad_resource(i, r->id);
	load_requires(r, &f[REQUIRES], i);
	r->lists[0] = f[COVERS];
	r->lists[1] = f[TASKS];
}

/* Knowledge and skills a resource teaches ("covers"), and tasks it trains
 * for ("tasks"): each known item once, in the order listed. */
static void
load_resources(planner *p)
{
	size_t n = csf_data_count("resource");
	p->res = xcalloc(n ? n : 1, sizeof *p->res);
	int *count = xcalloc((size_t)p->nitems + 1, sizeof *count);
	struct { int item, res; } *pair = NULL;   /* each listed item, read once */
	size_t npair = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		read_resource(&p->res[i], i);
		p->nres++;
		for (int l = 0; l < 2; l++) {
			csf_iter it;
			csf_field c;
			if (csf_field_array(&p->res[i].lists[l], &it))
				while (csf_iter_next(&it, &c)) {
					int k = item_of(&c);
					if (k < 0)
						continue;   /* a dangling ID is csf-check's to report */
					if (npair == cap) {
						cap = cap ? cap * 2 : 1024;
						pair = xrealloc(pair, cap * sizeof *pair);
					}
					pair[npair].item = k;
					pair[npair++].res = (int)i;
					count[k]++;
				}
		}
	}
	p->by_item = xcalloc((size_t)p->nitems + 1, sizeof *p->by_item);
	for (int k = 0; k < p->nitems; k++) {
		p->by_item[k] = xmalloc(((size_t)count[k] + 1) * sizeof (int));
		p->by_item[k][0] = -1;
		count[k] = 0;
	}
	for (size_t j = 0; j < npair; j++) {
		int k = pair[j].item, ri = pair[j].res, *list = p->by_item[k];
		if (count[k] && list[count[k] - 1] == ri)
			continue;   /* listed twice */
		list[count[k]++] = ri;
		list[count[k]] = -1;
	}
	free(pair);
	free(count);
}

static void *
psubj_open(void *ctx, const char *name)
{
	(void)ctx;
	struct psubj *s = xcalloc(1, sizeof *s);
	s->name = xstrdup(name);
	s->seen = tks_set_new();
	return s;
}

static void psubj_close(void *ctx, void *state);

planner *
plan_new(const struct plan_opts *opt)
{
	planner *p = xcalloc(1, sizeof *p);
	p->opt = *opt;
	p->nitems = tks_count();
	load_resources(p);
	p->used = xcalloc((size_t)p->nres + 1, 1);
	p->subjects = subjects_new(opt->ungrouped, psubj_open, psubj_close, p);
	return p;
}

void
plan_profile(planner *p, csf_input *in, const csf_line *ln, json_t *obj)
{
	const char *subject = csf_record_subject(obj);
	if (!subject) {
		csf_input_bad(in, ln, "profile has no \"subject\"");
		return;
	}
	/* A profile starts its subject: the previous plan comes out first. */
	subjects_get(p->subjects, in, ln, subject);
	csf_pass(ln);
}

static struct pitem *
item_push(struct psubj *s, int idx, int cur, int tgt, int rank)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->it = xrealloc(s->it, (size_t)s->cap * sizeof *s->it);
	}
	struct pitem *it = &s->it[s->n++];
	*it = (struct pitem){ idx, (signed char)cur, (signed char)tgt, (signed char)rank,
	                      (signed char)cur, (signed char)tgt, OPEN, WHY_NONE, 0, 0 };
	return it;
}

static void
add_gap(planner *p, csf_input *in, const csf_line *ln, const char *subject, int idx, int cur, int tgt, int rank)
{
	struct psubj *s = subjects_get(p->subjects, in, ln, subject);
	if (!s)
		return;
	s->tks = 1;
	if (!tks_set_add(s->seen, idx)) {
		csf_input_bad(in, ln, "duplicate gap for subject \"%s\", item \"%s\"", subject, tks_at(idx)->id);
		return;
	}
	csf_pass(ln);   /* later stages (a report) still see every gap */
	/* Items at target are kept too: a resource's "requires" may ask for them. */
	item_push(s, idx, cur, tgt, rank);
}

void
plan_gap(planner *p, csf_input *in, const csf_line *ln, json_t *obj)
{
	const char *kind = csf_str(obj, "kind");
	if (!kind || strcmp(kind, "item") != 0) {
		/* A subject summary from csf-gap marks a subject with no gaps,
		 * which still gets its (empty) plan. */
		const char *subject = csf_str(obj, "subject");
		if (kind && strcmp(kind, "subject") == 0 && subject && *subject) {
			struct psubj *s = subjects_get(p->subjects, in, ln, subject);
			if (s)
				s->tks = 1;
		}
		csf_pass(ln);   /* summaries and aggregates go on */
		return;
	}
	const char *subject = csf_str(obj, "subject"), *item = csf_str(obj, "item");
	if (!subject || !*subject || !item) {
		csf_input_bad(in, ln, "gap has no \"%s\"", !subject || !*subject ? "subject" : "item");
		return;
	}
	int idx = tks_index(item);
	if (idx < 0) {
		csf_input_bad(in, ln, "unknown item \"%s\"", item);
		return;
	}
	json_t *cv = json_object_get(obj, "current"), *tv = json_object_get(obj, "target");
	json_int_t cur = json_is_null(cv) ? 0 : json_is_integer(cv) ? json_integer_value(cv) : -1;
	json_int_t tgt = json_is_integer(tv) ? json_integer_value(tv) : -1;
	if (cur < 0 || cur > TARGET_MAX || tgt < 0 || tgt > TARGET_MAX) {
		csf_input_bad(in, ln, "gap needs \"current\" (0-4 or null) and \"target\" (0-4)");
		return;
	}
	add_gap(p, in, ln, subject, idx, (int)cur, (int)tgt,
	        tks_rank(tks_mode_parse(csf_str(obj, "mode")), tks_phase_parse(csf_str(obj, "phase"))));
}

/* Well-formed item gaps straight from the line (see assess_answer_fast). */
int
plan_gap_fast(planner *p, csf_input *in, const csf_line *ln)
{
	enum { KIND, SUBJECT, ITEM, CURRENT, TARGET, MODE, PHASE, DIRECTIVE, NF };
	csf_field f[NF] = {
		{ "kind", NULL, 0 }, { "subject", NULL, 0 }, { "item", NULL, 0 }, { "current", NULL, 0 },
		{ "target", NULL, 0 }, { "mode", NULL, 0 }, { "phase", NULL, 0 }, { "directive", NULL, 0 }
	};
	char kind[8], subject[512], item[32], mode[16] = "", phase[16] = "";
	long long cur = 0, tgt;
	if (csf_line_fields(ln, f, NF) < 0 || csf_field_str(&f[KIND], kind, sizeof kind) < 0
	    || csf_field_str(&f[SUBJECT], subject, sizeof subject) <= 0)
		return 0;
	/* csf-gap's subject summaries (many per run) need no decoding either;
	 * other kinds may be the management model's. */
	if (strcmp(kind, "subject") == 0 && !f[DIRECTIVE].val) {
		struct psubj *s = subjects_get(p->subjects, in, ln, subject);
		if (s)
			s->tks = 1;
		csf_pass(ln);
		return 1;
	}
	if (strcmp(kind, "item") != 0 || csf_field_str(&f[ITEM], item, sizeof item) < 0)
		return 0;
	int idx = tks_index(item);
	if (idx < 0 || !f[CURRENT].val)
		return 0;
	if (!csf_field_null(&f[CURRENT]) && (!csf_field_int(&f[CURRENT], &cur) || cur < 0 || cur > TARGET_MAX))
		return 0;
	if (!csf_field_int(&f[TARGET], &tgt) || tgt < 0 || tgt > TARGET_MAX)
		return 0;
	if (f[MODE].val && f[MODE].val[0] == '"' && csf_field_str(&f[MODE], mode, sizeof mode) < 0)
		return 0;
	if (f[PHASE].val && f[PHASE].val[0] == '"' && csf_field_str(&f[PHASE], phase, sizeof phase) < 0)
		return 0;
	add_gap(p, in, ln, subject, idx, (int)cur, (int)tgt, tks_rank(tks_mode_parse(mode), tks_phase_parse(phase)));
	return 1;
}

/* ---- the greedy planner ---- */

static int
outsourced(const struct pitem *it)
{
	return it->rank / 2 == MODE_OUTSOURCE;
}

static struct pitem *
find_item(struct psubj *s, int idx)
{
	for (int i = 0; i < s->n; i++)
		if (s->it[i].idx == idx)
			return &s->it[i];
	return NULL;
}

/* The first requirement of r the subject does not meet yet, or -1. */
static int
unmet(struct psubj *s, const struct resource *r)
{
	for (int q = 0; q < r->nreq; q++) {
		const struct pitem *it = find_item(s, r->req[q].item);
		if (!it || it->cur < r->req[q].level)
			return q;
	}
	return -1;
}

/* Why r does not apply to it (WHY_NONE when it does), leaving out the
 * requirements, which depend on the other items. */
static int
misfit(const struct resource *r, const struct pitem *it)
{
	if (it->state != OPEN || it->cur >= it->tgt || it->cur < r->from || it->cur >= r->to)
		return WHY_LEVELS;
	if (r->work && outsourced(it))
		return WHY_OUTSOURCED;
	if (!r->work && r->to > it->tgt)
		return WHY_ABOVE_TARGET;
	return WHY_NONE;
}

static int
applies(struct psubj *s, const struct resource *r, const struct pitem *it)
{
	return misfit(r, it) == WHY_NONE && unmet(s, r) < 0;
}

static int
raise_to(const struct resource *r, const struct pitem *it)
{
	return it->tgt < r->to ? it->tgt : r->to;
}

static int
covers(const planner *p, int ri, int idx)
{
	for (const int *rj = p->by_item[idx]; *rj >= 0; rj++)
		if (*rj == ri)
			return 1;
	return 0;
}

/* The open item to plan for next: largest gap, then involvement, then
 * data order. -1 when none is left. */
static int
pivot(const struct psubj *s)
{
	int best = -1;
	for (int i = 0; i < s->n; i++) {
		const struct pitem *it = &s->it[i];
		if (it->state != OPEN || it->cur >= it->tgt)
			continue;
		if (best < 0)
			best = i;
		else {
			const struct pitem *b = &s->it[best];
			int ga = it->tgt - it->cur, gb = b->tgt - b->cur;
			if (ga > gb || (ga == gb && (it->rank < b->rank || (it->rank == b->rank && it->idx < b->idx))))
				best = i;
		}
	}
	return best;
}

static int
fits_kind(const struct resource *r, int cls)
{
	return r->kind == (cls == TKS_KNOWLEDGE ? KIND_KNOWLEDGE : KIND_PRACTICE);
}

/* The most telling reason no resource serves it any further: a
 * requirement beats the target beats outsourcing beats levels (which
 * includes a fitting resource already taken as far as it goes). */
static int
why_open(planner *p, struct psubj *s, const struct pitem *it)
{
	static const int rank_of[] = {
		[WHY_NO_RESOURCE] = 0, [WHY_LEVELS] = 1, [WHY_OUTSOURCED] = 2,
		[WHY_ABOVE_TARGET] = 3, [WHY_PREREQUISITE] = 4
	};
	int why = WHY_NO_RESOURCE;
	for (const int *ri = p->by_item[it->idx]; *ri >= 0; ri++) {
		int m = misfit(&p->res[*ri], it);
		if (m == WHY_NONE)
			m = !p->used[*ri] && unmet(s, &p->res[*ri]) >= 0 ? WHY_PREREQUISITE : WHY_LEVELS;
		if (rank_of[m] > rank_of[why])
			why = m;
	}
	return why;
}

/* The prerequisite to plan before resource r: the item of its first
 * unmet requirement, when the subject has it among its items (a resource
 * needing what the person has no target for is not for them), with its
 * target raised to the level asked if lower; once per item. Returns its
 * index in s->it, or -1. */
static int
prerequisite(struct psubj *s, const struct resource *r)
{
	int q = unmet(s, r);
	struct pitem *need = q < 0 ? NULL : find_item(s, r->req[q].item);
	if (!need || need->pushed)
		return -1;
	if (need->tgt < r->req[q].level) {
		need->tgt = (signed char)r->req[q].level;
		need->state = OPEN;
	}
	need->pushed = 1;
	return (int)(need - s->it);
}

static void
reason(int idx, int from, int to)
{
	char buf[160];
	const char *id = tks_at(idx)->id;
	if (strcmp(csf_opt.lang, "ja") == 0)
		snprintf(buf, sizeof buf, "未解消で最大のギャップ %s (%d→%d)", id, from, to);
	else
		snprintf(buf, sizeof buf, "largest open gap: %s (%d -> %d)", id, from, to);
	jw_str(&w, "reason", buf);
}

/* Hours: whole numbers as integers, else to 2 decimals. */
static void
number(const char *key, double h)
{
	double r = csf_round(h, 2);
	if (r == (double)(long long)r)
		jw_int(&w, key, (long long)r);
	else
		jw_real(&w, key, r);
}

static void
step_push(struct psubj *s, const struct pstep *st)
{
	if (s->nst == s->capst) {
		s->capst = s->capst ? s->capst * 2 : 8;
		s->st = xrealloc(s->st, (size_t)s->capst * sizeof *s->st);
	}
	s->st[s->nst++] = *st;
}

/* Choose the steps; returns the hours they take. */
static double
choose(planner *p, struct psubj *s)
{
	double hours = 0;
	int forced = -1, forced_why = MOVE_LARGEST;
	int *stack = xmalloc(((size_t)p->nitems + 1) * sizeof *stack), nstack = 0;   /* an item waits once */
	memset(p->used, 0, (size_t)p->nres);
	for (;;) {
		int open_forced = forced >= 0 && s->it[forced].state == OPEN && s->it[forced].cur < s->it[forced].tgt;
		int pv = open_forced ? forced : pivot(s);
		int why_pivot = open_forced ? forced_why : MOVE_LARGEST;
		forced = -1;
		if (!open_forced && nstack) {   /* the item that waited for its prerequisite */
			int w = stack[--nstack];
			if (s->it[w].state == OPEN && s->it[w].cur < s->it[w].tgt)
				pv = w;
		}
		if (pv < 0)
			break;
		struct pitem *it = &s->it[pv];
		int cls = tks_at(it->idx)->cls, best = -1, best_gain = 0, any = 0, blocked = -1, blocked_gain = 0;
		/* Two passes: resources of the fitting kind, then any kind. A
		 * resource whose requirement is not met yet competes too: if it
		 * would be the best, its prerequisite is planned first. */
		for (int pass = 0; pass < 2 && best < 0 && blocked < 0; pass++) {
			for (const int *ri = p->by_item[it->idx]; *ri >= 0; ri++) {
				const struct resource *r = &p->res[*ri];
				if (p->used[*ri] || misfit(r, it) != WHY_NONE || fits_kind(r, cls) != (pass == 0))
					continue;
				any = 1;
				if (p->opt.budget >= 0 && hours + r->hours > p->opt.budget + 1e-9)
					continue;
				int g = 0;
				for (int j = 0; j < s->n; j++)
					if (covers(p, *ri, s->it[j].idx) && misfit(r, &s->it[j]) == WHY_NONE)
						g += raise_to(r, &s->it[j]) - s->it[j].cur;
				if (unmet(s, r) >= 0) {
					if (blocked < 0 || g > blocked_gain)
						blocked = *ri, blocked_gain = g;
				} else if (best < 0 || g > best_gain || (g == best_gain && r->hours < p->res[best].hours)) {
					best = *ri;
					best_gain = g;
				}
			}
		}
		if (blocked >= 0 && (best < 0 || blocked_gain > best_gain)
		    && (forced = prerequisite(s, &p->res[blocked])) >= 0) {
			forced_why = MOVE_PREREQ;
			stack[nstack++] = pv;   /* come back to it once the prerequisite is planned */
			continue;
		}
		if (best < 0) {
			it->why = (signed char)(any && blocked < 0 ? WHY_BUDGET : why_open(p, s, it));
			it->state = any && blocked < 0 ? DEFERRED : UNCOVERED;
			continue;
		}
		const struct resource *r = &p->res[best];
		struct pstep st = { best, best_gain, xmalloc((size_t)s->n * sizeof *st.mv), 0, 0, 0, 0, 0 };
		/* The pivot first, so that a reader sees why the step is there. */
		for (int pass = 0; pass < 2; pass++)
			for (int j = 0; j < s->n; j++) {
				struct pitem *o = &s->it[j];
				if ((j == pv) != (pass == 0) || !covers(p, best, o->idx) || !applies(s, r, o))
					continue;
				int to = raise_to(r, o);
				st.mv[st.nmv++] = (struct move){ j, o->cur, (signed char)to,
				                                 (signed char)(j == pv ? why_pivot : MOVE_ALSO) };
			}
		for (int m = 0; m < st.nmv; m++)
			s->it[st.mv[m].item].cur = st.mv[m].to;
		p->used[best] = 1;
		hours += r->hours;
		step_push(s, &st);
	}
	free(stack);
	return hours;
}

/* ---- years ---- */

struct year {
	double study;         /* study hours taken */
	int full;             /* a full-time programme takes the year */
};

/* The first year step i may start in: after the steps it builds on. */
static int
earliest(planner *p, struct psubj *s, int i)
{
	const struct pstep *st = &s->st[i];
	const struct resource *r = &p->res[st->res];
	int y = 1;
	for (int j = 0; j < i; j++) {
		const struct pstep *e = &s->st[j];
		int dep = 0;
		for (int a = 0; a < e->nmv && !dep; a++) {
			for (int b = 0; b < st->nmv && !dep; b++)
				dep = e->mv[a].item == st->mv[b].item;
			for (int q = 0; q < r->nreq && !dep; q++)
				dep = s->it[e->mv[a].item].idx == r->req[q].item;
		}
		if (!dep)
			continue;
		if (e->deferred)
			return -1;
		const struct resource *er = &p->res[e->res];
		int after = er->years ? e->end + 1 : e->year;
		if (after > y)
			y = after;
	}
	return y;
}

/* Put step i at year y if it fits there; returns 1 if it did. */
static int
place(planner *p, struct psubj *s, struct year *yr, int i, int y)
{
	struct pstep *st = &s->st[i];
	const struct resource *r = &p->res[st->res];
	int years = p->opt.years, span = r->years ? r->years : 1;
	double room = p->opt.hours_per_year;
	if (y + span - 1 > years)
		return 0;
	if (r->full_time) {
		for (int k = y; k < y + span; k++)
			if (yr[k].full || yr[k].study > 0)
				return 0;
		for (int k = y; k < y + span; k++)
			yr[k].full = 1;
		st->year = y;
		st->end = y + span - 1;
		return 1;
	}
	if (r->work) {   /* runs alongside study, not in a year away */
		for (int k = y; k < y + span; k++)
			if (yr[k].full)
				return 0;
		st->year = y;
		st->end = y + span - 1;
		return 1;
	}
	/* Study: fill the room year after year from y. */
	if (yr[y].full || yr[y].study >= room - 1e-9)
		return 0;
	double left = r->hours;
	int k = y;
	for (; k <= years; k++) {
		if (yr[k].full)
			return 0;   /* a study would be cut in two by a year away */
		double take = room - yr[k].study < left ? room - yr[k].study : left;
		left -= take;
		if (left <= 1e-9)
			break;
	}
	if (k > years)
		return 0;
	left = r->hours;
	for (int m = y; m <= k; m++) {
		double take = room - yr[m].study < left ? room - yr[m].study : left;
		yr[m].study += take;
		left -= take;
	}
	st->year = y;
	st->end = k;
	return 1;
}

static void
schedule(planner *p, struct psubj *s)
{
	struct year *yr = xcalloc((size_t)p->opt.years + 2, sizeof *yr);
	for (int i = 0; i < s->nst; i++) {
		struct pstep *st = &s->st[i];
		int y = earliest(p, s, i);
		st->deferred = 1;
		for (; y >= 1 && y <= p->opt.years; y++)
			if (place(p, s, yr, i, y)) {
				st->deferred = 0;
				break;
			}
	}
	free(yr);
}

/* ---- output ---- */

static void
emit_step(planner *p, const struct psubj *s, const struct pstep *st, int no)
{
	const struct resource *r = &p->res[st->res];
	const struct move *pm = &st->mv[0];
	jw_begin(&w);
	jw_str(&w, "type", "plan");
	jw_str(&w, "kind", "step");
	jw_str(&w, "subject", s->name);
	jw_int(&w, "step", no);
	if (p->opt.years > 0) {
		jw_int(&w, "year", st->year);
		if (st->end != st->year)
			jw_int(&w, "until", st->end);
	}
	jw_str(&w, "resource", r->id);
	char *name = csf_data_lang("resource", r->at, "name");
	jw_str(&w, "name", name);
	free(name);
	jw_str(&w, "resource_kind", r->kind == KIND_KNOWLEDGE ? "knowledge" : "practice");
	if (r->format)
		jw_str(&w, "format", r->format);
	number("hours", r->hours);
	for (int which = 1; which <= 2; which++) {
		jw_array(&w, which == 1 ? "closes" : "raises");
		for (int m = 0; m < st->nmv; m++)
			if ((st->mv[m].to >= s->it[st->mv[m].item].tgt) == (which == 1))
				jw_str(&w, NULL, tks_at(s->it[st->mv[m].item].idx)->id);
		jw_close(&w);
	}
	jw_int(&w, "gain", st->gain);
	reason(s->it[pm->item].idx, pm->from, s->it[pm->item].tgt);
	jw_array(&w, "reasons");
	for (int m = 0; m < st->nmv; m++) {
		jw_object(&w, NULL);
		jw_str(&w, "item", tks_at(s->it[st->mv[m].item].idx)->id);
		jw_int(&w, "from", st->mv[m].from);
		jw_int(&w, "to", st->mv[m].to);
		jw_str(&w, "why", move_names[(int)st->mv[m].why]);
		jw_close(&w);
	}
	jw_close(&w);
	jw_emit(&w);
}

/* Milestones: an exam the year its last field is studied; a qualification
 * a programme grants the year after it ends (registration), marked with
 * what it exempts; then the qualification's yearly upkeep. */
static void
emit_milestones(planner *p, const struct psubj *s)
{
	json_t *seen = json_object();
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < s->nst; i++) {
			const struct pstep *st = &s->st[i];
			const struct resource *r = &p->res[st->res];
			const char *q = pass == 0 ? r->grants : r->qualification;
			if (st->deferred || !q || json_object_get(seen, q))
				continue;
			int year = 0;
			if (pass == 0)
				year = st->end + (r->grant_within > 0 ? 1 : 0);
			else
				for (int j = 0; j < s->nst; j++)
					if (!s->st[j].deferred && p->res[s->st[j].res].qualification
					    && strcmp(p->res[s->st[j].res].qualification, q) == 0 && s->st[j].end > year)
						year = s->st[j].end;
			/* A registration due the year after the last one is still shown,
			 * with its true year, past the plan's end. */
			json_object_set_new(seen, q, json_true());
			json_t *qrec = csf_data_find("qualification", q);
			jw_begin(&w);
			jw_str(&w, "type", "plan");
			jw_str(&w, "kind", "milestone");
			jw_str(&w, "subject", s->name);
			jw_int(&w, "year", year);
			jw_str(&w, "qualification", q);
			jw_str(&w, "name", qrec ? csf_text(json_object_get(qrec, "name")) : q);
			jw_str(&w, "by", pass == 0 ? "exemption" : "exam");
			jw_str(&w, "after", r->id);
			if (pass == 0 && r->grant_within > 0)
				jw_int(&w, "register_within_years", r->grant_within);
			jw_emit(&w);
			const char *up = csf_str(json_object_get(qrec, "upkeep"), "resource");
			json_t *ur = csf_data_find("resource", up);
			for (int y = year + 1; ur && y <= p->opt.years; y++) {
				jw_begin(&w);
				jw_str(&w, "type", "plan");
				jw_str(&w, "kind", "upkeep");
				jw_str(&w, "subject", s->name);
				jw_int(&w, "year", y);
				jw_str(&w, "qualification", q);
				jw_str(&w, "resource", up);
				jw_str(&w, "name", csf_text(json_object_get(ur, "name")));
				number("hours", json_number_value(json_object_get(ur, "hours")));
				jw_emit(&w);
			}
		}
	}
	json_decref(seen);
}

static void
left_list(const struct psubj *s, const char *key, int state, const int *final)
{
	jw_array(&w, key);
	for (int i = 0; i < s->n; i++) {
		const struct pitem *it = &s->it[i];
		if (final[i] >= it->tgt || (it->state == DEFERRED) != (state == DEFERRED))
			continue;
		jw_object(&w, NULL);
		jw_str(&w, "item", tks_at(it->idx)->id);
		jw_int(&w, "level", final[i]);
		jw_int(&w, "target", it->tgt);
		jw_str(&w, "why", why_names[(int)it->why]);
		jw_close(&w);
	}
	jw_close(&w);
}

static int
by_year(const void *a, const void *b)
{
	const struct pstep *x = *(const struct pstep *const *)a, *y = *(const struct pstep *const *)b;
	if (x->year != y->year)
		return x->year < y->year ? -1 : 1;
	return x < y ? -1 : x > y;
}

static void
psubj_close(void *ctx, void *state)
{
	planner *p = ctx;
	struct psubj *s = state;
	if (!s->tks)
		goto done;   /* a profile alone: nothing of ours to plan */
	choose(p, s);
	if (p->opt.years > 0)
		schedule(p, s);

	/* What the kept steps reach: a step the years leave out moves nothing,
	 * and its items are deferred. */
	int *final = xmalloc(((size_t)s->n + 1) * sizeof *final);
	for (int i = 0; i < s->n; i++)
		final[i] = s->it[i].cur0;
	double hours = 0;
	long gap_total = 0, gap_closed = 0;
	int steps = 0, closed = 0, gaps = 0;
	struct pstep **order = xmalloc(((size_t)s->nst + 1) * sizeof *order);
	int nkept = 0;
	for (int i = 0; i < s->nst; i++) {
		struct pstep *st = &s->st[i];
		if (st->deferred) {
			for (int m = 0; m < st->nmv; m++) {
				struct pitem *it = &s->it[st->mv[m].item];
				if (it->state == OPEN || it->state == UNCOVERED) {
					it->state = DEFERRED;
					it->why = WHY_YEARS;
				}
			}
			continue;
		}
		for (int m = 0; m < st->nmv; m++)
			final[st->mv[m].item] = st->mv[m].to;
		hours += p->res[st->res].hours;
		order[nkept++] = st;
		st->no = nkept;
	}
	for (int i = 0; i < s->n; i++) {
		const struct pitem *it = &s->it[i];
		if (it->cur0 >= it->tgt0)
			continue;
		gaps++;
		gap_total += it->tgt0 - it->cur0;
		int reach = final[i] < it->tgt0 ? final[i] : it->tgt0;
		gap_closed += reach - it->cur0;
		closed += reach >= it->tgt0;
	}
	if (p->opt.years > 0)
		qsort(order, (size_t)nkept, sizeof *order, by_year);
	for (int i = 0; i < nkept; i++)
		emit_step(p, s, order[i], order[i]->no);
	steps = nkept;
	if (p->opt.years > 0)
		emit_milestones(p, s);

	jw_begin(&w);
	jw_str(&w, "type", "plan");
	jw_str(&w, "kind", "subject");
	jw_str(&w, "subject", s->name);
	jw_int(&w, "steps", steps);
	number("hours", hours);
	if (p->opt.budget >= 0)
		number("budget", p->opt.budget);
	if (p->opt.years > 0) {
		jw_int(&w, "years", p->opt.years);
		number("hours_per_year", p->opt.hours_per_year);
	}
	jw_int(&w, "gaps", gaps);
	jw_int(&w, "closed", closed);
	jw_int(&w, "gap_total", gap_total);
	jw_int(&w, "gap_closed", gap_closed);
	left_list(s, "uncovered", UNCOVERED, final);
	left_list(s, "deferred", DEFERRED, final);
	jw_emit(&w);
	free(order);
	free(final);
done:
	for (int i = 0; i < s->nst; i++)
		free(s->st[i].mv);
	free(s->st);
	free(s->name);
	free(s->it);
	free(s->seen);
	free(s);
}

void
plan_finish(planner *p)
{
	subjects_finish(p->subjects);
	for (int k = 0; k < p->nitems; k++)
		free(p->by_item[k]);
	free(p->by_item);
	for (int ri = 0; ri < p->nres; ri++) {
		free(p->res[ri].id);
		free(p->res[ri].format);
		free(p->res[ri].qualification);
		free(p->res[ri].grants);
	}
	free(p->res);
	free(p->used);
	free(p);
	jw_free(&w);
}
