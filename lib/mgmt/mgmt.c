/* mgmt.c - the management-maturity model as loaded from mgmt.ndjson
 * (directives, check items, hints), the benchmark sets, and the helpers
 * every management stage shares. Answers become scores in mgmt_assess.c,
 * scores gaps in mgmt_gap.c, gaps hints in mgmt_plan.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/fields.h"
#include "core/records.h"
#include "mgmt/mgmt.h"

/* ---------------------------------------------------------------- model */

static struct mgmt_model M;
static json_t *ids;   /* "c:1-1" / "d:D1" -> index */

static int
by_no(const void *a, const void *b)
{
	const struct mgmt_directive *x = a, *y = b;
	return (x->no > y->no) - (x->no < y->no);
}

const struct mgmt_model *
mgmt_model(void)
{
	if (M.dir)
		return &M;
	/* One generation per data directory: its checks, directives and scale
	 * are all data, so a later check set is a data file, not code. */
	const json_t *gen = csf_check_generation(&M.scale_min, &M.scale_max);
	M.generation = csf_str(gen, "id");
	json_t *dirs = csf_data_all("directive");
	size_t nd = json_array_size(dirs);
	if (nd == 0)
		csf_die(1, "%s/mgmt.ndjson: no directive records", csf_datadir());
	ids = json_object();
	M.dir = xcalloc(nd, sizeof *M.dir);
	for (size_t i = 0; i < nd; i++) {
		json_t *d = json_array_get(dirs, i);
		M.dir[i].rec = d;
		M.dir[i].id = csf_str(d, "id");
		M.dir[i].no = (int)json_integer_value(json_object_get(d, "no"));
		if (!M.dir[i].id || M.dir[i].no <= 0)
			csf_die(1, "%s/mgmt.ndjson: directive without id or no", csf_datadir());
	}
	qsort(M.dir, nd, sizeof *M.dir, by_no);
	M.ndir = (int)nd;
	size_t total = 0;
	for (int i = 0; i < M.ndir; i++)
		total += json_array_size(json_object_get(M.dir[i].rec, "checks"));
	M.check = xcalloc(total, sizeof *M.check);
	char key[64];
	for (int i = 0; i < M.ndir; i++) {
		json_t *list = json_object_get(M.dir[i].rec, "checks");
		M.dir[i].first = M.ncheck;
		M.dir[i].nchecks = (int)json_array_size(list);
		snprintf(key, sizeof key, "d:%s", M.dir[i].id);
		json_object_set_new(ids, key, json_integer(i));
		for (size_t j = 0; j < json_array_size(list); j++) {
			const char *cid = json_string_value(json_array_get(list, j));
			json_t *c = csf_data_find("check", cid);
			const char *cd = csf_str(c, "directive");
			if (!c || !cd || strcmp(cd, M.dir[i].id))
				csf_die(1, "%s/mgmt.ndjson: directive %s lists check %s, which does not point back",
				        csf_datadir(), M.dir[i].id, cid ? cid : "?");
			M.check[M.ncheck].id = csf_str(c, "id");
			M.check[M.ncheck].directive = i;
			M.check[M.ncheck].rec = c;
			snprintf(key, sizeof key, "c:%s", cid);
			json_object_set_new(ids, key, json_integer(M.ncheck));
			M.ncheck++;
		}
	}
	return &M;
}

static int
lookup(char prefix, const char *id)
{
	if (!id || strlen(id) > 32)
		return -1;
	mgmt_model();
	char key[40];
	snprintf(key, sizeof key, "%c:%s", prefix, id);
	json_t *v = json_object_get(ids, key);
	return v ? (int)json_integer_value(v) : -1;
}

int mgmt_check_index(const char *id) { return lookup('c', id); }
int mgmt_directive_index(const char *id) { return lookup('d', id); }

json_t *
mgmt_hint(const char *id)
{
	json_t *h = csf_data_find("hint", id);
	if (!h)
		csf_die(1, "%s/mgmt.ndjson: no hint \"%s\"", csf_datadir(), id);
	return h;
}

/* -------------------------------------------------------------- benchmark */

json_t *
mgmt_bench_row(const char *set, const char *row)
{
	json_t *all = csf_data_all("benchmark"), *r;
	size_t i;
	json_array_foreach(all, i, r) {
		const char *s = csf_str(r, "set"), *w = csf_str(r, "row");
		if (s && w && !strcmp(s, set) && !strcmp(w, row))
			return r;
	}
	return NULL;
}

int
mgmt_bench_has(const char *set, int want_companies)
{
	/* From the records' text: every tool checks this at start. */
	size_t n = csf_data_count("benchmark"), len;
	for (size_t i = 0; i < n; i++) {
		const char *text = csf_data_text("benchmark", i, &len);
		csf_field f[2] = { { "set", NULL, 0 }, { "kind", NULL, 0 } };
		char s[128], k[16];
		if (csf_data_fields(text, len, f, 2) < 0 || csf_field_str(&f[0], s, sizeof s) < 0
		    || csf_field_str(&f[1], k, sizeof k) < 0 || strcmp(s, set))
			continue;
		if (want_companies ? !strcmp(k, "company") : !strcmp(k, "class"))
			return 1;
	}
	return 0;
}

