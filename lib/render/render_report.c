/* render_report.c - recognise the records a report has sections for and
 * gather them per subject; whatever is not recognised is kept, by type,
 * for plain tables. Recognition goes by type and "kind" (falling back to
 * the keys a record has), so a record of a shape we do not know is shown
 * as it is rather than lost. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/records.h"
#include "core/strmap.h"
#include "render/render_report.h"

static const char *
kind_of(const json_t *rec)
{
	const char *k = csf_str(rec, "kind");
	return k ? k : "";
}

static char *
fmt_str(const char *fmt, const char *a)
{
	size_t n = strlen(fmt) + strlen(a) + 1;
	char *s = xmalloc(n);
	snprintf(s, n, fmt, a);
	return s;
}

static double
num(const json_t *rec, const char *key)
{
	json_t *v = json_object_get(rec, key);
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static double
flat_num(const csf_flat *rec, const char *key)
{
	double x;
	return csf_flat_num(rec, key, &x) ? x : NAN;
}

void *
csf_strcache_put(struct csf_strcache *c, const char *s, size_t len, void *val)
{
	struct csf_strcache_entry *e = &c->e[csf_strcache_at(s, len)];
	void *old = e->key ? e->val : NULL;
	if (!e->key || e->len < len)
		e->key = xrealloc(e->key, len + 1);
	memcpy(e->key, s, len);
	e->key[len] = '\0';
	e->len = len;
	e->val = val;
	return old;
}

static void
shape_of(struct csf_shape *sh, const json_t *rec)
{
	sh->kind = kind_of(rec);
	sh->has_directive = json_object_get(rec, "directive") != NULL;
	sh->directive_string = json_is_string(json_object_get(rec, "directive"));
	sh->has_directives = json_object_get(rec, "directives") != NULL;
	sh->class_string = json_is_string(json_object_get(rec, "class"));
}

/* The types and kinds the shapes below tell apart, each known by its
 * first byte and one compare: every record of both HTML passes is told
 * by them. */
enum { T_OTHER, T_SCORE, T_GAP, T_PLAN, T_MATURITY };
enum { K_OTHER, K_ITEM, K_ROLE, K_PERSONA, K_SUBJECT, K_STEP, K_DIRECTIVE, K_CHECK, K_INDEX, K_MATURITY, K_HINT };

static int
type_code(const char *t)
{
	switch (t[0]) {
	case 's': return csf_streq(t, "score") ? T_SCORE : T_OTHER;
	case 'g': return csf_streq(t, "gap") ? T_GAP : T_OTHER;
	case 'p': return csf_streq(t, "plan") ? T_PLAN : T_OTHER;
	case 'm': return csf_streq(t, "maturity") ? T_MATURITY : T_OTHER;
	}
	return T_OTHER;
}

static int
kind_code(const char *k)
{
	switch (k[0]) {
	case 'i': return csf_streq(k, "item") ? K_ITEM : csf_streq(k, "index") ? K_INDEX : K_OTHER;
	case 'r': return csf_streq(k, "role") ? K_ROLE : K_OTHER;
	case 'p': return csf_streq(k, "persona") ? K_PERSONA : K_OTHER;
	case 's': return csf_streq(k, "subject") ? K_SUBJECT : csf_streq(k, "step") ? K_STEP : K_OTHER;
	case 'd': return csf_streq(k, "directive") ? K_DIRECTIVE : K_OTHER;
	case 'c': return csf_streq(k, "check") ? K_CHECK : K_OTHER;
	case 'm': return csf_streq(k, "maturity") ? K_MATURITY : K_OTHER;
	case 'h': return csf_streq(k, "hint") ? K_HINT : K_OTHER;
	}
	return K_OTHER;
}

/* Does this record belong on a management result sheet? */
static int
karte_shape(int type, int kind, const struct csf_shape *sh)
{
	int has_dir = sh->directive_string;
	switch (type) {
	case T_SCORE:
		return (has_dir && (kind == K_DIRECTIVE || kind == K_CHECK)) || (kind == K_INDEX && sh->has_directives);
	case T_MATURITY:
		return sh->class_string;
	case T_GAP:
		return (has_dir && kind == K_DIRECTIVE) || kind == K_MATURITY;
	case T_PLAN:
		return kind == K_HINT;
	}
	return 0;
}

/* Does this record belong to a person of the self-assessment pipeline? */
static int
person_shape(int type, int kind, const struct csf_shape *sh)
{
	if (sh->has_directive)
		return 0;
	switch (type) {
	case T_SCORE:
		return kind == K_ITEM || kind == K_ROLE || kind == K_PERSONA;
	case T_GAP:
		return kind == K_ITEM || kind == K_SUBJECT;
	case T_PLAN:
		return kind == K_STEP || kind == K_SUBJECT;
	}
	return 0;
}

