/* plan.c - learning plans: a subject's "gap" records -> ordered steps,
 * each a resource of share/csf/resources.ndjson.
 *
 * A resource with "levels":[FROM,TO] suits a learner at level FROM or
 * above and takes an item it covers up to TO: it applies to an open item
 * at level c when FROM <= c < TO, and raises it to min(TO, target).
 * Greedy, so that the largest gaps close first with few resources:
 *   1. take the open item with the largest remaining gap (ties as csf-gap
 *      orders them: involvement, then data order);
 *   2. among unused resources that apply to it, prefer the kind that fits
 *      the item (knowledge -> "knowledge": study and exams; skill or task
 *      -> "practice": exercises, training, OJT), and within --budget;
 *   3. pick the one that closes the most gap over all open items (ties:
 *      fewer hours, then catalogue order), and apply it to all of them.
 * An item no unused resource applies to is "uncovered"; one whose
 * resources would all exceed the budget is "deferred". */
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/jw.h"
#include "tks/pipeline.h"
#include "tks/tks.h"

static jw w;   /* the record being written */

enum { KIND_KNOWLEDGE, KIND_PRACTICE };

struct resource {
	const char *id;
	json_t *rec;
	int kind, from, to;
	double hours;
};

struct pitem {
	int idx;
	signed char cur, tgt, rank;
	signed char state;    /* OPEN, or why it stays open */
	signed char moved;    /* scratch: 1 closed, 2 raised by this step */
};
enum { OPEN, UNCOVERED, DEFERRED };

