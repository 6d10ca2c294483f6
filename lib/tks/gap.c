/* gap.c - the TKS gap model: "score" records -> "gap" records.
 *
 * Per subject and item: gap = target - current (an unanswered item counts
 * as 0), emitted where the gap is positive, in priority order:
 *   1. larger gap first;
 *   2. then by involvement (tks_rank): what the person does alone in an
 *      incident, alone in normal times, supports in an incident, supports,
 *      outsources in an incident, outsources;
 *   3. then tasks, knowledge, skills, in data order.
 * Severity: gap 1 low, 2 medium, 3 or more high; raised one step for items
 * the person does alone in an incident.
 *
 * With --by, aggregates over subjects hold only integer sums per group and
 * per group x item, so --partial sums from shards add up (--merge) to
 * exactly what one run computes. */
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/jw.h"
#include "core/partial.h"
#include "core/records.h"
#include "tks/pipeline.h"
#include "core/strmap.h"
#include "tks/tks.h"

static jw w;   /* the record being written */

struct gitem {
	int idx;
	signed char cur, tgt;     /* cur -1: unanswered; tgt -1: none */
	signed char mode, phase;
	uint64_t roles;
};

struct gsubj {
	char *name;
	json_t *profile;
	const char *pfile;
	long pline;
	struct gitem *it;
	int n, cap;
	unsigned char *seen;
	const char *sfile;        /* where its first score was */
	long sline;
};

/* Per group x item: how many subjects have a target for it, how many of
 * them are at target, and the one holder while there is just one. */
struct gacc {
	long long with_target, holders;
	char *holder;
};

struct group {
	char *value;              /* NULL: subjects without the field */
	long long n, pairs, sum, at, unanswered, dist[TARGET_MAX + 1];
	struct gacc *items;       /* tks_count() entries */
	csf_line first;           /* --merge: where its first partial was (file names outlive their input) */
};

/* ["K001", as one word to compare a line with at once: the bytes, which
 * of them count (mask 0: an ID longer than 4 or not plain), how many. */
struct entry_head {
	uint64_t word, mask;
	size_t len;
};

struct part {
	char *text;               /* NULL until made */
	size_t len;
};

struct gapper {
	struct gap_opts opt;
	subjects *subjects;
	int n;
	strmap *groups;           /* key -> struct group */
	char *by;                 /* --by, or the "by" of merged partials */
	int by_role;
	int *order;               /* scratch: item order of one subject */
	uint64_t *keys;           /* scratch: its sort keys (sort_by_priority) */
	struct pitem *pitems;     /* --merge scratch: one record's item entries */
	size_t pitems_cap;
	char *text;               /* --merge scratch: its strings, unescaped */
	size_t text_cap;
	unsigned char *seen;      /* --merge scratch: items met in one record */
	struct entry_head *heads; /* --merge: how each item's entry begins */
	/* Parts of gap records, escaped once (emit_item_gap): */
	jw head;                  /* the subject's first members */
	jw scratch;
	struct part *ids, *role_ids;   /* "ID", made on first use */
	struct part classes[3], modes[MODE_NONE], phases[PHASE_NONE];   /* "class":"task" ... */
	/* -j: in a worker, where its piece's state goes, and where the piece
	 * begins (see gap_shard_begin). */
	FILE *shard;
	const char *shard_file;
	long shard_line;
};

static void *
gsubj_open(void *ctx, const char *name)
{
	(void)ctx;
	struct gsubj *s = xcalloc(1, sizeof *s);
	s->name = xstrdup(name);
	s->seen = tks_set_new();
	return s;
}

static void gsubj_close(void *ctx, void *state);

/* --merge: how each item's entry begins in a partial, ["K001", as a word
 * to compare the line with at once (IDs of up to 4 plain bytes). */
static void
entry_heads(gapper *g)
{
	g->heads = xcalloc((size_t)g->n + 1, sizeof *g->heads);
	for (int k = 0; k < g->n; k++) {
		const char *id = tks_at(k)->id;
		size_t n = strlen(id);
		unsigned char head[8] = { 0 }, mask[8] = { 0 };
		int plain = n > 0 && n <= 4;
		for (size_t i = 0; i < n && plain; i++)
			plain = id[i] > 0x20 && id[i] < 0x7f && id[i] != '"' && id[i] != '\\';
		if (!plain)
			continue;
		head[0] = '[';
		head[1] = '"';
		memcpy(head + 2, id, n);
		head[n + 2] = '"';
		head[n + 3] = ',';
		memset(mask, 0xff, n + 4);
		memcpy(&g->heads[k].word, head, 8);
		memcpy(&g->heads[k].mask, mask, 8);
		g->heads[k].len = n + 3;   /* up to the ',' */
	}
}

gapper *
gap_new(const struct gap_opts *opt)
{
	gapper *g = xcalloc(1, sizeof *g);
	g->opt = *opt;
	g->groups = strmap_new();
	g->n = tks_count();
	if (opt->by) {
		g->by = xstrdup(opt->by);
		g->by_role = strcmp(opt->by, "role") == 0;
	}
	if (opt->merge) {
		g->seen = tks_set_new();
		entry_heads(g);
	}
	if (!opt->merge) {
		g->order = xmalloc(((size_t)g->n + 1) * sizeof *g->order);
		g->keys = xmalloc(((size_t)g->n + 1) * sizeof *g->keys);
		g->ids = xcalloc((size_t)g->n + 1, sizeof *g->ids);
		g->role_ids = xcalloc((size_t)tks_role_count() + 1, sizeof *g->role_ids);
		g->subjects = subjects_new(opt->ungrouped, gsubj_open, gsubj_close, g);
	}
	return g;
}

static int
small_int(const json_t *v, int max)
{
	if (!json_is_integer(v))
		return -2;
	json_int_t i = json_integer_value(v);
	return i >= 0 && i <= max ? (int)i : -2;
}

void
gap_profile(gapper *g, csf_input *in, const csf_line *ln, json_t *obj)
{
	const char *subject = csf_record_subject(obj);
	if (g->opt.merge) {
		csf_pass(ln);
		return;
	}
	if (!subject || !*subject) {
		csf_input_bad(in, ln, "profile has no \"subject\"");
		return;
	}
	/* A profile starts its subject, as csf-assess writes them: the
	 * previous subject's gaps come out before it. */
	struct gsubj *s = subjects_get(g->subjects, in, ln, subject);
	if (!s)
		return;
	if (s->pfile) {
		csf_input_bad(in, ln, "duplicate profile for subject \"%s\" (first at %s:%ld)", subject, s->pfile, csf_line_number(s->pline));
		return;
	}
	s->pfile = ln->file;
	s->pline = ln->line;
	s->profile = json_incref(obj);
	if (!g->opt.partial)
		csf_pass(ln);
}