const char *
mgmt_bench_version(const char *set)
{
	json_t *all = csf_data_all("benchmark"), *r;
	size_t i;
	json_array_foreach(all, i, r) {
		const char *s = csf_str(r, "set"), *v = csf_str(r, "version");
		if (s && v && !strcmp(s, set))
			return v;
	}
	return "";
}

const char *
mgmt_industry(const char *set, const char *name, int *manufacturing)
{
	json_t *all = csf_data_all("benchmark"), *r;
	size_t i;
	if (!name)
		return NULL;
	json_array_foreach(all, i, r) {
		const char *s = csf_str(r, "set");
		json_t *ind = json_object_get(r, "industry");
		const char *id = csf_str(ind, "id");
		if (!s || strcmp(s, set) || !id)
			continue;
		const char *ja = csf_str(ind, "ja"), *en = csf_str(ind, "en");
		if (!strcmp(id, name) || (ja && !strcmp(ja, name)) || (en && !strcmp(en, name))) {
			if (manufacturing)
				*manufacturing = json_is_true(json_object_get(r, "manufacturing"));
			return id;
		}
	}
	return NULL;
}

/* ---------------------------------------------------------------- helpers */

/* "subject\037date", the key of one assessment (caller frees). */
static char *
held_key(const char *subject, const char *date)
{
	size_t a = strlen(subject), b = date ? strlen(date) : 0;
	char *k = xmalloc(a + b + 2);
	memcpy(k, subject, a);
	k[a] = '\037';
	memcpy(k + a + 1, date ? date : "", b);
	k[a + 1 + b] = '\0';
	return k;
}

void *
mgmt_held_get(struct mgmt_held *h, const char *subject, const char *date)
{
	char *key = held_key(subject, date);
	json_t *v = json_object_get(h->index, key);
	free(key);
	return v ? h->slot[json_integer_value(v)] : NULL;
}

void
mgmt_held_add(struct mgmt_held *h, const char *subject, const char *date, void *state)
{
	if (!h->index)
		h->index = json_object();
	int s = 0;
	while (s < h->nslot && h->slot[s])
		s++;
	if (s == h->nslot)
		h->slot = xrealloc(h->slot, (size_t)++h->nslot * sizeof *h->slot);
	h->slot[s] = state;
	char *key = held_key(subject, date);
	json_object_set_new(h->index, key, json_integer(s));
	free(key);
}

void *
mgmt_held_take(struct mgmt_held *h, const char *subject, const char *date)
{
	char *key = held_key(subject, date);
	json_t *v = json_object_get(h->index, key);
	void *state = NULL;
	if (v) {
		json_int_t s = json_integer_value(v);
		state = h->slot[s];
		h->slot[s] = NULL;
		json_object_del(h->index, key);
	}
	free(key);
	return state;
}

void
mgmt_held_clear(struct mgmt_held *h, void (*free_state)(void *))
{
	for (int s = 0; s < h->nslot; s++)
		if (h->slot[s])
			free_state(h->slot[s]);
	free(h->slot);
	json_decref(h->index);
	*h = (struct mgmt_held){ NULL, NULL, 0 };
}

int
mgmt_tenths(double x)
{
	if (!(x > -1e6 && x < 1e6))  /* callers range-check; this keeps lround defined */
		return 0;
	return (int)lround(csf_round(x, 1) * 10);
}

double
mgmt_unround(double shown, int n)
{
	int want = mgmt_tenths(shown), found = -1;
	if (n <= 0 || n > 1000)
		return shown;
	const struct mgmt_model *m = mgmt_model();
	for (int k = m->scale_min * n; k <= m->scale_max * n; k++)
		if (mgmt_tenths((double)k / n) == want) {
			if (found >= 0)
				return shown;  /* ambiguous: keep what is printed */
			found = k;
		}
	return found < 0 ? shown : (double)found / n;
}

json_t *
mgmt_record(const char *type, const char *kind, const char *subject, const char *date)
{
	json_t *o = json_object();
	json_object_set_new(o, "type", json_string(type));
	if (kind)
		json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "subject", json_string(subject));
	if (date && *date)
		json_object_set_new(o, "date", json_string(date));
	return o;
}

void
mgmt_emit(json_t *o)
{
	json_object_set_new(o, "generation", json_string(mgmt_model()->generation));
	csf_emit_new(o);
}

int
mgmt_same_generation(csf_input *in, const csf_line *ln, json_t *rec)
{
	json_t *g = json_object_get(rec, "generation");
	const char *want = mgmt_model()->generation;
	if (!g || json_is_null(g) || (json_is_string(g) && !strcmp(json_string_value(g), want)))
		return 1;
	csf_input_bad(in, ln, "record is of generation '%s'; the data directory holds '%s'",
	              json_is_string(g) ? json_string_value(g) : "?", want);
	return 0;
}