static int
is_karte_shape(const char *type, const struct csf_shape *sh)
{
	return karte_shape(type_code(type), kind_code(sh->kind), sh);
}

static int
is_person_shape(const char *type, const struct csf_shape *sh)
{
	return person_shape(type_code(type), kind_code(sh->kind), sh);
}

static int
is_karte_record(const char *type, const json_t *rec)
{
	struct csf_shape sh;
	shape_of(&sh, rec);
	return is_karte_shape(type, &sh);
}

static int
is_person_record(const char *type, const json_t *rec)
{
	struct csf_shape sh;
	shape_of(&sh, rec);
	return is_person_shape(type, &sh);
}

/* A group aggregate of csf-gap --by (departments, roles...). */
static int
is_group_record(const char *type, const json_t *rec)
{
	return !strcmp(type, "gap") && !strcmp(kind_of(rec), "group") &&
	    !json_object_get(rec, "directive") && json_is_string(json_object_get(rec, "by"));
}

int
csf_report_is_karte(const char *type, const json_t *rec)
{
	return is_karte_record(type, rec);
}

int
csf_report_is_person(const char *type, const json_t *rec)
{
	return is_person_record(type, rec);
}

int
csf_report_shape_person(const char *type, const struct csf_shape *sh)
{
	int t = type_code(type), k = kind_code(sh->kind);
	return !karte_shape(t, k, sh) && person_shape(t, k, sh);
}

const char *
csf_report_flat_person(const char *type, const csf_flat *rec)
{
	const char *subject = csf_flat_str(rec, "subject");
	if (!subject)
		return NULL;
	/* shape_of's look-ups on a flat record, each only where a shape
	 * reads it (most records lack most of these keys). */
	struct csf_shape sh;
	const char *k = csf_flat_str(rec, "kind");
	sh.kind = k ? k : "";
	int t = type_code(type), kc = kind_code(sh.kind);
	sh.has_directive = csf_flat_has(rec, "directive");
	sh.directive_string = sh.has_directive && csf_flat_str(rec, "directive") != NULL;
	sh.has_directives = t == T_SCORE && kc == K_INDEX && csf_flat_has(rec, "directives");
	sh.class_string = t == T_MATURITY && csf_flat_str(rec, "class") != NULL;
	return karte_shape(t, kc, &sh) || !person_shape(t, kc, &sh) ? NULL : subject;
}

void
csf_report_person_add(struct csf_person *p, const char *type, json_t *rec)
{
	const char *kind = kind_of(rec);
	if (!strcmp(type, "score"))
		json_array_append(!strcmp(kind, "item") ? p->items : p->summaries, rec);
	else if (!strcmp(type, "gap")) {
		if (!strcmp(kind, "item"))
			json_array_append(p->gaps, rec);
		else
			p->gapsum = rec;
	} else if (!strcmp(type, "plan")) {
		if (!strcmp(kind, "step"))
			json_array_append(p->steps, rec);
		else
			p->plansum = rec;
	}
}

/* The row key of a summary: "R03", or "persona:c". */
static void
heat_key(char key[128], const struct csf_heat_entry *e)
{
	snprintf(key, 128, "%s%s", e->is_role ? "" : "persona:", e->id);
}

/* The heat map added up person by person in report order, so that a
 * caller that reads people back one at a time holds only the cells
 * (roles and personas by departments), never the people. Each cell's
 * sum is added in person order, the way the whole list would be. */
struct heat_cell {
	double sum;
	int n;
};
struct heat_key {
	char *key;
	int role;              /* a role's summary named it (roles come first, sorted) */
	size_t persona;        /* 1 + order among personas' first sightings, 0 if none */
	struct heat_cell *cell;   /* by column */
	size_t ncell;
};
struct csf_heat_acc {
	strmap *keys, *cols;   /* -> index + 1 */
	struct heat_key *k;
	size_t nk, npersona;
	char **col;
	size_t ncol;
};

struct csf_heat_acc *
csf_heat_acc_new(void)
{
	struct csf_heat_acc *a = xcalloc(1, sizeof *a);
	a->keys = strmap_new();
	a->cols = strmap_new();
	return a;
}

static size_t
heat_index(strmap *m, const char *key, size_t *n)
{
	int created;
	void **slot = strmap_slot(m, key, &created);
	if (created)
		*slot = (void *)(uintptr_t)++*n;
	return (size_t)(uintptr_t)*slot - 1;
}