static void
add_score(gapper *g, csf_input *in, const csf_line *ln, const char *subject, int idx,
          int cur, int tgt, int mode, int phase, uint64_t roles)
{
	struct gsubj *s = subjects_get(g->subjects, in, ln, subject);
	if (!s)
		return;
	if (!tks_set_add(s->seen, idx)) {
		csf_input_bad(in, ln, "duplicate score for subject \"%s\", item \"%s\"", subject, tks_at(idx)->id);
		return;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		s->it = xrealloc(s->it, (size_t)s->cap * sizeof *s->it);
	}
	s->it[s->n++] = (struct gitem){
		idx, (signed char)cur, (signed char)tgt, (signed char)mode, (signed char)phase, roles
	};
	if (!g->opt.partial)
		csf_pass(ln);   /* later stages (a report) still see every item's level */
}

void
gap_score(gapper *g, csf_input *in, const csf_line *ln, json_t *obj)
{
	const char *kind = csf_str(obj, "kind");
	if (!kind || strcmp(kind, "item") != 0 || g->opt.merge) {
		if (!g->opt.partial)
			csf_pass(ln);   /* role and persona summaries go on as they are */
		return;
	}
	const char *subject = csf_record_subject(obj);
	const char *item = csf_str(obj, "item");
	if (!subject || !*subject || !item) {
		csf_input_bad(in, ln, "score has no \"%s\"", !subject || !*subject ? "subject" : "item");
		return;
	}
	int idx = tks_index(item);
	if (idx < 0) {
		csf_input_bad(in, ln, "unknown item \"%s\"", item);
		return;
	}
	json_t *cv = json_object_get(obj, "current"), *tv = json_object_get(obj, "target");
	int cur = json_is_null(cv) ? -1 : small_int(cv, TARGET_MAX);
	int tgt = json_is_null(tv) ? -1 : small_int(tv, TARGET_MAX);
	if (!cv || !tv || cur < -1 || tgt < -1) {
		csf_input_bad(in, ln, "score %s must be an integer 0-4 or null", !cv || cur < -1 ? "current" : "target");
		return;
	}
	uint64_t roles = 0;
	size_t i;
	json_t *e;
	json_array_foreach(json_object_get(obj, "roles"), i, e) {
		int r = json_is_string(e) ? tks_role_index(json_string_value(e)) : -1;
		if (r < 0) {
			csf_input_bad(in, ln, "unknown role in \"roles\"");
			return;
		}
		roles |= 1ULL << r;
	}
	add_score(g, in, ln, subject, idx, cur, tgt, tks_mode_parse(csf_str(obj, "mode")),
	          tks_phase_parse(csf_str(obj, "phase")), roles);
}

/* Well-formed item scores straight from the line (see assess_answer_fast). */
int
gap_score_fast(gapper *g, csf_input *in, const csf_line *ln)
{
	enum { KIND, SUBJECT, ITEM, CURRENT, TARGET, ROLES, MODE, PHASE, NF };
	csf_field f[NF] = {
		{ "kind", NULL, 0 }, { "subject", NULL, 0 }, { "item", NULL, 0 }, { "current", NULL, 0 },
		{ "target", NULL, 0 }, { "roles", NULL, 0 }, { "mode", NULL, 0 }, { "phase", NULL, 0 }
	};
	char kind[8], subject[512], item[32], mode[16] = "", phase[16] = "", role[32];
	long long cur = -1, tgt = -1;
	if (csf_line_fields(ln, f, NF) < 0 || csf_field_str(&f[KIND], kind, sizeof kind) < 0)
		return 0;
	if (strcmp(kind, "role") == 0 || strcmp(kind, "persona") == 0) {
		if (!g->opt.partial)
			csf_pass(ln);   /* csf-assess's summaries go on as they are */
		return 1;
	}
	if (g->opt.merge || strcmp(kind, "item") != 0
	    || csf_field_str(&f[SUBJECT], subject, sizeof subject) <= 0
	    || csf_field_str(&f[ITEM], item, sizeof item) < 0)
		return 0;
	int idx = tks_index(item);
	if (idx < 0 || !f[CURRENT].val || !f[TARGET].val)
		return 0;
	if (!csf_field_null(&f[CURRENT]) && (!csf_field_int(&f[CURRENT], &cur) || cur < 0 || cur > TARGET_MAX))
		return 0;
	if (!csf_field_null(&f[TARGET]) && (!csf_field_int(&f[TARGET], &tgt) || tgt < 0 || tgt > TARGET_MAX))
		return 0;
	uint64_t roles = 0;
	csf_iter it;
	csf_field e;
	if (f[ROLES].val && csf_field_array(&f[ROLES], &it))
		while (csf_iter_next(&it, &e)) {
			int r = csf_field_str(&e, role, sizeof role) < 0 ? -1 : tks_role_index(role);
			if (r < 0)
				return 0;
			roles |= 1ULL << r;
		}
	else if (f[ROLES].val && !csf_field_null(&f[ROLES]))
		return 0;
	if (f[MODE].val && f[MODE].val[0] == '"' && csf_field_str(&f[MODE], mode, sizeof mode) < 0)
		return 0;
	if (f[PHASE].val && f[PHASE].val[0] == '"' && csf_field_str(&f[PHASE], phase, sizeof phase) < 0)
		return 0;
	add_score(g, in, ln, subject, idx, (int)cur, (int)tgt, tks_mode_parse(mode), tks_phase_parse(phase), roles);
	return 1;
}

/* A string of the exact form copied into BUF (N bytes with its NUL), or 0. */
static int
exact_copy(csf_exact *c, char *buf, size_t n)
{
	size_t len;
	const char *s = csf_exact_str(c, &len);
	if (!s || len >= n)
		return 0;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return 1;
}

/* A level 0-4 or null (-1). */
static int
exact_level(csf_exact *c, int *out)
{
	long long v;
	if (csf_exact_null(c)) {
		*out = -1;
		return 1;
	}
	if (!csf_exact_count(c, &v) || v > TARGET_MAX)
		return 0;
	*out = (int)v;
	return 1;
}

/* An item score not yet validated, in the exact form csf-assess writes
 * (lib/tks/assess.c): its members in that order, no blanks, no escapes.
 * Scores are most of csf-gap's input, and this reads one in a single pass
 * that is its own validation (core/partial.h), where the usual path scans
 * the line twice. Anything else is left to that path (0). */
