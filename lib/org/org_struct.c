/* org_struct.c - one organisation's structure as its records say it:
 * units, assignments of tasks to units, the "org" profile. Each record is
 * checked as it comes, so an error names its own line: a unit defined
 * twice, an assignment to a unit not defined before it or to an unknown
 * task, an unknown mode, a supervisor that is not an in-house unit. */
#include <stdlib.h>
#include <string.h>

#include "org/org.h"
#include "org/org_int.h"
#include "core/subjects.h"

struct org *
org_struct_new(const char *subject)
{
	struct org *o = xcalloc(1, sizeof *o);
	o->subject = xstrdup(subject);
	o->scope = json_object();
	return o;
}

void
org_struct_free(struct org *o)
{
	if (!o)
		return;
	for (int i = 0; i < o->nunit; i++) {
		free(o->unit[i].id);
		json_decref(o->unit[i].rec);
	}
	for (int i = 0; i < o->nasg; i++) {
		free(o->asg[i].task);
		free(o->asg[i].unit);
		free(o->asg[i].supervisor);
	}
	free(o->unit);
	free(o->asg);
	json_decref(o->profile);
	json_decref(o->scope);
	free(o->subject);
	free(o);
}

int
org_unit_index(const struct org *o, const char *id)
{
	for (int i = 0; i < o->nunit; i++)
		if (strcmp(o->unit[i].id, id) == 0)
			return i;
	return -1;
}

int
org_is_struct_type(const char *type)
{
	return strcmp(type, "unit") == 0 || strcmp(type, "assignment") == 0 || strcmp(type, "org") == 0;
}

/* Unit kinds, and the performer kind (org_perf_name) each counts as. */
static const struct { const char *kind; int in_house, perf; } kinds[] = {
	{ "executive", 1, 1 }, { "audit", 1, 1 }, { "security", 1, 1 }, { "committee", 1, 1 },
	{ "is", 1, 0 }, { "dept", 1, 1 }, { "subsidiary", 0, 2 }, { "vendor", 0, 3 },
	{ "security_vendor", 0, 4 },
};

static const char *const domains[] = { "it", "ot", "products", "services" };

static int
add_unit(struct org *o, csf_input *in, const csf_line *ln, json_t *rec)
{
	const char *id = csf_str(rec, "id");
	if (!id || !*id)
		return (csf_input_bad(in, ln, "unit needs a string \"id\""), 0);
	if (org_unit_index(o, id) >= 0)
		return (csf_input_bad(in, ln, "unit \"%s\" is defined twice in \"%s\"", id, o->subject), 0);
	const char *kind = csf_str(rec, "kind");
	int k = -1;
	if (kind) {
		for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
			if (strcmp(kinds[i].kind, kind) == 0)
				k = (int)i;
		if (k < 0)
			return (csf_input_bad(in, ln, "unit \"%s\": unknown kind \"%s\"", id, kind), 0);
	} else if (json_object_get(rec, "kind")) {
		return (csf_input_bad(in, ln, "unit \"%s\": \"kind\" must be a string", id), 0);
	}
	json_t *ih = json_object_get(rec, "in_house");
	if (ih && !json_is_boolean(ih))
		return (csf_input_bad(in, ln, "unit \"%s\": \"in_house\" must be true or false", id), 0);
	const char *layer = csf_str(rec, "layer");
	if (layer && strcmp(layer, "executive") && strcmp(layer, "strategic") && strcmp(layer, "practitioner"))
		return (csf_input_bad(in, ln, "unit \"%s\": unknown layer \"%s\"", id, layer), 0);
	json_t *pp = json_object_get(rec, "people");
	if (pp && (!json_is_integer(pp) || json_integer_value(pp) < 0 || json_integer_value(pp) > 1000000))
		return (csf_input_bad(in, ln, "unit \"%s\": \"people\" must be a count", id), 0);
	const char *parent = csf_str(rec, "parent");
	if (parent && org_unit_index(o, parent) < 0)
		return (csf_input_bad(in, ln, "unit \"%s\": parent \"%s\" is not a unit defined before it", id, parent), 0);
	if (o->nunit == o->capunit) {
		o->capunit = o->capunit ? 2 * o->capunit : 8;
		o->unit = xrealloc(o->unit, o->capunit * sizeof *o->unit);
	}
	struct org_unit *u = &o->unit[o->nunit++];
	u->id = xstrdup(id);
	u->rec = json_incref(rec);
	u->in_house = ih ? json_is_true(ih) : (k >= 0 ? kinds[k].in_house : 1);
	u->perf = k >= 0 ? kinds[k].perf : (u->in_house ? 1 : 3);
	u->people = pp ? (long)json_integer_value(pp) : 0;
	return 1;
}

