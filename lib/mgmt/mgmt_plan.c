/* mgmt_plan.c - turn one subject's directive gaps into at most two hints,
 * the way the three カルテ examples do:
 *   hint 1: the largest positive gap (ties: lower directive number);
 *           "urgent" when it is 2 points or more;
 *   hint 2: the next directive, if it shares hint 1's tier (both >= 2 or
 *           both in [1,2)); otherwise every directive of the next tier down,
 *           named together. Gaps under 1 point never make a second hint.
 * (KY-1: 6 then 8; KK-2: 9 then 4,5,6; SV-1: 4 then 10.) The report never
 * states this rule; it is read off the examples. Each hint points at the
 * Tips of its directives' lowest-answered checks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mgmt/mgmt.h"

struct entry {
	int have, gap;     /* gap in tenths */
	json_t *tips;
	json_t *evidence;  /* the gap's lowest checks: who answered, on what */
};

static struct mgmt_held held;   /* struct entry[ndir] of each open assessment */

static struct entry *
entries(const char *subject, const char *date, int create)
{
	struct entry *e = mgmt_held_get(&held, subject, date);
	if (e || !create)
		return e;
	e = xcalloc((size_t)mgmt_model()->ndir, sizeof *e);
	mgmt_held_add(&held, subject, date, e);
	return e;
}

static void
free_entries(void *state)
{
	struct entry *e = state;
	const struct mgmt_model *m = mgmt_model();
	for (int d = 0; d < m->ndir; d++) {
		json_decref(e[d].tips);
		json_decref(e[d].evidence);
	}
	free(e);
}

/* A growing string. */
struct buf { char *s; size_t len, cap; };

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* frame with {d}, {t} and {c} replaced. */
static void
fill(struct buf *b, const char *frame, const char *d, const char *t, const char *c)
{
	for (const char *p = frame; *p; ) {
		if (p[0] == '{' && p[1] && p[2] == '}' && strchr("dtc", p[1])) {
			puts_(b, p[1] == 'd' ? d : p[1] == 't' ? t : c);
			p += 3;
		} else
			put(b, p++, 1);
	}
}

/* "4、5、6" (ja) or "4, 5 and 6" (en) from directive indexes. */
static void
number_list(struct buf *b, const int *dirs, int n, int ja)
{
	const struct mgmt_model *m = mgmt_model();
	char num[16];
	for (int i = 0; i < n; i++) {
		if (i)
			puts_(b, ja ? "、" : i == n - 1 ? " and " : ", ");
		snprintf(num, sizeof num, "%d", m->dir[dirs[i]].no);
		puts_(b, num);
	}
}

static void
tips_list(struct buf *b, json_t *tips, int ja)
{
	json_t *t;
	size_t i;
	json_array_foreach(tips, i, t) {
		if (i)
			puts_(b, ja ? "、" : ", ");
		puts_(b, json_string_value(t));
	}
}

json_t *
mgmt_action_hint(int d, const char *target)
{
	const char *id = mgmt_model()->dir[d].id;
	json_t *all = csf_data_all("hint"), *h, *fallback = NULL, *untargeted = NULL;
	size_t i;
	json_array_foreach(all, i, h) {
		const char *k = csf_str(h, "kind"), *dir = csf_str(h, "directive"), *t = csf_str(h, "target");
		if (!k || strcmp(k, "action") || !dir || strcmp(dir, id))
			continue;
		if (t && target && !strcmp(t, target))
			return h;
		if (!t && !untargeted)
			untargeted = h;
		if (!fallback)
			fallback = h;
	}
	return untargeted ? untargeted : fallback;
}

static json_t *
heading_for(const char *target)
{
	json_t *all = csf_data_all("hint"), *h;
	size_t i;
	json_array_foreach(all, i, h) {
		const char *k = csf_str(h, "kind"), *t = csf_str(h, "target");
		if (k && !strcmp(k, "heading") && t && !strcmp(t, target))
			return json_object_get(h, "text");
	}
	return NULL;
}

static void
emit_hint(const char *subject, const char *date, const char *cls, const char *target,
          int rank, const char *lead, const int *dirs, int n, const struct entry *e)
{
	const struct mgmt_model *m = mgmt_model();
	json_t *lead_text = json_object_get(mgmt_hint(lead), "text");
	json_t *tips_frame = json_object_get(mgmt_hint("lead.tips"), "text");
	json_t *action = mgmt_action_hint(dirs[0], target);
	json_t *tips = json_array(), *list = json_array(), *evidence = json_array();
	for (int i = 0; i < n; i++) {
		json_array_append_new(list, json_string(m->dir[dirs[i]].id));
		json_array_extend(tips, e[dirs[i]].tips);
		if (e[dirs[i]].evidence)
			json_array_extend(evidence, e[dirs[i]].evidence);
	}
	json_t *text = json_object();
	for (int ja = 1; ja >= 0; ja--) {
		const char *lang = ja ? "ja" : "en";
		struct buf d = { 0 }, t = { 0 }, out = { 0 };
		number_list(&d, dirs, n, ja);
		tips_list(&t, tips, ja);
		const char *frame = csf_str(lead_text, !ja && n > 1 && csf_str(lead_text, "en_many") ? "en_many" : lang);
		fill(&out, frame ? frame : "", d.s, t.s ? t.s : "", cls);
		const char *act = csf_str(json_object_get(action, "text"), lang);
		if (act) {
			if (!ja)
				puts_(&out, " ");
			puts_(&out, act);
		}
		if (json_array_size(tips) && csf_str(tips_frame, lang)) {
			if (!ja)
				puts_(&out, " ");
			fill(&out, csf_str(tips_frame, lang), d.s, t.s, cls);
		}
		json_object_set_new(text, lang, json_string(out.s));
		free(d.s);
		free(t.s);
		free(out.s);
	}
	json_t *o = mgmt_record("plan", "hint", subject, date);
	json_object_set_new(o, "rank", json_integer(rank));
	json_object_set_new(o, "urgent", json_boolean(e[dirs[0]].gap >= 20 && rank == 1));
	json_object_set_new(o, "class", json_string(cls));
	json_object_set_new(o, "target", json_string(target));
	json_object_set_new(o, "directive", json_string(m->dir[dirs[0]].id));
	json_object_set_new(o, "directives", list);
	json_object_set_new(o, "gap", json_real(e[dirs[0]].gap / 10.0));
	json_object_set_new(o, "hint", action ? json_string(csf_str(action, "id")) : json_null());
	json_object_set_new(o, "tips", tips);
	json_t *heading = heading_for(target);
	json_object_set_new(o, "heading", heading ? json_deep_copy(heading) : json_null());
	json_object_set_new(o, "text", text);
	if (json_array_size(evidence))
		json_object_set_new(o, "evidence", evidence);
	else
		json_decref(evidence);
	mgmt_emit(o);
}