int
gap_score_exact(gapper *g, csf_input *in, const csf_line *ln)
{
	static const char head[] = "{\"type\":\"score\",\"kind\":\"item\",\"subject\":";
	char subject[512], item[32], role[32], word[16];
	int cur, tgt, mode = MODE_NONE, phase = PHASE_NONE;
	uint64_t roles = 0;
	size_t len;
	csf_exact c = { ln->text, ln->text + ln->len };
	if (g->opt.merge || !csf_exact_lit(&c, head, sizeof head - 1)
	    || !exact_copy(&c, subject, sizeof subject) || !*subject
	    || !csf_exact_lit(&c, ",\"item\":", 8) || !exact_copy(&c, item, sizeof item)
	    || !csf_exact_lit(&c, ",\"class\":", 9) || !csf_exact_str(&c, &len)   /* not read: the item says it */
	    || !csf_exact_lit(&c, ",\"current\":", 11) || !exact_level(&c, &cur)
	    || !csf_exact_lit(&c, ",\"target\":", 10) || !exact_level(&c, &tgt))
		return 0;
	if (csf_exact_lit(&c, ",\"roles\":[", 10) && !csf_exact_byte(&c, ']')) {
		do {
			int r = exact_copy(&c, role, sizeof role) ? tks_role_index(role) : -1;
			if (r < 0)
				return 0;
			roles |= 1ULL << r;
		} while (csf_exact_byte(&c, ','));
		if (!csf_exact_byte(&c, ']'))
			return 0;
	}
	if (csf_exact_lit(&c, ",\"mode\":", 8) && (!exact_copy(&c, word, sizeof word) || (mode = tks_mode_parse(word)) == MODE_NONE))
		return 0;
	if (csf_exact_lit(&c, ",\"phase\":", 9) && (!exact_copy(&c, word, sizeof word) || (phase = tks_phase_parse(word)) == PHASE_NONE))
		return 0;
	int idx;
	if (!csf_exact_byte(&c, '}') || c.p != c.end || (idx = tks_index(item)) < 0)
		return 0;
	add_score(g, in, ln, subject, idx, cur, tgt, mode, phase, roles);
	return 1;
}

/* ---- per-subject output ---- */

static int
gap_of(const struct gitem *it)
{
	return it->tgt < 0 ? 0 : it->tgt - (it->cur < 0 ? 0 : it->cur);
}

/* Gaps come biggest first, then by tks_rank (what one does oneself, in
 * normal times, first), then in index order (tasks, knowledge, skills):
 * one number that sorts that way, with the item's place in the low bits. */
static uint64_t
priority_key(const struct gitem *it, int i)
{
	uint64_t first = (uint64_t)(TARGET_MAX - gap_of(it)) * 8 + (uint64_t)tks_rank(it->mode, it->phase);
	return first << 40 | (uint64_t)it->idx << 20 | (uint64_t)i;
}

/* g->order[0..n) as the indices of s->it, in priority order. Insertion
 * into a sorted run: a subject has one entry an item at most, a few
 * dozen gaps as a rule, and this costs less than qsort's calls then. */
static void
sort_by_priority(gapper *g, const struct gsubj *s, int n)
{
	uint64_t *key = g->keys;
	for (int i = 0; i < n; i++) {
		uint64_t k = priority_key(&s->it[g->order[i]], g->order[i]);
		int j = i;
		for (; j > 0 && key[j - 1] > k; j--)
			key[j] = key[j - 1];
		key[j] = k;
	}
	for (int i = 0; i < n; i++)
		g->order[i] = (int)(key[i] & 0xfffff);
}

/* 0 low, 1 medium, 2 high. */
static int
severity_step(const struct gitem *it)
{
	int gap = gap_of(it), step = gap >= 3 ? 2 : gap - 1;
	if (tks_rank(it->mode, it->phase) == 0 && step < 2)
		step++;
	return step;
}

/* Gap records come by the million, so the parts that repeat are escaped
 * once and pasted (jw_paste): the subject's "type", "kind" and name, each
 * item's and role's id as a JSON string, the class, mode and phase
 * members. The text is what writing member by member gives, byte for
 * byte. */
static const struct part *
id_part(gapper *g, struct part *cache, const char *key, const char *id)
{
	if (!cache->text) {
		jw_begin(&g->scratch);
		jw_str(&g->scratch, key, id);
		cache->text = jw_part(&g->scratch, &cache->len);
	}
	return cache;
}

/* Small counts (levels, gaps, sizes) in decimal at o; past the last digit. */
static char *
digits(char *o, long long v)
{
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	size_t n = (size_t)(tmp + sizeof tmp - p);
	memcpy(o, p, n);
	return o + n;
}

static const char *const severity_member[] = {
	",\"severity\":\"low\"", ",\"severity\":\"medium\"", ",\"severity\":\"high\""
};

static void
raw(const char *s)
{
	jw_paste(&w, s, strlen(s));
}

static void
emit_item_gap(gapper *g, const struct gitem *it)
{
	const struct part *id = id_part(g, &g->ids[it->idx], NULL, tks_at(it->idx)->id);
	const struct part *cls = id_part(g, &g->classes[tks_at(it->idx)->cls], "class", tks_class_name(tks_at(it->idx)->cls));
	char nums[96], *o = nums;
	jw_begin(&w);
	jw_paste(&w, g->head.buf + 1, g->head.len - 1);   /* "type":"gap","kind":"item","subject":NAME */
	jw_paste(&w, ",\"item\":", 8);
	jw_paste(&w, id->text, id->len);
	jw_paste(&w, ",", 1);
	jw_paste(&w, cls->text, cls->len);
	o = stpcpy(o, ",\"current\":");
	o = it->cur < 0 ? stpcpy(o, "null") : digits(o, it->cur);
	o = digits(stpcpy(o, ",\"target\":"), it->tgt);
	o = digits(stpcpy(o, ",\"gap\":"), gap_of(it));
	o = stpcpy(o, severity_member[severity_step(it)]);
	jw_paste(&w, nums, (size_t)(o - nums));
	if (it->roles) {
		const char *sep = ",\"roles\":[";
		for (int r = 0; r < tks_role_count(); r++)
			if (it->roles >> r & 1) {
				const struct part *role = id_part(g, &g->role_ids[r], NULL, tks_role_id(r));
				raw(sep);
				jw_paste(&w, role->text, role->len);
				sep = ",";
			}
		raw("]");
	}
	if (it->mode != MODE_NONE) {
		const struct part *m = id_part(g, &g->modes[it->mode], "mode", tks_mode_name(it->mode));
		raw(",");
		jw_paste(&w, m->text, m->len);
	}
	if (it->phase != PHASE_NONE) {
		const struct part *ph = id_part(g, &g->phases[it->phase], "phase", tks_phase_name(it->phase));
		raw(",");
		jw_paste(&w, ph->text, ph->len);
	}
	jw_emit(&w);
}