void
csf_heat_acc_person(struct csf_heat_acc *a, const struct csf_heat_src *s)
{
	if (!s->dept || s->n == 0)
		return;
	size_t ncol = a->ncol;
	size_t col = heat_index(a->cols, s->dept, &a->ncol);
	if (a->ncol > ncol) {
		a->col = xrealloc(a->col, a->ncol * sizeof *a->col);
		a->col[col] = xstrdup(s->dept);
	}
	for (size_t j = 0; j < s->n; j++) {
		const struct csf_heat_entry *e = &s->e[j];
		if (!e->id)
			continue;
		char key[128];
		heat_key(key, e);
		size_t nk = a->nk;
		size_t ki = heat_index(a->keys, key, &a->nk);
		if (a->nk > nk) {
			a->k = xrealloc(a->k, a->nk * sizeof *a->k);
			memset(&a->k[ki], 0, sizeof a->k[ki]);
			a->k[ki].key = xstrdup(key);
		}
		struct heat_key *hk = &a->k[ki];
		if (e->is_role)
			hk->role = 1;
		else if (!hk->persona)
			hk->persona = ++a->npersona;
		if (isnan(e->cov))
			continue;
		if (hk->ncell <= col) {
			hk->cell = xrealloc(hk->cell, a->ncol * sizeof *hk->cell);
			memset(hk->cell + hk->ncell, 0, (a->ncol - hk->ncell) * sizeof *hk->cell);
			hk->ncell = a->ncol;
		}
		hk->cell[col].sum += e->cov;
		hk->cell[col].n++;
	}
}

static int
heat_key_cmp(const void *x, const void *y)
{
	const struct heat_key *a = *(const struct heat_key *const *)x, *b = *(const struct heat_key *const *)y;
	if (a->role != b->role)
		return a->role ? -1 : 1;
	if (a->role)
		return strcmp(a->key, b->key);
	return (a->persona > b->persona) - (a->persona < b->persona);
}

/* Rows: roles by ID (R01..R13), then personas as first seen; columns:
 * departments as first seen. The accumulator is freed. */
void
csf_heat_acc_end(struct csf_heat_acc *a, struct csf_heat *h)
{
	struct heat_key **order = xcalloc(a->nk + 1, sizeof *order);
	for (size_t k = 0; k < a->nk; k++)
		order[k] = &a->k[k];
	qsort(order, a->nk, sizeof *order, heat_key_cmp);
	h->nrows = a->nk;
	h->ncols = a->ncol;
	h->rowids = xcalloc(h->nrows + 1, sizeof *h->rowids);
	h->rows = xcalloc(h->nrows + 1, sizeof *h->rows);
	h->cols = a->col ? a->col : xcalloc(1, sizeof *h->cols);
	h->v = xcalloc(h->nrows * h->ncols + 1, sizeof *h->v);
	h->n = xcalloc(h->nrows * h->ncols + 1, sizeof *h->n);
	for (size_t k = 0; k < h->nrows; k++) {
		struct heat_key *hk = order[k];
		const char *id = hk->key;
		h->rowids[k] = hk->key;
		if (!strncmp(id, "persona:", 8))
			h->rows[k] = fmt_str(csf_label("persona_n"), id + 8);
		else {
			json_t *role = csf_data_find("role", id);
			const char *name = role ? csf_text(json_object_get(role, "name")) : "";
			size_t n = strlen(id) + strlen(name) + 2;
			h->rows[k] = xmalloc(n);
			snprintf(h->rows[k], n, "%s%s%s", id, *name ? " " : "", name);
		}
		for (size_t c = 0; c < h->ncols; c++) {
			const struct heat_cell *cell = c < hk->ncell ? &hk->cell[c] : NULL;
			h->n[k * h->ncols + c] = cell ? cell->n : 0;
			h->v[k * h->ncols + c] = cell && cell->n ? cell->sum / cell->n : NAN;
		}
		free(hk->cell);
	}
	free(order);
	free(a->k);
	strmap_free(a->keys);
	strmap_free(a->cols);
	free(a);
}

void
csf_heat_build(struct csf_heat *h, const struct csf_heat_src *src, size_t nsrc)
{
	struct csf_heat_acc *a = csf_heat_acc_new();
	for (size_t i = 0; i < nsrc; i++)
		csf_heat_acc_person(a, &src[i]);
	csf_heat_acc_end(a, h);
}

void
csf_heat_entry_of(struct csf_heat_entry *e, const json_t *summary)
{
	e->is_role = !strcmp(kind_of(summary), "role");
	e->id = (char *)csf_str(summary, e->is_role ? "role" : "persona");
	e->cov = num(summary, "coverage");
}

