/* plan.c - learning plans: gaps -> ordered resource steps.
 * (Skeleton: records pass through until the planner lands.) */
#include <stdlib.h>

#include "pipeline.h"

struct planner { struct plan_opts opt; };

planner *
plan_new(const struct plan_opts *opt)
{
	planner *p = xcalloc(1, sizeof *p);
	p->opt = *opt;
	return p;
}

void
plan_gap(planner *p, csf_input *in, const csf_line *ln, json_t *obj)
{
	(void)p; (void)in; (void)obj;
	csf_pass(ln);
}

void
plan_finish(planner *p)
{
	free(p);
}