static void
emit_subject(gapper *g, const struct gsubj *s, int ngaps)
{
	long items = 0, at = 0, total = 0, sev[3] = { 0 };
	for (int i = 0; i < s->n; i++) {
		const struct gitem *it = &s->it[i];
		if (it->tgt < 0)
			continue;
		items++;
		at += gap_of(it) <= 0;
	}
	for (int i = 0; i < ngaps; i++) {
		const struct gitem *it = &s->it[g->order[i]];
		total += gap_of(it);
		sev[severity_step(it)]++;
	}
	jw_begin(&w);
	jw_str(&w, "type", "gap");
	jw_str(&w, "kind", "subject");
	jw_str(&w, "subject", s->name);
	jw_int(&w, "items", items);
	jw_int(&w, "at_target", at);
	jw_int(&w, "gaps", ngaps);
	jw_int(&w, "gap_total", total);
	jw_int(&w, "high", sev[2]);
	jw_int(&w, "medium", sev[1]);
	jw_int(&w, "low", sev[0]);
	jw_array(&w, "top");
	for (int i = 0; i < ngaps && (g->opt.top == 0 || i < g->opt.top); i++) {
		const struct gitem *it = &s->it[g->order[i]];
		const struct part *id = id_part(g, &g->ids[it->idx], NULL, tks_at(it->idx)->id);
		char nums[64], *o = nums;
		raw(i ? ",{\"item\":" : "{\"item\":");
		jw_paste(&w, id->text, id->len);
		o = digits(stpcpy(o, ",\"gap\":"), gap_of(it));
		o = stpcpy(stpcpy(o, severity_member[severity_step(it)]), "}");
		jw_paste(&w, nums, (size_t)(o - nums));
	}
	jw_close(&w);
	jw_emit(&w);
}

/* ---- aggregates ---- */

static struct group *
group_get(gapper *g, const char *value)
{
	/* "\001" keys the group of subjects without a value. */
	int created;
	void **slot = strmap_slot(g->groups, value ? value : "\001", &created);
	if (created) {
		struct group *gr = xcalloc(1, sizeof *gr);
		gr->value = value ? xstrdup(value) : NULL;
		gr->items = xcalloc((size_t)(g->n ? g->n : 1), sizeof *gr->items);
		*slot = gr;
	}
	return *slot;
}

static void
acc_holder(struct gacc *a, long long holders, const char *name)
{
	if (a->holders == 0 && holders == 1 && name)
		a->holder = xstrdup(name);
	else if (a->holder && holders > 0) {
		free(a->holder);
		a->holder = NULL;
	}
	a->holders += holders;
}

static void
group_add_item(struct group *gr, const struct gsubj *s, const struct gitem *it)
{
	int cur = it->cur < 0 ? 0 : it->cur;
	int at = cur >= it->tgt;
	gr->pairs++;
	gr->sum += cur;
	gr->at += at;
	gr->unanswered += it->cur < 0;
	gr->dist[cur]++;
	struct gacc *a = &gr->items[it->idx];
	a->with_target++;
	if (at)
		acc_holder(a, 1, s->name);
}

/* The group values of a subject's profile field (NULL: none). */
static void
field_groups(gapper *g, const struct gsubj *s)
{
	json_t *v = json_object_get(s->profile, g->by);
	json_t *one[1] = { v };
	json_t **vals = one;
	size_t nv = 1;
	if (json_is_array(v)) {
		nv = json_array_size(v);
		vals = xmalloc((nv ? nv : 1) * sizeof *vals);
		for (size_t i = 0; i < nv; i++)
			vals[i] = json_array_get(v, i);
		if (nv == 0) {
			vals[0] = NULL;
			nv = 1;
		}
	}
	for (size_t k = 0; k < nv; k++) {
		char *text = NULL;
		if (json_is_string(vals[k]))
			text = xstrdup(json_string_value(vals[k]));
		else if (vals[k] && !json_is_null(vals[k]))
			text = json_dumps(vals[k], JSON_COMPACT | JSON_ENCODE_ANY);
		struct group *gr = group_get(g, text);
		free(text);
		gr->n++;
		for (int i = 0; i < s->n; i++)
			if (s->it[i].tgt >= 0)
				group_add_item(gr, s, &s->it[i]);
	}
	if (vals != one)
		free(vals);
}

static void
role_groups(gapper *g, const struct gsubj *s)
{
	for (int r = 0; r < tks_role_count(); r++) {
		struct group *gr = NULL;
		for (int i = 0; i < s->n; i++) {
			const struct gitem *it = &s->it[i];
			if (it->tgt < 0 || !(it->roles >> r & 1))
				continue;
			if (!gr) {
				gr = group_get(g, tks_role_id(r));
				gr->n++;
			}
			group_add_item(gr, s, it);
		}
	}
}

static void
gsubj_close(void *ctx, void *state)
{
	gapper *g = ctx;
	struct gsubj *s = state;
	int ngaps = 0;
	if (s->n == 0)
		goto done;   /* a profile alone (a company of the management model, say) */
	if (g->opt.partial)
		goto aggregate;   /* a shard writes its sums only */
	for (int i = 0; i < s->n; i++)
		if (gap_of(&s->it[i]) > 0)
			g->order[ngaps++] = i;
	sort_by_priority(g, s, ngaps);
	if (ngaps) {
		jw_begin(&g->head);
		jw_str(&g->head, "type", "gap");
		jw_str(&g->head, "kind", "item");
		jw_str(&g->head, "subject", s->name);
	}
	for (int i = 0; i < ngaps; i++)
		emit_item_gap(g, &s->it[g->order[i]]);
	emit_subject(g, s, ngaps);
aggregate:
	if (g->by) {
		if (g->by_role)
			role_groups(g, s);
		else
			field_groups(g, s);
	}
done:
	free(s->name);
	json_decref(s->profile);
	free(s->it);
	free(s->seen);
	free(s);
}

/* ---- partial sums, merging, output ---- */

/* A "gap_partial" record read: the sums of one group from one shard.
 * Two readers fill it: one from the line's text (most records) and one
 * from the decoded record, which also names what is wrong with a record
 * of the wrong shape. partial_invalid then checks the sums either way. */
struct pitem {
	int idx;                  /* -1: the entry is not [ITEM, count, count, string|null] */
	long long subjects, holders;
	const char *holder;       /* NULL: null */
};

struct partial {
	const char *by;
	const char *value;        /* NULL: subjects without the field */
	long long c[5];           /* n, pairs, sum, at_target, unanswered */
	long long dist[TARGET_MAX + 1];
	struct pitem *items;      /* g->pitems */
	size_t nitems;
};

static const char *const partial_counts[] = { "n", "pairs", "sum", "at_target", "unanswered" };

static struct pitem *
pitems(gapper *g, size_t n)
{
	if (n > g->pitems_cap) {
		g->pitems_cap = n;
		g->pitems = xrealloc(g->pitems, n * sizeof *g->pitems);
	}
	return g->pitems;
}

/* The decoded record's shape and counts; reports what is wrong and
 * returns 1, else 0. Entries of the wrong shape are marked (idx -1) and
 * reported by partial_invalid in their turn. */
