/* render_overview.c - the few figures a manager reads first: who, when,
 * how many people, how much is at target, where the largest gaps are and
 * how many items hang on one person. Built from the same records the
 * details show, person by person, so a streamed report has it too. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/render_report.h"

void
csf_overview_init(struct csf_overview *ov)
{
	memset(ov, 0, sizeof *ov);
	ov->gapix = json_object();
}

/* "2026-04-01" or "2026-04-01T09:00:00Z": the date part, if it is one. */
static int
date_part(const char *s, char out[11])
{
	if (!s || strlen(s) < 10)
		return 0;
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : (s[i] < '0' || s[i] > '9'))
			return 0;
	memcpy(out, s, 10);
	out[10] = '\0';
	return 1;
}

const char *const csf_overview_date_keys[] = { "date", "as_of", "assessed", "answered_at", NULL };

static void
take_date(struct csf_overview *ov, const char *s)
{
	char d[11];
	if (date_part(s, d) && strcmp(d, ov->date) > 0) {
		memcpy(ov->date, d, sizeof d);
		ov->date_from_data = 1;
	}
}

void
csf_overview_record(struct csf_overview *ov, const char *type, const json_t *rec)
{
	for (int i = 0; csf_overview_date_keys[i]; i++)
		take_date(ov, csf_str(rec, csf_overview_date_keys[i]));
	if (!ov->org && (!strcmp(type, "meta") || !strcmp(type, "profile"))) {
		json_t *o = json_object_get(rec, "organisation");
		if (!o)
			o = json_object_get(rec, "organization");
		const char *name = json_is_string(o) ? json_string_value(o) : csf_is_langobj(o) ? csf_text(o) : NULL;
		if (name && *name)
			ov->org = xstrdup(name);
	}
}

void
csf_overview_date(struct csf_overview *ov, const char *s)
{
	take_date(ov, s);
}

/* A person below target on item by gap. */
void
csf_overview_gap(struct csf_overview *ov, const char *item, double gap)
{
	if (!item || strlen(item) >= sizeof ov->gaps[0].item || gap <= 0)
		return;
	uint64_t w;
	unsigned at;
	int cached = csf_idcache_word(item, &w, &at);
	json_t *ix;
	size_t k;
	if (cached && ov->gapcache.key[at] == w)
		k = (size_t)(uintptr_t)ov->gapcache.val[at] - 1;
	else if ((ix = json_object_get(ov->gapix, item)))
		k = (size_t)json_integer_value(ix);
	else {
		k = ov->ngaps++;
		ov->gaps = xrealloc(ov->gaps, ov->ngaps * sizeof *ov->gaps);
		memset(&ov->gaps[k], 0, sizeof ov->gaps[k]);
		snprintf(ov->gaps[k].item, sizeof ov->gaps[k].item, "%s", item);
		json_object_set_new(ov->gapix, item, json_integer((json_int_t)k));
	}
	if (cached) {
		ov->gapcache.key[at] = w;
		ov->gapcache.val[at] = (void *)(uintptr_t)(k + 1);
	}
	ov->gaps[k].people++;
	ov->gaps[k].total += gap;
}

void
csf_overview_person(struct csf_overview *ov, const struct csf_person *p)
{
	json_t *items = p->gapsum ? json_object_get(p->gapsum, "items") : NULL;
	json_t *at = p->gapsum ? json_object_get(p->gapsum, "at_target") : NULL;
	int has = json_is_integer(items) && json_is_integer(at);
	csf_overview_people(ov, p->profile, has, has ? (long)json_integer_value(items) : 0,
	    has ? (long)json_integer_value(at) : 0);
	size_t i;
	json_t *g;
	json_array_foreach(p->gaps, i, g) {
		json_t *gap = json_object_get(g, "gap");
		if (json_is_number(gap))
			csf_overview_gap(ov, csf_str(g, "item"), json_number_value(gap));
	}
}

void
csf_overview_people(struct csf_overview *ov, const json_t *profile, int has_counts, long items, long at_target)
{
	ov->people++;
	if (profile)
		csf_overview_record(ov, "profile", profile);
	if (has_counts) {
		ov->items += items;
		ov->at_target += at_target;
	}
}

static int
by_weight(const void *a, const void *b)
{
	const struct csf_gap_count *x = a, *y = b;
	if (x->people != y->people)
		return x->people > y->people ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->item, y->item);
}

void
csf_overview_finish(struct csf_overview *ov, const struct csf_report *r)
{
	if (ov->ngaps)
		qsort(ov->gaps, ov->ngaps, sizeof *ov->gaps, by_weight);
	json_object_clear(ov->gapix);
	size_t i;
	json_t *g;
	const char *by = NULL;
	json_array_foreach(r->groups, i, g) {
		/* One grouping counts each item once; a second (--by role) would
		 * count it again. */
		if (!by)
			by = csf_str(g, "by");
		if (by && csf_str(g, "by") && !strcmp(by, csf_str(g, "by")))
			ov->nspof += json_array_size(json_object_get(g, "spof"));
	}
	if (!ov->date_from_data) {
		/* Today, or SOURCE_DATE_EPOCH's day for reproducible output. */
		const char *epoch = getenv("SOURCE_DATE_EPOCH");
		time_t now = epoch && *epoch ? (time_t)strtoll(epoch, NULL, 10) : time(NULL);
		struct tm tm;
		gmtime_r(&now, &tm);
		strftime(ov->date, sizeof ov->date, "%Y-%m-%d", &tm);
	}
}

void
csf_overview_free(struct csf_overview *ov)
{
	free(ov->org);
	free(ov->gaps);
	json_decref(ov->gapix);
	memset(ov, 0, sizeof *ov);
}

const char *
csf_person_name(const struct csf_person *p)
{
	const char *name = p->profile ? csf_str(p->profile, "name") : NULL;
	return name && *name ? name : p->subject;
}

void
csf_overview_of_doc(struct csf_overview *ov, const csf_doc *d, const struct csf_report *r)
{
	csf_overview_init(ov);
	for (size_t g = 0; g < d->ngroups; g++) {
		size_t i;
		json_t *rec;
		json_array_foreach(d->groups[g].records, i, rec)
			csf_overview_record(ov, d->groups[g].type, rec);
	}
	for (size_t i = 0; i < r->nperson; i++)
		csf_overview_person(ov, &r->person[i]);
	csf_overview_finish(ov, r);
}