int
org_struct_add_asg(struct org *o, csf_input *in, const csf_line *ln, const char *task, const char *unit,
                   const char *mode, const char *sup, int authority, const char *phase, unsigned covers)
{
	if (!task)
		return (csf_input_bad(in, ln, "assignment needs a string \"task\""), 0);
	if (!org_task_record(task))
		return (csf_input_bad(in, ln, "unknown task \"%s\" (want a function F01-F44, an ITSS+ area ITSS01-ITSS17, a task T001.. or an example task X01..)", task), 0);
	if (!unit)
		return (csf_input_bad(in, ln, "assignment of %s needs a string \"unit\"", task), 0);
	int u = org_unit_index(o, unit);
	if (u < 0)
		return (csf_input_bad(in, ln, "unknown unit \"%s\" (units must be defined before the assignments naming them in \"%s\")", unit, o->subject), 0);
	int m = org_mode_parse(mode);
	if (m == ORG_NONE)
		return (csf_input_bad(in, ln, "unknown mode \"%s\" (want own, support or outsource)", mode ? mode : "(none)"), 0);
	if (sup) {
		int s = org_unit_index(o, sup);
		if (s < 0)
			return (csf_input_bad(in, ln, "unknown supervisor unit \"%s\" in \"%s\"", sup, o->subject), 0);
		if (!o->unit[s].in_house)
			return (csf_input_bad(in, ln, "supervisor \"%s\" is not an in-house unit (a vendor or subsidiary cannot supervise %s)", sup, task), 0);
	}
	if (phase && strcmp(phase, "normal") && strcmp(phase, "incident"))
		return (csf_input_bad(in, ln, "unknown phase \"%s\" (want normal or incident)", phase), 0);
	if (o->nasg == o->capasg) {
		o->capasg = o->capasg ? 2 * o->capasg : 16;
		o->asg = xrealloc(o->asg, o->capasg * sizeof *o->asg);
	}
	struct org_asg *a = &o->asg[o->nasg++];
	a->task = xstrdup(task);
	a->unit = xstrdup(unit);
	a->supervisor = sup ? xstrdup(sup) : NULL;
	a->mode = m;
	a->authority = authority;
	a->incident = phase && strcmp(phase, "incident") == 0;
	a->covers = covers;
	a->u = u;
	json_object_set_new(o->scope, task, json_true());
	return 1;
}