static int
tier(int gap)
{
	return gap >= 20 ? 2 : gap >= 10 ? 1 : 0;
}

static void
select_hints(const char *subject, const char *date, const char *cls, const char *target,
             const struct entry *e)
{
	const struct mgmt_model *m = mgmt_model();
	int *rank = xmalloc((size_t)m->ndir * sizeof *rank), n = 0;
	/* Positive gaps, largest first; equal gaps in directive order. */
	for (int d = 0; d < m->ndir; d++) {
		if (!e[d].have || e[d].gap <= 0)
			continue;
		int i = n++;
		while (i > 0 && e[rank[i - 1]].gap < e[d].gap)
			rank[i] = rank[i - 1], i--;
		rank[i] = d;
	}
	if (n == 0) {
		free(rank);
		return;
	}
	int first = rank[0];
	const char *lead = !strcmp(cls, "A") ? "lead.further"
	                 : e[first].gap >= 20 ? "lead.urgent" : "lead.needs";
	emit_hint(subject, date, cls, target, 1, lead, &first, 1, e);
	if (n > 1 && tier(e[rank[1]].gap) >= 1 && tier(e[first].gap) >= 1) {
		int want = tier(e[rank[1]].gap);
		int *group = xmalloc((size_t)m->ndir * sizeof *group), k = 0;
		if (want == tier(e[first].gap))
			group[k++] = rank[1];
		else
			for (int d = 0; d < m->ndir; d++)
				if (e[d].have && e[d].gap > 0 && tier(e[d].gap) == want)
					group[k++] = d;
		emit_hint(subject, date, cls, target, 2, "lead.also", group, k, e);
		free(group);
	}
	free(rank);
}

int
mgmt_plan_record(csf_input *in, const csf_line *ln, json_t *rec)
{
	/* Ours: kind "maturity", or a directive/cohort/group record naming a directive. */
	const char *kind = csf_str(rec, "kind");
	if (strcmp(ln->type, "gap") || !kind)
		return 0;
	int rows = (!strcmp(kind, "member") || !strcmp(kind, "rollup")) && json_object_get(rec, "means");
	if (strcmp(kind, "maturity") && !rows && !(json_object_get(rec, "directive")
	    && (!strcmp(kind, "directive") || !strcmp(kind, "cohort") || !strcmp(kind, "group"))))
		return 0;
	csf_pass(ln);
	if (rows || !strcmp(kind, "cohort") || !strcmp(kind, "group"))
		return 1;
	const char *subject = csf_str(rec, "subject"), *date = csf_str(rec, "date");
	if (!subject) {
		csf_input_bad(in, ln, "gap record has no \"subject\"");
		return 1;
	}
	if (!mgmt_same_generation(in, ln, rec))
		return 1;
	if (!strcmp(kind, "directive")) {
		int d = mgmt_directive_index(csf_str(rec, "directive"));
		json_t *gap = json_object_get(rec, "gap"), *tips = json_object_get(rec, "tips");
		if (d < 0 || !json_is_number(gap) || fabs(json_number_value(gap)) > 5) {
			csf_input_bad(in, ln, "directive gap needs a known \"directive\" and a \"gap\" of -5 to 5");
			return 1;
		}
		struct entry *e = entries(subject, date, 1);
		e[d].have = 1;
		e[d].gap = mgmt_tenths(json_number_value(gap));
		json_decref(e[d].tips);
		e[d].tips = json_array();
		json_t *t;
		size_t i;
		json_array_foreach(tips, i, t)
			if (json_is_string(t))
				json_array_append(e[d].tips, t);
		json_t *ev = json_object_get(rec, "evidence");
		json_decref(e[d].evidence);
		e[d].evidence = json_is_array(ev) ? json_incref(ev) : NULL;
		return 1;
	}
	const char *cls = csf_str(rec, "class"), *target = csf_str(rec, "target");
	struct entry *e = entries(subject, date, 0);
	if (e && cls && target)
		select_hints(subject, date, cls, target, e);
	if (e)
		free_entries(mgmt_held_take(&held, subject, date));
	return 1;
}

void
mgmt_plan_finish(void)
{
	mgmt_held_clear(&held, free_entries);
}