void
csf_heat_src_of(struct csf_heat_src *s, const struct csf_person *p, int copy)
{
	const char *dept = p->profile ? csf_str(p->profile, "department") : NULL;
	s->dept = dept && copy ? xstrdup(dept) : (char *)dept;
	s->n = json_array_size(p->summaries);
	s->e = xcalloc(s->n + 1, sizeof *s->e);
	for (size_t j = 0; j < s->n; j++) {
		struct csf_heat_entry *e = &s->e[j];
		csf_heat_entry_of(e, json_array_get(p->summaries, j));
		if (e->id && copy)
			e->id = xstrdup(e->id);
	}
}

void
csf_heat_src_add(struct csf_heat_src *s, int is_role, const char *id, double cov)
{
	/* Doubling at powers of two: n alone says the room. */
	if ((s->n & (s->n - 1)) == 0)
		s->e = xrealloc(s->e, (s->n ? 2 * s->n : 1) * sizeof *s->e);
	struct csf_heat_entry *e = &s->e[s->n++];
	e->is_role = is_role;
	e->id = id ? xstrdup(id) : NULL;
	e->cov = cov;
}

void
csf_heat_src_free(struct csf_heat_src *s, int copied)
{
	if (copied) {
		free(s->dept);
		for (size_t j = 0; j < s->n; j++)
			free(s->e[j].id);
	}
	free(s->e);
}

/* Mean coverage of each role (and persona) in each department. */
static void
build_heat(struct csf_report *r)
{
	struct csf_heat_src *src = xcalloc(r->nperson + 1, sizeof *src);
	for (size_t i = 0; i < r->nperson; i++)
		csf_heat_src_of(&src[i], &r->person[i], 0);
	csf_heat_build(&r->heat, src, r->nperson);
	for (size_t i = 0; i < r->nperson; i++)
		csf_heat_src_free(&src[i], 0);
	free(src);
}

/* The directives: the model's when the data directory has it, else the
 * ones the records name, in the order they appear. */
static void
build_axes(struct csf_axes *ax, const csf_doc *d)
{
	json_t *ids = json_array();
	json_t *names = json_object();
	json_t *model = csf_data_all("directive");
	size_t i;
	json_t *rec;
	json_array_foreach(model, i, rec) {
		const char *id = csf_str(rec, "id");
		if (id) {
			json_array_append_new(ids, json_string(id));
			json_object_set_new(names, id, json_string(csf_text(json_object_get(rec, "name"))));
		}
	}
	if (json_array_size(ids) == 0) {
		json_t *seen = json_object();
		for (size_t g = 0; g < d->ngroups; g++)
			json_array_foreach(d->groups[g].records, i, rec) {
				const char *id = csf_str(rec, "directive");
				if (id && is_karte_record(d->groups[g].type, rec) && !json_object_get(seen, id)) {
					json_object_set_new(seen, id, json_true());
					json_array_append_new(ids, json_string(id));
				}
			}
		json_decref(seen);
	}
	ax->n = json_array_size(ids);
	ax->ids = xcalloc(ax->n + 1, sizeof *ax->ids);
	ax->nos = xcalloc(ax->n + 1, sizeof *ax->nos);
	ax->names = xcalloc(ax->n + 1, sizeof *ax->names);
	for (i = 0; i < ax->n; i++) {
		const char *id = json_string_value(json_array_get(ids, i));
		ax->ids[i] = xstrdup(id);
		ax->nos[i] = xstrdup(id[0] == 'D' && id[1] ? id + 1 : id);
		const char *name = json_string_value(json_object_get(names, id));
		ax->names[i] = xstrdup(name ? name : "");
	}
	json_decref(ids);
	json_decref(names);
}

static int
axis_of(const struct csf_axes *ax, const char *id)
{
	for (size_t i = 0; id && i < ax->n; i++)
		if (!strcmp(ax->ids[i], id))
			return (int)i;
	return -1;
}

