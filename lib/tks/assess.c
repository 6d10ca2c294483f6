/* assess.c - the TKS self-assessment model: "answer" and "profile" records
 * of many subjects -> "score" records, one subject at a time.
 *
 * Targets of a subject's items, strongest claim first:
 *   1. an answer's own "target";
 *   2. the subject's personas (the item's stored target, or the mode rule
 *      of tks_mode_target) and roles (the profile's "target", default 3):
 *      where several list an item the highest target counts;
 *   3. none: the item is scored with target null.
 * An item of the subject's roles or personas with no answer, or a null
 * level, counts as level 0 and is "unanswered". */
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/jw.h"
#include "core/records.h"
#include "tks/pipeline.h"
#include "tks/tks.h"


#define LEVEL_NONE (-1)   /* answered with level null */

struct answer {
	int idx;
	signed char level, target;   /* target -1: none given */
	signed char mode, phase;     /* MODE_NONE, PHASE_NONE: none given */
	const char *file;
	long line;
};

struct subj {
	char *name;
	char *profile;               /* the profile line as read (NULL: none) */
	json_t *profile_obj;         /* ... or as an object, from CSV */
	const char *pfile;
	long pline;
	uint64_t roles;
	int role_target;
	const tks_persona *personas[ASSESS_PERSONAS_MAX];
	int npersonas;
	struct answer *ans;
	int nans, cap;
	unsigned char *seen;         /* bit per item: answered */
};

struct assess {
	struct assess_opts opt;
	subjects *subjects;
	int n;                       /* items in the model */
	/* Scratch for one subject, reset after each: */
	signed char *tgt, *lvl, *mode, *phase;
	uint64_t *rmask;
	unsigned char *touched;
	int *list, nlist;
	jw w;
};

static void *
subj_open(void *ctx, const char *name)
{
	(void)ctx;
	struct subj *s = xcalloc(1, sizeof *s);
	s->name = xstrdup(name);
	s->role_target = ROLE_TARGET_DEFAULT;
	s->seen = tks_set_new();
	return s;
}

static void subj_close(void *ctx, void *state);

assess *
assess_new(const struct assess_opts *opt)
{
	assess *a = xcalloc(1, sizeof *a);
	a->opt = *opt;
	a->n = tks_count();
	size_t n = (size_t)a->n + 1;
	a->tgt = xmalloc(n);
	a->lvl = xmalloc(n);
	a->mode = xmalloc(n);
	a->phase = xmalloc(n);
	a->rmask = xcalloc(n, sizeof *a->rmask);
	a->touched = xcalloc(n, 1);
	a->list = xmalloc(n * sizeof *a->list);
	a->subjects = subjects_new(opt->ungrouped, subj_open, subj_close, a);
	return a;
}

/* An integer 0..max, or -1 if v is not one. */
static int
small_int(const json_t *v, int max)
{
	if (!json_is_integer(v))
		return -1;
	json_int_t i = json_integer_value(v);
	return i >= 0 && i <= max ? (int)i : -1;
}

static const char *
subject_of(csf_input *in, const csf_line *ln, json_t *obj)
{
	const char *subject = csf_record_subject(obj);
	if (!subject) {
		csf_input_bad(in, ln, "%s has no \"subject\"", ln->type);
		return NULL;
	}
	return subject;
}

static void
add_answer(assess *a, csf_input *in, const csf_line *ln, const char *subject, int idx, int level, int target,
           int mode, int phase)
{
	struct subj *s = subjects_get(a->subjects, in, ln, subject);
	if (!s)
		return;
	if (!tks_set_add(s->seen, idx)) {
		for (int i = 0; i < s->nans; i++)
			if (s->ans[i].idx == idx) {
				csf_input_bad(in, ln, "duplicate answer for subject \"%s\", item \"%s\" (first at %s:%ld)",
				              subject, tks_at(idx)->id, s->ans[i].file, s->ans[i].line);
				return;
			}
	}
	if (s->nans == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->ans = xrealloc(s->ans, (size_t)s->cap * sizeof *s->ans);
	}
	s->ans[s->nans++] = (struct answer){ idx, (signed char)level, (signed char)target, (signed char)mode,
	                                     (signed char)phase, ln->file, ln->line };
}

