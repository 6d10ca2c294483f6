/* render_person.c - a person's records read flat (render_report.h): the
 * HTML report's person, streamed or held. */
#include <stdlib.h>
#include <string.h>

#include "render/render_report.h"

static void
list_add(struct csf_flat_list *l, csf_flat *rec)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = rec;
}

static void
list_clear(struct csf_flat_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		csf_flat_free(l->v[i]);
	l->n = 0;
}

/* A summary record: the last one filed wins, as in csf_report_person_add. */
static void
set_one(csf_flat **slot, csf_flat *rec)
{
	csf_flat_free(*slot);
	*slot = rec;
}

void
csf_flat_person_add(struct csf_flat_person *p, const char *type, csf_flat *rec)
{
	const char *kind = csf_flat_str(rec, "kind");
	if (!kind)
		kind = "";
	/* (a switch on the first byte: every record of a person comes here) */
	if (type[0] == 's' && csf_streq(type, "score"))
		list_add(kind[0] == 'i' && csf_streq(kind, "item") ? &p->items : &p->summaries, rec);
	else if (type[0] == 'g' && csf_streq(type, "gap")) {
		if (kind[0] == 'i' && csf_streq(kind, "item"))
			list_add(&p->gaps, rec);
		else
			set_one(&p->gapsum, rec);
	} else if (type[0] == 'p' && csf_streq(type, "plan")) {
		if (kind[0] == 's' && csf_streq(kind, "step"))
			list_add(&p->steps, rec);
		else
			set_one(&p->plansum, rec);
	} else
		csf_flat_free(rec);
}

static void
list_of(struct csf_flat_list *l, const json_t *arr)
{
	size_t i;
	json_t *rec;
	json_array_foreach(arr, i, rec) {
		csf_flat *r = csf_flat_of_json(rec);
		if (r)
			list_add(l, r);
	}
}

void
csf_flat_person_of(struct csf_flat_person *fp, const struct csf_person *p)
{
	fp->subject = p->subject;
	fp->profile = p->profile;
	list_of(&fp->summaries, p->summaries);
	list_of(&fp->items, p->items);
	list_of(&fp->gaps, p->gaps);
	list_of(&fp->steps, p->steps);
	set_one(&fp->gapsum, p->gapsum ? csf_flat_of_json(p->gapsum) : NULL);
	set_one(&fp->plansum, p->plansum ? csf_flat_of_json(p->plansum) : NULL);
}

void
csf_flat_person_clear(struct csf_flat_person *p)
{
	list_clear(&p->summaries);
	list_clear(&p->items);
	list_clear(&p->gaps);
	list_clear(&p->steps);
	set_one(&p->gapsum, NULL);
	set_one(&p->plansum, NULL);
	p->profile = NULL;
	p->subject = NULL;
}

void
csf_flat_person_free(struct csf_flat_person *p)
{
	csf_flat_person_clear(p);
	free(p->summaries.v);
	free(p->items.v);
	free(p->gaps.v);
	free(p->steps.v);
	memset(p, 0, sizeof *p);
}

const char *
csf_flat_person_name(const struct csf_flat_person *p)
{
	const char *name = p->profile ? csf_str(p->profile, "name") : NULL;
	return name && *name ? name : p->subject;
}