static int
partial_read_json(gapper *g, csf_input *in, const csf_line *ln, const json_t *obj, struct partial *p)
{
	json_t *value = json_object_get(obj, "value");
	json_t *dist = json_object_get(obj, "dist");
	json_t *items = json_object_get(obj, "items");
	p->by = csf_str(obj, "by");
	if (!p->by || !*p->by || !value || (!json_is_string(value) && !json_is_null(value))
	    || !json_is_array(dist) || json_array_size(dist) != TARGET_MAX + 1 || !json_is_array(items)) {
		csf_input_bad(in, ln, "gap_partial needs \"by\", \"value\", \"dist\" (5 counts) and \"items\"");
		return 1;
	}
	p->value = json_string_value(value);
	for (int i = 0; i < 5; i++)
		if (!csf_count_of(json_object_get(obj, partial_counts[i]), &p->c[i])) {
			csf_input_bad(in, ln, "gap_partial: \"%s\" must be a count from 0 to %lld", partial_counts[i], CSF_COUNT_MAX);
			return 1;
		}
	for (int k = 0; k <= TARGET_MAX; k++)
		if (!csf_count_of(json_array_get(dist, (size_t)k), &p->dist[k])) {
			csf_input_bad(in, ln, "gap_partial: \"dist\" must hold counts from 0 to %lld", CSF_COUNT_MAX);
			return 1;
		}
	p->nitems = json_array_size(items);
	p->items = pitems(g, p->nitems);
	size_t i;
	json_t *e;
	json_array_foreach(items, i, e) {
		struct pitem *it = &p->items[i];
		json_t *id = json_array_get(e, 0), *who = json_array_get(e, 3);
		it->idx = json_is_string(id) ? tks_index(json_string_value(id)) : -1;
		it->holder = json_string_value(who);
		if (json_array_size(e) != 4 || !csf_count_of(json_array_get(e, 1), &it->subjects)
		    || !csf_count_of(json_array_get(e, 2), &it->holders) || !(json_is_null(who) || json_is_string(who)))
			it->idx = -1;
	}
	return 0;
}

/* null, or a string copied unescaped to *T (which moves past it); 0 for
 * anything else. */
static int
exact_text(csf_exact *c, char **t, const char **out)
{
	const char *str;
	size_t n;
	if (csf_exact_null(c)) {
		*out = NULL;
		return 1;
	}
	if (!(str = csf_exact_str(c, &n)))
		return 0;
	memcpy(*t, str, n);
	(*t)[n] = '\0';
	*out = *t;
	*t += n + 1;
	return 1;
}

/* The "items" of a partial as csf-gap writes them, [["ID",n,n,null],...],
 * from the cursor on its '[' to past its ']' (core/partial.h: one pass
 * that is also the validation). 0 for any other spelling. Holders are
 * copied to *text (NUL-terminated). */
static int
items_exact(gapper *g, csf_exact *c, struct partial *p, char **text)
{
	char *t = *text;
	const char *str;
	size_t n;
	int next = 0;
	p->nitems = 0;
	if (!csf_exact_byte(c, '['))
		return 0;
	if (!csf_exact_byte(c, ']')) {
		do {
			struct pitem *pi = &p->items[p->nitems];
			if (p->nitems == (size_t)g->n)
				return 0;
			/* Entries come in item order: is it the next item's? */
			const struct entry_head *h = &g->heads[next < g->n ? next : g->n];
			uint64_t word;
			if (h->mask && c->end - c->p >= 8
			    && (memcpy(&word, c->p, 8), (word & h->mask) == h->word)) {
				pi->idx = next;
				c->p += h->len;
			} else if (!csf_exact_byte(c, '[') || !(str = csf_exact_str(c, &n)))
				return 0;
			else {
				char id[64];
				if (n >= sizeof id)
					return 0;
				memcpy(id, str, n);
				id[n] = '\0';
				if ((pi->idx = tks_index(id)) < 0)
					return 0;
			}
			next = pi->idx + 1;
			if (!csf_exact_byte(c, ',') || !csf_exact_count(c, &pi->subjects) || !csf_exact_byte(c, ',')
			    || !csf_exact_count(c, &pi->holders) || !csf_exact_byte(c, ','))
				return 0;
			if (!exact_text(c, &t, &pi->holder))
				return 0;
			if (!csf_exact_byte(c, ']'))
				return 0;
			p->nitems++;
		} while (csf_exact_byte(c, ','));
		if (!csf_exact_byte(c, ']'))
			return 0;
	}
	*text = t;
	return 1;
}

/* Room for the strings of a line of LEN bytes, unescaped (g->text). */
static char *
text_for(gapper *g, size_t len)
{
	if (len + 1 > g->text_cap) {
		g->text_cap = len + 1;
		g->text = xrealloc(g->text, g->text_cap);
	}
	return g->text;
}

/* A whole line in the form csf-gap writes (partial_head, emit_partial),
 * read in one pass that is also its validation; 0 for any other line,
 * which then goes the general way. */
static int
partial_read_exact(gapper *g, const char *s, size_t len, struct partial *p)
{
	static const char head[] = "{\"type\":\"gap_partial\",\"by\":";
	static const char *const keys[] = { ",\"n\":", ",\"pairs\":", ",\"sum\":", ",\"at_target\":", ",\"unanswered\":" };
	csf_exact c = { s, s + len };
	char *t = text_for(g, len);
	const char *str;
	size_t n;
	if (!csf_exact_lit(&c, head, sizeof head - 1) || !(str = csf_exact_str(&c, &n)) || n == 0)
		return 0;
	memcpy(t, str, n);
	t[n] = '\0';
	p->by = t;
	t += n + 1;
	if (!csf_exact_lit(&c, ",\"value\":", 9))
		return 0;
	if (!exact_text(&c, &t, &p->value))
		return 0;
	for (int i = 0; i < 5; i++)
		if (!csf_exact_lit(&c, keys[i], strlen(keys[i])) || !csf_exact_count(&c, &p->c[i]))
			return 0;
	if (!csf_exact_lit(&c, ",\"dist\":[", 9))
		return 0;
	for (int k = 0; k <= TARGET_MAX; k++)
		if ((k && !csf_exact_byte(&c, ',')) || !csf_exact_count(&c, &p->dist[k]))
			return 0;
	if (!csf_exact_lit(&c, "],\"items\":", 10))
		return 0;
	p->items = pitems(g, (size_t)g->n);
	return items_exact(g, &c, p, &t) && csf_exact_byte(&c, '}') && c.p == c.end;
}

/* The same from the line's text, for records of the right shape only:
 * 0 for anything else (the decoded reader then reports it). Strings are
 * unescaped into g->text, which the line's length bounds. */