static int
add_assignment(struct org *o, csf_input *in, const csf_line *ln, json_t *rec)
{
	json_t *sv = json_object_get(rec, "supervisor");
	if (sv && !json_is_null(sv) && !json_is_string(sv))
		return (csf_input_bad(in, ln, "\"supervisor\" must be a unit ID"), 0);
	json_t *au = json_object_get(rec, "authority");
	if (au && !json_is_boolean(au))
		return (csf_input_bad(in, ln, "\"authority\" must be true or false"), 0);
	json_t *ph = json_object_get(rec, "phase");
	if (ph && !json_is_string(ph))
		return (csf_input_bad(in, ln, "unknown phase \"%s\" (want normal or incident)", "(not a string)"), 0);
	unsigned covers = 0;
	json_t *cv = json_object_get(rec, "covers"), *c;
	size_t i;
	if (cv && !json_is_array(cv))
		return (csf_input_bad(in, ln, "\"covers\" must be an array of it, ot, products, services"), 0);
	json_array_foreach(cv, i, c) {
		unsigned bit = 0;
		for (int d = 0; d < 4; d++)
			if (json_is_string(c) && strcmp(json_string_value(c), domains[d]) == 0)
				bit = 1u << d;
		if (!bit)
			return (csf_input_bad(in, ln, "unknown domain \"%s\" in \"covers\" (want it, ot, products, services)",
			           json_is_string(c) ? json_string_value(c) : "(not a string)"), 0);
		covers |= bit;
	}
	return org_struct_add_asg(o, in, ln, csf_str(rec, "task"), csf_str(rec, "unit"), csf_str(rec, "mode"),
	                          json_string_value(sv), au ? json_is_true(au) : -1, json_string_value(ph),
	                          cv ? covers : ORG_DOM_IT);
}

static int
add_profile(struct org *o, csf_input *in, const csf_line *ln, json_t *rec)
{
	if (o->profile)
		return (csf_input_bad(in, ln, "a second \"org\" record for \"%s\"", o->subject), 0);
	static const char *const flags[] = { "sells_connected_products", "digital_services", "factories", "group_companies" };
	for (size_t i = 0; i < sizeof flags / sizeof *flags; i++) {
		json_t *v = json_object_get(rec, flags[i]);
		if (v && !json_is_boolean(v))
			return (csf_input_bad(in, ln, "\"%s\" must be true or false", flags[i]), 0);
	}
	json_t *g = json_object_get(rec, "governance");
	if (g) {
		static const struct { const char *key, *allowed[5]; } gv[] = {
			{ "form", { "specialist", "committee" } },
			{ "control", { "central", "federated" } },
			{ "placement", { "independent", "admin", "is", "committee" } },
		};
		if (!json_is_object(g))
			return (csf_input_bad(in, ln, "\"governance\" must be an object"), 0);
		for (size_t i = 0; i < sizeof gv / sizeof *gv; i++) {
			json_t *v = json_object_get(g, gv[i].key);
			if (!v)
				continue;
			int ok = 0;
			for (int j = 0; gv[i].allowed[j]; j++)
				ok |= json_is_string(v) && strcmp(json_string_value(v), gv[i].allowed[j]) == 0;
			if (!ok)
				return (csf_input_bad(in, ln, "governance.%s: \"%s\" is not allowed (see csf-org(7))", gv[i].key,
				           json_is_string(v) ? json_string_value(v) : "(not a string)"), 0);
		}
	}
	json_t *sc = json_object_get(rec, "scope"), *t;
	size_t i;
	if (sc && !json_is_array(sc))
		return (csf_input_bad(in, ln, "\"scope\" must be an array of task IDs"), 0);
	json_array_foreach(sc, i, t)
		if (!json_is_string(t) || !org_task_record(json_string_value(t)))
			return (csf_input_bad(in, ln, "scope: unknown task \"%s\"", json_is_string(t) ? json_string_value(t) : "(not a string)"), 0);
	json_array_foreach(sc, i, t)
		json_object_set_new(o->scope, json_string_value(t), json_true());
	o->profile = json_incref(rec);
	return 1;
}

int
org_struct_add(struct org *o, csf_input *in, const csf_line *ln, json_t *rec)
{
	const char *type = csf_str(rec, "type");
	if (strcmp(type, "unit") == 0)
		return add_unit(o, in, ln, rec);
	if (strcmp(type, "assignment") == 0)
		return add_assignment(o, in, ln, rec);
	return add_profile(o, in, ln, rec);
}

int
org_asg_outsourced(const struct org *o, const struct org_asg *a)
{
	return a->mode == ORG_OUTSOURCE || (a->mode == ORG_OWN && !o->unit[a->u].in_house);
}

