/* tks.c - index the framework's items, roles and personas once so the
 * pipeline looks everything up by hash or array index, never by scanning
 * the data per record. */
#include <stdlib.h>
#include <string.h>

#include "tks/tks.h"
#include "core/fields.h"
#include "core/strmap.h"

static tks_item *items;
static int nitems;
static strmap *item_ix;       /* id -> index + 1 */
static strmap *role_ix;       /* role id -> index + 1 */
static const char *role_ids[TKS_MAX_ROLES];   /* borrowed from the data index */
static int nroles;
static int *role_items[TKS_MAX_ROLES], role_nitems[TKS_MAX_ROLES];
static strmap *personas;      /* id -> tks_persona */
static int loaded;

static const char *class_types[] = { "task", "knowledge", "skill" };

int
tks_role_index(const char *id)
{
	tks_load();
	return (int)(intptr_t)strmap_get(role_ix, id) - 1;
}

/* From the records' text: ids and role lists are all the index needs, and
 * decoding every record into a tree was most of a tool's start-up. */
void
tks_load(void)
{
	if (loaded)
		return;
	loaded = 1;
	item_ix = strmap_new();
	role_ix = strmap_new();
	personas = strmap_new();
	size_t n = csf_data_count("role");
	for (size_t i = 0; i < n; i++) {
		const char *id = csf_data_id("role", i);
		if (!id || !*id)
			continue;
		if (nroles == TKS_MAX_ROLES)
			csf_die(1, "%s/roles.ndjson: more than %d roles", csf_datadir(), TKS_MAX_ROLES);
		int created;
		void **slot = strmap_slot(role_ix, id, &created);
		if (created)
			*slot = (void *)(intptr_t)(nroles + 1);   /* the first of a repeated id, as before */
		role_ids[nroles++] = id;
	}
	size_t total = 0;
	for (int c = 0; c < 3; c++)
		total += csf_data_count(class_types[c]);
	items = xcalloc(total ? total : 1, sizeof *items);
	for (int c = 0; c < 3; c++) {
		n = csf_data_count(class_types[c]);
		for (size_t i = 0; i < n; i++) {
			const char *id = csf_data_id(class_types[c], i);
			int created;
			if (!id || !*id)
				continue;
			void **slot = strmap_slot(item_ix, id, &created);
			if (!created)
				continue;   /* a duplicate ID is csf-check's to report */
			*slot = (void *)(intptr_t)(nitems + 1);
			tks_item *it = &items[nitems++];
			it->id = id;   /* borrowed from the data index */
			it->cls = c;
			it->data_index = i;
			csf_field roles;
			csf_iter ri;
			csf_field e;
			char rid[64];
			csf_data_roles(class_types[c], i, &roles);
			if (csf_field_array(&roles, &ri))
				while (csf_iter_next(&ri, &e))
					if (csf_field_str(&e, rid, sizeof rid) > 0) {
						int r = (int)(intptr_t)strmap_get(role_ix, rid) - 1;
						if (r >= 0)
							it->roles |= 1ULL << r;
					}
		}
	}
	/* Role -> items, in index order. */
	for (int r = 0; r < nroles; r++) {
		role_items[r] = xmalloc((size_t)(nitems ? nitems : 1) * sizeof (int));
		for (int k = 0; k < nitems; k++)
			if (items[k].roles >> r & 1)
				role_items[r][role_nitems[r]++] = k;
	}
}

json_t *
tks_record(int idx)
{
	return csf_data_at(class_types[items[idx].cls], items[idx].data_index);
}

int
tks_count(void)
{
	tks_load();
	return nitems;
}

const tks_item *
tks_at(int idx)
{
	return &items[idx];
}

int
tks_index(const char *id)
{
	tks_load();
	return (int)(intptr_t)strmap_get(item_ix, id) - 1;
}

int
tks_role_count(void)
{
	tks_load();
	return nroles;
}

const char *
tks_role_id(int r)
{
	return role_ids[r];
}

const int *
tks_role_items(int r, int *n)
{
	*n = role_nitems[r];
	return role_items[r];
}

const tks_persona *
tks_persona_get(const char *id)
{
	tks_load();
	tks_persona *cached = strmap_get(personas, id);
	if (cached)
		return cached;
	json_t *rec = csf_data_find("persona", id);
	if (!rec)
		return NULL;
	json_t *list = json_object_get(rec, "items");
	size_t n = json_array_size(list), i;
	tks_persona *p = xcalloc(1, sizeof *p);
	p->id = csf_str(rec, "id");
	p->idx = xmalloc((n ? n : 1) * sizeof *p->idx);
	p->mode = xmalloc(n ? n : 1);
	p->phase = xmalloc(n ? n : 1);
	p->target = xmalloc(n ? n : 1);
	json_t *e;
	json_array_foreach(list, i, e) {
		int k = tks_index(csf_str(e, "item") ? csf_str(e, "item") : "");
		if (k < 0)
			continue;   /* csf-check reports dangling references */
		int mode = tks_mode_parse(csf_str(e, "mode"));
		int phase = tks_phase_parse(csf_str(e, "phase"));
		json_t *t = json_object_get(e, "target");
		long long tv = json_integer_value(t);
		p->idx[p->n] = k;
		p->mode[p->n] = (signed char)mode;
		p->phase[p->n] = (signed char)phase;
		p->target[p->n] = (signed char)(json_is_integer(t) && tv >= 0 && tv <= TARGET_MAX
		                                ? tv : tks_mode_target(mode, phase));
		p->n++;
	}
	*strmap_slot(personas, id, NULL) = p;
	return p;
}

const char *
tks_class_name(int cls)
{
	return class_types[cls];
}

static const char *mode_names[] = { "own", "support", "outsource" };
static const char *phase_names[] = { "normal", "incident" };

const char *
tks_mode_name(int mode)
{
	return mode >= 0 && mode < MODE_NONE ? mode_names[mode] : NULL;
}

const char *
tks_phase_name(int phase)
{
	return phase >= 0 && phase < PHASE_NONE ? phase_names[phase] : NULL;
}

int
tks_mode_parse(const char *s)
{
	for (int m = 0; s && m < MODE_NONE; m++)
		if (strcmp(s, mode_names[m]) == 0)
			return m;
	return MODE_NONE;
}

int
tks_phase_parse(const char *s)
{
	for (int p = 0; s && p < PHASE_NONE; p++)
		if (strcmp(s, phase_names[p]) == 0)
			return p;
	return PHASE_NONE;
}

/* Self-scale targets by how the person is involved, the rule the data in
 * personas.ndjson follows (share/csf/README.md): what one does oneself must
 * be done unaided (3); supporting others under direction needs 2; outsourced
 * work needs enough to brief a vendor and judge its report (1). An incident
 * does not lower a target: what is needed only then is learnt beforehand. */
int
tks_mode_target(int mode, int phase)
{
	(void)phase;
	switch (mode) {
	case MODE_SUPPORT: return 2;
	case MODE_OUTSOURCE: return 1;
	default: return 3;
	}
}

int
tks_rank(int mode, int phase)
{
	if (mode == MODE_NONE)
		mode = MODE_OWN;
	if (phase == PHASE_NONE)
		phase = PHASE_NORMAL;
	return mode * 2 + (phase == PHASE_NORMAL);
}