static int
partial_read_fast(gapper *g, const csf_line *ln, struct partial *p)
{
	enum { BY, VALUE, DIST, ITEMS, NF = ITEMS + 1 + 5 };
	csf_field f[NF] = {
		{ "by", NULL, 0 }, { "value", NULL, 0 }, { "dist", NULL, 0 }, { "items", NULL, 0 },
		{ "n", NULL, 0 }, { "pairs", NULL, 0 }, { "sum", NULL, 0 }, { "at_target", NULL, 0 },
		{ "unanswered", NULL, 0 }
	};
	char *t = text_for(g, ln->len), *end = g->text + g->text_cap;
	long n;
	if (csf_line_fields(ln, f, NF) < 0 || (n = csf_field_str(&f[BY], t, (size_t)(end - t))) <= 0)
		return 0;
	p->by = t;
	t += n + 1;
	if (csf_field_null(&f[VALUE]))
		p->value = NULL;
	else if ((n = csf_field_str(&f[VALUE], t, (size_t)(end - t))) >= 0) {
		p->value = t;
		t += n + 1;
	} else
		return 0;
	for (int i = 0; i < 5; i++)
		if (!csf_field_int(&f[ITEMS + 1 + i], &p->c[i]) || p->c[i] < 0 || p->c[i] > CSF_COUNT_MAX)
			return 0;
	csf_iter it, in;
	csf_field e, x;
	int k = 0;
	if (!csf_field_array(&f[DIST], &it))
		return 0;
	while (csf_iter_next(&it, &e))
		if (k > TARGET_MAX || !csf_field_int(&e, &p->dist[k]) || p->dist[k] < 0 || p->dist[k++] > CSF_COUNT_MAX)
			return 0;
	if (k != TARGET_MAX + 1 || !csf_field_array(&f[ITEMS], &it))
		return 0;
	/* One entry per item at most: more means a repeat (reported there). */
	p->items = pitems(g, (size_t)g->n);
	csf_exact items = { f[ITEMS].val, f[ITEMS].val + f[ITEMS].len };
	if (items_exact(g, &items, p, &t) && items.p == items.end)
		return 1;
	p->nitems = 0;
	char id[64];
	int r, next = 0;
	while ((r = csf_iter_enter(&it, &in)) > 0) {
		struct pitem *pi = &p->items[p->nitems];
		if (p->nitems == (size_t)g->n || !csf_iter_next(&in, &x) || csf_field_str(&x, id, sizeof id) < 0)
			return 0;
		/* Entries come in item order as csf-gap writes them. */
		pi->idx = next < g->n && strcmp(tks_at(next)->id, id) == 0 ? next : tks_index(id);
		next = pi->idx + 1;
		if (pi->idx < 0
		    || !csf_iter_next(&in, &x) || !csf_field_int(&x, &pi->subjects) || pi->subjects < 0 || pi->subjects > CSF_COUNT_MAX
		    || !csf_iter_next(&in, &x) || !csf_field_int(&x, &pi->holders) || pi->holders < 0 || pi->holders > CSF_COUNT_MAX
		    || !csf_iter_next(&in, &x) || csf_iter_next(&in, &e))
			return 0;
		if (csf_field_null(&x))
			pi->holder = NULL;
		else if ((n = csf_field_str(&x, t, (size_t)(end - t))) >= 0) {
			pi->holder = t;
			t += n + 1;
		} else
			return 0;
		p->nitems++;
	}
	return r == 0;
}

/* The sums that one run's accumulators always agree on: dist adds up to
 * pairs, sum is the dist's weighted total, at_target and unanswered fit
 * in pairs, and each item entry is sound and listed once. Reports what is
 * wrong and returns 1, else 0. */
static int
partial_invalid(gapper *g, csf_input *in, const csf_line *ln, const struct partial *p)
{
	long long pairs = p->c[1], dist_total = 0, weighted = 0;
	for (int k = 0; k <= TARGET_MAX; k++) {
		dist_total += p->dist[k];        /* 5 terms under 2^53: no overflow */
		weighted += k * p->dist[k];
	}
	if (dist_total != pairs) {
		csf_input_bad(in, ln, "gap_partial: \"dist\" adds up to %lld, not \"pairs\" %lld", dist_total, pairs);
		return 1;
	}
	if (weighted != p->c[2]) {
		csf_input_bad(in, ln, "gap_partial: \"sum\" %lld is not the levels \"dist\" counts (%lld)", p->c[2], weighted);
		return 1;
	}
	if (p->c[3] > pairs) {
		csf_input_bad(in, ln, "gap_partial: \"at_target\" %lld is more than \"pairs\" %lld", p->c[3], pairs);
		return 1;
	}
	if (p->c[4] > p->dist[0]) {
		csf_input_bad(in, ln, "gap_partial: \"unanswered\" %lld is more than the level-0 count %lld", p->c[4], p->dist[0]);
		return 1;
	}
	if (pairs > 0 && p->c[0] == 0) {
		csf_input_bad(in, ln, "gap_partial: \"pairs\" without subjects (\"n\" is 0)");
		return 1;
	}
	memset(g->seen, 0, (size_t)g->n / 8 + 1);   /* as tks_set_new */
	for (size_t i = 0; i < p->nitems; i++) {
		const struct pitem *it = &p->items[i];
		if (it->idx < 0 || it->subjects == 0 || it->holders > it->subjects || (it->holder && it->holders != 1)) {
			csf_input_bad(in, ln, "gap_partial: bad entry %zu in \"items\": want [ITEM, subjects, holders, holder|null]"
			    " with 0 <= holders <= subjects and a holder only when there is one", i + 1);
			return 1;
		}
		if (!tks_set_add(g->seen, it->idx)) {
			csf_input_bad(in, ln, "gap_partial: item \"%s\" listed twice in \"items\"", tks_at(it->idx)->id);
			return 1;
		}
	}
	return 0;
}

/* A group's items may come in several records (long groups are split,
 * see emit_partial), so their sums are checked once all are merged: the
 * items' subjects add up to "pairs" and their holders to "at_target",
 * and no item has more subjects than the group. 1 if not (reported). */
static int
merged_invalid(const gapper *g, const struct group *gr)
{
	long long with_target = 0, holders = 0;
	for (int k = 0; k < g->n; k++) {
		const struct gacc *a = &gr->items[k];
		if (a->with_target > gr->n) {
			csf_bad_at(gr->first.file, gr->first.line, "gap_partial: item \"%s\" has %lld subjects with a target, the group %lld",
			    tks_at(k)->id, a->with_target, gr->n);
			return 1;
		}
		with_target += a->with_target;   /* each term at most 2^53, at most a few hundred terms */
		holders += a->holders;
	}
	/* A group without the field is named by its by alone, as JSON's null. */
	const char *value = gr->value ? gr->value : "null";
	if (with_target != gr->pairs) {
		csf_bad_at(gr->first.file, gr->first.line, "gap_partial: the items of %s \"%s\" add up to %lld subjects, not \"pairs\" %lld",
		    g->by, value, with_target, gr->pairs);
		return 1;
	}
	if (holders != gr->at) {
		csf_bad_at(gr->first.file, gr->first.line, "gap_partial: the items of %s \"%s\" add up to %lld holders, not \"at_target\" %lld",
		    g->by, value, holders, gr->at);
		return 1;
	}
	return 0;
}