static double *
nan_array(size_t n)
{
	double *v = xmalloc((n ? n : 1) * sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = NAN;
	return v;
}

/* Does the benchmark data hold class rows for this set? */
static int
bench_set_exists(const char *set)
{
	size_t i;
	json_t *b;
	json_array_foreach(csf_data_all("benchmark"), i, b) {
		const char *s = csf_str(b, "set"), *kind = csf_str(b, "kind");
		if (s && kind && !strcmp(s, set) && !strcmp(kind, "class"))
			return 1;
	}
	return 0;
}

/* The rows of the chosen benchmark set: overall, then C, B, A. */
static void
karte_bench(struct csf_karte *k, const struct csf_axes *ax, const char *set)
{
	static const char *order[] = { NULL, "C", "B", "A" };
	json_t *all = csf_data_all("benchmark");
	k->bench_set = set;
	for (size_t o = 0; o < 4; o++) {
		size_t i;
		json_t *b;
		json_array_foreach(all, i, b) {
			const char *s = csf_str(b, "set"), *kind = csf_str(b, "kind");
			if (!s || !kind || strcmp(s, set))
				continue;
			int match = order[o] ? !strcmp(kind, "class") && csf_str(b, "class") &&
			    !strcmp(csf_str(b, "class"), order[o]) : !strcmp(kind, "overall");
			if (!match)
				continue;
			struct csf_bench_row *row = &k->bench[k->nbench++];
			row->cls = order[o];
			row->v = nan_array(ax->n);
			json_t *means = json_object_get(b, "means");
			for (size_t a = 0; a < ax->n; a++)
				row->v[a] = num(means, ax->ids[a]);
			if (!k->bench_version)
				k->bench_version = csf_str(b, "version");
			break;
		}
	}
}

static void
karte_add(struct csf_karte *k, const struct csf_axes *ax, const char *type, json_t *rec)
{
	const char *kind = kind_of(rec);
	int a = axis_of(ax, csf_str(rec, "directive"));
	if (!strcmp(type, "score")) {
		if (!strcmp(kind, "check"))
			json_array_append(k->checks, rec);
		else if (!strcmp(kind, "directive") && a >= 0) {
			double v = num(rec, "display");
			k->own[a] = isnan(v) ? num(rec, "mean") : v;
			k->dev[a] = num(rec, "deviation");
		}
	} else if (!strcmp(type, "maturity")) {
		k->maturity = rec;
	} else if (!strcmp(type, "gap")) {
		if (!strcmp(kind, "maturity")) {
			k->gapsum = rec;
			if (!k->target)
				k->target = csf_str(rec, "target");
		} else if (a >= 0) {
			k->has_gap = 1;
			k->gap[a] = num(rec, "gap");
			k->flag[a] = json_is_true(json_object_get(rec, "flag2")) ? 2 :
			    json_is_true(json_object_get(rec, "flag1")) ? 1 : 0;
			if (!k->target)
				k->target = csf_str(rec, "target");
			const char *set = csf_str(rec, "benchmark");
			if (set && !k->bench_set && bench_set_exists(set)) {
				k->bench_set = set;
				k->bench_version = csf_str(rec, "version");
			}
		}
	} else if (!strcmp(type, "plan")) {
		json_array_append(k->hints, rec);
	}
}

static int
by_rank(const void *x, const void *y)
{
	double a = num(*(json_t *const *)x, "rank"), b = num(*(json_t *const *)y, "rank");
	return isnan(a) || isnan(b) ? 0 : (a > b) - (a < b);
}

/* The element of subject in an array of *n elements of size sz, found by
 * index; a new zeroed one at the end when subject has none (*fresh = 1). */
static void *
slot_of(void **arr, size_t *n, size_t sz, json_t *index, const char *subject, int *fresh)
{
	json_t *ix = json_object_get(index, subject);
	*fresh = !ix;
	if (ix)
		return (char *)*arr + sz * (size_t)json_integer_value(ix);
	*arr = xrealloc(*arr, (*n + 1) * sz);
	void *slot = (char *)*arr + sz * *n;
	memset(slot, 0, sz);
	json_object_set_new(index, subject, json_integer((json_int_t)(*n)++));
	return slot;
}

static struct csf_person *
person_of(struct csf_report *r, json_t *index, const char *subject)
{
	void *arr = r->person;
	int fresh;
	struct csf_person *p = slot_of(&arr, &r->nperson, sizeof *p, index, subject, &fresh);
	r->person = arr;
	if (fresh) {
		p->subject = subject;
		p->summaries = json_array();
		p->items = json_array();
		p->gaps = json_array();
		p->steps = json_array();
	}
	return p;
}

static struct csf_karte *
karte_of(struct csf_report *r, json_t *index, const char *subject)
{
	void *arr = r->karte;
	int fresh;
	struct csf_karte *k = slot_of(&arr, &r->nkarte, sizeof *k, index, subject, &fresh);
	r->karte = arr;
	if (fresh) {
		k->subject = subject;
		k->own = nan_array(r->axes.n);
		k->dev = nan_array(r->axes.n);
		k->gap = nan_array(r->axes.n);
		k->flag = xcalloc(r->axes.n + 1, sizeof *k->flag);
		k->hints = json_array();
		k->checks = json_array();
	}
	return k;
}

/* Benchmark rows and hint order of a finished sheet. */
static void
karte_finish(struct csf_karte *k, const struct csf_axes *ax, const char *first_set)
{
	const char *set = k->bench_set ? k->bench_set : first_set;
	if (!set || !bench_set_exists(set))
		set = "table2.3";
	k->bench_set = NULL;
	k->bench_version = NULL;
	if (bench_set_exists(set))
		karte_bench(k, ax, set);
	size_t n = json_array_size(k->hints);
	json_t **h = xmalloc((n ? n : 1) * sizeof *h);
	for (size_t j = 0; j < n; j++)
		h[j] = json_incref(json_array_get(k->hints, j));
	qsort(h, n, sizeof *h, by_rank);
	json_array_clear(k->hints);
	for (size_t j = 0; j < n; j++)
		json_array_append_new(k->hints, h[j]);
	free(h);
}

struct csf_report *
csf_report_build(const csf_doc *d)
{
	struct csf_report *r = xcalloc(1, sizeof *r);
	build_axes(&r->axes, d);
	r->rest = csf_doc_new();
	r->groups = json_array();
	json_t *kindex = json_object(), *pindex = json_object();
	size_t i;
	json_t *rec;

	for (size_t g = 0; g < d->ngroups; g++) {
		const char *type = d->groups[g].type;
		json_array_foreach(d->groups[g].records, i, rec) {
			const char *subject = csf_str(rec, "subject");
			if (subject && r->axes.n && is_karte_record(type, rec))
				karte_add(karte_of(r, kindex, subject), &r->axes, type, rec);
			else if (subject && is_person_record(type, rec))
				csf_report_person_add(person_of(r, pindex, subject), type, rec);
			else if (is_group_record(type, rec))
				json_array_append(r->groups, rec);
		}
	}
	const char *first_set = NULL;
	for (size_t k = 0; k < r->nkarte && !first_set; k++)
		first_set = r->karte[k].bench_set;
	for (size_t k = 0; k < r->nkarte; k++)
		karte_finish(&r->karte[k], &r->axes, first_set);
	/* Profiles say a subject's department, roles and industry; the records
	 * no section shows are kept for plain tables. */
	for (size_t g = 0; g < d->ngroups; g++) {
		const char *type = d->groups[g].type;
		json_array_foreach(d->groups[g].records, i, rec) {
			const char *subject = csf_str(rec, "subject");
			int shown = (subject && r->axes.n && is_karte_record(type, rec)) ||
			    (subject && is_person_record(type, rec)) || is_group_record(type, rec);
			if (!shown && subject && !strcmp(type, "profile")) {
				json_t *ix = json_object_get(kindex, subject);
				if (ix && !r->karte[json_integer_value(ix)].profile) {
					r->karte[json_integer_value(ix)].profile = rec;
					shown = 1;
				}
				ix = json_object_get(pindex, subject);
				if (ix && !r->person[json_integer_value(ix)].profile) {
					r->person[json_integer_value(ix)].profile = rec;
					shown = 1;
				}
			}
			if (!shown) {
				csf_doc_add(r->rest, type, json_incref(rec));
				r->nrest++;
			}
		}
	}
	csf_doc_columns(r->rest, NULL);
	build_heat(r);
	json_decref(kindex);
	json_decref(pindex);
	return r;
}

void
csf_heat_free(struct csf_heat *h)
{
	for (size_t i = 0; i < h->nrows; i++) {
		free(h->rowids[i]);
		free(h->rows[i]);
	}
	for (size_t i = 0; i < h->ncols; i++)
		free(h->cols[i]);
	free(h->rowids);
	free(h->rows);
	free(h->cols);
	free(h->v);
	free(h->n);
	memset(h, 0, sizeof *h);
}

void
csf_report_free(struct csf_report *r)
{
	if (!r)
		return;
	for (size_t k = 0; k < r->nkarte; k++) {
		struct csf_karte *kt = &r->karte[k];
		free(kt->own);
		free(kt->dev);
		free(kt->gap);
		free(kt->flag);
		for (size_t b = 0; b < kt->nbench; b++)
			free(kt->bench[b].v);
		json_decref(kt->hints);
		json_decref(kt->checks);
	}
	free(r->karte);
	for (size_t i = 0; i < r->nperson; i++) {
		struct csf_person *p = &r->person[i];
		json_decref(p->summaries);
		json_decref(p->items);
		json_decref(p->gaps);
		json_decref(p->steps);
	}
	free(r->person);
	json_decref(r->groups);
	csf_heat_free(&r->heat);
	for (size_t i = 0; i < r->axes.n; i++) {
		free(r->axes.ids[i]);
		free(r->axes.nos[i]);
		free(r->axes.names[i]);
	}
	free(r->axes.ids);
	free(r->axes.nos);
	free(r->axes.names);
	csf_doc_free(r->rest);
	free(r);
}

/* ---- what a result sheet says besides its numbers, in every format ---- */

char *
csf_karte_cohort(const struct csf_karte *k)
{
	json_t *cohort = k->maturity ? json_object_get(k->maturity, "cohort") : NULL;
	if (!json_is_object(cohort))
		return NULL;
	const char *by = csf_str(cohort, "by"), *grp = csf_str(cohort, "group"), *word = csf_label("cohort");
	char n[32];
	snprintf(n, sizeof n, "%lld", (long long)json_integer_value(json_object_get(cohort, "n")));
	size_t len = strlen(word) + (by ? strlen(by) : 0) + (grp ? strlen(grp) : 0) + strlen(n) + 8;
	char *s = xmalloc(len);
	snprintf(s, len, "%s %s=%s, n=%s", word, by ? by : "", grp ? grp : "", n);
	return s;
}

char *
csf_karte_deviation(const struct csf_karte *k)
{
	char *cohort = csf_karte_cohort(k);
	if (!cohort)
		return NULL;
	json_t *dv = json_object_get(k->maturity, "deviation");
	char num[32];
	const char *value = csf_label("suppressed");
	if (json_is_number(dv)) {
		snprintf(num, sizeof num, "%.1f", csf_round(json_number_value(dv), 1));
		value = num;
	}
	size_t len = strlen(value) + strlen(cohort) + 4;
	char *s = xmalloc(len);
	snprintf(s, len, "%s (%s)", value, cohort);
	free(cohort);
	return s;
}

const char *
csf_karte_generation(const struct csf_karte *k)
{
	const char *gen = k->maturity ? csf_str(k->maturity, "generation") : NULL;
	if (!gen)
		return NULL;
	json_t *g = csf_data_find("generation", gen);
	return g ? csf_text(json_object_get(g, "name")) : gen;
}

void
csf_karte_scale(int *lo, int *hi)
{
	if (!csf_check_scale(lo, hi))
		*lo = 1, *hi = 5;
}

int
csf_check_has_who(const json_t *c)
{
	return json_is_string(json_object_get(c, "assessor")) || json_is_string(json_object_get(c, "evidence"));
}

void
csf_karte_who(struct csf_who *w, const struct csf_karte *k)
{
	memset(w, 0, sizeof *w);
	size_t i;
	json_t *c;
	json_array_foreach(k->checks, i, c)
		w->n += csf_check_has_who(c) != 0;
	w->cells = xcalloc(w->n * CSF_WHO_COLS + 1, sizeof *w->cells);
	char **row = w->cells;
	json_array_foreach(k->checks, i, c) {
		if (!csf_check_has_who(c))
			continue;
		static const char *const keys[CSF_WHO_COLS] = { "item", NULL, "assessor", "evidence", "date" };
		for (int col = 0; col < CSF_WHO_COLS; col++) {
			json_t *v = keys[col] ? json_object_get(c, keys[col]) : json_object_get(c, "level");
			char num[32] = "";
			if (!keys[col] && json_is_number(v))
				snprintf(num, sizeof num, "%.1f", csf_round(json_number_value(v), 1));
			row[col] = xstrdup(keys[col] ? (json_is_string(v) ? json_string_value(v) : "") : num);
		}
		w->dated |= *row[4] != '\0';
		row += CSF_WHO_COLS;
	}
}

void
csf_who_free(struct csf_who *w)
{
	for (size_t i = 0; i < w->n * CSF_WHO_COLS; i++)
		free(w->cells[i]);
	free(w->cells);
	memset(w, 0, sizeof *w);
}

void
csf_report_radar(FILE *f, const struct csf_karte *k, const struct csf_axes *ax, const struct csf_svg_notes *notes)
{
	static const char *colours[] = { "#757575", "#ef6c00", "#1565c0", "#2e7d32" };
	struct csf_series s[5];
	char *names[5] = { NULL };
	size_t ns = 0;
	for (size_t b = 0; b < k->nbench; b++) {
		const struct csf_bench_row *row = &k->bench[b];
		names[ns] = row->cls ? fmt_str(csf_label("class_mean"), row->cls)
		    : xstrdup(csf_label("overall"));
		s[ns].name = names[ns];
		s[ns].v = row->v;
		s[ns].colour = colours[!row->cls ? 0 : !strcmp(row->cls, "C") ? 1 : !strcmp(row->cls, "B") ? 2 : 3];
		s[ns].emphasis = 0;
		ns++;
	}
	s[ns].name = k->subject;
	s[ns].v = k->own;
	s[ns].colour = "#c62828";
	s[ns].emphasis = 1;
	ns++;
	char **labels = xcalloc(ax->n + 1, sizeof *labels);
	for (size_t a = 0; a < ax->n; a++)
		labels[a] = fmt_str(csf_label("dir_short"), ax->nos[a]);
	char *title = fmt_str("%s", csf_label("radar"));
	int lo, hi;
	csf_karte_scale(&lo, &hi);
	struct csf_radar r = { title, ax->n, (const char *const *)labels, 0, hi, s, ns, notes };
	csf_svg_radar(f, &r, notes != NULL);
	for (size_t a = 0; a < ax->n; a++)
		free(labels[a]);
	free(labels);
	free(title);
	for (size_t i = 0; i < 5; i++)
		free(names[i]);
}

void
csf_report_heatmap(FILE *f, const struct csf_heat *h, int standalone)
{
	struct csf_heatmap m = { csf_label("heat_title"), h->nrows, h->ncols,
	    (const char *const *)h->rows, (const char *const *)h->cols, h->v, 0, 100, 0 };
	csf_svg_heatmap(f, &m, standalone);
}

/* "T006 ユーザーアカウント…": the ID and the item's short text, with its
 * width and as the chart writes it, made once per item for the whole run
 * (every person's chart has the same items). */
struct bar_label {
	char *label, *marked;
	size_t width;
};

static const struct bar_label *
bar_label(const char *item)
{
	static strmap *made;
	static struct csf_idcache recent;
	if (!item)
		item = "?";
	uint64_t w;
	unsigned at;
	int cached = csf_idcache_word(item, &w, &at);
	if (cached && recent.key[at] == w)
		return recent.val[at];
	if (!made)
		made = strmap_new();
	int created;
	void **slot = strmap_slot(made, item, &created);
	if (created) {
		struct bar_label *l = xmalloc(sizeof *l);
		char *text = csf_short(csf_name_of("item", item), 22);
		size_t ln = strlen(text) + strlen(item) + 2;
		l->label = xmalloc(ln);
		snprintf(l->label, ln, "%s%s%s", item, *text ? " " : "", text);
		free(text);
		l->marked = csf_svg_bar_label(l->label, &l->width);
		*slot = l;
	}
	if (cached) {
		recent.key[at] = w;
		recent.val[at] = *slot;
	}
	return *slot;
}

/* Bars of n items (IDs, NULL where missing) at levels v against targets t. */
static void
bars_draw(csf_buf *out, const char *name, size_t n, const char **items, double *v, double *t, int standalone)
{
	const char **labels = xcalloc(n + 1, sizeof *labels), **marked = xcalloc(n + 1, sizeof *marked);
	size_t *widths = xcalloc(n + 1, sizeof *widths);
	double hi = 4;
	for (size_t i = 0; i < n; i++) {
		const struct bar_label *l = bar_label(items[i]);
		labels[i] = l->label;
		marked[i] = l->marked;
		widths[i] = l->width;
		/* The scale grows for levels past 4, up to 10; bars past it are cut. */
		if (v[i] > hi)
			hi = v[i] > 10 ? 10 : v[i];
		if (t[i] > hi)
			hi = t[i] > 10 ? 10 : t[i];
	}
	char *title = csf_labelf("bars_title", name);
	struct csf_bars b = { title, n, labels, v, t, 0, ceil(hi), NULL, widths, marked };
	csf_svg_bars_buf(out, &b, standalone);
	free(labels);
	free(marked);
	free(widths);
	free(title);
}

int
csf_report_bars(FILE *f, const struct csf_person *p, int standalone)
{
	/* Item scores when the stream has them, else the gap records (which
	 * carry current and target too). */
	const json_t *src = json_array_size(p->items) ? p->items : p->gaps;
	size_t n = json_array_size(src);
	if (n == 0)
		return 0;
	const char **items = xcalloc(n + 1, sizeof *items);
	double *v = xmalloc((n + 1) * sizeof *v), *t = xmalloc((n + 1) * sizeof *t);
	for (size_t i = 0; i < n; i++) {
		json_t *rec = json_array_get(src, i);
		items[i] = csf_str(rec, "item");
		v[i] = num(rec, "current");
		t[i] = num(rec, "target");
	}
	csf_buf out = { 0 };
	bars_draw(&out, csf_person_name(p), n, items, v, t, standalone);
	csf_buf_write(&out, f);
	csf_buf_free(&out);
	free(items);
	free(v);
	free(t);
	return 1;
}

int
csf_report_flat_bars_buf(csf_buf *out, const struct csf_flat_person *p, int standalone)
{
	const struct csf_flat_list *src = p->items.n ? &p->items : &p->gaps;
	size_t n = src->n;
	if (n == 0)
		return 0;
	const char **items = xcalloc(n + 1, sizeof *items);
	double *v = xmalloc((n + 1) * sizeof *v), *t = xmalloc((n + 1) * sizeof *t);
	for (size_t i = 0; i < n; i++) {
		items[i] = csf_flat_str(src->v[i], "item");
		v[i] = flat_num(src->v[i], "current");
		t[i] = flat_num(src->v[i], "target");
	}
	bars_draw(out, csf_flat_person_name(p), n, items, v, t, standalone);
	free(items);
	free(v);
	free(t);
	return 1;
}