void
assess_answer(assess *a, csf_input *in, const csf_line *ln, json_t *obj)
{
	char buf[64];
	const char *subject = subject_of(in, ln, obj);
	if (!subject)
		return;
	json_t *item = json_object_get(obj, "item");
	if (!json_is_string(item)) {
		csf_input_bad(in, ln, "answer has no \"item\"");
		return;
	}
	int idx = tks_index(json_string_value(item));
	if (idx < 0) {
		csf_input_bad(in, ln, "unknown item \"%s\"", json_string_value(item));
		return;
	}
	json_t *lv = json_object_get(obj, "level");
	int level = json_is_null(lv) ? LEVEL_NONE : small_int(lv, TARGET_MAX);
	if (!lv || (!json_is_null(lv) && level < 0)) {
		csf_input_bad(in, ln, "level must be an integer 0-4 or null, not %s",
		              lv ? csf_json_show(lv, buf, sizeof buf) : "missing");
		return;
	}
	json_t *tv = json_object_get(obj, "target");
	int target = tv && !json_is_null(tv) ? small_int(tv, TARGET_MAX) : -1;
	if (tv && !json_is_null(tv) && target < 0) {
		csf_input_bad(in, ln, "target must be an integer 0-4, not %s", csf_json_show(tv, buf, sizeof buf));
		return;
	}
	/* A template's answers say how the person is involved (mode, phase):
	 * that goes on to the plan, which gives no work on an outsourced item. */
	json_t *mv = json_object_get(obj, "mode"), *pv = json_object_get(obj, "phase");
	int mode = tks_mode_parse(json_string_value(mv)), phase = tks_phase_parse(json_string_value(pv));
	if ((mv && !json_is_null(mv) && mode == MODE_NONE) || (pv && !json_is_null(pv) && phase == PHASE_NONE)) {
		csf_input_bad(in, ln, "mode must be own, support or outsource and phase normal or incident");
		return;
	}
	add_answer(a, in, ln, subject, idx, level, target, mode, phase);
}

/* The fast path: answers whose fields are all well-formed, read without
 * decoding the record. Anything else (and check IDs, for the management
 * model) is left to the caller's full parse, so messages stay the same. */
int
assess_answer_fast(assess *a, csf_input *in, const csf_line *ln)
{
	csf_field f[6] = { { "subject", NULL, 0 }, { "item", NULL, 0 }, { "level", NULL, 0 }, { "target", NULL, 0 },
	                   { "mode", NULL, 0 }, { "phase", NULL, 0 } };
	char subject[512], item[32], mode[16] = "", phase[16] = "";
	long long level, target = -1;
	if (csf_line_fields(ln, f, 6) < 0
	    || csf_field_str(&f[0], subject, sizeof subject) <= 0
	    || csf_field_str(&f[1], item, sizeof item) < 0)
		return 0;
	int idx = tks_index(item);
	if (idx < 0)
		return 0;
	if (csf_field_null(&f[2]))
		level = LEVEL_NONE;
	else if (!csf_field_int(&f[2], &level) || level < 0 || level > TARGET_MAX)
		return 0;
	if (f[3].val && !csf_field_null(&f[3])
	    && (!csf_field_int(&f[3], &target) || target < 0 || target > TARGET_MAX))
		return 0;
	if ((f[4].val && csf_field_str(&f[4], mode, sizeof mode) < 0) || (f[5].val && csf_field_str(&f[5], phase, sizeof phase) < 0))
		return 0;
	int m = tks_mode_parse(mode), ph = tks_phase_parse(phase);
	if ((*mode && m == MODE_NONE) || (*phase && ph == PHASE_NONE))
		return 0;   /* the full parse names the problem */
	add_answer(a, in, ln, subject, idx, (int)level, (int)target, m, ph);
	return 1;
}

