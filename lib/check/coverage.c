/* coverage.c - does the resource catalogue cover the framework? For every
 * knowledge and skill item a persona lists (at its target, and without
 * work on the job when the persona outsources it) and every item of a role
 * (at the role default target), some chain of resources must take a
 * person from level 0 to the target with each step fitting the rule of
 * plan.c: a study resource ends at or below the target, work stops at
 * it. Requirements between resources are left to the planner. */
#include <string.h>

#include "check/coverage.h"
#include "tks/tks.h"

struct span {
	int from, to, work;
};

static int
is_work(const char *format)
{
	return format && (strcmp(format, "ojt") == 0 || strcmp(format, "assignment") == 0);
}

static int
lists(json_t *rec, const char *id)
{
	static const char *const keys[] = { "covers", "tasks" };
	for (int l = 0; l < 2; l++)
		if (csf_array_has(json_object_get(rec, keys[l]), id))
			return 1;
	return 0;
}

/* 0 reachable, else why not: "none" (no resource lists it), "above"
 * (only resources teaching above the target), "outsourced" (only work),
 * "levels" (the levels do not chain). */
static const char *
reach(json_t *resources, const char *id, int target, int outsourced)
{
	int any = 0, above = 0, work_only = 0;
	unsigned char at[TARGET_MAX + 1] = { 1 };
	size_t i;
	json_t *r;
	/* Levels only rise, so one pass per level settles the set. */
	for (int c = 0; c < target; c++) {
		if (!at[c])
			continue;
		json_array_foreach(resources, i, r) {
			if (!lists(r, id))
				continue;
			any = 1;
			json_t *lv = json_object_get(r, "levels");
			int from = (int)json_integer_value(json_array_get(lv, 0)), to = (int)json_integer_value(json_array_get(lv, 1));
			int work = is_work(json_string_value(json_object_get(r, "format")));
			if (from > c || c >= to)
				continue;
			if (work && outsourced) {
				work_only = 1;
				continue;
			}
			if (!work && to > target) {
				above = 1;
				continue;
			}
			at[to < target ? to : target] = 1;
		}
	}
	if (at[target])
		return NULL;
	return !any ? "none" : above ? "above" : work_only ? "outsourced" : "levels";
}

long
tks_coverage(json_t *resources, void (*report)(const char *item, int target, const char *who, const char *why))
{
	long problems = 0;
	json_t *persona;
	size_t i;
	json_array_foreach(csf_data_all("persona"), i, persona) {
		const tks_persona *p = tks_persona_get(csf_str(persona, "id"));
		for (int k = 0; p && k < p->n; k++) {
			const tks_item *it = tks_at(p->idx[k]);
			if (it->cls == TKS_TASK)
				continue;
			const char *why = reach(resources, it->id, p->target[k], p->mode[k] == MODE_OUTSOURCE);
			if (why) {
				char who[64];
				snprintf(who, sizeof who, "persona %s", p->id);
				report(it->id, p->target[k], who, why);
				problems++;
			}
		}
	}
	for (int r = 0; r < tks_role_count(); r++) {
		int n;
		const int *items = tks_role_items(r, &n);
		for (int k = 0; k < n; k++) {
			const tks_item *it = tks_at(items[k]);
			if (it->cls == TKS_TASK)
				continue;
			const char *why = reach(resources, it->id, ROLE_TARGET_DEFAULT, 0);
			if (why) {
				char who[64];
				snprintf(who, sizeof who, "role %s", tks_role_id(r));
				report(it->id, ROLE_TARGET_DEFAULT, who, why);
				problems++;
			}
		}
	}
	return problems;
}