/* Add a checked partial to its group. */
static void
partial_add(gapper *g, csf_input *in, const csf_line *ln, const struct partial *p)
{
	if (partial_invalid(g, in, ln, p))
		return;
	if (!g->by) {
		g->by = xstrdup(p->by);
		g->by_role = strcmp(p->by, "role") == 0;
	} else if (strcmp(g->by, p->by) != 0) {
		csf_input_bad(in, ln, "gap_partial by \"%s\" cannot merge with by \"%s\"", p->by, g->by);
		return;
	}
	struct group *gr = group_get(g, p->value);
	if (!gr->first.file)
		gr->first = (csf_line){ .file = ln->file, .line = ln->line };
	/* Valid shards add up to a valid whole, unless a count outgrows 2^53. */
	int fits = csf_count_fits(gr->n, p->c[0]) && csf_count_fits(gr->pairs, p->c[1]) && csf_count_fits(gr->sum, p->c[2]);
	for (size_t i = 0; i < p->nitems && fits; i++)
		fits = csf_count_fits(gr->items[p->items[i].idx].with_target, p->items[i].subjects);
	if (!fits) {
		csf_input_bad(in, ln, "gap_partial: merged counts of %s \"%s\" would pass %lld",
		    p->by, p->value ? p->value : "null", CSF_COUNT_MAX);
		return;
	}
	gr->n += p->c[0];
	gr->pairs += p->c[1];
	gr->sum += p->c[2];
	gr->at += p->c[3];
	gr->unanswered += p->c[4];
	for (int k = 0; k <= TARGET_MAX; k++)
		gr->dist[k] += p->dist[k];
	for (size_t i = 0; i < p->nitems; i++) {
		struct gacc *a = &gr->items[p->items[i].idx];
		a->with_target += p->items[i].subjects;
		acc_holder(a, p->items[i].holders, p->items[i].holder);
	}
}

void
gap_partial(gapper *g, csf_input *in, const csf_line *ln, json_t *obj)
{
	struct partial p;
	if (!partial_read_json(g, in, ln, obj, &p))
		partial_add(g, in, ln, &p);
}

int
gap_partial_exact(gapper *g, csf_input *in, const csf_line *ln)
{
	struct partial p;
	if (!g->opt.merge || !partial_read_exact(g, ln->text, ln->len, &p))
		return 0;
	partial_add(g, in, ln, &p);
	return 1;
}

int
gap_partial_fast(gapper *g, csf_input *in, const csf_line *ln)
{
	struct partial p;
	if (!g->opt.merge || !partial_read_fast(g, ln, &p))
		return 0;
	partial_add(g, in, ln, &p);
	return 1;
}

static int
by_value(const void *x, const void *y)
{
	const struct group *a = *(struct group *const *)x, *b = *(struct group *const *)y;
	if (!a->value || !b->value)
		return !a->value - !b->value;   /* subjects without a value last */
	return strcmp(a->value, b->value);
}

static void
value_out(const struct group *gr)
{
	jw_str(&w, "value", gr->value);   /* NULL writes null */
}

static void
dist_out(const struct group *gr)
{
	jw_array(&w, "dist");
	for (int k = 0; k <= TARGET_MAX; k++)
		jw_int(&w, NULL, gr->dist[k]);
	jw_close(&w);
}

static void
partial_head(const gapper *g, const struct group *gr, int counts)
{
	static const struct group zero;
	const struct group *c = counts ? gr : &zero;
	jw_begin(&w);
	jw_str(&w, "type", "gap_partial");
	jw_str(&w, "by", g->by);
	value_out(gr);
	jw_int(&w, "n", c->n);
	jw_int(&w, "pairs", c->pairs);
	jw_int(&w, "sum", c->sum);
	jw_int(&w, "at_target", c->at);
	jw_int(&w, "unanswered", c->unanswered);
	dist_out(c);
	jw_array(&w, "items");
}

/* One group's sums, in lines a pipe shared by shards keeps whole
 * (core/partial.h): items that do not fit go on in further records of
 * the same group with zero counts (sums add up either way). */
static void
emit_partial(const gapper *g, const struct group *gr)
{
	int in_record = 0;
	partial_head(g, gr, 1);
	for (int k = 0; k < g->n; k++) {
		const struct gacc *a = &gr->items[k];
		if (!a->with_target)
			continue;
		size_t mark = w.len;
		jw_array(&w, NULL);
		jw_str(&w, NULL, tks_at(k)->id);
		jw_int(&w, NULL, a->with_target);
		jw_int(&w, NULL, a->holders);
		jw_str(&w, NULL, a->holder);
		jw_close(&w);
		if (jw_partial_full(&w, mark, in_record)) {
			partial_head(g, gr, 0);   /* this entry starts the next record */
			in_record = 0;
			k--;
			continue;
		}
		in_record++;
	}
	jw_partial_emit(&w);
}

static void
ratio(const char *key, long long part, long long whole, double scale, int decimals)
{
	if (whole)
		jw_real(&w, key, csf_round(scale * (double)part / (double)whole, decimals));
	else
		jw_null(&w, key);
}

static void
emit_group(const gapper *g, const struct group *gr)
{
	long items = 0, tasks = 0, tasks_held = 0, ks = 0, ks_held = 0;
	for (int k = 0; k < g->n; k++) {
		const struct gacc *a = &gr->items[k];
		if (!a->with_target)
			continue;
		int task = tks_at(k)->cls == TKS_TASK;
		items++;
		tasks += task;
		ks += !task;
		if (a->holders > 0) {
			tasks_held += task;
			ks_held += !task;
		}
	}
	jw_begin(&w);
	jw_str(&w, "type", "gap");
	jw_str(&w, "kind", "group");
	jw_str(&w, "by", g->by);
	value_out(gr);
	jw_int(&w, "n", gr->n);
	jw_int(&w, "pairs", gr->pairs);
	ratio("mean", gr->sum, gr->pairs, 1, 2);
	jw_int(&w, "at_target", gr->at);
	ratio("share_at_target", gr->at, gr->pairs, 100, 1);
	jw_int(&w, "unanswered", gr->unanswered);
	dist_out(gr);
	jw_int(&w, "items", items);
	jw_int(&w, "tasks", tasks);
	jw_int(&w, "tasks_held", tasks_held);
	ratio("task_coverage", tasks_held, tasks, 100, 1);
	jw_int(&w, "ks", ks);
	jw_int(&w, "ks_held", ks_held);
	ratio("ks_coverage", ks_held, ks, 100, 1);
	jw_array(&w, "spof");
	for (int k = 0; k < g->n; k++) {
		const struct gacc *a = &gr->items[k];
		if (a->with_target && a->holders == 1) {
			jw_object(&w, NULL);
			jw_str(&w, "item", tks_at(k)->id);
			jw_str(&w, "holder", a->holder ? a->holder : "");
			jw_close(&w);
		}
	}
	jw_close(&w);
	jw_array(&w, "nobody");
	for (int k = 0; k < g->n; k++)
		if (gr->items[k].with_target && gr->items[k].holders == 0)
			jw_str(&w, NULL, tks_at(k)->id);
	jw_close(&w);
	jw_emit(&w);
}