int
org_task_mode(const struct org *o, const char *task, int *perf)
{
	return org_task_mode_of(o, task, NULL, o->nasg, perf);
}

int
org_task_mode_of(const struct org *o, const char *task, const int *idx, int n, int *perf)
{
	/* rank: own in-house 0, outsourced 1, support 2 */
	int best = 3, bp = ORG_NPERF - 1;
	for (int k = 0; k < n; k++) {
		const struct org_asg *a = &o->asg[idx ? idx[k] : k];
		if (strcmp(a->task, task) != 0)
			continue;
		int r = org_asg_outsourced(o, a) ? 1 : a->mode == ORG_OWN ? 0 : 2;
		if (r < best) {
			best = r;
			bp = o->unit[a->u].perf;
		}
	}
	if (perf)
		*perf = bp;
	return best == 0 ? ORG_OWN : best == 1 ? ORG_OUTSOURCE : best == 2 ? ORG_SUPPORT : ORG_NONE;
}

int *
org_asg_by_task(const struct org *o, int **start)
{
	size_t nt = json_object_size(o->scope);
	json_t *pos = json_object();
	const char *task;
	json_t *v;
	size_t i = 0;
	json_object_foreach(o->scope, task, v)
		json_object_set_new(pos, task, json_integer((json_int_t)i++));
	int *count = xcalloc(nt + 1, sizeof *count), *slot = xmalloc((nt + 1) * sizeof *slot);
	int *of = xmalloc(((size_t)o->nasg + 1) * sizeof *of);
	for (int k = 0; k < o->nasg; k++) {
		of[k] = (int)json_integer_value(json_object_get(pos, o->asg[k].task));
		count[of[k] + 1]++;
	}
	for (size_t t = 0; t < nt; t++)
		count[t + 1] += count[t];
	memcpy(slot, count, (nt + 1) * sizeof *slot);
	int *idx = xmalloc(((size_t)o->nasg + 1) * sizeof *idx);
	for (int k = 0; k < o->nasg; k++)
		idx[slot[of[k]]++] = k;
	free(slot);
	free(of);
	json_decref(pos);
	*start = count;
	return idx;
}

/* ---- the reader: records to per-subject structures ---- */
struct org_reader {
	subjects *subj;
	org_close_fn close;
	void *ctx;
};

static void *
r_open(void *ctx, const char *name)
{
	(void)ctx;
	return org_struct_new(name);
}

static void
r_close(void *ctx, void *state)
{
	org_reader *r = ctx;
	r->close(r->ctx, state);
	org_struct_free(state);
}

org_reader *
org_reader_new(int ungrouped, org_close_fn close, void *ctx)
{
	org_reader *r = xcalloc(1, sizeof *r);
	r->close = close;
	r->ctx = ctx;
	r->subj = subjects_new(ungrouped, r_open, r_close, r);
	return r;
}

struct org *
org_reader_add(org_reader *r, csf_input *in, const csf_line *ln, json_t *rec)
{
	const char *subject = csf_str(rec, "subject");
	if (!subject || !*subject) {
		csf_input_bad(in, ln, "%s record needs a string \"subject\" (the organisation)", csf_str(rec, "type"));
		return NULL;
	}
	struct org *o = subjects_get(r->subj, in, ln, subject);
	if (!o || !org_struct_add(o, in, ln, rec))
		return NULL;
	return o;
}

struct org *
org_reader_peek(org_reader *r, csf_input *in, const csf_line *ln, const char *subject)
{
	return subjects_get(r->subj, in, ln, subject);
}

const char *
org_unit_name(const struct org_unit *u)
{
	json_t *n = json_object_get(u->rec, "name");
	if (json_is_string(n) && *json_string_value(n))
		return json_string_value(n);
	if (json_is_object(n) && *csf_text(n))
		return csf_text(n);
	return u->id;
}

void
org_reader_finish(org_reader *r)
{
	if (!r)
		return;
	subjects_finish(r->subj);
	free(r);
}
