/* gap.c - the TKS gap model: scores -> gap records and aggregates.
 * (Skeleton: records pass through until the gap model lands.) */
#include <stdlib.h>

#include "pipeline.h"

struct gapper { struct gap_opts opt; };

gapper *
gap_new(const struct gap_opts *opt)
{
	gapper *g = xcalloc(1, sizeof *g);
	g->opt = *opt;
	return g;
}

void
gap_score(gapper *g, csf_input *in, const csf_line *ln, json_t *obj)
{
	(void)g; (void)in; (void)obj;
	csf_pass(ln);
}

void
gap_partial(gapper *g, csf_input *in, const csf_line *ln, json_t *obj)
{
	(void)g; (void)in; (void)obj;
	csf_pass(ln);
}

void
gap_finish(gapper *g)
{
	free(g);
}