static void
free_parts(struct part *p, int n)
{
	for (int i = 0; i < n; i++)
		free(p[i].text);
}

/* ---- -j: pieces of one input read by several processes ----
 * A worker writes its state to g->shard: a head (whether the piece began
 * with a new subject, and the hashes of its subjects), then its groups'
 * sums as gap_partial lines, which the parent adds up as --merge does. */

struct shard_head {
	char magic[8];
	int clean;                /* the piece's first record started its first subject */
	int closed;               /* read in turns: the piece's end closed a subject, */
	uint64_t last;            /* this one */
	size_t nsubjects;         /* hashes that follow */
};

static const char shard_magic[8] = "csfgap2";

void
gap_shard_begin(gapper *g, FILE *fp, const char *file, long line)
{
	g->shard = fp;
	g->shard_file = file;
	g->shard_line = line;
	if (g->subjects)
		subjects_log(g->subjects);
}

static void
shard_write_head(const gapper *g, int closed, uint64_t last)
{
	struct shard_head h;
	memset(&h, 0, sizeof h);   /* its padding too: every byte written is set (valgrind) */
	h.closed = closed;
	h.last = last;
	const uint64_t *hashes = NULL;
	const char *file = NULL;
	long line = 0;
	memcpy(h.magic, shard_magic, sizeof h.magic);
	if (g->subjects)
		h.nsubjects = subjects_logged(g->subjects, &hashes, &file, &line);
	h.clean = h.nsubjects > 0 && file && strcmp(file, g->shard_file) == 0 && line == g->shard_line;
	fwrite(&h, sizeof h, 1, g->shard);
	fwrite(hashes, sizeof *hashes, h.nsubjects, g->shard);
}

static int partial_read_exact(gapper *g, const char *s, size_t len, struct partial *p);
static int partial_read_fast(gapper *g, const csf_line *ln, struct partial *p);
static void partial_add(gapper *g, csf_input *in, const csf_line *ln, const struct partial *p);

/* Whether line, the first of the piece after a worker's, is a record of
 * a subject other than last, the one the worker's piece ended in: it
 * then closes last in one run, as the worker's piece end did. */
static int
next_subject_differs(const char *line, size_t len, uint64_t last)
{
	json_t *rec = json_loadb(line, len, 0, NULL);
	const char *subject = json_string_value(json_object_get(rec, "subject"));
	int differs = subject && csf_hash(subject) != last;
	json_decref(rec);
	return differs;
}

int
gap_shard_join(gapper *g, FILE *fp, const char *next, size_t next_len)
{
	struct shard_head h;
	if (fread(&h, sizeof h, 1, fp) != 1 || memcmp(h.magic, shard_magic, sizeof h.magic) || !h.clean || !g->subjects
	    || (h.closed && next && !next_subject_differs(next, next_len, h.last)))
		return 0;
	uint64_t *hashes = xmalloc(h.nsubjects * sizeof *hashes);
	int ok = fread(hashes, sizeof *hashes, h.nsubjects, fp) == h.nsubjects
	         && subjects_join(g->subjects, hashes, h.nsubjects);
	free(hashes);
	if (!ok)
		return 0;
	if (!g->seen)
		g->seen = tks_set_new();
	if (!g->heads)
		entry_heads(g);
	char *text = NULL;
	size_t cap = 0;
	ssize_t len;
	long line = 0;
	while ((len = getline(&text, &cap, fp)) > 0) {
		if (text[len - 1] == '\n')
			text[--len] = '\0';
		csf_line ln = { .file = "-j", .line = ++line, .text = text, .len = (size_t)len, .type = "gap_partial" };
		struct partial p;
		if (!partial_read_exact(g, text, (size_t)len, &p) && !partial_read_fast(g, &ln, &p))
			csf_die(70, "-j: a worker's sums do not read back (line %ld)", line);
		partial_add(g, NULL, &ln, &p);
	}
	free(text);
	return 1;
}

/* Write the groups, in order of their values (a worker's as sums, to
 * its state), and free them. */
static void
flush_groups(gapper *g)
{
	FILE *out = csf_out;
	if (g->shard) {
		fflush(csf_out);
		csf_out = g->shard;   /* the sums, for the parent to add up */
	}
	size_t n = strmap_count(g->groups);
	struct group **groups = xmalloc((n ? n : 1) * sizeof *groups);
	strmap_list(g->groups, NULL, (void **)groups);
	qsort(groups, n, sizeof *groups, by_value);
	for (size_t i = 0; i < n; i++) {
		if (g->opt.merge && merged_invalid(g, groups[i]))
			;   /* reported */
		else if (g->opt.partial || g->shard)
			emit_partial(g, groups[i]);
		else
			emit_group(g, groups[i]);
		for (int k = 0; k < g->n; k++)
			free(groups[i]->items[k].holder);
		free(groups[i]->items);
		free(groups[i]->value);
		free(groups[i]);
	}
	free(groups);
	csf_out = out;
	strmap_free(g->groups);
	g->groups = NULL;
}

int
gap_turn_end(gapper *g)
{
	uint64_t last = 0;
	int closed = g->subjects && subjects_close_current(g->subjects, 1, &last);
	shard_write_head(g, closed, last);
	flush_groups(g);
	g->groups = strmap_new();
	return 1;
}

void
gap_finish(gapper *g)
{
	if (g->shard)
		shard_write_head(g, 0, 0);
	if (g->subjects)
		subjects_finish(g->subjects);
	flush_groups(g);
	free(g->by);
	free(g->order);
	free(g->keys);
	free_parts(g->ids, g->ids ? g->n : 0);
	free_parts(g->role_ids, g->role_ids ? tks_role_count() : 0);
	free_parts(g->classes, 3);
	free_parts(g->modes, MODE_NONE);
	free_parts(g->phases, PHASE_NONE);
	free(g->ids);
	free(g->role_ids);
	jw_free(&g->head);
	jw_free(&g->scratch);
	free(g->pitems);
	free(g->text);
	free(g->seen);
	free(g->heads);
	free(g);
	jw_free(&w);
}