void
assess_profile(assess *a, csf_input *in, const csf_line *ln, json_t *obj)
{
	char buf[64];
	const char *subject = subject_of(in, ln, obj);
	if (!subject)
		return;
	uint64_t roles = 0;
	json_t *role = json_object_get(obj, "role");
	if (json_is_string(role)) {
		int r = tks_role_index(json_string_value(role));
		if (r < 0) {
			csf_input_bad(in, ln, "unknown role \"%s\"", json_string_value(role));
			return;
		}
		roles = 1ULL << r;
	} else if (json_is_array(role)) {
		size_t i;
		json_t *e;
		json_array_foreach(role, i, e) {
			int r = json_is_string(e) ? tks_role_index(json_string_value(e)) : -1;
			if (r < 0) {
				csf_input_bad(in, ln, "unknown role %s", csf_json_show(e, buf, sizeof buf));
				return;
			}
			roles |= 1ULL << r;
		}
	} else if (role && !json_is_null(role)) {
		csf_input_bad(in, ln, "role must be a role ID or a list of them, not %s", csf_json_show(role, buf, sizeof buf));
		return;
	}
	const tks_persona *personas[ASSESS_PERSONAS_MAX];
	int npersonas = 0;
	json_t *pv = json_object_get(obj, "persona");
	if (pv && !json_is_null(pv)) {
		json_t *list = json_is_array(pv) ? json_incref(pv) : json_pack("[O]", pv);
		size_t i;
		json_t *e;
		int bad = json_array_size(list) > ASSESS_PERSONAS_MAX;
		json_array_foreach(list, i, e) {
			if (bad)
				break;
			const tks_persona *p = json_is_string(e) ? tks_persona_get(json_string_value(e)) : NULL;
			if (!p) {
				csf_input_bad(in, ln, "unknown persona %s", csf_json_show(e, buf, sizeof buf));
				json_decref(list);
				return;
			}
			personas[npersonas++] = p;
		}
		json_decref(list);
		if (bad) {
			csf_input_bad(in, ln, "more than %d personas", ASSESS_PERSONAS_MAX);
			return;
		}
	}
	json_t *tv = json_object_get(obj, "target");
	int target = ROLE_TARGET_DEFAULT;
	if (tv && !json_is_null(tv)) {
		if (!csf_int_in(tv, CSF_PROFILE_TARGET_MIN, CSF_PROFILE_TARGET_MAX, &target)) {
			csf_input_bad(in, ln, "profile target must be an integer 1-4, not %s", csf_json_show(tv, buf, sizeof buf));
			return;
		}
	}
	struct subj *s = subjects_side(a->subjects, in, ln, subject);
	if (!s)
		return;
	if (s->pfile) {
		csf_input_bad(in, ln, "duplicate profile for subject \"%s\" (first at %s:%ld)", subject, s->pfile, s->pline);
		return;
	}
	s->pfile = ln->file;
	s->pline = ln->line;
	if (ln->text)
		s->profile = xstrdup(ln->text);
	else
		s->profile_obj = json_incref(obj);
	s->roles = roles;
	s->role_target = target;
	memcpy(s->personas, personas, sizeof personas);
	s->npersonas = npersonas;
}

/* Mark item k relevant to the subject being closed. */
static void
touch(assess *a, int k)
{
	if (a->touched[k])
		return;
	a->touched[k] = 1;
	a->tgt[k] = -1;
	a->lvl[k] = -2;   /* no answer */
	a->mode[k] = MODE_NONE;
	a->phase[k] = PHASE_NONE;
	a->rmask[k] = 0;
	a->list[a->nlist++] = k;
}

static int
by_int(const void *x, const void *y)
{
	int a = *(const int *)x, b = *(const int *)y;
	return (a > b) - (a < b);
}

static void
int_or_null(jw *w, const char *key, int v)
{
	if (v < 0)
		jw_null(w, key);
	else
		jw_int(w, key, v);
}

/* Counts behind one subject x role (or persona) summary. */
struct tally {
	int items, answered, at, sum;
	int tasks, tasks_at, ks, ks_at;
};

static void
tally_add(struct tally *t, const assess *a, int k)
{
	int cur = a->lvl[k] < 0 ? 0 : a->lvl[k];
	int at = cur >= a->tgt[k];
	t->items++;
	t->answered += a->lvl[k] >= 0;
	t->at += at;
	t->sum += cur;
	if (tks_at(k)->cls == TKS_TASK) {
		t->tasks++;
		t->tasks_at += at;
	} else {
		t->ks++;
		t->ks_at += at;
	}
}

static void
percent(jw *w, const char *key, int part, int whole)
{
	if (whole)
		jw_real(w, key, csf_round(100.0 * part / whole, 1));
	else
		jw_null(w, key);
}

static void
emit_tally(assess *a, const struct subj *s, const char *kind, const char *id, const struct tally *t)
{
	jw *w = &a->w;
	jw_begin(w);
	jw_str(w, "type", "score");
	jw_str(w, "kind", kind);
	jw_str(w, "subject", s->name);
	jw_str(w, kind, id);
	jw_int(w, "items", t->items);
	jw_int(w, "answered", t->answered);
	jw_int(w, "at_target", t->at);
	percent(w, "coverage", t->at, t->items);
	if (t->items)
		jw_real(w, "mean", csf_round((double)t->sum / t->items, 2));
	else
		jw_null(w, "mean");
	jw_int(w, "tasks", t->tasks);
	jw_int(w, "tasks_at_target", t->tasks_at);
	percent(w, "task_coverage", t->tasks_at, t->tasks);
	jw_int(w, "ks", t->ks);
	jw_int(w, "ks_at_target", t->ks_at);
	percent(w, "ks_coverage", t->ks_at, t->ks);
	jw_emit(w);
}

static void
emit_profile(assess *a, const struct subj *s)
{
	if (s->profile) {
		csf_line ln = { .text = s->profile, .len = strlen(s->profile) };
		csf_pass(&ln);
	} else if (s->profile_obj) {
		csf_emit(s->profile_obj);
	} else {
		/* Every subject opens with a profile, so a shard boundary placed
		 * at profile lines never splits one. */
		jw_begin(&a->w);
		jw_str(&a->w, "type", "profile");
		jw_str(&a->w, "subject", s->name);
		jw_emit(&a->w);
	}
}