struct psubj {
	char *name;
	int tks;              /* had TKS gap records: gets a plan */
	struct pitem *it;
	int n, cap;
	unsigned char *seen;
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

/* Knowledge and skills a resource teaches, and tasks it trains for. */
static const char *const item_lists[] = { "covers", "tasks" };

static void
load_resources(planner *p)
{
	json_t *all = csf_data_all("resource");
	size_t n = json_array_size(all), i;
	json_t *rec;
	p->res = xcalloc(n ? n : 1, sizeof *p->res);
	int *count = xcalloc((size_t)p->nitems + 1, sizeof *count);
	json_array_foreach(all, i, rec) {
		struct resource *r = &p->res[p->nres];
		const char *kind = csf_str(rec, "kind");
		json_t *lv = json_object_get(rec, "levels"), *h = json_object_get(rec, "hours");
		r->id = csf_str(rec, "id");
		r->rec = rec;
		r->kind = kind && strcmp(kind, "knowledge") == 0 ? KIND_KNOWLEDGE : KIND_PRACTICE;
		r->from = (int)json_integer_value(json_array_get(lv, 0));
		r->to = (int)json_integer_value(json_array_get(lv, 1));
		r->hours = json_number_value(h);
		if (!r->id || !kind || (strcmp(kind, "knowledge") && strcmp(kind, "practice"))
		    || json_array_size(lv) != 2 || !json_is_integer(json_array_get(lv, 0)) || !json_is_integer(json_array_get(lv, 1))
		    || r->from < 0 || r->to > TARGET_MAX || r->from >= r->to || !json_is_number(h) || r->hours < 0)
			csf_die(1, "%s/resources.ndjson: resource %zu (%s) needs \"id\", \"kind\" knowledge|practice, "
			        "\"levels\" [FROM,TO] within 0-4 and \"hours\"", csf_datadir(), i + 1, r->id ? r->id : "no id");
		for (int l = 0; l < 2; l++) {
			size_t j;
			json_t *c;
			json_array_foreach(json_object_get(rec, item_lists[l]), j, c) {
				int k = json_is_string(c) ? tks_index(json_string_value(c)) : -1;
				if (k >= 0)
					count[k]++;   /* a dangling ID is csf-check's to report */
			}
		}
		p->nres++;
	}
	p->by_item = xcalloc((size_t)p->nitems + 1, sizeof *p->by_item);
	for (int k = 0; k < p->nitems; k++) {
		p->by_item[k] = xmalloc(((size_t)count[k] + 1) * sizeof (int));
		p->by_item[k][0] = -1;
		count[k] = 0;
	}
	for (int ri = 0; ri < p->nres; ri++) {
		for (int l = 0; l < 2; l++) {
			size_t j;
			json_t *c;
			json_array_foreach(json_object_get(p->res[ri].rec, item_lists[l]), j, c) {
				int k = json_is_string(c) ? tks_index(json_string_value(c)) : -1;
				if (k < 0)
					continue;
				int *list = p->by_item[k];
				if (count[k] && list[count[k] - 1] == ri)
					continue;   /* listed twice */
				list[count[k]++] = ri;
				list[count[k]] = -1;
			}
		}
	}
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
	const char *subject = csf_str(obj, "subject");
	/* A profile starts its subject: the previous plan comes out first. */
	if (subject && *subject)
		subjects_get(p->subjects, in, ln, subject);
	csf_pass(ln);
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
	if (cur >= tgt)
		return;   /* nothing to close */
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->it = xrealloc(s->it, (size_t)s->cap * sizeof *s->it);
	}
	s->it[s->n++] = (struct pitem){ idx, (signed char)cur, (signed char)tgt, (signed char)rank, OPEN, 0 };
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
	if (csf_fields(ln->text, ln->len, f, NF) < 0 || csf_field_str(&f[KIND], kind, sizeof kind) < 0
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
applies(const struct resource *r, const struct pitem *it)
{
	return it->state == OPEN && r->from <= it->cur && it->cur < r->to && it->cur < it->tgt;
}

static int
raise_to(const struct resource *r, const struct pitem *it)
{
	return it->tgt < r->to ? it->tgt : r->to;
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

static void
reason(const struct pitem *it)
{
	char buf[160];
	const char *id = tks_at(it->idx)->id;
	if (strcmp(csf_opt.lang, "ja") == 0)
		snprintf(buf, sizeof buf, "未解消で最大のギャップ %s (%d→%d)", id, it->cur, it->tgt);
	else
		snprintf(buf, sizeof buf, "largest open gap: %s (%d -> %d)", id, it->cur, it->tgt);
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
moved_list(const struct psubj *s, const char *key, int which)
{
	jw_array(&w, key);
	for (int j = 0; j < s->n; j++)
		if (s->it[j].moved == which)
			jw_str(&w, NULL, tks_at(s->it[j].idx)->id);
	jw_close(&w);
}

static void
left_list(const struct psubj *s, const char *key, int state)
{
	jw_array(&w, key);
	for (int i = 0; i < s->n; i++) {
		const struct pitem *it = &s->it[i];
		if (it->cur >= it->tgt || (it->state == DEFERRED) != (state == DEFERRED))
			continue;
		jw_object(&w, NULL);
		jw_str(&w, "item", tks_at(it->idx)->id);
		jw_int(&w, "level", it->cur);
		jw_int(&w, "target", it->tgt);
		jw_close(&w);
	}
	jw_close(&w);
}

static void
psubj_close(void *ctx, void *state)
{
	planner *p = ctx;
	struct psubj *s = state;
	double hours = 0;
	long gap_total = 0, gap_closed = 0;
	int steps = 0, closed = 0;
	if (!s->tks)
		goto done;   /* a profile alone: nothing of ours to plan */
	memset(p->used, 0, (size_t)p->nres);
	for (int i = 0; i < s->n; i++)
		gap_total += s->it[i].tgt - s->it[i].cur;

	int pv;
	while ((pv = pivot(s)) >= 0) {
		struct pitem *it = &s->it[pv];
		int cls = tks_at(it->idx)->cls, best = -1, best_gain = 0, any = 0;
		/* Two passes: resources of the fitting kind, then any kind. */
		for (int pass = 0; pass < 2 && best < 0; pass++) {
			for (const int *ri = p->by_item[it->idx]; *ri >= 0; ri++) {
				const struct resource *r = &p->res[*ri];
				if (p->used[*ri] || !applies(r, it) || fits_kind(r, cls) != (pass == 0))
					continue;
				any = 1;
				if (p->opt.budget >= 0 && hours + r->hours > p->opt.budget + 1e-9)
					continue;
				int g = 0;
				for (int j = 0; j < s->n; j++)
					if (applies(r, &s->it[j]))
						for (const int *rj = p->by_item[s->it[j].idx]; *rj >= 0; rj++)
							if (*rj == *ri) {
								g += raise_to(r, &s->it[j]) - s->it[j].cur;
								break;
							}
				if (best < 0 || g > best_gain || (g == best_gain && r->hours < p->res[best].hours)) {
					best = *ri;
					best_gain = g;
				}
			}
		}
		if (best < 0) {
			it->state = any ? DEFERRED : UNCOVERED;
			continue;
		}
		const struct resource *r = &p->res[best];
		int from = it->cur, to = it->tgt;
		for (int j = 0; j < s->n; j++) {
			struct pitem *o = &s->it[j];
			int covered = 0;
			o->moved = 0;
			for (const int *rj = p->by_item[o->idx]; *rj >= 0 && !covered; rj++)
				covered = *rj == best;
			if (!covered || !applies(r, o))
				continue;
			o->cur = (signed char)raise_to(r, o);
			o->moved = o->cur >= o->tgt ? 1 : 2;
			closed += o->moved == 1;
		}
		p->used[best] = 1;
		hours += r->hours;
		gap_closed += best_gain;
		jw_begin(&w);
		jw_str(&w, "type", "plan");
		jw_str(&w, "kind", "step");
		jw_str(&w, "subject", s->name);
		jw_int(&w, "step", ++steps);
		jw_str(&w, "resource", r->id);
		jw_str(&w, "name", csf_text(json_object_get(r->rec, "name")));
		jw_str(&w, "resource_kind", r->kind == KIND_KNOWLEDGE ? "knowledge" : "practice");
		number("hours", r->hours);
		moved_list(s, "closes", 1);
		moved_list(s, "raises", 2);
		jw_int(&w, "gain", best_gain);
		struct pitem before = *it;
		before.cur = (signed char)from;
		before.tgt = (signed char)to;
		reason(&before);
		jw_emit(&w);
	}

	jw_begin(&w);
	jw_str(&w, "type", "plan");
	jw_str(&w, "kind", "subject");
	jw_str(&w, "subject", s->name);
	jw_int(&w, "steps", steps);
	number("hours", hours);
	if (p->opt.budget >= 0)
		number("budget", p->opt.budget);
	jw_int(&w, "gaps", s->n);
	jw_int(&w, "closed", closed);
	jw_int(&w, "gap_total", gap_total);
	jw_int(&w, "gap_closed", gap_closed);
	left_list(s, "uncovered", UNCOVERED);
	left_list(s, "deferred", DEFERRED);
	jw_emit(&w);
done:
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
	free(p->res);
	free(p->used);
	free(p);
	jw_free(&w);
}