static void
subj_close(void *ctx, void *state)
{
	assess *a = ctx;
	struct subj *s = state;
	a->nlist = 0;
	/* Someone who answered no task at all was asked about knowledge and
	 * skills only (the template's default): their tasks are not scored. */
	int tasks = 0;
	for (int i = 0; i < s->nans && !tasks; i++)
		tasks = tks_at(s->ans[i].idx)->cls == TKS_TASK;

	for (int r = 0; r < tks_role_count(); r++) {
		if (!(s->roles >> r & 1))
			continue;
		int n;
		const int *it = tks_role_items(r, &n);
		for (int i = 0; i < n; i++) {
			int k = it[i];
			if (!tasks && tks_at(k)->cls == TKS_TASK)
				continue;
			touch(a, k);
			a->rmask[k] |= 1ULL << r;
			if (a->tgt[k] < s->role_target)
				a->tgt[k] = (signed char)s->role_target;
		}
	}
	for (int pi = 0; pi < s->npersonas; pi++) {
		const tks_persona *p = s->personas[pi];
		for (int i = 0; i < p->n; i++) {
			int k = p->idx[i];
			if (!tasks && tks_at(k)->cls == TKS_TASK)
				continue;
			touch(a, k);
			if (a->tgt[k] < p->target[i])
				a->tgt[k] = p->target[i];
			/* An item listed twice keeps its most demanding involvement. */
			if (a->mode[k] == MODE_NONE || tks_rank(p->mode[i], p->phase[i]) < tks_rank(a->mode[k], a->phase[k])) {
				a->mode[k] = p->mode[i];
				a->phase[k] = p->phase[i];
			}
		}
	}
	for (int i = 0; i < s->nans; i++) {
		const struct answer *an = &s->ans[i];
		touch(a, an->idx);
		a->lvl[an->idx] = an->level;
		if (an->target >= 0)
			a->tgt[an->idx] = an->target;
		if (an->mode != MODE_NONE) {   /* what the answer says wins, as its target does */
			a->mode[an->idx] = an->mode;
			a->phase[an->idx] = an->phase;
		}
	}
	qsort(a->list, (size_t)a->nlist, sizeof *a->list, by_int);

	emit_profile(a, s);
	jw *w = &a->w;
	for (int i = 0; i < a->nlist; i++) {
		int k = a->list[i];
		const tks_item *it = tks_at(k);
		jw_begin(w);
		jw_str(w, "type", "score");
		jw_str(w, "kind", "item");
		jw_str(w, "subject", s->name);
		jw_str(w, "item", it->id);
		jw_str(w, "class", tks_class_name(it->cls));
		int_or_null(w, "current", a->lvl[k]);
		int_or_null(w, "target", a->tgt[k]);
		if (a->rmask[k]) {
			jw_array(w, "roles");
			for (int r = 0; r < tks_role_count(); r++)
				if (a->rmask[k] >> r & 1)
					jw_str(w, NULL, tks_role_id(r));
			jw_close(w);
		}
		if (a->mode[k] != MODE_NONE)
			jw_str(w, "mode", tks_mode_name(a->mode[k]));
		if (a->phase[k] != PHASE_NONE)
			jw_str(w, "phase", tks_phase_name(a->phase[k]));
		jw_emit(w);
	}
	for (int r = 0; r < tks_role_count(); r++) {
		if (!(s->roles >> r & 1))
			continue;
		struct tally t = { 0 };
		int n;
		const int *it = tks_role_items(r, &n);
		for (int i = 0; i < n; i++)
			if (a->touched[it[i]])
				tally_add(&t, a, it[i]);
		emit_tally(a, s, "role", tks_role_id(r), &t);
	}
	for (int pi = 0; pi < s->npersonas; pi++) {
		struct tally t = { 0 };
		const tks_persona *p = s->personas[pi];
		for (int i = 0; i < p->n; i++) {
			int k = p->idx[i];
			if (a->touched[k] == 1) {   /* skipped tasks are 0; twice-listed items count once */
				a->touched[k] = 2;
				tally_add(&t, a, k);
			}
		}
		for (int i = 0; i < p->n; i++)
			if (a->touched[p->idx[i]] == 2)
				a->touched[p->idx[i]] = 1;
		emit_tally(a, s, "persona", p->id, &t);
	}
	for (int i = 0; i < a->nlist; i++)
		a->touched[a->list[i]] = 0;

	free(s->name);
	free(s->profile);
	json_decref(s->profile_obj);
	free(s->ans);
	free(s->seen);
	free(s);
}

void
assess_finish(assess *a)
{
	subjects_finish(a->subjects);
	free(a->tgt);
	free(a->lvl);
	free(a->mode);
	free(a->phase);
	free(a->rmask);
	free(a->touched);
	free(a->list);
	jw_free(&a->w);
	free(a);
}
